"""`mindspore.parallel.shard`: `Layout` and `shard`."""
from __future__ import annotations

from .._parallel import mesh as _mesh
from .._parallel import plan as _plan
from .._parallel.strategy import Layout, check_strategy
from ..nn.cell import Cell

__all__ = ["Layout", "shard"]


def shard(fn, in_strategy, out_strategy=None, parameter_plan=None):
    """Shard a function or Cell: its Tensor inputs by `in_strategy` (one strategy, a tuple of
    split counts or a Layout, per Tensor input), its outputs by `out_strategy`, and for a Cell
    the Parameters named in `parameter_plan` ({name: strategy}). Returns the sharded function;
    with a single device, `fn` itself (as MindSpore does with a group of one)."""
    if not callable(fn):
        raise TypeError(f"For 'shard', the 'fn' must be a function or a Cell, but got {type(fn).__name__}.")
    if not isinstance(in_strategy, tuple):
        raise TypeError(f"For 'Shard', the 'in_strategy' should be a tuple, but got {type(in_strategy).__name__}.")
    if not isinstance(out_strategy, (type(None), tuple)):
        raise TypeError(f"For 'Shard', the 'out_strategy' should be None or tuple, but got "
                        f"{type(out_strategy).__name__}.")
    if parameter_plan is not None and not isinstance(fn, Cell):
        raise TypeError("For 'shard', the 'parameter_plan' is only for a Cell's Parameters, but 'fn' is a "
                        f"{type(fn).__name__}.")
    check_strategy("shard", "in_strategy", in_strategy)
    check_strategy("shard", "out_strategy", out_strategy)
    if _mesh.device_num() == 1:
        return fn
    if isinstance(fn, Cell):
        fn.shard(in_strategy, out_strategy, parameter_plan)
    return _plan.function_shard(fn, in_strategy, out_strategy)
