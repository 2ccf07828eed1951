"""The `mindspore` generator's Uniform and Normal on the host CPU: one vectorised numba loop.

Same mathematics, constants and error bounds as `mindspore_2_10_xla` (its docstring derives
them): Philox4x32-10, then the double-precision transform with `vector_math`'s `log` and
`sin`/`cos` spelled out as straight-line code (no libm calls, no loops over tuples, so LLVM
vectorises the block loop: AVX-512 here), and float32 rounding only where the bound decides
it; the other elements are NaN, for the caller to recompute with the NumPy reference.
XLA's CPU backend splits this chain into several fusions that each recompute Philox
(about 30 M values/s measured); numba keeps it in one loop.

Serial loops on purpose: a numba `prange` body is not vectorised; callers run chunks on
threads (the kernels release the GIL). Compiled on first use and cached on disk
(`cache=True`), so `import sporax` compiles nothing and later processes load machine code.
"""
from __future__ import annotations

import math

import numba
import numpy as np

from . import vector_math as vm

_U32 = np.uint64(0xFFFFFFFF)
_M0 = np.uint64(0xD2511F53)
_M1 = np.uint64(0xCD9E8D57)
_W0 = np.uint64(0x9E3779B9)
_W1 = np.uint64(0xBB67AE85)
_S32 = np.uint64(32)
_MANTISSA = np.uint64(0x7FFFFF)

_TWO_PI_F32 = 2.0 * float(np.float32(3.1415926))
_FLOOR_F32 = float(np.float32(1e-7))
_BELOW_ONE = float(np.nextafter(1.0, 0.0))
_NAN32 = np.float32(np.nan)
_LN2_HI, _LN2_LO, _INV_SQRT2 = vm._LN2_HI, vm._LN2_LO, 1.0 / vm._SQRT2
_PIO2_HI, _PIO2_LO, _TWO_OVER_PI = vm._PIO2_HI, vm._PIO2_LO, vm._TWO_OVER_PI
_A = vm._ATANH_SERIES   # 1/23 ... 1/3
_S = vm._SIN_SERIES     # x^17 ... x^3 Taylor coefficients
_C = vm._COS_SERIES     # x^18 ... x^4
_A0, _A1, _A2, _A3, _A4, _A5, _A6, _A7, _A8, _A9, _A10 = _A
_S0, _S1, _S2, _S3, _S4, _S5, _S6, _S7 = _S
_C0, _C1, _C2, _C3, _C4, _C5, _C6, _C7 = _C

_inline = numba.njit(inline="always", cache=True, error_model="numpy")
_kernel = numba.njit(nogil=True, cache=True, error_model="numpy")


@_inline
def _philox(k0, k1, block):
    """The four words of one block (uint64 values below 2^32)."""
    c0, c1 = block & _U32, block >> _S32
    c2, c3 = k0, k1
    for _ in range(10):
        p0 = _M0 * c0
        p1 = _M1 * c2
        c0, c1, c2, c3 = ((p1 >> _S32) ^ c1 ^ k0), p1 & _U32, ((p0 >> _S32) ^ c3 ^ k1), p0 & _U32
        k0 = (k0 + _W0) & _U32
        k1 = (k1 + _W1) & _U32
    return c0, c1, c2, c3


@_inline
def _round_or_mark(y, bound):
    """exact_float32.round_or_mark for one value."""
    lo = y - bound
    hi = y + bound
    lo32 = np.float32(lo)
    decided = (lo32 == np.float32(hi)) & ((lo > 0.0) == (hi > 0.0)) & math.isfinite(y) & math.isfinite(bound)
    return lo32 if decided else _NAN32


@_inline
def _uniform(word, scale, low):
    t = scale * min(np.float64(word) * 2.0 ** -32, _BELOW_ONE)
    y = t + low
    return _round_or_mark(y, 2.0 ** -51 * (abs(t) + abs(y)))


