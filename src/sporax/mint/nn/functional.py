"""PyTorch-style nn functions (`mindspore.mint.nn.functional`), each an `ops` function (the same
primitives) with mint's argument names and defaults."""
from __future__ import annotations

import numpy as np

from ... import _validation
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ...ops import _call_cache
from ...ops import functional as F
from ...ops._constants import constant
from ...ops._kept_primitives import kept
from ...ops import operations as P
from ...ops.operations import nn_ops_ext as _ext
from ...ops.function import inplace_func as _inplace
from ...ops.function import nn_func as _nn_func

__all__ = ["adaptive_avg_pool1d", "adaptive_avg_pool2d", "adaptive_avg_pool3d", "adaptive_max_pool1d",
           "adaptive_max_pool2d", "avg_pool1d", "avg_pool2d", "avg_pool3d", "batch_norm", "binary_cross_entropy",
           "binary_cross_entropy_with_logits", "conv1d", "conv2d", "conv3d", "conv_transpose2d",
           "cosine_embedding_loss", "cross_entropy", "dropout", "dropout2d", "elu", "embedding", "flatten", "fold",
           "gelu", "glu", "grid_sample", "group_norm", "hardtanh", "interpolate", "kl_div", "layer_norm",
           "leaky_relu", "linear", "log_softmax", "logsigmoid", "max_pool2d", "max_unpool2d", "mse_loss",
           "nll_loss", "normalize", "one_hot", "pad", "pixel_shuffle", "prelu", "relu", "relu6", "sigmoid", "silu",
           "soft_margin_loss", "softmax", "tanh", "threshold", "unfold", "upsample",
           "elu_", "hardtanh_", "relu_", "sigmoid_", "threshold_"]  # tensorsurf: the in-place ones


def adaptive_avg_pool1d(input, output_size):  # noqa: A002
    return F.adaptive_avg_pool1d(input, output_size)


def adaptive_avg_pool2d(input, output_size):  # noqa: A002
    return F.adaptive_avg_pool2d(input, output_size)


def adaptive_avg_pool3d(input, output_size):  # noqa: A002
    return F.adaptive_avg_pool3d(input, output_size)


def adaptive_max_pool1d(input, output_size, return_indices=False):  # noqa: A002
    _validation.bool_arg("adaptive_max_pool1d", "return_indices", return_indices)
    out, indices = _ext._AdaptiveMax(_validation.positive_int("adaptive_max_pool1d", "output_size", output_size),
                                     1)(input)
    return (out, indices) if return_indices else out


def adaptive_max_pool2d(input, output_size, return_indices=False):  # noqa: A002
    return F.adaptive_max_pool2d(input, output_size, return_indices)


def _torch_avg_pool(op, input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override,  # noqa: A002
                    rank):
    n = rank
    kernel = _validation.int_tuple(op, "kernel_size", kernel_size, n)
    stride = kernel if stride is None else _validation.int_tuple(op, "stride", stride, n)
    pads = _validation.int_tuple(op, "padding", padding, n, minimum=0)
    if not isinstance(input, Tensor) or input.ndim not in (n + 1, n + 2):
        raise ValueError(f"For '{op}', the 'input' must be a {n + 1}-D or {n + 2}-D Tensor, but got "
                         f"{getattr(input, 'shape', type(input).__name__)}.")
    lead = (1,) * (3 - n)
    pad = (0, 0) * (3 - n) + tuple(p for p in pads for _ in range(2))
    pool = kept(P.AvgPool3D, lead + kernel, lead + stride, "pad", pad, ceil_mode, count_include_pad,
                divisor_override or 0)
    batched = input.ndim == n + 2
    y = input if batched else F.expand_dims(input, 0)
    for _ in range(3 - n):
        y = F.expand_dims(y, 2)
    out = pool(y)
    for _ in range(3 - n):
        out = F.squeeze(out, 2)
    return out if batched else F.squeeze(out, 0)


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):  # noqa: A002
    return _torch_avg_pool("avg_pool1d", input, kernel_size, stride, padding, ceil_mode, count_include_pad, None, 1)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,  # noqa: A002
               divisor_override=None):
    return _torch_avg_pool("avg_pool2d", input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                           divisor_override, 2)


def avg_pool3d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,  # noqa: A002
               divisor_override=None):
    return _torch_avg_pool("avg_pool3d", input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                           divisor_override, 3)


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1,  # noqa: A002
               eps=1e-5):
    """Batch normalisation over axis 1 (PyTorch's convention): training uses the batch statistics
    and updates running_mean/running_var (Parameters) as (1 − momentum)·running + momentum·batch;
    running statistics of None are allowed in training only (nothing is kept)."""
    _validation.bool_arg("batch_norm", "training", training)
    c = input.shape[1]
    weight = F.ones((c,), input.dtype) if weight is None else weight
    bias = F.zeros((c,), input.dtype) if bias is None else bias
    if running_mean is None or running_var is None:
        if not training:
            raise ValueError("For 'batch_norm', the 'running_mean' and 'running_var' must be Tensors when "
                             "'training' is False, but got None.")
        running_mean, running_var = F.zeros((c,), weight.dtype), F.ones((c,), weight.dtype)
    return F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)


