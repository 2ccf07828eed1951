"""Operator strategies at run time: `Primitive.shard` becomes sharding constraints for GSPMD.

Under SEMI_AUTO_PARALLEL (or AUTO_PARALLEL with search_mode='sharding_propagation') a
primitive with `in_strategy`/`out_strategy` runs with each input (and output) constrained
to its strategy's NamedSharding; XLA's SPMD partitioner then splits the computation and
inserts the collectives. While a network is being planned, a Parameter consumed by such an
input takes that input's layout (the first consumer's).
"""
from __future__ import annotations

import jax
import numpy as np

from .._runtime import state_frame
from .._parallel import sharding as _sharding
from .._parallel.sharding import active, layout_of


def _is_array(value) -> bool:
    return isinstance(value, (jax.Array, jax.core.Tracer, np.ndarray))


def _record_parameter(array, layout) -> None:
    """The Parameter whose value (in the active frame) is `array` takes `layout`, if it has none."""
    if not _sharding.planning[0]:
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

    def _kernel_copy(self):
        return Constrained(self.prim._kernel_copy(), self.in_shardings, self.out_strategy)

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
