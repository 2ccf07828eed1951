"""Tensor's operators and core methods as ops (registered with `common._method_registry`).

Each is a Primitive call, so `a + b`, `t.sum()` or `t[1:]` run through the executor like
`ops.add`: the float-status register, graph tracing and autodiff see them.
"""
from __future__ import annotations

import builtins
import numbers

import numpy as np

from .._validation import reshape_fits
from ..common import _method_registry
from ..common import dtype as mstype
from ..common.tensor import Tensor
from . import _call_cache
from .operations import array_ops as A
from .operations import math_ops as M
from .operations import array_ops_ext as AE
from .function import math_func as _math_func

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
    if not all(type(n) is int or (isinstance(n, numbers.Integral) and not isinstance(n, bool)) for n in shape):
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
    if dtype is None and tensor.dtype in M.SUM_AS_INT64:
        tensor = _cast(tensor, mstype.int64)
    result = M.ReduceSum(keepdims)(tensor, _axis(axis))
    result = result if dtype is None else _cast(result, dtype)
    return result if initial is None else result + initial


def mean(tensor, axis=None, keep_dims=False):
    if tensor.dtype.kind in ("bool", "int", "uint"):
        tensor = _cast(tensor, mstype.float32)
    return M.ReduceMean(keep_dims)(tensor, _axis(axis))


def _extreme(op, tensor, args, kwargs):
    """Tensor.max / Tensor.min with MindSpore's two overloads: `(dim, keepdim=False)` — an int
    first positional argument or `dim=` — gives (values, Int64 indices); `(axis=None, keepdims=False,
    *, initial=None, where=True, return_indices=False)` is `ops.max`/`ops.min` (the values, with the
    indices too when `return_indices`): as MindSpore 2.10 documents, when axis is None, keepdims and
    the later arguments have no effect and the index is 0; an axis tuple reduces over those axes with
    NumPy's `initial` and `where`."""
    reduce, with_value = (M.ReduceMax, AE.ArgMaxWithValue) if op == "max" else (M.ReduceMin, AE.ArgMinWithValue)
    older = {"axis", "keepdims", "initial", "where", "return_indices"}  # names only the older overload has
    if ((args and isinstance(args[0], numbers.Integral) and not isinstance(args[0], bool) and not older & set(kwargs))
            or (not args and "dim" in kwargs)):
        names = ("dim", "keepdim")
        if len(args) > 2 or set(kwargs) - set(names[len(args):]):
            raise TypeError(f"For 'Tensor.{op}', the arguments must be (dim, keepdim=False) or (axis=None, "
                            f"keepdims=False, *, initial=None, where=True, return_indices=False), but got "
                            f"{len(args)} positional and {sorted(kwargs)} keyword arguments.")
        bound = dict(zip(names, args), **kwargs)
        keepdim = bound.get("keepdim", False)
        indices, values = with_value(bound["dim"], keepdim)(tensor)
        return values, _cast(indices, mstype.int64)
    names = ("axis", "keepdims")
    extra = set(kwargs) - {"axis", "keepdims", "initial", "where", "return_indices"}
    if len(args) > 2 or extra or set(names[:len(args)]) & set(kwargs):
        raise TypeError(f"For 'Tensor.{op}', the arguments must be (dim, keepdim=False) or (axis=None, "
                        f"keepdims=False, *, initial=None, where=True, return_indices=False), but got "
                        f"{len(args)} positional and {sorted(kwargs)} keyword arguments.")
    bound = dict(zip(names, args), **kwargs)
    axis, keepdims = bound.get("axis"), bound.get("keepdims", False)
    initial, where = bound.get("initial"), bound.get("where", True)
    if isinstance(axis, (list, tuple)):  # MindSpore reduces over the axes, with initial and where, no indices
        if initial is None and where is True:
            return reduce(keepdims)(tensor, _axis(axis))
        return _reduce_where(op, tensor, axis, keepdims, initial, where)
    # ops.max / ops.min: when axis is None, keepdims, initial and where have no effect, the index is 0
    values, indices = (_math_func.max if op == "max" else _math_func.min)(
        tensor, axis, keepdims, initial=initial, where=None if where is True else where)
    return (values, indices) if bound.get("return_indices", False) else values


def max(tensor, *args, **kwargs):  # noqa: A001
    return _extreme("max", tensor, args, kwargs)


def min(tensor, *args, **kwargs):  # noqa: A001
    return _extreme("min", tensor, args, kwargs)


def _reduce_where(op, tensor, axis, keepdims, initial, where):
    return (_math_func.amax if op == "max" else _math_func.amin)(
        tensor, axis, keepdims, initial, None if where is True else where)


def flatten(tensor, start_dim=0, end_dim=-1):
    """The axes start_dim..end_dim merged into one; MindSpore's older overload
    `flatten(order='C', *, start_dim=0, end_dim=-1)` takes 'C' or 'F' (column-major) first."""
    order = "C"
    if isinstance(start_dim, str):
        order, start_dim = start_dim, 0
        if order not in ("C", "F"):
            raise ValueError(f"For 'flatten', the 'order' must be 'C' or 'F', but got '{order}'.")
    for arg, value in (("start_dim", start_dim), ("end_dim", end_dim)):
        if not isinstance(value, numbers.Integral) or isinstance(value, bool):
            raise TypeError(f"For 'flatten', the '{arg}' must be an int, but got {type(value).__name__}.")
    if order == "F":
        tensor = _transpose(tensor, tuple(range(tensor.ndim))[::-1])
    rank = max_rank = tensor.ndim
    rank = builtins.max(rank, 1)
    for arg, value in (("start_dim", start_dim), ("end_dim", end_dim)):
        if not -rank <= value < rank:
            raise ValueError(f"For 'flatten', the '{arg}' must be in range [{-rank}, {rank}), but got {value}.")
    start, end = start_dim % rank, end_dim % rank
    if start > end:
        raise ValueError(f"For 'flatten', the 'start_dim' ({start_dim}) must not come after 'end_dim' ({end_dim}).")
    if max_rank == 0:
        return _reshape(tensor, (1,))
    shape = tensor.shape
    return _reshape(tensor, shape[:start] + (-1 if 0 not in shape[start:end + 1] else 0,) + shape[end + 1:])


def abs(tensor):  # noqa: A001
    return _abs(tensor)


def identity(tensor):
    return _identity(tensor)


def getitem(tensor, index):
    return _getitem(tensor, index)


def setitem(tensor, index, value):
    return _setitem(tensor, index, value)


# The methods replay per argument signature (`_call_cache`); the operators' primitives
# replay their own checks, and setitem writes in place.
_method_registry.register(binary=binary, unary=unary, setitem=setitem, **_call_cache.cached_methods(dict(
    astype=astype, reshape=reshape, transpose=transpose, squeeze=squeeze, expand_dims=expand_dims, sum=sum, mean=mean,
    max=max, min=min, abs=abs, flatten=flatten, identity=identity, getitem=getitem)))
