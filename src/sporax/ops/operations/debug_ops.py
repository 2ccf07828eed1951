"""Print (`side_effect_io`): prints now in PyNative, in program order inside a compiled graph."""
from __future__ import annotations

import sys

import jax
import numpy as np

from ..._runtime import state_frame
from ...common import _tensor_format
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..primitive import Primitive


def _line(item, value=None) -> str:
    if isinstance(item, Tensor):
        array = np.asarray(value)
        return _tensor_format.tensor_repr(array, mstype.from_numpy(array.dtype))
    return str(item)


def _mark_io(frame) -> None:
    while frame is not None:
        frame.has_io = True
        frame = frame.parent


class Print(Primitive):
    """Print each argument on its own line: Tensors in their repr form, other values with str().
    Returns None."""

    def __init__(self):
        super().__init__("Print")
        self.add_prim_attr("side_effect_io", True)

    def __call__(self, *input_x):
        for item in input_x:
            if not isinstance(item, (Tensor, str, int, float, bool)) and item is not None:
                raise TypeError(f"For 'Print', each input must be a Tensor, str, int, float or bool, "
                                f"but got {type(item).__name__}.")
        tensors = [item._value() for item in input_x if isinstance(item, Tensor)]

        def emit(*values):
            values = iter(values)
            text = "\n".join(_line(item, next(values) if isinstance(item, Tensor) else None) for item in input_x)
            sys.stdout.write(text + "\n")
            sys.stdout.flush()

        frame = state_frame.active()
        if frame is None:
            emit(*tensors)
        elif frame.mode != "discover":  # an ordered effect of the traced program, printed when it runs
            jax.debug.callback(emit, *tensors, ordered=True)
            _mark_io(frame)
        return None  # (the shape-only discovery trace prints nothing)
