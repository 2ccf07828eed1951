"""The differential cases, one line per op (see differential_cases.py for the helpers)."""
from __future__ import annotations

import numpy as np

from differential_cases import ALL, FLOATS, INTS, NUMERIC, D, T, binary, call, error, unary  # noqa: F401

CASES = [
    # --- elementwise arithmetic -------------------------------------------------------------
    *binary("ops.add"),
    *binary("ops.sub"),
    *binary("ops.mul"),
    *binary("ops.div", dtypes=FLOATS),
    *binary("ops.maximum", edge=False),
    *binary("ops.minimum", edge=False),
    *unary("ops.neg", dtypes=NUMERIC),
    *unary("ops.abs", dtypes=NUMERIC, grad=False),
    *unary("ops.exp"),
    *unary("ops.log", values="positive"),
    *unary("ops.sqrt", values="positive"),
    *unary("ops.square", dtypes=NUMERIC),
    # --- reductions and indices ----------------------------------------------------------------
    call("ops.sum", T((2, 3, 4)), dim=1, grad=True),
    call("ops.argmax", T((3, 4)), dim=1),
    call("ops.argmax", T((3, 4)), dim=None),
    call("ops.ReduceSum", T((2, 3)), (1,), init=(True,)),
    error("ops.ReduceSum", T((2, 3)), 1.5, init=(True,)),
]

# Cases where MindSpore 2.10's CPU kernel is itself wrong: (why, float64 NumPy reference).
# The test shows MindSpore's stored value differs from the reference and compares sporax
# with the reference instead.
MINDSPORE_CPU_WRONG = {
    "ops.div(float32[3, 4]~edge,float32[3, 4]~edge)": ("NaN / 0 gives -inf on MindSpore CPU (IEEE 754: NaN)",
                                                        np.divide),
}
