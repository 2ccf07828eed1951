"""Function forms of the primitives (`mindspore.ops.functional`): `ops.add(x, y)` is `ops.Add()(x, y)`."""
from __future__ import annotations

from ..common import dtype as mstype
from . import operations as P

_add, _sub, _mul, _div = P.Add(), P.Sub(), P.Mul(), P.Div()


def add(input, other):  # noqa: A002 - MindSpore's argument names
    return _add(input, other)


def sub(input, other):  # noqa: A002
    return _sub(input, other)


def mul(input, other):  # noqa: A002
    return _mul(input, other)


def div(input, other):  # noqa: A002
    return _div(input, other)


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


_matmul = P.math_ops._BroadcastMatMul()


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


def transpose(input, input_perm):  # noqa: A002
    return P.Transpose()(input, input_perm)


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
    """Split into pieces of `split_size_or_sections` elements along `axis`."""
    n = tensor.shape[axis]
    if not isinstance(split_size_or_sections, int) or split_size_or_sections <= 0 or n % split_size_or_sections:
        raise ValueError(f"split: argument 'split_size_or_sections' must be a positive int dividing {n}, "
                         f"got {split_size_or_sections!r}.")
    return P.Split(axis, n // split_size_or_sections)(tensor)


def gather(input_params, input_indices, axis, batch_dims=0):
    return P.Gather(batch_dims)(input_params, input_indices, axis)


def cast(input, dtype):  # noqa: A002
    return P.Cast()(input, dtype)


def shape(input_x):
    return P.Shape()(input_x)


def sum(input, dim=None, keepdim=False):  # noqa: A001,A002
    return P.ReduceSum(keepdim)(input, () if dim is None else dim)


def mean(input, axis=None, keep_dims=False):  # noqa: A002
    return P.ReduceMean(keep_dims)(input, () if axis is None else axis)


def amax(input, axis=None, keepdims=False):  # noqa: A002
    return P.ReduceMax(keepdims)(input, () if axis is None else axis)


def argmax(input, dim=None, keepdim=False):  # noqa: A002
    out = P.Argmax(-1 if dim is None else dim)(input.reshape(-1) if dim is None else input)
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


def gelu(input_x, approximate="tanh"):
    return P.GeLU()(input_x)


def softmax(input, axis=-1):  # noqa: A002
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


def max_pool2d(x, kernel_size, stride=None, pad_mode="valid"):
    return P.MaxPool(kernel_size, kernel_size if stride is None else stride, pad_mode)(x)


def avg_pool2d(input_x, kernel_size=1, stride=1, pad_mode="valid"):
    return P.AvgPool(kernel_size, stride, pad_mode)(input_x)


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


def scatter_nd_add(input_x, indices, updates):
    return P.ScatterNdAdd()(input_x, indices, updates)
