"""Special functions, complex parts, comparisons' short names and statistics
(`mindspore.ops.function.math_func`).

Statistics: median (the lower middle value and its index), nanmedian, nanmean, quantile and
nanquantile (linear interpolation between order statistics), cov (with frequency and
analytic weights: Σ w (x − x̄)(y − ȳ) / (Σ w − correction)), histc, bincount, logcumsumexp,
diff (n-th forward differences), trapz (the trapezoidal rule), renorm.
"""
from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from .. import operations as P
from ..operations import _arg_checks as check
from ..operations.linalg_ops import linalg_function
from ..operations.math_ops_more import histogram_counts, median_with_index
from .._constants import constant
from . import linalg_func, math_func

_FLOATS = (mstype.float16, mstype.float32, mstype.float64, mstype.bfloat16)


def _unary_function(name, prim):
    def function(input):  # noqa: A002 - MindSpore's name
        return prim(input)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"{prim.name}, elementwise ({type(prim).__doc__ or ''})".strip()
    return function


def _x_function(name, prim):
    def function(x):
        return prim(x)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"{prim.name}, elementwise."
    return function


bessel_i0 = _x_function("bessel_i0", P.BesselI0())
bessel_i0e = _x_function("bessel_i0e", P.BesselI0e())
bessel_i1 = _x_function("bessel_i1", P.BesselI1())
bessel_i1e = _x_function("bessel_i1e", P.BesselI1e())
bessel_j0 = _x_function("bessel_j0", P.BesselJ0())
bessel_j1 = _x_function("bessel_j1", P.BesselJ1())
bessel_k0 = _x_function("bessel_k0", P.BesselK0())
bessel_k0e = _x_function("bessel_k0e", P.BesselK0e())
bessel_k1 = _x_function("bessel_k1", P.BesselK1())
bessel_k1e = _x_function("bessel_k1e", P.BesselK1e())
bessel_y0 = _x_function("bessel_y0", P.BesselY0())
bessel_y1 = _x_function("bessel_y1", P.BesselY1())
i0 = _unary_function("i0", P.BesselI0())
angle = _unary_function("angle", P.Angle())
conj = _unary_function("conj", P.Conj())
inv = _x_function("inv", P.Inv())


def population_count(input_x):
    """The number of set bits of each element, as UInt8."""
    return P.PopulationCount()(input_x)


def real(input):  # noqa: A002
    """The real part (the input itself when it is real)."""
    check.tensor("real", "input", input)
    return input if input.dtype.kind != "complex" else P.Real()(input)


def imag(input):  # noqa: A002
    """The imaginary part (zeros for a real Tensor)."""
    check.tensor("imag", "input", input)
    return P.Imag()(input)


def polar(abs, angle):  # noqa: A002 - MindSpore's names
    """abs · (cos(angle) + i sin(angle))."""
    check.tensor("polar", "abs", abs)
    check.tensor("polar", "angle", angle)
    return P.Polar()(abs, angle)


def isreal(input):  # noqa: A002
    """True where the imaginary part is 0 (everywhere for a real Tensor)."""
    check.tensor("isreal", "input", input)
    if input.dtype.kind != "complex":
        return P.Fill()(mstype.bool_, input.shape, True)
    return P.Equal()(P.Imag()(input), 0.0)


def igamma(input, other):  # noqa: A002
    """The regularised lower incomplete gamma P(input, other) = γ(a, x) / Γ(a)."""
    return P.Igamma()(input, other)


def igammac(input, other):  # noqa: A002
    """The regularised upper incomplete gamma Q(a, x) = 1 − P(a, x)."""
    return P.Igammac()(input, other)


def zeta(input, other):  # noqa: A002
    """The Hurwitz zeta function Σₖ (k + other)^{−input}."""
    if isinstance(input, Tensor) and isinstance(other, Tensor) and input.dtype != other.dtype:
        raise TypeError(f"For 'zeta', the 'input' and 'other' must have the same dtype, "
                        f"but got {input.dtype} and {other.dtype}.")
    return P.Zeta()(input, other)


def polygamma(n, input):  # noqa: A002
    """ψ⁽ⁿ⁾(input), the n-th derivative of digamma."""
    return P.Polygamma()(n, input)


