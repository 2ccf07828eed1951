"""The math of `mindspore.numpy` that is more than one ops call: NumPy's semantics (argument
names, integer promotion, edge handling) on private primitives, so that `sporax.numpy` stays
one ops call per function.

Formulas: average Σ w·x / Σ w; cov of rows (rowvar) Σ (x − x̄)(y − ȳ)ᵀ / (N − ddof) with
frequency and analytic weights; corrcoef cov / √(diag ⊗ diag); gradient second-order central
differences inside, first-order at the edges; unwrap adds multiples of 2π where a step
exceeds `discont`; polynomials are coefficient vectors, highest power first.
"""
from __future__ import annotations

import math

import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from .. import operations as P
from .._constants import constant
from .._promotion import promote
from ..operations import _arg_checks as check
from ..operations.linalg_ops import linalg_function
from . import linalg_func, random_func, special_func

_INTEGER_KINDS = ("bool", "int", "uint")


def _tensor(op, arg, value):
    """A Tensor from a Tensor, a number or a (nested) list; NumPy functions take array-likes."""
    if isinstance(value, Tensor):
        return value
    if isinstance(value, (bool, int, float, list, tuple, np.ndarray, np.generic)):
        array = np.asarray(value)
        if array.dtype == np.float64 and not isinstance(value, np.ndarray):
            array = array.astype(np.float32)
        if array.dtype.kind == "i" and not isinstance(value, np.ndarray):
            array = array.astype(np.int32)
        return constant(array)
    raise TypeError(f"For '{op}', the '{arg}' must be a Tensor, a number or a list, but got {type(value).__name__}.")


def _floating(x):
    return x if x.dtype.kind in ("float", "complex") else P.Cast()(x, mstype.float32)


def _pair(op, a, b):
    a, b = _tensor(op, "a", a), _tensor(op, "b", b)
    if a.dtype != b.dtype:
        dtype = promote(a.dtype, b.dtype)
        a, b = P.Cast()(a, dtype), P.Cast()(b, dtype)
    return a, b


def _cast(x, dtype):
    return x if dtype is None else P.Cast()(x, dtype)


def _axis_or_none(op, axis, ndim):
    return None if axis is None else check.axes(op, "axis", axis, ndim)


# --- elementwise ------------------------------------------------------------------------------
def cbrt(x, dtype=None):
    """The real cube root, sign(x)·|x|^{1/3}; integers give Float32."""
    x = _floating(_tensor("cbrt", "x", x))
    return _cast(linalg_function("Cbrt", lambda a: jnp.cbrt(a))(x), dtype)


def fix(x):
    """Round towards zero; integers give Float32."""
    return P.Trunc()(_floating(_tensor("fix", "x", x)))


def divmod(x1, x2, dtype=None):  # noqa: A001 - NumPy's name
    """(floor(x1 / x2), x1 − floor(x1 / x2)·x2)."""
    return _cast(P.FloorDiv()(x1, x2), dtype), _cast(P.FloorMod()(x1, x2), dtype)


# --- products ---------------------------------------------------------------------------------
def _dot(a, b):
    if a.ndim == 0 or b.ndim == 0:
        return a * b
    return jnp.dot(a, b)


def dot(a, b):
    """NumPy's dot: scalar product, matrix product, or Σ over a's last and b's second-to-last axis."""
    a, b = _pair("dot", a, b)
    if a.ndim and b.ndim and a.shape[-1] != b.shape[0 if b.ndim == 1 else -2]:
        raise ValueError(f"For 'dot', the shapes {a.shape} and {b.shape} are not aligned.")
    return linalg_function("NumpyDot", _dot)(a, b)


def multi_dot(arrays):
    """The chained matrix product of a list of Tensors (1-D first/last as vectors)."""
    if not isinstance(arrays, (list, tuple)) or len(arrays) < 2:
        raise ValueError("For 'multi_dot', the 'arrays' must be a list of at least two Tensors.")
    out = _tensor("multi_dot", "arrays", arrays[0])
    for t in arrays[1:]:
        out = dot(out, t)
    return out


def outer(a, b):
    """a.ravel() ⊗ b.ravel()."""
    a, b = _pair("outer", a, b)
    return P.Mul()(a.reshape((-1, 1)), b.reshape((1, -1)))


