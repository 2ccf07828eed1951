"""`mindspore.get_ckpt_path_with_strategy`: find a usable checkpoint among the ranks holding the
same slices as this rank.

Checkpoint paths name their rank (`rank_{id}`). If this rank's own file exists it is the answer.
Otherwise the strategy file says which ranks hold copies of this rank's data: for each
Parameter, the ranks whose block (its region under the layout, `layout_region`) equals this
rank's form one redundancy group; the smallest group containing this rank serves for all
Parameters when every Parameter's group is a superset of it (else only this rank itself does, as
in MindSpore). The first rank of that group, in order, whose `rank_{id}` path exists is returned;
None when none does. (Optimizer-sharded layouts are not part of sporax's strategy files.)
"""
from __future__ import annotations

import math
import os
import re
import sys

from ..communication.management import get_rank
from .._parallel import strategy_file as _strategy_file
from .._parallel.layout import layout_region

__all__ = ["get_ckpt_path_with_strategy"]


def _redundancy_groups(layout) -> tuple:
    """The ranks of `layout`'s device matrix grouped by the block they hold, in rank order."""
    dev_matrix, tensor_map = list(layout[0]), list(layout[1])
    shape = tuple(math.prod(dev_matrix[len(dev_matrix) - 1 - k] for k in (e if isinstance(e, tuple) else (e,))
                            if k != -1) for e in tensor_map)
    groups: dict = {}
    for rank in range(math.prod(dev_matrix)):
        region = tuple(s.indices(n)[:2] for s, n in zip(layout_region([dev_matrix, tensor_map], shape, rank), shape))
        groups.setdefault(region, []).append(rank)
    return tuple(tuple(g) for g in groups.values())


def _replica_ranks(layouts, rank) -> tuple:
    size, smallest, smallest_set = sys.maxsize, (), set()
    for name in sorted(layouts):
        if name.startswith("accu_grads") or name.startswith("inputs"):
            continue
        for group in _redundancy_groups(layouts[name]):
            if rank not in group:
                continue
            if len(group) < size:
                if smallest_set and not set(group).issubset(smallest_set):
                    return (rank,)
                size, smallest_set, smallest = len(group), set(group), group
            elif not smallest_set.issubset(group):
                return (rank,)
    return smallest


def get_ckpt_path_with_strategy(cur_ckpt_path, cur_strategy_path):
    """A checkpoint path holding this rank's data: `cur_ckpt_path` if it exists and names this
    rank, else the first existing `rank_{id}` variant for a rank holding the same slices under the
    strategy file `cur_strategy_path`; None if there is none. Needs `communication.init()`."""
    if not isinstance(cur_ckpt_path, str):
        raise TypeError(f"For 'get_ckpt_path_with_strategy', the 'cur_ckpt_path' must be str, but got "
                        f"{type(cur_ckpt_path).__name__}.")
    cur_rank = get_rank()
    if f"rank_{cur_rank}" in cur_ckpt_path and os.path.isfile(cur_ckpt_path):
        return cur_ckpt_path
    layouts = _strategy_file.read(cur_strategy_path)
    for rank in _replica_ranks(layouts, cur_rank):
        candidate = re.sub(r'rank_\d+', f"rank_{rank}", cur_ckpt_path)
        if os.path.isfile(candidate):
            return candidate
    return None
