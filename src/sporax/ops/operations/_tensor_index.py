"""What `x[index]` and `x[index] = value` do with their index before the kernel runs: check
Python ints against the shape (MindSpore raises; JAX would clamp), and split the index into
a layout, static and hashable, and the values that become the kernel's inputs.

The ints of an index are inputs, not part of the kernel's key, so that `x[i]` in a loop is
one compiled kernel for every `i`; slices, None, Ellipsis and bools fix the result's shape
and are the layout. A 0-d int input picks the same elements as the Python int it came from:
the ints are checked here first, and NumPy's rules place an advanced index's broadcast
dimensions by where they stand, which for a 0-d index (broadcast shape ()) moves nothing.
"""
from __future__ import annotations

import jax
import numpy as np

from ...common.tensor import Tensor

# Layout entries for the values that are kernel inputs (strings: no index holds one).
_INT, _ARRAY = "int", "array"


def kernel_layout(index):
    """`(layout, inputs)` for an index a compiled kernel can take, or None: a boolean mask
    (its result's shape depends on its values), a slice with Tensor bounds, or an item that
    is no index at all (the op-by-op path words that error with the index as given)."""
    layout, inputs = [], []
    for item in index if isinstance(index, tuple) else (index,):
        if isinstance(item, bool) or item is None or item is Ellipsis:
            layout.append(item)
        elif isinstance(item, (int, np.integer)):
            layout.append(_INT)
            inputs.append(int(item))  # a Python int: jit takes it fastest (np.int64 costs ~40 µs more)
        elif isinstance(item, slice):
            bounds = (item.start, item.stop, item.step)
            if not all(b is None or (isinstance(b, (int, np.integer)) and not isinstance(b, bool)) for b in bounds):
                return None
            layout.append(tuple(None if b is None else int(b) for b in bounds))
        else:
            array = _index_array(item)
            if array is None or array.dtype == np.bool_ or array.dtype.kind not in "iu":
                return None
            layout.append(_ARRAY)
            inputs.append(array)
    return tuple(layout), tuple(inputs)


def _index_array(item):
    if isinstance(item, Tensor):
        return item._value()
    if isinstance(item, (np.ndarray, jax.Array)):
        return item
    if isinstance(item, list):
        return Tensor(item)._value()
    return None


def rebuild(layout, inputs) -> tuple:
    """The index `kernel_layout` split, with its inputs (arrays or tracers) back in place."""
    values = iter(inputs)
    return tuple(next(values) if entry == _INT or entry == _ARRAY else slice(*entry) if isinstance(entry, tuple)
                 else entry for entry in layout)


def index_arrays(index):
    """An index with its Tensors and lists as arrays, for the op-by-op path."""
    if isinstance(index, Tensor):
        return index._value()
    if isinstance(index, tuple):
        return tuple(index_arrays(i) for i in index)
    if isinstance(index, list):
        return index_arrays(Tensor(index))
    return index


def check_bounds(shape, index) -> None:
    """MindSpore's IndexError for a Python int, or an int in a list, outside its dimension:
    JAX would clamp it when reading and drop the write when assigning, silently. Tensor
    indices are values on the device and are not read back to check them."""
    items = index if isinstance(index, tuple) else (index,)
    at = next((k for k, i in enumerate(items) if i is Ellipsis), None)  # `is`: == on a Tensor compares values
    leading, trailing = (items, ()) if at is None else (items[:at], items[at + 1:])
    if sum(map(_dimensions_taken, items)) > len(shape):
        return  # too many indices: the indexing itself says so
    dim = 0
    for item in leading:
        _check_item_bounds(item, shape, dim)
        dim += _dimensions_taken(item)
    dim = len(shape)
    for item in reversed(trailing):
        dim -= _dimensions_taken(item)
        _check_item_bounds(item, shape, dim)


def _dimensions_taken(item) -> int:
    if item is None or item is Ellipsis or isinstance(item, bool):
        return 0
    if isinstance(item, Tensor):
        item = item._value()
    if isinstance(item, (np.ndarray, jax.Array)) and item.dtype == np.bool_:
        return item.ndim
    return 1


def _check_item_bounds(item, shape, dim) -> None:
    if isinstance(item, bool) or dim >= len(shape):
        return
    size = shape[dim]
    if isinstance(item, (int, np.integer)):
        if not -size <= item < size:
            raise IndexError(f"index {item} is out of bounds for dimension with size {size}")
    elif isinstance(item, list):
        values = np.asarray(item)
        if values.dtype.kind in "iu" and values.size and not (-size <= values.min() and values.max() < size):
            bad = values[(values < -size) | (values >= size)].flat[0]
            raise IndexError(f"index {bad} out of bounds for dimension with size {size}")
