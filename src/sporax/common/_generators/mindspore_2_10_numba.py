"""The `mindspore` and `threefry` generators' samplers on the host CPU: vectorised numba loops.

Same mathematics and error-bound argument as `mindspore_2_10_xla` (its docstring derives the
per-element bounds): the random words (Philox4x32-10, or Threefry-2x32 for `threefry`), then
the double-precision transform, then float32 rounding only where the bound decides it; the
other elements are NaN, for the caller to recompute with the NumPy reference.

Everything is straight-line code (no libm calls, no data-dependent branches), so LLVM
vectorises the loops (AVX-512 here), and FMA contraction is allowed: it only removes
roundings, and every bound below holds with or without it. The pieces, with the bounds the
tests check exhaustively over all 2^23 inputs Box-Muller can give them (`log_mantissa_all`,
`sincos_mantissa_all`):

- `log` (fdlibm's e_log.c scheme): x = 2^e·m, m in [√½, √2) read from the bits (an exact
  integer subtraction), log m = 2s + s·R(s²), s = (m-1)/(m+1), R fdlibm's degree-7 minimax
  (|error| < 2^-58.45). Within 2^-51.9 relative of NumPy's log on the Box-Muller inputs.
- `sincos`: θ = q·π/2 + r with q = round(2θ/π) by the 1.5·2^52 shift (the quadrant is then
  in the low bits), Cody-Waite with a 33-bit π/2 (q·π/2_hi and θ - q·π/2_hi exact), fdlibm's
  k_sin/k_cos minimax polynomials on |r| <= π/4. Within 2^-51.4 relative of NumPy's sin/cos.
- Normal: |Δy| <= 2^-44 |t| + 2^-51 |y| as in the XLA module, evaluated as the larger
  2^-43.9 |t| + 2^-50.9 |mean| (|y| <= |t| + |mean|; the 7% margin covers the bound's own
  roundings), so the per-element sum needs no |y|.
- A value is decided when y - bound and y + bound round to the same float32 bits; NaN bits
  equal NaN bits, but a NaN is marked anyway (bit equality also keeps +0 and -0 apart).
- Uniform needs no bound: y = fl(fl(scale·s) + low), s = word·2^-32 (exact), is the
  reference's double to the bit when the multiply and the add round separately, as NumPy's
  do. So its kernels are compiled without FMA contraction (`_exact_kernel`; LLVM fuses
  nothing without the flag) and float32(y) is the reference's value. A bound would mark
  every exact float32 tie instead: with a power-of-two scale (HeUniform(√5) on fan_in 4096,
  nn.Dense's default, bound 2^-6) y is exact and a few percent of the elements are ties,
  which the reference then recomputed at 4x the kernel's cost.

Each kernel counts its marked elements as it goes (per stretch of `_STRETCH` elements: a
vector reduction) and writes the positions of the marked ones into `marked`, scanning only
the stretches that have any; it returns how many there are (more than `len(marked)`: the
caller scans `out` itself). So no second pass over the output.

Serial loops on purpose: a numba `prange` body is not vectorised; callers run chunks on
threads (the kernels release the GIL). Compiled on first use and cached on disk
(`cache=True`), so `import sporax` compiles nothing and later processes load machine code.
"""
from __future__ import annotations

import math

import numba
import numpy as np
from llvmlite import ir
from numba.core import types
from numba.extending import intrinsic, overload


@intrinsic
def _f64_bits(typingctx, x):
    """The IEEE bits of a float64 as an int64 (a register move, vectorisable)."""
    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.IntType(64))
    return types.int64(types.float64), codegen


@intrinsic
def _bits_f64(typingctx, x):
    """The float64 whose IEEE bits are the int64 `x`."""
    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.DoubleType())
    return types.float64(types.int64), codegen


@intrinsic
def _f32_bits(typingctx, x):
    """The IEEE bits of a float32 as an int32."""
    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.IntType(32))
    return types.int32(types.float32), codegen


_FASTMATH = {"contract"}  # fused multiply-add only: no reassociation, NaN and inf kept
_inline = numba.njit(inline="always", cache=True, error_model="numpy", fastmath=_FASTMATH)
_kernel = numba.njit(nogil=True, cache=True, error_model="numpy", fastmath=_FASTMATH)
# No contraction: every multiply and add rounds as NumPy's (the Uniform kernels' exactness).
_exact_kernel = numba.njit(nogil=True, cache=True, error_model="numpy")

