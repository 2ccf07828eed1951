"""`get_ckpt_path_with_strategy` (`mindspore.train`): after a failure, find a checkpoint that
holds this rank's slices — its own, or that of a rank holding identical slices.

Under a layout (dev_matrix, tensor_map), ranks whose device coordinates differ only along
device-matrix axes that no tensor dimension is split over hold the same slice (replicas).
This rank's replica set is the smallest such set that every Parameter of the strategy file
agrees with (MindSpore's rule: if two Parameters' sets are not nested, only the rank itself).
"""
from __future__ import annotations

import math
import os
import re
import sys

import numpy as np

from ..communication import get_rank
from ..parallel.checkpoint_transform import build_searched_strategy

__all__ = ["get_ckpt_path_with_strategy"]


def replica_groups(dev_matrix, tensor_map):
    """The sets of ranks holding identical slices of one Parameter, each ascending."""
    split_axes = set()
    for entry in tensor_map:
        for axis in (entry if isinstance(entry, (tuple, list)) else (entry,)):
            if axis != -1:
                split_axes.add(len(dev_matrix) - 1 - axis)  # tensor_map counts axes from the last
    groups = {}
    for rank in range(math.prod(dev_matrix)):
        coordinates = np.unravel_index(rank, dev_matrix)
        groups.setdefault(tuple(int(coordinates[a]) for a in sorted(split_axes)), []).append(rank)
    return [tuple(group) for group in groups.values()]


def _replicas_of(rank, layouts):
    smallest, members = (), set()
    length = sys.maxsize
    for name, (dev_matrix, tensor_map) in layouts.items():
        if name.startswith(("accu_grads", "inputs")):
            continue
        for group in replica_groups(dev_matrix, tensor_map):
            if rank not in group:
                continue
            if len(group) < length:
                if members and not set(group) <= members:
                    return (rank,)
                length, members, smallest = len(group), set(group), group
            elif not members <= set(group):
                return (rank,)
    return smallest


def get_ckpt_path_with_strategy(cur_ckpt_path, cur_strategy_path):
    """`cur_ckpt_path` if it names this rank's folder (`rank_<id>`) and exists; else the same
    path under the folder of the first replica rank (per `cur_strategy_path`) whose file
    exists; None when there is none."""
    if not isinstance(cur_ckpt_path, str) or not isinstance(cur_strategy_path, str):
        raise TypeError("For 'get_ckpt_path_with_strategy', 'cur_ckpt_path' and 'cur_strategy_path' must be str, but "
                        f"got {type(cur_ckpt_path).__name__} and {type(cur_strategy_path).__name__}.")
    rank = get_rank()
    if f"rank_{rank}" in cur_ckpt_path and os.path.isfile(cur_ckpt_path):
        return cur_ckpt_path
    for replica in _replicas_of(rank, build_searched_strategy(cur_strategy_path)):
        candidate = re.sub(r"rank_\d+", f"rank_{replica}", cur_ckpt_path)
        if os.path.isfile(candidate):
            return candidate
    return None
