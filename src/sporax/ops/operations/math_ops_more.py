"""More of MindSpore's math primitives (`mindspore.ops.operations.math_ops`): Bessel and other
special functions, complex parts, norms and distances, cumulative log-sum-exp, counting and
histograms, median.

Special functions are the standard ones (DLMF): Bessel J₀, J₁, Y₀, Y₁ and the modified I₀, I₁,
K₀, K₁ with their exponentially scaled forms (i0e(x) = e^{-|x|} I₀(x), k0e(x) = eˣ K₀(x));
igamma(a, x) = P(a, x) = γ(a, x)/Γ(a) and igammac = 1 − P; zeta(x, q) = Σₖ (k + q)^{-x};
polygamma(n, x) = ψ⁽ⁿ⁾(x); betainc(a, b, x) = I_x(a, b). Their gradients are the classical
recurrences (J₀' = −J₁, K₀' = −K₁, ...), as MindSpore's bprops are.
"""
from __future__ import annotations

import importlib

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from ._jax_special import special
from ..primitive import Primitive, _wrap, prim_attr_register
from .math_ops import Add
from .math_ops_ext import (ANY, FLOAT, INTEGER, NUMERIC, REAL, REAL_FLOAT, _BinaryOp, _dtype_error,
                           _Elementwise, _binary, _round_half_even, _unary)


def _host_special(name):
    """A SciPy special function run on the host (XLA has no kernel for it), in the input's dtype."""
    def apply(x):
        def host(a):
            # SciPy loads with the first call, not with `import sporax` (tests/test_import_cost.py).
            fn = getattr(importlib.import_module("scipy.special"), name)
            return np.asarray(fn(np.asarray(a, np.float64)), dtype=a.dtype)
        return jax.pure_callback(host, jax.ShapeDtypeStruct(x.shape, x.dtype), x, vmap_method="expand_dims")
    return apply


def _left_of_zero(fn, value):
    """fn on x >= 0, `value` for x < 0: MindSpore's K and Y kernels give ±inf there (SciPy: NaN)."""
    def apply(x):
        return jnp.where(x < 0, jnp.asarray(value, x.dtype), fn(x))
    return apply


_y0, _y1 = (_left_of_zero(_host_special(n), -np.inf) for n in ("y0", "y1"))
_k0, _k1, _k0e, _k1e = (_left_of_zero(_host_special(n), np.inf) for n in ("k0", "k1", "k0e", "k1e"))


def _with_derivative(value, derivative):
    """`value(x)` whose JVP is `derivative(x) * dx`."""
    fn = jax.custom_jvp(value)

    @fn.defjvp
    def jvp(primals, tangents):
        (x,), (dx,) = primals, tangents
        return fn(x), derivative(x) * dx
    return fn


def _j0_value(x):
    return _host_special("j0")(x)


def _j1_value(x):
    return _host_special("j1")(x)


_bessel_j1 = _with_derivative(_j1_value, lambda x: _j0_value(x) - _j1_value(x) / x)
_bessel_j0 = _with_derivative(_j0_value, lambda x: -_bessel_j1(x))
_bessel_y1 = _with_derivative(_y1, lambda x: _y0(x) - _y1(x) / x)
_bessel_y0 = _with_derivative(_y0, lambda x: -_bessel_y1(x))
_bessel_k1 = _with_derivative(_k1, lambda x: -_k0(x) - _k1(x) / x)
_bessel_k0 = _with_derivative(_k0, lambda x: -_bessel_k1(x))
_bessel_k1e = _with_derivative(_k1e, lambda x: -_k0e(x) + _k1e(x) * (1 - 1 / x))
_bessel_k0e = _with_derivative(_k0e, lambda x: _k0e(x) - _k1e(x))

_SPECIAL_I0 = special("i0")
_SPECIAL_I1 = special("i1")
_SPECIAL_I0E = special("i0e")
_SPECIAL_I1E = special("i1e")
_SPECIAL_GAMMAINC = special("gammainc")
_SPECIAL_GAMMAINCC = special("gammaincc")
_SPECIAL_ZETA = special("zeta")
_SPECIAL_POLYGAMMA = special("polygamma")
_SPECIAL_BETAINC = special("betainc")
_SPECIAL_MULTIGAMMALN = special("multigammaln")


