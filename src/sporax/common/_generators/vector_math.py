"""Double-precision `log`, `sin`/`cos` and `ndtri` as plain arithmetic XLA can vectorise.

XLA lowers float64 `log`/`cos` to scalar libm calls (about 40-60 M values/s per core here);
these use only multiply, add, divide, sqrt, compare and bit operations, so one fused loop
runs in SIMD on the CPU and on a GPU. They are not correctly rounded: the generators use
them with an error bound and recompute exactly the rare elements whose float32 rounding the
bound could flip (see `exact_float32`). The bounds (relative, against NumPy/SciPy):

- `log(x)`, x > 0 normal: |error| <= 2^-50 |log x| (atanh series to s^23, |s| <= 0.1716).
- `sincos(theta)`, 0 <= theta < 8: each within 2^-50 of the value, relative, for every
  theta of the form 2·float32(pi)·k/2^23 (tested exhaustively); Cody-Waite reduction with
  a 33-bit pi/2, so q·(pi/2)_hi and theta - q·(pi/2)_hi are exact.
- `ndtri(p)`, 0 < p < 1: Cephes' rational approximations with the `log` above,
  within 2^-48 relative of SciPy's (tested on 10^6 points and the branch edges).

XLA may contract a*b+c into a fused multiply-add; the bounds hold either way.
"""
from __future__ import annotations

import math

import jax.numpy as jnp
import numpy as np
from jax import lax

_LN2_HI = 6.93147180369123816490e-01  # 32 significant bits: e·_LN2_HI is exact for |e| < 2^20
_LN2_LO = 1.90821492927058770002e-10
_SQRT2 = math.sqrt(2.0)
_PIO2_HI = 1.57079632673412561417e+00  # 33 significant bits of pi/2
_PIO2_LO = 6.07710050650619224932e-11
_TWO_OVER_PI = 2.0 / math.pi


def _horner(z, coefficients):
    acc = jnp.full_like(z, coefficients[0])
    for c in coefficients[1:]:
        acc = acc * z + c
    return acc


# 1/3, 1/5, ..., 1/23 (highest first for Horner).
_ATANH_SERIES = [1.0 / (2 * k + 1) for k in range(11, 0, -1)]


def log(x):
    """Natural log of positive normal doubles: x = 2^e·m, m in [√½, √2), log m = 2 atanh(f/(2+f))."""
    bits = lax.bitcast_convert_type(x, jnp.uint64)
    exponent = ((bits >> 52) & 0x7FF).astype(jnp.int64) - 1023
    m = lax.bitcast_convert_type((bits & jnp.uint64(0x000FFFFFFFFFFFFF)) | jnp.uint64(1023 << 52), jnp.float64)
    big = m > _SQRT2
    m = jnp.where(big, m * 0.5, m)
    e = jnp.where(big, exponent + 1, exponent).astype(jnp.float64)
    f = m - 1.0
    s = f / (2.0 + f)
    z = s * s
    series = 2.0 * s + (2.0 * s) * z * _horner(z, _ATANH_SERIES)
    return e * _LN2_HI + (series + e * _LN2_LO)


# Taylor coefficients for |r| <= pi/4 (the next terms are below 2^-56).
_SIN_SERIES = [(-1.0) ** k / math.factorial(2 * k + 1) for k in range(8, 0, -1)]   # x^17 .. x^3
_COS_SERIES = [(-1.0) ** k / math.factorial(2 * k) for k in range(9, 1, -1)]       # x^18 .. x^4


def sincos(theta):
    """(sin θ, cos θ) for 0 <= θ < 8: θ = q·π/2 + r with |r| <= π/4, then series in r."""
    q = jnp.round(theta * _TWO_OVER_PI)
    r = (theta - q * _PIO2_HI) - q * _PIO2_LO
    z = r * r
    sin_r = r + r * z * _horner(z, _SIN_SERIES)
    cos_r = 1.0 - 0.5 * z + z * z * _horner(z, _COS_SERIES)
    quadrant = q.astype(jnp.int32)
    swap = (quadrant & 1) == 1
    sin = jnp.where(swap, cos_r, sin_r)
    cos = jnp.where(swap, sin_r, cos_r)
    sin = jnp.where((quadrant & 2) == 2, -sin, sin)
    cos = jnp.where(((quadrant + 1) & 2) == 2, -cos, cos)
    return sin, cos


# Cephes ndtri (public domain): x/√(2π) = w + w³P0(w²)/Q0(w²) for exp(-2) < p < 1-exp(-2),
# else x = z - log(z)/z - P(1/z)/(z·Q(1/z)), z = √(-2 log p'), p' = min(p, 1-p).
_P0 = [-5.99633501014107895267E1, 9.80010754185999661536E1, -5.66762857469070293439E1,
       1.39312609387279679503E1, -1.23916583867381258016E0]
_Q0 = [1.0, 1.95448858338141759834E0, 4.67627912898881538453E0, 8.63602421390890590575E1,
       -2.25462687854119370527E2, 2.00260212380060660359E2, -8.20372256168333339912E1,
       1.59056225126211695515E1, -1.18331621121330003142E0]
_P1 = [4.05544892305962419923E0, 3.15251094599893866154E1, 5.71628192246421288162E1,
       4.40805073893200834700E1, 1.46849561928858024014E1, 2.18663306850790267539E0,
       -1.40256079171354495875E-1, -3.50424626827848203418E-2, -8.57456785154685413611E-4]
_Q1 = [1.0, 1.57799883256466749731E1, 4.53907635128879210584E1, 4.13172038254672030440E1,
       1.50425385692907503408E1, 2.50464946208309415979E0, -1.42182922854787788574E-1,
       -3.80806407691578277194E-2, -9.33259480895457427372E-4]
_P2 = [3.23774891776946035970E0, 6.91522889068984211695E0, 3.93881025292474443415E0,
       1.33303460815807542389E0, 2.01485389549179081538E-1, 1.23716634817820021358E-2,
       3.01581553508235416007E-4, 2.65806974686737550832E-6, 6.23974539184983293730E-9]
_Q2 = [1.0, 6.02427039364742014255E0, 3.67983563856160859403E0, 1.37702099489081330271E0,
       2.16236993594496635890E-1, 1.34204006088543189037E-2, 3.28014464682127739104E-4,
       2.89247864745380683936E-6, 6.79019408009981274425E-9]
_EXP_M2 = float(np.exp(-2.0))


def ndtri(p):
    """Φ⁻¹(p) for 0 < p < 1 (callers treat p = 0 or 1 apart: the result there is not used)."""
    upper = p > 1.0 - _EXP_M2
    tail_p = jnp.where(upper, 1.0 - p, p)
    tail_p = jnp.where(tail_p > 0.0, tail_p, 0.5)
    w = p - 0.5
    ww = w * w
    central = (w + w * ww * (_horner(ww, _P0) / _horner(ww, _Q0))) * math.sqrt(2.0 * math.pi)
    z = jnp.sqrt(-2.0 * log(tail_p))
    inv = 1.0 / z
    rational = jnp.where(z >= 8.0, _horner(inv, _P2) / _horner(inv, _Q2), _horner(inv, _P1) / _horner(inv, _Q1))
    tail = z - log(z) / z - rational * inv
    tail = jnp.where(upper, tail, -tail)
    return jnp.where((p > _EXP_M2) & ~upper, central, tail)
