"""Elementwise math, comparisons and reductions (`mindspore.ops.function.math_func`).

Each function is its primitive with MindSpore 2.10's argument names and defaults; the
primitive validates and computes. Aliases (`arcsin`, `absolute`, ...) are the same function.
"""
from __future__ import annotations

from ...common import dtype as mstype
from ...common.tensor import Tensor
from .. import operations as P
from ..operations import _arg_checks as check
from ..operations.math_ops_ext import PRIVATE

_sin, _tan, _asin, _acos, _atan = P.Sin(), P.Tan(), P.Asin(), P.ACos(), P.Atan()
_sinh, _cosh, _asinh, _acosh, _atanh = P.Sinh(), P.Cosh(), P.Asinh(), P.Acosh(), P.Atanh()
_expm1, _log1p, _erfc, _erfinv = P.Expm1(), P.Log1p(), P.Erfc(), P.Erfinv()
_lgamma, _digamma, _sign, _round, _trunc = P.Lgamma(), P.Digamma(), P.Sign(), P.Round(), P.Trunc()
_isnan, _isinf, _invert, _rsqrt, _reciprocal = P.IsNan(), P.IsInf(), P.Invert(), P.Rsqrt(), P.Reciprocal()
_floor_div, _floor_mod, _atan2, _sq_diff = P.FloorDiv(), P.FloorMod(), P.Atan2(), P.SquaredDifference()
_xlogy, _xdivy, _bit_and, _bit_or, _bit_xor = P.Xlogy(), P.Xdivy(), P.BitwiseAnd(), P.BitwiseOr(), P.BitwiseXor()
_lshift, _rshift, _logical_xor = P.LeftShift(), P.RightShift(), P.LogicalXor()
_trunc_div, _trunc_mod, _gcd, _lcm = P.TruncateDiv(), P.TruncateMod(), P.Gcd(), P.Lcm()
_hypot, _nextafter, _heaviside, _lerp = P.Hypot(), P.NextAfter(), P.Heaviside(), P.Lerp()
_addcmul, _addcdiv, _addn = P.Addcmul(), P.Addcdiv(), P.AddN()
_log2, _log10, _exp2, _sinc = PRIVATE["Log2"](), PRIVATE["Log10"](), PRIVATE["Exp2"](), PRIVATE["Sinc"]()
_deg2rad, _rad2deg = PRIVATE["Deg2Rad"](), PRIVATE["Rad2Deg"]()
_isneginf, _isposinf, _signbit, _frac = PRIVATE["IsNegInf"](), PRIVATE["IsPosInf"](), PRIVATE["SignBit"](), \
    PRIVATE["Frac"]()
_positive, _sgn = PRIVATE["Positive"](), PRIVATE["Sgn"]()
_logaddexp, _logaddexp2 = PRIVATE["LogAddExp"](), PRIVATE["LogAddExp2"]()
_fmax, _fmin, _copysign, _float_power = PRIVATE["Fmax"](), PRIVATE["Fmin"](), PRIVATE["CopySign"](), \
    PRIVATE["FloatPower"]()
_ldexp, _remainder, _fmod = PRIVATE["Ldexp"](), PRIVATE["Remainder"](), PRIVATE["Fmod"]()
_mul, _div = P.Mul(), P.RealDiv()
_neg, _abs, _not_equal, _less_equal, _greater_equal = P.Neg(), P.Abs(), P.NotEqual(), P.LessEqual(), \
    P.GreaterEqual()


# --- unary ----------------------------------------------------------------------------------
def sin(input):  # noqa: A002 - MindSpore's argument names
    """sin(x), elementwise."""
    return _sin(input)


def tan(input):  # noqa: A002
    return _tan(input)


def asin(input):  # noqa: A002
    return _asin(input)


def arcsin(x):
    return _asin(x)


def acos(input):  # noqa: A002
    return _acos(input)


def arccos(input):  # noqa: A002
    return _acos(input)


def atan(input):  # noqa: A002
    return _atan(input)


def arctan(input):  # noqa: A002
    return _atan(input)


def sinh(input):  # noqa: A002
    return _sinh(input)


def cosh(input):  # noqa: A002
    return _cosh(input)


def asinh(input):  # noqa: A002
    return _asinh(input)


def arcsinh(input):  # noqa: A002
    return _asinh(input)


def acosh(input):  # noqa: A002
    return _acosh(input)


