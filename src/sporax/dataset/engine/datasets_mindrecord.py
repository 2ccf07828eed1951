"""`MindDataset`: the rows of MindRecord files (written by MindSpore or `sporax.mindrecord`).

Rows are in file order (the shards a header names, in its order; then rows by ROW_ID), so
`shuffle=False` reads exactly MindSpore's sequence. `shuffle` True / `Shuffle.GLOBAL`
(MindSpore's default) permutes all rows; `Shuffle.FILES` permutes the files and keeps each
file's rows in order; `Shuffle.INFILE` keeps the file order and permutes inside each file
(orders under a seed are sporax's own: MindSpore's generator is not reproduced).
`num_shards`/`shard_id` take every `num_shards`-th row of that order from `shard_id`, the
last ones wrapping round, as MindSpore does; `padded_sample` × `num_padded` are appended
first so that the shards come out even. Columns are the schema's, sorted (or
`columns_list`'s order): scalars as 0-d arrays of the schema dtype, strings as 0-d str
arrays, bytes as a one-element `S` array, arrays in the schema's shape.
"""
from __future__ import annotations

import os
import weakref

import numpy as np

from ...mindrecord import config
from ...mindrecord._dataset_files import DatasetFiles
from ...mindrecord._format import FormatError, numpy_type
from .columns import check_columns
from .mappable import MappableDataset, select_sampler
from .samplers import Sampler, Shuffle, _generator


