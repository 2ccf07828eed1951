"""Neural-network functions (`mindspore.ops.function.nn_func`): activations, convolutions,
pooling, normalisation, dropout, padding, resampling and losses, each one primitive (or a
short composition of primitives) with MindSpore 2.10's signature."""
from __future__ import annotations

import math

from ... import _validation
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..._runtime import random_keys
from .. import operations as P
from ..operations import nn_ops as _nn_ops
from ..operations import nn_ops_ext as _ext
from .._kept_primitives import kept
from ..primitive import _wrap

__all__ = ["elu", "celu", "selu", "hardsigmoid", "hardswish", "hardshrink", "soft_shrink", "softshrink", "softplus",
           "softsign", "mish", "fast_gelu", "prelu", "glu", "logsigmoid", "tanhshrink", "threshold", "hardtanh",
           "rrelu", "softmin", "gumbel_softmax",
           "conv1d", "conv3d", "conv_transpose2d", "conv3d_transpose", "dense", "bidense",
           "avg_pool1d", "avg_pool3d", "max_pool3d", "adaptive_avg_pool1d", "adaptive_avg_pool3d",
           "adaptive_max_pool1d", "adaptive_max_pool2d", "adaptive_max_pool3d", "lp_pool1d", "lp_pool2d",
           "max_unpool1d", "max_unpool2d", "max_unpool3d",
           "batch_norm", "layer_norm", "lrn", "cosine_similarity", "dropout1d", "dropout2d", "dropout3d",
           "pad", "interpolate", "upsample", "grid_sample", "affine_grid", "pixel_shuffle", "pixel_unshuffle",
           "channel_shuffle", "unfold", "fold", "embedding",
           "binary_cross_entropy", "cosine_embedding_loss", "ctc_loss", "gaussian_nll_loss", "hinge_embedding_loss",
           "huber_loss", "kl_div", "margin_ranking_loss", "mse_loss_ext", "multi_margin_loss",
           "multilabel_margin_loss", "multilabel_soft_margin_loss", "nll_loss", "smooth_l1_loss",
           "soft_margin_loss", "triplet_margin_loss"]

_REDUCTIONS = ("mean", "sum", "none")


def _tensor(op, name, value):
    if not isinstance(value, Tensor):
        raise TypeError(f"For '{op}', the '{name}' must be a Tensor, but got {type(value).__name__}.")
    return value


def _float(op, name, value):
    _tensor(op, name, value)
    if value.dtype.kind != "float":
        raise TypeError(f"For '{op}', the '{name}' must be a float Tensor, but got {value.dtype}.")
    return value


def _number(op, name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"For '{op}', the '{name}' must be a float, but got {type(value).__name__}.")
    return float(value)


def _reduction(op, reduction, choices=_REDUCTIONS):
    return _validation.one_of(op, "reduction", reduction, choices)


# --- activations --------------------------------------------------------------------------------

def elu(input_x, alpha=1.0):
    """x for x > 0, alpha·(eˣ − 1) otherwise."""
    return P.Elu(alpha)(input_x)


def celu(x, alpha=1.0):
    """max(0, x) + min(0, alpha·(e^(x/alpha) − 1))."""
    return P.CeLU(alpha)(x)


def selu(input_x):
    return P.SeLU()(input_x)


def hardsigmoid(input):  # noqa: A002
    """relu6(x + 3)/6."""
    return P.HSigmoid()(input)


def hardswish(input):  # noqa: A002
    """x·relu6(x + 3)/6."""
    return P.HSwish()(input)


def hardshrink(input, lambd=0.5):  # noqa: A002
    return P.HShrink(lambd)(input)


def soft_shrink(input, lambd=0.5):  # noqa: A002
    return P.SoftShrink(lambd)(input)


def softshrink(input, lambd=0.5):  # noqa: A002
    return P.SoftShrink(lambd)(input)


def softplus(input, beta=1, threshold=20):  # noqa: A002
    """log(1 + e^(beta·x))/beta; x itself where beta·x > threshold."""
    beta = _number("softplus", "beta", beta)
    threshold = _number("softplus", "threshold", threshold)
    return _ext._SoftplusExt(beta, threshold)(input)


def softsign(x):
    return P.Softsign()(x)


def mish(x):
    return P.Mish()(x)


def fast_gelu(x):
    return P.FastGeLU()(x)


def prelu(input, weight):  # noqa: A002
    return P.PReLU()(input, weight)


def glu(x, axis=-1):
    return P.GLU(axis)(x)


def logsigmoid(x):
    """log σ(x)."""
    return _ext.log_sigmoid()(_float("logsigmoid", "x", x))


def tanhshrink(input):  # noqa: A002
    """x − tanh(x)."""
    return _ext.tanhshrink()(_float("tanhshrink", "input", input))


def threshold(input, thr, value):  # noqa: A002
    """x where x > thr, else value."""
    _tensor("threshold", "input", input)
    return _ext.threshold(_number("threshold", "thr", thr), _number("threshold", "value", value))(input)


