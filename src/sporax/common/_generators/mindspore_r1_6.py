"""The `mindspore-r1.6` generator: MindSpore r1.6's initializer sampling (spec §6.4).

r1.6 had two sources. `Normal` used an in-house Philox variant keyed by the graph seed
pair `(global seed, per-kernel counter)`, filling the tensor in 16 chunks with 4 values per
call; this reproduces the seed notebook's printed Conv2d outputs. Every other random
initializer drew from NumPy's legacy global RandomState (`np.random.uniform`,
`np.random.normal`, `scipy.stats.truncnorm`).

Deferral: the NumPy-drawn initializers snapshot the global RandomState when MindSpore would
have drawn, then advance it by the same draws (discarding them) so NumPy's state afterwards
is what r1.6 leaves; the values are replayed from the snapshot when needed. Neither source
can skip ahead, so slices are cut from the whole tensor.
"""
from __future__ import annotations

import os

import numpy as np

from .. import seed as _seed
from .base import Generator
from .distributions import Normal, TruncatedNormal, Uniform
from .philox import philox_r16_calls_fast

_CHUNKS = 16
_BURN_CHUNK = 1 << 20
_TWO_PI_R16 = np.float32(2.0 * 3.14)


# r1.6's `Normal` class (and subclasses, which inherited its kernel) drew from the graph-seeded
# Philox; every other initializer, normal-distributed ones included, drew from NumPy.
_GRAPH_SEEDED_CLASS = "sporax.common.initializer.Normal"


def _graph_seeded(initializer) -> bool:
    return any(f"{c.__module__}.{c.__qualname__}" == _GRAPH_SEEDED_CLASS for c in type(initializer).__mro__)


class MindSporeR16(Generator):
    """Stateless itself: the graph-seed counters belong to `seed` (MindSpore's own state)
    and the NumPy stream to NumPy."""
    name = "mindspore-r1.6"
    elementwise = False
    samples_on_device = False

    def draw(self, initializer, distribution, shape, name=None):
        size = int(np.prod(shape, dtype=np.int64))
        if _graph_seeded(initializer):
            seed, seed2 = _seed._get_graph_seed(_seed.get_seed(), "init")
            if seed == 0 and seed2 == 0:  # r1.6 seeded from the clock: not reproducible
                seed, seed2 = (int.from_bytes(os.urandom(4), "little") for _ in range(2))
            return ("philox", seed, seed2)
        state = np.random.get_state()
        _advance_global_rng(distribution, size)
        return ("numpy", state)

    def sample(self, record, distribution, index, name=None) -> np.ndarray:
        return sample(record, distribution, index)


def _advance_global_rng(distribution, size: int) -> None:
    for start in range(0, size, _BURN_CHUNK):
        n = min(_BURN_CHUNK, size - start)
        if isinstance(distribution, Normal):
            np.random.standard_normal(n)
        else:
            np.random.random_sample(n)


def sample(record, distribution, index) -> np.ndarray:
    """float32 values of the flat elements `index` (a range or an int64 array)."""
    index = np.arange(index.start, index.stop) if isinstance(index, range) else np.asarray(index)
    size = int(index.max()) + 1 if index.size else 0
    if record[0] == "philox":
        _, seed, seed2 = record
        whole = _r16_normal(seed, seed2, size, distribution)
    else:
        whole = _numpy_stream(record[1], distribution, size)
    return whole[index]


def _r16_normal(seed, seed2, size, distribution: Normal) -> np.ndarray:
    lengths = [size] if size <= _CHUNKS else [size // _CHUNKS] * (_CHUNKS - 1) + [size - (size // _CHUNKS) * (_CHUNKS - 1)]
    offsets = [-(-(n * t) // 4) for t, n in enumerate(lengths)]
    calls = -(-max(lengths) // 4)
    words = philox_r16_calls_fast(seed, seed2, np.array(offsets, dtype=np.uint64), calls)
    values = _box_muller_sin_first(words).reshape(len(lengths), -1)
    standard = np.concatenate([values[t, :n] for t, n in enumerate(lengths)])
    return standard * np.float32(distribution.sigma) + np.float32(distribution.mean)


def _box_muller_sin_first(words: np.ndarray) -> np.ndarray:
    bits = (words & np.uint32(0x7FFFFF)) | np.uint32(127 << 23)
    u = np.maximum(bits.view(np.float32) - np.float32(1.0), np.float32(1e-7)).astype(np.float64)
    radius = np.sqrt(-2.0 * np.log(u[..., 0::2]))
    theta = float(_TWO_PI_R16) * u[..., 1::2]
    out = np.empty(words.shape, dtype=np.float32)
    out[..., 0::2] = radius * np.sin(theta)
    out[..., 1::2] = radius * np.cos(theta)
    return out.reshape(words.shape[:-2] + (-1,))


def _numpy_stream(state, distribution, size) -> np.ndarray:
    stream = np.random.RandomState()
    stream.set_state(state)
    if isinstance(distribution, Uniform):
        return stream.uniform(distribution.low, distribution.high, size).astype(np.float32)
    if isinstance(distribution, Normal):
        return stream.normal(distribution.mean, distribution.sigma, size).astype(np.float32)
    if isinstance(distribution, TruncatedNormal):
        alpha = (distribution.a - distribution.mean) / distribution.sigma
        beta = (distribution.b - distribution.mean) / distribution.sigma
        from scipy import special  # on first use: `import sporax` does not load SciPy
        lo, hi = special.ndtr(alpha), special.ndtr(beta)
        z = special.ndtri(lo + stream.random_sample(size) * (hi - lo))
        return (distribution.mean + distribution.sigma * z).astype(np.float32)
    raise TypeError(f"unknown distribution {distribution!r}")


MINDSPORE_R1_6 = MindSporeR16()
