"""MindSpore's samplers: which rows of a random-access source an epoch reads, in which order.

A sampler turns a dataset size `n` into an index array for one epoch. Random samplers
draw from a NumPy Generator seeded by `(pipeline seed, epoch)`, so each epoch reshuffles
and a seeded run repeats exactly. A child sampler (`add_child`) first picks a population;
the parent then samples positions within the child's output.

Sharding (`DistributedSampler`, `num_shards`/`shard_id`) follows MindSpore: one shared
permutation (the same seed on every rank), padded by wrapping around to a multiple of
`num_shards`, then shard `k` takes positions `k, k + num_shards, ...`. Every shard has the
same length (ranks stay in step); the shards' union is the whole dataset, and they are
disjoint whenever `num_shards` divides the size (otherwise the wrapped-around
`num_shards - n % num_shards` rows appear twice, as in MindSpore).
"""
from __future__ import annotations

import enum
import numbers

import numpy as np

from .._construction import RecordsConstruction

_INT64_MAX = 2**63 - 1


class Shuffle(str, enum.Enum):
    """MindSpore's shuffle levels (`mindspore.dataset.Shuffle`)."""
    GLOBAL = "global"
    FILES = "files"
    INFILE = "infile"


def _check_num_samples(num_samples):
    if num_samples is None:
        return None
    if isinstance(num_samples, bool) or not isinstance(num_samples, numbers.Integral):
        raise TypeError(f"num_samples must be an integer, but got {type(num_samples).__name__}.")
    if not 0 <= num_samples <= _INT64_MAX:
        raise ValueError(f"num_samples exceeds the boundary between 0 and {_INT64_MAX}(INT64_MAX)!")
    return int(num_samples)


def _check_bool(value, name):
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a boolean value but was: {value}.")
    return value


def _check_indices(indices, name="indices"):
    if isinstance(indices, (str, bytes)) or not hasattr(indices, "__len__"):
        raise TypeError(f"Unsupported sampler object of type ({type(indices)})")
    array = np.asarray(indices)
    if array.size and not np.issubdtype(array.dtype, np.integer):
        raise TypeError(f"{name} must be a sequence of integers, but got elements of type {array.dtype}.")
    return [int(i) for i in array.reshape(-1)]


def _generator(seed: int, epoch: int) -> np.random.Generator:
    return np.random.default_rng([seed & 0xFFFFFFFF, epoch])


class Sampler(RecordsConstruction):
    """Base class of every sampler. Subclasses give `_epoch_indices(n, seed, epoch)`."""

    def __init__(self, num_samples=None):
        self.num_samples = _check_num_samples(num_samples)
        self.child_sampler = None

    def add_child(self, sampler):
        if not isinstance(sampler, Sampler):
            raise TypeError(f"Input sampler should be a sampler, but got {type(sampler).__name__}.")
        if self.child_sampler is not None:
            raise RuntimeError("Cannot add child sampler, this sampler already has a child.")
        self.child_sampler = sampler

    def get_child(self):
        return self.child_sampler

    def get_num_samples(self):
        """The rows one epoch reads from a dataset of unknown size: `num_samples`, or None."""
        return self.num_samples

    def is_shuffled(self):
        return False

    def is_sharded(self):
        return self.child_sampler.is_sharded() if self.child_sampler is not None else False

    def indices(self, dataset_size: int, seed: int, epoch: int) -> np.ndarray:
        """The source indices one epoch reads, in order."""
        if self.child_sampler is not None:
            population = self.child_sampler.indices(dataset_size, seed, epoch)
            positions = self._epoch_indices(len(population), seed, epoch)
            return population[positions]
        return self._epoch_indices(dataset_size, seed, epoch)

    def _cap(self, indices: np.ndarray) -> np.ndarray:
        if self.num_samples is not None and self.num_samples > 0:
            return indices[: self.num_samples]
        return indices

    def _epoch_indices(self, n, seed, epoch):  # pragma: no cover - every subclass defines it
        raise NotImplementedError


