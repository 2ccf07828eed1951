"""Differential cases (issue 10: one or more per implemented name) for mindspore.mint.nn.functional
and for mindspore.ops functions that had none; outputs from MindSpore 2.10 CPU via
`make_differential_outputs.py _c3`. Every case carries tag="c3" so its id is new.

In-place names (elu_, hardtanh_, relu_, sigmoid_, threshold_) compare the returned value only and
never run under graph=True (the graph-equals-eager runner would apply them twice to one input).
"""
from __future__ import annotations

import numpy as np

from differential_cases import D, T, call, error  # noqa: F401

C = "c3"
X = T((2, 3))
IMG = T((1, 2, 4, 4))
SIGNS = T((2, 3), "float32", "const:1")


def mf(name, *args, **kwargs):
    return call(f"mint.nn.functional.{name}", *args, tag=C, **kwargs)


CASES = [
    # --- mint.nn.functional -----------------------------------------------------------------------
    mf("adaptive_avg_pool1d", T((2, 3, 6)), 3, grad=True, graph=True),
    mf("adaptive_avg_pool2d", IMG, (2, 2), grad=True, graph=True),
    mf("adaptive_avg_pool3d", T((1, 2, 4, 4, 4)), (2, 2, 2), grad=True, graph=True),
    mf("adaptive_max_pool1d", T((2, 3, 6)), 3, grad=True, graph=True),
    mf("adaptive_max_pool2d", IMG, (2, 2), grad=True, graph=True),
    mf("avg_pool1d", T((2, 3, 6)), 2, 2, grad=True, graph=True),
    mf("avg_pool2d", IMG, 2, 2, grad=True, graph=True),
    mf("avg_pool3d", T((1, 2, 4, 4, 4)), 2, 2, grad=True, graph=True),
    mf("batch_norm", T((2, 3, 4)), T((3,)), T((3,), "float32", "positive"), T((3,)), T((3,)), graph=True),
    mf("binary_cross_entropy", T((2, 3), "float32", "prob"), T((2, 3), "float32", "prob"), grad=True, graph=True),
    mf("binary_cross_entropy_with_logits", X, T((2, 3), "float32", "prob"), grad=True, graph=True),
    mf("conv1d", T((1, 2, 5)), T((3, 2, 2)), grad=True, graph=True),
    mf("conv2d", IMG, T((3, 2, 2, 2)), grad=True, graph=True),
    mf("conv3d", T((1, 2, 3, 3, 3)), T((2, 2, 2, 2, 2)), grad=True, graph=True),
    mf("conv_transpose2d", T((1, 2, 3, 3)), T((2, 3, 2, 2)), grad=True, graph=True),
    mf("cosine_embedding_loss", X, X, T((2,), "float32", "const:1"), grad=True, graph=True),
    mf("cross_entropy", T((2, 4)), T((2,), "int32", "index:4"), grad=True, graph=True),
    mf("elu", X, grad=True, graph=True),
    mf("elu_", X),
    mf("embedding", T((2, 3), "int32", "index:5"), T((5, 4)), grad=True, graph=True),
    mf("flatten", T((2, 3, 4)), 1, grad=True, graph=True),
    mf("fold", T((1, 4, 4)), (3, 3), 2, grad=True, graph=True),
    mf("gelu", X, grad=True),  # (no graph=True: 1 ulp from eager on jax 0.6.2)
    mf("glu", T((2, 4)), grad=True, graph=True),
    mf("grid_sample", T((1, 2, 3, 3)), T((1, 2, 2, 2), "float32", "unit"), grad=True, graph=True),
    mf("group_norm", T((2, 4, 3)), 2, grad=True, graph=True),
    mf("hardtanh", X, grad=True, graph=True),
    mf("hardtanh_", X),
    mf("interpolate", T((1, 2, 3, 3)), size=(4, 4), graph=True),
    mf("interpolate", T((1, 2, 3, 3)), size=(4, 4), mode="bilinear", align_corners=False, grad=True),
    mf("kl_div", X, T((2, 3), "float32", "prob"), grad=True, graph=True),
    mf("layer_norm", X, (3,), grad=True, graph=True),
    mf("leaky_relu", X, 0.01, grad=True, graph=True),
    mf("linear", X, T((4, 3)), T((4,)), grad=True, graph=True),
    mf("log_softmax", X, 1, grad=True, graph=True),
    mf("logsigmoid", X, grad=True, graph=True),
    mf("max_pool2d", IMG, 2, grad=True, graph=True),
    mf("max_unpool2d", T((1, 1, 2, 2)), T((1, 1, 2, 2), "int64", "arange"), 2, graph=True),
    mf("mse_loss", X, X, grad=True),  # (no graph=True: 1 ulp from eager on jax 0.6.2)
    mf("nll_loss", T((2, 4)), T((2,), "int32", "index:4"), grad=True, graph=True),
    mf("normalize", X, grad=True, graph=True),
    mf("one_hot", T((3,), "int64", "index:4"), 4, graph=True),
    mf("pad", X, (1, 1), grad=True, graph=True),
    mf("pixel_shuffle", T((1, 4, 2, 2)), 2, grad=True, graph=True),
    mf("prelu", T((2, 3, 2)), T((3,)), grad=True, graph=True),
    mf("relu", X, grad=True, graph=True),
    mf("relu6", X, grad=True, graph=True),
    mf("relu_", X),
    mf("sigmoid", X, grad=True, graph=True),
    mf("sigmoid_", X),
    mf("silu", X, grad=True, graph=True),
    mf("soft_margin_loss", X, SIGNS, grad=True, graph=True),
    mf("softmax", X, 1, grad=True, graph=True),
    mf("tanh", X, grad=True, graph=True),
    mf("threshold", X, 0.1, 2.0, grad=True, graph=True),
    mf("threshold_", X, 0.1, 2.0),
    mf("unfold", T((1, 2, 3, 3)), 2, grad=True, graph=True),
    mf("upsample", T((1, 2, 3, 3)), size=(4, 4), graph=True),
]