def inner(a, b):
    """Σ over the last axes."""
    a, b = _pair("inner", a, b)
    if a.ndim == 0 or b.ndim == 0:
        return P.Mul()(a, b)
    if a.shape[-1] != b.shape[-1]:
        raise ValueError(f"For 'inner', the last dimensions of {a.shape} and {b.shape} must be equal.")
    return linalg_function("NumpyInner", lambda x, y: jnp.inner(x, y))(a, b)


def kron(a, b):
    """The Kronecker product."""
    a, b = _pair("kron", a, b)
    return linalg_function("Kron", lambda x, y: jnp.kron(x, y))(a, b)


def tensordot(a, b, axes=2):
    """Σ over `axes` (an int: a's last n with b's first n; or a pair of axis lists)."""
    a, b = _pair("tensordot", a, b)
    if check.is_int(axes):
        if not 0 <= axes <= min(a.ndim, b.ndim):
            raise ValueError(f"For 'tensordot', the 'axes' must be in [0, {min(a.ndim, b.ndim)}], but got {axes}.")
        pairs = (tuple(range(a.ndim - axes, a.ndim)), tuple(range(axes)))
    else:
        first, second = ((x,) if check.is_int(x) else tuple(x) for x in axes)
        pairs = (tuple(check.axis("tensordot", "axes", x, a.ndim) for x in first),
                 tuple(check.axis("tensordot", "axes", x, b.ndim) for x in second))
    for i, j in zip(*pairs):
        if a.shape[i] != b.shape[j]:
            raise ValueError(f"For 'tensordot', the shapes {a.shape} and {b.shape} do not match along {pairs}.")
    return linalg_function("TensorDot", lambda x, y, axes: jnp.tensordot(x, y, axes), axes=pairs)(a, b)


def cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    """The cross product of 3-vectors (2-vectors are extended with z = 0)."""
    a, b = _pair("cross", a, b)
    if axis is not None:
        axisa = axisb = axisc = axis
    for arg, t, ax in (("a", a, axisa), ("b", b, axisb)):
        n = t.shape[check.axis("cross", f"axis{arg}", ax, t.ndim)]
        if n not in (2, 3):
            raise ValueError(f"For 'cross', the vectors of '{arg}' must have 2 or 3 elements, but got {n}.")
    return linalg_function("NumpyCross", lambda x, y, axisa, axisb, axisc: jnp.cross(x, y, axisa, axisb, axisc),
                           axisa=axisa, axisb=axisb, axisc=axisc)(a, b)


def trace(a, offset=0, axis1=0, axis2=1, dtype=None):
    """Σ of diagonal `offset` of the planes (axis1, axis2)."""
    return linalg_func._numpy_trace(_tensor("trace", "a", a), offset, axis1, axis2, dtype)


# --- reductions and statistics ------------------------------------------------------------------
def _sum(x, axis, keepdims, dtype, initial):
    out = jnp.sum(x.astype(dtype), axis=axis, keepdims=keepdims)
    return out if initial is None else out + jnp.asarray(initial, dtype)


def sum(a, axis=None, dtype=None, keepdims=False, initial=None):  # noqa: A001
    """Σ over `axis` (all when None); bool and integer inputs sum as Int64 (NumPy's default)."""
    a = _tensor("sum", "a", a)
    axes = _axis_or_none("sum", axis, a.ndim)
    out = dtype or (mstype.int64 if a.dtype.kind in _INTEGER_KINDS else a.dtype)
    check.dtype_value("sum", "dtype", out)
    if initial is not None and (isinstance(initial, bool) or not isinstance(initial, (int, float))):
        raise TypeError(f"For 'sum', the 'initial' must be a number, but got {type(initial).__name__}.")
    return linalg_function("NumpySum", _sum, axis=axes, keepdims=bool(keepdims), dtype=out.to_numpy().str,
                           initial=initial)(a)


def _average(x, w, axis):
    if w is None:
        mean = jnp.mean(x, axis=axis)
        count = jnp.asarray(x.size if axis is None else math.prod(x.shape[a] for a in axis), x.dtype)
        return mean, jnp.broadcast_to(count, mean.shape)
    if w.ndim != x.ndim:
        shape = [1] * x.ndim
        shape[axis[0]] = w.shape[0]
        w = w.reshape(shape)
    w = jnp.broadcast_to(w.astype(x.dtype), x.shape)
    total = jnp.sum(w, axis=axis)
    return jnp.sum(x * w, axis=axis) / total, total


