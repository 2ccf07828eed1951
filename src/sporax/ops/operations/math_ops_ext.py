"""The rest of MindSpore's elementwise math family (`mindspore.ops.operations.math_ops`):
trigonometric, hyperbolic, exponential, rounding, special functions, bitwise, logical and
the remaining arithmetic. Kept apart from math_ops.py so parallel work merges cleanly;
`sporax.ops.operations` exports both.

Each primitive is one JAX function plus the input dtypes MindSpore 2.10 accepts (observed on
its CPU backend; bfloat16 is accepted where Ascend has it, see the differential tests).
Binary operands are promoted first (`_promotion`: Tensor with Tensor by kind then width,
a Python scalar never widens a tensor), and the promoted dtype is checked.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _promotion
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ._jax_special import special
from ..primitive import Primitive, _wrap, prim_attr_register
from .math_ops import _axes, _Reduce

FLOAT = frozenset({"float", "complex"})
REAL_FLOAT = frozenset({"float"})
NUMERIC = frozenset({"int", "uint", "float", "complex"})
REAL = frozenset({"int", "uint", "float"})
ANY = frozenset({"bool", "int", "uint", "float", "complex"})
INTEGER = frozenset({"int", "uint"})
INTEGER_OR_BOOL = frozenset({"int", "uint", "bool"})

_KIND_WORDS = {FLOAT: "float or complex", REAL_FLOAT: "float", NUMERIC: "number (not bool)",
               REAL: "real number (not bool or complex)", ANY: "any", INTEGER: "integer",
               INTEGER_OR_BOOL: "integer or bool"}


def _dtype_error(op: str, arg: str, dtype, accepts) -> TypeError:
    words = _KIND_WORDS.get(accepts) or " or ".join(sorted(accepts))
    return TypeError(f"For '{op}', the '{arg}' must be a Tensor of {words} type, but got {dtype}.")


# NumPy dtype kind -> MindSpore kind; bfloat16's NumPy kind is 'V' (the default, float).
_NUMPY_KIND = {"b": "bool", "i": "int", "u": "uint", "f": "float", "c": "complex"}


def _is_float(x) -> bool:
    # bfloat16's NumPy kind is 'V', so ask JAX rather than dtype.kind.
    return jnp.issubdtype(x.dtype, jnp.floating)


def _as_float32(x):
    return x.astype(np.float32) if x.dtype.kind in "biu" else x


class _Elementwise(Primitive):
    """Shared constructor: no attributes, MindSpore's `Prim[Name]` repr."""

    _fn = None
    accepts = FLOAT
    # Integer/bool inputs are computed (and returned) as Float32, as MindSpore's CPU kernels do.
    int_as_float = False

    def __init__(self):
        Primitive.__init__(self, type(self).__name__)


class _UnaryOp(_Elementwise):
    def __call__(self, x):
        if not isinstance(x, Tensor):
            raise TypeError(f"For '{self.name}', the 'input' must be a Tensor, but got {type(x).__name__}.")
        if x.dtype.kind not in self.accepts:
            raise _dtype_error(self.name, "input", x.dtype, self.accepts)
        return _wrap(self._dispatch((x._value(),)))

    def _compute(self, x):
        return type(self)._fn(_as_float32(x) if self.int_as_float else x)


class _BinaryOp(_Elementwise):
    def __call__(self, x, y):
        if not isinstance(x, (Tensor, np.ndarray)) and not isinstance(y, (Tensor, np.ndarray)):
            raise TypeError(f"For '{self.name}', at least one of 'input' and 'other' must be a Tensor, "
                            f"but got {type(x).__name__} and {type(y).__name__}.")
        for arg, value in (("input", x), ("other", y)):
            if not isinstance(value, (Tensor, np.ndarray, bool, int, float, complex)):
                raise TypeError(f"For '{self.name}', the '{arg}' must be a Tensor or a number, "
                                f"but got {type(value).__name__}.")
        a, b = _promotion.pair(x, y)
        if _NUMPY_KIND.get(a.dtype.kind, "float") not in self.accepts:
            raise _dtype_error(self.name, "input", mstype.from_numpy(a.dtype), self.accepts)
        if a.shape != b.shape:
            _check_broadcast(self.name, a.shape, b.shape)
        return _wrap(self._dispatch((a, b)))

    def _compute(self, x, y):
        if self.int_as_float:
            x, y = _as_float32(x), _as_float32(y)
        return type(self)._fn(x, y)