def mvlgamma(input, p):  # noqa: A002
    """The multivariate log-gamma of dimension p."""
    return P.Mvlgamma(p)(input)


def logit(input, eps=None):  # noqa: A002
    """log(x / (1 − x)), x clamped to [eps, 1 − eps] when eps is given."""
    return P.Logit(-1.0 if eps is None else eps)(input)


def nan_to_num(input, nan=None, posinf=None, neginf=None):  # noqa: A002
    """NaN -> nan (0), +inf -> posinf (the dtype's max), -inf -> neginf (its lowest)."""
    check.tensor("nan_to_num", "input", input)
    if input.dtype not in _FLOATS:
        raise TypeError(f"For 'nan_to_num', the 'input' must be a Tensor of Float16, Float32 or Float64, "
                        f"but got {input.dtype}.")
    return P.NanToNum(0.0 if nan is None else nan, posinf, neginf)(input)


def approximate_equal(x, y, tolerance=1e-05):
    """|x − y| < tolerance."""
    return P.ApproximateEqual(tolerance)(x, y)


def fmin(input, other):  # noqa: A002
    """The elementwise minimum, the number where one operand is NaN."""
    return P.Fmin()(input, other)


# --- short names of arithmetic and comparisons ------------------------------------------------
def eq(input, other):  # noqa: A002
    return P.Equal()(input, other)


def gt(input, other):  # noqa: A002
    return P.Greater()(input, other)


def lt(input, other):  # noqa: A002
    return P.Less()(input, other)


def multiply(input, other):  # noqa: A002
    return P.Mul()(input, other)


def subtract(input, other, *, alpha=1):  # noqa: A002
    """input − alpha · other."""
    return P.Sub()(input, other if (not isinstance(alpha, Tensor) and alpha == 1) else P.Mul()(other, alpha))


def true_divide(dividend, divisor):
    """dividend / divisor as floats (integers give Float32)."""
    return P.Div()(dividend, divisor)


def divide(input, other, *, rounding_mode=None):  # noqa: A002
    """input / other; rounding_mode 'floor' rounds down, 'trunc' towards zero (integers stay integers)."""
    if rounding_mode is None:
        return P.Div()(input, other)
    if rounding_mode == "floor":
        return P.FloorDiv()(input, other)
    if rounding_mode == "trunc":
        return P.TruncateDiv()(input, other)
    raise ValueError(f"For 'divide', the 'rounding_mode' must be None, 'floor' or 'trunc', but got {rounding_mode!r}.")


# --- statistics -------------------------------------------------------------------------------
def median(input, axis=-1, keepdims=False):  # noqa: A002
    """(the lower median along `axis`, its Int64 index)."""
    return P.Median(False, axis, keepdims, False)(input)


def nanmedian(input, axis=-1, keepdims=False):  # noqa: A002
    """median ignoring NaN (NaN only where a slice is all NaN)."""
    return P.Median(False, axis, keepdims, True)(input)


def _nanmean(x, axes, keepdims, dtype):
    x = x.astype(dtype)
    return jnp.nanmean(x, axis=axes, keepdims=keepdims).astype(dtype)


def nanmean(input, axis=None, keepdims=False, *, dtype=None):  # noqa: A002
    """The mean over `axis` of the non-NaN elements."""
    check.tensor("nanmean", "input", input)
    if input.dtype not in _FLOATS:
        raise TypeError(f"For 'nanmean', the 'input' must be a float Tensor, but got {input.dtype}.")
    axes = check.axes("nanmean", "axis", axis, input.ndim)
    out = input.dtype if dtype is None else check.dtype_value("nanmean", "dtype", dtype)
    return linalg_function("NanMean", _nanmean, axes=axes, keepdims=bool(keepdims), dtype=out.to_numpy().str)(input)


def _take_last(ordered, index):
    """ordered[..., index] for an index of shape (Q, ...batch)."""
    full = jnp.broadcast_to(ordered, index.shape + ordered.shape[-1:])
    return jnp.take_along_axis(full, index[..., None], axis=-1)[..., 0]