def hardtanh(input, min_val=-1.0, max_val=1.0):  # noqa: A002
    """clip(x, min_val, max_val)."""
    _tensor("hardtanh", "input", input)
    min_val, max_val = _number("hardtanh", "min_val", min_val), _number("hardtanh", "max_val", max_val)
    if min_val > max_val:
        raise ValueError(f"For 'hardtanh', the 'min_val' must not be greater than 'max_val', but got {min_val} and "
                         f"{max_val}.")
    return _ext.hardtanh(min_val, max_val)(input)


def rrelu(input, lower=1.0 / 8, upper=1.0 / 3):  # noqa: A002
    """x for x ≥ 0, a·x elsewhere with a ~ U(lower, upper) per element."""
    _float("rrelu", "input", input)
    lower, upper = _number("rrelu", "lower", lower), _number("rrelu", "upper", upper)
    if lower > upper:
        raise ValueError(f"For 'rrelu', the 'upper' must be greater than or equal to 'lower', but got {lower}, {upper}.")
    prim = _ext.composed("rrelu", lower=lower, upper=upper, training=True)
    return _wrap(prim._dispatch((input._value(), random_keys.op_key(0, 0))))


def softmin(x, axis=-1, *, dtype=None):
    """softmax(−x) along `axis`."""
    _float("softmin", "x", x)
    if dtype is not None:
        x = P.Cast()(x, dtype)
    return P.Softmax(axis)(P.Neg()(x))


def gumbel_softmax(logits, tau=1.0, hard=False, dim=-1):
    """softmax((logits + g)/tau), g Gumbel noise; `hard` returns the one-hot of the argmax
    with the soft gradient (straight-through)."""
    _float("gumbel_softmax", "logits", logits)
    tau = _number("gumbel_softmax", "tau", tau)
    if tau <= 0:
        raise ValueError(f"For 'gumbel_softmax', the 'tau' must be greater than 0, but got {tau}.")
    _validation.bool_arg("gumbel_softmax", "hard", hard)
    _validation.int_arg("gumbel_softmax", "dim", dim)
    prim = _ext.composed("gumbel_softmax", tau=tau, hard=hard, dim=dim)
    return _wrap(prim._dispatch((logits._value(), random_keys.op_key(0, 0))))


# --- convolution and dense ----------------------------------------------------------------------

def _bias(out, bias):
    return out if bias is None else P.BiasAdd()(out, bias)


def conv1d(input, weight, bias=None, stride=1, pad_mode="valid", padding=0, dilation=1, groups=1):  # noqa: A002
    """1-D convolution of (N, C, L) with weight (O, C/groups, k): a 2-D one of height 1."""
    _tensor("conv1d", "input", input)
    _tensor("conv1d", "weight", weight)
    if input.ndim != 3 or weight.ndim != 3:
        raise ValueError(f"For 'conv1d', the 'input' and 'weight' must be 3-D, but got {input.ndim} and {weight.ndim}.")
    if isinstance(padding, (tuple, list)):
        padding = tuple(padding)
        padding = (0, 0) + (padding * 2 if len(padding) == 1 else padding)
    else:
        padding = (0, 0, padding, padding)
    stride = stride[0] if isinstance(stride, (tuple, list)) else stride
    dilation = dilation[0] if isinstance(dilation, (tuple, list)) else dilation
    out = P.Conv2D(weight.shape[0], (1, weight.shape[2]), pad_mode=pad_mode, pad=padding, stride=(1, stride),
                   dilation=(1, dilation), group=groups)(P.ExpandDims()(input, 2), P.ExpandDims()(weight, 2))
    return _bias(P.Squeeze(2)(out), bias)


def conv3d(input, weight, bias=None, stride=1, pad_mode="valid", padding=0, dilation=1, groups=1):  # noqa: A002
    """3-D convolution of (N, C, D, H, W) with weight (O, C/groups, kd, kh, kw)."""
    _tensor("conv3d", "weight", weight)
    if isinstance(padding, (tuple, list)) and len(padding) == 3:
        padding = tuple(p for p in padding for _ in range(2))
    out = P.Conv3D(weight.shape[0], weight.shape[2:], pad_mode=pad_mode, pad=padding, stride=stride,
                   dilation=dilation, group=groups)(input, weight)
    return _bias(out, bias)


def _pairs(op, name, value, n):
    return _validation.int_tuple(op, name, value, n, minimum=0)


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):  # noqa: A002
    """Transposed 2-D convolution (PyTorch's form): weight (C_in, C_out/groups, kh, kw);
    output (n − 1)·s − 2p + d(k − 1) + output_padding + 1 per axis."""
    _float("conv_transpose2d", "input", input)
    _float("conv_transpose2d", "weight", weight)
    unbatched = input.ndim == 3
    if unbatched:
        input = P.ExpandDims()(input, 0)  # noqa: A001
    if input.ndim != 4 or weight.ndim != 4 or input.shape[1] != weight.shape[0]:
        raise ValueError(f"For 'conv_transpose2d', expected 'input' (N, C_in, H, W) and 'weight' (C_in, C_out/groups, "
                         f"kh, kw), but got {input.shape} and {weight.shape}.")
    pads = _pairs("conv_transpose2d", "padding", padding, 2)
    out = _ext._TransposedConv("ConvTranspose2D", _pairs("conv_transpose2d", "stride", stride, 2),
                               _pairs("conv_transpose2d", "dilation", dilation, 2), "pad",
                               [(p, p) for p in pads], _pairs("conv_transpose2d", "output_padding", output_padding, 2),
                               groups)(input, weight)
    out = _bias(out, bias)
    return P.Squeeze(0)(out) if unbatched else out


