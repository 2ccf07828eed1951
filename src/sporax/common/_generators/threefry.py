"""The `threefry` generator: `jax.random`'s Threefry-2x32 hash, counter-based, any device.

Counter k gives two words, `(w0, w1) = threefry2x32(key, (hi32(k), lo32(k)))`; element i
reads word `i & 1` of counter `i >> 1`, so any element set is generated independently of
the rest, of chunking and of sharding. The key is `fold_in(PRNGKey(seed), stream)`: `stream`
counts draws since `set_seed`. With `set_context(threefry_key='name')` a Parameter is keyed
by its full name instead, so adding a layer shifts no other layer's values.

The words go through the `mindspore` generator's transforms (spec §6.3; `reference` below
computes them in NumPy/SciPy double precision): Uniform and TruncatedNormal take one word per
element; Normal is Box-Muller on each counter's pair, element 2k the cosine, 2k+1 the sine.
So a generator changes the random bits, never the distribution. The fast paths (numba's
vector loop on the CPU, one XLA kernel on a GPU) compute with the `mindspore` kernels' error
bounds and take the few undecided elements from the reference: CPU and GPU values are
bit-identical.
"""
from __future__ import annotations

import functools
import hashlib
import os

import jax
import jax.numpy as jnp
import numpy as np

from ... import context
from .. import seed as _seed
from . import device_pieces, mindspore_2_10
from .base import Generator
from .distributions import Normal, TruncatedNormal, Uniform

# Without set_seed MindSpore's values differ run to run; so do these.
_UNSEEDED_BASE = int.from_bytes(os.urandom(4), "little")

# Below this many elements the reference is quicker than a kernel (and compiles nothing).
FAST_MIN = 1 << 12


class Threefry(Generator):
    """Owns one stream counter: draws since the last `set_seed` (the key of `threefry_key='stream'`)."""
    name = "threefry"
    elementwise = True
    samples_on_device = True

    def __init__(self):
        self._stream = 0

    def reset(self) -> None:
        self._stream = 0

    def draw(self, initializer, distribution, shape, name=None):
        base = _seed.get_seed()
        base = _UNSEEDED_BASE if base is None else base
        if context.get_context("threefry_key") == "name" and name is not None:
            return ("name", base)
        stream, self._stream = self._stream, self._stream + 1
        return ("stream", base, stream)

    def sample(self, record, distribution, index, name=None):
        """A jax.Array on a GPU (made there); NumPy float32 on the CPU."""
        key = _key(record, name)
        if jax.default_backend() != "cpu":
            return sample_on_device(key, distribution, index)
        if isinstance(index, range) and len(index) >= FAST_MIN:
            return fast_numba(key, distribution, index)
        return reference(key, distribution, index)

    def sample_into(self, record, distribution, index, out, name=None) -> None:
        if (out.dtype in mindspore_2_10.KERNEL_OUTPUTS and isinstance(index, range) and len(index) >= FAST_MIN
                and jax.default_backend() == "cpu"):
            fast_numba(_key(record, name), distribution, index, out)
        else:
            super().sample_into(record, distribution, index, out, name)


@functools.lru_cache(maxsize=1024)
def _key(record, name) -> tuple[int, int]:
    """The two key words of a draw (cached: every chunk of a tensor asks)."""
    key = jax.random.key_data(jax.random.PRNGKey(record[1]))
    if record[0] == "stream":
        key = jax.random.key_data(jax.random.fold_in(jax.random.wrap_key_data(key), record[2]))
    else:
        digest = hashlib.sha256((name or "").encode()).digest()
        for word in (int.from_bytes(digest[:4], "little"), int.from_bytes(digest[4:8], "little")):
            key = jax.random.key_data(jax.random.fold_in(jax.random.wrap_key_data(key), word))
    k0, k1 = np.asarray(key, np.uint32)
    return int(k0), int(k1)


def _hash(key, counters):
    """(w0, w1) of each uint64 counter (a jax array): the definition, through `jax.random`."""
    # Imported when first traced: the `jax.extend` package loads all its submodules
    # (Pallas included), a fifth of `import sporax` otherwise.
    from jax.extend.random import threefry_2x32

    n = counters.shape[0]
    hi, lo = (counters >> 32).astype(jnp.uint32), counters.astype(jnp.uint32)
    both = threefry_2x32(key, jnp.concatenate([hi, lo]))
    return both[:n], both[n:]


@jax.jit
def _words_kernel(key, counters):
    return _hash(key, counters)


