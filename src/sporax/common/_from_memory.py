"""Tensors from host memory and between Tensors: `from_numpy`, `frombuffer`, `swap_tensors`
(top-level `mindspore` names).

MindSpore's `from_numpy` shares the NumPy array's memory. A sporax Tensor holds an immutable
`jax.Array`, so the values are copied when the Tensor is made: later writes to the array do not
reach the Tensor.
"""
from __future__ import annotations

import numpy as np

from . import dtype as mstype
from .parameter import Parameter
from .tensor import Tensor

__all__ = ["from_numpy", "frombuffer", "swap_tensors"]


def from_numpy(array):
    """A Tensor with the values, shape and dtype of the NumPy array `array` (copied, see above)."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"For 'from_numpy', the 'array' must be a numpy.ndarray (Expected a NumPy array), but got "
                        f"{type(array).__name__}.")
    return Tensor(array)


def frombuffer(buffer, dtype, count=-1, offset=0):
    """A 1-D Tensor of `dtype` read from the bytes of `buffer` (any object with the buffer
    protocol), starting `offset` bytes in, `count` elements (-1: to the end)."""
    if not isinstance(dtype, mstype.Type):
        raise TypeError(f"For 'frombuffer', the 'dtype' must be a mindspore dtype object, but got {type(dtype)}.")
    for name, value in (("count", count), ("offset", offset)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"For 'frombuffer', the '{name}' must be an int, but got {type(value).__name__}.")
    try:
        view = memoryview(buffer)
    except TypeError:
        raise TypeError(f"For 'frombuffer', the 'buffer' must implement the Python buffer protocol, but got "
                        f"{type(buffer).__name__}.") from None
    size, item = view.nbytes, dtype.to_numpy().itemsize
    if offset < 0 or offset > size:
        raise ValueError(f"For 'frombuffer', the 'offset' must be in [0, {size}], but got {offset}.")
    if count == -1:
        if (size - offset) % item:
            raise ValueError(f"For 'frombuffer', the buffer length ({size} bytes) after offset ({offset} bytes) must "
                             f"be a multiple of element size ({item}).")
        count = (size - offset) // item
    elif count <= 0 or offset + count * item > size:
        raise ValueError(f"For 'frombuffer', the 'count' must be -1 or in [1, {(size - offset) // item}], but got "
                         f"{count}.")
    return Tensor(np.frombuffer(view, dtype.to_numpy(), count, offset).copy())


def swap_tensors(t1, t2):
    """Exchange the whole contents (values, shape, dtype, attributes) of two Tensors in place."""
    for name, value in (("t1", t1), ("t2", t2)):
        if not isinstance(value, Tensor):
            raise TypeError(f"For 'swap_tensors', the '{name}' must be a Tensor, but got {type(value).__name__}.")
        if isinstance(value, Parameter):
            raise TypeError(f"For 'swap_tensors', the '{name}' must be a Tensor, not a Parameter (a Parameter's "
                            f"value changes through set_data or Assign).")
    if type(t1) is not type(t2):
        raise TypeError(f"For 'swap_tensors', both Tensors must be of one class, but got {type(t1).__name__} and "
                        f"{type(t2).__name__}.")
    t1.__dict__, t2.__dict__ = t2.__dict__, t1.__dict__
