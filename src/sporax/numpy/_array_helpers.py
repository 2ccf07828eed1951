"""mindspore.numpy's array-family behaviours that are more than one ops call: index grids,
splits, spacing, membership and conversions, all on sporax.ops' functions."""
from __future__ import annotations

import builtins
import numbers

import numpy as np

from ..common import dtype as mstype
from ..common.tensor import Tensor
from ..ops import _promotion
from ..ops._constants import constant
from ..ops import functional as F
from ..ops.function.array_func_more import _pad_like_numpy, choose, unique_sorted
from ._helpers import _cast, _linspace


def _several(function, arrays):
    """NumPy's atleast_nd: one array for one argument, else a list."""
    out = [function(a if isinstance(a, Tensor) else _as_tensor(a)) for a in arrays]
    return out[0] if len(out) == 1 else out


def _as_tensor(value, dtype=None):
    if isinstance(value, Tensor):
        return value if dtype is None else F.cast(value, dtype)
    array = np.asarray(value)
    if array.dtype == np.float64 and dtype is None:
        array = array.astype(np.float32)  # MindSpore's numpy makes Python floats Float32
    if array.dtype == np.int64 and dtype is None and not isinstance(value, np.ndarray):
        array = array.astype(np.int32)  # and Python ints Int32
    tensor = constant(array)
    return tensor if dtype is None else F.cast(tensor, dtype)


def _array(obj, dtype, copy, ndmin):
    tensor = _as_tensor(obj, dtype)
    if tensor.ndim < ndmin:
        tensor = F.reshape(tensor, (1,) * (ndmin - tensor.ndim) + tensor.shape)
    return F.identity(tensor) if copy and isinstance(obj, Tensor) else tensor


def _broadcast_arrays(arrays):
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    return [F.broadcast_to(a, shape) for a in arrays]


def _concatenate(arrays, axis):
    if isinstance(arrays, Tensor):
        arrays = list(F.unbind(arrays, 0)) if axis is not None else [arrays]
    if axis is None:
        return F.concat([F.ravel(a) for a in arrays], 0)
    return F.concat(list(arrays), axis)


def _split(x, indices_or_sections, axis, name):
    if isinstance(indices_or_sections, numbers.Integral) and x.shape[axis] % indices_or_sections:
        raise ValueError(f"For '{name}', the size of axis {axis} ({x.shape[axis]}) must be divisible by "
                         f"'indices_or_sections' ({indices_or_sections}).")
    return F.tensor_split(x, indices_or_sections, axis)


def _indices(dimensions, dtype, sparse):
    dimensions = tuple(dimensions)
    grids = []
    for i, n in enumerate(dimensions):
        shape = [1] * len(dimensions)
        shape[i] = n
        axis = F.reshape(F.arange(0, n, 1, dtype=dtype), tuple(shape))
        grids.append(axis if sparse else F.broadcast_to(axis, dimensions))
    return tuple(grids) if sparse else grids


def _logspace(start, stop, num, endpoint, base, dtype, axis):
    exponent = _linspace(start, stop, num, endpoint, False, mstype.float32, axis)
    return _cast(F.pow(F.fill(mstype.float32, exponent.shape, float(base)), exponent), dtype)


def _geomspace(start, stop, num, endpoint, dtype, axis):
    start_t, stop_t = _as_tensor(start, mstype.float32), _as_tensor(stop, mstype.float32)
    exponent = _linspace(F.log10(start_t), F.log10(stop_t), num, endpoint, False, mstype.float32, axis)
    return _cast(F.pow(F.fill(mstype.float32, exponent.shape, 10.0), exponent), dtype)


def _meshgrid(arrays, sparse, indexing):
    if indexing not in ("xy", "ij"):
        raise ValueError(f"For 'meshgrid', the 'indexing' must be 'xy' or 'ij', but got {indexing!r}.")
    grids = list(F.meshgrid(*arrays, indexing=indexing))
    if not sparse:
        return grids
    out = []
    for i, a in enumerate(arrays):
        shape = [1] * len(arrays)
        shape[i] = a.size
        if indexing == "xy" and len(arrays) > 1 and i < 2:
            shape[0], shape[1] = shape[1], shape[0]
        out.append(F.reshape(a, tuple(shape)))
    return out