def arccosh(input):  # noqa: A002
    return _acosh(input)


def atanh(input):  # noqa: A002
    return _atanh(input)


def arctanh(input):  # noqa: A002
    return _atanh(input)


def expm1(input):  # noqa: A002
    """exp(x) - 1, accurate near 0."""
    return _expm1(input)


def log1p(input):  # noqa: A002
    """log(1 + x), accurate near 0."""
    return _log1p(input)


def log2(input):  # noqa: A002
    return _log2(input)


def log10(input):  # noqa: A002
    return _log10(input)


def exp2(input):  # noqa: A002
    """2 ** x; integer and bool inputs give Float32."""
    return _exp2(input)


def erfc(input):  # noqa: A002
    """1 - erf(x)."""
    return _erfc(input)


def erfinv(input):  # noqa: A002
    """The inverse of erf on (-1, 1)."""
    return _erfinv(input)


def lgamma(input):  # noqa: A002
    """log |Gamma(x)|."""
    return _lgamma(input)


def digamma(input):  # noqa: A002
    """d/dx log Gamma(x)."""
    return _digamma(input)


def sign(input):  # noqa: A002
    """-1, 0 or 1 by the sign of x (0 for NaN... NaN stays NaN)."""
    return _sign(input)


def sgn(input):  # noqa: A002
    return _sgn(input)


def signbit(input):  # noqa: A002
    """True where the sign bit is set (including -0.0)."""
    return _signbit(input)


def round(input, *, decimals=0):  # noqa: A001,A002
    """Round half to even; with `decimals`, to that many decimal places."""
    if not check.is_int(decimals):
        raise TypeError(f"For 'round', the 'decimals' must be an int, but got {type(decimals).__name__}.")
    if decimals == 0:
        return _round(input)
    scale = 10.0 ** decimals
    return _div(_round(_mul(input, scale)), scale)


def trunc(input):  # noqa: A002
    """Round towards zero."""
    return _trunc(input)


def frac(x):
    """x - trunc(x)."""
    return _frac(x)


def isnan(input):  # noqa: A002
    return _isnan(input)


def isinf(input):  # noqa: A002
    return _isinf(input)


def isneginf(input):  # noqa: A002
    return _isneginf(input)


def isposinf(input):  # noqa: A002
    return _isposinf(input)


def invert(x):
    """Bitwise not of an integer Tensor."""
    return _invert(x)


def rsqrt(input):  # noqa: A002
    """1 / sqrt(x)."""
    return _rsqrt(input)


def reciprocal(input):  # noqa: A002
    """1 / x; integer and bool inputs give Float32."""
    return _reciprocal(input)


def sinc(input):  # noqa: A002
    """sin(pi x) / (pi x), 1 at 0."""
    return _sinc(input)


def deg2rad(x):
    return _deg2rad(x)


def rad2deg(x):
    return _rad2deg(x)


def positive(input):  # noqa: A002
    """The input itself."""
    return _positive(input)


def negative(input):  # noqa: A002
    check.tensor("negative", "input", input)
    if input.dtype == mstype.bool_:
        raise TypeError("For 'negative', the 'input' can not be a Bool Tensor.")
    return _neg(input)


def absolute(input):  # noqa: A002
    return _abs(input)


# --- binary ---------------------------------------------------------------------------------
def floor_divide(input, other):  # noqa: A002
    """floor(input / other); integers stay integers."""
    return _floor_div(input, other)


def floor_div(x, y):
    return _floor_div(x, y)


def floordiv(input, other):  # noqa: A002
    return _floor_div(input, other)


def floor_mod(x, y):
    """x - floor(x / y) * y: the remainder with the divisor's sign."""
    return _floor_mod(x, y)


def floormod(x, y):
    return _floor_mod(x, y)


def remainder(input, other):  # noqa: A002
    """input - floor(input / other) * other."""
    return _remainder(input, other)


def fmod(input, other):  # noqa: A002
    """The remainder with the dividend's sign (C fmod)."""
    return _fmod(input, other)


def atan2(input, other):  # noqa: A002
    """The angle of (other, input) in (-pi, pi]."""
    return _atan2(input, other)


def arctan2(input, other):  # noqa: A002
    return _atan2(input, other)


def hypot(input, other):  # noqa: A002
    """sqrt(input ** 2 + other ** 2) without overflow."""
    return _hypot(input, other)


