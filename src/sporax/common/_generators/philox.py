"""Philox4x32-10 counter-based generators, vectorised over blocks with NumPy.

`philox4x32_blocks` is the Random123 standard algorithm MindSpore 2.10 uses: the words of
block `b` depend only on (key, b), so any element range can be generated on its own.
`philox_r16_calls` is MindSpore r1.6's non-standard variant (spec §6.4), whose state
evolves call by call.
"""
from __future__ import annotations

import numpy as np

_M0 = np.uint64(0xD2511F53)
_M1 = np.uint64(0xCD9E8D57)
_W0 = 0x9E3779B9
_W1 = 0xBB67AE85
_LOW32 = np.uint64(0xFFFFFFFF)
_SHIFT32 = np.uint64(32)


def _round(c0, c1, c2, c3, k0, k1):
    p0 = _M0 * c0.astype(np.uint64)
    p1 = _M1 * c2.astype(np.uint64)
    return ((p1 >> _SHIFT32).astype(np.uint32) ^ c1 ^ k0,
            p1.astype(np.uint32),
            (p0 >> _SHIFT32).astype(np.uint32) ^ c3 ^ k1,
            p0.astype(np.uint32))


def philox4x32_blocks(seed: int, blocks: np.ndarray) -> np.ndarray:
    """The 4 output words of each block number in `blocks`, shape (len(blocks), 4), uint32.

    Key (lo32(seed), hi32(seed)); block b has counter (lo32(b), hi32(b), lo32(seed), hi32(seed)).
    """
    blocks = np.asarray(blocks, dtype=np.uint64)
    k0, k1 = seed & 0xFFFFFFFF, (seed >> 32) & 0xFFFFFFFF
    c0 = (blocks & _LOW32).astype(np.uint32)
    c1 = (blocks >> _SHIFT32).astype(np.uint32)
    c2 = np.full(blocks.shape, k0, dtype=np.uint32)
    c3 = np.full(blocks.shape, k1, dtype=np.uint32)
    for _ in range(10):
        c0, c1, c2, c3 = _round(c0, c1, c2, c3, np.uint32(k0), np.uint32(k1))
        k0, k1 = (k0 + _W0) & 0xFFFFFFFF, (k1 + _W1) & 0xFFFFFFFF
    return np.stack([c0, c1, c2, c3], axis=-1)


def philox_r16_calls(seed: int, seed2: int, counter_offsets: np.ndarray, calls: int) -> np.ndarray:
    """MindSpore r1.6's Philox variant, run for `calls` calls from several start states at once.

    Every lane starts from the generator state for (seed, seed2) with `counter_offsets[lane]`
    added to the low 64 bits of the counter. Each call applies ten rounds to the stored
    counter itself (both XORs use key word 0, the key bump persists), increments the
    128-bit counter and returns it. Result: uint32 array (lanes, calls, 4).
    """
    offsets = np.asarray(counter_offsets, dtype=np.uint64)
    lanes = offsets.shape[0]
    k0, k1 = seed & 0xFFFFFFFF, (seed >> 32) & 0xFFFFFFFF
    c0 = (offsets & _LOW32).astype(np.uint32)
    c1 = (offsets >> _SHIFT32).astype(np.uint32)
    c2 = np.full(lanes, seed2 & 0xFFFFFFFF, dtype=np.uint32)
    c3 = np.full(lanes, (seed2 >> 32) & 0xFFFFFFFF, dtype=np.uint32)
    out = np.empty((lanes, calls, 4), dtype=np.uint32)
    for call in range(calls):
        for _ in range(10):
            c0, c1, c2, c3 = _round(c0, c1, c2, c3, np.uint32(k0), np.uint32(k0))
            k0, k1 = (k0 + _W0) & 0xFFFFFFFF, (k1 + _W1) & 0xFFFFFFFF
        c0, c1, c2, c3 = _increment(c0, c1, c2, c3)
        out[:, call, 0], out[:, call, 1], out[:, call, 2], out[:, call, 3] = c0, c1, c2, c3
    return out


def _increment(c0, c1, c2, c3):
    c0 = c0 + np.uint32(1)
    carry0 = c0 == 0
    c1 = c1 + carry0.astype(np.uint32)
    carry1 = carry0 & (c1 == 0)
    c2 = c2 + carry1.astype(np.uint32)
    carry2 = carry1 & (c2 == 0)
    c3 = c3 + carry2.astype(np.uint32)
    return c0, c1, c2, c3