def average(x, axis=None, weights=None, returned=False):
    """Σ w·x / Σ w over `axis` (the mean without weights); with `returned`, also Σ w."""
    x = _floating(_tensor("average", "x", x))
    axes = _axis_or_none("average", axis, x.ndim)
    arrays = [x]
    if weights is not None:
        weights = _tensor("average", "weights", weights)
        if weights.shape != x.shape and not (axes is not None and len(axes) == 1 and weights.ndim == 1
                                             and weights.shape[0] == x.shape[axes[0]]):
            raise ValueError(f"For 'average', the 'weights' must have the shape of 'x' {x.shape} or be 1-D along "
                             f"'axis', but got {weights.shape}.")
        arrays.append(weights)
    fn = (lambda a, w, axis: _average(a, w, axis)) if weights is not None else (lambda a, axis: _average(a, None, axis))
    mean, total = linalg_function("Average", fn, axis=axes)(*arrays)
    return (mean, total) if returned else mean


def _nan_extreme(x, axis, keepdims, pick):
    return (jnp.nanmax if pick == "max" else jnp.nanmin)(x, axis=axis, keepdims=keepdims)


def nanmax(a, axis=None, dtype=None, keepdims=False):
    """The maximum over `axis` ignoring NaN."""
    a = _tensor("nanmax", "a", a)
    return _cast(linalg_function("NanMax", _nan_extreme, axis=_axis_or_none("nanmax", axis, a.ndim),
                                 keepdims=bool(keepdims), pick="max")(a), dtype)


def nanmin(a, axis=None, dtype=None, keepdims=False):
    """The minimum over `axis` ignoring NaN."""
    a = _tensor("nanmin", "a", a)
    return _cast(linalg_function("NanMin", _nan_extreme, axis=_axis_or_none("nanmin", axis, a.ndim),
                                 keepdims=bool(keepdims), pick="min")(a), dtype)


def _nan_moment(x, axis, ddof, keepdims, root):
    var = jnp.nanvar(x, axis=axis, ddof=ddof, keepdims=keepdims)
    return (jnp.sqrt(var) if root else var).astype(x.dtype)


def nanvar(a, axis=None, dtype=None, ddof=0, keepdims=False):
    """The variance over `axis` of the non-NaN elements."""
    a = _floating(_tensor("nanvar", "a", a))
    return _cast(linalg_function("NanVar", _nan_moment, axis=_axis_or_none("nanvar", axis, a.ndim),
                                 ddof=check.int_value("nanvar", "ddof", ddof), keepdims=bool(keepdims),
                                 root=False)(a), dtype)


def nanstd(a, axis=None, dtype=None, ddof=0, keepdims=False):
    """The standard deviation over `axis` of the non-NaN elements."""
    a = _floating(_tensor("nanstd", "a", a))
    return _cast(linalg_function("NanStd", _nan_moment, axis=_axis_or_none("nanstd", axis, a.ndim),
                                 ddof=check.int_value("nanstd", "ddof", ddof), keepdims=bool(keepdims),
                                 root=True)(a), dtype)


def nanmean(a, axis=None, dtype=None, keepdims=False):
    """The mean over `axis` of the non-NaN elements."""
    a = _floating(_tensor("nanmean", "a", a))
    return _cast(linalg_function("NanMean", lambda x, axis, keepdims: jnp.nanmean(x, axis=axis, keepdims=keepdims),
                                 axis=_axis_or_none("nanmean", axis, a.ndim), keepdims=bool(keepdims))(a), dtype)


def _nancumsum(x, axis):
    clean = jnp.where(jnp.isnan(x), jnp.zeros((), x.dtype), x)
    return jnp.cumsum(clean.reshape(-1) if axis is None else clean, axis=0 if axis is None else axis)


def nancumsum(a, axis=None, dtype=None):
    """Running sums treating NaN as 0 (of the flattened input when axis is None)."""
    a = _tensor("nancumsum", "a", a)
    ax = None if axis is None else check.axis("nancumsum", "axis", axis, a.ndim)
    return _cast(linalg_function("NanCumSum", _nancumsum, axis=ax)(a), dtype)


