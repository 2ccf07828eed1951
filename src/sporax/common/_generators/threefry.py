"""The `threefry` generator: `jax.random`'s Threefry-2x32 hash, counter-based, on the device.

Element i of a tensor is `threefry2x32(key, (hi32(i), lo32(i)))`, so any element set is
generated independently of the rest, of chunking and of sharding. The key is
`fold_in(PRNGKey(seed), stream)`: `stream` counts draws since `set_seed`. With
`set_context(threefry_key='name')` a Parameter is keyed by its full name instead, so
adding a layer shifts no other layer's values.
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
from .base import Generator
from .distributions import Normal, TruncatedNormal, Uniform

# Without set_seed MindSpore's values differ run to run; so do these.
_UNSEEDED_BASE = int.from_bytes(os.urandom(4), "little")


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

    def sample(self, record, distribution, index, name=None) -> jax.Array:
        return sample(record, distribution, index, name)


def _key(record, name) -> jax.Array:
    key = jax.random.key_data(jax.random.PRNGKey(record[1]))
    if record[0] == "stream":
        return jax.random.key_data(jax.random.fold_in(jax.random.wrap_key_data(key), record[2]))
    digest = hashlib.sha256((name or "").encode()).digest()
    for word in (int.from_bytes(digest[:4], "little"), int.from_bytes(digest[4:8], "little")):
        key = jax.random.key_data(jax.random.fold_in(jax.random.wrap_key_data(key), word))
    return key


def _params(distribution) -> tuple[str, jax.Array]:
    if isinstance(distribution, Uniform):
        values = (distribution.low, distribution.high, 0.0, 0.0)
        return "uniform", jnp.asarray(values, jnp.float32)
    if isinstance(distribution, Normal):
        return "normal", jnp.asarray((distribution.mean, distribution.sigma, 0.0, 0.0), jnp.float32)
    if isinstance(distribution, TruncatedNormal):
        d = distribution
        return "truncated_normal", jnp.asarray(
            (d.mean, d.sigma, (d.a - d.mean) / d.sigma, (d.b - d.mean) / d.sigma), jnp.float32)
    raise TypeError(f"unknown distribution {distribution!r}")


def _unit(bits):
    """[0, 1) from the top 23 bits."""
    return jax.lax.bitcast_convert_type((bits >> 9) | jnp.uint32(0x3F800000), jnp.float32) - 1.0


def _transform(kind, bits, p):
    u = _unit(bits)
    if kind == "uniform":
        return p[0] + (p[1] - p[0]) * u
    if kind == "normal":
        low = jnp.nextafter(jnp.float32(-1.0), jnp.float32(0.0))
        centred = jnp.maximum(low, 2.0 * u - 1.0)
        return p[0] + p[1] * (jnp.sqrt(jnp.float32(2.0)) * jax.scipy.special.erfinv(centred))
    sqrt2 = jnp.sqrt(jnp.float32(2.0))
    lo, hi = jax.scipy.special.erf(p[2] / sqrt2), jax.scipy.special.erf(p[3] / sqrt2)
    z = sqrt2 * jax.scipy.special.erfinv(lo + (hi - lo) * u)
    return p[0] + p[1] * jnp.clip(z, p[2], p[3])


def _hash(key, index_u64):
    # Imported when first traced: the `jax.extend` package loads all its submodules
    # (Pallas included), a fifth of `import sporax` otherwise.
    from jax.extend.random import threefry_2x32

    hi = (index_u64 >> 32).astype(jnp.uint32)
    lo = index_u64.astype(jnp.uint32)
    n = index_u64.shape[0]
    return threefry_2x32(key, jnp.concatenate([hi, lo]))[:n]


@functools.partial(jax.jit, static_argnames=("kind", "length"))
def _sample_range(key, start, params, kind, length):
    index = jnp.asarray(start, jnp.uint64) + jax.lax.iota(jnp.uint64, length)
    return _transform(kind, _hash(key, index), params)


@functools.partial(jax.jit, static_argnames=("kind",))
def _sample_index(key, index, params, kind):
    return _transform(kind, _hash(key, index.astype(jnp.uint64)), params)


# XLA may compile a short or ragged tail with other instructions (scalar code, no FMA) than
# the vector body, which changes float rounding; padding every call to whole tiles (a power of
# two of them) sends each element through the same vector code whatever the region or chunk,
# keeping slices bit-identical.
_TILE = 1024


def sample(record, distribution, index, name=None) -> jax.Array:
    """float32 values (a jax.Array) of the flat elements `index` (a range or an int64 array)."""
    kind, params = _params(distribution)
    key = _key(record, name)
    n = len(index)
    if n == 0:
        return jnp.zeros((0,), jnp.float32)
    padded = max(_TILE, 1 << (n - 1).bit_length())  # powers of two: few compilations for any chunking
    if isinstance(index, range):
        return _sample_range(key, index.start, params, kind=kind, length=padded)[:n]
    index = np.asarray(index, np.int64)
    index = np.concatenate([index, np.zeros(padded - n, np.int64)])
    return _sample_index(key, jnp.asarray(index), params, kind=kind)[:n]


THREEFRY = Threefry()