def _ravel_multi_index(multi_index, dims, mode, order):
    if order not in ("C", "F"):
        raise ValueError(f"For 'ravel_multi_index', the 'order' must be 'C' or 'F', but got {order!r}.")
    if mode not in ("clip", "wrap", "raise"):
        raise ValueError(f"For 'ravel_multi_index', the 'mode' must be 'clip', 'wrap' or 'raise', but got {mode!r}.")
    dims = tuple(dims)
    strides = np.cumprod((1,) + dims[::-1][:-1])[::-1] if order == "C" else np.cumprod((1,) + dims[:-1])
    total = None
    for index, n, stride in zip(multi_index, dims, strides):
        index = _as_tensor(index)
        if mode == "clip":
            index = F.clamp(index, 0, n - 1)
        elif mode == "wrap":
            index = F.remainder(index, n)
        term = F.mul(index, int(stride))
        total = term if total is None else F.add(total, term)
    return F.cast(total, mstype.float32)  # MindSpore's numpy.ravel_multi_index returns Float32


def _unravel_index(indices, shape, order):
    if order not in ("C", "F"):
        raise ValueError(f"For 'unravel_index', the 'order' must be 'C' or 'F', but got {order!r}.")
    indices = _as_tensor(indices)
    shape = (shape,) if isinstance(shape, numbers.Integral) else tuple(shape)
    out = []
    remaining = indices
    axes = builtins.range(len(shape) - 1, -1, -1) if order == "C" else builtins.range(len(shape))
    for axis in axes:
        out.append((axis, F.remainder(remaining, shape[axis])))
        remaining = F.floor_divide(remaining, shape[axis])
    return tuple(t for _, t in sorted(out, key=lambda pair: pair[0]))


def _rollaxis(x, axis, start):
    ndim = x.ndim
    axis = axis % ndim if -ndim <= axis < ndim else axis
    if not -ndim <= start <= ndim:
        raise ValueError(f"For 'rollaxis', the 'start' must be in [{-ndim}, {ndim}], but got {start}.")
    start %= ndim + 1
    if axis < start:
        start -= 1
    if axis == start:
        return x
    order = [i for i in builtins.range(ndim) if i != axis]
    order.insert(start, axis)
    return F.transpose(x, tuple(order))


def _take_along_axis(arr, indices, axis):
    if axis is None:
        arr, axis = F.ravel(arr), 0
    shape = list(np.broadcast_shapes(tuple(n if i != axis % arr.ndim else 1 for i, n in enumerate(arr.shape)),
                                     tuple(n if i != axis % arr.ndim else 1 for i, n in enumerate(indices.shape))))
    index_shape = list(shape)
    index_shape[axis % arr.ndim] = indices.shape[axis % arr.ndim]
    shape[axis % arr.ndim] = arr.shape[axis % arr.ndim]
    return F.gather_elements(F.broadcast_to(arr, tuple(shape)), axis, F.broadcast_to(indices, tuple(index_shape)))


def _triangle_indices(lower, n, k, m):
    make = F.tril_indices if lower else F.triu_indices
    return tuple(F.unbind(make(n, n if m is None else m, k, mstype.int32), 0))


def _promote_types(type1, type2):
    def as_type(t):
        return t if isinstance(t, mstype.Type) else mstype.pytype_to_dtype(t)
    return _promotion.promote(as_type(type1), as_type(type2))


def _array_equal(a1, a2, equal_nan):
    a1, a2 = _as_tensor(a1), _as_tensor(a2)
    if a1.shape != a2.shape:
        return Tensor(False)
    same = F.equal(a1, a2)
    if equal_nan and a1.dtype.kind == "float":
        same = F.logical_or(same, F.logical_and(F.isnan(a1), F.isnan(a2)))
    return F.all(same)


def _array_equiv(a1, a2):
    a1, a2 = _as_tensor(a1), _as_tensor(a2)
    try:
        np.broadcast_shapes(a1.shape, a2.shape)
    except ValueError:
        return Tensor(False)
    return F.all(F.equal(a1, a2))


