"""`mindspore.parallel.shard`: `Layout` and `shard`."""
from __future__ import annotations

from .._parallel.strategy import Layout

__all__ = ["Layout", "shard"]


def shard(fn, in_strategy, out_strategy=None, parameter_plan=None):
    """Shard a Cell (or anything with a `shard` method): its inputs by `in_strategy`, its outputs
    by `out_strategy`, and the Parameters named in `parameter_plan` ({name: strategy}).
    Returns `fn`."""
    if not callable(getattr(fn, "shard", None)):
        raise TypeError(f"For 'shard', the 'fn' must be a Cell (with a shard method), but got {type(fn).__name__}.")
    return fn.shard(in_strategy, out_strategy, parameter_plan)