def ptp(x, axis=None, keepdims=False):
    """max − min over `axis`."""
    x = _tensor("ptp", "x", x)
    axes = () if axis is None else axis
    return P.Sub()(P.ReduceMax(keepdims)(x, axes), P.ReduceMin(keepdims)(x, axes))


def _cov(x, y, rowvar, bias, ddof, fweights, aweights):
    x = jnp.atleast_2d(x)
    if not rowvar and x.shape[0] != 1:
        x = x.T
    if y is not None:
        y = jnp.atleast_2d(y)
        if not rowvar and y.shape[0] != 1:
            y = y.T
        x = jnp.concatenate([x, y], axis=0)
    if ddof is None:
        ddof = 0 if bias else 1
    w = None
    if fweights is not None:
        w = fweights.astype(x.dtype)
    if aweights is not None:
        w = aweights.astype(x.dtype) if w is None else w * aweights.astype(x.dtype)
    n = x.shape[1]
    if w is None:
        mean = jnp.mean(x, axis=1, keepdims=True)
        norm = n - ddof
        centred = x - mean
        out = centred @ centred.T.conj() / norm
    else:
        total = jnp.sum(w)
        mean = jnp.sum(x * w, axis=1, keepdims=True) / total
        if aweights is None:
            norm = total - ddof
        else:
            norm = total - ddof * jnp.sum(w * aweights.astype(x.dtype)) / total
        centred = x - mean
        out = (centred * w) @ centred.T.conj() / norm
    return jnp.squeeze(out)


def cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, dtype=None):
    """The covariance matrix of the variables (rows when `rowvar`) of m (and y)."""
    m = _floating(_tensor("cov", "m", m))
    if m.ndim > 2:
        raise ValueError(f"For 'cov', the 'm' must be 1-D or 2-D, but got shape {m.shape}.")
    if ddof is not None and not check.is_int(ddof):
        raise TypeError(f"For 'cov', the 'ddof' must be an int or None, but got {type(ddof).__name__}.")
    names, arrays = [], [m]
    for arg, value in (("y", y), ("fweights", fweights), ("aweights", aweights)):
        if value is not None:
            names.append(arg)
            arrays.append(P.Cast()(_tensor("cov", arg, value), m.dtype) if arg == "y" else _tensor("cov", arg, value))

    def compute(x, *rest, names, rowvar, bias, ddof):
        given = dict(zip(names, rest))
        return _cov(x, given.get("y"), rowvar, bias, ddof, given.get("fweights"), given.get("aweights"))

    out = linalg_function("NumpyCov", compute, names=tuple(names), rowvar=bool(rowvar), bias=bool(bias),
                          ddof=ddof)(*arrays)
    return _cast(out, dtype)


def _corrcoef(c):
    d = jnp.sqrt(jnp.diagonal(c)) if c.ndim == 2 else jnp.sqrt(c)
    out = c / d[:, None] / d[None, :] if c.ndim == 2 else c / (d * d)
    return jnp.clip(out, -1, 1)


def corrcoef(x, y=None, rowvar=True, dtype=None):
    """Pearson correlation coefficients: cov / √(var_i var_j), clipped to [−1, 1]."""
    c = cov(x, y, rowvar)
    return _cast(linalg_function("CorrCoef", _corrcoef)(c), dtype)


def bincount(x, weights=None, minlength=0, length=None):
    """The count (or summed weights) of each value of a 1-D non-negative integer Tensor;
    `length` fixes the output size."""
    x = _tensor("bincount", "x", x)
    if length is None:
        return special_func.bincount(x, None if weights is None else _tensor("bincount", "weights", weights), minlength)
    if not check.is_int(length) or length < 0:
        raise ValueError(f"For 'bincount', the 'length' must be a non-negative int, but got {length!r}.")
    w = P.Zeros()((0,), mstype.float32) if weights is None else P.Cast()(_tensor("bincount", "weights", weights),
                                                                          mstype.float32)
    return P.Bincount()(P.Cast()(x, mstype.int32), int(length), w)


def _edges(x, bins, low, high):
    return jnp.linspace(low, high, bins + 1).astype(x.dtype)