def _quantile(x, q, axis, keepdims, ignore_nan):
    """Linear interpolation between the order statistics at q·(n − 1) (n the non-NaN count
    with `ignore_nan`); an exact position takes its element as is, so ±inf stays ±inf."""
    wide = x.astype(np.float64)
    moved = wide.reshape(-1) if axis is None else jnp.moveaxis(wide, axis, -1)
    ordered = jnp.sort(moved, axis=-1)  # NaN sorts last
    has_nan = jnp.any(jnp.isnan(moved), axis=-1)
    n = jnp.sum(~jnp.isnan(moved), axis=-1) if ignore_nan else jnp.full(moved.shape[:-1], moved.shape[-1])
    qs = q.astype(np.float64).reshape(-1)
    position = qs.reshape((-1,) + (1,) * (moved.ndim - 1)) * jnp.maximum(n - 1, 0)
    low = jnp.floor(position).astype(np.int64)
    high = jnp.minimum(low + 1, jnp.maximum(n - 1, 0))
    weight = position - low
    v_low, v_high = _take_last(ordered, low), _take_last(ordered, high)
    out = jnp.where(weight == 0, v_low, v_low + weight * (v_high - v_low))
    nan = (n == 0) if ignore_nan else has_nan
    out = jnp.where(nan, jnp.nan, out)
    if keepdims:
        out = out.reshape(out.shape[:1] + ((1,) * x.ndim if axis is None else
                                          tuple(1 if i == axis else d for i, d in enumerate(x.shape))))
    if q.ndim == 0:
        out = out[0]
    return out.astype(x.dtype)


def _quantile_call(op, input, q, axis, keepdims, ignore_nan):  # noqa: A002
    check.tensor(op, "input", input)
    if input.dtype not in (mstype.float32, mstype.float64):
        raise TypeError(f"For '{op}', the 'input' must be a Tensor of Float32 or Float64, but got {input.dtype}.")
    if isinstance(q, Tensor):
        if q.dtype != input.dtype:
            raise TypeError(f"For '{op}', the 'q' must have the dtype of 'input' {input.dtype}, but got {q.dtype}.")
        if q.ndim > 1:
            raise ValueError(f"For '{op}', the 'q' must be a scalar or 1-D, but got shape {q.shape}.")
        values = q.asnumpy()
    elif isinstance(q, float):
        values = np.asarray(q)
        q = constant(np.asarray(q, input.dtype.to_numpy()))
    else:
        raise TypeError(f"For '{op}', the 'q' must be a float or a Tensor, but got {type(q).__name__}.")
    if np.any(values < 0) or np.any(values > 1):
        raise ValueError(f"For '{op}', the 'q' must be in [0, 1], but got {values}.")
    ax = None if axis is None else check.axis(op, "axis", axis, input.ndim)
    if not isinstance(keepdims, bool):
        raise TypeError(f"For '{op}', the 'keepdims' must be a bool, but got {type(keepdims).__name__}.")
    return linalg_function("Quantile", _quantile, axis=ax, keepdims=keepdims, ignore_nan=ignore_nan)(input, q)


def quantile(input, q, axis=None, keepdims=False):  # noqa: A002
    """The q-th quantiles along `axis` (of all elements when None), interpolating linearly
    between order statistics; NaN where a slice holds NaN. A 1-D q adds a leading axis."""
    return _quantile_call("quantile", input, q, axis, keepdims, False)


def nanquantile(input, q, axis=None, keepdims=False):  # noqa: A002
    """quantile ignoring NaN."""
    return _quantile_call("nanquantile", input, q, axis, keepdims, True)


def _cov(x, fweights, aweights, correction):
    x = jnp.atleast_2d(x)
    n = x.shape[1]
    w = jnp.ones((n,), x.dtype)
    if fweights is not None:
        w = w * fweights.astype(x.dtype)
    if aweights is not None:
        w = w * aweights.astype(x.dtype)
    total = jnp.sum(w)
    mean = jnp.sum(x * w, axis=1, keepdims=True) / total
    if correction == 0:
        norm = total
    elif aweights is None:
        norm = total - correction
    else:
        norm = total - correction * jnp.sum(w * aweights.astype(x.dtype)) / total
    centred = x - mean
    out = (centred * w) @ jnp.conj(centred).T / jnp.maximum(norm, 0)
    return jnp.squeeze(out)