def binary_cross_entropy(input, target, weight=None, reduction="mean"):  # noqa: A002
    return F.binary_cross_entropy(input, target, weight, reduction)


def binary_cross_entropy_with_logits(input, target, weight=None, reduction="mean", pos_weight=None):  # noqa: A002
    return F.binary_cross_entropy_with_logits(input, target, weight, pos_weight, reduction)


def _torch_padding(op, padding, rank):
    if isinstance(padding, str):
        return padding, 0
    pads = _validation.int_tuple(op, "padding", padding, rank, minimum=0)
    return "pad", tuple(p for p in pads for _ in range(2))


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):  # noqa: A002
    mode, pads = _torch_padding("conv1d", padding, 1)
    return F.conv1d(input, weight, bias, stride, mode, pads if mode == "pad" else 0, dilation, groups)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):  # noqa: A002
    mode, pads = _torch_padding("conv2d", padding, 2)
    return F.conv2d(input, weight, bias, stride, mode, pads, dilation, groups)


def conv3d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):  # noqa: A002
    mode, pads = _torch_padding("conv3d", padding, 3)
    return F.conv3d(input, weight, bias, stride, mode, pads, dilation, groups)


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):  # noqa: A002
    return F.conv_transpose2d(input, weight, bias, stride, padding, output_padding, groups, dilation)


def cosine_embedding_loss(input1, input2, target, margin=0.0, reduction="mean"):
    return F.cosine_embedding_loss(input1, input2, target, margin, reduction)


def cross_entropy(input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):  # noqa: A002
    return F.cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing)


def _check_p(op, p):
    if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0 <= p <= 1:
        raise ValueError(f"For '{op}', the 'p' must be a float in [0, 1], but got {p!r}.")
    return float(p)


def dropout(input, p=0.5, training=True, inplace=False):  # noqa: A002
    p = _check_p("dropout", p)
    if not training or p == 0:
        return input
    return _ext._Dropout(p)(input)


def dropout2d(input, p=0.5, training=True, inplace=False):  # noqa: A002
    return F.dropout2d(input, _check_p("dropout2d", p), training)


def elu(input, alpha=1.0, inplace=False):  # noqa: A002
    return _maybe_inplace("elu", input, inplace, F.elu(input, alpha))


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False):  # noqa: A002
    return F.embedding(input, weight, padding_idx, max_norm, norm_type, scale_grad_by_freq)


def flatten(input, start_dim=0, end_dim=-1):  # noqa: A002
    ndim = max(input.ndim, 1)
    start, end = start_dim % ndim, end_dim % ndim
    if start > end:
        raise ValueError(f"For 'flatten', 'start_dim' {start_dim} must not be after 'end_dim' {end_dim}.")
    return F.reshape(input, input.shape[:start] + (-1,) + input.shape[end + 1:])


def fold(input, output_size, kernel_size, dilation=1, padding=0, stride=1):  # noqa: A002
    return F.fold(input, output_size, kernel_size, dilation, padding, stride)


def gelu(input, approximate="none"):  # noqa: A002
    return F.gelu(input, approximate)


def glu(input, dim=-1):  # noqa: A002
    return F.glu(input, dim)


def grid_sample(input, grid, mode="bilinear", padding_mode="zeros", align_corners=None):  # noqa: A002
    return F.grid_sample(input, grid, mode, padding_mode, bool(align_corners))


def group_norm(input, num_groups, weight=None, bias=None, eps=1e-5):  # noqa: A002
    return F.group_norm(input, num_groups, weight, bias, eps)


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):  # noqa: A002
    return _maybe_inplace("hardtanh", input, inplace, F.hardtanh(input, min_val, max_val))


def interpolate(input, size=None, scale_factor=None, mode="nearest", align_corners=None,  # noqa: A002
                recompute_scale_factor=None):
    return _nn_func.resample(input, size, scale_factor, mode, align_corners, recompute_scale_factor)


def kl_div(input, target, reduction="mean", log_target=False):  # noqa: A002
    _validation.bool_arg("kl_div", "log_target", log_target)
    if log_target:
        target = F.exp(target)
    return F.kl_div(input, target, reduction)


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):  # noqa: A002
    return F.layer_norm(input, normalized_shape, weight, bias, eps)


def leaky_relu(input, negative_slope=0.01):  # noqa: A002
    return F.leaky_relu(input, negative_slope)


def linear(input, weight, bias=None):  # noqa: A002
    return F.dense(input, weight, bias)


def log_softmax(input, dim=None, *, dtype=None):  # noqa: A002
    if dtype is not None:
        input = F.cast(input, dtype)  # noqa: A001
    if dim is None:
        dim = 0 if input.ndim in (0, 1, 3) else 1
    return F.log_softmax(input, dim)


