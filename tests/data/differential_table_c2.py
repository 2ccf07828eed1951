"""Differential cases (issue 10) for `mindspore.ops.operations` Primitives that had none yet
(helper cases2): one or more per name, outputs from MindSpore 2.10 CPU via
`make_differential_outputs.py _c2`. Every case carries tag="c2" so `-k c2` selects this table.
(int specs with float value kinds are drawn x3: "const:2" is 6 in int32.)"""
from __future__ import annotations

import numpy as np

from differential_cases import D, T, call, error  # noqa: F401

X = T((2, 3))
X4 = T((1, 2, 4, 4))
X5 = T((1, 1, 2, 4, 4))
IDX2 = T((2, 1), "int32", "arange")
C2 = "c2"
CASES = [
    call("ops.MatMul", X, T((3, 4)), init=(), grad=True, graph=True, tag=C2),
    call("ops.MatMul", X, T((4, 3)), init=(False, True), tag=C2),
    call("ops.MatrixBandPart", T((3, 4)), 1, 0, init=(), tag=C2),
    call("ops.MaxPool", X4, init=(2, 2), grad=True, tag=C2),
    call("ops.MaxPool", X4, init=(3, 1, "same"), tag=C2),
    call("ops.MaxPool3DWithArgmax", X5, init=(2, 2, 0), tag=C2),
    call("ops.MaxPoolWithArgmax", X4, init=(2, 2), tag=C2),
    call("ops.MaxPoolWithArgmax", T((2, 2, 3, 3)), init=(2, 2, "same"), tag=C2),
    call("ops.MaxPoolWithArgmaxV2", X4, init=(2, 2), tag=C2),
    call("ops.MaxUnpool2D", T((1, 1, 2, 2)), T((1, 1, 2, 2), "int64", "const:1"), init=(2, 2), tag=C2),
    call("ops.MaxUnpool3D", T((1, 1, 1, 2, 2)), T((1, 1, 1, 2, 2), "int64", "const:1"), init=(2, 2), tag=C2),
    call("ops.Maximum", X, T((2, 3)), init=(), grad=True, graph=True, tag=C2),
    call("ops.Minimum", X, T((3,)), init=(), grad=True, tag=C2),
    call("ops.MirrorPad", X, T((2, 2), "int64", "index:2"), init=(), tag=C2),
    call("ops.MirrorPad", X, T((2, 2), "int64", "index:2"), init=("SYMMETRIC",), tag=C2),
    call("ops.Mul", X, X, init=(), grad=True, graph=True, tag=C2),
    call("ops.Mul", T((2, 3), "int32", "int"), 3, init=(), tag=C2),
    call("ops.MultiMarginLoss", T((3, 4)), T((3,), "int64", "index:4"), init=(), tag=C2),
    call("ops.MultiMarginLoss", T((3, 4)), T((3,), "int64", "index:4"), T((4,), "float32", "positive"),
         init=(2, 0.5, "sum"), tag=C2),
    call("ops.NLLLoss", T((3, 4)), T((3,), "int32", "index:4"), T((4,), "float32", "positive"), init=(),
         grad=True, tag=C2),
    call("ops.NLLLoss", T((3, 4)), T((3,), "int32", "index:4"), T((4,), "float32", "positive"), init=("sum", 1),
         tag=C2),
    call("ops.Neg", X, init=(), grad=True, graph=True, tag=C2),
    call("ops.NotEqual", X, T((2, 3), "float32", "const:0"), init=(), tag=C2),
    call("ops.NotEqual", T((2, 3), "int32", "small"), T((2, 3), "int32", "small"), init=(), tag=C2),
    call("ops.OneHot", T((3,), "int32", "index:4"), 4, T((), "float32", "const:1"), T((), "float32", "const:0"),
         init=(), tag=C2),
    call("ops.Ones", (2, 3), D("float32"), init=(), tag=C2),
    call("ops.OnesLike", T((2, 3), "int32", "int"), init=(), tag=C2),
    call("ops.PReLU", T((2, 3, 4)), T((3,), "float32", "positive"), init=(), grad=True, tag=C2),
    call("ops.Pad", X, init=(((1, 2), (0, 1)),), grad=True, tag=C2),
    call("ops.PadV3", X, T((4,), "int64", "index:2"), T((), "float32", "const:0.5"), init=(), tag=C2),
    call("ops.PadV3", T((1, 2, 3)), T((2,), "int64", "index:2"), init=("reflect",), tag=C2),
    call("ops.Polygamma", T((), "int64", "index:3"), T((2, 3), "float32", "positive"), init=(), tag=C2),
    call("ops.Pow", T((2, 3), "float32", "positive"), X, init=(), grad=True, graph=True, tag=C2),
    call("ops.Pow", T((2, 3), "int32", "small"), 2, init=(), tag=C2),
    call("ops.ReLU", X, init=(), grad=True, graph=True, tag=C2),
    call("ops.ReLU6", T((2, 3), "float32", "positive"), init=(), grad=True, tag=C2),
    call("ops.RealDiv", X, T((2, 3), "float32", "positive"), init=(), grad=True, tag=C2),
    call("ops.Reciprocal", T((2, 3), "float32", "positive"), init=(), grad=True, tag=C2),
    call("ops.ReduceAll", T((2, 3), "bool", "bool"), 1, init=(), tag=C2),
    call("ops.ReduceAll", T((2, 3), "bool", "bool"), init=(True,), tag=C2),
    call("ops.ReduceMax", X, 1, init=(), grad=True, tag=C2),
    call("ops.ReduceMax", X, (0, 1), init=(True,), tag=C2),
    call("ops.ReduceMean", X, 0, init=(), grad=True, graph=True, tag=C2),
    call("ops.ReduceMean", X, init=(True,), tag=C2),
    call("ops.ReduceMin", X, 1, init=(True,), grad=True, tag=C2),
    call("ops.ReduceProd", X, 1, init=(), grad=True, tag=C2),
    call("ops.ReduceProd", T((2, 3), "int32", "small"), init=(), tag=C2),
    call("ops.Reshape", X, (3, 2), init=(), grad=True, graph=True, tag=C2),
    call("ops.Reshape", X, (-1,), init=(), tag=C2),
    call("ops.ResizeBilinearV2", X4, (6, 5), init=(), tag=C2),
    call("ops.ResizeBilinearV2", X4, (3, 7), init=(True,), tag=C2),
    call("ops.ResizeLinear1D", T((1, 2, 4)), T((1,), "int64", "const:2"), init=(), tag=C2),
    call("ops.ResizeLinear1D", T((1, 2, 4)), T((1,), "int64", "const:1"), init=("half_pixel",), tag=C2),
    call("ops.ReverseSequence", T((3, 4)), T((3,), "int32", "index:5"), init=(1,), tag=C2),
    call("ops.Rsqrt", T((2, 3), "float32", "positive"), init=(), grad=True, tag=C2),
    call("ops.ScalarCast", 2.7, D("int64"), init=(), tag=C2),
    call("ops.ScalarToTensor", 2.5, D("float32"), init=(), tag=C2),
    call("ops.ScalarToTensor", 3, init=(), tag=C2),
    call("ops.SegmentMean", T((3, 2)), T((3,), "int32", "arange"), init=(), tag=C2),
    call("ops.SegmentMin", T((3, 2)), T((3,), "int32", "arange"), init=(), tag=C2),
    call("ops.SegmentProd", T((3, 2)), T((3,), "int32", "arange"), init=(), tag=C2),
    call("ops.Select", T((2, 3), "bool", "bool"), X, X, init=(), grad=True, graph=True, tag=C2),
    call("ops.Shape", T((2, 3, 4)), init=(), tag=C2),
    call("ops.TensorShape", T((2, 3, 4)), init=(), tag=C2),
    call("ops.Sigmoid", X, init=(), grad=True, graph=True, tag=C2),
    call("ops.SmoothL1Loss", X, X, init=(), grad=True, tag=C2),
    call("ops.SmoothL1Loss", X, T((2, 3), "float32", "const:0"), init=(0.5, "mean"), tag=C2),
    call("ops.SoftMarginLoss", X, T((2, 3), "float32", "const:1"), init=(), grad=True, tag=C2),
    call("ops.SoftShrink", X, init=(), grad=True, tag=C2),
    call("ops.SoftShrink", X, init=(0.2,), tag=C2),
    call("ops.Softmax", X, init=(), grad=True, graph=True, tag=C2),
    call("ops.Softmax", X, init=(0,), tag=C2),
    call("ops.SoftmaxCrossEntropyWithLogits", T((2, 4)), T((2, 4), "float32", "prob"), init=(), tag=C2),
    call("ops.SpaceToBatch", T((1, 1, 2, 2)), init=(2, [[0, 0], [0, 0]]), tag=C2),
    call("ops.SpaceToBatchND", T((1, 1, 2, 4)), init=((2, 2), ((0, 0), (0, 0))), tag=C2),
    call("ops.SparseSlice", T((3, 2), "int64", "index:3"), T((3,)), T((2,), "int64", "const:1"),
         T((2,), "int64", "const:0"), T((2,), "int64", "const:0.667"), init=(), tag=C2),
    call("ops.SparseSoftmaxCrossEntropyWithLogits", T((3, 4)), T((3,), "int32", "index:4"), init=(), tag=C2),
    call("ops.SparseTensorDenseAdd", T((2, 2), "int64", "index:2"), T((2,)), T((2,), "int64", "const:0.667"),
         T((2, 2)), init=(), tag=C2),
    call("ops.SparseTensorDenseMatmul", T((2, 2), "int32", "arange"), T((2,)), (4, 4), T((4, 2)), init=(), tag=C2),
    call("ops.SparseToDense", T((2, 2), "int32", "arange"), T((2,)), (3, 4), init=(), tag=C2),
    call("ops.Split", T((4, 3)), init=(0, 2), grad=True, tag=C2),
    call("ops.Split", T((2, 6)), init=(1, 3), tag=C2),
    call("ops.Sqrt", T((2, 3), "float32", "positive"), init=(), grad=True, graph=True, tag=C2),
    call("ops.Square", X, init=(), grad=True, tag=C2),
    call("ops.Squeeze", T((2, 1, 3, 1)), init=(), grad=True, tag=C2),
    call("ops.Squeeze", T((2, 1, 3, 1)), init=(1,), tag=C2),
    call("ops.Stack", [X, X], init=(), tag=C2),
    call("ops.Stack", [X, X, X], init=(1,), tag=C2),
    call("ops.Sub", X, T((3,)), init=(), grad=True, graph=True, tag=C2),
    call("ops.Sub", T((2, 3), "int32", "int"), T((2, 3), "int32", "int"), init=(), tag=C2),
    call("ops.Svd", T((3, 2)), init=(False, False), tag=C2),
    call("ops.Svd", T((2, 3, 2)), init=(True, False), tag=C2),
    call("ops.Tanh", X, init=(), grad=True, graph=True, tag=C2),
    call("ops.TensorAdd", X, X, init=(), tag=C2),
    call("ops.TensorScatterDiv", T((3, 4)), IDX2, T((2, 4), "float32", "positive"), init=(), tag=C2),
    call("ops.TensorScatterMax", T((3, 4)), IDX2, T((2, 4)), init=(), tag=C2),
    call("ops.TensorScatterMin", T((3, 4)), IDX2, T((2, 4)), init=(), tag=C2),
    call("ops.TensorScatterMul", T((3, 4)), IDX2, T((2, 4)), init=(), tag=C2),
    call("ops.TensorScatterSub", T((3, 4)), IDX2, T((2, 4)), init=(), tag=C2),
    call("ops.TensorScatterElements", T((3, 4)), T((2, 4), "int32", "index:3"), T((2, 4)), init=(1, "add"),
         tag=C2),
    call("ops.TensorScatterElements", T((3, 4)), T((3, 2), "int32", "index:4"), T((3, 2)), init=(1,), tag=C2),
    call("ops.Transpose", T((2, 3, 4)), (2, 0, 1), init=(), grad=True, graph=True, tag=C2),
    call("ops.TripletMarginLoss", T((3, 4)), T((3, 4)), T((3, 4)), T((), "float32", "const:1"), init=(), tag=C2),
    call("ops.TriuIndices", init=(3, 4), tag=C2),
    call("ops.TriuIndices", init=(4, 3, 1), tag=C2),
    call("ops.UniqueConsecutive", T((8,), "int32", "small"), init=(True, True), tag=C2),
    call("ops.UnsortedSegmentMax", T((4, 2)), T((4,), "int32", "index:3"), 3, init=(), tag=C2),
    call("ops.UnsortedSegmentMin", T((4, 2)), T((4,), "int32", "index:3"), 3, init=(), tag=C2),
    call("ops.UnsortedSegmentProd", T((4, 2)), T((4,), "int32", "index:3"), 3, init=(), tag=C2),
    call("ops.UnsortedSegmentSum", T((4, 2)), T((4,), "int32", "index:3"), 3, init=(), grad=True, tag=C2),
    call("ops.UpsampleNearest3D", X5, (3, 6, 5), None, init=(), tag=C2),
    call("ops.UpsampleTrilinear3D", X5, (3, 6, 5), None, init=(), tag=C2),
    call("ops.UpsampleTrilinear3D", X5, (3, 6, 5), None, init=(True,), tag=C2),
    call("ops.Zeros", (2, 3), D("int32"), init=(), tag=C2),
    call("ops.ZerosLike", X, init=(), tag=C2),
    call("ops.Zeta", T((2, 3), "float32", "const:2.5"), T((2, 3), "float32", "positive"), init=(), tag=C2),
    call("ops.RaggedRange", T((2,), "int32", "index:2"), T((2,), "int32", "const:2"), T((2,), "int32", "const:0.34"),
         init=(D("int64"),), tag=C2),
    error("ops.MatMul", X, T((2, 3)), init=()),
    error("ops.Reshape", X, (4, 2), init=()),
    error("ops.Softmax", T((2, 3), "int32", "int"), init=()),
]


