"""Keys for random ops (Dropout): seeded by `set_seed` and the op's own seeds, one fresh key
per call. Inside a compiled graph the key derives from the graph call's own key (an input of
the compiled program), so every call of the graph draws new values."""
from __future__ import annotations

import os

import jax
import jax.numpy as jnp
import numpy as np

from . import call_replay, seed_state, state_frame

_UNSEEDED = int.from_bytes(os.urandom(4), "little")
_counters: dict[tuple[int, int], int] = {}


# Keys are derived a block of consecutive draws at a time, by one compiled call, and kept on
# the host: an eager random op's key is then a row of a NumPy block, handed to its kernel
# with its other inputs, instead of one more compiled call (and two host-to-device copies) per
# draw, which cost more than the dispatch of the op itself. Each key is the same, bit for
# bit, as deriving it alone.
_BLOCK = 64
_BLOCKS_KEPT = 256
_blocks: dict = {}


@jax.jit
def _derive_block(base: jax.Array, words: jax.Array, first: jax.Array) -> jax.Array:
    """The key data of draws first .. first + _BLOCK - 1: PRNGKey(base) folded with words[0],
    words[1] and the draw's count."""

    def derive(count):
        key = jax.random.PRNGKey(base)
        for word in (words[0], words[1], count):
            key = jax.random.fold_in(key, word)
        return jax.random.key_data(key)

    return jax.vmap(derive)(first + jnp.arange(_BLOCK, dtype=jnp.uint32))


def key_of(base: int, seed0: int, seed1: int, count: int) -> np.ndarray:
    """uint32 key data (read-only) of draw `count` of the stream (seed0, seed1) under the
    global seed `base`."""
    first = count - count % _BLOCK
    block = _blocks.get((base, seed0, seed1, first))
    if block is None:
        words = np.array([seed0, seed1, count], np.uint32)[:2]  # refuses what a uint32 cannot hold, as before
        block = _derive_block(np.uint32(base), words, np.uint32(first))
        if isinstance(block, jax.core.Tracer):  # an op run inside someone's trace: the block stays concrete
            # Only then: derived under ensure_compile_time_eval, a block cost ~1.3 ms against ~50 us
            # plainly (measured on JAX 0.10's CPU backend), ~20 us per eager draw.
            with jax.ensure_compile_time_eval():
                block = _derive_block(np.uint32(base), words, np.uint32(first))
        block = np.asarray(block)
        block.setflags(write=False)
        if len(_blocks) >= _BLOCKS_KEPT:
            _blocks.clear()
        _blocks[(base, seed0, seed1, first)] = block
    return block[count - first]


def next_key(seed0: int, seed1: int):
    """uint32 key data for the next draw of an op with seeds (seed0, seed1): a NumPy row
    (`key_of`) eagerly, a traced array inside a compiled graph."""
    frame = state_frame.random_source()
    if frame is not None:
        return frame.next_key(seed0, seed1)
    call_replay.refuse("draws random numbers")  # the draw counter moves on every call
    global_seed = seed_state.get()
    base = _UNSEEDED if global_seed is None else global_seed
    count = _counters.get((seed0, seed1), 0)
    _counters[(seed0, seed1)] = count + 1
    return key_of(base, seed0, seed1, count)


# The global seed `fixed_key` derives under: a key fixed by an op's seeds alone is the same
# whatever set_seed says and in every process.
FIXED_BASE = 0x9E3779B9


def fixed_key(seed0: int, seed1: int) -> np.ndarray:
    """uint32 key data that depends on (seed0, seed1) only: the first key of their stream
    under `FIXED_BASE`. No counter moves, so a recorded call may hold it as a constant."""
    return key_of(FIXED_BASE, seed0, seed1, 0)


def op_key(seed0: int, seed1: int):
    """`next_key` for an eager op that hands the key straight to its primitive: a call being
    recorded for replay gets a placeholder, and each replay draws the key afresh
    (`call_replay.drawn_key`), so a random op's calls are replayed too."""
    if state_frame.random_source() is None:
        recorder = call_replay.recording()
        if recorder is not None:
            return call_replay.drawn_key(recorder, next_key, (seed0, seed1))
    return next_key(seed0, seed1)


def _reset() -> None:
    _counters.clear()
    _blocks.clear()


seed_state.on_change(_reset)
