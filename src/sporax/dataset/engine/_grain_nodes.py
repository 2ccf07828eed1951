"""The few Grain datasets sporax needs beyond Grain's own.

Grain's `MapDataset` covers random-access pipelines (source, map, batch, slice, concat,
zip, shuffle). A `PythonIterDataset` feeds Grain any Python iterator factory: iterable
`GeneratorDataset` sources, `repeat` over pipelines that are not random-access, `skip`,
callable batch sizes. `EpochsMapDataset` lays the epochs of a random-access pipeline end
to end as one Grain dataset, so a multi-epoch run starts its worker threads or processes
once and each epoch is still built (reshuffled) on its own.
"""
from __future__ import annotations

import sys
import threading
from typing import Callable, Iterator

import grain


class _PythonIterator(grain.DatasetIterator):
    def __init__(self, make_iterator: Callable[[], Iterator]):
        super().__init__()
        self._make_iterator = make_iterator
        self._iterator = make_iterator()
        self._produced = 0

    def __next__(self):
        element = next(self._iterator)
        self._produced += 1
        return element

    def get_state(self):
        return {"produced": self._produced}

    def set_state(self, state):
        self._iterator = self._make_iterator()
        self._produced = 0
        for _ in range(state["produced"]):
            next(self)


class PythonIterDataset(grain.IterDataset):
    """A Grain IterDataset over `make_iterator()`: a new Python iterator per pass."""

    def __init__(self, make_iterator: Callable[[], Iterator], parents=()):
        super().__init__(list(parents))
        self._make_iterator = make_iterator

    def __iter__(self):
        return _PythonIterator(self._make_iterator)

    def __str__(self):
        return "PythonIterDataset"


class EpochsMapDataset(grain.MapDataset):
    """Epochs `0, 1, ...` of a random-access pipeline end to end: row `i` is row
    `i % epoch_length` of `build_epoch(i // epoch_length)`. Built epochs are cached (the
    two most recent), so each is built once per process."""

    def __init__(self, build_epoch: Callable[[int], grain.MapDataset], epoch_length: int, num_epochs: int | None):
        super().__init__([])
        self._build_epoch = build_epoch
        self._epoch_length = epoch_length
        self._num_epochs = num_epochs
        self._cache: dict[int, grain.MapDataset] = {}
        self._lock = threading.Lock()

    def __getstate__(self):
        # Only what rebuilds the epochs: Grain's runtime state (stats, weak references)
        # stays in this process.
        return {"build_epoch": self._build_epoch, "epoch_length": self._epoch_length, "num_epochs": self._num_epochs}

    def __setstate__(self, state):
        self.__init__(state["build_epoch"], state["epoch_length"], state["num_epochs"])

    def __len__(self):
        if self._num_epochs is None:
            return sys.maxsize
        return self._epoch_length * self._num_epochs

    def _epoch(self, epoch: int) -> grain.MapDataset:
        with self._lock:
            built = self._cache.get(epoch)
            if built is None:
                built = self._build_epoch(epoch)
                if len(self._cache) >= 2:
                    self._cache.pop(min(self._cache))
                self._cache[epoch] = built
            return built

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.slice(index)
        epoch, row = divmod(index, self._epoch_length)
        return self._epoch(epoch)[row]

    def __str__(self):
        return "EpochsMapDataset"
