"""Differential cases for the toplevel helper (issue 10): `mindspore.ops`' older names
(tensor_*, reduce_*, pows, the *_ext functions), its small numeric helpers, and
`mindspore.ops.composite`'s functions (see differential_cases.py)."""
from __future__ import annotations

import numpy as np

from differential_cases import D, T, call, error  # noqa: F401

I32 = "int32"

CASES = [
    # --- primitive instances under their old names -------------------------------------------------
    call("ops.tensor_add", T((2, 3)), T((2, 3)), grad=True, graph=True),
    call("ops.tensor_add", T((2, 1, 3), I32, "int"), T((4, 3), I32, "int")),
    call("ops.tensor_sub", T((2, 3)), T((3,)), grad=True, graph=True),
    call("ops.tensor_mul", T((2, 3), "float16"), T((2, 3), "float16")),
    call("ops.tensor_mul", T((2, 3)), 2.0, grad=True),
    call("ops.tensor_div", T((2, 3)), T((2, 3), "float32", "positive"), grad=True, graph=True),
    call("ops.tensor_exp", T((2, 3)), grad=True, graph=True),
    call("ops.tensor_exp", T((3, 4), "float32", "edge")),
    call("ops.tensor_expm1", T((2, 3)), grad=True),
    call("ops.tensor_floordiv", T((2, 3), I32, "int"), T((2, 3), I32, "nonzero")),
    call("ops.tensor_mod", T((2, 3)), T((2, 3), "float32", "positive")),
    call("ops.tensor_pow", T((2, 3), "float32", "positive"), T((2, 3)), grad=True),
    call("ops.pows", T((2, 3)), 2.0, grad=True, graph=True, tag="toplevel"),
    call("ops.tensor_ge", T((2, 3)), T((2, 3))),
    call("ops.tensor_gt", T((2, 3), I32, "int"), T((3,), I32, "int")),
    call("ops.tensor_le", T((2, 3)), 0.0),
    call("ops.tensor_lt", T((2, 3)), T((2, 3)), graph=True),
    call("ops.tensor_muls", T((2, 3)), 2.5, graph=True),
    call("ops.tensor_slice", T((3, 4)), (1, 0), (2, 3), grad=True, graph=True),
    error("ops.tensor_slice", T((3, 4)), (1, 0), (5, 3)),
    call("ops.reduce_sum", T((2, 3)), 1, grad=True, graph=True),
    # (an int32 reduce_sum is left out: sporax's ReduceSum returns Int64 where MindSpore's keeps Int32,
    # because ops.sum, which must return Int64, is built on it; reported to the lead.)
    call("ops.reduce_mean", T((2, 3)), (0, 1), grad=True),
    call("ops.reduce_max", T((2, 3), "float64"), 0),
    call("ops.reduce_min", T((2, 3)), -1, graph=True),
    error("ops.reduce_sum", T((2, 3)), 2),
    # --- the *_ext functions (mint's) ------------------------------------------------------------------
    call("ops.einsum_ext", "ij,jk->ik", T((2, 3)), T((3, 2)), grad=True, graph=True),
    call("ops.diff_ext", T((2, 5)), 1, -1, grad=True),
    call("ops.isnan_ext", T((3, 4), "float32", "edge")),
    call("ops.float_power_ext", T((2, 3), "float32", "positive"), 2.0),
    call("ops.baddbmm_ext", T((2, 2, 2)), T((2, 2, 3)), T((2, 3, 2)), beta=0.5, alpha=2.0, grad=True),
    call("ops.adaptive_avg_pool2d_ext", T((1, 2, 4, 4)), (2, 2), grad=True, graph=True),
    # --- small numeric functions ---------------------------------------------------------------------
    call("ops.eps", T((2, 3))),
    call("ops.eps", T((2, 3), "float16")),
    call("ops.eps", T((2, 3), "float64")),
    error("ops.eps", T((2, 3), I32, "int")),
    call("ops.clip_by_norm", T((2, 3)), 1.0, graph=True),
    call("ops.clip_by_norm", T((2, 3)), 100.0),
    call("ops.clip_by_norm", T((4,)), 0.5, 1.0),
    call("ops.clip_by_norm", [T((2, 3)), T((3,))], 1.0),
    call("ops.deepcopy", T((2, 3)), graph=True),
    call("ops.deepcopy", T((2, 3), I32, "int")),
    call("ops.mixed_precision_cast", D("float16"), T((2, 3))),
    call("ops.mixed_precision_cast", D("float16"), [T((2, 3)), T((2,), I32, "int"), 3]),
    call("ops.mixed_precision_cast", D("float32"), T((2, 3), "float64")),
    # --- ops.composite's functions -------------------------------------------------------------------
    call("ops.composite.batch_dot", T((2, 3, 4)), T((2, 4, 3)), (2, 1), grad=True),
    call("ops.composite.dot", T((2, 3)), T((3, 4)), grad=True, graph=True),
    call("ops.composite.mm", T((2, 3)), T((3, 4)), grad=True),
    call("ops.composite.tensor_dot", T((2, 3)), T((3, 4)), ((1,), (0,)), grad=True),
    call("ops.composite.vecdot", T((2, 3)), T((2, 3)), axis=-1, grad=True),
    error("ops.composite.mm", T((2, 3)), T((4, 2))),
    call("ops.composite._ones_like_for_grad", T((2, 3))),
]

# MindSpore 2.10 CPU has no kernel for these (it runs them on Ascend only); the reference is
# NumPy in float64 (see test_differential_ops.py).
MINDSPORE_CPU_WRONG = {
    # MindSpore's clip_by_norm computes the p-norm as (sum x^p)^(1/p), without |x|: for odd p and
    # negative values the "norm" is negative and the clipping flips signs. sporax uses |x|.
    "ops.clip_by_norm(float32[4],0.5,1.0)": (
        "MindSpore's clip_by_norm forgets |x| in its p-norm (the L1 'norm' of negatives is negative)",
        lambda x: x * min(1.0, 0.5 / (np.abs(x).sum() + 1e-6))),
    "ops.einsum_ext('ij,jk->ik',float32[2, 3],float32[3, 2])": (
        "MindSpore's einsum_ext supports Ascend only (NotImplementedError)", lambda a, b: np.einsum("ij,jk->ik", a, b)),
    "ops.baddbmm_ext(float32[2, 2, 2],float32[2, 2, 3],float32[2, 3, 2],alpha=2.0,beta=0.5)": (
        "MindSpore CPU has no Baddbmm kernel (RuntimeError)", lambda x, b1, b2: 0.5 * x + 2.0 * (b1 @ b2)),
    "ops.adaptive_avg_pool2d_ext(float32[1, 2, 4, 4],[2,2])": (
        "MindSpore CPU has no AdaptiveAvgPool2DExt kernel (RuntimeError)",
        lambda x: x.reshape(1, 2, 2, 2, 2, 2).mean(axis=(3, 5))),
}
