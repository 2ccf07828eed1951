"""What one epoch's Grain pipeline is built from."""
from __future__ import annotations

import grain
import numpy as np

from ..core import config


def read_options(threads: int) -> grain.ReadOptions:
    """Grain's reading threads and prefetch; no threads reads in the consumer's thread with no
    prefetch (Grain 0.2.10 starts a pool of `num_threads` whenever the buffer is non-empty)."""
    prefetch = max(config.get_prefetch_size(), 1) if threads > 0 else 0
    return grain.ReadOptions(num_threads=threads, prefetch_buffer_size=prefetch)


class Build:
    """What one epoch's Grain pipeline is built from: the seed, the epoch, thread count, and
    `finishing`: the node (the iterated one, in worker processes) whose batches may leave
    their last cheap operations to the consumer (`BatchDataset._finish_in_consumer`)."""

    def __init__(self, seed: int, epoch: int, threads: int, finishing=None):
        self.seed, self.epoch, self.threads, self.finishing = seed, epoch, threads, finishing

    def at_epoch(self, epoch: int) -> "Build":
        return Build(self.seed, epoch, self.threads, self.finishing)

    def stream_seed(self, node_number: int) -> int:
        """A 32-bit seed for Grain's shuffles, distinct per (seed, epoch, node)."""
        return int(np.random.SeedSequence([self.seed, self.epoch, node_number]).generate_state(1)[0])

    def as_iter(self, built):
        if isinstance(built, grain.MapDataset):
            return built.to_iter_dataset(read_options(self.threads))
        return built
