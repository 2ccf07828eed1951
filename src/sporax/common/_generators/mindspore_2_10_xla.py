"""The `mindspore` generator as fused XLA kernels: Philox4x32-10 and the double-precision
transforms of spec §6.3 in one loop per chunk, on whatever device JAX runs (CPU or GPU).

Exact by construction, not by luck: the transforms use `vector_math` (vectorisable, with
known error bounds), each result carries a bound on its distance from the reference's double
value, and `exact_float32` rounds it only where the bound decides the float32; the rest
(about one element in 2^19) are recomputed by the NumPy reference. So the values equal the
reference's bit for bit whatever the device, the vector width, FMA contraction, the chunk
size or the thread count.

Per-element error bounds (against the reference's double result y_ref, t = the random term):
- Uniform  y = (high-low)·s + low: two roundings either side, |Δy| <= 2^-51 (|t| + |y|).
- Normal   y = mean + √(-2 ln u1)·σ·trig(2π'u2): θ = 2π'·u2 is exact (24-bit × 23-bit
  product), log and sin/cos within 2^-50 relative, so |Δy| <= 2^-44 |t| + 2^-51 |y|.
- TruncatedNormal  y = mean + σ·√2'·Φ⁻¹(p)/√2, p = Φ(α) + s(Φ(β)-Φ(α)): p within
  2 ulp (2^-51 p), so Φ⁻¹(p) moves by at most 2^-51·p/φ(x);
  ndtri within 2^-48 relative of SciPy's erfcinv form. p/φ(x) <= √(π/2) for p < ½ (the
  Mills ratio), and for p >= ½, 1 - p = Q(x) <= φ(x)/x and 1/φ(x) <= √(2π)e^½ < 4.14 on
  [0, 1] give p/φ(x) <= p·max(4.14, 1/(x(1-p))).
"""
from __future__ import annotations

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from . import vector_math
from .distributions import Normal, TruncatedNormal, Uniform
from .exact_float32 import round_or_mark
from .philox import _jax_rounds

_TWO_PI_F32 = 2.0 * float(np.float32(3.1415926))
_SQRT2_RATIO = float(np.float32(1.4142135)) / math.sqrt(2.0)
_FLOOR_F32 = float(np.float32(1e-7))
_BELOW_ONE = float(np.nextafter(1.0, 0.0))

# Kernel lengths (in 4-word blocks) are rounded up to these sizes: few compilations. The +1
# holds a range that starts inside a block. Longer ranges are cut into pieces of the last.
_BLOCK_BUCKETS = tuple((1 << k) + 1 for k in (10, 12, 14, 16, 18))
PIECE = 4 * (_BLOCK_BUCKETS[-1] - 1)


def _blocks_bucket(blocks: int) -> int:
    return next(size for size in _BLOCK_BUCKETS if blocks <= size)


def kernel_params(distribution, scipy_special) -> tuple[str, np.ndarray]:
    """(kind, four float64 parameters), rounded and precomputed exactly as the reference does."""
    if isinstance(distribution, Uniform):
        low, high = float(np.float32(distribution.low)), float(np.float32(distribution.high))
        return "uniform", np.array([high - low, low, 0.0, 0.0])
    if isinstance(distribution, Normal):
        return "normal", np.array([float(np.float32(distribution.mean)), float(np.float32(distribution.sigma)), 0.0, 0.0])
    if isinstance(distribution, TruncatedNormal):
        mean, sigma = float(np.float32(distribution.mean)), float(np.float32(distribution.sigma))
        a, b = float(np.float32(distribution.a)), float(np.float32(distribution.b))
        sqrt2 = float(np.float32(1.4142135))
        cdf_alpha = scipy_special.erfc(-((a - mean) / sigma) / sqrt2) / 2.0
        cdf_beta = scipy_special.erfc(-((b - mean) / sigma) / sqrt2) / 2.0
        return "truncated_normal", np.array([mean, sigma, cdf_alpha, cdf_beta - cdf_alpha])
    raise TypeError(f"unknown distribution {distribution!r}")


def _unit_interval(words):
    return jnp.minimum(words.astype(jnp.float64) * 2.0**-32, _BELOW_ONE)


def _mantissa_fraction(words):
    return jnp.maximum((words & jnp.uint32(0x7FFFFF)).astype(jnp.float64) * 2.0**-23, _FLOOR_F32)


def _uniform(words, params):
    t = params[0] * _unit_interval(words)
    y = t + params[1]
    return round_or_mark(y, 2.0**-51 * (jnp.abs(t) + jnp.abs(y)))