def cov(input, *, correction=1, fweights=None, aweights=None):  # noqa: A002
    """The covariance of the rows (variables) of a 1-D/2-D input over its columns (observations);
    integer inputs give Float32."""
    check.tensor("cov", "input", input)
    if input.ndim > 2:
        raise ValueError(f"For 'cov', the 'input' must be 1-D or 2-D, but got shape {input.shape}.")
    if not check.is_int(correction):
        raise TypeError(f"For 'cov', the 'correction' must be an int, but got {type(correction).__name__}.")
    x = input if input.dtype in _FLOATS or input.dtype.kind == "complex" else P.Cast()(input, mstype.float32)
    n = x.shape[-1]
    arrays = [x]
    for arg, w in (("fweights", fweights), ("aweights", aweights)):
        if w is None:
            continue
        check.tensor("cov", arg, w)
        if w.ndim > 1 or w.size != n:
            raise ValueError(f"For 'cov', the '{arg}' must be a 1-D Tensor of {n} elements, but got shape {w.shape}.")
        if arg == "fweights" and w.dtype.kind != "int":
            raise TypeError(f"For 'cov', the 'fweights' must be an integer Tensor, but got {w.dtype}.")
        if arg == "aweights" and w.dtype.kind != "float":
            raise TypeError(f"For 'cov', the 'aweights' must be a float Tensor, but got {w.dtype}.")
        arrays.append(w)

    def compute(x, *weights, correction, has_f, has_a):
        it = iter(weights)
        f = next(it) if has_f else None
        a = next(it) if has_a else None
        return _cov(x, f, a, correction)

    return linalg_function("Cov", compute, correction=int(correction), has_f=fweights is not None,
                           has_a=aweights is not None)(*arrays)


def _histc(x, bins, low, high):
    return histogram_counts(x, bins, low, high).astype(x.dtype)


def histc(input, bins=100, min=0.0, max=0.0):  # noqa: A002
    """Counts of `bins` equal-width bins over [min, max] (the data's range when both are 0), in
    input's dtype; elements outside are not counted."""
    check.tensor("histc", "input", input)
    if input.dtype.kind not in ("float", "int"):
        raise TypeError(f"For 'histc', the 'input' must be a float or integer Tensor, but got {input.dtype}.")
    if not check.is_int(bins) or bins < 1:
        raise ValueError(f"For 'histc', the 'bins' must be a positive int, but got {bins!r}.")
    for arg, value in (("min", min), ("max", max)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"For 'histc', the '{arg}' must be a float, but got {type(value).__name__}.")
    if min > max:
        raise ValueError(f"For 'histc', the 'max' must be >= 'min', but got min={min}, max={max}.")
    return linalg_function("Histc", _histc, bins=int(bins), low=float(min), high=float(max))(input)


def bincount(input, weights=None, minlength=0):  # noqa: A002
    """The number of occurrences (or the summed weights) of each value 0..max(input) (at least
    `minlength` bins) of a 1-D non-negative integer Tensor, as Float32 (weights' float dtype)."""
    check.tensor("bincount", "input", input)
    if input.dtype.kind not in ("int", "uint"):
        raise TypeError(f"For 'bincount', the 'input' must be an integer Tensor, but got {input.dtype}.")
    if input.ndim != 1:
        raise ValueError(f"For 'bincount', the 'input' must be 1-D, but got shape {input.shape}.")
    if not check.is_int(minlength) or minlength < 0:
        raise ValueError(f"For 'bincount', the 'minlength' must be a non-negative int, but got {minlength!r}.")
    values = input.asnumpy()
    size = max(int(values.max()) + 1 if values.size else 0, int(minlength))
    if weights is None:
        weights = P.Zeros()((0,), mstype.float32)
    else:
        check.tensor("bincount", "weights", weights)
        if weights.shape != input.shape:
            raise ValueError(f"For 'bincount', the 'weights' must have the shape of 'input' {input.shape}, "
                             f"but got {weights.shape}.")
        if weights.dtype not in (mstype.float32, mstype.float64):
            weights = P.Cast()(weights, mstype.float32)
    return P.Bincount()(P.Cast()(input, mstype.int32), size, weights)


