"""The `mindspore` generator: MindSpore 2.10's initializer sampling, bit for bit (spec §6.3).

Each materialisation draws one 64-bit seed from NumPy's legacy global RandomState
(`randint(1, 2**63)`), keys a standard Philox4x32-10 with it, and transforms the uint32
stream in double precision before rounding to float32. Element i reads block i // 4, so
any set of elements can be generated without the rest.

`reference` below is the definition (NumPy, element by element as the spec states it).
`MindSpore210.sample` runs fused kernels for all but small requests: numba's vector loop
for element ranges on the CPU (`mindspore_2_10_numba`), XLA kernels on a GPU, which leave
the values there (`mindspore_2_10_xla`, `device_pieces`); scattered elements on the CPU go
to the reference itself. Both equal the reference bit for bit: they compute with a known
error bound and defer to the reference where float32 rounding is too close to call.
"""
from __future__ import annotations

import jax
import ml_dtypes
import numpy as np

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
    samples_on_device = True

    def draw(self, initializer, distribution, shape, name=None) -> int:
        """Take the seed from NumPy's global RNG, exactly when and as MindSpore 2.10 does."""
        return int(np.random.randint(low=1, high=2**63, dtype=np.int64))

    def sample(self, seed: int, distribution, index, name=None):
        """A jax.Array on a GPU (made there by the XLA kernels); NumPy float32 on the CPU."""
        if jax.default_backend() != "cpu":
            return sample_on_device(seed, distribution, index)
        if len(index) < FAST_MIN:
            return reference(seed, distribution, index)
        if isinstance(index, range):
            return fast_numba(seed, distribution, index)
        # Scattered elements (a sharded slice's rows): the reference, element by element.
        return reference(seed, distribution, index)

    def sample_into(self, seed: int, distribution, index, out, name=None) -> None:
        if (out.dtype in KERNEL_OUTPUTS and len(index) >= FAST_MIN and isinstance(index, range)
                and jax.default_backend() == "cpu"):
            fast_numba(seed, distribution, index, out)
        else:
            super().sample_into(seed, distribution, index, out, name)


# Below this many elements the NumPy reference is quicker than a kernel (and compiles nothing).
FAST_MIN = 1 << 14


def _special():
    """scipy.special, imported on first use: `import sporax` stays light."""
    from scipy import special
    return special


def _numba_kernels():
    """The numba kernels, imported (and compiled) on first use: importing numba takes longer
    than the rest of sporax."""
    from . import mindspore_2_10_numba
    return mindspore_2_10_numba


def _marked_positions(count: int, marked: np.ndarray, out: np.ndarray) -> np.ndarray:
    """Where the kernel marked `out` (it recorded the first len(marked) positions, counted all)."""
    return marked[:count] if count <= marked.size else np.flatnonzero(np.isnan(out))


# Room for the positions a kernel records; a chunk has a few (one element in ~2^19 is marked).
MARKED_ROOM = 256

# The dtypes the CPU kernels write directly: float32, and float16/bfloat16 rounded from the
# float32 values inside the kernel (as `astype` rounds them), so no float32 temporary.
KERNEL_OUTPUTS = (np.dtype(np.float32), np.dtype(np.float16), np.dtype(ml_dtypes.bfloat16))


def kernel_output(out: np.ndarray):
    """(the array a kernel writes, whether it holds bfloat16 bits): float32 as it is,
    16-bit floats as their uint16 bits."""
    if out.dtype == np.float32:
        return out, False
    return out.view(np.uint16), out.dtype == ml_dtypes.bfloat16


def fast_numba(seed: int, distribution, index: range, out=None) -> np.ndarray:
    """Any distribution over a range: whole Philox blocks in numba's vector loop, the ragged
    ends (at most 3 elements each) and the marked elements by the reference. Written into
    `out` (contiguous, a `KERNEL_OUTPUTS` dtype: the float32 values cast as `astype` casts)
    when given."""
    kernels = _numba_kernels()
    start, n = index.start, len(index)
    out = np.empty(n, np.float32) if out is None else out
    head = min(n, -start % 4)
    body = (n - head) // 4 * 4
    k0, k1 = np.uint64(seed & 0xFFFFFFFF), np.uint64((seed >> 32) & 0xFFFFFFFF)
    first_block, part, marked = (start + head) // 4, out[head:head + body], np.empty(MARKED_ROOM, np.int64)
    written, bfloat16 = kernel_output(part)
    if isinstance(distribution, Uniform):
        low, high = float(np.float32(distribution.low)), float(np.float32(distribution.high))
        count = kernels.uniform_blocks(k0, k1, first_block, high - low, low, written, marked, bfloat16)
    elif isinstance(distribution, Normal):
        count = kernels.normal_blocks(k0, k1, first_block, float(np.float32(distribution.mean)),
                                      float(np.float32(distribution.sigma)), written, marked, bfloat16)
    else:
        mean, sigma, cdf_alpha, cdf_beta = _truncated_parameters(distribution)
        count = kernels.truncated_normal_blocks(k0, k1, first_block, mean, sigma, cdf_alpha,
                                                cdf_beta - cdf_alpha, written, marked, bfloat16)
    where = np.concatenate([np.arange(head), head + _marked_positions(count, marked, part),
                            np.arange(head + body, n)])
    if where.size:
        out[where] = reference(seed, distribution, where + start)
    return out