def _append(arr, values, axis):
    arr, values = _as_tensor(arr), _as_tensor(values)
    if axis is None:
        return F.concat([F.ravel(arr), F.cast(F.ravel(values), arr.dtype)], 0)
    return F.concat([arr, F.cast(values, arr.dtype)], axis)


def _isin(element, test_elements, invert):
    element, test = _as_tensor(element), F.ravel(_as_tensor(test_elements))
    hit = F.any(F.equal(F.expand_dims(element, -1), test), -1) if test.size else F.zeros(element.shape, mstype.bool_)
    return F.logical_not(hit) if invert else hit


def _ix(arrays):
    out = []
    for i, a in enumerate(arrays):
        a = _as_tensor(a)
        if a.ndim != 1:
            raise ValueError(f"For 'ix_', each input must be 1-D, but got shape {a.shape}.")
        shape = [1] * len(arrays)
        shape[i] = a.shape[0]
        out.append(F.reshape(a, tuple(shape)))
    return tuple(out)


def _pad(arr, pad_width, mode, stat_length, constant_values, end_values, reflect_type):
    options = ()
    if mode == "constant":
        options = (("constant_values", constant_values),)
    elif mode in ("maximum", "minimum", "mean", "median") and stat_length is not None:
        options = (("stat_length", stat_length),)
    elif mode == "linear_ramp":
        options = (("end_values", end_values),)
    elif mode in ("reflect", "symmetric"):
        options = (("reflect_type", reflect_type),)
    return _pad_like_numpy(_as_tensor(arr), pad_width, mode, options)


def _digitize(x, bins, right):
    x, bins = _as_tensor(x), _as_tensor(bins)
    if bins.ndim != 1:
        raise ValueError(f"For 'digitize', the 'bins' must be 1-D, but got shape {bins.shape}.")
    values = bins.asnumpy()
    increasing = values.size < 2 or values[-1] >= values[0]
    dtype = mstype.float64 if mstype.float64 in (x.dtype, bins.dtype) else mstype.float32
    x, bins = F.cast(x, dtype), F.cast(bins, dtype)
    if increasing:
        return F.searchsorted(bins, x, True, right=not right)
    reverse = F.flip(bins, (0,))
    return F.sub(bins.shape[0], F.searchsorted(reverse, x, True, right=right))


def _select(condlist, choicelist, default):
    if len(condlist) != len(choicelist) or not condlist:
        raise ValueError(f"For 'select', the 'condlist' and 'choicelist' must have one non-zero length, but got "
                         f"{len(condlist)} and {len(choicelist)}.")
    choices = [_as_tensor(c) for c in choicelist]
    out = F.full_like(choices[-1], default)
    for cond, choice in zip(reversed(list(condlist)), reversed(choices)):
        out = F.where(_as_tensor(cond), choice, out)
    return out


def _choose(a, choices, mode):
    return choose(_as_tensor(a), [_as_tensor(c) for c in choices], mode)


def _sorted_unique(x):
    return unique_sorted(F.ravel(_as_tensor(x)))


def _intersect1d(ar1, ar2, assume_unique, return_indices):
    if return_indices:
        raise ValueError("For 'intersect1d', 'return_indices' True is not supported by MindSpore's numpy either.")
    u1, u2 = _sorted_unique(ar1), _sorted_unique(ar2)
    return F.masked_select(u1, _isin(u1, u2, False))


def _setdiff1d(ar1, ar2, assume_unique):
    u1 = _sorted_unique(ar1)
    return F.masked_select(u1, _isin(u1, ar2, True))