def conv3d_transpose(inputs, weight, pad_mode="valid", padding=0, stride=1, dilation=1, group=1, output_padding=0):
    """Transposed 3-D convolution (P.Conv3DTranspose)."""
    _tensor("conv3d_transpose", "weight", weight)
    if isinstance(padding, (tuple, list)) and len(padding) == 3:
        padding = tuple(p for p in padding for _ in range(2))
    return P.Conv3DTranspose(weight.shape[0], weight.shape[1] * group, weight.shape[2:], 1, pad_mode, padding,
                             stride, dilation, group, output_padding)(inputs, weight)


def dense(input, weight, bias=None):  # noqa: A002
    """x·Wᵀ + b over the last axis."""
    return P.Dense()(input, weight, bias)


def bidense(input1, input2, weight, bias=None):
    """y_o = x1ᵀ·W_o·x2 + b_o: weight (out, in1, in2)."""
    _float("bidense", "input1", input1)
    _float("bidense", "input2", input2)
    _float("bidense", "weight", weight)
    if weight.ndim != 3 or input1.shape[-1] != weight.shape[1] or input2.shape[-1] != weight.shape[2]:
        raise ValueError(f"For 'bidense', the 'weight' must be (out, in1, in2) matching 'input1' {input1.shape} and "
                         f"'input2' {input2.shape}, but got {weight.shape}.")
    args = (input1, input2, weight) if bias is None else (input1, input2, weight, bias)
    return _ext.composed("bidense")(*args)


# --- pooling ------------------------------------------------------------------------------------

def _check_rank(op, x, ranks):
    _tensor(op, "input", x)
    if x.ndim not in ranks:
        raise ValueError(f"For '{op}', the dimension of the input must be in {list(ranks)}, but got shape {x.shape}.")


def avg_pool1d(input_x, kernel_size=1, stride=1, padding=0, ceil_mode=False, count_include_pad=True):
    """Average pooling of (N, C, L) with symmetric zero `padding`."""
    _check_rank("avg_pool1d", input_x, (3,))
    k = _validation.int_tuple("avg_pool1d", "kernel_size", kernel_size, 1)[0]
    s = _validation.int_tuple("avg_pool1d", "stride", stride, 1)[0]
    p = _validation.int_tuple("avg_pool1d", "padding", padding, 1, minimum=0)[0]
    pool = P.AvgPool3D((1, 1, k), (1, 1, s), "pad", (0, 0, 0, 0, p, p), ceil_mode, count_include_pad, 0)
    x = P.ExpandDims()(P.ExpandDims()(input_x, 2), 2)
    return P.Squeeze((2, 3))(pool(x))


def avg_pool3d(input_x, kernel_size=1, stride=1, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=0):
    """Average pooling of (N, C, D, H, W) with symmetric zero `padding` (an int or (d, h, w))."""
    _check_rank("avg_pool3d", input_x, (5,))
    pads = _validation.int_tuple("avg_pool3d", "padding", padding, 3, minimum=0)
    pad = tuple(p for p in pads for _ in range(2))
    return P.AvgPool3D(kernel_size, stride, "pad", pad, ceil_mode, count_include_pad, divisor_override or 0)(input_x)