def logcumsumexp(input, axis):  # noqa: A002
    """log Σ_{j<=i} exp(x_j) along `axis`."""
    check.tensor("logcumsumexp", "input", input)
    if input.dtype not in (mstype.float16, mstype.float32, mstype.float64, mstype.bfloat16):
        raise TypeError(f"For 'logcumsumexp', the 'input' must be a Tensor of Float16, Float32 or Float64, "
                        f"but got {input.dtype}.")
    return P.CumulativeLogsumexp(False, False)(input, axis)


def _diff(x, n, axis, prepend, append):
    return jnp.diff(x, n=n, axis=axis, prepend=prepend, append=append)


def diff(x, n=1, axis=-1, prepend=None, append=None):
    """The n-th forward difference along `axis`, out[i] = x[i+1] − x[i] (for Bool: x[i+1] != x[i]),
    after joining `prepend` and `append`."""
    check.tensor("diff", "x", x)
    if not check.is_int(n) or n < 0:
        raise ValueError(f"For 'diff', the 'n' must be a non-negative int, but got {n!r}.")
    if x.ndim == 0:
        raise ValueError("For 'diff', the 'x' must be at least 1-D, but got a scalar.")
    ax = check.axis("diff", "axis", axis, x.ndim)
    parts = [t for t in (prepend, x, append) if t is not None]
    for arg, t in (("prepend", prepend), ("append", append)):
        if t is not None:
            check.tensor("diff", arg, t)
            if t.ndim != x.ndim or t.shape[:ax] + t.shape[ax + 1:] != x.shape[:ax] + x.shape[ax + 1:]:
                raise ValueError(f"For 'diff', the '{arg}' must match 'x' {x.shape} except along 'axis', "
                                 f"but got {t.shape}.")
    joined = parts[0] if len(parts) == 1 else P.Concat(ax)(tuple(P.Cast()(t, x.dtype) for t in parts))
    if n == 0:
        return joined
    return linalg_function("Diff", _diff, n=int(n), axis=ax, prepend=None, append=None)(joined)


def _trapz(y, x, dx, dim):
    if y.dtype.kind in "biu":
        y = y.astype(np.float32)
    return jnp.trapezoid(y, x=x, dx=dx, axis=dim)


def trapz(y, x=None, *, dx=1.0, dim=-1):
    """The trapezoidal rule along `dim`: Σ (x[i+1] − x[i]) (y[i+1] + y[i]) / 2 (spacing `dx`
    when x is None)."""
    check.tensor("trapz", "y", y)
    d = check.axis("trapz", "dim", dim, y.ndim)
    if isinstance(dx, bool) or not isinstance(dx, (int, float)):
        raise TypeError(f"For 'trapz', the 'dx' must be a float, but got {type(dx).__name__}.")
    if x is None:
        return linalg_function("Trapz", lambda y, dx, dim: _trapz(y, None, dx, dim), dx=float(dx), dim=d)(y)
    check.tensor("trapz", "x", x)
    if x.shape[-1] != y.shape[d] if x.ndim == 1 else x.shape != y.shape:
        raise ValueError(f"For 'trapz', the 'x' {x.shape} must match 'y' {y.shape} along 'dim'.")
    return linalg_function("TrapzX", lambda y, x, dim: _trapz(y, x.astype(y.dtype) if y.dtype.kind == "f" else x,
                                                            1.0, dim), dim=d)(y, x)


def renorm(input, p, axis, maxnorm):  # noqa: A002
    """Slices along `axis` whose p-norm exceeds `maxnorm` rescaled to norm `maxnorm`."""
    return P.Renorm(p, axis, maxnorm)(input)


__all__ = [name for name in dir() if not name.startswith("_") and name not in (
    "annotations", "jnp", "np", "mstype", "Tensor", "P", "check", "linalg_function", "histogram_counts",
    "median_with_index", "linalg_func", "math_func")]