def _safe_over_x(y, x, at_zero):
    """y / x, `at_zero` where x == 0 (the limit of the modified Bessel derivatives there)."""
    return jnp.where(x == 0, at_zero, y / jnp.where(x == 0, 1, x))


_bessel_i1 = _with_derivative(_SPECIAL_I1, lambda x: _SPECIAL_I0(x) - _safe_over_x(_SPECIAL_I1(x), x, 0.5))
_bessel_i0 = _with_derivative(_SPECIAL_I0, lambda x: _bessel_i1(x))
_bessel_i1e = _with_derivative(_SPECIAL_I1E, lambda x: _SPECIAL_I0E(x) - _SPECIAL_I1E(x) * jnp.sign(x)
                               - _safe_over_x(_SPECIAL_I1E(x), x, 0.5))
_bessel_i0e = _with_derivative(_SPECIAL_I0E, lambda x: _bessel_i1e(x) - jnp.sign(x) * _SPECIAL_I0E(x))

# name: (JAX function, accepted input kinds)
_UNARY = {
    "BesselI0": (_bessel_i0, REAL_FLOAT), "BesselI0e": (_bessel_i0e, REAL_FLOAT),
    "BesselI1": (_bessel_i1, REAL_FLOAT), "BesselI1e": (_bessel_i1e, REAL_FLOAT),
    "BesselJ0": (_bessel_j0, REAL_FLOAT), "BesselJ1": (_bessel_j1, REAL_FLOAT),
    "BesselY0": (_bessel_y0, REAL_FLOAT), "BesselY1": (_bessel_y1, REAL_FLOAT),
    "BesselK0": (_bessel_k0, REAL_FLOAT), "BesselK0e": (_bessel_k0e, REAL_FLOAT),
    "BesselK1": (_bessel_k1, REAL_FLOAT), "BesselK1e": (_bessel_k1e, REAL_FLOAT),
    "Rint": (_round_half_even, REAL_FLOAT), "Sinc": (jnp.sinc, ANY, True),
    "Real": (jnp.real, ANY), "Imag": (lambda x: jnp.imag(x).astype(jnp.real(x).dtype), ANY),
    "Conj": (jnp.conj, ANY), "Angle": (jnp.angle, frozenset({"complex"})), "ComplexAbs": (jnp.abs, frozenset({"complex"})),
}


def _inv(x):
    # Integer inputs divide in integers, rounding towards zero (MindSpore CPU: inv(2) is 0,
    # inv(-1) is -1): only ±1 have a nonzero reciprocal.
    if x.dtype.kind in "iu":
        return jnp.where(jnp.abs(x) == 1, x, jnp.zeros((), x.dtype))
    return 1 / x


def _popcount(x):
    return jax.lax.population_count(x.view({1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}[x.dtype.itemsize])
                                    if x.dtype.kind == "i" else x).astype(np.uint8)


_BINARY = {
    "Igamma": (_SPECIAL_GAMMAINC, REAL_FLOAT), "Igammac": (_SPECIAL_GAMMAINCC, REAL_FLOAT),
    "Zeta": (_SPECIAL_ZETA, REAL_FLOAT),
    "Complex": (lambda re, im: jax.lax.complex(re, im), REAL_FLOAT),
    "Polar": (lambda r, theta: jax.lax.complex(r * jnp.cos(theta), r * jnp.sin(theta)), REAL_FLOAT),
}

for _name, _spec in _UNARY.items():
    globals()[_name] = _unary(_name, *_spec)
for _name, _spec in _BINARY.items():
    globals()[_name] = _binary(_name, *_spec)

Inv = _unary("Inv", _inv, NUMERIC, doc="1 / x elementwise; integer inputs divide in integers.")
PopulationCount = _unary("PopulationCount", _popcount, INTEGER, doc="The number of set bits, as UInt8.")


class Fmax(_BinaryOp):
    """The elementwise maximum, the number where one operand is NaN (`ignore_nan`)."""
    accepts = REAL

    def __init__(self):
        _Elementwise.__init__(self)
        self.add_prim_attr("ignore_nan", True)

    @staticmethod
    def _fn(x, y):
        return jnp.fmax(x, y)


class Fmin(Fmax):
    """The elementwise minimum, the number where one operand is NaN (`ignore_nan`)."""

    @staticmethod
    def _fn(x, y):
        return jnp.fmin(x, y)


