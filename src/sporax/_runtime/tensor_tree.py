"""Tensors nested in tuples and lists: their arrays in order, and the structure rebuilt
around new arrays (used where values cross into and out of JAX transformations)."""
from __future__ import annotations

from ..common.tensor import Tensor


def leaves(value) -> list:
    """The arrays of every Tensor in `value`, depth first; other values are skipped."""
    if isinstance(value, Tensor):
        return [value._value()]
    if isinstance(value, (tuple, list)):
        return [a for item in value for a in leaves(item)]
    return []


def rebuild(value, arrays):
    """`value` with each Tensor replaced by a Tensor of the next array from the iterator `arrays`."""
    if isinstance(value, Tensor):
        return Tensor._wrap(next(arrays))
    if isinstance(value, (tuple, list)):
        return type(value)(rebuild(item, arrays) for item in value)
    return value
