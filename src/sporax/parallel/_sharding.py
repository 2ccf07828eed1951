"""Operator strategies at run time: `Primitive.shard` becomes sharding constraints for GSPMD.

Under SEMI_AUTO_PARALLEL (or AUTO_PARALLEL with search_mode='sharding_propagation') a
primitive with `in_strategy`/`out_strategy` runs with each input (and output) constrained
to its strategy's NamedSharding; XLA's SPMD partitioner then splits the computation and
inserts the collectives. A Parameter consumed by such an input takes that input's layout
(the first consumer's), and is then materialised and kept as shards: a lazy Parameter
generates only the blocks this process's devices hold (contract 2 makes each block
bit-identical to the same elements of the single-process value).
"""
from __future__ import annotations

import jax
import numpy as np
from jax.experimental import multihost_utils

from .. import context
from .._runtime import state_frame
from . import _mesh
from ._layout import layout_region
from .shard import tensor_layout

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


def _is_array(value) -> bool:
    return isinstance(value, (jax.Array, jax.core.Tracer, np.ndarray))


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
# Parameters take the layouts of the inputs that consume them.
planning = [False]


def _record_parameter(array, layout) -> None:
    """The Parameter whose value (in the active frame) is `array` takes `layout`, if it has none."""
    if not planning[0]:
        return
    frame = state_frame.active()
    while frame is not None:
        for param in frame.params:
            if frame.values.get(id(param)) is array:
                if "_parallel_layout" not in param.__dict__:
                    object.__setattr__(param, "_parallel_layout", layout)
                return
        frame = frame.parent


class Constrained:
    """Presents a primitive whose inputs and outputs are pinned to their strategies' shardings."""

    _jit = True

    def __init__(self, prim, in_shardings, out_strategy):
        self.prim, self.in_shardings, self.out_strategy = prim, in_shardings, out_strategy

    def _kernel_key(self):
        return (type(self.prim), self.prim._kernel_key(), self.in_shardings, "out", self.out_strategy)

    def _compute(self, *args):
        args = tuple(jax.lax.with_sharding_constraint(a, s) if s is not None and _is_array(a) else a
                     for a, s in zip(args, self.in_shardings))
        out = self.prim._compute(*args)
        if self.out_strategy is None:
            return out
        outs = out if isinstance(out, tuple) else (out,)
        if len(outs) != len(self.out_strategy):
            raise ValueError(f"For '{self.prim.name}', the 'out_strategy' has {len(self.out_strategy)} strategies "
                             f"for {len(outs)} outputs.")
        pinned = tuple(o if s is None else jax.lax.with_sharding_constraint(
            o, layout_of(s, o.shape, self.prim.name, f"output {i}")[3])
            for i, (o, s) in enumerate(zip(outs, self.out_strategy)))
        return pinned if isinstance(out, tuple) else pinned[0]


def prepare(prim, args: tuple):
    """What the executor runs for `prim` on `args`: `prim` itself, or it under its strategies."""
    in_strategy, out_strategy = prim.attrs.get("in_strategy"), prim.attrs.get("out_strategy")
    if (in_strategy is None and out_strategy is None) or not active():
        return prim
    positions = [i for i, a in enumerate(args) if _is_array(a)]
    in_shardings = [None] * len(args)
    if in_strategy is not None:
        if len(in_strategy) != len(positions):
            raise ValueError(f"For '{prim.name}', the 'in_strategy' has {len(in_strategy)} strategies, but the "
                             f"operator has {len(positions)} tensor inputs.")
        for k, (i, strategy) in enumerate(zip(positions, in_strategy)):
            if strategy is None:
                continue
            layout = layout_of(strategy, args[i].shape, prim.name, f"input {k}")
            _record_parameter(args[i], layout)
            in_shardings[i] = layout[3]
    return Constrained(prim, tuple(in_shardings), out_strategy)


def host_value(array) -> np.ndarray:
    """The whole value on this host. A global array spanning other processes is gathered
    (every process must call this for the same array, in the same order)."""
    if isinstance(array, jax.Array) and not array.is_fully_addressable:
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