def philox_r16_calls_fast(seed: int, seed2: int, counter_offsets: np.ndarray, calls: int) -> np.ndarray:
    """`philox_r16_calls` as one compiled loop (integer arithmetic, so bit-identical)."""
    offsets = np.asarray(counter_offsets, dtype=np.uint64)
    words = _r16_scan(np.uint32(seed & 0xFFFFFFFF), np.uint32((seed >> 32) & 0xFFFFFFFF),
                      np.uint32(seed2 & 0xFFFFFFFF), np.uint32((seed2 >> 32) & 0xFFFFFFFF),
                      (offsets & _LOW32).astype(np.uint32), (offsets >> _SHIFT32).astype(np.uint32),
                      calls=calls)
    return np.asarray(words).transpose(2, 0, 1)


def _jax_rounds(c0, c1, c2, c3, k0, k1, r16: bool):
    """Ten Philox4x32 rounds in JAX with the key bumped after each; r16 XORs key word 0 twice
    (MindSpore r1.6's variant). Returns the counter words and the bumped key."""
    import jax.numpy as jnp

    m0, m1 = jnp.uint64(0xD2511F53), jnp.uint64(0xCD9E8D57)
    for _ in range(10):
        p0 = m0 * c0.astype(jnp.uint64)
        p1 = m1 * c2.astype(jnp.uint64)
        c0, c1, c2, c3 = ((p1 >> 32).astype(jnp.uint32) ^ c1 ^ k0, p1.astype(jnp.uint32),
                          (p0 >> 32).astype(jnp.uint32) ^ c3 ^ (k0 if r16 else k1), p0.astype(jnp.uint32))
        k0, k1 = k0 + jnp.uint32(_W0), k1 + jnp.uint32(_W1)
    return c0, c1, c2, c3, k0, k1


def _make_r16_scan():
    import functools

    import jax
    import jax.numpy as jnp

    def rounds(c0, c1, c2, c3, k0, k1):
        return _jax_rounds(c0, c1, c2, c3, k0, k1, r16=True)

    def increment(c0, c1, c2, c3):
        c0 = c0 + jnp.uint32(1)
        carry0 = c0 == 0
        c1 = c1 + carry0.astype(jnp.uint32)
        carry1 = carry0 & (c1 == 0)
        c2 = c2 + carry1.astype(jnp.uint32)
        c3 = c3 + (carry1 & (c2 == 0)).astype(jnp.uint32)
        return c0, c1, c2, c3

    @functools.partial(jax.jit, static_argnames=("calls",))
    def scan(k0, k1, s0, s1, lo, hi, calls):
        lanes = lo.shape[0]
        init = (lo, hi, jnp.full(lanes, s0, jnp.uint32), jnp.full(lanes, s1, jnp.uint32), k0, k1)

        def step(i, state):
            carry, words = state
            c0, c1, c2, c3, k0, k1 = rounds(*carry)
            c0, c1, c2, c3 = increment(c0, c1, c2, c3)
            return (c0, c1, c2, c3, k0, k1), words.at[i].set(jnp.stack([c0, c1, c2, c3]))

        # A loop carrying its output rather than a scan stacking it: jax 0.6's scan cannot
        # stack outputs when called inside ensure_compile_time_eval (materialisation is).
        words = jnp.zeros((calls, 4, lanes), jnp.uint32)
        return jax.lax.fori_loop(0, calls, step, (init, words))[1]

    return scan


class _BuiltOnFirstUse:
    """A compiled kernel made by `factory` on first call, so importing sporax compiles nothing."""

    def __init__(self, factory):
        self._factory = factory
        self._kernel = None

    def __call__(self, *args, **kwargs):
        if self._kernel is None:
            self._kernel = self._factory()
        return self._kernel(*args, **kwargs)


_r16_scan = _BuiltOnFirstUse(_make_r16_scan)


def philox4x32_range(seed: int, first_block: int, count: int) -> np.ndarray:
    """`philox4x32_blocks(seed, arange(first_block, first_block + count))` as one compiled
    kernel (integer arithmetic only, so bit-identical; tests compare the two)."""
    padded = -(-count // 4096) * 4096  # few distinct shapes, few compilations
    words = _range_kernel(np.uint32(seed & 0xFFFFFFFF), np.uint32((seed >> 32) & 0xFFFFFFFF),
                          np.uint64(first_block), count=padded)
    return np.asarray(words)[:count]


def _make_range_kernel():
    import functools

    import jax
    import jax.numpy as jnp

    @functools.partial(jax.jit, static_argnames=("count",))
    def kernel(k0, k1, first, count):
        blocks = first + jax.lax.iota(jnp.uint64, count)
        c0, c1 = blocks.astype(jnp.uint32), (blocks >> 32).astype(jnp.uint32)
        c2, c3 = jnp.full(count, k0, jnp.uint32), jnp.full(count, k1, jnp.uint32)
        c0, c1, c2, c3, _, _ = _jax_rounds(c0, c1, c2, c3, k0, k1, r16=False)
        return jnp.stack([c0, c1, c2, c3], axis=-1)

    return kernel


_range_kernel = _BuiltOnFirstUse(_make_range_kernel)