def xlogy(input, other):  # noqa: A002
    """input * log(other), 0 where input is 0."""
    return _xlogy(input, other)


def xdivy(x, y):
    """x / y, 0 where x is 0."""
    return _xdivy(x, y)


def _tensors(op, **values):
    for arg, value in values.items():
        check.tensor(op, arg, value)


def logaddexp(input, other):  # noqa: A002
    """log(exp(input) + exp(other)) without overflow (both Tensors)."""
    _tensors("logaddexp", input=input, other=other)
    return _logaddexp(input, other)


def logaddexp2(input, other):  # noqa: A002
    """log2(2 ** input + 2 ** other) (both Tensors)."""
    _tensors("logaddexp2", input=input, other=other)
    return _logaddexp2(input, other)


def fmax(input, other):  # noqa: A002
    """The maximum, ignoring NaN where the other is a number."""
    return _fmax(input, other)


def copysign(x, other):
    """|x| with the sign of `other`; integer inputs give Float32."""
    return _copysign(x, other)


def float_power(input, exponent):  # noqa: A002
    """input ** exponent computed and returned in Float64."""
    return _float_power(input, exponent)


def ldexp(x, other):
    """x * 2 ** other."""
    return _ldexp(x, other)


def bitwise_and(input, other):  # noqa: A002
    return _bit_and(input, other)


def bitwise_or(input, other):  # noqa: A002
    return _bit_or(input, other)


def bitwise_xor(input, other):  # noqa: A002
    return _bit_xor(input, other)


def bitwise_left_shift(input, other):  # noqa: A002
    return _lshift(input, other)


def bitwise_right_shift(input, other):  # noqa: A002
    return _rshift(input, other)


def logical_xor(input, other):  # noqa: A002
    return _logical_xor(input, other)


def truncate_div(x, y):
    """x / y rounded towards zero."""
    return _trunc_div(x, y)


def truncate_mod(x, y):
    """The remainder of truncate_div (the dividend's sign)."""
    return _trunc_mod(x, y)


def gcd(input, other):  # noqa: A002
    return _gcd(input, other)


def lcm(input, other):  # noqa: A002
    return _lcm(input, other)


def nextafter(input, other):  # noqa: A002
    """The next representable float after `input` towards `other` (both Tensors)."""
    _tensors("nextafter", input=input, other=other)
    return _nextafter(input, other)


def heaviside(input, values):  # noqa: A002
    """0 where input < 0, `values` where input == 0, 1 where input > 0."""
    return _heaviside(input, values)


def ne(input, other):  # noqa: A002
    return _not_equal(input, other)


def not_equal(input, other):  # noqa: A002
    return _not_equal(input, other)


def le(input, other):  # noqa: A002
    return _less_equal(input, other)


def less_equal(input, other):  # noqa: A002
    return _less_equal(input, other)


def ge(input, other):  # noqa: A002
    return _greater_equal(input, other)


def greater_equal(input, other):  # noqa: A002
    return _greater_equal(input, other)


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):  # noqa: A002
    """|input - other| <= atol + rtol * |other|."""
    return P.IsClose(rtol, atol, equal_nan)(input, other)


def lerp(input, end, weight):  # noqa: A002
    """input + weight * (end - input)."""
    return _lerp(input, end, weight)


def addcmul(input, tensor1, tensor2, value=1):  # noqa: A002
    """input + value * tensor1 * tensor2."""
    return _addcmul(input, tensor1, tensor2, value)


def addcdiv(input, tensor1, tensor2, value=1):  # noqa: A002
    """input + value * tensor1 / tensor2."""
    return _addcdiv(input, tensor1, tensor2, value)


def addn(x):
    """The sum of a tuple of same-shape Tensors."""
    return _addn(x)


def accumulate_n(x):
    """The sum of a tuple of same-shape Tensors (as addn)."""
    return _addn(x)


__all__ = [name for name in dir() if not name.startswith("_") and name not in (
    "annotations", "mstype", "Tensor", "P", "check", "PRIVATE")]


# --- reductions -----------------------------------------------------------------------------
from ..operations.math_ops_ext import ANY, NUMERIC, REAL, REDUCTIONS, reduction  # noqa: E402

_WIDE_INT = {"bool": mstype.int64, "int": mstype.int64, "uint": mstype.int64}


