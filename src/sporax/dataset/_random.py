"""Where random transforms get their randomness.

Inside a pipeline each `map` call sets a NumPy Generator keyed by (pipeline seed, epoch,
map node, row index), so a random transform's draw for a row depends on nothing else —
not on the worker count, the thread or process that computes the row, nor on the rows
computed before it. Called eagerly (`RandomCrop(4)(image)`), a transform draws from one
module Generator, reseeded by `dataset.config.set_seed`.
"""
from __future__ import annotations

import contextlib
import threading

import numpy as np

_local = threading.local()
_eager = {"generator": np.random.default_rng()}


def reseed_eager_generator(seed: int) -> None:
    _eager["generator"] = np.random.default_rng(seed)


def generator() -> np.random.Generator:
    """The Generator the calling random transform must draw from (built on first use in a
    row: rows that meet no random transform pay nothing)."""
    key = getattr(_local, "key", None)
    if key is None:
        return _eager["generator"]
    made = _local.generator
    if made is None:
        made = _local.generator = _keyed(key)
    return made


def _keyed(key: tuple[int, ...]) -> np.random.Generator:
    """`Generator(Philox(key=...))` at counter 0, reusing the thread's Philox object and its
    state dict: setting the state costs a twentieth of building a new Philox, and draws the
    same numbers (the setter copies the dict's values: counter 0, empty buffer)."""
    cached = getattr(_local, "philox", None)
    if cached is None:
        bit_generator = np.random.Philox(key=0)
        state = {"bit_generator": "Philox",
                 "state": {"counter": np.zeros(4, np.uint64), "key": np.zeros(2, np.uint64)},
                 "buffer": np.zeros(4, np.uint64), "buffer_pos": 4, "has_uint32": 0, "uinteger": 0}
        cached = _local.philox = (bit_generator, np.random.Generator(bit_generator), state)
    bit_generator, made, state = cached
    packed = _key_of(key)
    words = state["state"]["key"]
    words[0], words[1] = packed & 0xFFFFFFFFFFFFFFFF, packed >> 64
    bit_generator.state = state
    return made


def enter_row(key: tuple[int, ...]):
    """Make `key` the current row's; returns what `leave_row` restores."""
    previous = (getattr(_local, "key", None), getattr(_local, "generator", None))
    _local.key, _local.generator = key, None
    return previous


def leave_row(previous) -> None:
    _local.key, _local.generator = previous


@contextlib.contextmanager
def row_generator(key: tuple[int, ...]):
    previous = enter_row(key)
    try:
        yield
    finally:
        leave_row(previous)


def _key_of(key: tuple[int, ...]) -> int:
    # Philox takes a 128-bit key: pack the parts (each < 2**32) into one integer.
    packed = 0
    for part in key:
        packed = (packed << 32) | (int(part) & 0xFFFFFFFF)
    return packed & ((1 << 128) - 1)