# --- helpers of Tensor methods and mint (private) ------------------------------------------------
def _allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):  # noqa: A002
    """Whether every element is close (`isclose`), as a Python bool (MindSpore's Tensor.allclose)."""
    return bool(P.ReduceAll(False)(P.IsClose(rtol, atol, equal_nan)(input, other), ()).asnumpy())


def _ptp(input, axis=None, keepdims=False):  # noqa: A002
    """max − min over `axis` (all when None)."""
    check.tensor("ptp", "input", input)
    axes = () if axis is None else axis
    return P.Sub()(P.ReduceMax(keepdims)(input, axes), P.ReduceMin(keepdims)(input, axes))


def _count_nonzero(input, dim=None):  # noqa: A002
    """The Int64 number of nonzero elements over `dim` (torch's count_nonzero)."""
    return P.CountNonZero(dim)(input)


def _vdot(input, other):  # noqa: A002
    """Σ conj(input) · other of two 1-D Tensors."""
    for arg, value in (("input", input), ("other", other)):
        check.tensor("vdot", arg, value)
        if value.ndim != 1:
            raise ValueError(f"For 'vdot', the '{arg}' must be 1-D, but got shape {value.shape}.")
    if input.shape != other.shape:
        raise ValueError(f"For 'vdot', the 'input' {input.shape} and 'other' {other.shape} must have one length.")
    product = P.Mul()(P.Conj()(input) if input.dtype.kind == "complex" else input, other)
    return P.ReduceSum(False)(product, ())


def _int64_index(pair):
    values, index = pair
    return values, index if index.dtype == mstype.int64 else P.Cast()(index, mstype.int64)


def _extreme(op, input, dim, keepdim):  # noqa: A002
    if dim is None:
        check.tensor(op, "input", input)
        return (P.ReduceMax(False) if op == "max" else P.ReduceMin(False))(input, ())
    return _int64_index((math_func.max if op == "max" else math_func.min)(input, dim, keepdim))


def _mint_max(input, dim=None, keepdim=False):  # noqa: A002
    """torch's max: the maximum of all elements, or (values, Int64 indices) along `dim`."""
    return _extreme("max", input, dim, keepdim)


def _mint_min(input, dim=None, keepdim=False):  # noqa: A002
    """torch's min: the minimum of all elements, or (values, Int64 indices) along `dim`."""
    return _extreme("min", input, dim, keepdim)


def _mint_median(input, dim=None, keepdim=False):  # noqa: A002
    """torch's median: the lower median of all elements, or (values, Int64 indices) along `dim`."""
    if dim is None:
        return P.Median(True, 0, False, False)(input)[0]
    return median(input, dim, keepdim)


def _reduce_dtype(op, input, dtype, widen):  # noqa: A002
    check.tensor(op, "input", input)
    if dtype is not None:
        return P.Cast()(input, check.dtype_value(op, "dtype", dtype))
    if widen and input.dtype.kind in ("bool", "int", "uint"):
        return P.Cast()(input, mstype.int64)
    return input


def _mint_sum(input, dim=None, keepdim=False, dtype=None):  # noqa: A002
    """Σ over `dim`; bool and integer inputs sum as Int64 (torch's)."""
    x = _reduce_dtype("sum", input, dtype, True)
    return P.ReduceSum(keepdim)(x, () if dim is None else dim)


def _mint_mean(input, dim=None, keepdim=False, dtype=None):  # noqa: A002
    """The mean over `dim` (in `dtype` when given)."""
    x = _reduce_dtype("mean", input, dtype, False)
    return P.ReduceMean(keepdim)(x, () if dim is None else dim)


def _mint_norm(input, p="fro", dim=None, keepdim=False, dtype=None):  # noqa: A002
    """torch's norm: 'fro' (and numbers) as vector norms of the elements over `dim` (all when
    None), 'nuc' as the nuclear matrix norm."""
    if p == "nuc":
        return linalg_func.matrix_norm(input, "nuc", (-2, -1) if dim is None else dim, keepdim, dtype=dtype)
    order = 2 if p == "fro" else p
    return linalg_func.vector_norm(input, order, dim, keepdim, dtype=dtype)
