"""Datasets over Python objects: `GeneratorDataset`, `NumpySlicesDataset`, `PaddedDataset`.

A `GeneratorDataset` source is random-access when it has `__getitem__` and `__len__`
(then samplers, shuffling and sharding apply, and rows can be read by worker threads or
processes); otherwise it is iterable — a generator function (called once per epoch) or an
iterable (`iter()` once per epoch) — and is read in order.
"""
from __future__ import annotations

import itertools

import numpy as np

from ...common import dtype as mstype
from .columns import check_columns, check_type
from .datasets import stack_column, to_row
from . import _grain_nodes
from .mappable import MappableDataset
from .samplers import _check_num_samples


def _numpy_dtype(type_, column):
    if isinstance(type_, mstype.Type):
        return mstype.dtype_to_nptype(type_)
    try:
        return np.dtype(type_)
    except TypeError:
        raise TypeError(f"column_types: the type of column {column!r} must be a sporax dtype or a NumPy dtype, "
                        f"but got {type_!r}.") from None


class GeneratorDataset(MappableDataset):
    """Rows from a Python source: random-access (`__getitem__` + `__len__`) or iterable."""

    def __init__(self, source, column_names=None, column_types=None, schema=None, num_samples=None,
                 num_parallel_workers=1, shuffle=None, sampler=None, num_shards=None, shard_id=None,
                 python_multiprocessing=True, max_rowsize=None, batch_sampler=None, collate_fn=None):
        if schema is not None:
            raise ValueError("GeneratorDataset: 'schema' is deprecated since MindSpore 2.8; give column_names "
                             "(and column_types) instead.")
        if column_names is None:
            raise ValueError("Neither columns_names nor schema are provided.")
        self.column_names = check_columns(column_names, "column_names")
        random_access = hasattr(source, "__getitem__") and hasattr(source, "__len__")
        if not (random_access or callable(source) or hasattr(source, "__iter__")):
            raise TypeError("Input `source` function of GeneratorDataset should be callable, iterable or random "
                            "accessible, commonly it should implement one of the method like yield, __getitem__ "
                            "or __next__(__iter__).")
        check_type(python_multiprocessing, (bool,), "python_multiprocessing")
        if column_types is not None:
            if not isinstance(column_types, (list, tuple)) or len(column_types) != len(self.column_names):
                raise ValueError(f"column_types must be a list with one type per column {self.column_names}, "
                                 f"but got {column_types!r}.")
            self._dtypes = [_numpy_dtype(t, c) for t, c in zip(column_types, self.column_names)]
        else:
            self._dtypes = None
        self.source = source
        self._random_access_source = random_access
        self.batch_sampler, self.collate_fn = batch_sampler, collate_fn
        if batch_sampler is not None:
            if sampler is not None or shuffle is not None or num_shards is not None or num_samples is not None:
                raise ValueError("batch_sampler is mutually exclusive with sampler, shuffle, num_shards, shard_id "
                                 "and num_samples.")
            if not random_access:
                raise ValueError("batch_sampler is not supported if source does not have attribute '__getitem__'.")
            if isinstance(batch_sampler, (str, bytes)) or not hasattr(batch_sampler, "__iter__"):
                raise TypeError(f"batch_sampler should be an iterable of index lists, but got "
                                f"{type(batch_sampler).__name__}.")
        elif collate_fn is not None:
            raise ValueError("collate_fn can be specified only when batch_sampler is set.")
        if collate_fn is not None and not callable(collate_fn):
            raise TypeError(f"collate_fn should be callable, but got {type(collate_fn).__name__}.")
        if not random_access:
            for name, value in (("sampler", sampler), ("num_shards", num_shards), ("shuffle", shuffle or None)):
                if value is not None:
                    raise ValueError(f"{name} is not supported if source does not have attribute '__getitem__'.")
        super().__init__(num_parallel_workers, sampler if random_access else None,
                         num_samples if random_access and batch_sampler is None else None,
                         shuffle if random_access else False, num_shards, shard_id)
        self.num_samples = _check_num_samples(num_samples)
        self.python_multiprocessing = python_multiprocessing

    def _columns(self):
        return list(self.column_names)

    def _source_size(self):
        return len(self.source)

    def _read(self, index):
        try:
            return self.source[index]
        except IndexError:
            raise
        except Exception as error:
            raise type(error)(f"GeneratorDataset: source[{index}] failed: {error}") from error

    def _read_row(self, index):
        row = to_row(self._read(index), self.column_names, "GeneratorDataset")
        return self._cast(row)

    def _cast(self, row):
        if self._dtypes is None:
            return row
        return tuple(a.astype(t, copy=False) for a, t in zip(row, self._dtypes))

    def _is_random_access(self):
        return self._random_access_source and self.batch_sampler is None

    def _static_size(self):
        if self.batch_sampler is not None:
            return len(list(iter(self.batch_sampler)))
        if self._random_access_source:
            return super()._static_size()
        if hasattr(self.source, "__len__"):
            size = len(self.source)
            return size if self.num_samples is None else min(size, self.num_samples)
        return None

    def _iterate(self):
        items = self.source() if callable(self.source) and not hasattr(self.source, "__iter__") else self.source
        rows = (self._cast(to_row(item, self.column_names, "GeneratorDataset")) for item in iter(items))
        if self.num_samples:
            rows = itertools.islice(rows, self.num_samples)
        return rows

    def _batches(self):
        for indices in iter(self.batch_sampler):
            rows = [self._read_row(int(i)) for i in indices]
            if self.collate_fn is not None:
                columns = [[row[c] for row in rows] for c in range(len(self.column_names))]
                yield self._cast(to_row(self.collate_fn(*columns), self.column_names, "GeneratorDataset collate_fn"))
            else:
                yield tuple(stack_column([row[c] for row in rows], name, "GeneratorDataset batch_sampler")
                            for c, name in enumerate(self.column_names))

    def _build(self, build):
        if self.batch_sampler is not None:
            return _grain_nodes.PythonIterDataset(self._batches)
        if self._random_access_source:
            return super()._build(build)
        return _grain_nodes.PythonIterDataset(self._iterate)

    def is_shuffled(self):
        return self._random_access_source and self.sampler.is_shuffled()

    def is_sharded(self):
        return self._random_access_source and self.sampler.is_sharded()


