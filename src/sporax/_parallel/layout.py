"""MindSpore's tensor layouts: which region of a tensor a device holds."""
from __future__ import annotations

import math

import numpy as np

__all__ = ["layout_region"]


def layout_region(layout, shape, rank: int) -> tuple:
    """This device's region for MindSpore's layout `[dev_mat, tensor_map, slice_shape, ...]`.

    `tensor_map[d] = k` splits axis d over device-matrix axis `len(dev_mat) - 1 - k`;
    -1 keeps the axis whole. `rank` is the device's index in the flattened device matrix.
    """
    if not isinstance(layout, (list, tuple)) or len(layout) < 2:
        raise ValueError(f"Parameter.init_data: argument 'layout' must be [dev_mat, tensor_map, ...], got {layout!r}.")
    dev_mat, tensor_map = list(layout[0]), list(layout[1])
    if len(tensor_map) != len(shape):
        raise ValueError(f"Parameter.init_data: argument 'layout' has a tensor_map of {len(tensor_map)} axes "
                         f"for a Parameter of shape {shape}.")
    if not 0 <= rank < math.prod(dev_mat):
        raise ValueError(f"Parameter.init_data: rank {rank} is outside the device matrix {dev_mat}.")
    coords = np.unravel_index(rank, dev_mat)
    index = []
    for axis, k in enumerate(tensor_map):
        if k == -1:
            index.append(slice(None))
            continue
        mesh_axis = len(dev_mat) - 1 - k
        parts = dev_mat[mesh_axis]
        if shape[axis] % parts:
            raise ValueError(f"Parameter.init_data: axis {axis} of size {shape[axis]} does not split "
                             f"into {parts} equal parts.")
        size = shape[axis] // parts
        start = int(coords[mesh_axis]) * size
        index.append(slice(start, start + size))
    return tuple(index)
