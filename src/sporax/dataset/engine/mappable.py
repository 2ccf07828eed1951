"""Sources whose rows are addressable by index, read through a sampler.

MindSpore picks the sampler from the source's arguments: `sampler` if given (a Sampler,
or any iterable of indices); else `num_shards`/`shard_id` give a DistributedSampler
(shuffled unless `shuffle=False`); else `shuffle` (default on) a RandomSampler, off a
SequentialSampler; `num_samples` caps each.
"""
from __future__ import annotations

import numbers

import grain
import numpy as np

from ..core import config
import copy

from .columns import check_num_parallel_workers
from .datasets import SourceDataset, to_row
from .samplers import (DistributedSampler, PKSampler, RandomSampler, Sampler, SequentialSampler, Shuffle,
                       SubsetRandomSampler, _check_num_samples)


def select_sampler(num_samples, shuffle, sampler, num_shards, shard_id, default_shuffle=True):
    """MindSpore's choice of sampler from a source's arguments."""
    num_samples = _check_num_samples(num_samples)
    if (num_shards is None) != (shard_id is None):
        raise ValueError("num_shards and shard_id need to be passed in together.")
    if num_shards is not None:
        for name, value in (("num_shards", num_shards), ("shard_id", shard_id)):
            if isinstance(value, bool) or not isinstance(value, numbers.Integral):
                raise TypeError(f"Argument {name} with value {value!r} is not of type [<class 'int'>], "
                                f"but got {type(value)}.")
        if num_shards < 1:
            raise ValueError(f"Input num_shards is not within the required interval of [1, 2147483647].")
        if not 0 <= shard_id < num_shards:
            raise ValueError("shard_id should be less than num_shards.")
    if isinstance(shuffle, Shuffle):  # every level shuffles the rows of an in-memory source
        shuffle = True
    if shuffle is not None and not isinstance(shuffle, bool):
        raise TypeError(f"Argument shuffle with value {shuffle!r} is not of type [<class 'bool'>], "
                        f"but got {type(shuffle)}.")
    if sampler is not None:
        if shuffle is not None or num_shards is not None or num_samples is not None:
            raise ValueError(f"Conflicting arguments during sampler assignments. num_samples: {num_samples}, "
                             f"num_shards: {num_shards}, shard_id: {shard_id}, shuffle: {shuffle}.")
        if isinstance(sampler, Sampler):
            return sampler
        if isinstance(sampler, (str, bytes)) or not hasattr(sampler, "__iter__"):
            raise TypeError(f"Unsupported sampler object of type ({type(sampler)})")
        return IterSampler(sampler)
    if num_shards is not None:
        return DistributedSampler(num_shards, shard_id, shuffle=True if shuffle is None else shuffle,
                                  num_samples=num_samples)
    if shuffle is None:
        shuffle = default_shuffle
    if shuffle:
        return RandomSampler(num_samples=num_samples)
    return SequentialSampler(num_samples=num_samples)


class IterSampler(Sampler):
    """A user's sampler: any iterable of indices, read anew each epoch."""

    def __init__(self, sampler, num_samples=None):
        super().__init__(num_samples)
        self.sampler = sampler

    def _epoch_indices(self, n, seed, epoch):
        indices = np.asarray(list(iter(self.sampler)), dtype=np.int64).reshape(-1)
        if indices.size and (indices.min() < 0 or indices.max() >= n):
            raise ValueError(f"sampler: index out of range for a dataset of {n} rows: {indices.tolist()}.")
        return self._cap(indices)


class _SampledRows(grain.MapDataset):
    """One epoch of a source as a Grain MapDataset: row `k` is source row `indices[k]`.
    (A MapDataset of its own rather than `MapDataset.source(...)`: Grain's source wrapper
    measures every element's byte size, which costs more than reading a small image.)"""

    def __init__(self, dataset, indices):
        super().__init__([])
        self._dataset, self._indices = dataset, indices

    def __len__(self):
        return len(self._indices)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return self.slice(k)
        return self._dataset._read_row(int(self._indices[k % len(self._indices)]))

    def __str__(self):
        return f"{type(self._dataset).__name__}Rows"


class MappableDataset(SourceDataset):
    """A random-access source. Subclasses give `_source_size()`, `_read(i)` and `_columns()`."""

    def __init__(self, num_parallel_workers=None, sampler=None, num_samples=None, shuffle=None, num_shards=None,
                 shard_id=None, default_shuffle=True):
        super().__init__(num_parallel_workers=check_num_parallel_workers(num_parallel_workers))
        self.sampler = select_sampler(num_samples, shuffle, sampler, num_shards, shard_id, default_shuffle)
        self.num_samples = num_samples
        self.shuffle_flag = shuffle
        self.num_shards, self.shard_id = num_shards, shard_id

    # --- subclass interface
    def _source_size(self) -> int:  # pragma: no cover
        raise NotImplementedError

    def _read(self, index: int):  # pragma: no cover
        raise NotImplementedError

    def _labels(self):
        """The class of every row (for PKSampler): the 'label'-like column, read row by row."""
        column = getattr(self.sampler, "class_column", "label")
        columns = self._columns()
        if column not in columns:
            return None
        position = columns.index(column)
        return [int(np.asarray(self._read_row(i)[position]).reshape(-1)[0]) for i in range(self._source_size())]

    # --- shared
    def _read_row(self, index):
        return to_row(self._read(index), self._columns(), type(self).__name__)

    def _prepare_sampler(self, sampler):
        node = sampler
        while node is not None:
            if isinstance(node, PKSampler) and node.labels is None:
                node.labels = self._labels()
            node = node.child_sampler

    def _epoch_indices(self, seed, epoch):
        self._prepare_sampler(self.sampler)
        # A sharded sampler must permute alike on every rank: it uses the config seed.
        seed = config.get_seed() if self.sampler.is_sharded() else seed
        return self.sampler.indices(self._source_size(), seed, epoch)

    def _static_size(self):
        return len(self._epoch_indices(0, 0))

    def _is_random_access(self):
        return True

    def is_shuffled(self):
        return self.sampler.is_shuffled()

    def is_sharded(self):
        return self.sampler.is_sharded()

    def use_sampler(self, new_sampler):
        if not isinstance(new_sampler, Sampler):
            raise TypeError(f"new_sampler should be a Sampler, but got {type(new_sampler).__name__}.")
        self.sampler = new_sampler

    def add_sampler(self, new_sampler):
        if not isinstance(new_sampler, Sampler):
            raise TypeError(f"new_sampler should be a Sampler, but got {type(new_sampler).__name__}.")
        new_sampler.add_child(self.sampler)
        self.sampler = new_sampler

    def _split_randomly(self, parts):
        population = self.sampler.indices(self._source_size(), config.get_seed(), 0)
        order = population[np.random.default_rng(config.get_seed()).permutation(len(population))]
        result, start = [], 0
        for size in parts:
            part = copy.copy(self)
            part.sampler = SubsetRandomSampler(order[start:start + size].tolist())
            result.append(part)
            start += size
        return result

    def _build(self, build):
        return _SampledRows(self, self._epoch_indices(build.seed, build.epoch))
