"""Primitive and function cases shared by make_op_outputs.py (MindSpore) and
tests/ops/test_nn_primitives.py (sporax): each case is `f(ms, ops, P, T)` with `ms` the
package, `ops`, `P` = ops.operations and `T` = Tensor, and runs unchanged on both."""
import numpy as np

rng = np.random.default_rng(3)
X = rng.standard_normal((2, 3, 7, 8)).astype(np.float32)
X5 = rng.standard_normal((2, 2, 3, 6, 7)).astype(np.float32)
LOGITS = rng.standard_normal((4, 5)).astype(np.float32)
TARGET = (rng.random((4, 5)) > 0.5).astype(np.float32)
ONEHOT = np.eye(5, dtype=np.float32)[[1, 0, 4, 2]]
INDEX = np.array([1, 0, 4, 2], np.int32)
W = (rng.random(5) + 0.5).astype(np.float32)
V = np.linspace(-4, 4, 17, dtype=np.float32)

CASES = {
    "maxpool_argmax_v2": lambda ms, ops, P, T: P.MaxPoolWithArgmaxV2((3, 2), (2, 2), (1, 1), (1, 1), False)(T(X)),
    "maxpool_argmax_v2_ceil_dil": lambda ms, ops, P, T: P.MaxPoolWithArgmaxV2(3, 2, 1, (2, 1), True)(T(X)),
    "avgpool3d_pad_ceil": lambda ms, ops, P, T: P.AvgPool3D((1, 3, 3), (1, 2, 2), "pad", (0, 0, 1, 1, 1, 1), True,
                                                            True, 0)(T(X5)),
    "avgpool3d_noinc": lambda ms, ops, P, T: P.AvgPool3D((2, 3, 3), (1, 2, 2), "pad", 1, False, False, 0)(T(X5)),
    "avgpool3d_divisor": lambda ms, ops, P, T: P.AvgPool3D(2, 1, "valid", 0, False, True, 3)(T(X5)),
    "avgpool3d_same": lambda ms, ops, P, T: P.AvgPool3D(3, 2, "same")(T(X5)),
    "adaptive_avg_pool2d_none": lambda ms, ops, P, T: P.AdaptiveAvgPool2D((None, 3))(T(X)),
    "adaptive_avg_pool2d": lambda ms, ops, P, T: ops.adaptive_avg_pool2d(T(X), (4, 5)),
    "max_pool2d_indices": lambda ms, ops, P, T: ops.max_pool2d(T(X), 3, 2, 1, 1, True, True),
    "avg_pool2d": lambda ms, ops, P, T: ops.avg_pool2d(T(X), 3, 2, 1, True, False),
    "bce_prim_mean": lambda ms, ops, P, T: P.BCEWithLogitsLoss("mean")(T(LOGITS), T(TARGET), T(W), T(W[::-1].copy())),
    "bce_prim_none": lambda ms, ops, P, T: P.BCEWithLogitsLoss("none")(T(LOGITS), T(TARGET), T(W), T(W)),
    "bce_fn_sum": lambda ms, ops, P, T: ops.binary_cross_entropy_with_logits(T(LOGITS), T(TARGET), reduction="sum"),
    "softmax_ce": lambda ms, ops, P, T: P.SoftmaxCrossEntropyWithLogits()(T(LOGITS), T(ONEHOT)),
    "cross_entropy_idx": lambda ms, ops, P, T: ops.cross_entropy(T(LOGITS), T(INDEX), T(W)),
    "cross_entropy_smooth_sum": lambda ms, ops, P, T: ops.cross_entropy(T(LOGITS), T(INDEX), reduction="sum",
                                                                        label_smoothing=0.1),
    "mse_loss": lambda ms, ops, P, T: ops.mse_loss(T(LOGITS), T(TARGET)),
    "l1_loss_none": lambda ms, ops, P, T: ops.l1_loss(T(LOGITS), T(TARGET), reduction="none"),
    "group_norm": lambda ms, ops, P, T: ops.group_norm(T(X[:, :2]), 2, T(W[:2]), T(W[2:4])),
    "gelu_none": lambda ms, ops, P, T: ops.gelu(T(V)),
    "gelu_tanh": lambda ms, ops, P, T: ops.gelu(T(V), approximate="tanh"),
    "leaky_relu": lambda ms, ops, P, T: ops.leaky_relu(T(V), 0.1),
    "leaky_relu_above_one": lambda ms, ops, P, T: ops.leaky_relu(T(V), 1.5),
    "silu": lambda ms, ops, P, T: ops.silu(T(V)),
    "erf": lambda ms, ops, P, T: ops.erf(T(V)),
    "floor": lambda ms, ops, P, T: ops.floor(T(V / 3)),
    "ceil": lambda ms, ops, P, T: ops.ceil(T(V / 3)),
    "cos": lambda ms, ops, P, T: ops.cos(T(V)),
    "logical": lambda ms, ops, P, T: ops.logical_or(ops.logical_not(T(V > 0)), ops.logical_and(T(V > -1), T(V < 1))),
    "all": lambda ms, ops, P, T: ops.all(T(X > -3), axis=(1, 2)),
    "identity": lambda ms, ops, P, T: P.Identity()(T(V)),
}

REPRS = {
    "MaxPoolWithArgmaxV2": lambda ms, P: P.MaxPoolWithArgmaxV2((2, 3), (1, 1), 1, (1, 1), True),
    "MaxPoolWithArgmaxV2_default": lambda ms, P: P.MaxPoolWithArgmaxV2(2),
    "MaxPoolWithArgmaxV2_int32": lambda ms, P: P.MaxPoolWithArgmaxV2(2, argmax_type=ms.int32),
    "AvgPool3D": lambda ms, P: P.AvgPool3D(2),
    "AvgPool3D_pad": lambda ms, P: P.AvgPool3D((1, 2, 2), (1, 1, 1), "pad", 1, True, False, 3),
    "AdaptiveAvgPool2D": lambda ms, P: P.AdaptiveAvgPool2D((None, 2)),
    "BCEWithLogitsLoss": lambda ms, P: P.BCEWithLogitsLoss("sum"),
    "SoftmaxCrossEntropyWithLogits": lambda ms, P: P.SoftmaxCrossEntropyWithLogits(),
    "Erf": lambda ms, P: P.Erf(),
    "Floor": lambda ms, P: P.Floor(),
    "Ceil": lambda ms, P: P.Ceil(),
    "Cos": lambda ms, P: P.Cos(),
    "LogicalNot": lambda ms, P: P.LogicalNot(),
    "LogicalAnd": lambda ms, P: P.LogicalAnd(),
    "LogicalOr": lambda ms, P: P.LogicalOr(),
    "ReduceAll": lambda ms, P: P.ReduceAll(True),
    "Identity": lambda ms, P: P.Identity(),
}