class Polygamma(_Elementwise):
    """ψ⁽ⁿ⁾(x), the n-th derivative of the digamma function (n an integer Tensor >= 0)."""

    def __call__(self, a, x):
        for arg, value in (("a", a), ("x", x)):
            if not isinstance(value, Tensor):
                raise TypeError(f"For '{self.name}', the '{arg}' must be a Tensor, but got {type(value).__name__}.")
        if a.dtype not in (mstype.int32, mstype.int64) or a.ndim != 0:
            raise TypeError(f"For '{self.name}', the 'a' must be a 0-D Tensor of Int32 or Int64, "
                            f"but got {a.dtype} of shape {a.shape}.")
        if x.dtype.kind != "float":
            raise _dtype_error(self.name, "x", x.dtype, REAL_FLOAT)
        if int(a.asnumpy()) < 0:
            raise ValueError(f"For '{self.name}', the 'a' must be >= 0, but got {int(a.asnumpy())}.")
        return _wrap(self._dispatch((a._value(), x._value())))

    def _compute(self, n, x):
        return _SPECIAL_POLYGAMMA(n.astype(np.int32), x)


class Betainc(_Elementwise):
    """The regularised incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b)."""

    def __call__(self, a, b, x):
        for arg, value in (("a", a), ("b", b), ("x", x)):
            if not isinstance(value, Tensor):
                raise TypeError(f"For '{self.name}', the '{arg}' must be a Tensor, but got {type(value).__name__}.")
            if value.dtype not in (mstype.float32, mstype.float64):
                raise TypeError(f"For '{self.name}', the '{arg}' must be a Tensor of Float32 or Float64, "
                                f"but got {value.dtype}.")
            if value.dtype != a.dtype or value.shape != a.shape:
                raise ValueError(f"For '{self.name}', 'a', 'b' and 'x' must have the same shape and dtype, "
                                 f"but got {a.shape} {a.dtype} and {value.shape} {value.dtype}.")
        return _wrap(self._dispatch((a._value(), b._value(), x._value())))

    def _compute(self, a, b, x):
        return _SPECIAL_BETAINC(a, b, x)


class Logit(Primitive):
    """log(x / (1 − x)), x first clamped to [eps, 1 − eps] when eps >= 0."""

    @prim_attr_register
    def __init__(self, eps=-1.0):
        if isinstance(eps, bool) or not isinstance(eps, (int, float)):
            raise TypeError(f"For 'Logit', the 'eps' must be a float, but got {type(eps).__name__}.")

    def __call__(self, x):
        _float_tensor(self.name, "x", x)
        return super().__call__(x)

    def _compute(self, x):
        eps = self.attrs["eps"]
        if eps >= 0:
            x = jnp.clip(x, eps, 1 - eps)
        return jnp.log(x / (1 - x))


def _float_tensor(op, arg, x, kinds=REAL_FLOAT):
    if not isinstance(x, Tensor):
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor, but got {type(x).__name__}.")
    if x.dtype.kind not in kinds:
        raise _dtype_error(op, arg, x.dtype, kinds)
    return x


class Mvlgamma(Primitive):
    """The multivariate log-gamma log Γ_p(x) = p(p−1)/4 log π + Σ_{j<p} log Γ(x − j/2); every
    element must exceed (p − 1)/2."""

    @prim_attr_register
    def __init__(self, p):
        if not isinstance(p, int) or isinstance(p, bool):
            raise TypeError(f"For 'Mvlgamma', the 'p' must be an int, but got {type(p).__name__}.")
        if p < 1:
            raise ValueError(f"For 'Mvlgamma', the 'p' must be >= 1, but got {p}.")

    def __call__(self, x):
        _float_tensor(self.name, "x", x)
        limit = (self.attrs["p"] - 1) / 2
        if x.size and float(np.min(x.asnumpy())) <= limit:
            raise ValueError(f"For '{self.name}', every element of 'x' must be greater than (p - 1) / 2 = {limit}.")
        return super().__call__(x)

    def _compute(self, x):
        return _SPECIAL_MULTIGAMMALN(x, self.attrs["p"]).astype(x.dtype)


