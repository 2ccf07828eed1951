"""Keys for random ops (Dropout): seeded by `set_seed` and the op's own seeds, one fresh key
per call. Inside a compiled graph the key derives from the graph call's own key (an input of
the compiled program), so every call of the graph draws new values."""
from __future__ import annotations

import os

import jax
import numpy as np

from . import seed_state, state_frame

_UNSEEDED = int.from_bytes(os.urandom(4), "little")
_counters: dict[tuple[int, int], int] = {}


@jax.jit
def _derive(base: jax.Array, words: jax.Array) -> jax.Array:
    key = jax.random.PRNGKey(base)
    for i in range(3):
        key = jax.random.fold_in(key, words[i])
    return jax.random.key_data(key)


def next_key(seed0: int, seed1: int) -> jax.Array:
    """uint32 key data for the next draw of an op with seeds (seed0, seed1)."""
    frame = state_frame.random_source()
    if frame is not None:
        return frame.next_key(seed0, seed1)
    global_seed = seed_state.get()
    base = _UNSEEDED if global_seed is None else global_seed
    count = _counters.get((seed0, seed1), 0)
    _counters[(seed0, seed1)] = count + 1
    return _derive(np.uint32(base), np.array([seed0, seed1, count], np.uint32))


def _reset() -> None:
    _counters.clear()


seed_state.on_change(_reset)
