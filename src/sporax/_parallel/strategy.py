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


_INTERLEAVED = "interleaved_parallel"


class Layout:
    """A device matrix with named axes; calling it with one alias (or tuple of aliases, or
    'None') per tensor dimension gives the layout of a tensor. Aliases are numbered from the
    right: the last alias is device-matrix axis 0 in the tensor map.

    `rank_list[i]` is the rank at position i of the (row-major) device matrix. A last alias
    named 'interleaved_parallel' is MindSpore's virtual split inside each device (micro-batches
    interleaved on one device): it moves no data between devices and changes no value, so it
    splits nothing here.

    >>> layout = Layout((2, 4), ("dp", "mp"))
    >>> layout("dp", "mp").to_dict()["tensor_map"]
    (1, 0)
    """

    def __init__(self, device_matrix, alias_name, rank_list=None):
        if not isinstance(device_matrix, tuple):
            raise TypeError(f"device_matrix must be tuple type, but got:{type(device_matrix)}")
        if not isinstance(alias_name, tuple):
            raise TypeError(f"alias_name must be tuple type, but got:{type(alias_name)}")
        if len(device_matrix) != len(alias_name):
            raise ValueError("device_matrix length should be equal to alias_name length")
        for size in device_matrix:
            if isinstance(size, bool) or not isinstance(size, int):
                raise TypeError(f"The element of device_matrix must be int type, but got:{type(size)}")
            if size < 1:  # MindSpore fails later, at compile time
                raise ValueError(f"The element of device_matrix must be >= 1, but got {device_matrix}.")
        for alias in alias_name:
            if not isinstance(alias, str):
                raise TypeError(f"The element of alias_name must be str type, but got:{type(alias)}")
            if not alias:
                raise ValueError("The element of alias_name can not be empty.")
            if alias == "None":
                raise ValueError("The element of alias_name can not set 'None', because 'None' means no sharding.")
        if len(set(alias_name)) != len(alias_name):
            raise ValueError(f"Each element of alias_name {alias_name} should be different")
        if _INTERLEAVED in alias_name and alias_name.index(_INTERLEAVED) != len(alias_name) - 1:
            raise ValueError(f"When alias_name {alias_name} contains keyword 'interleaved_parallel', it should be at "
                             "the last dim of alias_name, which means the virtual sharding.")
        size = math.prod(device_matrix)
        if rank_list is None:
            rank_list = list(range(size))
        else:
            if not isinstance(rank_list, list):
                raise TypeError(f"The rank_list should be a list, but got {type(rank_list).__name__}.")
            for rank in rank_list:
                if isinstance(rank, bool) or not isinstance(rank, int):
                    raise TypeError(f"The element of rank_list should be int, but got {type(rank).__name__}.")
            if len(rank_list) != size:
                raise ValueError("The length of rank_list should be equal to the product of device_matrix, "
                                 f"but got {len(rank_list)} and {size}.")
        self._device_shape = device_matrix
        self._alias_name = alias_name
        self._rank_list = list(rank_list)
        self._tensor_map = None

    def __call__(self, *tensor_map):
        mapped, written = [], []
        for entry in tensor_map:
            names = entry if isinstance(entry, tuple) else (entry,)
            indices = []
            for name in names:
                if name == "None":
                    indices.append(-1)
                    continue
                if name not in self._alias_name:
                    raise ValueError(f"The axis {name} is not found in {self._alias_name}")
                if name in written:
                    raise ValueError(f"The axis {name} has been set more than one in {self._alias_name}")
                written.append(name)
                indices.append(len(self._alias_name) - 1 - self._alias_name.index(name))
            mapped.append(tuple(indices) if isinstance(entry, tuple) else indices[0])
        new = Layout(self._device_shape, self._alias_name, self._rank_list)
        new._tensor_map = tuple(mapped)
        return new

    def to_dict(self):
        if self._tensor_map is None:
            raise ValueError("The tensor_map of layout is None")
        return {"device_matrix": self._device_shape, "tensor_map": self._tensor_map,
                "interleaved_parallel": _INTERLEAVED in self._alias_name, "alias_name": self._alias_name,
                "rank_list": self._rank_list}

    def _device_layout(self, what):
        """(device_matrix, tensor_map) over the real devices: the interleaved axis (matrix axis 0,
        the last alias) is dropped and the tensor map renumbered. A rank_list other than the
        row-major order is refused here, where the layout is used: sporax's global mesh holds
        ranks in order, and every tensor of one program must use that same device order."""
        if self._rank_list != list(range(len(self._rank_list))):
            raise ValueError(f"For '{what}', a Layout's rank_list must be the ranks in order, "
                             f"list(range({len(self._rank_list)})), on sporax's global mesh, but got {self._rank_list}.")
        if _INTERLEAVED not in self._alias_name:
            return self._device_shape, self._tensor_map

        def renumber(entry):
            kept = tuple(k - 1 for k in (entry if isinstance(entry, tuple) else (entry,)) if k not in (-1, 0))
            return kept if len(kept) > 1 else (kept[0] if kept else -1)

        tensor_map = tuple(renumber(e) for e in self._tensor_map)
        return self._device_shape[:-1] or (1,), tensor_map


Layout.__module__ = "sporax.parallel.shard"  # its public home (MindSpore: mindspore.parallel.shard)


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
        device_matrix, tensor_map = strategy._device_layout(what)
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