def max_pool3d(x, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """Max pooling of (N, C, D, H, W) with symmetric -inf `padding`, `dilation`, `ceil_mode`."""
    _check_rank("max_pool3d", x, (5,))
    _validation.bool_arg("max_pool3d", "return_indices", return_indices)
    out, indices = P.MaxPool3DWithArgmax(kernel_size, kernel_size if stride is None else stride, padding, dilation,
                                         ceil_mode)(x)
    return (out, indices) if return_indices else out


def adaptive_avg_pool1d(input, output_size):  # noqa: A002
    _check_rank("adaptive_avg_pool1d", input, (2, 3))
    _validation.positive_int("adaptive_avg_pool1d", "output_size", output_size)
    return _ext._AdaptiveAvg(output_size, 1)(input)


def adaptive_avg_pool3d(input, output_size):  # noqa: A002
    return kept(P.AdaptiveAvgPool3D, output_size)(input)


def adaptive_max_pool1d(input, output_size):  # noqa: A002
    _check_rank("adaptive_max_pool1d", input, (2, 3))
    _validation.positive_int("adaptive_max_pool1d", "output_size", output_size)
    return _ext._AdaptiveMax(output_size, 1)(input)[0]


def adaptive_max_pool2d(input, output_size, return_indices=False):  # noqa: A002
    _validation.bool_arg("adaptive_max_pool2d", "return_indices", return_indices)
    out, indices = P.AdaptiveMaxPool2D(output_size)(input)
    return (out, indices) if return_indices else out


def adaptive_max_pool3d(input, output_size, return_indices=False):  # noqa: A002
    _validation.bool_arg("adaptive_max_pool3d", "return_indices", return_indices)
    out, indices = _ext._AdaptiveMax(output_size, 3)(input)
    return (out, P.Cast()(indices, mstype.int32)) if return_indices else out


def _lp_pool(op, x, norm_type, kernel_size, stride, ceil_mode, rank):
    _check_rank(op, x, (rank + 1, rank + 2))
    norm_type = _number(op, "norm_type", norm_type)
    kernel = _validation.int_tuple(op, "kernel_size", kernel_size, rank)
    stride = kernel if stride is None else _validation.int_tuple(op, "stride", stride, rank)
    _validation.bool_arg(op, "ceil_mode", ceil_mode)
    unbatched = x.ndim == rank + 1
    if unbatched:
        x = P.ExpandDims()(x, 0)
    out = _ext.composed("lp_pool", kernel=kernel, stride=stride, norm_type=norm_type, ceil_mode=ceil_mode)(x)
    return P.Squeeze(0)(out) if unbatched else out


def lp_pool1d(x, norm_type, kernel_size, stride=None, ceil_mode=False):
    """(Σ_window x^p)^(1/p) over (N, C, L)."""
    return _lp_pool("lp_pool1d", x, norm_type, kernel_size, stride, ceil_mode, 1)


def lp_pool2d(x, norm_type, kernel_size, stride=None, ceil_mode=False):
    """(Σ_window x^p)^(1/p) over (N, C, H, W)."""
    return _lp_pool("lp_pool2d", x, norm_type, kernel_size, stride, ceil_mode, 2)


def _unpool(op, prim, x, indices, kernel_size, stride, padding, output_size, rank):
    _check_rank(op, x, (rank + 1, rank + 2))
    unbatched = x.ndim == rank + 1
    if unbatched:
        x, indices = P.ExpandDims()(x, 0), P.ExpandDims()(indices, 0)
    shape = () if output_size is None else tuple(output_size)
    out = prim(kernel_size, 0 if stride is None else stride, padding, shape)(x, indices)
    return P.Squeeze(0)(out) if unbatched else out


def max_unpool1d(x, indices, kernel_size, stride=None, padding=0, output_size=None):
    """The inverse of max_pool1d: each value back at its index, zeros elsewhere."""
    return _unpool("max_unpool1d", _ext._MaxUnpool1D, x, indices, kernel_size, stride, padding, output_size, 1)


def max_unpool2d(x, indices, kernel_size, stride=None, padding=0, output_size=None):
    return _unpool("max_unpool2d", P.MaxUnpool2D, x, indices, kernel_size, stride, padding, output_size, 2)


def max_unpool3d(x, indices, kernel_size, stride=None, padding=0, output_size=None):
    return _unpool("max_unpool3d", P.MaxUnpool3D, x, indices, kernel_size, stride, padding, output_size, 3)


# --- normalisation and dropout ------------------------------------------------------------------

def batch_norm(input_x, running_mean, running_var, weight, bias, training=False, momentum=0.1, eps=1e-5):
    """Batch normalisation over axis 1; in training the batch statistics, and the running
    ones updated in place as (1 − momentum)·running + momentum·batch (unbiased variance)."""
    for name, t in (("input_x", input_x), ("running_mean", running_mean), ("running_var", running_var),
                    ("weight", weight), ("bias", bias)):
        _float("batch_norm", name, t)
    _validation.bool_arg("batch_norm", "training", training)
    # (the BatchNorm primitive in training writes running_mean/running_var when they are Parameters)
    return kept(P.BatchNorm, training, eps, momentum)(input_x, weight, bias, running_mean, running_var)[0]


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):  # noqa: A002
    """Normalise over the trailing `normalized_shape` axes, then ·weight + bias."""
    _float("layer_norm", "input", input)
    shape = (normalized_shape,) if _validation.is_int(normalized_shape) else tuple(normalized_shape)
    if tuple(input.shape[input.ndim - len(shape):]) != shape:
        raise ValueError(f"For 'layer_norm', the 'normalized_shape' {shape} must be the trailing shape of 'input' "
                         f"{input.shape}.")
    weight = P.Ones()(shape, input.dtype) if weight is None else weight
    bias = P.Zeros()(shape, input.dtype) if bias is None else bias
    axes = tuple(range(input.ndim - len(shape), input.ndim))
    return _ext.composed("layer_norm", axes=axes, eps=float(eps))(input, weight, bias)


def lrn(x, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, norm_region="ACROSS_CHANNELS"):
    return P.LRN(depth_radius, bias, alpha, beta, norm_region)(x)


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """x1·x2 / max(‖x1‖·‖x2‖, eps) along `dim`."""
    _float("cosine_similarity", "x1", x1)
    _float("cosine_similarity", "x2", x2)
    _validation.int_arg("cosine_similarity", "dim", dim)
    return _ext.composed("cosine_similarity", axis=dim, eps=float(eps))(x1, x2)


