"""What one epoch's Grain pipeline is built from."""
from __future__ import annotations

import grain
import numpy as np

from ..core import config


class Build:
    """What one epoch's Grain pipeline is built from: the seed, the epoch, thread count."""

    def __init__(self, seed: int, epoch: int, threads: int):
        self.seed, self.epoch, self.threads = seed, epoch, threads

    def at_epoch(self, epoch: int) -> "Build":
        return Build(self.seed, epoch, self.threads)

    def stream_seed(self, node_number: int) -> int:
        """A 32-bit seed for Grain's shuffles, distinct per (seed, epoch, node)."""
        return int(np.random.SeedSequence([self.seed, self.epoch, node_number]).generate_state(1)[0])

    def as_iter(self, built):
        if isinstance(built, grain.MapDataset):
            return built.to_iter_dataset(grain.ReadOptions(num_threads=self.threads,
                                                           prefetch_buffer_size=max(config.get_prefetch_size(), 1)))
        return built