def _check_broadcast(op, a, b):
    for m, n in zip(a[::-1], b[::-1]):
        if m != n and m != 1 and n != 1:
            raise ValueError(f"For '{op}', the shapes of 'input' {tuple(a)} and 'other' {tuple(b)} can not broadcast.")


def _unary(name, fn, accepts=FLOAT, int_as_float=False, doc=""):
    return type(name, (_UnaryOp,), {"_fn": staticmethod(fn), "accepts": accepts, "int_as_float": int_as_float,
                                    "__doc__": doc, "__module__": __name__, "__qualname__": name})


def _binary(name, fn, accepts=NUMERIC, int_as_float=False, doc=""):
    return type(name, (_BinaryOp,), {"_fn": staticmethod(fn), "accepts": accepts, "int_as_float": int_as_float,
                                     "__doc__": doc, "__module__": __name__, "__qualname__": name})


def _sign(x):
    return jnp.sign(x)


def _round_half_even(x):
    return jnp.round(x) if _is_float(x) else x


def _trunc(x):
    return jnp.trunc(x) if _is_float(x) else x


def _lgamma(x):
    # XLA's Float32 lgamma is off by ~2e-6 near its zeros; Float64 then rounding matches
    # MindSpore (and math.lgamma) to the last bit or two.
    return special("gammaln")(x.astype(np.float64)).astype(x.dtype)


def _floor_div(x, y):
    # Floats: floor(x / y), MindSpore's formula (inf // 1e-30 is inf, not NumPy's NaN);
    # bools: x and y (True // True is True).
    if x.dtype == np.bool_:
        return jnp.logical_and(x, y)
    return jnp.floor(x / y) if _is_float(x) else jnp.floor_divide(x, y)


def _floor_mod(x, y):
    # Floats: x - floor(x / y) * y, MindSpore's formula (the divisor's sign; 1 mod -inf is NaN),
    # evaluated in Float64 so that e.g. 1 mod 1e-30 is 0 as MindSpore gives, not a rounding residue.
    if not _is_float(x):
        return jnp.mod(x, y)
    wide_x, wide_y = x.astype(np.float64), y.astype(np.float64)
    return (wide_x - jnp.floor(wide_x / wide_y) * wide_y).astype(x.dtype)


def _trunc_mod_formula(x, y):
    # Floats: x - trunc(x / y) * y, MindSpore's formula (the dividend's sign).
    return x - jnp.trunc(x / y) * y if _is_float(x) else jnp.fmod(x, y)


def _truncate_div(x, y):
    if x.dtype.kind in "iu":
        q = jnp.floor_divide(x, y)
        return jnp.where((q < 0) & (q * y != x), q + 1, q)
    return jnp.trunc(x / y)


def _xlogy(x, y):
    # 0 where x == 0 unless y is NaN (MindSpore CPU gives NaN for 0 * log(inf); see the tests).
    return jnp.where((x == 0) & ~jnp.isnan(y), jnp.zeros((), x.dtype), x * jnp.log(y))


def _xdivy(x, y):
    return jnp.where(x == 0, jnp.zeros((), x.dtype), x / y)


def _div_no_nan(x, y):
    safe = jnp.where(y == 0, jnp.ones((), y.dtype), y)
    return jnp.where(y == 0, jnp.zeros((), x.dtype), x / safe)


def _mul_no_nan(x, y):
    return jnp.where(y == 0, jnp.zeros((), x.dtype), x * y)