_U32 = np.uint64(0xFFFFFFFF)
_M0 = np.uint64(0xD2511F53)
_M1 = np.uint64(0xCD9E8D57)
_W0 = np.uint64(0x9E3779B9)
_W1 = np.uint64(0xBB67AE85)
_S32 = np.uint64(32)
_MANTISSA = np.uint64(0x7FFFFF)
_NAN32 = np.float32(np.nan)
_BELOW_ONE = float(np.nextafter(1.0, 0.0))

# Box-Muller inputs: u = max(k·2^-23, 1e-7f), k the word's low 23 bits; as k' = max(k, 1e-7f·2^23).
_K_FLOOR = float(np.float32(1e-7)) * 2.0**23
_THETA_PER_K = 2.0 * float(np.float32(3.1415926)) * 2.0**-23  # θ = 2·float32(π)·u, exact products

_LN2_HI = 6.93147180369123816490e-01  # 32 significant bits: e·_LN2_HI is exact for |e| < 2^20
_LN2_LO = 1.90821492927058770002e-10
_SQRT_HALF_BITS = np.int64(0x3FE6A09E667F3BCD)
_EXPONENT_FIELD = np.int64(-(1 << 52))  # sign and exponent bits
_S52 = np.int64(52)
# fdlibm e_log.c: R(z) ~ (log((1+s)/(1-s)) - 2s)/s, z = s², |error| < 2^-58.45 for |s| <= 0.1716.
_LG1, _LG2, _LG3 = 6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01
_LG4, _LG5, _LG6 = 2.222219843214978396e-01, 1.818357216161805012e-01, 1.531383769920937332e-01
_LG7 = 1.479819860511658591e-01

_PIO2_HI = 1.57079632673412561417e+00  # 33 significant bits of π/2
_PIO2_LO = 6.07710050650619224932e-11
_TWO_OVER_PI = 2.0 / math.pi
_ROUND_SHIFT = 1.5 * 2.0**52  # x + shift - shift = x rounded to an integer, for |x| < 2^51
# fdlibm k_sin.c / k_cos.c, |r| <= π/4.
_S1, _S2, _S3 = -1.66666666666666324348e-01, 8.33333333332248946124e-03, -1.98412698298579493134e-04
_S4, _S5, _S6 = 2.75573137070700676789e-06, -2.50507602534068634195e-08, 1.58969099521155010221e-10
_C1, _C2, _C3 = 4.16666666666666019037e-02, -1.38888888888741095749e-03, 2.48015872894767294178e-05
_C4, _C5, _C6 = -2.75573143513906633035e-07, 2.08757232129817482790e-09, -1.13596475577881948265e-11
_S62 = np.int64(62)

_STRETCH = 4096  # elements per marked-element count


@_inline
def _philox(k0, k1, block):
    """The four words of one block (uint64 values; only the low 32 bits are the word)."""
    c0, c1 = block & _U32, block >> _S32
    c2, c3 = k0, k1
    for _ in range(10):
        p0 = _M0 * (c0 & _U32)
        p1 = _M1 * (c2 & _U32)
        c0, c1, c2, c3 = ((p1 >> _S32) ^ c1 ^ k0), p1 & _U32, ((p0 >> _S32) ^ c3 ^ k1), p0 & _U32
        k0 = (k0 + _W0) & _U32
        k1 = (k1 + _W1) & _U32
    return c0 & _U32, c1, c2 & _U32, c3


@_inline
def _decide(y, bound):
    """float32(y) if y ± bound round to the same float32, else NaN (see the module docstring)."""
    lo = np.float32(y - bound)
    hi = np.float32(y + bound)
    return lo if _f32_bits(lo) == _f32_bits(hi) else _NAN32


@_inline
def _marked(value) -> int:
    return 1 if value != value else 0


@_inline
def _log(x):
    """log x for positive normal doubles: fdlibm's reduction and series (module docstring)."""
    bits = _f64_bits(x)
    shifted = bits - _SQRT_HALF_BITS
    e = np.float64(shifted >> _S52)
    m = _bits_f64(bits - (shifted & _EXPONENT_FIELD))
    f = m - 1.0
    s = f / (2.0 + f)
    z = s * s
    r = z * (_LG1 + z * (_LG2 + z * (_LG3 + z * (_LG4 + z * (_LG5 + z * (_LG6 + z * _LG7))))))
    return e * _LN2_HI + ((2.0 * s + s * r) + e * _LN2_LO)