def _channel_dropout(op, prim, input, p, training, ranks, expand=False):  # noqa: A002
    _tensor(op, "input", input)
    p = _number(op, "p", p)
    if not 0 <= p <= 1:
        raise ValueError(f"For '{op}', the 'p' must be in range [0, 1], but got {p}.")
    _validation.bool_arg(op, "training", training)
    if not training or p == 0:
        return input
    if input.ndim not in ranks:
        raise ValueError(f"For '{op}', the dimension of 'input' must be in {list(ranks)}, but got {input.ndim}.")
    x = P.ExpandDims()(input, -1) if expand else input
    out = prim(1.0 - p)(x)[0]
    return P.Squeeze(-1)(out) if expand else out


def dropout1d(input, p=0.5, training=True):  # noqa: A002
    """Zero whole channels of (N, C, L) with probability p; scale the rest by 1/(1 − p)."""
    if isinstance(input, Tensor) and input.ndim == 2:
        return P.Squeeze(0)(_channel_dropout("dropout1d", P.Dropout2D, P.ExpandDims()(input, 0), p, training, (3,),
                                             expand=True))
    return _channel_dropout("dropout1d", P.Dropout2D, input, p, training, (3,), expand=True)


def dropout2d(input, p=0.5, training=True):  # noqa: A002
    return _channel_dropout("dropout2d", P.Dropout2D, input, p, training, (4,))


def dropout3d(input, p=0.5, training=True):  # noqa: A002
    return _channel_dropout("dropout3d", P.Dropout3D, input, p, training, (5,))


# --- padding, resampling, patches ---------------------------------------------------------------

def pad(input_x, padding, mode="constant", value=None):
    """Pad the last axes by `padding` = (left, right, top, bottom, …), starting at the last axis
    (negative values crop); mode 'constant' (`value`, default 0), 'reflect', 'replicate', 'circular'."""
    _tensor("pad", "input_x", input_x)
    if isinstance(padding, Tensor):
        padding = tuple(int(v) for v in padding.asnumpy().reshape(-1))
    if not isinstance(padding, (tuple, list)):
        raise TypeError(f"For 'pad', the 'padding' must be a tuple or list of ints, but got {type(padding).__name__}.")
    _validation.one_of("pad", "mode", mode, ("constant", "reflect", "replicate", "circular"))
    if mode != "constant" and value is not None:
        raise ValueError(f"For 'pad', the 'value' must be None when 'mode' is {mode!r}, but got {value}.")
    pads = _ext.torch_style_pads("pad", input_x, padding)
    if mode == "constant":
        return _ext.padding("constant")(input_x, pads, 0 if value is None else value)
    for (lo, hi), n in zip(pads, input_x.shape):
        if mode == "reflect" and max(lo, hi) >= n and (lo or hi):
            raise ValueError(f"For 'pad', with mode 'reflect' each padding must be less than the dimension it pads, "
                             f"but got {padding} for shape {input_x.shape}.")
    return _ext.padding(mode)(input_x, pads)


_INTERPOLATE_RANKS = {"nearest": (1, 2, 3), "nearest-exact": (1, 2, 3), "linear": (1,), "bilinear": (2,),
                      "bicubic": (2,), "trilinear": (3,), "area": (1, 2, 3)}


def interpolate(input, size=None, scale_factor=None, mode="nearest", align_corners=None,  # noqa: A002
                recompute_scale_factor=None):
    """Resample the spatial axes of (N, C, *spatial) to `size` or ⌊n·scale_factor⌋ (see
    `_resample` for each mode's source coordinates, PyTorch's). 'bicubic' is MindSpore's
    `ResizeBicubic(align_corners, half_pixel_centers=not align_corners)`, sizes only."""
    _tensor("interpolate", "input", input)
    if mode == "bicubic":
        if scale_factor is not None:
            raise ValueError("For 'interpolate', 'scale_factor' option cannot currently be set with the mode = "
                             f"bicubic and dim = {input.ndim}D.")
        if input.ndim == 4 and size is not None:
            sizes = (size,) * 2 if _validation.is_int(size) else tuple(size)
            if len(sizes) != 2 or not all(_validation.is_int(v) and v > 0 for v in sizes):
                raise ValueError(f"For 'interpolate', the 'size' must be 2 positive ints, but got {size}.")
            return P.ResizeBicubic(bool(align_corners), not align_corners)(input, sizes)
    return resample(input, size, scale_factor, mode, align_corners, recompute_scale_factor)