def _heaviside(x, values):
    zero = jnp.zeros((), x.dtype)
    return jnp.where(x == 0, values, jnp.where(x < 0, zero, jnp.ones((), x.dtype)))


# name: (JAX function, accepted input kinds, int inputs as Float32)
_UNARY = {
    "Sin": (jnp.sin, FLOAT), "Tan": (jnp.tan, FLOAT), "Asin": (jnp.arcsin, FLOAT), "ACos": (jnp.arccos, FLOAT),
    "Atan": (jnp.arctan, FLOAT), "Sinh": (jnp.sinh, FLOAT), "Cosh": (jnp.cosh, FLOAT),
    "Asinh": (jnp.arcsinh, FLOAT), "Acosh": (jnp.arccosh, FLOAT), "Atanh": (jnp.arctanh, FLOAT),
    "Expm1": (jnp.expm1, FLOAT), "Log1p": (jnp.log1p, FLOAT),
    "Erfc": (special("erfc"), REAL_FLOAT), "Erfinv": (special("erfinv"), REAL_FLOAT),
    "Lgamma": (_lgamma, REAL, True), "Digamma": (special("digamma"), REAL_FLOAT),
    "Sign": (_sign, NUMERIC), "Round": (_round_half_even, NUMERIC), "Trunc": (_trunc, ANY),
    "IsNan": (jnp.isnan, ANY), "IsInf": (jnp.isinf, FLOAT), "Invert": (jnp.invert, INTEGER),
    "Softsign": (jax.nn.soft_sign, REAL_FLOAT),
}

_BINARY = {
    "FloorDiv": (_floor_div, ANY), "FloorMod": (_floor_mod, NUMERIC), "Mod": (_trunc_mod_formula, NUMERIC),
    "Atan2": (jnp.arctan2, REAL_FLOAT), "SquaredDifference": (lambda x, y: jnp.square(x - y), NUMERIC),
    "Xlogy": (_xlogy, FLOAT | {"bool"}, True), "Xdivy": (_xdivy, FLOAT),
    "BitwiseAnd": (jnp.bitwise_and, INTEGER_OR_BOOL), "BitwiseOr": (jnp.bitwise_or, INTEGER_OR_BOOL),
    "BitwiseXor": (jnp.bitwise_xor, INTEGER_OR_BOOL), "LeftShift": (jnp.left_shift, INTEGER),
    "RightShift": (jnp.right_shift, INTEGER),
    "TruncateDiv": (_truncate_div, NUMERIC), "TruncateMod": (jnp.fmod, NUMERIC),
    "Gcd": (jnp.gcd, INTEGER), "Lcm": (jnp.lcm, INTEGER),
    "DivNoNan": (_div_no_nan, FLOAT), "MulNoNan": (_mul_no_nan, NUMERIC),
    "Hypot": (jnp.hypot, REAL_FLOAT), "NextAfter": (jnp.nextafter, REAL_FLOAT),
    "Heaviside": (_heaviside, REAL),
}