def op(name, *args, **kwargs):
    return call(f"ops.{name}", *args, tag=C, **kwargs)


CASES += [
    # --- mindspore.ops functions ------------------------------------------------------------------
    op("adaptive_avg_pool2d", IMG, (2, 2), grad=True, graph=True),
    op("adaptive_max_pool3d", T((1, 2, 4, 4, 4)), (2, 2, 2), grad=True, graph=True),
    op("affine_grid", T((1, 2, 3)), (1, 1, 2, 3), False, grad=True, graph=True),
    op("avg_pool2d", IMG, 2, 2, grad=True, graph=True),
    op("batch_norm", T((2, 3, 4)), T((3,)), T((3,), "float32", "positive"), T((3,)), T((3,)), graph=True),
    op("bias_add", T((2, 3, 4)), T((3,)), grad=True, graph=True),
    op("binary_cross_entropy", T((2, 3), "float32", "prob"), T((2, 3), "float32", "prob"), grad=True, graph=True),
    op("binary_cross_entropy_with_logits", X, T((2, 3), "float32", "prob"), T((2, 3), "float32", "positive"),
       T((3,), "float32", "positive"), graph=True),
    op("cast", X, D("int32"), graph=True),
    op("cat", [X, X], 1, grad=True, graph=True),
    op("ceil", X, graph=True),
    op("concat", [X, T((1, 3))], grad=True, graph=True),
    op("conv2d", IMG, T((3, 2, 2, 2)), grad=True, graph=True),
    op("conv3d_transpose", T((1, 2, 3, 3, 3)), T((2, 2, 2, 2, 2)), graph=True),
    op("conv_transpose2d", T((1, 2, 3, 3)), T((2, 3, 2, 2)), graph=True),
    op("cos", X, grad=True, graph=True),
    op("cosine_embedding_loss", X, X, T((2,), "float32", "const:1"), grad=True, graph=True),
    op("cross_entropy", T((2, 4)), T((2,), "int32", "index:4"), grad=True, graph=True),
    op("embedding", T((2, 3), "int32", "index:5"), T((5, 4)), graph=True),
    op("equal", X, X, graph=True),
    op("erf", X, grad=True, graph=True),
    op("expand", T((1, 3)), T((2,), "int32", "const:1")),
    op("expand_dims", X, 1, grad=True, graph=True),
    op("fill", D("float32"), (2, 3), 1.5, graph=True),
    op("floor", X, graph=True),
    op("fold", T((1, 4, 4)), T((2,), "int32", "const:1"), (2, 2)),
    op("gather", T((4, 3)), T((2,), "int32", "index:4"), 0, grad=True, graph=True),
    op("gelu", X, grad=True),  # (as above)
    op("greater", X, T((2, 3)), graph=True),
    op("group_norm", T((2, 4, 3)), 2, grad=True, graph=True),
    op("isfinite", T((3, 4), "float32", "edge"), graph=True),
    op("l1_loss", X, T((2, 3)), grad=True, graph=True),
    op("layer_norm", X, (3,), grad=True, graph=True),
    op("leaky_relu", X, grad=True, graph=True),
    op("less", X, T((2, 3)), graph=True),
    op("log_softmax", X, graph=True),
    op("logical_and", T((2, 3), "bool", "bool"), T((2, 3), "bool", "bool"), graph=True),
    op("logical_not", T((2, 3), "bool", "bool"), graph=True),
    op("logical_or", T((2, 3), "bool", "bool"), T((2, 3), "bool", "bool"), graph=True),
    op("matmul", X, T((3, 4)), grad=True, graph=True),
    op("max_pool2d", IMG, 2, grad=True, graph=True),
    op("max_unpool1d", T((1, 1, 2)), T((1, 1, 2), "int64", "arange"), 2, graph=True),
    op("max_unpool2d", T((1, 1, 2, 2)), T((1, 1, 2, 2), "int64", "arange"), 2, graph=True),
    op("max_unpool3d", T((1, 1, 1, 1, 2)), T((1, 1, 1, 1, 2), "int64", "arange"), 2, graph=True),
    op("mean", T((2, 3, 4)), 1, grad=True, graph=True),
    op("mse_loss", X, T((2, 3)), grad=True),  # (as above)
    op("mse_loss_ext", X, T((2, 3)), grad=True, graph=True),
    op("multi_margin_loss", T((2, 4)), T((2,), "int64", "index:4"), grad=True, graph=True),
    op("one_hot", T((3,), "int32", "index:4"), 4, T((), "float32", "const:1"), T((), "float32", "const:0"),
       graph=True),
    op("padding", T((2, 1)), 3, graph=True),
    op("pow", T((2, 3), "float32", "positive"), 2.5, grad=True, graph=True),
    op("relu", X, grad=True, graph=True),
    op("relu6", X, grad=True, graph=True),
    op("reshape", X, (3, 2), grad=True, graph=True),
    op("selu", X, graph=True),
    op("shape", X),
    op("sigmoid", X, grad=True, graph=True),
    op("silu", X, grad=True, graph=True),
    op("soft_margin_loss", X, SIGNS, grad=True, graph=True),
    op("softmax", X, grad=True, graph=True),
    op("split", T((4, 3)), 2, graph=True),
    op("squeeze", T((2, 1, 3)), grad=True, graph=True),
    op("stack", [X, X], 1, grad=True, graph=True),
    op("tanh", X, grad=True, graph=True),
    op("transpose", T((2, 3, 4)), (2, 0, 1), grad=True, graph=True),
    op("type_as", X, T((2, 3), "int32", "int")),
    op("clamp_", X, -0.5, 0.5),
    op("tanh_", X),
    op("zero_", X),
    op("inplace_sigmoid", X),
    op("shape_mul", (2, 3, 4)),
    op("reduced_shape", (2, 3, 4), (1,)),
    op("broadcast_gradient_args", (2, 1, 3), (4, 3)),
]