class NanToNum(Primitive):
    """NaN -> `nan` (0), +inf -> `posinf` (the dtype's max), -inf -> `neginf` (its lowest)."""

    @prim_attr_register
    def __init__(self, nan=None, posinf=None, neginf=None):
        for arg, value in (("nan", nan), ("posinf", posinf), ("neginf", neginf)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise TypeError(f"For 'NanToNum', the '{arg}' must be a float or None, but got {type(value).__name__}.")

    def __call__(self, x):
        _float_tensor(self.name, "x", x, frozenset({"float", "int", "uint", "bool"}))
        return super().__call__(x)

    def _compute(self, x):
        if not jnp.issubdtype(x.dtype, jnp.floating):
            return x
        nan = self.attrs["nan"]
        return jnp.nan_to_num(x, nan=0.0 if nan is None else nan, posinf=self.attrs["posinf"],
                              neginf=self.attrs["neginf"])


class ApproximateEqual(Primitive):
    """|x − y| < tolerance, elementwise (same-shape floating Tensors)."""

    @prim_attr_register
    def __init__(self, tolerance=1e-05):
        if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)):
            raise TypeError(f"For 'ApproximateEqual', the 'tolerance' must be a float, "
                            f"but got {type(tolerance).__name__}.")

    def __call__(self, x, y):
        _float_tensor(self.name, "x", x)
        _float_tensor(self.name, "y", y)
        if x.dtype != y.dtype:
            raise TypeError(f"For '{self.name}', the 'x' and 'y' must have the same dtype, "
                            f"but got {x.dtype} and {y.dtype}.")
        if x.shape != y.shape:
            raise ValueError(f"For '{self.name}', the 'x' and 'y' must have the same shape, "
                             f"but got {x.shape} and {y.shape}.")
        return super().__call__(x, y)

    def _compute(self, x, y):
        return jnp.abs(x - y) < self.attrs["tolerance"]


class CumulativeLogsumexp(Primitive):
    """y_i = log Σ_{j<=i} exp(x_j) along `axis` (j < i with `exclusive`; from the end with `reverse`)."""

    @prim_attr_register
    def __init__(self, exclusive=False, reverse=False):
        for arg in ("exclusive", "reverse"):
            if not isinstance(self.attrs[arg], bool):
                raise TypeError(f"For 'CumulativeLogsumexp', the '{arg}' must be a bool, "
                                f"but got {type(self.attrs[arg]).__name__}.")

    def __call__(self, x, axis):
        _float_tensor(self.name, "x", x)
        if isinstance(axis, Tensor):
            axis = int(axis.asnumpy())
        if not isinstance(axis, int) or isinstance(axis, bool):
            raise TypeError(f"For '{self.name}', the 'axis' must be an int, but got {type(axis).__name__}.")
        rank = max(x.ndim, 1)
        if not -rank <= axis < rank:
            raise ValueError(f"For '{self.name}', the 'axis' must be in range [{-rank}, {rank}), but got {axis}.")
        return _wrap(self._dispatch((x._value(), axis % rank)))

    def _compute(self, x, axis):
        if x.ndim == 0:
            return x
        wide = x.astype(np.float32) if x.dtype.itemsize < 4 else x
        if self.attrs["reverse"]:
            wide = jnp.flip(wide, axis)
        out = jax.lax.cumlogsumexp(wide, axis=axis)
        if self.attrs["exclusive"]:
            pad = [(0, 0)] * x.ndim
            pad[axis] = (1, 0)
            out = jnp.pad(out, pad, constant_values=-jnp.inf)
            out = jax.lax.slice_in_dim(out, 0, x.shape[axis], axis=axis)
        if self.attrs["reverse"]:
            out = jnp.flip(out, axis)
        return out.astype(x.dtype)


class SquareSumAll(Primitive):
    """(Σ x², Σ y²) over all elements of two same-shape float Tensors."""

    def __init__(self):
        Primitive.__init__(self, "SquareSumAll")

    def __call__(self, x, y):
        _float_tensor(self.name, "x", x)
        _float_tensor(self.name, "y", y)
        if x.shape != y.shape or x.dtype != y.dtype:
            raise ValueError(f"For '{self.name}', the 'x' and 'y' must have the same shape and dtype, "
                             f"but got {x.shape} {x.dtype} and {y.shape} {y.dtype}.")
        return super().__call__(x, y)

    def _compute(self, x, y):
        return jnp.sum(jnp.square(x)), jnp.sum(jnp.square(y))