def resample(input, size=None, scale_factor=None, mode="nearest", align_corners=None,  # noqa: A002
             recompute_scale_factor=None):
    """PyTorch's interpolate (`mint.nn.functional.interpolate`; `ops.interpolate` but for
    'bicubic', here PyTorch's A = −0.75 on half-pixel coordinates)."""
    _tensor("interpolate", "input", input)
    _validation.one_of("interpolate", "mode", mode, tuple(_INTERPOLATE_RANKS))
    rank = input.ndim - 2
    if rank not in _INTERPOLATE_RANKS[mode]:
        raise ValueError(f"For 'interpolate', the mode {mode!r} needs a {[r + 2 for r in _INTERPOLATE_RANKS[mode]]}-D "
                         f"input, but got {input.ndim}-D.")
    if (size is None) == (scale_factor is None):
        raise ValueError("For 'interpolate', exactly one of 'size' and 'scale_factor' must be given, but got "
                         f"size {size} and scale_factor {scale_factor}.")
    if align_corners is not None and mode not in ("linear", "bilinear", "bicubic", "trilinear"):
        raise ValueError(f"For 'interpolate', the 'align_corners' option is only for linear modes, but got mode "
                         f"{mode!r}.")
    spatial = input.shape[2:]
    if size is not None:
        sizes = (size,) * rank if _validation.is_int(size) else tuple(size)
        if len(sizes) != rank or not all(_validation.is_int(s) and s > 0 for s in sizes):
            raise ValueError(f"For 'interpolate', the 'size' must be {rank} positive ints, but got {size}.")
        scales = None
    else:
        factors = (scale_factor,) * rank if isinstance(scale_factor, (int, float)) else tuple(scale_factor)
        if len(factors) != rank or not all(isinstance(f, (int, float)) and f > 0 for f in factors):
            raise ValueError(f"For 'interpolate', the 'scale_factor' must be {rank} positive numbers, but got "
                             f"{scale_factor}.")
        sizes = tuple(int(math.floor(n * f)) for n, f in zip(spatial, factors))
        scales = None if recompute_scale_factor else tuple(float(f) for f in factors)
    kind = {"bilinear": "linear", "trilinear": "linear", "bicubic": "cubic"}.get(mode, mode)
    return _ext._Interpolate(kind, bool(align_corners))(input, sizes, scales)


def upsample(input, size=None, scale_factor=None, mode="nearest", align_corners=None,  # noqa: A002
             recompute_scale_factor=None):
    return interpolate(input, size, scale_factor, mode, align_corners, recompute_scale_factor)


def grid_sample(input, grid, mode="bilinear", padding_mode="zeros", align_corners=False):  # noqa: A002
    """Sample (N, C, H, W) (or 5-D) at `grid` (N, H', W', 2) in [−1, 1] (x first)."""
    _tensor("grid_sample", "input", input)
    prim = P.GridSampler2D if input.ndim == 4 else P.GridSampler3D
    if input.ndim not in (4, 5):
        raise ValueError(f"For 'grid_sample', the 'input' must be 4-D or 5-D, but got {input.ndim}-D.")
    return prim(mode, padding_mode, bool(align_corners))(input, grid)


def affine_grid(theta, size, align_corners=False):
    return P.AffineGrid(align_corners)(theta, size)


def pixel_shuffle(input, upscale_factor):  # noqa: A002
    """(…, C·r², H, W) -> (…, C, H·r, W·r)."""
    _tensor("pixel_shuffle", "input", input)
    r = _validation.positive_int("pixel_shuffle", "upscale_factor", upscale_factor)
    if input.ndim < 3 or input.shape[-3] % (r * r):
        raise ValueError(f"For 'pixel_shuffle', the channels of 'input' must be divisible by upscale_factor² {r * r}, "
                         f"but got shape {input.shape}.")
    return _ext.composed("pixel_shuffle", r=r)(input)


def pixel_unshuffle(input, downscale_factor):  # noqa: A002
    """(…, C, H·r, W·r) -> (…, C·r², H, W)."""
    _tensor("pixel_unshuffle", "input", input)
    r = _validation.positive_int("pixel_unshuffle", "downscale_factor", downscale_factor)
    if input.ndim < 3 or input.shape[-1] % r or input.shape[-2] % r:
        raise ValueError(f"For 'pixel_unshuffle', the height and width of 'input' must be divisible by "
                         f"downscale_factor {r}, but got shape {input.shape}.")
    return _ext.composed("pixel_unshuffle", r=r)(input)


def channel_shuffle(x, groups):
    return P.ChannelShuffle(groups)(x)


def unfold(input, kernel_size, dilation=1, padding=0, stride=1):  # noqa: A002
    """(N, C, H, W) -> (N, C·kh·kw, L): the sliding windows as columns."""
    _check_rank("unfold", input, (4,))
    out = kept(P.Im2Col, kernel_size, stride, dilation, padding)(input)
    n, c, k, l = out.shape
    return kept(P.Reshape)(out, (n, c * k, l))


