"""Strategies: `Layout` (public at `sporax.parallel.shard`), and how a strategy lays out a tensor.

A strategy for a tensor is either a tuple of split counts, one per dimension (`(2, 1)`:
halve axis 0), or a `Layout` (a named device matrix and, per dimension, the axis names
that split it). A tuple strategy uses the device matrix `(device_num / prod(s), *s)`: the
leading axis repeats the computation, and dimension i is split by matrix axis
`len(s) - 1 - i` counted from the right, as MindSpore numbers them.
"""
from __future__ import annotations

import math
import numbers

__all__ = ["Layout", "check_strategy", "tensor_layout"]


class Layout:
    """A device matrix with named axes; calling it with one alias (or tuple of aliases, or
    'None') per tensor dimension gives the layout of a tensor.

    >>> layout = Layout((2, 4), ("dp", "mp"))
    >>> layout("dp", "mp").to_dict()["tensor_map"]
    (1, 0)
    """

    def __init__(self, device_matrix, alias_name, rank_list=None):
        if not isinstance(device_matrix, tuple) or not device_matrix or not all(
                isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in device_matrix):
            raise TypeError(f"device_matrix must be a tuple of positive ints, but got {device_matrix!r}")
        if not isinstance(alias_name, tuple) or not all(isinstance(a, str) for a in alias_name):
            raise TypeError(f"alias_name must be a tuple of str, but got {alias_name!r}")
        if len(device_matrix) != len(alias_name):
            raise ValueError("device_matrix length should be equal to alias_name length")
        if "None" in alias_name or len(set(alias_name)) != len(alias_name):
            raise ValueError(f"alias_name must be unique and must not be 'None', but got {alias_name}")
        size = math.prod(device_matrix)
        if rank_list is None:
            rank_list = list(range(size))
        if not isinstance(rank_list, (list, tuple)) or sorted(rank_list) != list(range(size)):
            raise ValueError(f"rank_list must be a permutation of range({size}), but got {rank_list!r}")
        if list(rank_list) != list(range(size)):
            raise ValueError("sporax lays ranks out in order: rank_list must be list(range(device_num)), "
                             f"but got {list(rank_list)}")
        self._device_shape = device_matrix
        self._alias_name = alias_name
        self._rank_list = list(rank_list)
        self._tensor_map = None

    def __call__(self, *tensor_map):
        mapped = []
        for entry in tensor_map:
            names = entry if isinstance(entry, tuple) else (entry,)
            indices = []
            for name in names:
                if name == "None":
                    indices.append(-1)
                    continue
                if name not in self._alias_name:
                    raise ValueError(f"The axis {name} is not found in {self._alias_name}")
                indices.append(len(self._alias_name) - 1 - self._alias_name.index(name))
            used = [i for i in indices if i != -1]
            mapped.append(tuple(indices) if isinstance(entry, tuple) else indices[0])
            if len(set(used)) != len(used):
                raise ValueError(f"The axis {entry} is used twice in one dimension.")
        flat = [i for m in mapped for i in (m if isinstance(m, tuple) else (m,)) if i != -1]
        if len(set(flat)) != len(flat):
            raise ValueError(f"Each device-matrix axis may split one tensor dimension only, but got {tensor_map}.")
        new = Layout(self._device_shape, self._alias_name, self._rank_list)
        new._tensor_map = tuple(mapped)
        return new

    def to_dict(self):
        if self._tensor_map is None:
            raise ValueError("The tensor_map of layout is None")
        return {"device_matrix": self._device_shape, "tensor_map": self._tensor_map,
                "interleaved_parallel": False, "alias_name": self._alias_name, "rank_list": self._rank_list}

    def __repr__(self):
        return (f"Layout(device_matrix={self._device_shape}, alias_name={self._alias_name}, "
                f"tensor_map={self._tensor_map})")


def check_strategy(what: str, name: str, strategy):
    """A strategy argument: None, or a tuple holding, per input, a tuple of positive ints or a Layout."""
    if strategy is None:
        return None
    if not isinstance(strategy, tuple):
        raise TypeError(f"{name} must be tuple type, but got:{type(strategy)}")
    for item in strategy:
        if isinstance(item, Layout):
            if item._tensor_map is None:
                raise ValueError(f"For '{what}', every Layout in '{name}' must be called with its tensor map, "
                                 f"but got {item!r}.")
            continue
        if item is None:
            continue
        if not isinstance(item, tuple) or not all(
                isinstance(n, numbers.Integral) and not isinstance(n, bool) and n >= 1 for n in item):
            raise ValueError(f"For '{what}', each element of '{name}' must be a tuple of positive ints or a Layout, "
                             f"but got {item!r}.")
    return strategy


def tensor_layout(strategy, shape, device_num: int, what: str, position: str):
    """(device_matrix, tensor_map, slice_shape) of a tensor of `shape` under `strategy`."""
    shape = tuple(shape)
    if isinstance(strategy, Layout):
        device_matrix, tensor_map = strategy._device_shape, strategy._tensor_map
        if len(tensor_map) != len(shape):
            raise ValueError(f"For '{what}', the layout of {position} has {len(tensor_map)} dimensions, but the "
                             f"tensor has shape {shape}.")
        splits = []
        for entry in tensor_map:
            entries = entry if isinstance(entry, tuple) else (entry,)
            splits.append(math.prod(device_matrix[len(device_matrix) - 1 - k] for k in entries if k != -1))
    else:
        if len(strategy) != len(shape):
            raise ValueError(f"For '{what}', the strategy {strategy} of {position} has {len(strategy)} dimensions, "
                             f"but the tensor has shape {shape}.")
        splits = list(strategy)
        product = math.prod(splits)
        if device_num % product:
            raise ValueError(f"For '{what}', the strategy {strategy} of {position} uses {product} devices, which "
                             f"does not divide device_num={device_num}.")
        repeat = device_num // product
        device_matrix = ((repeat,) if repeat > 1 else ()) + tuple(splits)
        tensor_map = tuple(len(splits) - 1 - i for i in range(len(splits)))
    for axis, (size, parts) in enumerate(zip(shape, splits)):
        if size % parts:
            raise ValueError(f"For '{what}', the strategy {strategy if not isinstance(strategy, Layout) else tensor_map}"
                             f" of {position} splits axis {axis} of size {size} into {parts} parts, which does "
                             f"not divide it (shape {shape}).")
    slice_shape = tuple(size // parts for size, parts in zip(shape, splits))
    return tuple(device_matrix), tuple(tensor_map), slice_shape
