"""A device array assembled piece by piece in place, for generators that sample on a GPU.

The output buffer is donated to each write, so XLA updates it in place: materialising a
tensor on the device needs its own bytes plus one piece (at most `PIECE` float32
elements, 16 MiB), never a second full-size temporary. Each piece's few undecided (NaN-marked)
elements are fetched by position, recomputed by the generator's reference on the host and
written back before the piece is placed.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

PIECE = 1 << 22


@functools.partial(jax.jit, donate_argnums=0)
def _place(out, piece, start):
    return lax.dynamic_update_slice(out, piece, (start,))


def repaired(values: jax.Array, positions_of, reference) -> jax.Array:
    """`values` with its NaN elements replaced by `reference(positions_of(j))`, j their positions."""
    marked = jnp.isnan(values)
    count = int(marked.sum())
    if not count:
        return values
    where = np.asarray(jnp.nonzero(marked, size=count)[0])
    return values.at[where].set(jnp.asarray(reference(positions_of(where))))


def assemble(index, sample_piece, reference, piece: int = PIECE) -> jax.Array:
    """float32 device array of the elements `index` (a range or an int64 array):
    `sample_piece(part)` gives the values of at most `piece` elements (NaN where undecided),
    `reference(where)` the exact values of the flat elements `where`."""
    n = len(index)
    if n == 0:
        return jnp.zeros((0,), jnp.float32)
    if n <= piece:
        return repaired(sample_piece(index), lambda j: _elements(index, j), reference)
    out = jnp.zeros((n,), jnp.float32)
    for start in range(0, n, piece):
        part = index[start:start + piece]
        values = repaired(sample_piece(part), lambda j, part=part: _elements(part, j), reference)
        out = _place(out, values, np.int64(start))
    return out


def _elements(index, positions: np.ndarray) -> np.ndarray:
    if isinstance(index, range):
        return positions.astype(np.int64) + index.start
    return np.asarray(index, np.int64)[positions]