@_inline
def _log_mantissa(word):
    """log(max(k·2^-23, 1e-7f)), k = the word's low 23 bits."""
    return _log(max(np.float64(np.int64(word & _MANTISSA)), _K_FLOOR) * 2.0**-23)


@_inline
def _sincos_mantissa(word):
    """sin, cos of θ = 2·float32(π)·max(k·2^-23, 1e-7f) (an exact product), 0 <= θ < 2π."""
    theta = _THETA_PER_K * max(np.float64(np.int64(word & _MANTISSA)), _K_FLOOR)
    shifted = theta * _TWO_OVER_PI + _ROUND_SHIFT
    q = shifted - _ROUND_SHIFT
    quadrant = _f64_bits(shifted)
    r = (theta - q * _PIO2_HI) - q * _PIO2_LO
    z = r * r
    sin_r = r + (r * z) * (_S1 + z * (_S2 + z * (_S3 + z * (_S4 + z * (_S5 + z * _S6)))))
    cos_r = (1.0 - 0.5 * z) + (z * z) * (_C1 + z * (_C2 + z * (_C3 + z * (_C4 + z * (_C5 + z * _C6)))))
    swap = (quadrant & 1) == 1
    sin = cos_r if swap else sin_r
    cos = sin_r if swap else cos_r
    sin = _bits_f64(_f64_bits(sin) ^ ((quadrant & 2) << _S62))        # negated in quadrants 2, 3
    cos = _bits_f64(_f64_bits(cos) ^ (((quadrant + 1) & 2) << _S62))  # negated in quadrants 1, 2
    return sin, cos


@_inline
def _normal_pair(w1, w2, mean, sigma, mean_bound):
    """(value from cos, value from sin) of one Box-Muller pair; mean_bound = 2^-50.9 |mean|."""
    radius = math.sqrt(-2.0 * _log_mantissa(w1)) * sigma
    sin, cos = _sincos_mantissa(w2)
    t_cos = radius * cos
    t_sin = radius * sin
    return (_decide(mean + t_cos, 2.0**-43.9 * abs(t_cos) + mean_bound),
            _decide(mean + t_sin, 2.0**-43.9 * abs(t_sin) + mean_bound))


@_inline
def _uniform(word, scale, low):
    """float32(scale·s + low), s = word·2^-32 < 1: the reference's value itself, when the
    caller is compiled without contraction (module docstring). A NaN (from an infinite
    scale) is marked like any: the reference makes it."""
    return np.float32(scale * min(np.float64(word) * 2.0**-32, _BELOW_ONE) + low)


# Truncated normal: the reference is x = -erfcinv(2p)·√2' (SciPy), p = Φ(α) + s·(Φ(β) - Φ(α)).
# Here x = Φ⁻¹(p) by Cephes' ndtri, each branch as one fraction so that a single division
# serves both: central x = √(2π)·w·(Q0 + w²P0)/Q0 (w = p - ½), tail
# x = ±(z²D - (log z·D + N))/(zD) with N/D = P(1/z)/Q(1/z) and z = √(-2 log min(p, 1-p)).
# Within 2^-48 relative of SciPy's (tests check it on the branch edges, both tails, down to
# 2^-1000, and a million points); the float32 rounding bound is `mindspore_2_10_xla`'s, its
# 1/(x(1-p)) from a float32 division made 2^-20 larger (an upper bound is all it needs).
_EXP_M2 = math.exp(-2.0)
_SQRT_2PI = math.sqrt(2.0 * math.pi)
_SQRT2_RATIO = float(np.float32(1.4142135)) / math.sqrt(2.0)
_TINY = 2.0**-1000  # below this (subnormal territory) the reference decides
# Cephes ndtri (public domain): P0/Q0 central, P1/Q1 for 2 <= z < 8, P2/Q2 for z >= 8.
_P0_0, _P0_1, _P0_2, _P0_3, _P0_4 = (-5.99633501014107895267E1, 9.80010754185999661536E1, -5.66762857469070293439E1,
                                     1.39312609387279679503E1, -1.23916583867381258016E0)