def _range_of(op, a, range):  # noqa: A002 - NumPy's name
    if range is not None:
        low, high = range
        if low > high:
            raise ValueError(f"For '{op}', the 'range' must be (min, max) with min <= max, but got {range}.")
        return float(low), float(high)
    values = a.asnumpy()
    if values.size == 0:
        return 0.0, 1.0
    low, high = float(np.min(values)), float(np.max(values))
    return (low - 0.5, high + 0.5) if low == high else (low, high)


def histogram_bin_edges(a, bins=10, range=None, weights=None):  # noqa: A002
    """The `bins` + 1 equal-width edges over `range` (the data's min and max by default)."""
    a = _floating(_tensor("histogram_bin_edges", "a", a))
    if not check.is_int(bins) or bins < 1:
        raise ValueError(f"For 'histogram_bin_edges', the 'bins' must be a positive int, but got {bins!r}.")
    low, high = _range_of("histogram_bin_edges", a, range)
    return linalg_function("HistogramEdges", _edges, bins=int(bins), low=low, high=high)(a)


def _histogram(x, w, bins, low, high, density):
    flat = x.reshape(-1).astype(np.float64)
    position = jnp.clip(jnp.floor((flat - low) * bins / (high - low)).astype(np.int64), 0, bins - 1)
    inside = (flat >= low) & (flat <= high)
    weight = jnp.ones_like(flat) if w is None else w.reshape(-1).astype(np.float64)
    counts = jnp.zeros((bins,), np.float64).at[jnp.where(inside, position, bins)].add(weight, mode="drop")
    if density:
        counts = counts / jnp.sum(counts) / ((high - low) / bins)
    return counts.astype(x.dtype)


def histogram(a, bins=10, range=None, weights=None, density=False):  # noqa: A002
    """(counts, bin edges) of `bins` equal-width bins over `range` (the last bin closed);
    `density` divides by the total and the bin width."""
    a = _floating(_tensor("histogram", "a", a))
    edges = histogram_bin_edges(a, bins, range)
    low, high = _range_of("histogram", a, range)
    arrays = [a]
    if weights is not None:
        weights = _tensor("histogram", "weights", weights)
        if weights.shape != a.shape:
            raise ValueError(f"For 'histogram', the 'weights' must have the shape of 'a' {a.shape}, "
                             f"but got {weights.shape}.")
        arrays.append(weights)
    fn = _histogram if weights is not None else (lambda x, bins, low, high, density:
                                                 _histogram(x, None, bins, low, high, density))
    counts = linalg_function("NumpyHistogram", fn, bins=int(bins), low=low, high=high, density=bool(density))(*arrays)
    return counts, edges


def trapz(y, x=None, dx=1.0, axis=-1):
    """The trapezoidal rule along `axis`."""
    return special_func.trapz(_tensor("trapz", "y", y), None if x is None else _tensor("trapz", "x", x), dx=dx, dim=axis)


def diff(a, n=1, axis=-1, prepend=None, append=None):
    """The n-th forward difference along `axis`."""
    return special_func.diff(_tensor("diff", "a", a), n, axis, prepend, append)


def ediff1d(ary, to_end=None, to_begin=None):
    """Differences of the flattened input, with `to_begin` before and `to_end` after."""
    ary = _tensor("ediff1d", "ary", ary).reshape(-1)
    parts = []
    if to_begin is not None:
        parts.append(P.Cast()(_tensor("ediff1d", "to_begin", to_begin).reshape(-1), ary.dtype))
    parts.append(linalg_function("EDiff1D", lambda x: jnp.diff(x))(ary))
    if to_end is not None:
        parts.append(P.Cast()(_tensor("ediff1d", "to_end", to_end).reshape(-1), ary.dtype))
    return parts[0] if len(parts) == 1 else P.Concat(0)(tuple(parts))


def _gradient_along(f, h, axis, edge_order):
    """(f[i+1] − f[i−1]) / 2h inside; one-sided first- or second-order differences at the ends."""
    f = jnp.moveaxis(f, axis, 0)
    inside = (f[2:] - f[:-2]) / (2 * h)
    if edge_order == 1:
        first, last = (f[1] - f[0]) / h, (f[-1] - f[-2]) / h
    else:
        first = (-3 * f[0] + 4 * f[1] - f[2]) / (2 * h)
        last = (3 * f[-1] - 4 * f[-2] + f[-3]) / (2 * h)
    out = jnp.concatenate([first[None], inside, last[None]], axis=0)
    return jnp.moveaxis(out, 0, axis)


