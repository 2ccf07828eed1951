"""Text datasets: `CSVDataset` and `TextFileDataset`.

Files are checked (exist, readable, CSV well formed with the right field count) when the
dataset is built, so a bad file fails at construction naming the file and line. Rows are
held in memory (text corpora for these readers are small), which makes them random-access:
`shuffle` (Shuffle.GLOBAL by default, like MindSpore), samplers and sharding all apply.
CSV fields are strings unless `column_defaults` gives a type per column (int -> int32,
float -> float32, str -> str), as in MindSpore; an empty field takes its default.
TextFileDataset has one column, `text`, one row per non-empty line.
"""
from __future__ import annotations

import csv
import glob
import os

import numpy as np

from .columns import check_columns
from .mappable import MappableDataset
from .samplers import Shuffle


def check_files(dataset_files, name="dataset_files"):
    if isinstance(dataset_files, (str, os.PathLike)):
        patterns = [os.fspath(dataset_files)]
    elif isinstance(dataset_files, list) and dataset_files and all(isinstance(f, (str, os.PathLike))
                                                                     for f in dataset_files):
        patterns = [os.fspath(f) for f in dataset_files]
    else:
        raise TypeError(f"Argument {name} with value {dataset_files!r} is not of type [<class 'str'>, "
                        f"<class 'list'>].")
    files, missing = [], []
    for pattern in patterns:
        found = sorted(glob.glob(pattern))
        if not found:
            missing.append(pattern)
        files += [f for f in found if os.path.isfile(f)]
    if missing:
        raise ValueError(f"The following patterns did not match any files: {missing}.")
    return files


def _shuffle_flag(shuffle):
    if shuffle is False or shuffle is None:
        return False
    if shuffle is True or isinstance(shuffle, Shuffle):
        return True
    raise TypeError(f"shuffle should be a bool or a Shuffle, but got {shuffle!r}.")


class _InMemoryTextDataset(MappableDataset):
    def __init__(self, rows, columns, num_samples, num_parallel_workers, shuffle, num_shards, shard_id, sampler=None):
        self._rows, self._column_names = rows, columns
        shuffle = shuffle if shuffle is None and sampler is not None else _shuffle_flag(shuffle)
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id)

    def _columns(self):
        return list(self._column_names)

    def _source_size(self):
        return len(self._rows)

    def _read(self, index):
        return self._rows[index]


def _typed(value, default, path, line, column):
    if value == "":
        value = default if default is not None else ""
        if not isinstance(value, str):
            return np.asarray(value, np.int32 if isinstance(value, int) else np.float32)
    if isinstance(default, int) and not isinstance(default, bool):
        try:
            return np.int32(int(value))
        except ValueError:
            raise ValueError(f"CSVDataset: {path}, line {line}, column {column!r}: {value!r} is not an int.") from None
    if isinstance(default, float):
        try:
            return np.float32(float(value))
        except ValueError:
            raise ValueError(f"CSVDataset: {path}, line {line}, column {column!r}: {value!r} is not a float.") \
                from None
    return np.asarray(value)


class CSVDataset(_InMemoryTextDataset):
    """Rows of CSV files (the first line is the header unless `column_names` is given)."""

    def __init__(self, dataset_files, field_delim=',', column_defaults=None, column_names=None, num_samples=None,
                 num_parallel_workers=None, shuffle=Shuffle.GLOBAL, num_shards=None, shard_id=None, cache=None):
        files = check_files(dataset_files)
        if not isinstance(field_delim, str) or len(field_delim) != 1 or field_delim in '"\r\n':
            raise ValueError(f"field_delim must be a single character other than a quote or a newline, but got "
                             f"{field_delim!r}.")
        if column_defaults is not None:
            if not isinstance(column_defaults, list) or not all(
                    isinstance(d, (int, float, str)) and not isinstance(d, bool) for d in column_defaults):
                raise TypeError("column_defaults should be a list of int, float or str.")
        names = check_columns(column_names, "column_names") if column_names is not None else None
        rows = []
        for path in files:
            with open(path, newline="", encoding="utf-8") as handle:
                try:
                    records = list(csv.reader(handle, delimiter=field_delim))
                except (csv.Error, UnicodeDecodeError) as error:
                    raise ValueError(f"CSVDataset: cannot parse {path}: {error}") from None
            start = 0
            if names is None:
                if not records:
                    raise ValueError(f"CSVDataset: {path} is empty, so it has no header with the column names.")
                names = check_columns(records[0], "column_names (CSV header)")
                start = 1
            elif column_names is None:
                start = 1
            defaults = column_defaults if column_defaults is not None else [None] * len(names)
            if len(defaults) != len(names):
                raise ValueError(f"CSVDataset: {len(defaults)} column_defaults for {len(names)} columns {names}.")
            for number, record in enumerate(records[start:], start=start + 1):
                if not record:
                    continue
                if len(record) != len(names):
                    raise ValueError(f"CSVDataset: {path}, line {number} has {len(record)} fields, but the columns "
                                     f"are {names}.")
                rows.append(tuple(_typed(v, d, path, number, c) for v, d, c in zip(record, defaults, names)))
        super().__init__(rows, names, num_samples, num_parallel_workers, shuffle, num_shards, shard_id)


class TextFileDataset(_InMemoryTextDataset):
    """One row per non-empty line of the text files; column `text`."""

    def __init__(self, dataset_files, num_samples=None, num_parallel_workers=None, shuffle=Shuffle.GLOBAL,
                 num_shards=None, shard_id=None, cache=None):
        rows = []
        for path in check_files(dataset_files):
            try:
                with open(path, encoding="utf-8") as handle:
                    lines = handle.read().splitlines()
            except UnicodeDecodeError as error:
                raise ValueError(f"TextFileDataset: {path} is not UTF-8 text: {error}") from None
            rows += [(np.asarray(line),) for line in lines if line]
        super().__init__(rows, ["text"], num_samples, num_parallel_workers, shuffle, num_shards, shard_id)
