"""Sharded Parameters: layouts as NamedShardings, sharded materialisation, gathering.

Under SEMI_AUTO_PARALLEL (or AUTO_PARALLEL with search_mode='sharding_propagation') a
Parameter consumed by a sharded operator input takes that input's layout (the first
consumer's, see sporax.ops._strategy), and is then materialised and kept as shards: a lazy
Parameter generates only the blocks this process's devices hold (contract 2 makes each
block bit-identical to the same elements of the single-process value).
"""
from __future__ import annotations

import importlib

import jax
import numpy as np

from .. import context
from . import mesh as _mesh
from .layout import layout_region
from .strategy import tensor_layout

_PARALLEL_MODES = ("semi_auto_parallel", "auto_parallel")


def active() -> bool:
    """Whether strategies apply: SEMI_AUTO_PARALLEL, or AUTO_PARALLEL propagating user strategies."""
    mode = context.get_auto_parallel_context("parallel_mode")
    if mode == "auto_parallel":
        search = context.get_auto_parallel_context("search_mode")
        if search != "sharding_propagation":
            raise ValueError(f"AUTO_PARALLEL in sporax propagates the user's strategies (GSPMD): set "
                             f"search_mode='sharding_propagation', but got search_mode={search!r}.")
    return mode in _PARALLEL_MODES


def layout_of(strategy, shape, what, position):
    """(device_matrix, tensor_map, slice_shape, NamedSharding) of one tensor under `strategy`."""
    device_matrix, tensor_map, slice_shape = tensor_layout(strategy, shape, _mesh.device_num(), what, position)
    return device_matrix, tensor_map, slice_shape, _mesh.named_sharding(device_matrix, tensor_map, what)


def assign_layout(param, layout) -> None:
    """Give `param` the layout (dev_matrix, tensor_map, slice_shape, sharding), placing its
    data as shards now if it already has data (a lazy one materialises as shards later)."""
    object.__setattr__(param, "_parallel_layout", layout)
    object.__setattr__(param, "_sharding", layout[3])
    object.__setattr__(param, "sliced", True)
    data = param.__dict__["_data"]
    if isinstance(data, jax.Array):
        host = np.asarray(data) if data.is_fully_addressable else None
        if host is None:
            return  # already a global array laid out by an earlier plan
        param._store(jax.make_array_from_callback(host.shape, layout[3], lambda index: host[index]))


def materialize_sharded(lazy, name, sharding) -> jax.Array:
    """A lazy value as a global array: only the blocks this process's devices hold are generated."""
    blocks = {}

    def block(index):
        key = tuple((s.start, s.stop) for s in index)
        if key not in blocks:
            blocks[key] = np.asarray(lazy.materialize(name, tuple(index)))
        return blocks[key]

    with jax.ensure_compile_time_eval():
        return jax.make_array_from_callback(tuple(lazy.shape), sharding, block)


# True while a network's layouts are being planned (a shape-only trace): only then do
# Parameters take the layouts of the inputs that consume them (sporax.ops._strategy).
planning = [False]


def host_value(array) -> np.ndarray:
    """The whole value on this host. A global array spanning other processes is gathered
    (every process must call this for the same array, in the same order)."""
    if isinstance(array, jax.Array) and not array.is_fully_addressable:
        # loaded here, by the only multi-process path: `import sporax` stays light (issue 15)
        multihost_utils = importlib.import_module("jax.experimental.multihost_utils")
        return np.asarray(multihost_utils.process_allgather(array, tiled=True))
    return np.asarray(array)


def block_value(param, rank: int):
    """World rank `rank`'s block of a laid-out Parameter as a NumPy array (None if not laid out):
    from a device that holds it when this process has one, else cut from the whole value."""
    layout = param.__dict__.get("_parallel_layout")
    if layout is None or "_sharding" not in param.__dict__:
        return None
    region = layout_region(list(layout[:2]), tuple(param.shape), rank)
    data = param._stored_value()
    wanted = tuple(s.indices(n)[:2] for s, n in zip(region, param.shape))
    for shard in data.addressable_shards:
        if tuple(s.indices(n)[:2] for s, n in zip(shard.index, param.shape)) == wanted:
            return np.asarray(shard.data)
    return host_value(data)[region]