def _gradient(f, spacing, axes, edge_order):
    spacing = spacing * len(axes) if len(spacing) == 1 else (spacing or (1.0,) * len(axes))
    out = tuple(_gradient_along(f, h, ax, edge_order) for h, ax in zip(spacing, axes))
    return out if len(out) > 1 else out[0]


def gradient(f, *varargs, axis=None, edge_order=1):
    """Central differences (f[i+1] − f[i−1]) / 2h inside, one-sided at the edges, per axis;
    a list of Tensors when there are several axes."""
    f = _floating(_tensor("gradient", "f", f))
    axes = tuple(range(f.ndim)) if axis is None else check.axes("gradient", "axis", axis, f.ndim)
    if edge_order not in (1, 2):
        raise ValueError(f"For 'gradient', the 'edge_order' must be 1 or 2, but got {edge_order!r}.")
    for ax in axes:
        if f.shape[ax] < edge_order + 1:
            raise ValueError(f"For 'gradient', each axis must have at least {edge_order + 1} elements, "
                             f"but got shape {f.shape}.")
    spacing = tuple(float(v) for v in varargs) if all(isinstance(v, (int, float)) for v in varargs) else None
    if spacing is None:
        raise TypeError("For 'gradient', the spacings in 'varargs' must be numbers.")
    if len(spacing) not in (0, 1, len(axes)):
        raise ValueError(f"For 'gradient', give one spacing or one per axis ({len(axes)}), but got {len(spacing)}.")
    out = linalg_function("Gradient", _gradient, spacing=spacing, axes=axes, edge_order=int(edge_order))(f)
    return list(out) if isinstance(out, tuple) else out


def _interp(x, xp, fp, left, right):
    return jnp.interp(x, xp, fp, left=left, right=right).astype(fp.dtype)


def interp(x, xp, fp, left=None, right=None):
    """Piecewise-linear interpolation of (xp, fp) at x (xp increasing); fp[0]/fp[-1] (or
    left/right) outside."""
    x, xp, fp = (_floating(_tensor("interp", n, v)) for n, v in (("x", x), ("xp", xp), ("fp", fp)))
    if xp.ndim != 1 or fp.shape != xp.shape:
        raise ValueError(f"For 'interp', the 'xp' and 'fp' must be 1-D of one length, but got {xp.shape} and {fp.shape}.")
    return linalg_function("Interp", _interp, left=left, right=right)(x, P.Cast()(xp, x.dtype), fp)


def _unwrap(p, discont, axis):
    return jnp.unwrap(p, discont=discont, axis=axis).astype(p.dtype)


def unwrap(p, discont=3.141592653589793, axis=-1):
    """Phase unwrapping: steps larger than `discont` are corrected by multiples of 2π."""
    p = _floating(_tensor("unwrap", "p", p))
    return linalg_function("Unwrap", _unwrap, discont=float(discont), axis=check.axis("unwrap", "axis", axis, p.ndim))(p)


def _convolve(a, v, mode, correlate):
    return (jnp.correlate if correlate else jnp.convolve)(a, v, mode=mode)


def _convolution(op, a, v, mode, correlate):
    a, v = _pair(op, a, v)
    if a.ndim != 1 or v.ndim != 1 or a.size == 0 or v.size == 0:
        raise ValueError(f"For '{op}', the 'a' and 'v' must be non-empty 1-D, but got {a.shape} and {v.shape}.")
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"For '{op}', the 'mode' must be 'full', 'same' or 'valid', but got {mode!r}.")
    return linalg_function("Convolve", _convolve, mode=mode, correlate=correlate)(a, v)


def convolve(a, v, mode="full"):
    """The discrete linear convolution (a ∗ v)[n] = Σ_m a[m] v[n − m]."""
    return _convolution("convolve", a, v, mode, False)


def correlate(a, v, mode="valid"):
    """The cross-correlation c[k] = Σ_n a[n + k] v[n]."""
    return _convolution("correlate", a, v, mode, True)


# --- polynomials (coefficients, highest power first) ---------------------------------------------
def _poly(op, p):
    p = _tensor(op, "p", p)
    if p.ndim != 1:
        raise ValueError(f"For '{op}', the coefficients must be 1-D, but got shape {p.shape}.")
    return p


