"""Function forms of the primitives (`mindspore.ops.functional`): `ops.add(x, y)` is `ops.Add()(x, y)`."""
from __future__ import annotations

import builtins

from ..common import dtype as mstype
from .. import _validation
from . import operations as P
from .operations import math_ops as _math_ops
from .operations import nn_ops as _nn_ops

_add, _sub, _mul, _div = P.Add(), P.Sub(), P.Mul(), P.Div()


def add(input, other):  # noqa: A002 - MindSpore's argument names
    return _add(input, other)


def sub(input, other):  # noqa: A002
    return _sub(input, other)


def mul(input, other):  # noqa: A002
    return _mul(input, other)


def div(input, other, *, rounding_mode=None):  # noqa: A002
    """input / other; rounding_mode 'floor' rounds the quotient down, 'trunc' toward zero (integers
    stay integers then, as MindSpore's)."""
    if rounding_mode is None:
        return _div(input, other)
    if rounding_mode == "floor":
        return P.FloorDiv()(input, other)
    if rounding_mode == "trunc":
        return P.TruncateDiv()(input, other)
    raise ValueError(f"For ops.div, rounding_mode value should be None, 'floor' or 'trunc', but got {rounding_mode!r}.")


def neg(input):  # noqa: A002
    return P.Neg()(input)


def abs(input):  # noqa: A001,A002
    return P.Abs()(input)


def exp(input):  # noqa: A002
    return P.Exp()(input)


def log(input):  # noqa: A002
    return P.Log()(input)


def sqrt(x):
    return P.Sqrt()(x)


def square(input):  # noqa: A002
    return P.Square()(input)


def pow(input, exponent):  # noqa: A001,A002
    return P.Pow()(input, exponent)


def maximum(input, other):  # noqa: A002
    return P.Maximum()(input, other)


def minimum(input, other):  # noqa: A002
    return P.Minimum()(input, other)


_matmul = _math_ops._BroadcastMatMul()


def matmul(input, other):  # noqa: A002
    """Matrix product with broadcasting over leading dimensions (1-D operands as vectors)."""
    return _matmul(input, other)


def equal(input, other):  # noqa: A002
    return P.Equal()(input, other)


def less(input, other):  # noqa: A002
    return P.Less()(input, other)


def greater(input, other):  # noqa: A002
    return P.Greater()(input, other)


def isfinite(input):  # noqa: A002
    return P.IsFinite()(input)


def select(cond, x, y):
    return P.Select()(cond, x, y)


def reshape(input, shape):  # noqa: A002
    return P.Reshape()(input, shape)


def transpose(input, dims):  # noqa: A002
    return P.Transpose()(input, dims)


def expand_dims(input_x, axis):
    return P.ExpandDims()(input_x, axis)


def squeeze(input, axis=None):  # noqa: A002
    return P.Squeeze(() if axis is None else axis)(input)


def concat(tensors, axis=0):
    return P.Concat(axis)(tensors)


cat = concat


def stack(tensors, axis=0):
    return P.Stack(axis)(tensors)