class EqualCount(Primitive):
    """The number of equal elements of two same-shape Tensors, as a 1-element Tensor of their dtype."""

    def __init__(self):
        Primitive.__init__(self, "EqualCount")

    def __call__(self, x, y):
        for arg, value in (("x", x), ("y", y)):
            if not isinstance(value, Tensor):
                raise TypeError(f"For '{self.name}', the '{arg}' must be a Tensor, but got {type(value).__name__}.")
        if x.shape != y.shape or x.dtype != y.dtype:
            raise ValueError(f"For '{self.name}', the 'x' and 'y' must have the same shape and dtype, "
                             f"but got {x.shape} {x.dtype} and {y.shape} {y.dtype}.")
        return super().__call__(x, y)

    def _compute(self, x, y):
        return jnp.sum(x == y).astype(x.dtype).reshape(1)


def _p_norm(diff, p, axis):
    """‖diff‖_p over `axis` (p = inf: max |·|; p = 0: the count of nonzeros)."""
    a = jnp.abs(diff)
    if p == float("inf"):
        return jnp.max(a, axis=axis)
    if p == 0:
        return jnp.sum(a != 0, axis=axis).astype(diff.dtype)
    if p == 1:
        return jnp.sum(a, axis=axis)
    if p == 2:
        # sqrt(Σ x²) whose gradient at 0 is 0 (MindSpore's), not NaN.
        squared = jnp.sum(a * a, axis=axis)
        safe = jnp.where(squared == 0, 1, squared)
        return jnp.where(squared == 0, 0, jnp.sqrt(safe))
    return jnp.sum(a ** p, axis=axis) ** (1.0 / p)


def _p_arg(op, p):
    if isinstance(p, bool) or not isinstance(p, (int, float)):
        raise TypeError(f"For '{op}', the 'p' must be a float, but got {type(p).__name__}.")
    if p < 0:
        raise ValueError(f"For '{op}', the 'p' must be >= 0, but got {p}.")


class Cdist(Primitive):
    """‖x1_i − x2_j‖_p for every pair of rows: (B, P, M) with (B, R, M) gives (B, P, R)."""

    @prim_attr_register
    def __init__(self, p=2.0):
        _p_arg("Cdist", p)

    def __call__(self, input_x, input_y):
        _float_tensor(self.name, "input_x", input_x)
        _float_tensor(self.name, "input_y", input_y)
        if input_x.dtype != input_y.dtype:
            raise TypeError(f"For '{self.name}', the 'input_x' and 'input_y' must have the same dtype, "
                            f"but got {input_x.dtype} and {input_y.dtype}.")
        if input_x.ndim not in (2, 3) or input_x.ndim != input_y.ndim or input_x.shape[-1] != input_y.shape[-1] \
                or input_x.shape[:-2] != input_y.shape[:-2]:
            raise ValueError(f"For '{self.name}', the 'input_x' and 'input_y' must be 2-D or 3-D with equal batch "
                             f"and last dimensions, but got {input_x.shape} and {input_y.shape}.")
        return super().__call__(input_x, input_y)

    def _compute(self, x, y):
        return _p_norm(x[..., :, None, :] - y[..., None, :, :], float(self.attrs["p"]), -1).astype(x.dtype)


class Pdist(Primitive):
    """‖x_i − x_j‖_p for every pair i < j of rows of (..., N, M): (..., N(N−1)/2)."""

    @prim_attr_register
    def __init__(self, p=2.0):
        _p_arg("Pdist", p)

    def __call__(self, x):
        _float_tensor(self.name, "x", x)
        if x.ndim < 2:
            raise ValueError(f"For '{self.name}', the 'x' must be at least 2-D, but got shape {x.shape}.")
        return super().__call__(x)

    def _compute(self, x):
        n = x.shape[-2]
        i, j = np.triu_indices(n, 1)
        return _p_norm(x[..., i, :] - x[..., j, :], float(self.attrs["p"]), -1).astype(x.dtype)