def _reduce(op, name, input, axis, keepdims, accepts=ANY, **attrs):  # noqa: A002
    check.tensor(op, "input", input)
    axes = check.axes(op, "axis", axis, input.ndim)
    if not isinstance(keepdims, bool):
        raise TypeError(f"For '{op}', the 'keepdims' must be a bool, but got {type(keepdims).__name__}.")
    return reduction(op, REDUCTIONS[name], accepts, **attrs)(input, axes, keepdims)


def _result_dtype(op, input, dtype):  # noqa: A002
    if dtype is None:
        return _WIDE_INT.get(input.dtype.kind, input.dtype)
    return check.dtype_value(op, "dtype", dtype)


def prod(input, axis=None, keep_dims=False, dtype=None):  # noqa: A002
    """The product over `axis`; integer and bool inputs multiply in Int64."""
    out = _result_dtype("prod", input, dtype)
    return _reduce("prod", "prod", input, axis, keep_dims, NUMERIC, dtype=out.to_numpy().str)


def nansum(input, axis=None, keepdims=False, dtype=None):  # noqa: A002
    """The sum over `axis` treating NaN as zero (in the input's dtype unless `dtype`)."""
    check.tensor("nansum", "input", input)
    out = input.dtype if dtype is None else check.dtype_value("nansum", "dtype", dtype)
    return _reduce("nansum", "nansum", input, axis, keepdims, NUMERIC, dtype=out.to_numpy().str)


def amax(input, axis=None, keepdims=False, initial=None, where=None):  # noqa: A002
    """The maximum over `axis` (all axes when None)."""
    if initial is not None or where is not None:
        return _masked_extreme("amax", input, axis, keepdims, initial, where, P.Maximum())
    return _reduce("amax", "amax", input, axis, keepdims, REAL)


def amin(input, axis=None, keepdims=False, initial=None, where=None):  # noqa: A002
    """The minimum over `axis` (all axes when None)."""
    if initial is not None or where is not None:
        return _masked_extreme("amin", input, axis, keepdims, initial, where, P.Minimum())
    return _reduce("amin", "amin", input, axis, keepdims, REAL)


def _masked_extreme(op, input, axis, keepdims, initial, where, combine):  # noqa: A002
    if initial is None:
        raise ValueError(f"For '{op}', the 'initial' must be given together with 'where'.")
    values = input if where is None else P.Select()(where if isinstance(where, Tensor) else Tensor(where),
                                                    input, P.Fill()(input.dtype, input.shape, initial))
    out = _reduce(op, op, values, axis, keepdims, ANY)
    return combine(out, P.Fill()(input.dtype, out.shape, initial))


def all(input, axis=None, keep_dims=False):  # noqa: A001,A002
    """Logical and over `axis`."""
    return _reduce("all", "all", input, axis, keep_dims, ANY)


def any(input, axis=None, keep_dims=False):  # noqa: A001,A002
    """Logical or over `axis`."""
    return _reduce("any", "any", input, axis, keep_dims, ANY)


def var(input, axis=None, ddof=0, keepdims=False):  # noqa: A002
    """The variance over `axis`: sum((x - mean)^2) / (n - ddof)."""
    ddof = _ddof("var", ddof)
    return _reduce("var", "variance", input, axis, keepdims, frozenset({"float"}), ddof=ddof)


def std(input, axis=None, ddof=0, keepdims=False):  # noqa: A002
    """The standard deviation over `axis`: sqrt(var(input, axis, ddof))."""
    ddof = _ddof("std", ddof)
    return _reduce("std", "deviation", input, axis, keepdims, frozenset({"float"}), ddof=ddof)


def var_mean(input, axis=None, ddof=0, keepdims=False):  # noqa: A002
    """(var, mean) over `axis`."""
    return var(input, axis, ddof, keepdims), _reduce("var_mean", "mean", input, axis, keepdims, frozenset({"float"}))


def std_mean(input, axis=None, ddof=0, keepdims=False):  # noqa: A002
    """(std, mean) over `axis`."""
    return std(input, axis, ddof, keepdims), _reduce("std_mean", "mean", input, axis, keepdims, frozenset({"float"}))


def _ddof(op, ddof):
    if isinstance(ddof, bool):
        return int(ddof)
    return check.int_value(op, "ddof", ddof)


def logsumexp(input, dim, keepdim=False):  # noqa: A002
    """log(sum(exp(x))) over `dim`, computed stably."""
    return _reduce("logsumexp", "logsumexp", input, dim, keepdim, frozenset({"float"}))


