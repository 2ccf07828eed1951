"""MindSpore's class and form for the errors JAX raises inside a primitive's kernel.

A primitive checks in its `__call__` what MindSpore checks; what it leaves unchecked reaches
JAX, whose messages name a JAX function (`add got incompatible shapes for broadcasting`,
`dot_general requires contracting dimensions ...`) instead of the operator, and whose classes
differ from MindSpore's (JAX raises TypeError for shapes, MindSpore ValueError). The executor
passes such an error through `mindspore_form`, so that a user always reads the operator's name
and MindSpore's class. An error that already names its operator ("For 'X', ...") or that was
not raised inside JAX is the primitive's own and stays as it is.
"""
from __future__ import annotations

import os
import re

# Shape errors, by the words JAX (0.6 to 0.10) uses: what the shapes are, and what they must be.
_SHAPE_ERRORS = (
    ("incompatible shapes for broadcasting", "shapes of the inputs",
     "need to broadcast: each dimension must be equal, or 1 in one of them"),
    ("cannot concatenate arrays with shapes", "shapes of the inputs", "must be equal except along the concatenation axis"),
    ("cannot concatenate arrays with different numbers of dimensions", "shapes of the inputs", "must have the same rank"),
    ("all input arrays must have the same shape", "shapes of the inputs", "must be equal"),
    ("requires contracting dimensions to have the same shape", "contracting dimensions of the inputs", "must be equal"),
    ("cannot reshape array of shape", "input shape and the requested shape", "must hold the same number of elements"),
)
_SHAPE = r"\((?:\d+(?:, ?\d+)*,?)?\)"
_JAX_FILES = (f"{os.sep}jax{os.sep}", f"{os.sep}jaxlib{os.sep}", f"{os.sep}opt_einsum{os.sep}")


def mindspore_form(prim, args: tuple, error: Exception):
    """The error a user should see for `error`, raised while `prim` ran on `args`; None when
    `error` is already in MindSpore's form and should propagate unchanged."""
    text = str(error)
    if text.startswith("For ") or not _raised_in_jax(error):
        return None
    name = _operator_name(prim)
    lowered = text.lower()
    for words, subject, requirement in _SHAPE_ERRORS:
        if words in lowered:
            return ValueError(f"For '{name}', the {subject}, {_shapes_of(text, args)}, {requirement}.")
    try:
        return type(error)(f"For '{name}', {text}")
    except TypeError:  # an exception class whose constructor takes other arguments
        return None


def _raised_in_jax(error: Exception) -> bool:
    trace = error.__traceback__
    while trace.tb_next is not None:
        trace = trace.tb_next
    filename = trace.tb_frame.f_code.co_filename
    return any(part in filename for part in _JAX_FILES)


def _operator_name(prim) -> str:
    while not hasattr(prim, "name") and hasattr(prim, "prim"):  # a wrapper: regrouped or constrained
        prim = prim.prim
    return getattr(prim, "name", type(prim).__name__)


def _shapes_of(text: str, args: tuple) -> str:
    """The shapes the message names, or else those of the array arguments (JAX 0.6's stack
    message names none)."""
    shapes = re.findall(_SHAPE, text)
    if not shapes:
        shapes = [str(tuple(a.shape)) for a in args if hasattr(a, "shape") and hasattr(a, "dtype")]
    return shapes[0] if len(shapes) == 1 else ", ".join(shapes[:-1]) + " and " + shapes[-1]