class _Grid:
    """`mgrid[...]` / `ogrid[...]`: dense or open index grids from slices (a complex step
    counts points, as in NumPy)."""

    def __init__(self, sparse):
        self._sparse = sparse

    def __getitem__(self, key):
        single = isinstance(key, slice)
        axes = []
        for s in (key,) if single else key:
            if not isinstance(s, slice):
                raise TypeError(f"For '{'ogrid' if self._sparse else 'mgrid'}', each index must be a slice, "
                                f"but got {s!r}.")
            start = 0 if s.start is None else s.start
            step = 1 if s.step is None else s.step
            if isinstance(step, complex):
                axes.append(F.linspace(float(start), float(s.stop), int(abs(step))))
            elif any(isinstance(v, float) for v in (start, s.stop, step)):
                axes.append(F.arange(float(start), float(s.stop), float(step), dtype=mstype.float32))
            else:
                axes.append(F.arange(start, s.stop, step, dtype=mstype.int32))
        if single:
            return axes[0]
        if self._sparse:
            return list(_ix(axes))
        return F.stack(list(F.meshgrid(*axes, indexing="ij")), 0)


def _result_type(arrays_and_dtypes):
    if not arrays_and_dtypes:
        raise ValueError("For 'result_type', at least one array or dtype is needed.")

    def as_type(value):
        if isinstance(value, Tensor):
            return value.dtype
        if isinstance(value, mstype.Type):
            return value
        if isinstance(value, bool):
            return mstype.bool_
        if isinstance(value, int):
            return mstype.int32
        if isinstance(value, float):
            return mstype.float32
        return mstype.pytype_to_dtype(value)

    out = as_type(arrays_and_dtypes[0])
    for value in arrays_and_dtypes[1:]:
        out = _promotion.promote(out, as_type(value))
    return out


def _apply_along_axis(func1d, axis, arr, args, kwargs):
    arr = _as_tensor(arr)
    moved = F.movedim(arr, axis, -1)
    lead = moved.shape[:-1]
    rows = F.reshape(moved, (-1, moved.shape[-1]))
    results = [_as_tensor(func1d(row, *args, **kwargs)) for row in F.unbind(rows, 0)]
    out = F.stack(results, 0)
    out = F.reshape(out, lead + out.shape[1:])
    if out.ndim > len(lead):
        out = F.movedim(out, tuple(range(len(lead), out.ndim)), tuple(range(axis % arr.ndim, axis % arr.ndim +
                                                                              out.ndim - len(lead))))
    return out


def _apply_over_axes(func, a, axes):
    out = _as_tensor(a)
    for axis in (axes,) if isinstance(axes, int) else axes:
        result = func(out, axis)
        if result.ndim == out.ndim - 1:
            result = F.expand_dims(result, axis)
        elif result.ndim != out.ndim:
            raise ValueError(f"For 'apply_over_axes', the function must keep the rank or drop one axis, but it "
                             f"returned shape {result.shape} for {out.shape}.")
        out = result
    return out


def _piecewise(x, condlist, funclist, args, kw):
    x = _as_tensor(x)
    conditions = [_as_tensor(c) for c in ([condlist] if isinstance(condlist, Tensor) and condlist.dtype == mstype.bool_
                                          and condlist.shape == x.shape else condlist)]
    if len(funclist) not in (len(conditions), len(conditions) + 1):
        raise ValueError(f"For 'piecewise', the 'funclist' must have {len(conditions)} or {len(conditions) + 1} "
                         f"entries, but got {len(funclist)}.")

    def value(f):
        if callable(f):
            return _as_tensor(f(x, *args, **kw))
        return F.full_like(x, f)

    if len(funclist) == len(conditions) + 1:
        otherwise = F.logical_not(F.any(F.stack(conditions, 0), 0)) if conditions else F.ones(x.shape, mstype.bool_)
        conditions = conditions + [otherwise]
    out = F.zeros_like(x)
    # Where conditions overlap the first one wins, as in MindSpore's numpy (NumPy lets the last win).
    for cond, f in reversed(list(zip(conditions, funclist))):
        out = F.where(cond, F.cast(value(f), x.dtype), out)
    return out


def _vander(x, N, increasing):
    x = _as_tensor(x)
    out = F.vander(x, N)
    if x.dtype.kind in ("int", "uint"):
        out = F.cast(out, x.dtype)  # NumPy's (and MindSpore's numpy) keep the integer dtype
    return F.flip(out, (1,)) if increasing else out
