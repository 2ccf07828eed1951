"""Constants that ops build on every call (an index table, a window length, a number taken
as a 0-D Tensor), copied to the device once per value.

A Tensor around a NumPy array copies it to the device, a JAX dispatch of its own that costs
more than the op it feeds when the op is small. A jax.Array never changes, so the copy of a
small constant is kept, keyed by its dtype, shape and bytes, and each call wraps it in a
fresh Tensor (a Tensor can be rebound in place, the array it wraps cannot). The copy is made
outside any trace (`jax.ensure_compile_time_eval`), so a graph that builds the same constant
gets the same concrete array, folded into the graph as before.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ..common import dtype as mstype
from ..common.tensor import Tensor

# Constants larger than this are copied as they come (small ops' tables are a few bytes; the
# bound keeps what is kept small).
_LARGEST_KEPT_BYTES = 4096
_KEPT_MAX = 4096
_kept: dict = {}
_KEPT_DTYPES = frozenset(t.to_numpy() for t in mstype.number_type + (mstype.bool_,))


def constant(value, dtype=None) -> Tensor:
    """`Tensor(np.asarray(value, dtype))`, its device copy made once per value."""
    array = np.asarray(value, dtype)
    if array.nbytes > _LARGEST_KEPT_BYTES or array.dtype not in _KEPT_DTYPES:
        return Tensor(array)  # it checks (and refuses) dtypes MindSpore lacks
    key = (array.dtype, array.shape, array.tobytes())
    copy = _kept.get(key)
    if copy is None:
        if len(_kept) >= _KEPT_MAX:
            _kept.clear()
        with jax.ensure_compile_time_eval():
            copy = _kept[key] = jnp.asarray(array)
    return Tensor._wrap(copy)


def number(value, dtype) -> jax.Array:
    """`jnp.asarray(value, dtype)` for a Python number, its device copy made once per value.

    A kernel input, not a NumPy array: NumPy 1.x treats a 0-D array as a scalar in arithmetic,
    so `1 - np.asarray(0.9, np.float32)` is float64 there (a Python int and a float32 scalar
    promote to float64) while the same expression on a JAX array stays float32, under every
    NumPy. -0.0 and NaN are not kept (-0.0 == 0.0 as a key; NaN is never equal to itself)."""
    dtype = np.dtype(dtype)
    key = (dtype, value.__class__, value)
    copy = _kept.get(key)
    if copy is None:
        if value != value or value == 0 and value.__class__ is float:
            with jax.ensure_compile_time_eval():
                return jnp.asarray(value, dtype)
        if len(_kept) >= _KEPT_MAX:
            _kept.clear()
        with jax.ensure_compile_time_eval():
            copy = _kept[key] = jnp.asarray(value, dtype)
    return copy