# Used by ops.log2 / log10 / exp2 / sinc / deg2rad ...; MindSpore composes these from other
# kernels and has no primitive of the name, so they stay private.
_PRIVATE_UNARY = {
    "Log2": (jnp.log2, FLOAT), "Log10": (jnp.log10, FLOAT), "Exp2": (jnp.exp2, ANY, True),
    "Sinc": (jnp.sinc, ANY, True), "Deg2Rad": (jnp.deg2rad, REAL_FLOAT), "Rad2Deg": (jnp.rad2deg, REAL_FLOAT),
    "IsNegInf": (jnp.isneginf, REAL_FLOAT), "IsPosInf": (jnp.isposinf, REAL_FLOAT), "SignBit": (jnp.signbit, ANY),
    "Frac": (lambda x: x - jnp.trunc(x) if _is_float(x) else jnp.zeros_like(x), REAL),
    "Positive": (lambda x: x, ANY), "Sgn": (jnp.sign, NUMERIC),
}
_PRIVATE_BINARY = {
    "LogAddExp": (jnp.logaddexp, REAL_FLOAT), "LogAddExp2": (jnp.logaddexp2, REAL_FLOAT),
    "Fmax": (jnp.fmax, REAL), "Fmin": (jnp.fmin, REAL), "CopySign": (jnp.copysign, ANY, True),
    "FloatPower": (lambda x, y: jnp.power(x.astype(np.float64), y.astype(np.float64)), ANY),
    "Ldexp": (lambda x, y: x.astype(np.float32) * jnp.exp2(y.astype(np.float32)) if x.dtype.kind in "biu"
              else x * jnp.exp2(y.astype(x.dtype)), ANY),
    "Remainder": (_floor_mod, ANY), "Fmod": (_trunc_mod_formula, ANY),
}
PRIVATE = {name: _unary(name, *spec) for name, spec in _PRIVATE_UNARY.items()}
PRIVATE.update({name: _binary(name, *spec) for name, spec in _PRIVATE_BINARY.items()})

for _name, _spec in _UNARY.items():
    globals()[_name] = _unary(_name, *_spec)
for _name, _spec in _BINARY.items():
    globals()[_name] = _binary(_name, *_spec)


class LogicalXor(_BinaryOp):
    """x != y as booleans; both operands must be Tensors (MindSpore refuses scalars)."""
    accepts = ANY

    def __call__(self, x, y):
        for arg, value in (("input", x), ("other", y)):
            if not isinstance(value, Tensor):
                raise TypeError(f"For '{self.name}', the '{arg}' must be a Tensor, but got {type(value).__name__}.")
        _check_broadcast(self.name, x.shape, y.shape)
        return _wrap(self._dispatch((x._value(), y._value())))

    @staticmethod
    def _fn(x, y):
        return jnp.logical_xor(x, y)


class IsClose(Primitive):
    """|x - y| <= atol + rtol * |y| elementwise (NaNs equal with `equal_nan`)."""

    @prim_attr_register
    def __init__(self, rtol=1e-05, atol=1e-08, equal_nan=False):
        for arg, value in (("rtol", rtol), ("atol", atol)):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"For 'IsClose', the '{arg}' must be a float, but got {type(value).__name__}.")
        if not isinstance(equal_nan, bool):
            raise TypeError(f"For 'IsClose', the 'equal_nan' must be a bool, but got {type(equal_nan).__name__}.")

    def __call__(self, x, y):
        for arg, value in (("input", x), ("other", y)):
            if not isinstance(value, Tensor):
                raise TypeError(f"For '{self.name}', the '{arg}' must be a Tensor, but got {type(value).__name__}.")
        if x.dtype != y.dtype:
            raise TypeError(f"For '{self.name}', the 'input' and 'other' must have the same dtype, "
                            f"but got {x.dtype} and {y.dtype}.")
        _check_broadcast(self.name, x.shape, y.shape)
        return super().__call__(x, y)

    def _compute(self, x, y):
        return jnp.isclose(x, y, rtol=self.attrs["rtol"], atol=self.attrs["atol"], equal_nan=self.attrs["equal_nan"])


