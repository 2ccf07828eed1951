"""Differential cases (c1): one or more per `mindspore.ops.operations` Primitive that had none
(issue 10: a case per implemented name); outputs from MindSpore 2.10 CPU via
`make_differential_outputs.py _c1`. Every case is tagged "c1" so that its id is unique across tables."""
from __future__ import annotations

import numpy as np

from differential_cases import D, T, call

X = T((2, 3))
P = T((2, 3), "float32", "positive")
X4 = T((1, 2, 4, 4))
X5 = T((1, 2, 4, 4, 4))
BOOL = T((2, 3), "bool", "bool")


def c(target, *args, **kwargs):
    return call(target, *args, tag="c1", **kwargs)


CASES = [
    c("ops.Abs", X, init=(), grad=True, graph=True),
    c("ops.Add", X, X, init=(), grad=True, graph=True),
    c("ops.Div", X, P, init=(), grad=True),
    c("ops.Cos", X, init=(), grad=True),
    c("ops.Ceil", X, init=()),
    c("ops.Floor", X, init=()),
    c("ops.Erf", X, init=(), grad=True),
    c("ops.Exp", X, init=(), grad=True),
    c("ops.Log", P, init=(), grad=True),
    c("ops.Equal", T((2, 3), "int32", "int"), T((2, 3), "int32", "int"), init=()),
    c("ops.Greater", X, T((2, 3), "float32", "unit"), init=()),
    c("ops.GreaterEqual", T((2, 3), "int32", "int"), T((2, 3), "int32", "int"), init=()),
    c("ops.Less", X, T((2, 3), "float32", "unit"), init=()),
    c("ops.LessEqual", T((2, 3), "int32", "int"), T((2, 3), "int32", "int"), init=()),
    c("ops.LogicalAnd", BOOL, BOOL, init=()),
    c("ops.LogicalOr", BOOL, BOOL, init=()),
    c("ops.LogicalNot", BOOL, init=()),
    c("ops.IsFinite", T((3, 4), "float32", "edge"), init=()),
    c("ops.Argmax", T((3, 4), "float32", "perm"), init=()),
    c("ops.Argmax", T((3, 4), "float32", "perm"), init=(0,)),
    c("ops.Argmin", T((3, 4), "float32", "perm"), init=()),
    c("ops.BesselI0", X, init=(), grad=True),
    c("ops.BesselI0e", X, init=(), grad=True),
    c("ops.BesselI1", X, init=(), grad=True),
    c("ops.BesselI1e", X, init=(), grad=True),
    c("ops.BesselJ1", X, init=()),
    c("ops.BesselK0", P, init=()),
    c("ops.BesselK0e", P, init=()),
    c("ops.BesselK1", P, init=()),
    c("ops.BesselK1e", P, init=()),
    c("ops.BesselY0", P, init=()),
    c("ops.BesselY1", P, init=()),
    c("ops.CeLU", X, init=(1.5,), grad=True),
    c("ops.FastGeLU", X, init=(), grad=True),
    c("ops.FastGelu", X, init=()),
    c("ops.GeLU", X, init=(), grad=True),
    c("ops.Gelu", X, init=()),
    c("ops.HShrink", X, init=(0.6,), grad=True),
    c("ops.HSigmoid", T((2, 3), "float32", "int"), init=(), grad=True),
    c("ops.LogSoftmax", X, init=()),
    c("ops.LogSoftmax", X, init=(0,)),
    c("ops.Identity", X, init=()),
    c("ops.IdentityN", [X, T((3,), "int32", "int")], init=()),
    c("ops.CheckNumerics", X, init=()),
    c("ops.Igammac", P, P, init=()),
    c("ops.Depend", X, T((3,)), init=()),
    c("ops.Cast", X, D("int32"), init=()),
    c("ops.Concat", [X, X], init=(1,), grad=True),
    c("ops.ExpandDims", X, 1, init=()),
    c("ops.Fill", D("float32"), (2, 3), 1.5, init=()),
    c("ops.Gather", T((4, 3)), T((2, 2), "int32", "index:4"), 0, init=(), grad=True),
    c("ops.BatchMatMul", T((2, 2, 3)), T((2, 3, 4)), init=(), grad=True),
    c("ops.BatchMatMul", T((2, 3, 2)), T((2, 4, 3)), init=(True, True)),
    c("ops.BiasAdd", T((2, 3, 4)), T((3,)), init=(), grad=True),
    c("ops.Dense", X, T((4, 3)), T((4,)), init=(), grad=True),
    c("ops.BatchToSpaceND", T((4, 1, 2, 2)), init=([2, 2], [[0, 0], [0, 1]])),
    c("ops.ChannelShuffle", T((1, 4, 2, 2)), init=(2,)),
    c("ops.IndexFill", X, 1, T((2,), "int32", "index:3"), T((), "float32"), init=()),
    c("ops.InplaceAdd", T((3, 2)), T((2, 2)), init=((0, 2),)),
    c("ops.InplaceSub", T((3, 2)), T((2, 2)), init=((0, 2),)),
    c("ops.InplaceUpdate", T((3, 2)), T((2, 2)), init=((0, 2),)),
    c("ops.InplaceUpdateV2", T((3, 2)), T((2,), "int32", "perm"), T((2, 2)), init=()),
    c("ops.AdaptiveAvgPool2D", X4, init=((2, 2),), grad=True),
    c("ops.AdaptiveMaxPool2D", X4, init=((2, 2),)),
    c("ops.AdaptiveMaxPool3D", X5, T((3,), "int32", "const:2"), init=()),
    c("ops.AvgPool", X4, init=(2, 2), grad=True),
    c("ops.AvgPool", X4, init=(3, 1, "same")),
    c("ops.AvgPool3D", X5, init=(2, 2)),
    c("ops.LRN", X4, init=(), grad=True),
    c("ops.LRN", X4, init=(2, 1.0, 0.5, 0.75)),
    c("ops.Conv2D", X4, T((3, 2, 3, 3)), init=(3, 3), grad=True),
    c("ops.Conv2D", X4, T((3, 2, 3, 3)), init=(3, 3), init_kwargs={"pad_mode": "same"}),
    c("ops.Conv2DBackpropInput", T((1, 3, 2, 2)), T((3, 2, 3, 3)), (1, 2, 4, 4), init=(2, 3)),
    c("ops.Conv2DTranspose", T((1, 3, 2, 2)), T((3, 2, 3, 3)), (1, 2, 4, 4), init=(2, 3)),
    c("ops.Conv3D", X5, T((3, 2, 2, 2, 2)), init=(3, 2)),
    c("ops.Conv3DTranspose", T((1, 2, 3, 3, 3)), T((2, 3, 2, 2, 2)), init=(2, 3, 2)),
    c("ops.LayerNorm", T((2, 3, 4)), T((3, 4)), T((3, 4)), init=(), grad=True),
    c("ops.LayerNorm", T((2, 3, 4)), T((4,)), T((4,)), init=(-1, -1)),
    c("ops.BinaryCrossEntropy", T((2, 3), "float32", "prob"), T((2, 3), "float32", "prob"), T((2, 3), "float32", "positive"),
      init=(), grad=True),
    c("ops.BinaryCrossEntropy", T((2, 3), "float32", "prob"), T((2, 3), "float32", "prob"), None, init=("none",)),
    c("ops.BCEWithLogitsLoss", X, T((2, 3), "float32", "prob"), T((2, 3), "float32", "positive"),
      T((3,), "float32", "positive"), init=(), grad=True),
    c("ops.KLDivLoss", X, T((2, 3), "float32", "prob"), init=()),
    c("ops.KLDivLoss", X, T((2, 3), "float32", "prob"), init=("sum",), grad=True),
    c("ops.AffineGrid", T((1, 2, 3)), (1, 1, 2, 3), init=(), grad=True),
    c("ops.AffineGrid", T((1, 2, 3)), (1, 1, 2, 3), init=(True,)),
    c("ops.GridSampler2D", X4, T((1, 3, 3, 2), "float32", "unit"), init=(), grad=True),
    c("ops.GridSampler2D", X4, T((1, 3, 3, 2), "float32", "unit"), init=("nearest", "border", True)),
    c("ops.GridSampler3D", X5, T((1, 2, 2, 2, 3), "float32", "unit"), init=()),
    c("ops.Im2Col", X4, init=(2,), init_kwargs={"strides": 2}),
    c("ops.Dropout", X, init=(1.0,)),
    c("ops.Dropout2D", X4, init=(1.0,)),
    c("ops.Dropout3D", X5, init=(1.0,)),
    c("ops.Bernoulli", X, 1.0, init=()),
    c("ops.Coalesce", T((2, 4), "int64", "index:2"), T((4,)), T((2,), "int64", "const:2"), init=()),
]


def _log_softmax(axis):
    def reference(x):
        x = x.astype(np.float64)
        return x - np.log(np.exp(x).sum(axis, keepdims=True))
    return reference


# Cases where MindSpore 2.10's CPU kernel is itself off: (why, float64 NumPy reference).
MINDSPORE_CPU_WRONG = {
    "ops.LogSoftmax()(float32[2, 3])@c1": (
        "MindSpore CPU's LogSoftmax is off by ~3e-6 (float32 x − logΣexp(x) is within 2e-7)", _log_softmax(-1)),
    "ops.LogSoftmax(0,)(float32[2, 3])@c1": (
        "MindSpore CPU's LogSoftmax is off by ~2e-6 (float32 x − logΣexp(x) is within 1e-7)", _log_softmax(0)),
}