def sample_on_device(seed: int, distribution, index) -> jax.Array:
    """The reference's values as a jax.Array made on the default device by the XLA kernels,
    piece by piece in place (`device_pieces`)."""
    from . import device_pieces
    from . import mindspore_2_10_xla as xla  # loads on first use
    kind, params = xla.kernel_params(distribution, _special())

    def sample_piece(part):
        part = part if isinstance(part, range) else np.asarray(part, np.int64)
        return xla.sample_marked_on_device(seed, kind, params, part)

    return device_pieces.assemble(index, sample_piece, lambda where: reference(seed, distribution, where),
                                  piece=xla.PIECE)


_COMPILED_MIN_BLOCKS = 1 << 12


def _words(seed: int, index: np.ndarray) -> np.ndarray:
    """Stream word `index[j]` for every j (uint32)."""
    if index.size == 0:
        return np.empty(0, np.uint32)
    first, last = int(index.min()) // 4, int(index.max()) // 4
    # Dense and large: each block once, compiled. A few elements (the fast paths' repairs)
    # stay in NumPy: a JAX dispatch costs more than their blocks.
    if index.size >= last - first + 1 and last - first + 1 >= _COMPILED_MIN_BLOCKS:
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


def reference(seed: int, distribution, index) -> np.ndarray:
    """float32 values of the flat elements `index` (a range or an int64 array): the definition."""
    if isinstance(index, range):
        index = np.arange(index.start, index.stop, dtype=np.int64)
    index = np.asarray(index, dtype=np.int64)
    if isinstance(distribution, Uniform):
        return uniform_from_words(_words(seed, index), distribution)
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
    return normal_from_pairs(_words(seed, (index // 2) * 2), _words(seed, (index // 2) * 2 + 1),
                             (index % 2).astype(bool), distribution)


# The transforms of spec §6.3 on given uint32 words (the `threefry` generator feeds its own).

def uniform_from_words(words: np.ndarray, distribution: Uniform) -> np.ndarray:
    """(high - low)·s + low, s = word/2^32 (below 1), in double, then float32."""
    low, high = float(np.float32(distribution.low)), float(np.float32(distribution.high))
    return ((high - low) * _unit_interval(words) + low).astype(np.float32)


def normal_from_pairs(first_words, second_words, takes_sine, distribution: Normal) -> np.ndarray:
    """Box-Muller on each element's word pair: the cosine, or the sine where `takes_sine`."""
    mean, sigma = float(np.float32(distribution.mean)), float(np.float32(distribution.sigma))
    radius, theta = _polar(first_words, second_words, sigma)
    trig = np.where(takes_sine, np.sin(theta), np.cos(theta))
    return (mean + radius * trig).astype(np.float32)


def _polar(u1_words, u2_words, sigma):
    u1 = _mantissa_fraction(u1_words).astype(np.float64)
    u2 = _mantissa_fraction(u2_words).astype(np.float64)
    return np.sqrt(-2.0 * np.log(u1)) * sigma, _TWO_PI_F32 * u2


def _truncated_parameters(distribution: TruncatedNormal):
    """(mean, sigma, Φ(α), Φ(β)) in double, from the float32-rounded parameters."""
    mean = float(np.float32(distribution.mean))
    sigma = float(np.float32(distribution.sigma))
    a, b = float(np.float32(distribution.a)), float(np.float32(distribution.b))
    alpha, beta = (a - mean) / sigma, (b - mean) / sigma
    cdf_alpha = _special().erfc(-alpha / _SQRT2_F32) / 2.0
    cdf_beta = _special().erfc(-beta / _SQRT2_F32) / 2.0
    return mean, sigma, float(cdf_alpha), float(cdf_beta)


def _truncated_normal(seed, distribution: TruncatedNormal, index):
    return truncated_normal_from_words(_words(seed, index), distribution)


def truncated_normal_from_words(words: np.ndarray, distribution: TruncatedNormal) -> np.ndarray:
    """Inverse CDF: p uniform in [Φ(α), Φ(β)] from one uint32 word each, x = -erfcinv(2p)·√2."""
    mean, sigma, cdf_alpha, cdf_beta = _truncated_parameters(distribution)
    p = cdf_alpha + _unit_interval(words) * (cdf_beta - cdf_alpha)
    x = -_special().erfcinv(2.0 * p) * _SQRT2_F32
    return (mean + x * sigma).astype(np.float32)


MINDSPORE_2_10 = MindSpore210()