def _space_to_batch(x, block=2):
    n, c, h, w = x.shape
    y = x.reshape(n, c, h // block, block, w // block, block).transpose(3, 5, 0, 1, 2, 4)
    return y.reshape(block * block * n, c, h // block, w // block)


def _triplet_margin(a, p, n, margin):
    d_ap = np.linalg.norm(a - p + 1e-6, axis=-1)
    d_an = np.linalg.norm(a - n + 1e-6, axis=-1)
    return np.mean(np.maximum(d_ap - d_an + margin, 0.0))


MINDSPORE_CPU_WRONG = {
    "ops.SoftMarginLoss()(float32[2, 3],float32[2, 3]~const:1)@c2":
        ("MindSpore CPU has no SoftMarginLoss kernel; mean(log(1 + exp(−y·x)))",
         lambda x, y: np.mean(np.log1p(np.exp(-y * x)))),
    "ops.SpaceToBatch(2, [[0, 0], [0, 0]])(float32[1, 1, 2, 2])@c2":
        ("MindSpore CPU has no SpaceToBatch kernel; blocks of the spatial axes moved to the batch axis",
         _space_to_batch),
    "ops.TripletMarginLoss()(float32[3, 4],float32[3, 4],float32[3, 4],float32[]~const:1)@c2":
        ("MindSpore CPU has no TripletMarginLoss kernel; mean(max(‖a − p + ε‖ − ‖a − n + ε‖ + margin, 0))",
         _triplet_margin),
}