def fold(input, output_size, kernel_size, dilation=1, padding=0, stride=1):  # noqa: A002
    """(N, C·kh·kw, L) -> (N, C, H, W): columns summed back into their windows (unfold's adjoint)."""
    _check_rank("fold", input, (3,))
    kernel = _validation.int_tuple("fold", "kernel_size", kernel_size, 2)
    k = math.prod(kernel)
    n, ck, l = input.shape
    if ck % k:
        raise ValueError(f"For 'fold', the second dimension of 'input' must be divisible by the kernel size {k}, but "
                         f"got {ck}.")
    x = P.Reshape()(input, (n, ck // k, k, l))
    if isinstance(output_size, Tensor):
        output_size = tuple(int(v) for v in output_size.asnumpy().reshape(-1))
    return P.Col2Im(kernel, dilation, padding, stride)(x, output_size)


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False):  # noqa: A002
    """The rows of `weight` at the indices `input`; rows whose `norm_type`-norm exceeds `max_norm`
    are scaled down to it (in the output; the table is renormalised in place as MindSpore does)."""
    _tensor("embedding", "input", input)
    _float("embedding", "weight", weight)
    if input.dtype.kind not in ("int", "uint"):
        raise TypeError(f"For 'embedding', the 'input' must be an int Tensor, but got {input.dtype}.")
    if padding_idx is not None:
        _validation.int_arg("embedding", "padding_idx", padding_idx)
        if not -weight.shape[0] <= padding_idx < weight.shape[0]:
            raise ValueError(f"For 'embedding', the 'padding_idx' must be in [{-weight.shape[0]}, {weight.shape[0]}), "
                             f"but got {padding_idx}.")
    return _ext.composed("embedding", max_norm=None if max_norm is None else float(max_norm),
                         norm_type=float(norm_type))(weight, input)


# --- losses -------------------------------------------------------------------------------------

def binary_cross_entropy(logits, labels, weight=None, reduction="mean"):
    """−w·[y·log p + (1 − y)·log(1 − p)] (logs clamped at −100)."""
    return P.BinaryCrossEntropy(reduction)(logits, labels, weight)


def cosine_embedding_loss(input1, input2, target, margin=0.0, reduction="mean"):
    """1 − cos(x1, x2) where y = 1, max(0, cos(x1, x2) − margin) where y = −1."""
    _float("cosine_embedding_loss", "input1", input1)
    _float("cosine_embedding_loss", "input2", input2)
    _tensor("cosine_embedding_loss", "target", target)
    _reduction("cosine_embedding_loss", reduction)
    margin = _number("cosine_embedding_loss", "margin", margin)
    if input1.shape != input2.shape or target.shape != input1.shape[:-1]:
        raise ValueError(f"For 'cosine_embedding_loss', expected 'input1' and 'input2' of one shape and 'target' of "
                         f"their leading shape, but got {input1.shape}, {input2.shape} and {target.shape}.")
    return _ext.composed("cosine_embedding_loss", margin=margin, reduction=reduction)(input1, input2, target)


def _ctc_arguments(log_probs, targets, input_lengths, target_lengths, blank, reduction, zero_infinity):
    """The argument checks `ctc_loss` and its loss-only form share."""
    _float("ctc_loss", "log_probs", log_probs)
    for name, t in (("targets", targets), ("input_lengths", input_lengths), ("target_lengths", target_lengths)):
        _tensor("ctc_loss", name, t)
    _reduction("ctc_loss", reduction)
    _validation.int_arg("ctc_loss", "blank", blank, minimum=0)
    _validation.bool_arg("ctc_loss", "zero_infinity", zero_infinity)


def ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean", zero_infinity=False):
    """Connectionist temporal classification loss of log_probs (T, N, C), as MindSpore returns
    it: (neg_log_likelihood, log_alpha (N, T, 2S + 1)) from `CTCLossV2`; 'mean' divides each
    sample's loss by its target length (at least 1), in float32, then averages; 'sum' adds."""
    _ctc_arguments(log_probs, targets, input_lengths, target_lengths, blank, reduction, zero_infinity)
    loss, log_alpha = P.CTCLossV2(blank, "none", zero_infinity)(log_probs, targets, input_lengths, target_lengths)
    return _ctc_reduced(loss, target_lengths, reduction), log_alpha


def ctc_negative_log_likelihood(log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean",
                                zero_infinity=False):
    """`ctc_loss`'s loss alone (nn.CTCLoss), without computing log_alpha."""
    _ctc_arguments(log_probs, targets, input_lengths, target_lengths, blank, reduction, zero_infinity)
    if log_probs.ndim != 3 or targets.ndim != 2 or targets.shape[0] != log_probs.shape[1]:
        raise ValueError(f"For 'ctc_loss', expected 'log_probs' (T, N, C) and 'targets' (N, S), but got "
                         f"{log_probs.shape} and {targets.shape}.")
    loss = _ext._CTCLoss(blank, bool(zero_infinity))(log_probs, targets, input_lengths, target_lengths)
    return _ctc_reduced(loss, target_lengths, reduction)


def _ctc_reduced(loss, target_lengths, reduction):
    if reduction == "sum":
        return P.ReduceSum()(loss)
    if reduction == "mean":
        lengths = P.Maximum()(P.Cast()(target_lengths, mstype.float32), 1.0)
        return P.Cast()(P.ReduceMean()(P.Div()(P.Cast()(loss, mstype.float32), lengths)), loss.dtype)
    return loss


def gaussian_nll_loss(x, target, var, full=False, eps=1e-6, reduction="mean"):
    """½·(log max(var, eps) + (x − target)²/max(var, eps)) (+ ½·log 2π when `full`)."""
    for name, t in (("x", x), ("target", target), ("var", var)):
        _float("gaussian_nll_loss", name, t)
    _reduction("gaussian_nll_loss", reduction)
    _validation.bool_arg("gaussian_nll_loss", "full", full)
    return _ext.composed("gaussian_nll_loss", full=full, eps=_number("gaussian_nll_loss", "eps", eps),
                         reduction=reduction)(x, target, var)


def hinge_embedding_loss(inputs, targets, margin=1.0, reduction="mean"):
    """x where y = 1, max(0, margin − x) where y = −1."""
    _float("hinge_embedding_loss", "inputs", inputs)
    _tensor("hinge_embedding_loss", "targets", targets)
    _reduction("hinge_embedding_loss", reduction)
    return _ext.composed("hinge_embedding_loss", margin=_number("hinge_embedding_loss", "margin", margin),
                         reduction=reduction)(inputs, targets)


def huber_loss(input, target, reduction="mean", delta=1.0):  # noqa: A002
    """½d² where |d| < delta, else delta·(|d| − ½delta)."""
    _float("huber_loss", "input", input)
    _tensor("huber_loss", "target", target)
    _reduction("huber_loss", reduction)
    delta = _number("huber_loss", "delta", delta)
    if delta <= 0:
        raise ValueError(f"For 'huber_loss', the 'delta' must be greater than 0, but got {delta}.")
    return _ext.composed("huber_loss", delta=delta, reduction=reduction)(input, target)


def kl_div(logits, labels, reduction="mean"):
    """labels·(log labels − logits); 'batchmean' divides the sum by the batch size."""
    return P.KLDivLoss(reduction)(logits, labels)


def margin_ranking_loss(input1, input2, target, margin=0.0, reduction="mean"):
    """max(0, −y·(x1 − x2) + margin)."""
    for name, t in (("input1", input1), ("input2", input2), ("target", target)):
        _float("margin_ranking_loss", name, t)
    _reduction("margin_ranking_loss", reduction)
    return _ext.composed("margin_ranking_loss", margin=_number("margin_ranking_loss", "margin", margin),
                         reduction=reduction)(input1, input2, target)


def mse_loss_ext(input, target, reduction="mean"):  # noqa: A002
    """(x − y)², broadcast, reduced."""
    _float("mse_loss_ext", "input", input)
    _reduction("mse_loss_ext", reduction)
    loss = P.Square()(P.Sub()(input, target))
    return {"mean": P.ReduceMean(), "sum": P.ReduceSum()}.get(reduction, lambda v: v)(loss)


def multi_margin_loss(input, target, p=1, margin=1, weight=None, reduction="mean"):  # noqa: A002
    return P.MultiMarginLoss(p, float(margin), reduction)(input, target, weight)


def multilabel_margin_loss(input, target, reduction="mean"):  # noqa: A002
    return P.MultilabelMarginLoss(reduction)(input, target)[0]


def multilabel_soft_margin_loss(input, target, weight=None, reduction="mean"):  # noqa: A002
    """−mean_c w_c·[y·log σ(x) + (1 − y)·log σ(−x)]."""
    _float("multilabel_soft_margin_loss", "input", input)
    _tensor("multilabel_soft_margin_loss", "target", target)
    _reduction("multilabel_soft_margin_loss", reduction)
    weight = P.Ones()((input.shape[-1],), input.dtype) if weight is None else weight
    return _ext.composed("multilabel_soft_margin_loss", reduction=reduction)(input, target, weight)


def nll_loss(inputs, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    """−w[y]·x[y] of log-probabilities (N, C, …) against class indices (N, …)."""
    _float("nll_loss", "inputs", inputs)
    _tensor("nll_loss", "target", target)
    _reduction("nll_loss", reduction)
    _validation.int_arg("nll_loss", "ignore_index", ignore_index)
    smoothing = _number("nll_loss", "label_smoothing", label_smoothing)
    classes = inputs.shape[1] if inputs.ndim > 1 else inputs.shape[0]
    weight = P.Ones()((classes,), inputs.dtype) if weight is None else weight
    expected = inputs.shape[:1] + inputs.shape[2:] if inputs.ndim > 1 else ()
    if target.shape != expected:
        raise ValueError(f"For 'nll_loss', the 'target' must have shape {expected} for 'inputs' {inputs.shape}, but got "
                         f"{target.shape}.")
    return _ext._NLLLossND(ignore_index, reduction, smoothing)(inputs, target, weight)


def smooth_l1_loss(input, target, beta=1.0, reduction="none"):  # noqa: A002
    return P.SmoothL1Loss(beta, reduction)(input, target)


def soft_margin_loss(input, target, reduction="mean"):  # noqa: A002
    return P.SoftMarginLoss(reduction)(input, target)


def triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-06, swap=False, reduction="mean"):
    return P.TripletMarginLoss(p, swap, eps, reduction)(anchor, positive, negative, _number(
        "triplet_margin_loss", "margin", margin))