class Renorm(Primitive):
    """Each slice along `dim` whose p-norm exceeds `maxnorm` is scaled to norm `maxnorm`."""

    @prim_attr_register
    def __init__(self, p, dim, maxnorm):
        if not isinstance(p, int) or isinstance(p, bool) or p < 1:
            raise ValueError(f"For 'Renorm', the 'p' must be an int >= 1, but got {p!r}.")
        if not isinstance(dim, int) or isinstance(dim, bool):
            raise TypeError(f"For 'Renorm', the 'dim' must be an int, but got {type(dim).__name__}.")
        if isinstance(maxnorm, bool) or not isinstance(maxnorm, (int, float)) or maxnorm < 0:
            raise ValueError(f"For 'Renorm', the 'maxnorm' must be a float >= 0, but got {maxnorm!r}.")

    def __call__(self, x):
        _float_tensor(self.name, "x", x)
        dim = self.attrs["dim"]
        if not -max(x.ndim, 1) <= dim < max(x.ndim, 1):
            raise ValueError(f"For '{self.name}', the 'dim' must be in range [{-x.ndim}, {x.ndim}), but got {dim}.")
        return super().__call__(x)

    def _compute(self, x):
        dim = self.attrs["dim"] % x.ndim
        axes = tuple(a for a in range(x.ndim) if a != dim)
        p, maxnorm = float(self.attrs["p"]), self.attrs["maxnorm"]
        norm = jnp.sum(jnp.abs(x.astype(np.float32)) ** p, axis=axes, keepdims=True) ** (1 / p)
        scale = jnp.where(norm > maxnorm, maxnorm / (norm + 1e-7), 1.0)
        return (x * scale).astype(x.dtype)


class LpNorm(Primitive):
    """(Σ |x|^p)^{1/p} over `axis` (a list of ints), at least `epsilon`... MindSpore returns the norm
    itself; `epsilon` only guards the gradient's division."""

    @prim_attr_register
    def __init__(self, axis, p=2, keep_dims=False, epsilon=1e-12):
        if isinstance(axis, int) and not isinstance(axis, bool):
            self.add_prim_attr("axis", [axis])
        elif not isinstance(axis, (list, tuple)) or not all(isinstance(a, int) for a in axis):
            raise TypeError(f"For 'LpNorm', the 'axis' must be an int or a list of ints, but got {axis!r}.")
        else:
            self.add_prim_attr("axis", list(axis))
        if not isinstance(p, int) or isinstance(p, bool) or p < 0:
            raise ValueError(f"For 'LpNorm', the 'p' must be an int >= 0, but got {p!r}.")

    def __call__(self, input):  # noqa: A002
        _float_tensor(self.name, "input", input)
        for a in self.attrs["axis"]:
            if not -max(input.ndim, 1) <= a < max(input.ndim, 1):
                raise ValueError(f"For '{self.name}', the 'axis' must be in range [{-input.ndim}, {input.ndim}), "
                                 f"but got {a}.")
        return super().__call__(input)

    def _compute(self, x):
        axes = tuple(a % x.ndim for a in self.attrs["axis"]) if x.ndim else ()
        out = _p_norm(x.astype(np.float32) if x.dtype.itemsize < 4 else x, float(self.attrs["p"]), axes)
        if self.attrs["keep_dims"]:
            out = jnp.expand_dims(out, axes)
        return out.astype(x.dtype)


class EuclideanNorm(Primitive):
    """sqrt(Σ x²) over the axes given at call time."""

    @prim_attr_register
    def __init__(self, keep_dims=False):
        if not isinstance(keep_dims, bool):
            raise TypeError(f"For 'EuclideanNorm', the 'keep_dims' must be a bool, but got {keep_dims!r}.")

    def __call__(self, x, axes):
        if not isinstance(x, Tensor):
            raise TypeError(f"For '{self.name}', the 'x' must be a Tensor, but got {type(x).__name__}.")
        if x.dtype.kind not in NUMERIC:
            raise _dtype_error(self.name, "x", x.dtype, NUMERIC)
        if isinstance(axes, Tensor):
            axes = tuple(int(a) for a in axes.asnumpy().reshape(-1))
        axes = (axes,) if isinstance(axes, int) else tuple(axes)
        rank = max(x.ndim, 1)
        for a in axes:
            if not -rank <= a < rank:
                raise ValueError(f"For '{self.name}', the 'axes' must be in range [{-rank}, {rank}), but got {a}.")
        return _wrap(self._dispatch((x._value(), tuple(sorted({a % rank for a in axes})))))

    def _compute(self, x, axes):
        return jnp.sqrt(jnp.sum(jnp.square(x), axis=axes, keepdims=self.attrs["keep_dims"])).astype(x.dtype)


