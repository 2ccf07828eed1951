"""The tiny networks and data the parallel tests train (shared by workers and references)."""
from __future__ import annotations

import numpy as np

import sporax as ms
from sporax import nn

STEPS = 10
BATCH = 4  # per rank


def mlp(seed=5):
    ms.set_seed(seed)
    return nn.SequentialCell([nn.Dense(6, 8), nn.ReLU(), nn.Dense(8, 3)])


def batches(world, steps=STEPS, batch=BATCH):
    """(data, label) of the whole job for each step: world*batch rows, rank r owns rows r*batch..."""
    rng = np.random.default_rng(7)
    data = rng.standard_normal((steps, world * batch, 6)).astype(np.float32)
    label = rng.standard_normal((steps, world * batch, 3)).astype(np.float32)
    return data, label


def rank_rows(array, rank, batch=BATCH):
    return array[:, rank * batch:(rank + 1) * batch]


class WithLayerwise(nn.Cell):
    """A Dense layer plus a per-rank (layerwise_parallel) offset."""

    def __init__(self):
        super().__init__()
        ms.set_seed(11)
        self.dense = nn.Dense(6, 3)
        self.offset = ms.Parameter(ms.Tensor(np.zeros(3, np.float32)), name="offset", layerwise_parallel=True)

    def construct(self, x):
        return self.dense(x) + self.offset
