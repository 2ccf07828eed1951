"""Differential cases of prim3's nn / sequence / control primitives (issue 10), one or more per
name; outputs from MindSpore 2.10 CPU via `make_differential_outputs.py _prim3`.

Where MindSpore CPU has no kernel (it raises "Unsupported op ... on CPU" or "kernel ...
unregistered": Ascend-only kernels), MINDSPORE_CPU_WRONG gives the float64 NumPy reference of
MindSpore's documented formula, and the case compares sporax with it.
"""
from __future__ import annotations

import numpy as np

from differential_cases import T, call, error  # noqa: F401

X = T((2, 3))
# Three labels, all of sample 0 (a batch of one: MindSpore CPU gives an empty label a loss that is not
# −Σ log p(blank), so no case has one).
LABEL_INDICES = T((3, 2), "int64", "const:0")
LABEL_VALUES = T((3,), "int32", "index:3")
CASES = [
    call("ops.AccumulateNV2", [X, X, X], init=()),
    call("ops.LerpScalar", X, X, 0.3, init=()),
    call("ops.LogSoftmaxExt", T((2, 4)), 1, init=()),
    call("ops.DataFormatDimMap", T((5,), "int32", "int"), init=(), graph=True),
    call("ops.DataFormatDimMap", T((2, 3), "int32", "int"), init=("NCHW", "NHWC")),
    call("ops.DataFormatVecPermute", T((4,), "int32", "int"), init=()),
    call("ops.DataFormatVecPermute", T((4, 2), "int64", "int"), init=("NCHW", "NHWC")),
    call("ops.IndexPut", T((3, 4)), T((1,)), [T((2,), "int32", "index:3"), T((2,), "int32", "index:4")], init=()),
    call("ops.IndexPut", T((3, 4)), T((4,)), [T((2,), "int64", "index:3")], init=(1,), grad=True, graph=True),
    call("ops.NoRepeatNGram", T((2, 2, 6), "int32", "index:3"), T((2, 2, 5)), init=(2,), graph=True),
    call("ops.NoRepeatNGram", T((1, 2, 5), "int32", "index:2"), T((1, 2, 4)), init=(3,)),
    call("ops.SelectView", X, 1, 1, init=(), grad=True, graph=True),
    call("ops.SelectView", T((2, 3, 4)), 3, 2, init=()),
    call("ops.TransposeView", T((2, 3, 4)), (2, 0, 1), init=(), grad=True, graph=True),
    call("ops.TransposeExtView", T((2, 3, 4)), 0, 2, init=(), grad=True, graph=True),
    call("ops.CopyWithSlice", X, X, init=()),
    call("ops.LogSoftmaxExt", T((2, 4), "float64"), None, init=()),
    call("ops.DataFormatVecPermute", T((4,), "int32", "int"), init=(), graph=True),
    # (int specs are drawn x3: "const:2" is 6, "const:1" is 3)
    call("ops.CTCGreedyDecoder", T((6, 3, 4)), T((3,), "int32", "const:2"), init=()),
    call("ops.CTCGreedyDecoder", T((6, 3, 4), "float64"), T((3,), "int32", "index:7"), init=(False,)),
    call("ops.ctc_greedy_decoder", T((6, 2, 3)), T((2,), "int32", "index:7"), merge_repeated=False),
    call("ops.CTCLoss", T((6, 1, 4)), LABEL_INDICES, LABEL_VALUES, T((1,), "int32", "const:2"), init=()),
    call("ops.CTCLoss", T((6, 1, 4)), LABEL_INDICES, LABEL_VALUES, T((1,), "int32", "const:2"),
         init=(True, True, False)),
    call("ops.CTCLoss", T((6, 1, 4)), LABEL_INDICES, LABEL_VALUES, T((1,), "int32", "const:2"), init=(False, False)),
    call("ops.CTCLossV2", T((6, 2, 4)), T((2, 3), "int32", "index:3"), T((2,), "int32", "const:2"),
         T((2,), "int32", "const:1"), init=(3,)),
    call("ops.CTCLossV2", T((6, 3, 4), "float64"), T((3, 3), "int64", "index:3"), T((3,), "int64", "index:7"),
         T((3,), "int64", "index:4"), init=(3, "none", True)),
    error("ops.CTCLossV2", T((6, 3, 4)), T((3, 2), "int32", "index:3"), T((3,), "int32", "const:1"),
          T((3,), "int32", "const:1"), init=(3, "mean")),
    # LSTM's outputs (its workspace outputs differ by design) are compared in tests/ops/test_prim3_recurrent.py.
    error("ops.LSTM", T((4, 2, 2)), T((1, 2, 3)), T((1, 2, 3)), T((60, 1, 1), "int32"),
          init=(2, 3, 1, False, False, 0.0)),
    call("ops.FractionalMaxPoolWithFixedKsize", T((2, 3, 7, 6)), T((2, 3, 2), "float32", "prob"), init=((2, 3), (4, 3))),
    call("ops.FractionalMaxPoolWithFixedKsize", T((1, 2, 5, 5), "float64"), T((1, 2, 2), "float64", "prob"),
         init=(2, 3)),
    call("ops.FractionalMaxPool3DWithFixedKsize", T((1, 2, 5, 6, 5)), T((1, 2, 3), "float32", "prob"),
         init=((2, 2, 1), (3, 4, 3))),
    call("ops.fractional_max_pool2d", T((2, 2, 6, 6)), 2, output_size=(3, 4), return_indices=True,
         _random_samples=T((2, 2, 2), "float32", "prob")),
    call("ops.fractional_max_pool2d", T((2, 6, 7)), (2, 2), output_ratio=0.5,
         _random_samples=T((1, 2, 2), "float32", "prob")),
    call("ops.fractional_max_pool3d", T((1, 2, 5, 5, 5)), 2, output_size=(3, 3, 2), return_indices=True,
         _random_samples=T((1, 2, 3), "float32", "prob")),
    error("ops.FractionalMaxPoolWithFixedKsize", T((1, 2, 5, 5)), T((1, 2, 3), "float32", "prob"), init=(2, 3)),
    call("ops.fractional_max_pool2d", T((2, 2, 6, 6)), 2, output_size=(3, 4), output_ratio=0.5,
         _random_samples=T((2, 2, 2), "float32", "prob")),
    error("ops.fractional_max_pool2d", T((2, 2, 6, 6)), 2),
    error("ops.CTCLoss", T((6, 1, 4)), LABEL_INDICES, T((3,), "int64", "index:3"), T((1,), "int32", "const:2"),
          init=()),
    error("ops.CTCGreedyDecoder", T((5, 3, 4), "int32"), T((3,), "int32", "const:5"), init=()),
    # (LerpScalar, RmsNorm, BatchToSpaceNDV2: MindSpore CPU refuses bad input with RuntimeError, having no
    # kernel; sporax's TypeError/ValueError for them are in tests/ops/test_prim3_nn.py)
    error("ops.LogSoftmaxExt", X, 2, init=()),
    error("ops.AccumulateNV2", [X, T((3, 2))], init=()),
    error("ops.SplitV", T((2, 5)), init=((2, 2), 1, 2)),
    error("ops.IndexPut", T((3, 4)), T((2,)), [T((2,), "int32", "index:3")], init=()),
    error("ops.DataFormatVecPermute", T((3,), "int32", "int"), init=()),
    error("ops.NoRepeatNGram", T((2, 2, 6), "float32"), T((2, 2, 5)), init=(2,)),
]


def _lerp(a, b):
    return a + 0.3 * (b - a)


def _log_softmax(x):
    z = x - x.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


MINDSPORE_CPU_WRONG = {
    "ops.AccumulateNV2()([float32[2, 3],float32[2, 3],float32[2, 3]])":
        ("MindSpore CPU has no AccumulateNV2 kernel; the sum of the inputs", lambda a, b, c: a + b + c),
    "ops.LerpScalar()(float32[2, 3],float32[2, 3],0.3)":
        ("MindSpore CPU has no LerpScalar kernel; input + weight·(end − input)", _lerp),
    "ops.LogSoftmaxExt()(float32[2, 4],1)":
        ("MindSpore CPU has no LogSoftmaxExt kernel; x − logΣexp(x) along dim", _log_softmax),
    "ops.LogSoftmaxExt()(float64[2, 4],None)":
        ("MindSpore CPU has no LogSoftmaxExt kernel; dim=None is 1 for a 2-D input", _log_softmax),
}
