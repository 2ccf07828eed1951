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
    """The Generator the calling random transform must draw from."""
    row_generator = getattr(_local, "generator", None)
    return row_generator if row_generator is not None else _eager["generator"]


@contextlib.contextmanager
def row_generator(key: tuple[int, ...]):
    previous = getattr(_local, "generator", None)
    _local.generator = np.random.Generator(np.random.Philox(key=_key_of(key)))
    try:
        yield
    finally:
        _local.generator = previous


def _key_of(key: tuple[int, ...]) -> int:
    # Philox takes a 128-bit key: pack the parts (each < 2**32) into one integer.
    packed = 0
    for part in key:
        packed = (packed << 32) | (int(part) & 0xFFFFFFFF)
    return packed & ((1 << 128) - 1)