def count_nonzero(x, axis=(), keep_dims=False, dtype=mstype.int32):
    """The number of nonzero elements over `axis`, as `dtype`."""
    check.dtype_value("count_nonzero", "dtype", dtype)
    return _reduce("count_nonzero", "count_nonzero", x, axis, keep_dims, ANY, dtype=dtype.to_numpy().str)


def argmin(input, axis=None, keepdims=False):  # noqa: A002
    """The Int32 index of the minimum over `axis` (of the flattened input when None)."""
    check.tensor("argmin", "input", input)
    flat = input.reshape(-1) if axis is None else input
    out = P.Argmin(-1 if axis is None else axis, mstype.int32)(flat)
    return P.ExpandDims()(out, axis) if keepdims and axis is not None else out


def max(input, axis=None, keepdims=False, *, initial=None, where=None):  # noqa: A001,A002
    """(maximum, Int64 index) over the int `axis`, of max(input, initial) where `where` holds and
    `initial` elsewhere; when axis is None, the maximum of all elements and index 0 (MindSpore 2.10:
    `keepdims`, `initial` and `where` then have no effect)."""
    return _extreme_with_index("max", P.ArgMaxWithValue, P.Maximum(), input, axis, keepdims, initial, where)


def min(input, axis=None, keepdims=False, *, initial=None, where=None):  # noqa: A001,A002
    """(minimum, Int64 index) over the int `axis`, of min(input, initial) where `where` holds and
    `initial` elsewhere; the minimum of all elements and index 0 when axis is None."""
    return _extreme_with_index("min", P.ArgMinWithValue, P.Minimum(), input, axis, keepdims, initial, where)


def _extreme_with_index(op, prim, combine, input, axis, keepdims, initial, where):  # noqa: A002
    check.tensor(op, "input", input)
    if input.ndim == 0 or axis is None:  # MindSpore: the extreme of all elements with index 0
        value = input if input.ndim == 0 else prim(0, False)(input.reshape(-1))[1]
        return value, P.Zeros()((), mstype.int64)
    if initial is not None and (isinstance(initial, bool) or not isinstance(initial, (int, float))):
        raise TypeError(f"For '{op}', 'initial' must be a scalar, but got {type(initial).__name__}.")
    if not check.is_int(axis):
        raise TypeError(f"For '{op}', 'axis' must be int, but got {type(axis).__name__}.")
    if initial is not None:
        input = combine(input, P.Fill()(input.dtype, input.shape, initial))
    if where is not None:
        where = where if isinstance(where, Tensor) else Tensor(where, mstype.bool_)
        if where.shape or not where.asnumpy():
            if initial is None:
                raise ValueError(f"For '{op}', the 'initial' value must be provided for 'where' masks.")
            where = P.BroadcastTo(input.shape)(where)
            input = P.Select()(where, input, P.Fill()(input.dtype, input.shape, initial))
    index, value = prim(axis, keepdims)(input)
    return value, index


def aminmax(input, *, axis=0, keepdims=False):  # noqa: A002
    """(minimum, maximum) over `axis`."""
    return amin(input, axis, keepdims), amax(input, axis, keepdims)


def cumsum(x, axis, dtype=None):
    """Running sums along `axis` (in `dtype` when given)."""
    check.tensor("cumsum", "x", x)
    if dtype is not None:
        x = P.Cast()(x, check.dtype_value("cumsum", "dtype", dtype))
    return P.CumSum()(x, axis)


def cumprod(input, dim, dtype=None):  # noqa: A002
    """Running products along `dim`; integer inputs multiply in Int64 unless `dtype` says otherwise."""
    check.tensor("cumprod", "input", input)
    out = _result_dtype("cumprod", input, dtype)
    return P.CumProd()(P.Cast()(input, out) if out != input.dtype else input, dim)


def cummax(input, axis):  # noqa: A002
    """(running maximum, Int64 index of where it was) along `axis`."""
    return P.Cummax(axis)(input)


def cummin(input, axis):  # noqa: A002
    """(running minimum, Int64 index of where it was) along `axis`."""
    return P.Cummin(axis)(input)


__all__ = [name for name in dir() if not name.startswith("_") and name not in (
    "annotations", "mstype", "Tensor", "P", "check", "PRIVATE", "ANY", "NUMERIC", "REAL", "REDUCTIONS",
    "reduction")]