@_inline
def _log_fraction(word):
    """log(max(k·2^-23, 1e-7f)), k = the word's low 23 bits: k = 2^e·m by comparisons."""
    k = np.float64(word & _MANTISSA)
    x = max(k * 2.0 ** -23, _FLOOR_F32)
    # x >= 1e-7 > 2^-24: after the step for s, m >= 2^-s (and m < 1 throughout).
    small = x < 2.0 ** -16
    m = x * 65536.0 if small else x
    e = -16.0 if small else 0.0
    small = m < 2.0 ** -8
    m = m * 256.0 if small else m
    e = e - 8.0 if small else e
    small = m < 0.0625
    m = m * 16.0 if small else m
    e = e - 4.0 if small else e
    small = m < 0.25
    m = m * 4.0 if small else m
    e = e - 2.0 if small else e
    small = m < 0.5
    m = m * 2.0 if small else m
    e = e - 1.0 if small else e
    # m in [0.5, 1): to [√½, √2)
    low = m < _INV_SQRT2
    m = m * 2.0 if low else m
    e = e - 1.0 if low else e
    f = m - 1.0
    s_ = f / (2.0 + f)
    z = s_ * s_
    series = ((((((((((_A0 * z + _A1) * z + _A2) * z + _A3) * z + _A4) * z + _A5) * z + _A6) * z + _A7) * z
                 + _A8) * z + _A9) * z + _A10)
    return e * _LN2_HI + ((2.0 * s_ + (2.0 * s_) * z * series) + e * _LN2_LO)


@_inline
def _sincos_fraction(word):
    """sin, cos of 2·float32(π)·max(k·2^-23, 1e-7f) (an exact product)."""
    theta = _TWO_PI_F32 * max(np.float64(word & _MANTISSA) * 2.0 ** -23, _FLOOR_F32)
    q = np.floor(theta * _TWO_OVER_PI + 0.5)
    r = (theta - q * _PIO2_HI) - q * _PIO2_LO
    z = r * r
    sin_r = r + r * z * (((((((_S0 * z + _S1) * z + _S2) * z + _S3) * z + _S4) * z + _S5) * z + _S6) * z + _S7)
    cos_r = 1.0 - 0.5 * z + z * z * (((((((_C0 * z + _C1) * z + _C2) * z + _C3) * z + _C4) * z + _C5) * z + _C6) * z + _C7)
    quadrant = np.int64(q)
    swap = (quadrant & 1) == 1
    sin = cos_r if swap else sin_r
    cos = sin_r if swap else cos_r
    sin = -sin if (quadrant & 2) == 2 else sin
    cos = -cos if ((quadrant + 1) & 2) == 2 else cos
    return sin, cos


@_inline
def _normal_pair(w1, w2, mean, sigma):
    radius = math.sqrt(-2.0 * _log_fraction(w1)) * sigma
    sin, cos = _sincos_fraction(w2)
    t_cos = radius * cos
    t_sin = radius * sin
    y_cos = mean + t_cos
    y_sin = mean + t_sin
    return (_round_or_mark(y_cos, 2.0 ** -44 * abs(t_cos) + 2.0 ** -51 * abs(y_cos)),
            _round_or_mark(y_sin, 2.0 ** -44 * abs(t_sin) + 2.0 ** -51 * abs(y_sin)))