class BuiltinSampler(Sampler):
    """MindSpore's base class of the built-in samplers."""


class SequentialSampler(BuiltinSampler):
    """Rows `start_index, start_index + 1, ...`, `num_samples` of them (all by default)."""

    def __init__(self, start_index=None, num_samples=None):
        if start_index is not None:
            if isinstance(start_index, bool) or not isinstance(start_index, numbers.Integral):
                raise TypeError(f"start_index must be an integer, but got {type(start_index).__name__}.")
            if start_index < 0:
                raise ValueError(f"start_index must be non-negative, but got {start_index}.")
        super().__init__(num_samples)
        self.start_index = start_index

    def _epoch_indices(self, n, seed, epoch):
        start = self.start_index or 0
        if start >= n and n > 0:
            raise ValueError(f"SequentialSampler: start_index {start} is out of range for a dataset of {n} rows.")
        return self._cap(np.arange(start, n, dtype=np.int64))


class RandomSampler(BuiltinSampler):
    """A fresh permutation each epoch (or `num_samples` draws with replacement)."""

    def __init__(self, replacement=False, num_samples=None, shuffle=Shuffle.GLOBAL):
        _check_bool(replacement, "replacement")
        super().__init__(num_samples)
        self.replacement = replacement
        self.shuffle_level = shuffle
        self.reshuffle_each_epoch = True

    def is_shuffled(self):
        return True

    def _epoch_indices(self, n, seed, epoch):
        rng = _generator(seed, epoch)
        if self.replacement:
            count = self.num_samples if self.num_samples else n
            return rng.integers(0, n, size=count, dtype=np.int64) if n else np.zeros(0, np.int64)
        return self._cap(rng.permutation(n).astype(np.int64))