class CountNonZero(Primitive):
    """The Int64 number of nonzero elements over `dims` (all when None)."""

    @prim_attr_register
    def __init__(self, dims=None):
        if dims is None:
            dims = []
        elif isinstance(dims, int) and not isinstance(dims, bool):
            dims = [dims]
        elif not isinstance(dims, (list, tuple)) or not all(isinstance(d, int) for d in dims):
            raise TypeError(f"For 'CountNonZero', the 'dims' must be an int, a list of ints or None, but got {dims!r}.")
        self.add_prim_attr("dims", list(dims))

    def __call__(self, x):
        if not isinstance(x, Tensor):
            raise TypeError(f"For '{self.name}', the 'x' must be a Tensor, but got {type(x).__name__}.")
        for d in self.attrs["dims"]:
            if not -max(x.ndim, 1) <= d < max(x.ndim, 1):
                raise ValueError(f"For '{self.name}', the 'dims' must be in range [{-x.ndim}, {x.ndim}), but got {d}.")
        return super().__call__(x)

    def _compute(self, x):
        dims = tuple(d % x.ndim for d in self.attrs["dims"]) or None
        return jnp.sum(x != 0, axis=dims).astype(np.int64)


class Bincount(Primitive):
    """The count (or the summed `weights`) of each value 0..size−1 of a non-negative Int32 array."""

    def __init__(self):
        Primitive.__init__(self, "Bincount")

    def __call__(self, array, size, weights):
        if not isinstance(array, Tensor) or array.dtype != mstype.int32:
            raise TypeError(f"For '{self.name}', the 'array' must be a Tensor of Int32, but got "
                            f"{array.dtype if isinstance(array, Tensor) else type(array).__name__}.")
        if isinstance(size, Tensor):
            size = int(size.asnumpy())
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise ValueError(f"For '{self.name}', the 'size' must be a non-negative int, but got {size!r}.")
        _float_tensor(self.name, "weights", weights, frozenset({"float", "int"}))
        if weights.shape != array.shape and weights.size:
            raise ValueError(f"For '{self.name}', the 'weights' must have the shape of 'array' {array.shape}, "
                             f"but got {weights.shape}.")
        return _wrap(self._dispatch((array._value(), size, weights._value())))

    def _compute(self, array, size, weights):
        flat = array.reshape(-1)
        w = weights.reshape(-1) if weights.size else jnp.ones(flat.shape, weights.dtype)
        inside = (flat >= 0) & (flat < size)
        return jnp.zeros((size,), weights.dtype).at[jnp.where(inside, flat, size)].add(w, mode="drop")


def histogram_counts(x, bins, low, high):
    """Counts of `bins` equal-width bins over [low, high] (the last bin closed), as x's dtype;
    low == high == 0 uses the data's min and max. Out-of-range elements are not counted."""
    wide = x.astype(np.float64).reshape(-1)
    finite = ~jnp.isnan(wide)
    lo = jnp.where(low == high, jnp.min(jnp.where(finite, wide, jnp.inf), initial=jnp.inf), low) if x.size else low
    hi = jnp.where(low == high, jnp.max(jnp.where(finite, wide, -jnp.inf), initial=-jnp.inf), high) if x.size else high
    hi = jnp.where(hi == lo, hi + 1, hi) if x.size else high
    position = jnp.floor((wide - lo) * bins / (hi - lo)).astype(np.int64)
    position = jnp.where(wide == hi, bins - 1, position)
    inside = finite & (wide >= lo) & (wide <= hi)
    counts = jnp.zeros((bins,), np.float64).at[jnp.where(inside, position, bins)].add(1.0, mode="drop")
    return counts


class Histogram(Primitive):
    """Counts of `bins` equal-width bins between `min` and `max` (the data's range when both are 0)."""

    @prim_attr_register
    def __init__(self, bins=100, min=0.0, max=0.0):  # noqa: A002 - MindSpore's names
        if not isinstance(bins, int) or isinstance(bins, bool):
            raise TypeError(f"For 'Histogram', the 'bins' must be an int, but got {type(bins).__name__}.")
        if bins < 1:
            raise ValueError(f"For 'Histogram', the 'bins' must be > 0, but got {bins}.")
        for arg, value in (("min", min), ("max", max)):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"For 'Histogram', the '{arg}' must be a float, but got {type(value).__name__}.")
        if min > max:
            raise ValueError(f"For 'Histogram', the 'min' must be <= 'max', but got min={min}, max={max}.")

    def __call__(self, x):
        _float_tensor(self.name, "x", x, frozenset({"float", "int"}))
        return super().__call__(x)

    def _compute(self, x):
        counts = histogram_counts(x, self.attrs["bins"], float(self.attrs["min"]), float(self.attrs["max"]))
        return counts.astype(x.dtype if x.dtype.kind == "f" else np.float32)