_Q0_1, _Q0_2, _Q0_3, _Q0_4, _Q0_5, _Q0_6, _Q0_7, _Q0_8 = (
    1.95448858338141759834E0, 4.67627912898881538453E0, 8.63602421390890590575E1, -2.25462687854119370527E2,
    2.00260212380060660359E2, -8.20372256168333339912E1, 1.59056225126211695515E1, -1.18331621121330003142E0)
_P1 = (4.05544892305962419923E0, 3.15251094599893866154E1, 5.71628192246421288162E1, 4.40805073893200834700E1,
       1.46849561928858024014E1, 2.18663306850790267539E0, -1.40256079171354495875E-1, -3.50424626827848203418E-2,
       -8.57456785154685413611E-4)
_Q1 = (1.57799883256466749731E1, 4.53907635128879210584E1, 4.13172038254672030440E1, 1.50425385692907503408E1,
       2.50464946208309415979E0, -1.42182922854787788574E-1, -3.80806407691578277194E-2, -9.33259480895457427372E-4)
_P2 = (3.23774891776946035970E0, 6.91522889068984211695E0, 3.93881025292474443415E0, 1.33303460815807542389E0,
       2.01485389549179081538E-1, 1.23716634817820021358E-2, 3.01581553508235416007E-4, 2.65806974686737550832E-6,
       6.23974539184983293730E-9)
_Q2 = (6.02427039364742014255E0, 3.67983563856160859403E0, 1.37702099489081330271E0, 2.16236993594496635890E-1,
       1.34204006088543189037E-2, 3.28014464682127739104E-4, 2.89247864745380683936E-6, 6.79019408009981274425E-9)


@_inline
def _tail_fraction(inv, far):
    """(N, D): Cephes' tail rational P(inv)/Q(inv), the z >= 8 set where `far`."""
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
    return num, den


@_inline
def _in_tail(p):
    return (p <= _EXP_M2) | (p > 1.0 - _EXP_M2)


@_inline
def _ndtri_central(p):
    """Φ⁻¹(p) for e^-2 < p <= 1 - e^-2: Cephes' central rational as one fraction."""
    w = p - 0.5
    ww = w * w
    p0 = (((_P0_0 * ww + _P0_1) * ww + _P0_2) * ww + _P0_3) * ww + _P0_4
    q0 = (((((((ww + _Q0_1) * ww + _Q0_2) * ww + _Q0_3) * ww + _Q0_4) * ww + _Q0_5) * ww + _Q0_6) * ww
          + _Q0_7) * ww + _Q0_8
    return ((_SQRT_2PI * w) * (q0 + ww * p0)) / q0


@_inline
def _ndtri_tail(p):
    """Φ⁻¹(p) for 2^-1000 <= p <= e^-2 or 1 - e^-2 < p <= 1 - 2^-1000: Cephes' tail
    expansion as one fraction; the z >= 8 coefficient set selected per step."""
    upper = p > 1.0 - _EXP_M2
    tail_p = 1.0 - p if upper else p
    tail_p = tail_p if tail_p > 0.0 else 0.5
    z = math.sqrt(-2.0 * _log(tail_p))
    num, den = _tail_fraction(1.0 / z, z >= 8.0)
    zden = z * den
    x = (z * zden - (_log(z) * den + num)) / zden
    return x if upper else -x


@_inline
def _ndtri(p):
    """Φ⁻¹(p), 2^-1000 <= min(p, 1-p)."""
    return _ndtri_tail(p) if _in_tail(p) else _ndtri_central(p)


@_inline
def _truncated_p(word, cdf_alpha, width):
    return cdf_alpha + min(np.float64(word) * 2.0**-32, _BELOW_ONE) * width


@_inline
def _truncated_value(p, x, mean, sigma):
    """float32 of mean + σ·√2'·x/√2 for x = Φ⁻¹(p) within 2^-48 relative, or NaN."""
    t = (x * _SQRT2_RATIO) * sigma
    y = mean + t
    # p/φ(x): the Mills ratio below the median, max(4.14, 1/(x(1-p))) above (see the XLA module).
    reciprocal = np.float64(np.float32(1.0) / np.float32(x * (1.0 - p))) * (1.0 + 2.0**-20)
    p_over_density = 1.2534 if p < 0.5 else p * max(4.14, reciprocal)
    dx = 2.0**-48 * abs(x) + 2.0**-51 * p_over_density
    bound = (dx * _SQRT2_RATIO * sigma) * (1.0 + 2.0**-40) + 2.0**-51 * (abs(t) + abs(y))
    inside = (p >= _TINY) & (1.0 - p >= _TINY) & (p < 1.0)
    return _decide(y, bound) if inside else _NAN32