def _slices(data, column_names):
    """NumpySlicesDataset's columns: a list is one column, a tuple several, a dict named ones."""
    if hasattr(data, "to_dict") and hasattr(data, "columns"):  # a pandas DataFrame
        data = {str(k): np.asarray(v) for k, v in data.to_dict("list").items()}
    if isinstance(data, dict):
        names = list(data.keys())
        arrays = [np.asarray(v) for v in data.values()]
    elif isinstance(data, tuple):
        names = None
        arrays = [np.asarray(v) for v in data]
    elif isinstance(data, (list, np.ndarray)):
        names = None
        arrays = [np.asarray(data)]
    else:
        raise TypeError(f"NumpySlicesDataset: data should be a list, tuple, dict or NumPy array, "
                        f"but got {type(data).__name__}.")
    for i, array in enumerate(arrays):
        if array.dtype == object:
            raise TypeError(f"NumpySlicesDataset: column {i} cannot be converted to a NumPy array of numbers or "
                            f"strings (ragged lists?).")
        if array.ndim == 0:
            raise ValueError(f"NumpySlicesDataset: column {i} is a scalar; slices need at least one dimension.")
    lengths = {len(a) for a in arrays}
    if len(lengths) > 1:
        raise ValueError(f"NumpySlicesDataset: all columns must have the same length, but got lengths "
                         f"{[len(a) for a in arrays]}.")
    if column_names is not None:
        names = check_columns(column_names, "column_names")
        if len(names) != len(arrays):
            raise ValueError(f"NumpySlicesDataset: {len(names)} column_names for {len(arrays)} columns.")
    elif names is None:
        names = [f"column_{i}" for i in range(len(arrays))]
    return names, arrays


class _Slices:
    def __init__(self, arrays):
        self.arrays = arrays

    def __len__(self):
        return len(self.arrays[0]) if self.arrays else 0

    def __getitem__(self, index):
        return tuple(np.asarray(a[index]) for a in self.arrays)


class NumpySlicesDataset(GeneratorDataset):
    """Rows are slices, along the first axis, of in-memory arrays (one per column)."""

    def __init__(self, data, column_names=None, num_samples=None, num_parallel_workers=1, shuffle=None, sampler=None,
                 num_shards=None, shard_id=None):
        names, arrays = _slices(data, column_names)
        super().__init__(_Slices(arrays), column_names=names, num_samples=num_samples,
                         num_parallel_workers=num_parallel_workers, shuffle=shuffle, sampler=sampler,
                         num_shards=num_shards, shard_id=shard_id, python_multiprocessing=False)


class PaddedDataset(GeneratorDataset):
    """Rows given as a list of dicts (same keys), often concatenated to pad a sharded dataset."""

    def __init__(self, padded_samples):
        if not isinstance(padded_samples, list):
            raise TypeError(f"padded_samples should be a list of dicts, but got {type(padded_samples).__name__}.")
        if not padded_samples:
            raise ValueError("padded_samples should not be empty.")
        for sample in padded_samples:
            if not isinstance(sample, dict):
                raise TypeError(f"padded_samples should be a list of dicts, but got an element of type "
                                f"{type(sample).__name__}.")
        names = list(padded_samples[0].keys())
        for sample in padded_samples:
            if list(sample.keys()) != names:
                raise ValueError(f"padded_samples: every dict must have the keys {names}, but got "
                                 f"{list(sample.keys())}.")
        rows = [tuple(np.asarray(s[k]) for k in names) for s in padded_samples]
        super().__init__(rows, column_names=names, shuffle=False, python_multiprocessing=False)
        self.padded_samples = padded_samples