def _conv(x, w):
    """Cross-correlation, stride 1, no padding: x (N, C, *S), w (O, C, *K)."""
    k = w.shape[2:]
    windows = np.lib.stride_tricks.sliding_window_view(x, k, axis=tuple(range(2, x.ndim)))
    letters = "defgh"[:len(k)]
    return np.einsum(f"nc{'xyz'[:len(k)]}{letters},oc{letters}->no{'xyz'[:len(k)]}", windows, w)


def _conv_transpose2d(x, w):
    n, _, h, wd = x.shape
    out = np.zeros((n, w.shape[1], h + w.shape[2] - 1, wd + w.shape[3] - 1))
    for a in range(w.shape[2]):
        for b in range(w.shape[3]):
            out[:, :, a:a + h, b:b + wd] += np.einsum("ncij,co->noij", x, w[:, :, a, b])
    return out


def _fold(x):
    """(1, C·2·2, 4) blocks of 2x2 at stride 1 summed into (1, C, 3, 3)."""
    out = np.zeros((1, x.shape[1] // 4, 3, 3))
    for block, (i, j) in enumerate(((0, 0), (0, 1), (1, 0), (1, 1))):
        out[0, :, i:i + 2, j:j + 2] += x[0, :, block].reshape(-1, 2, 2)
    return out


def _cosine_embedding_loss(a, b, y):
    cos = (a * b).sum(1) / np.sqrt((a * a).sum(1) * (b * b).sum(1))
    return np.where(y == 1, 1 - cos, np.maximum(cos, 0)).mean()


def _layer_norm(x):
    return (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + 1e-5)


def _max_pool2d(x):
    n, c, h, w = x.shape
    return x.reshape(n, c, h // 2, 2, w // 2, 2).max(axis=(3, 5))


_WRONG = [
    ("conv1d", "conv1d only supports Ascend; cross-correlation Σ_c,k x[c, l+k]·w[o, c, k]", _conv),
    ("conv3d", "conv3d only supports Ascend; cross-correlation over the three spatial axes", _conv),
    ("conv_transpose2d", "no ConvTranspose2D kernel; out[o, i+a, j+b] += x[c, i, j]·w[c, o, a, b]", _conv_transpose2d),
    ("cosine_embedding_loss", "Not implement exception; mean over the batch of 1 − cos(x1, x2) for target 1",
     _cosine_embedding_loss),
    ("embedding", "no Embedding kernel; weight[input]", lambda i, w: w[i.astype(np.int64)]),
    ("fold", "no Col2ImExt kernel; overlapping 2x2 blocks summed", _fold),
    ("layer_norm", "LayerNormExt kernel fails; (x − mean)/sqrt(var + 1e-5) over the last axis", _layer_norm),
    ("max_pool2d", "no FuncMaxPool2D on CPU; the maximum of each 2x2 window at stride 2", _max_pool2d),
    ("normalize", "no LinalgVectorNorm kernel; x / max(‖x‖₂ along dim 1, 1e-12)",
     lambda x: x / np.maximum(np.sqrt((x * x).sum(1, keepdims=True)), 1e-12)),
    ("soft_margin_loss", "no SoftMarginLoss kernel; mean of log(1 + exp(−y·x))",
     lambda x, y: np.log1p(np.exp(-y * x)).mean()),
]
_BY_NAME = {case.target.rsplit(".", 1)[1]: case.id for case in CASES if case.target.startswith("mint.nn.functional.")}
MINDSPORE_CPU_WRONG = {_BY_NAME[name]: (f"MindSpore CPU: {why}", reference) for name, why, reference in _WRONG}

_OPS_WRONG = [
    ("conv_transpose2d", "no ConvTranspose2D kernel; out[o, i+a, j+b] += x[c, i, j]·w[c, o, a, b]", _conv_transpose2d),
    ("embedding", "no Embedding kernel; weight[input]", lambda i, w: w[i.astype(np.int64)]),
    ("layer_norm", "LayerNormExt kernel fails; (x − mean)/sqrt(var + 1e-5) over the last axis", _layer_norm),
    ("soft_margin_loss", "no SoftMarginLoss kernel; mean of log(1 + exp(−y·x))",
     lambda x, y: np.log1p(np.exp(-y * x)).mean()),
    ("mse_loss_ext", "no MSELossExt kernel; mean of (x − y)²", lambda x, y: ((x - y) ** 2).mean()),
    ("type_as", "no TypeAs kernel; x cast (truncated) to other's int32", lambda x, other: np.trunc(x)),
    ("clamp_", "no InplaceClampScalar kernel; min(max(x, −0.5), 0.5)", lambda x: np.clip(x, -0.5, 0.5)),
    ("tanh_", "no InplaceTanh kernel; tanh x", np.tanh),
    ("zero_", "no InplaceZero kernel; zeros", np.zeros_like),
    ("inplace_sigmoid", "no InplaceSigmoid kernel; 1/(1 + exp(−x))", lambda x: 1 / (1 + np.exp(-x))),
]
_OPS_BY_NAME = {case.target[4:]: case.id for case in CASES if case.target.startswith("ops.")}
MINDSPORE_CPU_WRONG.update({_OPS_BY_NAME[name]: (f"MindSpore CPU: {why}", reference) for name, why, reference in _OPS_WRONG})
