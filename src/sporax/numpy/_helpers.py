"""The few mindspore.numpy behaviours that are more than one ops call."""
from __future__ import annotations

from ..common import dtype as mstype
from ..common.tensor import Tensor
from ..ops import functional as F


def _as_dtype(dtype):
    """mindspore.numpy's `dtype=`: a sporax dtype, a NumPy dtype or scalar type, a Python type,
    or a NumPy name such as "float32" (MindSpore's numpy accepts each), as a sporax dtype."""
    if dtype is None or isinstance(dtype, mstype.Type):
        return dtype
    if dtype in _PYTHON_TYPES:  # MindSpore's numpy takes Python's int and float as 32-bit
        return _PYTHON_TYPES[dtype]
    try:
        return mstype.pytype_to_dtype(dtype)
    except (NotImplementedError, TypeError, ValueError):
        raise TypeError(f"For mindspore.numpy, the 'dtype' must be a sporax dtype, a NumPy dtype or its name, but "
                        f"got {dtype!r}.") from None


_PYTHON_TYPES = {int: mstype.int32, float: mstype.float32, bool: mstype.bool_}


def _cast(tensor, dtype):
    """The result in `dtype` when given (NumPy's `dtype=` argument)."""
    if dtype is None:
        return tensor
    return F.cast(tensor, _as_dtype(dtype))


def _diag(v, k):
    """A matrix with `v` on diagonal k (1-D input), or diagonal k of a matrix (2-D input)."""
    if not isinstance(v, Tensor) or v.ndim not in (1, 2):
        raise ValueError(f"For 'diag', the 'v' must be a 1-D or 2-D Tensor, but got {v!r}.")
    if v.ndim == 1:
        n = v.shape[0] + abs(k)
        square = F.diag(v)
        pad = abs(k)
        if pad == 0:
            return square
        full = F.zeros((n, n), v.dtype)
        rows = F.arange(v.shape[0]) + (0 if k >= 0 else pad)
        cols = F.arange(v.shape[0]) + (pad if k >= 0 else 0)
        return F.tensor_scatter_update(full, F.stack((rows, cols), 1), v)
    rows, cols = v.shape
    start_r, start_c = (0, k) if k >= 0 else (-k, 0)
    length = max(0, min(rows - start_r, cols - start_c))
    index = F.arange(length)
    return F.gather_nd(v, F.stack((index + start_r, index + start_c), 1))


def _eye(n, m, k, dtype):
    """Ones on diagonal k of an n x m matrix."""
    m = n if m is None else m
    ones = F.ones((n, m), dtype)
    return F.tril(F.triu(ones, k), k)


def _linspace(start, stop, num, endpoint, retstep, dtype, axis):
    if axis != 0:
        raise ValueError(f"For 'linspace', only axis=0 is supported for scalar start/stop, but got {axis}.")
    if endpoint:
        out = F.linspace(float(start), float(stop), num)
        step = (stop - start) / (num - 1) if num > 1 else float("nan")
    else:
        step = (stop - start) / num
        out = F.linspace(float(start), float(stop) - step, num)
    out = _cast(out, dtype)
    return (out, step) if retstep else out


def _unique(x, return_inverse):
    """The distinct values in order of first appearance (MindSpore's, not NumPy's sorted order),
    and optionally each element's index into them."""
    values, inverse = F.unique(F.ravel(x))
    return (values, inverse) if return_inverse else values


def _arange(start, stop, step, dtype):
    """[start, stop) by step; all-int arguments give Int32 (mindspore.numpy's int), floats Float32."""
    out = F.arange(start, stop, 1 if step is None else step)
    if dtype is None and out.dtype == mstype.int64:
        dtype = mstype.int32
    return _cast(out, dtype)


def _where(condition, x, y):
    if x is None and y is None:
        return F.nonzero(condition, as_tuple=True)
    if x is None or y is None:
        raise ValueError("For 'where', 'x' and 'y' must both be given or both be None.")
    return F.where(condition, x, y)