@_kernel
def uniform_blocks(k0, k1, first_block, scale, low, out):
    """out[4j .. 4j+3] = Uniform elements of block first_block + j (NaN: ask the reference);
    `scale` = high - low, both as the reference rounds them."""
    for j in range(out.shape[0] // 4):
        c0, c1, c2, c3 = _philox(k0, k1, np.uint64(first_block + j))
        out[4 * j] = _uniform(c0, scale, low)
        out[4 * j + 1] = _uniform(c1, scale, low)
        out[4 * j + 2] = _uniform(c2, scale, low)
        out[4 * j + 3] = _uniform(c3, scale, low)


@_kernel
def normal_blocks(k0, k1, first_block, mean, sigma, out):
    """out[4j .. 4j+3] = Normal elements of block first_block + j (NaN: ask the reference)."""
    for j in range(out.shape[0] // 4):
        c0, c1, c2, c3 = _philox(k0, k1, np.uint64(first_block + j))
        out[4 * j], out[4 * j + 1] = _normal_pair(c0, c1, mean, sigma)
        out[4 * j + 2], out[4 * j + 3] = _normal_pair(c2, c3, mean, sigma)


# Truncated normal: the reference is x = -erfcinv(2p)·√2' (SciPy), p = Φ(α) + s·(Φ(β) - Φ(α)).
# Here x = Φ⁻¹(p) by Cephes' ndtri (`vector_math.ndtri`'s coefficients) with this module's
# comparison-ladder log, within 2^-48 relative of SciPy's (tests check it on the branch
# edges and a million points); the float32 rounding bound is `mindspore_2_10_xla`'s.
_EXP_M2 = vm._EXP_M2
_SQRT_2PI = math.sqrt(2.0 * math.pi)
_SQRT2_RATIO = float(np.float32(1.4142135)) / math.sqrt(2.0)
_P0_0, _P0_1, _P0_2, _P0_3, _P0_4 = vm._P0
_Q0_1, _Q0_2, _Q0_3, _Q0_4, _Q0_5, _Q0_6, _Q0_7, _Q0_8 = vm._Q0[1:]
_P1, _Q1, _P2, _Q2 = tuple(vm._P1), tuple(vm._Q1[1:]), tuple(vm._P2), tuple(vm._Q2[1:])
_TINY = 2.0 ** -1000  # below this the ladder cannot normalise: the reference decides


@_inline
def _log_positive(x):
    """log x for 2^-1000 <= x < 2^64: x = 2^e·m with m in [√½, √2) by exact power-of-two
    scalings chosen by comparisons, then the atanh series of `_log_fraction`."""
    m, e = x, 0.0
    big = m >= 2.0 ** 32
    m = m * 2.0 ** -32 if big else m
    e = e + 32.0 if big else e
    big = m >= 2.0 ** 16
    m = m * 2.0 ** -16 if big else m
    e = e + 16.0 if big else e
    big = m >= 256.0
    m = m * 2.0 ** -8 if big else m
    e = e + 8.0 if big else e
    big = m >= 16.0
    m = m * 0.0625 if big else m
    e = e + 4.0 if big else e
    big = m >= 4.0
    m = m * 0.25 if big else m
    e = e + 2.0 if big else e
    big = m >= 2.0
    m = m * 0.5 if big else m
    e = e + 1.0 if big else e
    big = m >= 1.0
    m = m * 0.5 if big else m
    e = e + 1.0 if big else e
    # m < 1 now; scale up until m >= 0.5.
    small = m < 2.0 ** -512
    m = m * 2.0 ** 512 if small else m
    e = e - 512.0 if small else e
    small = m < 2.0 ** -256
    m = m * 2.0 ** 256 if small else m
    e = e - 256.0 if small else e
    small = m < 2.0 ** -128
    m = m * 2.0 ** 128 if small else m
    e = e - 128.0 if small else e
    small = m < 2.0 ** -64
    m = m * 2.0 ** 64 if small else m
    e = e - 64.0 if small else e
    small = m < 2.0 ** -32
    m = m * 2.0 ** 32 if small else m
    e = e - 32.0 if small else e
    small = m < 2.0 ** -16
    m = m * 65536.0 if small else m
    e = e - 16.0 if small else e
    small = m < 2.0 ** -8
    m = m * 256.0 if small else m
    e = e - 8.0 if small else e
    small = m < 0.0625
    m = m * 16.0 if small else m
    e = e - 4.0 if small else e
    small = m < 0.25
    m = m * 4.0 if small else m
    e = e - 2.0 if small else e
    small = m < 0.5
    m = m * 2.0 if small else m
    e = e - 1.0 if small else e
    low = m < _INV_SQRT2
    m = m * 2.0 if low else m
    e = e - 1.0 if low else e
    f = m - 1.0
    s_ = f / (2.0 + f)
    z = s_ * s_
    series = ((((((((((_A0 * z + _A1) * z + _A2) * z + _A3) * z + _A4) * z + _A5) * z + _A6) * z + _A7) * z
                 + _A8) * z + _A9) * z + _A10)
    return e * _LN2_HI + ((2.0 * s_ + (2.0 * s_) * z * series) + e * _LN2_LO)


@_inline
def _ndtri(p):
    """Φ⁻¹(p), 2^-1000 <= min(p, 1-p): Cephes' central rational in w = p - ½ inside
    (e^-2, 1 - e^-2), else its tail expansion in z = √(-2 log min(p, 1-p)). Both branches are
    computed and one selected (straight-line code vectorises); the tail's two coefficient
    sets are selected per step, so one rational is evaluated."""
    w = p - 0.5
    ww = w * w
    p0 = (((_P0_0 * ww + _P0_1) * ww + _P0_2) * ww + _P0_3) * ww + _P0_4
    q0 = (((((((ww + _Q0_1) * ww + _Q0_2) * ww + _Q0_3) * ww + _Q0_4) * ww + _Q0_5) * ww + _Q0_6) * ww
          + _Q0_7) * ww + _Q0_8
    central = (w + w * ww * (p0 / q0)) * _SQRT_2PI
    upper = p > 1.0 - _EXP_M2
    tail_p = 1.0 - p if upper else p
    tail_p = tail_p if tail_p > 0.0 else 0.5
    z = math.sqrt(-2.0 * _log_positive(tail_p))
    inv = 1.0 / z
    far = z >= 8.0
    num = _P2[0] if far else _P1[0]
    num = num * inv + (_P2[1] if far else _P1[1])
    num = num * inv + (_P2[2] if far else _P1[2])
    num = num * inv + (_P2[3] if far else _P1[3])
    num = num * inv + (_P2[4] if far else _P1[4])
    num = num * inv + (_P2[5] if far else _P1[5])
    num = num * inv + (_P2[6] if far else _P1[6])
    num = num * inv + (_P2[7] if far else _P1[7])
    num = num * inv + (_P2[8] if far else _P1[8])
    den = inv + (_Q2[0] if far else _Q1[0])
    den = den * inv + (_Q2[1] if far else _Q1[1])
    den = den * inv + (_Q2[2] if far else _Q1[2])
    den = den * inv + (_Q2[3] if far else _Q1[3])
    den = den * inv + (_Q2[4] if far else _Q1[4])
    den = den * inv + (_Q2[5] if far else _Q1[5])
    den = den * inv + (_Q2[6] if far else _Q1[6])
    den = den * inv + (_Q2[7] if far else _Q1[7])
    tail = z - _log_positive(z) / z - (num / den) * inv
    tail = tail if upper else -tail
    return central if (p > _EXP_M2) & (not upper) else tail


@_inline
def _truncated_normal(word, mean, sigma, cdf_alpha, width):
    p = cdf_alpha + min(np.float64(word) * 2.0 ** -32, _BELOW_ONE) * width
    x = _ndtri(p)
    t = (x * _SQRT2_RATIO) * sigma
    y = mean + t
    # p/φ(x): the Mills ratio below the median, max(4.14, 1/(x(1-p))) above (see the XLA module).
    p_over_density = 1.2534 if p < 0.5 else p * max(4.14, 1.0 / (x * (1.0 - p)))
    dx = 2.0 ** -48 * abs(x) + 2.0 ** -51 * p_over_density
    bound = (dx * _SQRT2_RATIO * sigma) * (1.0 + 2.0 ** -40) + 2.0 ** -51 * (abs(t) + abs(y))
    inside = (p >= _TINY) & (1.0 - p >= _TINY) & (p < 1.0)
    return _round_or_mark(y, bound) if inside else _NAN32


@_kernel
def truncated_normal_blocks(k0, k1, first_block, mean, sigma, cdf_alpha, width, out):
    """out[4j .. 4j+3] = TruncatedNormal elements of block first_block + j (NaN: ask the
    reference); `cdf_alpha`, `width` = Φ(α), Φ(β) - Φ(α) as the reference computes them."""
    for j in range(out.shape[0] // 4):
        c0, c1, c2, c3 = _philox(k0, k1, np.uint64(first_block + j))
        out[4 * j] = _truncated_normal(c0, mean, sigma, cdf_alpha, width)
        out[4 * j + 1] = _truncated_normal(c1, mean, sigma, cdf_alpha, width)
        out[4 * j + 2] = _truncated_normal(c2, mean, sigma, cdf_alpha, width)
        out[4 * j + 3] = _truncated_normal(c3, mean, sigma, cdf_alpha, width)


@_kernel
def ndtri_array(p, out):
    """out[i] = Φ⁻¹(p[i]) by the kernels' ndtri (for tests of its error bound)."""
    for i in range(p.shape[0]):
        out[i] = _ndtri(p[i])


# The `threefry` generator's CPU kernels (its module states the definition): word i is the
# first output of Threefry-2x32-20 on the counter (hi32(i), lo32(i)), as `jax.random`'s
# `threefry_2x32` computes it; 32-bit arithmetic is kept in uint64 lanes, masked.
_KS_PARITY = np.uint64(0x1BD11BDA)


@_inline
def _threefry_round(x0, x1, r):
    x0 = (x0 + x1) & _U32
    x1 = ((x1 << np.uint64(r)) | (x1 >> np.uint64(32 - r))) & _U32
    return x0, x1 ^ x0


@_inline
def _threefry_four(x0, x1, r0, r1, r2, r3):
    x0, x1 = _threefry_round(x0, x1, r0)
    x0, x1 = _threefry_round(x0, x1, r1)
    x0, x1 = _threefry_round(x0, x1, r2)
    return _threefry_round(x0, x1, r3)


@_inline
def _threefry(k0, k1, counter):
    """Both output words of Threefry-2x32 (20 rounds) keyed (k0, k1) on (hi32, lo32) of `counter`."""
    k2 = k0 ^ k1 ^ _KS_PARITY
    x0 = ((counter >> _S32) + k0) & _U32
    x1 = ((counter & _U32) + k1) & _U32
    x0, x1 = _threefry_four(x0, x1, 13, 15, 26, 6)
    x0, x1 = (x0 + k1) & _U32, (x1 + k2 + np.uint64(1)) & _U32
    x0, x1 = _threefry_four(x0, x1, 17, 29, 16, 24)
    x0, x1 = (x0 + k2) & _U32, (x1 + k0 + np.uint64(2)) & _U32
    x0, x1 = _threefry_four(x0, x1, 13, 15, 26, 6)
    x0, x1 = (x0 + k0) & _U32, (x1 + k1 + np.uint64(3)) & _U32
    x0, x1 = _threefry_four(x0, x1, 17, 29, 16, 24)
    x0, x1 = (x0 + k1) & _U32, (x1 + k2 + np.uint64(4)) & _U32
    x0, x1 = _threefry_four(x0, x1, 13, 15, 26, 6)
    return (x0 + k2) & _U32, (x1 + k0 + np.uint64(5)) & _U32


@_kernel
def threefry_words(k0, k1, first_pair, out):
    """out[2j], out[2j+1] = the two words of counter first_pair + j (uint32)."""
    for j in range(out.shape[0] // 2):
        x0, x1 = _threefry(k0, k1, np.uint64(first_pair + j))
        out[2 * j] = np.uint32(x0)
        out[2 * j + 1] = np.uint32(x1)


@_kernel
def threefry_uniform_pairs(k0, k1, first_pair, scale, low, out):
    """`uniform_blocks` on threefry words: counter first_pair + j gives elements 2j, 2j+1."""
    for j in range(out.shape[0] // 2):
        x0, x1 = _threefry(k0, k1, np.uint64(first_pair + j))
        out[2 * j] = _uniform(x0, scale, low)
        out[2 * j + 1] = _uniform(x1, scale, low)


@_kernel
def threefry_normal_pairs(k0, k1, first_pair, mean, sigma, out):
    """`normal_blocks` on threefry words: one Box-Muller pair per counter."""
    for j in range(out.shape[0] // 2):
        x0, x1 = _threefry(k0, k1, np.uint64(first_pair + j))
        out[2 * j], out[2 * j + 1] = _normal_pair(x0, x1, mean, sigma)


@_kernel
def threefry_truncated_normal_pairs(k0, k1, first_pair, mean, sigma, cdf_alpha, width, out):
    """`truncated_normal_blocks` on threefry words."""
    for j in range(out.shape[0] // 2):
        x0, x1 = _threefry(k0, k1, np.uint64(first_pair + j))
        out[2 * j] = _truncated_normal(x0, mean, sigma, cdf_alpha, width)
        out[2 * j + 1] = _truncated_normal(x1, mean, sigma, cdf_alpha, width)