def logsigmoid(input):  # noqa: A002
    return F.logsigmoid(input)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):  # noqa: A002
    batched = input.ndim == 4
    out = F.max_pool2d(input if batched else F.expand_dims(input, 0), kernel_size, stride, padding, dilation,
                       True, ceil_mode)
    out, indices = out if batched else (F.squeeze(out[0], 0), F.squeeze(out[1], 0))
    return (out, indices) if return_indices else out


def max_unpool2d(input, indices, kernel_size, stride=None, padding=0, output_size=None):  # noqa: A002
    return F.max_unpool2d(input, indices, kernel_size, stride, padding, output_size)


def mse_loss(input, target, reduction="mean"):  # noqa: A002
    return F.mse_loss_ext(input, target, reduction)


def nll_loss(input, target, weight=None, ignore_index=-100, reduction="mean"):  # noqa: A002
    return F.nll_loss(input, target, weight, ignore_index, reduction)


def normalize(input, p=2.0, dim=1, eps=1e-12):  # noqa: A002
    """x / max(‖x‖_p, eps) along `dim`."""
    if not isinstance(input, Tensor) or input.dtype.kind != "float":
        raise TypeError(f"For 'normalize', the 'input' must be a float Tensor, but got {type(input).__name__}.")
    _validation.int_arg("normalize", "dim", dim)
    return _ext._Normalize(p, dim, eps)(input)


def one_hot(tensor, num_classes=-1):
    if not isinstance(tensor, Tensor) or tensor.dtype.kind not in ("int", "uint"):
        raise TypeError(f"For 'one_hot', the 'tensor' must be an int Tensor, but got {tensor!r}.")
    if num_classes == -1:
        num_classes = int(tensor.asnumpy().max()) + 1
    return F.one_hot(tensor, num_classes, constant(1, np.int64), constant(0, np.int64))


def pad(input, pad, mode="constant", value=None):  # noqa: A002
    return F.pad(input, pad, mode, value)


def pixel_shuffle(input, upscale_factor):  # noqa: A002
    return F.pixel_shuffle(input, upscale_factor)


def prelu(input, weight):  # noqa: A002
    return F.prelu(input, weight)


def relu(input, inplace=False):  # noqa: A002
    return _maybe_inplace("relu", input, inplace, F.relu(input))


def relu6(input, inplace=False):  # noqa: A002
    return _maybe_inplace("relu6", input, inplace, F.relu6(input))


def sigmoid(input):  # noqa: A002
    return F.sigmoid(input)


def silu(input, inplace=False):  # noqa: A002
    return _maybe_inplace("silu", input, inplace, F.silu(input))


def soft_margin_loss(input, target, reduction="mean"):  # noqa: A002
    return F.soft_margin_loss(input, target, reduction)


def softmax(input, dim=None, dtype=None):  # noqa: A002
    if dtype is not None:
        input = F.cast(input, dtype)  # noqa: A001
    if dim is None:
        dim = 0 if input.ndim in (0, 1, 3) else 1
    return F.softmax(input, dim)


def tanh(input):  # noqa: A002
    return F.tanh(input)


def threshold(input, threshold, value, inplace=False):  # noqa: A002
    return _maybe_inplace("threshold", input, inplace, F.threshold(input, threshold, value))


def unfold(input, kernel_size, dilation=1, padding=0, stride=1):  # noqa: A002
    return F.unfold(input, kernel_size, dilation, padding, stride)


def upsample(input, size=None, scale_factor=None, mode="nearest", align_corners=None):  # noqa: A002
    return _nn_func.resample(input, size, scale_factor, mode, align_corners)


# --- tensorsurf: in-place activations (the result overwrites input, which is returned) ------------
def _maybe_inplace(op, input, inplace, result):  # noqa: A002
    """result, or with inplace=True result written into input (its dtype and shape) and input returned."""
    _validation.bool_arg(op, "inplace", inplace)
    return _inplace.write_back(op, input, result) if inplace else result


def elu_(input, alpha=1.0):  # noqa: A002
    """input ← elu(input, alpha)."""
    return _inplace.write_back("elu_", input, F.elu(input, alpha))


def hardtanh_(input, min_val=-1, max_val=1):  # noqa: A002
    """input ← min(max(input, min_val), max_val)."""
    return _inplace.write_back("hardtanh_", input, F.hardtanh(input, min_val, max_val))


def relu_(input):  # noqa: A002
    """input ← max(input, 0)."""
    return _inplace.write_back("relu_", input, F.relu(input))


def sigmoid_(input):  # noqa: A002
    """input ← sigmoid(input)."""
    return _inplace.write_back("sigmoid_", input, F.sigmoid(input))


def threshold_(input, threshold, value):  # noqa: A002
    """input ← input where input > threshold, else value."""
    return _inplace.write_back("threshold_", input, F.threshold(input, threshold, value))


_call_cache.install(globals(), __all__)  # eager calls replay per argument signature