class _FloatNary(_Elementwise):
    """Floating Tensors (or numbers) of one dtype, broadcast together: Lerp, Addcmul, Addcdiv."""

    accepts = REAL_FLOAT
    _args: tuple = ()

    def __call__(self, *values):
        if len(values) != len(self._args):
            raise TypeError(f"For '{self.name}', expected {len(self._args)} inputs ({', '.join(self._args)}), "
                            f"but got {len(values)}.")
        dtype = None
        for arg, value in zip(self._args, values):
            if isinstance(value, Tensor):
                if value.dtype.kind not in self.accepts:
                    raise _dtype_error(self.name, arg, value.dtype, self.accepts)
                dtype = dtype or value.dtype
            elif isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"For '{self.name}', the '{arg}' must be a Tensor or a float, "
                                f"but got {type(value).__name__}.")
        if dtype is None:
            raise TypeError(f"For '{self.name}', the '{self._args[0]}' must be a Tensor, "
                            f"but got {type(values[0]).__name__}.")
        np_dtype = dtype.to_numpy()
        # Cast only what differs, and numbers through NumPy: an eager JAX cast is a dispatch of
        # its own, as costly as the op.
        arrays = tuple((v._value() if v.dtype == dtype else v._value().astype(np_dtype)) if isinstance(v, Tensor)
                       else np.asarray(v, np_dtype) for v in values)
        try:
            np.broadcast_shapes(*[x.shape for x in arrays])
        except ValueError:
            raise ValueError(f"For '{self.name}', the shapes of {', '.join(self._args)} "
                             f"{[tuple(x.shape) for x in arrays]} can not broadcast.") from None
        return _wrap(self._dispatch(arrays))


class Lerp(_FloatNary):
    """input + weight * (end - input)."""
    _args = ("input", "end", "weight")

    def _compute(self, start, end, weight):
        return start + weight * (end - start)


class Addcmul(_FloatNary):
    """input + value * tensor1 * tensor2."""
    _args = ("input", "tensor1", "tensor2", "value")

    def _compute(self, x, t1, t2, value):
        return x + value * t1 * t2


class Addcdiv(Addcmul):
    """input + value * tensor1 / tensor2."""

    def _compute(self, x, t1, t2, value):
        return x + value * t1 / t2


class AddN(Primitive):
    """The elementwise sum of a tuple/list of same-shape, same-dtype Tensors."""

    def __init__(self):
        super().__init__("AddN")

    def __call__(self, x):
        if not isinstance(x, (tuple, list)) or not x:
            raise TypeError(f"For '{self.name}', the 'x' must be a non-empty tuple or list of Tensors, "
                            f"but got {type(x).__name__}.")
        for i, t in enumerate(x):
            if not isinstance(t, Tensor):
                raise TypeError(f"For '{self.name}', every element of 'x' must be a Tensor, but got "
                                f"{type(t).__name__} at index {i}.")
            if t.dtype != x[0].dtype:
                raise TypeError(f"For '{self.name}', every element of 'x' must have the same dtype, but got "
                                f"{x[0].dtype} and {t.dtype} at index {i}.")
            if t.shape != x[0].shape:
                raise ValueError(f"For '{self.name}', every element of 'x' must have the same shape, but got "
                                 f"{x[0].shape} and {t.shape} at index {i}.")
        if x[0].dtype == mstype.bool_:
            raise TypeError(f"For '{self.name}', the 'x' must hold numeric Tensors, but got Bool.")
        return super().__call__(tuple(x))

    def _compute(self, xs):
        total = xs[0]
        for x in xs[1:]:
            total = total + x
        return total


__all__ = sorted(list(_UNARY) + list(_BINARY) + ["LogicalXor", "IsClose", "Lerp", "Addcmul", "Addcdiv", "AddN"])


class ReduceAny(_Reduce):
    """Logical or over `axis` (all axes by default); any dtype, Bool result."""

    @staticmethod
    def _fn(x, axis, keepdims):
        return jnp.any(x, axis=axis, keepdims=keepdims)