class Median(Primitive):
    """(median, its index) along `axis`, or of all elements with `global_median`; for an even
    count the lower of the two middle values (MindSpore's, not the mean of both)."""

    @prim_attr_register
    def __init__(self, global_median=False, axis=0, keep_dims=False, ignore_nan=False):
        for arg in ("global_median", "keep_dims", "ignore_nan"):
            if not isinstance(self.attrs[arg], bool):
                raise TypeError(f"For 'Median', the '{arg}' must be a bool, but got {self.attrs[arg]!r}.")
        if not isinstance(axis, int) or isinstance(axis, bool):
            raise TypeError(f"For 'Median', the 'axis' must be an int, but got {type(axis).__name__}.")
        self.add_prim_attr("cust_aicpu", "Median")

    def __call__(self, x):
        if not isinstance(x, Tensor):
            raise TypeError(f"For '{self.name}', the 'x' must be a Tensor, but got {type(x).__name__}.")
        if x.dtype.kind not in REAL:
            raise _dtype_error(self.name, "x", x.dtype, REAL)
        axis = self.attrs["axis"]
        rank = max(x.ndim, 1)
        if not self.attrs["global_median"] and not -rank <= axis < rank:
            raise ValueError(f"For '{self.name}', the 'axis' must be in range [{-rank}, {rank}), but got {axis}.")
        if x.size == 0:
            raise ValueError(f"For '{self.name}', the 'x' must not be empty.")
        return super().__call__(x)

    def _compute(self, x):
        return median_with_index(x, None if self.attrs["global_median"] else self.attrs["axis"],
                                 self.attrs["keep_dims"], self.attrs["ignore_nan"])


def median_with_index(x, axis, keepdims, ignore_nan):
    """(lower median, index of that element) along `axis` (of the flattened input when None);
    NaN is the largest value, so with `ignore_nan` the median of the non-NaN elements."""
    if axis is None:
        # MindSpore's global median reports index 0, as its max/min over all elements do.
        values, _ = median_with_index(x.reshape(-1), 0, False, ignore_nan)
        shape = (1,) * x.ndim if keepdims else ()
        return values.reshape(shape), jnp.zeros(shape, np.int64)
    axis = axis % max(x.ndim, 1)
    if x.ndim == 0:
        return x, jnp.zeros((), np.int64)
    order = jnp.argsort(x, axis=axis, stable=True)  # NaN sorts last
    n = x.shape[axis]
    if ignore_nan and jnp.issubdtype(x.dtype, jnp.floating):
        count = jnp.sum(~jnp.isnan(x), axis=axis, keepdims=True)
        middle = jnp.maximum(count - 1, 0) // 2
    else:
        has_nan = jnp.any(jnp.isnan(x), axis=axis, keepdims=True) if jnp.issubdtype(x.dtype, jnp.floating) else False
        middle = jnp.full_like(jnp.take(order, jnp.array([0]), axis=axis), (n - 1) // 2)
        if has_nan is not False:
            first_nan = jnp.argmax(jnp.isnan(jnp.take_along_axis(x, order, axis=axis)), axis=axis, keepdims=True)
            middle = jnp.where(has_nan, first_nan, middle)
    index = jnp.take_along_axis(order, middle.astype(order.dtype), axis=axis)
    values = jnp.take_along_axis(x, index, axis=axis)
    if not keepdims:
        index, values = jnp.squeeze(index, axis), jnp.squeeze(values, axis)
    return values, index.astype(np.int64)


class TensorAdd(Add):
    """The deprecated name of Add (MindSpore's TensorAdd() prints as Prim[Add])."""

    def __init__(self):
        super().__init__()
        self.name = "Add"


__all__ = sorted(list(_UNARY) + list(_BINARY) + [
    "Inv", "PopulationCount", "Fmax", "Fmin", "Polygamma", "Betainc", "Logit", "Mvlgamma", "NanToNum",
    "ApproximateEqual", "CumulativeLogsumexp", "SquareSumAll", "EqualCount", "Cdist", "Pdist", "Renorm", "LpNorm",
    "EuclideanNorm", "CountNonZero", "Bincount", "Histogram", "Median", "TensorAdd"])
