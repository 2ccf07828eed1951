"""Differential cases for the Tensor methods, mint and mint.nn.functional names added by
tensorsurf (see differential_cases.py for the helpers).

Only what MindSpore 2.10 runs on CPU is here. Its CPU backend has no kernel for most in-place
operations ("The kernel InplaceClampScalar unregistered", InplaceScatterSrc, InplaceReLU, ...:
they are Ascend kernels), nor for BatchNormStats/Elemt/GatherStatsWithCounts, Conv2DExt,
conv_tbc, addr_ or kthvalue; those are checked in tests/common/test_tensor_inplace.py and
tests/mint/test_mint_tensorsurf.py against their formulas and against the out-of-place op of
the same meaning. The in-place cases here compare the returned value (MindSpore's CPU kernels
for add_/sub_/mul_/div_/exp_/remainder_/floor_divide_ return the result without writing it into
self; that the write happens is tested in tests/common/test_tensor_inplace.py, and GRAPH_MODE there
too: the graph-equals-eager runner would apply an in-place op twice to the same input).
"""
from __future__ import annotations

from differential_cases import D, T, call, error  # noqa: F401

CASES = [
    # --- in-place arithmetic: the value returned --------------------------------------------------
    call("Tensor.add_", T((2, 3)), T((2, 3))),
    call("Tensor.add_", T((2, 3)), T((3,)), alpha=2),
    call("Tensor.add_", T((2, 3)), 1.5),
    call("Tensor.add_", T((2, 3), "float64"), T((2, 3), "float64")),
    call("Tensor.add_", T((2, 3), "int32", "int"), T((2, 3), "int32", "int")),
    call("Tensor.sub_", T((2, 3)), T((2, 3))),
    call("Tensor.sub_", T((2, 3)), T((3,)), alpha=0.5),
    call("Tensor.sub_", T((2, 3), "int64", "int"), 2),
    call("Tensor.mul_", T((2, 3)), T((2, 3))),
    call("Tensor.mul_", T((2, 3)), 2.0),
    call("Tensor.mul_", T((2, 3), "float16"), T((2, 3), "float16")),
    call("Tensor.div_", T((2, 3)), T((2, 3), "float32", "positive")),
    call("Tensor.div_", T((2, 3)), T((2, 3), "float32", "positive"), rounding_mode="floor"),
    call("Tensor.div_", T((2, 3)), T((2, 3), "float32", "positive"), rounding_mode="trunc"),
    call("Tensor.exp_", T((2, 3))),
    call("Tensor.exp_", T((2, 3), "float64")),
    call("Tensor.exp_", T((3, 4), "float32", "edge")),
    call("Tensor.copy_", T((2, 3)), T((2, 3))),
    call("Tensor.copy_", T((2, 3)), T((3,))),
    call("Tensor.remainder_", T((2, 3)), 1.5),
    call("Tensor.remainder_", T((2, 3), "int32", "int"), T((2, 3), "int32", "nonzero")),
    call("Tensor.floor_divide_", T((2, 3)), T((2, 3), "float32", "positive")),
    call("Tensor.floor_divide_", T((2, 3), "int32", "int"), T((2, 3), "int32", "nonzero")),
    call("Tensor.assign_value", T((2, 3)), T((3, 2))),
    call("Tensor.assign_value", T((2, 3)), T((4,), "int32", "int")),
    # --- new methods ---------------------------------------------------------------------------------
    call("Tensor.sigmoid", T((2, 3)), graph=True),
    call("Tensor.sigmoid", T((2, 3), "float64")),
    call("Tensor.sigmoid", T((3, 4), "float32", "edge")),
    call("Tensor.softmax", T((2, 3)), 1, graph=True),
    call("Tensor.softmax", T((2, 3)), 0, D("float64")),
    call("Tensor.softmax", T((2, 3, 4)), -1),
    error("Tensor.softmax", T((2, 3)), 2),
    call("Tensor.hardshrink", T((2, 3)), graph=True),
    call("Tensor.hardshrink", T((2, 3)), 1.0),
    call("Tensor.hardshrink", T((2, 3), "float16"), 0.3),
    error("Tensor.hardshrink", T((2, 3), "int32", "int")),
    call("Tensor.soft_shrink", T((2, 3))),
    call("Tensor.soft_shrink", T((2, 3)), 0.2),
    # (an int spec's values are 3x the const: output_size [6, 6] and [3, 3])
    call("Tensor.fold", T((1, 8, 25)), T((2,), "int32", "const:2"), 2),
    call("Tensor.fold", T((2, 12, 2)), T((2,), "int32", "const:1"), (2, 3), 1, 0, 1),
    call("Tensor.unfold", T((1, 2, 4, 4)), 2),
    call("Tensor.unfold", T((2, 1, 5, 5)), 3, 1, 1, 2),
    call("Tensor.col2im", T((1, 2, 4, 25)), T((2,), "int32", "const:2"), 2, 1, 0, 1),
    call("Tensor.max", T((2, 3)), 1),
    call("Tensor.max", T((2, 3)), 0, True),
    call("Tensor.max", T((2, 3)), axis=1, keepdims=True),
    call("Tensor.max", T((2, 3)), axis=1, return_indices=True),
    call("Tensor.min", T((2, 3)), 1),
    call("Tensor.min", T((2, 3)), axis=0),
    call("Tensor.min", T((2, 3), "int32", "int"), 0, True),
    call("Tensor.flatten", T((2, 3, 4)), 1, 2),
    call("Tensor.flatten", T((2, 3, 4)), start_dim=1),
    call("Tensor.flatten", T((2, 3)), "F"),
    call("Tensor.itemset", T((2, 2)), 3, 9.0),
    call("Tensor.itemset", T((2, 2)), (1, 0), 9.0),
    call("ops.col2im", T((1, 2, 4, 25)), T((2,), "int32", "const:2"), 2, 1, 0, 1, graph=False),
    call("ops.col2im", T((2, 1, 6, 2)), T((2,), "int32", "const:1"), (2, 3), 1, 0, 1),
    error("ops.col2im", T((1, 2, 4, 25)), T((2,), "int32", "const:2"), 2, 1, 0, 0),
    # --- mint -------------------------------------------------------------------------------------
    call("mint.sigmoid", T((2, 3)), graph=True),
    call("mint.sigmoid", T((2, 3), "float16")),
    call("mint.softmax", T((2, 3)), 0, graph=True),
    call("mint.softmax", T((2, 3)), 1, dtype=D("float64")),
    call("mint.clamp", T((2, 3)), -0.5, 0.5, graph=True),
    call("mint.clamp", T((2, 3)), T((3,)), None),
    call("mint.clamp", T((2, 3), "int32", "int"), min=-2),
]