def split(tensor, split_size_or_sections, axis=0):
    """Split along `axis` into pieces of `split_size_or_sections` elements (the last one shorter where
    the size does not divide the axis, as MindSpore does), or into pieces of the sizes listed (which
    must add up to the axis' length)."""
    sizes = split_size_or_sections
    whole = isinstance(sizes, int) and not isinstance(sizes, bool)
    if not whole and not (isinstance(sizes, (list, tuple))
                          and builtins.all(isinstance(v, int) and not isinstance(v, bool) for v in sizes)):
        raise TypeError(f"For 'split', the 'split_size_or_sections' must be an int, tuple(int) or list(int), "
                        f"but got {sizes!r}.")
    n = tensor.shape[axis]
    if whole:
        if sizes <= 0:
            raise ValueError(f"For 'split', the value of 'split_size_or_sections' must be more than zero, "
                             f"but got {sizes}.")
        if n % sizes == 0:
            return P.Split(axis, n // sizes)(tensor)
        sizes = (sizes,) * (n // sizes) + (n % sizes,)
    elif builtins.sum(sizes) != n:
        raise ValueError(f"For 'split', the sum of 'split_size_or_sections' should be equal to {n}, "
                         f"but got {builtins.sum(sizes)}.")
    return P.SplitV(tuple(sizes), axis, len(sizes))(tensor)


def gather(input_params, input_indices, axis, batch_dims=0):
    return P.Gather(batch_dims)(input_params, input_indices, axis)


def cast(input, dtype):  # noqa: A002
    return P.Cast()(input, dtype)


def shape(input_x):
    return P.Shape()(input_x)


def sum(input, dim=None, keepdim=False, *, dtype=None):  # noqa: A001,A002
    """Σ over `dim` (of the input cast to `dtype` first, when given); bool, int8, int16, int32 and
    uint8 sum as Int64 (MindSpore's ops.sum)."""
    if dtype is not None:
        input = P.Cast()(input, dtype)
    if getattr(input, "dtype", None) in _math_ops.SUM_AS_INT64:
        input = P.Cast()(input, mstype.int64)
    return P.ReduceSum(keepdim)(input, () if dim is None else dim)


def mean(x, axis=None, keep_dims=False):
    return P.ReduceMean(keep_dims)(x, () if axis is None else axis)


def amax(input, axis=None, keepdims=False):  # noqa: A002
    return P.ReduceMax(keepdims)(input, () if axis is None else axis)


def argmax(input, dim=None, keepdim=False):  # noqa: A002
    out = P.Argmax(-1 if dim is None else dim, mstype.int64)(input.reshape(-1) if dim is None else input)
    return expand_dims(out, dim) if keepdim and dim is not None else out


def one_hot(indices, depth, on_value, off_value, axis=-1):
    return P.OneHot(axis)(indices, depth, on_value, off_value)


def fill(type, shape, value):  # noqa: A002
    return P.Fill()(type, shape, value)


def ones(shape, dtype=mstype.float32):
    return P.Ones()(shape, dtype)


def zeros(size, dtype=mstype.float32):
    return P.Zeros()(size, dtype)


def zeros_like(input):  # noqa: A002
    return P.ZerosLike()(input)


def ones_like(input):  # noqa: A002
    return P.OnesLike()(input)


def relu(input):  # noqa: A002
    return P.ReLU()(input)


def relu6(x):
    return P.ReLU6()(x)


def sigmoid(input):  # noqa: A002
    return P.Sigmoid()(input)


def tanh(input):  # noqa: A002
    return P.Tanh()(input)




def softmax(input, axis=-1, *, dtype=None):  # noqa: A002
    """Softmax along `axis` (of the input cast to `dtype` first, when given)."""
    if dtype is not None:
        input = P.Cast()(input, dtype)
    return P.Softmax(axis)(input)


def log_softmax(logits, axis=-1):
    return P.LogSoftmax(axis)(logits)


def bias_add(input_x, bias):
    return P.BiasAdd()(input_x, bias)


def conv2d(input, weight, bias=None, stride=1, pad_mode="valid", padding=0, dilation=1, groups=1):  # noqa: A002
    """2-D convolution (NCHW input, OIHW weight); `padding` an int or (top, bottom, left, right)."""
    out = P.Conv2D(weight.shape[0], weight.shape[2:], pad_mode=pad_mode, pad=padding, stride=stride,
                   dilation=dilation, group=groups)(input, weight)
    return out if bias is None else bias_add(out, bias)


def max_pool2d(x, kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False):
    """Max pooling over (N, C, H, W) with symmetric `padding` (-inf), `dilation` and
    `ceil_mode`; with `return_indices` also each maximum's flat index in its (H·W) plane."""
    _validation.bool_arg("max_pool2d", "return_indices", return_indices)
    out, indices = P.MaxPoolWithArgmaxV2(kernel_size, kernel_size if stride is None else stride, padding, dilation,
                                         ceil_mode)(x)
    return (out, indices) if return_indices else out


def avg_pool2d(input_x, kernel_size=1, stride=1, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=0):
    """Average pooling over (N, C, H, W) with symmetric zero `padding` (an int or (h, w));
    `count_include_pad` counts the padding in the divisor, `divisor_override` (> 0) replaces it."""
    padding = _validation.int_tuple("avg_pool2d", "padding", padding, 2, minimum=0)
    pad = (0, 0, padding[0], padding[0], padding[1], padding[1])
    kernel = _validation.int_tuple("avg_pool2d", "kernel_size", kernel_size, 2)
    stride = _validation.int_tuple("avg_pool2d", "stride", stride, 2)
    pool = P.AvgPool3D((1,) + kernel, (1,) + stride, "pad", pad, ceil_mode, count_include_pad,
                       divisor_override or 0)
    return squeeze(pool(expand_dims(input_x, 2)), 2)


def dropout(input, p=0.5, training=True, seed=None):  # noqa: A002
    if not training or p == 0:
        return input
    return P.Dropout(1.0 - p, seed or 0, 0)(input)[0]


depend = P.Depend()


def assign(variable, value):
    return P.Assign()(variable, value)


def assign_add(variable, value):
    return P.AssignAdd()(variable, value)


def assign_sub(variable, value):
    return P.AssignSub()(variable, value)


def scatter_update(input_x, indices, updates):
    return P.ScatterUpdate()(input_x, indices, updates)


def scatter_add(input_x, indices, updates):
    return P.ScatterAdd()(input_x, indices, updates)


def scatter_nd_update(input_x, indices, updates):
    return P.ScatterNdUpdate()(input_x, indices, updates)


def scatter_nd_add(input_x, indices, updates, use_locking=False):
    return P.ScatterNdAdd(use_locking)(input_x, indices, updates)


# --- issue 9 (nn half): the functions nn layers and losses compose --------------------------------

_REDUCTIONS = ("mean", "sum", "none")


def greater_equal(input, other):  # noqa: A002
    return P.GreaterEqual()(input, other)


def erf(input):  # noqa: A002
    return P.Erf()(input)


def floor(input):  # noqa: A002
    return P.Floor()(input)


def ceil(input):  # noqa: A002
    return P.Ceil()(input)


def cos(input):  # noqa: A002
    return P.Cos()(input)


def logical_not(input):  # noqa: A002
    return P.LogicalNot()(input)


def logical_and(input, other):  # noqa: A002
    return P.LogicalAnd()(input, other)


def logical_or(input, other):  # noqa: A002
    return P.LogicalOr()(input, other)


def all(input, axis=None, keep_dims=False):  # noqa: A001,A002
    return P.ReduceAll(keep_dims)(input, () if axis is None else axis)


def leaky_relu(input, alpha=0.2):  # noqa: A002
    """max(alpha·x, x) (min for alpha > 1): x where x > 0, alpha·x elsewhere."""
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)):
        raise TypeError(f"For 'leaky_relu', the 'alpha' must be a float or an int, but got {type(alpha).__name__}.")
    select = minimum if alpha > 1 else maximum
    return select(mul(input, alpha), input)


