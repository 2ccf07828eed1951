"""Tensor's operators and core methods as ops (registered with `common._method_registry`).

Each is a Primitive call, so `a + b`, `t.sum()` or `t[1:]` run through the executor like
`ops.add`: the float-status register, graph tracing and autodiff see them.
"""
from __future__ import annotations

import numbers

import numpy as np

from .._validation import reshape_fits
from ..common import _method_registry
from ..common import dtype as mstype
from ..common.tensor import Tensor
from .operations import array_ops as A
from .operations import math_ops as M

_BINARY = {"add": M.Add(), "sub": M.Sub(), "mul": M.Mul(), "truediv": M.Div(), "floordiv": M.FloorDiv(),
           "mod": M.FloorMod(), "pow": M.Pow(), "matmul": M._BroadcastMatMul(), "and": M.BitwiseAnd(),
           "or": M.BitwiseOr(), "xor": M.BitwiseXor(), "lt": M.Less(), "le": M.LessEqual(), "gt": M.Greater(),
           "ge": M.GreaterEqual(), "eq": M.Equal(), "ne": M.NotEqual()}
_UNARY = {"neg": M.Neg(), "invert": M.Invert()}
_OPERANDS = (Tensor, numbers.Number, np.ndarray, np.generic)
_cast, _reshape, _transpose, _identity = A.Cast(), A.Reshape(), A.Transpose(), A.Identity()
_getitem, _setitem, _abs = A._GetItem(), A._SetItem(), M.Abs()


def binary(name, tensor, other, reverse=False):
    """`tensor <op> other` (or `other <op> tensor`), NotImplemented for operands Python should
    try the other way round."""
    if not isinstance(other, _OPERANDS):
        return NotImplemented
    op = _BINARY[name]
    return op(other, tensor) if reverse else op(tensor, other)


def unary(name, tensor):
    return _UNARY[name](tensor)


def astype(tensor, dtype):
    if not isinstance(dtype, mstype.Type):
        try:
            dtype = mstype.pytype_to_dtype(dtype)
        except (NotImplementedError, TypeError):
            raise TypeError(f"Tensor.astype: argument 'dtype' must be a sporax dtype or a NumPy dtype "
                            f"sporax has, got {dtype!r}.") from None
    return _cast(tensor, dtype)


def reshape(tensor, *shape):
    if len(shape) == 1 and isinstance(shape[0], (list, tuple)):
        shape = tuple(shape[0])
    if not all(isinstance(n, numbers.Integral) and not isinstance(n, bool) for n in shape):
        raise TypeError(f"Tensor.reshape: argument 'shape' must hold ints, got {shape!r}.")
    if not reshape_fits(shape, tensor.size):
        raise ValueError(f"Tensor.reshape: argument 'shape' {shape} does not fit {tensor.size} elements "
                         f"(shape {tensor.shape}).")
    return _reshape(tensor, shape)


def transpose(tensor, *axes):
    if len(axes) == 1 and isinstance(axes[0], (list, tuple)):
        axes = tuple(axes[0])
    return _transpose(tensor, axes or tuple(reversed(range(tensor.ndim))))


def squeeze(tensor, axis=None):
    return A.Squeeze(() if axis is None else axis)(tensor)


def expand_dims(tensor, axis):
    return A.ExpandDims()(tensor, axis)


def _axis(axis):
    if axis is None:
        return ()
    return tuple(axis) if isinstance(axis, list) else axis


def sum(tensor, axis=None, dtype=None, keepdims=False, initial=None):  # noqa: A001 - the method's name
    if dtype is None and tensor.dtype == mstype.bool_:
        tensor = _cast(tensor, mstype.int64)
    result = M.ReduceSum(keepdims)(tensor, _axis(axis))
    result = result if dtype is None else _cast(result, dtype)
    return result if initial is None else result + initial


def mean(tensor, axis=None, keep_dims=False):
    if tensor.dtype.kind in ("bool", "int", "uint"):
        tensor = _cast(tensor, mstype.float32)
    return M.ReduceMean(keep_dims)(tensor, _axis(axis))


def max(tensor, axis=None, keepdims=False):  # noqa: A001
    return M.ReduceMax(keepdims)(tensor, _axis(axis))


def min(tensor, axis=None, keepdims=False):  # noqa: A001
    return M.ReduceMin(keepdims)(tensor, _axis(axis))


def abs(tensor):  # noqa: A001
    return _abs(tensor)


def identity(tensor):
    return _identity(tensor)


def getitem(tensor, index):
    return _getitem(tensor, index)


def setitem(tensor, index, value):
    return _setitem(tensor, index, value)


_method_registry.register(binary=binary, unary=unary, astype=astype, reshape=reshape, transpose=transpose,
                          squeeze=squeeze, expand_dims=expand_dims, sum=sum, mean=mean, max=max, min=min, abs=abs,
                          identity=identity, getitem=getitem, setitem=setitem)