def counter_words(key: tuple[int, int], counters: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(w0, w1), uint32, of each counter in `counters` (int64)."""
    if counters.size == 0:
        return np.empty(0, np.uint32), np.empty(0, np.uint32)
    padded = max(1024, 1 << (counters.size - 1).bit_length())  # powers of two: few compilations
    flat = np.zeros(padded, np.uint64)
    flat[:counters.size] = counters
    w0, w1 = _words_kernel(jnp.asarray(key, jnp.uint32), flat)
    return np.asarray(w0)[:counters.size], np.asarray(w1)[:counters.size]


def reference(key: tuple[int, int], distribution, index) -> np.ndarray:
    """float32 values of the flat elements `index` (a range or an int64 array): the definition."""
    index = np.arange(index.start, index.stop, dtype=np.int64) if isinstance(index, range) else np.asarray(index, np.int64)
    w0, w1 = counter_words(key, index >> 1)
    second = (index & 1).astype(bool)
    if isinstance(distribution, Normal):
        return mindspore_2_10.normal_from_pairs(w0, w1, second, distribution)
    word = np.where(second, w1, w0)
    if isinstance(distribution, Uniform):
        return mindspore_2_10.uniform_from_words(word, distribution)
    if isinstance(distribution, TruncatedNormal):
        return mindspore_2_10.truncated_normal_from_words(word, distribution)
    raise TypeError(f"unknown distribution {distribution!r}")


def _numba_kernels():
    """The numba kernels, imported (and compiled or loaded from the disk cache) on first use."""
    from . import mindspore_2_10_numba
    return mindspore_2_10_numba


def fast_numba(key: tuple[int, int], distribution, index: range, out=None) -> np.ndarray:
    """A range in numba's vector loop, whole counters only; the ragged ends (one element
    each at most) and the marked elements from the reference. Into `out` (contiguous, a
    `mindspore_2_10.KERNEL_OUTPUTS` dtype) when given."""
    kernels = _numba_kernels()
    start, n = index.start, len(index)
    out = np.empty(n, np.float32) if out is None else out
    head = min(n, start % 2)
    body = (n - head) // 2 * 2
    k0, k1 = np.uint32(key[0]), np.uint32(key[1])
    first_pair, part = (start + head) // 2, out[head:head + body]
    marked = np.empty(mindspore_2_10.MARKED_ROOM, np.int64)
    written, bfloat16 = mindspore_2_10.kernel_output(part)
    if isinstance(distribution, Uniform):
        low, high = float(np.float32(distribution.low)), float(np.float32(distribution.high))
        count = kernels.threefry_uniform_pairs(k0, k1, first_pair, high - low, low, written, marked, bfloat16)
    elif isinstance(distribution, Normal):
        count = kernels.threefry_normal_pairs(k0, k1, first_pair, float(np.float32(distribution.mean)),
                                              float(np.float32(distribution.sigma)), written, marked, bfloat16)
    else:
        mean, sigma, cdf_alpha, cdf_beta = mindspore_2_10._truncated_parameters(distribution)
        count = kernels.threefry_truncated_normal_pairs(k0, k1, first_pair, mean, sigma, cdf_alpha,
                                                        cdf_beta - cdf_alpha, written, marked, bfloat16)
    where = np.concatenate([np.arange(head), head + mindspore_2_10._marked_positions(count, marked, part),
                            np.arange(head + body, n)])
    if where.size:
        out[where] = reference(key, distribution, where + start)
    return out


def _device_transform(kind, second, w0, w1, params):
    """float32 (NaN: ask the reference) of elements reading word w1 where `second`, else w0."""
    from . import mindspore_2_10_xla as xla  # the XLA kernels' module loads on first use

    if kind == "normal":
        cos_value, sin_value = xla._normal_pair(w0, w1, params)
        return jnp.where(second, sin_value, cos_value)
    word = jnp.where(second, w1, w0)
    return xla._uniform(word, params) if kind == "uniform" else xla._truncated_normal(word, params)


@functools.partial(jax.jit, static_argnames=("kind", "pairs"))
def _device_range(key, first_pair, params, kind, pairs):
    """Elements 2·first_pair ... 2·(first_pair + pairs) - 1."""
    from . import mindspore_2_10_xla as xla

    w0, w1 = _hash(key, first_pair + jax.lax.iota(jnp.uint64, pairs))
    if kind == "normal":
        lanes = xla._normal_pair(w0, w1, params)
    elif kind == "uniform":
        lanes = [xla._uniform(w0, params), xla._uniform(w1, params)]
    else:
        lanes = [xla._truncated_normal(w0, params), xla._truncated_normal(w1, params)]
    return jnp.stack(lanes, axis=-1).reshape(-1)


@functools.partial(jax.jit, static_argnames=("kind",))
def _device_index(key, index, params, kind):
    w0, w1 = _hash(key, (index >> 1).astype(jnp.uint64))
    return _device_transform(kind, (index & 1) == 1, w0, w1, params)


def sample_on_device(key: tuple[int, int], distribution, index) -> jax.Array:
    """float32 values (a jax.Array on the default device) of the elements `index`, made by
    one XLA kernel per piece (`device_pieces`)."""
    from . import mindspore_2_10_xla as xla

    kind, params = xla.kernel_params(distribution, _special())
    device_key = jnp.asarray(key, jnp.uint32)

    def sample_piece(part):
        n = len(part)
        if isinstance(part, range):
            offset = part.start % 2
            pairs = max(512, 1 << (-(-(offset + n) // 2) - 1).bit_length())  # powers of two: few compilations
            values = _device_range(device_key, np.uint64(part.start // 2), params, kind=kind, pairs=pairs)
            return values[offset:offset + n]
        padded = max(1024, 1 << (n - 1).bit_length())
        flat = np.zeros(padded, np.int64)
        flat[:n] = np.asarray(part, np.int64)
        return _device_index(device_key, jnp.asarray(flat), params, kind=kind)[:n]

    return device_pieces.assemble(index, sample_piece, lambda where: reference(key, distribution, where))


def _special():
    from scipy import special  # on first use: `import sporax` does not load SciPy
    return special


THREEFRY = Threefry()