def gelu(input, approximate="none"):  # noqa: A002
    """x·Φ(x): 'none' is exact, x·(1 + erf(x/√2))/2; 'tanh' the tanh approximation (P.GeLU)."""
    if approximate not in ("none", "tanh"):
        raise ValueError(f"For 'gelu', the 'approximate' must be 'none' or 'tanh', but got {approximate!r}.")
    if approximate == "tanh":
        return P.GeLU()(input)
    return mul(mul(input, add(erf(div(input, 2.0 ** 0.5)), 1.0)), 0.5)


def silu(input):  # noqa: A002
    """x·sigmoid(x)."""
    return _nn_ops._SiLU()(input)


def group_norm(input, num_groups, weight=None, bias=None, eps=1e-05):  # noqa: A002
    """Channels split into `num_groups`; each group normalised over its channels and space,
    then scaled by `weight` and shifted by `bias` per channel (ones/zeros when None)."""
    channels = input.shape[1]
    weight = ones((channels,), input.dtype) if weight is None else weight
    bias = zeros((channels,), input.dtype) if bias is None else bias
    return _nn_ops._GroupNorm(num_groups, eps)(input, weight, bias)[0]


def adaptive_avg_pool2d(input, output_size):  # noqa: A002
    return P.AdaptiveAvgPool2D(output_size)(input)


def _reduce(loss, reduction):
    if reduction == "mean":
        return mean(loss)
    if reduction == "sum":
        return sum(loss)
    return loss


def mse_loss(input, target, reduction="mean"):  # noqa: A002
    """(x − y)², reduced."""
    _validation.one_of("mse_loss", "reduction", reduction, _REDUCTIONS)
    return _reduce(square(sub(input, target)), reduction)


def l1_loss(input, target, reduction="mean"):  # noqa: A002
    """|x − y|, reduced."""
    _validation.one_of("l1_loss", "reduction", reduction, _REDUCTIONS)
    return _reduce(abs(sub(input, target)), reduction)


def binary_cross_entropy_with_logits(input, target, weight=None, pos_weight=None, reduction="mean"):  # noqa: A002
    """−weight·[pos_weight·y·log σ(x) + (1 − y)·log(1 − σ(x))], reduced (P.BCEWithLogitsLoss)."""
    weight = ones_like(input) if weight is None else weight
    pos_weight = ones_like(input) if pos_weight is None else pos_weight
    return P.BCEWithLogitsLoss(reduction)(input, target, weight, pos_weight)


def cross_entropy(input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):  # noqa: A002
    """Cross entropy of logits (N, C, ...) against class indices (N, ...) or class
    probabilities (N, C, ...). With indices: −w[y]·log softmax(x)[y], `ignore_index`
    skipped, 'mean' divides by the summed weights of the counted targets. With
    `label_smoothing` ε the target is (1 − ε)·target + ε/C."""
    _validation.one_of("cross_entropy", "reduction", reduction, _REDUCTIONS)
    classes = input.shape[1] if input.ndim > 1 else input.shape[0]
    weight = ones((classes,), input.dtype) if weight is None else weight
    return _nn_ops._CrossEntropy(ignore_index, reduction, float(label_smoothing))(input, target, weight)


# --- issue 10: MindSpore's operator surface (functions live in ops/function/, by family) ---------
from .function import *  # noqa: E402,F401,F403