def _normal_pair(w1, w2, params):
    """(value from cos, value from sin) of one Box-Muller pair."""
    mean, sigma = params[0], params[1]
    radius = jnp.sqrt(-2.0 * vector_math.log(_mantissa_fraction(w1))) * sigma
    sin, cos = vector_math.sincos(_TWO_PI_F32 * _mantissa_fraction(w2))
    out = []
    for trig in (cos, sin):
        t = radius * trig
        y = mean + t
        out.append(round_or_mark(y, 2.0**-44 * jnp.abs(t) + 2.0**-51 * jnp.abs(y)))
    return out


def _truncated_normal(words, params):
    mean, sigma, cdf_alpha, width = params[0], params[1], params[2], params[3]
    p = cdf_alpha + _unit_interval(words) * width
    x = vector_math.ndtri(p)
    t = (x * _SQRT2_RATIO) * sigma
    y = mean + t
    # p/φ(x) bounded by the Mills ratio below the median, by max(4.14, 1/(x(1-p))) above it.
    p_over_density = jnp.where(p < 0.5, 1.2534, p * jnp.maximum(4.14, 1.0 / (x * (1.0 - p))))
    dx = 2.0**-48 * jnp.abs(x) + 2.0**-51 * p_over_density
    bound = (dx * _SQRT2_RATIO * sigma) * (1.0 + 2.0**-40) + 2.0**-51 * (jnp.abs(t) + jnp.abs(y))
    value = round_or_mark(y, bound)
    return jnp.where((p > 0.0) & (p < 1.0), value, jnp.float32(np.nan))


def _philox_words(k0, k1, blocks):
    c0, c1 = blocks.astype(jnp.uint32), (blocks >> 32).astype(jnp.uint32)
    c2, c3 = jnp.full(blocks.shape, k0, jnp.uint32), jnp.full(blocks.shape, k1, jnp.uint32)
    c0, c1, c2, c3, _, _ = _jax_rounds(c0, c1, c2, c3, k0, k1, r16=False)
    return c0, c1, c2, c3


@functools.partial(jax.jit, static_argnames=("kind", "blocks"))
def _range_kernel(k0, k1, first_block, params, kind, blocks):
    """float32 (or NaN) of elements 4·first_block ... 4·(first_block + blocks) - 1."""
    words = _philox_words(k0, k1, first_block + lax.iota(jnp.uint64, blocks))
    if kind == "normal":
        lanes = _normal_pair(words[0], words[1], params) + _normal_pair(words[2], words[3], params)
    elif kind == "uniform":
        lanes = [_uniform(w, params) for w in words]
    else:
        lanes = [_truncated_normal(w, params) for w in words]
    return jnp.stack(lanes, axis=-1).reshape(-1)


@functools.partial(jax.jit, static_argnames=("kind",))
def _index_kernel(k0, k1, index, params, kind):
    """float32 (or NaN) of the elements `index` (int64), each on its own."""
    c0, c1, c2, c3 = _philox_words(k0, k1, (index >> 2).astype(jnp.uint64))
    lane = (index & 3).astype(jnp.int32)
    if kind == "normal":
        second_pair = lane >= 2
        cos_value, sin_value = _normal_pair(jnp.where(second_pair, c2, c0), jnp.where(second_pair, c3, c1), params)
        return jnp.where((lane & 1) == 1, sin_value, cos_value)
    word = jnp.where(lane >= 2, jnp.where(lane == 3, c3, c2), jnp.where(lane == 1, c1, c0))
    return _uniform(word, params) if kind == "uniform" else _truncated_normal(word, params)


_INDEX_TILE = 4096


def sample_marked(seed: int, kind: str, params: np.ndarray, index) -> np.ndarray:
    """float32 values of the flat elements `index` (a range of at most PIECE elements or an
    int64 array), NaN where the reference must decide. A read-only array."""
    return np.asarray(sample_marked_on_device(seed, kind, params, index))


def sample_marked_on_device(seed: int, kind: str, params: np.ndarray, index) -> jax.Array:
    """`sample_marked` left on the default device."""
    k0, k1 = np.uint32(seed & 0xFFFFFFFF), np.uint32((seed >> 32) & 0xFFFFFFFF)
    n = len(index)
    if isinstance(index, range):
        first_block = index.start // 4
        offset = index.start - 4 * first_block
        blocks = _blocks_bucket(-(-(offset + n) // 4))
        values = _range_kernel(k0, k1, np.uint64(first_block), params, kind=kind, blocks=blocks)
        return values[offset:offset + n]
    padded = -(-n // _INDEX_TILE) * _INDEX_TILE
    index = np.concatenate([np.asarray(index, np.int64), np.zeros(padded - n, np.int64)])
    return _index_kernel(k0, k1, index, params, kind=kind)[:n]
