"""The `mindspore` generator: MindSpore 2.10's initializer sampling, bit for bit (spec §6.3).

Each materialisation draws one 64-bit seed from NumPy's legacy global RandomState
(`randint(1, 2**63)`), keys a standard Philox4x32-10 with it, and transforms the uint32
stream in double precision before rounding to float32. Element i reads block i // 4, so
any set of elements can be generated without the rest.
"""
from __future__ import annotations

import numpy as np
from scipy import special

from .base import Generator
from .distributions import Normal, TruncatedNormal, Uniform
from .philox import philox4x32_blocks, philox4x32_range

_TWO_PI_F32 = 2.0 * float(np.float32(3.1415926))
_SQRT2_F32 = float(np.float32(1.4142135))
_FLOOR_F32 = np.float32(1e-7)
_BELOW_ONE = np.nextafter(1.0, 0.0)


class MindSpore210(Generator):
    """Stateless: the record is the 64-bit seed; every element is a pure function of it."""
    name = "mindspore"
    elementwise = True
    samples_on_device = False

    def draw(self, initializer, distribution, shape, name=None) -> int:
        """Take the seed from NumPy's global RNG, exactly when and as MindSpore 2.10 does."""
        return int(np.random.randint(low=1, high=2**63, dtype=np.int64))

    def sample(self, seed: int, distribution, index, name=None) -> np.ndarray:
        return sample(seed, distribution, index)


def _words(seed: int, index: np.ndarray) -> np.ndarray:
    """Stream word `index[j]` for every j (uint32)."""
    if index.size == 0:
        return np.empty(0, np.uint32)
    first, last = int(index.min()) // 4, int(index.max()) // 4
    if index.size >= last - first + 1:  # dense: compute each block once, compiled
        blocks = philox4x32_range(seed, first, last - first + 1)
        return blocks.reshape(-1)[index - first * 4]
    blocks = philox4x32_blocks(seed, (index // 4).astype(np.uint64))
    return blocks[np.arange(index.size), index % 4]


def _unit_interval(words: np.ndarray) -> np.ndarray:
    s = words.astype(np.float64) / 2.0**32
    return np.minimum(s, _BELOW_ONE)


def _mantissa_fraction(words: np.ndarray) -> np.ndarray:
    bits = (words & np.uint32(0x7FFFFF)) | np.uint32(127 << 23)
    return np.maximum(bits.view(np.float32) - np.float32(1.0), _FLOOR_F32)


def sample(seed: int, distribution, index) -> np.ndarray:
    """float32 values of the flat elements `index` (a range or an int64 array): the reference."""
    if isinstance(index, range):
        index = np.arange(index.start, index.stop, dtype=np.int64)
    index = np.asarray(index, dtype=np.int64)
    if isinstance(distribution, Uniform):
        low, high = float(np.float32(distribution.low)), float(np.float32(distribution.high))
        return ((high - low) * _unit_interval(_words(seed, index)) + low).astype(np.float32)
    if isinstance(distribution, Normal):
        return _normal(seed, distribution, index)
    if isinstance(distribution, TruncatedNormal):
        return _truncated_normal(seed, distribution, index)
    raise TypeError(f"unknown distribution {distribution!r}")


def _normal(seed, distribution: Normal, index):
    """Box-Muller on word pairs (2k, 2k+1): element 2k takes the cosine, 2k+1 the sine."""
    mean, sigma = float(np.float32(distribution.mean)), float(np.float32(distribution.sigma))
    first, last = (int(index[0]), int(index[-1])) if index.size else (0, -1)
    if index.size and last - first + 1 == index.size:  # contiguous: each pair's transform once
        first_pair, last_pair = first // 2, last // 2
        words = _words(seed, np.arange(2 * first_pair, 2 * last_pair + 2, dtype=np.int64))
        radius, theta = _polar(words[0::2], words[1::2], sigma)
        pairs = np.empty((last_pair - first_pair + 1, 2), dtype=np.float64)
        pairs[:, 0] = mean + radius * np.cos(theta)
        pairs[:, 1] = mean + radius * np.sin(theta)
        return pairs.reshape(-1)[first - 2 * first_pair:last - 2 * first_pair + 1].astype(np.float32)
    radius, theta = _polar(_words(seed, (index // 2) * 2), _words(seed, (index // 2) * 2 + 1), sigma)
    trig = np.where((index % 2).astype(bool), np.sin(theta), np.cos(theta))
    return (mean + radius * trig).astype(np.float32)


def _polar(u1_words, u2_words, sigma):
    u1 = _mantissa_fraction(u1_words).astype(np.float64)
    u2 = _mantissa_fraction(u2_words).astype(np.float64)
    return np.sqrt(-2.0 * np.log(u1)) * sigma, _TWO_PI_F32 * u2


def _truncated_normal(seed, distribution: TruncatedNormal, index):
    """Inverse CDF: p uniform in [Φ(α), Φ(β)], x = -erfcinv(2p)·√2."""
    mean = float(np.float32(distribution.mean))
    sigma = float(np.float32(distribution.sigma))
    a, b = float(np.float32(distribution.a)), float(np.float32(distribution.b))
    alpha, beta = (a - mean) / sigma, (b - mean) / sigma
    cdf_alpha = special.erfc(-alpha / _SQRT2_F32) / 2.0
    cdf_beta = special.erfc(-beta / _SQRT2_F32) / 2.0
    p = cdf_alpha + _unit_interval(_words(seed, index)) * (cdf_beta - cdf_alpha)
    x = -special.erfcinv(2.0 * p) * _SQRT2_F32
    return (mean + x * sigma).astype(np.float32)


MINDSPORE_2_10 = MindSpore210()