@_inline
def _truncated_tails(part, p, mean, sigma, lanes, tails):
    """Rewrite the elements of `part` whose p (same positions) lies in a tail: their positions
    gathered first (a scalar pass), then the tail expansion in a vector loop over just them,
    then scattered back. About a quarter of TruncatedNormal(-2, 2)'s elements: the tail costs
    several times the central rational, so all lanes computing both would waste most of it.
    Returns how many of `part` are marked."""
    n, count = part.shape[0], 0
    for i in range(n):
        lanes[count] = i
        count += 1 if _in_tail(p[i]) else 0
    for k in range(count):
        tails[k] = p[lanes[k]]
    for k in range(count):
        tails[k] = np.float64(_truncated_value(tails[k], _ndtri_tail(tails[k]), mean, sigma))
    for k in range(count):
        part[lanes[k]] = np.float32(tails[k])
    bad = 0
    for i in range(n):
        bad += _marked(part[i])
    return bad


@numba.njit(nogil=True, cache=True)
def _record(part, offset, marked, count):
    """Append offset + i for the NaN elements part[i] to `marked` (while room)."""
    for i in range(part.shape[0]):
        if part[i] != part[i]:
            if count < marked.shape[0]:
                marked[count] = offset + i
            count += 1
    return count


# --- 16-bit outputs: each stretch's float32 values rounded as `astype` rounds them -----------
# A float16/bfloat16 `out` arrives as its uint16 bits. The kernels then compute a stretch in a
# float32 scratch buffer (16 KiB: it stays in L1), mark from it, and round it into `out` in a
# vector loop: one pass over the output's memory, as for float32 (NumPy's own float32 ->
# float16 cast costs more than the Normal kernel itself: 2.8 ns an element here, this 0.3).
# Both roundings are integer arithmetic on the float32 bits, straight-line, so they vectorise
# and need no F16C or AVX-512-BF16; the tests compare them with NumPy's and ml_dtypes' casts
# on all 2^32 float32 inputs (bench) and on every rounding boundary (CI). A NaN (a marked
# element) stays a NaN, its payload aside: the caller recomputes it with the reference.
_HALF_MAGIC = np.float32(0.5)  # x + 0.5f rounds x < 2^-14 to binary16's subnormal spacing 2^-24
_HALF_MAGIC_BITS = 126 << 23


@_inline
def _binary16_bits(value):
    """The IEEE binary16 bits of float32 `value`, rounded to nearest, ties to even (NumPy's
    `astype(float16)`): F. Giesen's float_to_half_fast3_rtne, branch-free."""
    x = np.int64(_f32_bits(value))
    sign = (x >> 16) & 0x8000
    magnitude = x & 0x7FFFFFFF
    # 2^-14 <= |x| < 2^16: rebias the exponent, round the 13 dropped bits (a carry may reach inf)
    normal = (magnitude + (0xFFF - (112 << 23)) + ((magnitude >> 13) & 1)) >> 13
    # |x| < 2^-14: the float32 addition rounds to the subnormal grid
    small = np.int64(_f32_bits(np.float32(abs(value)) + _HALF_MAGIC)) - _HALF_MAGIC_BITS
    large = 0x7E00 if magnitude > 0x7F800000 else 0x7C00  # NaN, else inf
    bits = small if magnitude < (113 << 23) else (normal if magnitude < (143 << 23) else large)
    return np.uint16(bits | sign)


@_inline
def _bfloat16_bits(value):
    """The bfloat16 bits of float32 `value`, rounded to nearest, ties to even (ml_dtypes')."""
    x = np.int64(_f32_bits(value)) & 0xFFFFFFFF
    rounded = (x + 0x7FFF + ((x >> 16) & 1)) >> 16
    nan = ((x >> 16) & 0x8000) | 0x7FC0
    return np.uint16(nan if (x & 0x7FFFFFFF) > 0x7F800000 else rounded)


def _stretch(out, start, stop, scratch):
    """Where a kernel writes the float32 values of out[start:stop]."""