class _LevelShuffleSampler(Sampler):
    """Shuffle.FILES / Shuffle.INFILE over files of the given sizes, then MindSpore's sharding."""

    def __init__(self, level, file_sizes, num_shards=None, shard_id=None, num_samples=None, padded=0):
        super().__init__(num_samples)
        self.level, self.file_sizes = level, list(file_sizes)
        self.num_shards, self.shard_id, self.padded = num_shards, shard_id, padded

    def is_shuffled(self):
        return True

    def is_sharded(self):
        return self.num_shards is not None

    def _epoch_indices(self, n, seed, epoch):
        rng = _generator(seed, epoch)
        starts = np.cumsum([0] + self.file_sizes)
        files = [np.arange(starts[i], starts[i + 1], dtype=np.int64) for i in range(len(self.file_sizes))]
        if self.level == Shuffle.FILES:
            files = [files[i] for i in rng.permutation(len(files))]
        else:
            files = [f[rng.permutation(len(f))] for f in files]
        order = np.concatenate(files + [np.arange(starts[-1], starts[-1] + self.padded, dtype=np.int64)])
        if self.num_shards is not None:
            per_shard = -(-len(order) // self.num_shards) if len(order) else 0
            order = np.resize(order, per_shard * self.num_shards)[self.shard_id::self.num_shards]
        return self._cap(order.astype(np.int64))


def _check_dataset_files(dataset_files):
    if isinstance(dataset_files, str):
        if not os.path.isfile(dataset_files) or not os.access(dataset_files, os.R_OK):
            raise ValueError(f"The file {os.path.realpath(dataset_files)} does not exist or permission denied!")
        return dataset_files
    if isinstance(dataset_files, list) and dataset_files:
        for name in dataset_files:
            if not isinstance(name, str):
                raise TypeError(f"path: {name} is not string")
            if not os.path.isfile(name) or not os.access(name, os.R_OK):
                raise ValueError(f"The file {os.path.realpath(name)} does not exist or permission denied!")
        return list(dataset_files)
    if isinstance(dataset_files, list):
        raise ValueError("dataset_files should not be empty.")
    raise TypeError(f"path: {dataset_files} is not string")


def _column_value(value, spec):
    kind = spec["type"]
    if kind == "bytes":
        return np.array([value], dtype=np.bytes_)
    if kind == "string":
        return np.array(value, dtype=np.str_)
    return np.asarray(value, dtype=numpy_type(kind))


class MindDataset(MappableDataset):
    """Rows of MindRecord files.

    Args:
        dataset_files (str, list[str]): one shard (its whole data set is read) or a list of shards.
        columns_list (list[str]): the columns to read, in this order. Default: all, sorted.
        num_parallel_workers (int): workers. Default: the config's.
        shuffle (bool, Shuffle): Default: None (Shuffle.GLOBAL).
        num_shards, shard_id (int): read shard `shard_id` of `num_shards`.
        sampler (Sampler): chooses the rows (not with shuffle/num_shards/num_samples).
        padded_sample (dict), num_padded (int): rows appended before sharding.
        num_samples (int): at most this many rows. Default: all.
        cache: accepted as MindSpore does (no cache server in sporax).
    """

    def __init__(self, dataset_files, columns_list=None, num_parallel_workers=None, shuffle=None, num_shards=None,
                 shard_id=None, sampler=None, padded_sample=None, num_padded=None, num_samples=None, cache=None):
        files = _check_dataset_files(dataset_files)
        if columns_list is not None:
            if not isinstance(columns_list, list):
                raise TypeError(f"Argument columns_list with value {columns_list} is not of type [<class 'list'>], "
                                f"but got {type(columns_list)}.")
            columns_list = check_columns(columns_list, "columns_list")
        if shuffle is not None and not isinstance(shuffle, (bool, Shuffle)):
            raise TypeError("shuffle must be of boolean or enum of 'Shuffle' values like 'Shuffle.GLOBAL' or "
                            "'Shuffle.FILES' or 'Shuffle.INFILE'.")
        if num_shards is not None and shard_id is None:
            raise RuntimeError("num_shards is specified and currently requires shard_id as well.")
        if shard_id is not None and num_shards is None:
            raise RuntimeError("shard_id is specified but num_shards is not.")
        if padded_sample is not None:
            if num_shards is None:
                raise RuntimeError("padded_sample is specified and requires num_shards as well.")
            if columns_list is None:
                raise RuntimeError("padded_sample is specified and requires columns_list as well.")
            if not isinstance(padded_sample, dict):
                raise TypeError(f"Argument padded_sample with value {padded_sample!r} is not of type "
                                f"[<class 'dict'>], but got {type(padded_sample)}.")
            if num_padded is None:
                raise RuntimeError("padded_sample is specified and requires num_padded as well.")
            if sorted(padded_sample) != sorted(columns_list):
                raise ValueError("padded_sample cannot match columns_list.")
        if num_padded is not None:
            if padded_sample is None:
                raise RuntimeError("num_padded is specified but padded_sample is not.")
            if isinstance(num_padded, bool) or not isinstance(num_padded, int):
                raise TypeError(f"Argument num_padded with value {num_padded!r} is not of type [<class 'int'>], "
                                f"but got {type(num_padded)}.")
            if num_padded < 0:
                raise ValueError(f"num_padded {num_padded} is not within the required interval of "
                                 f"[0, 2147483647].")
        decrypted = []

        def readable(name):  # an encrypted file is read from a decrypted temporary copy
            path, temporary = config.decrypt_pair(name)
            decrypted.extend(temporary)
            return path

        try:
            paths = readable(files) if isinstance(files, str) else [readable(f) for f in files]
            self._files = DatasetFiles(paths, load_dataset=isinstance(files, str))
        except FormatError as error:
            config.cleanup_decrypt_files(decrypted)
            raise RuntimeError(f"MindDataset: {error}") from None
        except BaseException:
            config.cleanup_decrypt_files(decrypted)
            raise
        self._decrypt_cleaner = weakref.finalize(self, config.cleanup_decrypt_files, tuple(decrypted))
        schema = self._files.schema
        if columns_list is not None:
            for name in columns_list:
                if name not in schema:
                    raise RuntimeError(f"Invalid data, column name: {name} can not found in schema. Please check "
                                       f"the 'column_list'.")
        self._column_names = list(columns_list) if columns_list is not None else sorted(schema)
        self.dataset_files = files
        self.columns_list = columns_list
        self.padded_sample, self.num_padded = padded_sample, num_padded or 0
        if self.num_padded and (self._files.size + self.num_padded) % num_shards:
            raise RuntimeError(f"Invalid data, the size of dataset and padded samples: "
                               f"{self._files.size + self.num_padded} can not be divisible by the value of "
                               f"'num_shards': {num_shards}.\n Please adjust the value of 'num_padded'.")
        self._padded_row = None if padded_sample is None else tuple(
            _column_value(padded_sample[c], schema[c]) for c in self._column_names)
        if isinstance(shuffle, Shuffle) and shuffle in (Shuffle.FILES, Shuffle.INFILE) and sampler is None:
            shards = self._files.shards
            level = _LevelShuffleSampler(shuffle, [len(s.locations) for s in shards], num_shards, shard_id,
                                         select_sampler(num_samples, None, None, None, None).num_samples,
                                         self.num_padded)
            super().__init__(num_parallel_workers, level, None, None, None, None)
            self.num_shards, self.shard_id, self.num_samples, self.shuffle_flag = num_shards, shard_id, \
                num_samples, shuffle
        else:
            super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id)

    def _columns(self):
        return list(self._column_names)

    def _source_size(self):
        return self._files.size + self.num_padded

    def _read(self, index):
        if index >= self._files.size:
            return self._padded_row
        try:
            row = self._files.row(index)
        except FormatError as error:
            raise RuntimeError(f"MindDataset: {error}") from None
        schema = self._files.schema
        return tuple(_column_value(row[c], schema[c]) for c in self._column_names)