def polyadd(a1, a2):
    a1, a2 = _pair("polyadd", _poly("polyadd", a1), _poly("polyadd", a2))
    return linalg_function("PolyAdd", lambda x, y: jnp.polyadd(x, y))(a1, a2)


def polysub(a1, a2):
    a1, a2 = _pair("polysub", _poly("polysub", a1), _poly("polysub", a2))
    return linalg_function("PolySub", lambda x, y: jnp.polysub(x, y))(a1, a2)


def polymul(a1, a2):
    a1, a2 = _pair("polymul", _poly("polymul", a1), _poly("polymul", a2))
    return linalg_function("PolyMul", lambda x, y: jnp.polymul(x, y))(a1, a2)


def polyder(p, m=1):
    """The m-th derivative's coefficients."""
    p = _poly("polyder", p)
    m = check.int_value("polyder", "m", m, minimum=0)
    return linalg_function("PolyDer", lambda x, m: jnp.polyder(x, m), m=m)(p)


def polyint(p, m=1, k=None):
    """The m-th antiderivative's coefficients, integration constants `k` (0 by default)."""
    p = _floating(_poly("polyint", p))
    m = check.int_value("polyint", "m", m, minimum=0)
    constants = 0.0 if k is None else (tuple(float(c) for c in k) if isinstance(k, (list, tuple)) else float(k))
    return linalg_function("PolyInt", lambda x, m, k: jnp.polyint(x, m, k), m=m, k=constants)(p)


def polyval(p, x):
    """p[0]·x^{n−1} + ... + p[n−1] by Horner's rule."""
    p = _poly("polyval", p)
    x = _tensor("polyval", "x", x)
    p, x = _pair("polyval", p, x)
    return linalg_function("PolyVal", lambda c, v: jnp.polyval(c, v))(p, x)


# --- windows --------------------------------------------------------------------------------------
def _window(op, m, fn):
    if not check.is_int(m):
        raise TypeError(f"For '{op}', the 'M' must be an int, but got {type(m).__name__}.")
    return Tensor(fn(max(int(m), 0)).astype(np.float32))


def hamming(M):  # noqa: N803 - NumPy's name
    """0.54 − 0.46 cos(2πn / (M − 1))."""
    return _window("hamming", M, np.hamming)


def hanning(M):  # noqa: N803
    """0.5 − 0.5 cos(2πn / (M − 1))."""
    return _window("hanning", M, np.hanning)


def bartlett(M):  # noqa: N803
    """The triangular window 1 − |2n/(M − 1) − 1|."""
    return _window("bartlett", M, np.bartlett)


def blackman(M):  # noqa: N803
    """0.42 − 0.5 cos(2πn/(M − 1)) + 0.08 cos(4πn/(M − 1))."""
    return _window("blackman", M, np.blackman)


# --- random -------------------------------------------------------------------------------------------
def rand(*shape, dtype=mstype.float32):
    return random_func.rand(*shape, dtype=dtype)


def randn(*shape, dtype=mstype.float32):
    return random_func.randn(*shape, dtype=dtype)


def randint(minval, maxval=None, shape=None, dtype=mstype.int32):
    """Integers uniform on [minval, maxval) ([0, minval) when maxval is None)."""
    low, high = (0, minval) if maxval is None else (minval, maxval)
    size = () if shape is None else ((shape,) if check.is_int(shape) else tuple(shape))
    return random_func.randint(low, high, size, dtype=dtype)


def _norm(x, ord, axis, keepdims):  # noqa: A002
    return jnp.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims).astype(x.dtype)


def norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002
    """NumPy's norm: the 2-norm (Frobenius for matrices) by default; `ord` as numpy.linalg.norm."""
    x = _floating(_tensor("norm", "x", x))
    if axis is not None:
        axis = check.axes("norm", "axis", axis, x.ndim)
        axis = axis[0] if len(axis) == 1 else axis
    if ord is not None and not isinstance(ord, str) and (isinstance(ord, bool) or not isinstance(ord, (int, float))):
        raise TypeError(f"For 'norm', the 'ord' must be a number, 'fro', 'nuc' or None, but got {ord!r}.")
    return linalg_function("NumpyNorm", _norm, ord=ord, axis=axis, keepdims=bool(keepdims))(x)


__all__ = []  # private: sporax.numpy's functions call these by module