def _store(out, start, values, bfloat16):
    """out[start:start + len(values)] = the float32 `values`, in out's format."""


@overload(_stretch, inline="always")
def _stretch_by_format(out, start, stop, scratch):
    if out.dtype == types.float32:
        return lambda out, start, stop, scratch: out[start:stop]  # in place
    return lambda out, start, stop, scratch: scratch[:stop - start]


@overload(_store, inline="always")
def _store_by_format(out, start, values, bfloat16):
    if out.dtype == types.float32:
        return lambda out, start, values, bfloat16: None  # written in place already

    def store_bits(out, start, values, bfloat16):
        target = out[start:start + values.shape[0]]  # a view indexed from 0: vectorised
        if bfloat16:
            for i in range(values.shape[0]):
                target[i] = _bfloat16_bits(values[i])
        else:
            for i in range(values.shape[0]):
                target[i] = _binary16_bits(values[i])
    return store_bits


# --- the `mindspore` generator: element i is word i % 4 of Philox block i // 4 -----------------
# `out`: float32, or the uint16 bits of float16 (bfloat16 where `bfloat16`) values.

@_exact_kernel
def uniform_blocks(k0, k1, first_block, scale, low, out, marked, bfloat16=False):
    """out[4j .. 4j+3] = Uniform elements of block first_block + j (NaN: ask the reference);
    `scale` = high - low, both as the reference rounds them. Returns the marked count (the
    NaNs of an infinite scale: the values are exact, see the module docstring)."""
    blocks, count = out.shape[0] // 4, 0
    scratch = np.empty(_STRETCH, np.float32)
    for start in range(0, blocks, _STRETCH // 4):
        stop, bad = min(blocks, start + _STRETCH // 4), 0
        part, base = _stretch(out, 4 * start, 4 * stop, scratch), first_block + start  # indexed from 0: vectorised
        for j in range(stop - start):
            c0, c1, c2, c3 = _philox(k0, k1, np.uint64(base + j))
            a, b, c, d = _uniform(c0, scale, low), _uniform(c1, scale, low), _uniform(c2, scale, low), _uniform(c3, scale, low)
            part[4 * j], part[4 * j + 1], part[4 * j + 2], part[4 * j + 3] = a, b, c, d
            bad += _marked(a) + _marked(b) + _marked(c) + _marked(d)
        if bad:
            count = _record(part, 4 * start, marked, count)
        _store(out, 4 * start, part, bfloat16)
    return count


@_kernel
def normal_blocks(k0, k1, first_block, mean, sigma, out, marked, bfloat16=False):
    """out[4j .. 4j+3] = Normal elements of block first_block + j (NaN: ask the reference)."""
    mean_bound = 2.0**-50.9 * abs(mean)
    blocks, count = out.shape[0] // 4, 0
    scratch = np.empty(_STRETCH, np.float32)
    for start in range(0, blocks, _STRETCH // 4):
        stop, bad = min(blocks, start + _STRETCH // 4), 0
        part, base = _stretch(out, 4 * start, 4 * stop, scratch), first_block + start  # indexed from 0: vectorised
        for j in range(stop - start):
            c0, c1, c2, c3 = _philox(k0, k1, np.uint64(base + j))
            a, b = _normal_pair(c0, c1, mean, sigma, mean_bound)
            c, d = _normal_pair(c2, c3, mean, sigma, mean_bound)
            part[4 * j], part[4 * j + 1], part[4 * j + 2], part[4 * j + 3] = a, b, c, d
            bad += _marked(a) + _marked(b) + _marked(c) + _marked(d)
        if bad:
            count = _record(part, 4 * start, marked, count)
        _store(out, 4 * start, part, bfloat16)
    return count


@_kernel
def truncated_normal_blocks(k0, k1, first_block, mean, sigma, cdf_alpha, width, out, marked, bfloat16=False):
    """out[4j .. 4j+3] = TruncatedNormal elements of block first_block + j (NaN: ask the
    reference); `cdf_alpha`, `width` = Φ(α), Φ(β) - Φ(α) as the reference computes them.
    Per stretch: p and the central branch for every element, then the tails apart."""
    blocks, count = out.shape[0] // 4, 0
    p = np.empty(_STRETCH)
    lanes, tails = np.empty(_STRETCH, np.int64), np.empty(_STRETCH)
    scratch = np.empty(_STRETCH, np.float32)
    for start in range(0, blocks, _STRETCH // 4):
        stop = min(blocks, start + _STRETCH // 4)
        part, base = _stretch(out, 4 * start, 4 * stop, scratch), first_block + start  # indexed from 0: vectorised
        for j in range(stop - start):
            c0, c1, c2, c3 = _philox(k0, k1, np.uint64(base + j))
            pa, pb = _truncated_p(c0, cdf_alpha, width), _truncated_p(c1, cdf_alpha, width)
            pc, pd = _truncated_p(c2, cdf_alpha, width), _truncated_p(c3, cdf_alpha, width)
            p[4 * j], p[4 * j + 1], p[4 * j + 2], p[4 * j + 3] = pa, pb, pc, pd
            part[4 * j] = _truncated_value(pa, _ndtri_central(pa), mean, sigma)
            part[4 * j + 1] = _truncated_value(pb, _ndtri_central(pb), mean, sigma)
            part[4 * j + 2] = _truncated_value(pc, _ndtri_central(pc), mean, sigma)
            part[4 * j + 3] = _truncated_value(pd, _ndtri_central(pd), mean, sigma)
        if _truncated_tails(part, p, mean, sigma, lanes, tails):
            count = _record(part, 4 * start, marked, count)
        _store(out, 4 * start, part, bfloat16)
    return count


# --- the `threefry` generator (its module states the definition): element 2j + l is word l of
# Threefry-2x32-20 on the counter (hi32(c), lo32(c)), c = first_pair + j, as `jax.random`'s
# `threefry_2x32` computes it. uint32 lanes, so the rotations are single vector instructions.
_U = np.uint32
_KS_PARITY = np.uint32(0x1BD11BDA)


@_inline
def _threefry_round(x0, x1, r):
    x0 = _U(x0 + x1)
    x1 = _U(_U(x1 << _U(r)) | _U(x1 >> _U(32 - r)))
    return x0, _U(x1 ^ x0)


@_inline
def _threefry_four(x0, x1, r0, r1, r2, r3):
    x0, x1 = _threefry_round(x0, x1, r0)
    x0, x1 = _threefry_round(x0, x1, r1)
    x0, x1 = _threefry_round(x0, x1, r2)
    return _threefry_round(x0, x1, r3)


@_inline
def _threefry(k0, k1, counter):
    """Both output words (uint32) of Threefry-2x32 (20 rounds) keyed (k0, k1) on (hi32, lo32) of `counter`."""
    k2 = _U(k0 ^ k1 ^ _KS_PARITY)
    x0 = _U(_U(counter >> _S32) + k0)
    x1 = _U(_U(counter & _U32) + k1)
    x0, x1 = _threefry_four(x0, x1, 13, 15, 26, 6)
    x0, x1 = _U(x0 + k1), _U(x1 + _U(k2 + _U(1)))
    x0, x1 = _threefry_four(x0, x1, 17, 29, 16, 24)
    x0, x1 = _U(x0 + k2), _U(x1 + _U(k0 + _U(2)))
    x0, x1 = _threefry_four(x0, x1, 13, 15, 26, 6)
    x0, x1 = _U(x0 + k0), _U(x1 + _U(k1 + _U(3)))
    x0, x1 = _threefry_four(x0, x1, 17, 29, 16, 24)
    x0, x1 = _U(x0 + k1), _U(x1 + _U(k2 + _U(4)))
    x0, x1 = _threefry_four(x0, x1, 13, 15, 26, 6)
    return _U(x0 + k2), _U(x1 + _U(k0 + _U(5)))


@_kernel
def threefry_words(k0, k1, first_pair, out):
    """out[2j], out[2j+1] = the two words of counter first_pair + j (uint32; k0, k1 uint32)."""
    for j in range(out.shape[0] // 2):
        x0, x1 = _threefry(k0, k1, np.uint64(first_pair + j))
        out[2 * j] = x0
        out[2 * j + 1] = x1


@_exact_kernel
def threefry_uniform_pairs(k0, k1, first_pair, scale, low, out, marked, bfloat16=False):
    """`uniform_blocks` on threefry words: counter first_pair + j gives elements 2j, 2j+1."""
    pairs, count = out.shape[0] // 2, 0
    scratch = np.empty(_STRETCH, np.float32)
    for start in range(0, pairs, _STRETCH // 2):
        stop, bad = min(pairs, start + _STRETCH // 2), 0
        part, base = _stretch(out, 2 * start, 2 * stop, scratch), first_pair + start
        for j in range(stop - start):
            x0, x1 = _threefry(k0, k1, np.uint64(base + j))
            a, b = _uniform(np.uint64(x0), scale, low), _uniform(np.uint64(x1), scale, low)
            part[2 * j], part[2 * j + 1] = a, b
            bad += _marked(a) + _marked(b)
        if bad:
            count = _record(part, 2 * start, marked, count)
        _store(out, 2 * start, part, bfloat16)
    return count


@_kernel
def threefry_normal_pairs(k0, k1, first_pair, mean, sigma, out, marked, bfloat16=False):
    """`normal_blocks` on threefry words: one Box-Muller pair per counter."""
    mean_bound = 2.0**-50.9 * abs(mean)
    pairs, count = out.shape[0] // 2, 0
    scratch = np.empty(_STRETCH, np.float32)
    for start in range(0, pairs, _STRETCH // 2):
        stop, bad = min(pairs, start + _STRETCH // 2), 0
        part, base = _stretch(out, 2 * start, 2 * stop, scratch), first_pair + start
        for j in range(stop - start):
            x0, x1 = _threefry(k0, k1, np.uint64(base + j))
            a, b = _normal_pair(np.uint64(x0), np.uint64(x1), mean, sigma, mean_bound)
            part[2 * j], part[2 * j + 1] = a, b
            bad += _marked(a) + _marked(b)
        if bad:
            count = _record(part, 2 * start, marked, count)
        _store(out, 2 * start, part, bfloat16)
    return count


@_kernel
def threefry_truncated_normal_pairs(k0, k1, first_pair, mean, sigma, cdf_alpha, width, out, marked, bfloat16=False):
    """`truncated_normal_blocks` on threefry words."""
    pairs, count = out.shape[0] // 2, 0
    p = np.empty(_STRETCH)
    lanes, tails = np.empty(_STRETCH, np.int64), np.empty(_STRETCH)
    scratch = np.empty(_STRETCH, np.float32)
    for start in range(0, pairs, _STRETCH // 2):
        stop = min(pairs, start + _STRETCH // 2)
        part, base = _stretch(out, 2 * start, 2 * stop, scratch), first_pair + start
        for j in range(stop - start):
            x0, x1 = _threefry(k0, k1, np.uint64(base + j))
            pa, pb = _truncated_p(np.uint64(x0), cdf_alpha, width), _truncated_p(np.uint64(x1), cdf_alpha, width)
            p[2 * j], p[2 * j + 1] = pa, pb
            part[2 * j] = _truncated_value(pa, _ndtri_central(pa), mean, sigma)
            part[2 * j + 1] = _truncated_value(pb, _ndtri_central(pb), mean, sigma)
        if _truncated_tails(part, p, mean, sigma, lanes, tails):
            count = _record(part, 2 * start, marked, count)
        _store(out, 2 * start, part, bfloat16)
    return count


# --- the 16-bit roundings on their own, for the tests against NumPy's and ml_dtypes' casts ----

@_kernel
def round_to_16_bits(values, out, bfloat16):
    """out = the float16 (bfloat16 where `bfloat16`) bits of the float32 `values`."""
    _store(out, 0, values, bfloat16)


# --- the pieces on their own, for the tests of their error bounds -------------------------------

@_kernel
def ndtri_array(p, out):
    """out[i] = Φ⁻¹(p[i]) by the kernels' ndtri."""
    for i in range(p.shape[0]):
        out[i] = _ndtri(p[i])


@_kernel
def log_mantissa_all(out):
    """out[k] = the kernels' log(max(k·2^-23, 1e-7f)) for every k < 2^23."""
    for k in range(out.shape[0]):
        out[k] = _log_mantissa(np.uint64(k))


@_kernel
def sincos_mantissa_all(sin, cos):
    """sin[k], cos[k] = the kernels' sin, cos of 2·float32(π)·max(k·2^-23, 1e-7f) for every k < 2^23."""
    for k in range(sin.shape[0]):
        sin[k], cos[k] = _sincos_mantissa(np.uint64(k))