class ReduceStd(Primitive):
    """(standard deviation, mean) over `axis`; `unbiased` divides by n - 1."""

    @prim_attr_register
    def __init__(self, axis=(), unbiased=True, keep_dims=False):
        if isinstance(axis, int) and not isinstance(axis, bool):
            self.add_prim_attr("axis", (axis,))
        elif isinstance(axis, (list, tuple)):
            self.add_prim_attr("axis", tuple(axis))
        else:
            raise TypeError(f"For 'ReduceStd', the 'axis' must be an int or a tuple of ints, but got {axis!r}.")
        for arg in ("unbiased", "keep_dims"):
            if not isinstance(self.attrs[arg], bool):
                raise TypeError(f"For 'ReduceStd', the '{arg}' must be a bool, but got {self.attrs[arg]!r}.")

    def __call__(self, input_x):
        if not isinstance(input_x, Tensor):
            raise TypeError(f"For '{self.name}', the 'input_x' must be a Tensor, but got {type(input_x).__name__}.")
        if input_x.dtype.kind != "float":
            raise _dtype_error(self.name, "input_x", input_x.dtype, REAL_FLOAT)
        return super().__call__(input_x)

    def _compute(self, x):
        axis = _axes(self.attrs["axis"], x.ndim)
        keep = self.attrs["keep_dims"]
        std = jnp.std(x, axis=axis, ddof=1 if self.attrs["unbiased"] else 0, keepdims=keep)
        return std.astype(x.dtype), jnp.mean(x, axis=axis, keepdims=keep).astype(x.dtype)


__all__ += ["ReduceAny", "ReduceStd"]


class _AxisReduction(Primitive):
    """A reduction over normalised `axes` with `keepdims` (private: the ops functions'
    statistics, which MindSpore builds from several kernels)."""

    def __init__(self, name, fn, accepts=REAL_FLOAT, **attrs):
        Primitive.__init__(self, name)
        self._fn = fn
        self.accepts = accepts
        self.attrs.update(attrs)

    def _kernel_key(self):
        return (self.name,) + super()._kernel_key()

    def __call__(self, x, axes, keepdims):
        if not isinstance(x, Tensor):
            raise TypeError(f"For '{self.name}', the 'input' must be a Tensor, but got {type(x).__name__}.")
        if x.dtype.kind not in self.accepts:
            raise _dtype_error(self.name, "input", x.dtype, self.accepts)
        return _wrap(self._dispatch((x._value(), axes, keepdims)))

    def _compute(self, x, axes, keepdims):
        return self._fn(x, axes, keepdims, **self.attrs)


def _variance(x, axes, keepdims, ddof):
    return jnp.var(x, axis=axes, ddof=ddof, keepdims=keepdims).astype(x.dtype)


def _deviation(x, axes, keepdims, ddof):
    return jnp.std(x, axis=axes, ddof=ddof, keepdims=keepdims).astype(x.dtype)


def _logsumexp(x, axes, keepdims):
    return special("logsumexp")(x, axis=axes, keepdims=keepdims).astype(x.dtype)


def _sum_as(x, axes, keepdims, dtype):
    return jnp.sum(x, axis=axes, keepdims=keepdims, dtype=dtype)


def _nansum(x, axes, keepdims, dtype):
    return jnp.nansum(x, axis=axes, keepdims=keepdims).astype(dtype)


def _prod(x, axes, keepdims, dtype):
    return jnp.prod(x.astype(dtype), axis=axes, keepdims=keepdims)


def _mean(x, axes, keepdims):
    return jnp.mean(x, axis=axes, keepdims=keepdims).astype(x.dtype)


def _count_nonzero(x, axes, keepdims, dtype):
    return jnp.sum(x != 0, axis=axes, keepdims=keepdims).astype(dtype)


def _extreme(fn):
    def reduce(x, axes, keepdims):
        return fn(x, axis=axes, keepdims=keepdims)
    return reduce


def _all(x, axes, keepdims):
    return jnp.all(x, axis=axes, keepdims=keepdims)


def _any(x, axes, keepdims):
    return jnp.any(x, axis=axes, keepdims=keepdims)


def reduction(name, fn, accepts=REAL_FLOAT, **attrs):
    """A private reduction primitive named after the ops function it serves."""
    return _AxisReduction(name, fn, accepts, **attrs)


REDUCTIONS = {"variance": _variance, "deviation": _deviation, "logsumexp": _logsumexp, "nansum": _nansum,
              "prod": _prod, "mean": _mean, "count_nonzero": _count_nonzero, "amax": _extreme(jnp.max),
              "amin": _extreme(jnp.min), "all": _all, "any": _any, "sum_as": _sum_as}