class DistributedSampler(BuiltinSampler):
    """Shard `shard_id` of `num_shards` (see the module docstring for the exact rule)."""

    def __init__(self, num_shards, shard_id, shuffle=True, num_samples=None, offset=-1):
        for name, value in (("num_shards", num_shards), ("shard_id", shard_id), ("offset", offset)):
            if isinstance(value, bool) or not isinstance(value, numbers.Integral):
                raise TypeError(f"{name} must be an integer, but got {type(value).__name__}.")
        if num_shards <= 0:
            raise ValueError(f"num_shards must be a positive integer, but got {num_shards}.")
        if not 0 <= shard_id < num_shards:
            raise ValueError(f"shard_id should be less than num_shards (and non-negative), but got shard_id "
                             f"{shard_id} and num_shards {num_shards}.")
        _check_bool(shuffle, "shuffle")
        if offset > num_shards:
            raise ValueError(f"offset should be no more than num_shards={num_shards}, but got {offset}.")
        super().__init__(num_samples)
        self.num_shards, self.shard_id, self.shuffle, self.offset = int(num_shards), int(shard_id), shuffle, int(offset)

    def is_shuffled(self):
        return self.shuffle

    def is_sharded(self):
        return True

    def _epoch_indices(self, n, seed, epoch):
        # The permutation must be the same on every rank, so it ignores the unset-seed
        # randomness of the pipeline seed and uses `config.get_seed()`-based seeding.
        order = _generator(seed, epoch).permutation(n) if self.shuffle else np.arange(n)
        per_shard = -(-n // self.num_shards) if n else 0
        padded = np.resize(order, per_shard * self.num_shards) if n else order
        first = self.shard_id if self.offset < 0 else (self.shard_id - self.offset) % self.num_shards
        return self._cap(padded[first::self.num_shards].astype(np.int64))


class SubsetSampler(BuiltinSampler):
    """Exactly the given indices, in the given order."""

    def __init__(self, indices, num_samples=None):
        self.indices_list = _check_indices(indices)
        super().__init__(num_samples)

    def _epoch_indices(self, n, seed, epoch):
        chosen = np.asarray(self.indices_list, dtype=np.int64)
        if type(self) is SubsetSampler:
            chosen = self._cap(chosen)
        if chosen.size and (chosen.min() < -n or chosen.max() >= n):
            raise ValueError(f"{type(self).__name__}: index out of range for a dataset of {n} rows: "
                             f"{self.indices_list}.")
        return chosen % max(n, 1)


class SubsetRandomSampler(SubsetSampler):
    """The given indices in a fresh random order each epoch."""

    def is_shuffled(self):
        return True

    def _epoch_indices(self, n, seed, epoch):
        chosen = SubsetSampler._epoch_indices(self, n, seed, epoch)
        return self._cap(chosen[_generator(seed, epoch).permutation(len(chosen))])


class WeightedRandomSampler(BuiltinSampler):
    """`num_samples` indices drawn with probability proportional to `weights`."""

    def __init__(self, weights, num_samples=None, replacement=True):
        if isinstance(weights, (str, bytes)) or not hasattr(weights, "__len__"):
            raise TypeError(f"weights must be a sequence of numbers, but got {type(weights).__name__}.")
        array = np.asarray(weights, dtype=np.float64).reshape(-1)
        if array.size == 0:
            raise ValueError("weights size should not be 0.")
        if (array < 0).any():
            raise ValueError("weights should not contain negative numbers.")
        if not array.sum() > 0:
            raise ValueError("elements of weights should not be all zero.")
        _check_bool(replacement, "replacement")
        super().__init__(num_samples)
        self.weights, self.replacement = array, replacement

    def is_shuffled(self):
        return True

    def _epoch_indices(self, n, seed, epoch):
        count = self.num_samples if self.num_samples else len(self.weights)
        if not self.replacement and count > np.count_nonzero(self.weights):
            raise ValueError(f"WeightedRandomSampler: cannot draw {count} rows without replacement from "
                             f"{np.count_nonzero(self.weights)} non-zero weights.")
        if len(self.weights) > n:
            raise ValueError(f"WeightedRandomSampler: {len(self.weights)} weights for a dataset of {n} rows.")
        probabilities = self.weights / self.weights.sum()
        return _generator(seed, epoch).choice(len(self.weights), size=count, replace=self.replacement,
                                              p=probabilities).astype(np.int64)


class PKSampler(BuiltinSampler):
    """`num_val` rows of each class (P classes × K rows), classes in order or shuffled."""

    def __init__(self, num_val, num_class=None, shuffle=False, class_column="label", num_samples=None):
        if isinstance(num_val, bool) or not isinstance(num_val, numbers.Integral):
            raise TypeError(f"num_val must be an integer, but got {type(num_val).__name__}.")
        if num_val <= 0:
            raise ValueError(f"num_val must be a positive integer, but got {num_val}.")
        if num_class is not None:
            raise NotImplementedError("Not supported to specify num_class for PKSampler.")
        _check_bool(shuffle, "shuffle")
        if not isinstance(class_column, str):
            raise TypeError(f"class_column must be a str, but got {type(class_column).__name__}.")
        super().__init__(num_samples)
        self.num_val, self.shuffle, self.class_column = int(num_val), shuffle, class_column
        self.labels = None  # set by the dataset this sampler reads (the class of each row)

    def is_shuffled(self):
        return self.shuffle

    def _epoch_indices(self, n, seed, epoch):
        if self.labels is None:
            raise ValueError(f"PKSampler needs the class of every row: the dataset must have a "
                             f"'{self.class_column}' column of scalar labels.")
        labels = np.asarray(self.labels).reshape(-1)
        rng = _generator(seed, epoch)
        chosen = []
        for label in np.unique(labels):
            rows = np.flatnonzero(labels == label)
            if self.shuffle:
                take = rng.choice(rows, size=self.num_val, replace=len(rows) < self.num_val)
            else:
                take = np.resize(rows, self.num_val)
            chosen.append(take)
        order = np.concatenate(chosen) if chosen else np.zeros(0, np.int64)
        if self.shuffle:
            order = order[rng.permutation(len(order))]
        return self._cap(order.astype(np.int64))
