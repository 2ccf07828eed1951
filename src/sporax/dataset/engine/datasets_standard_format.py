"""Datasets in standard record formats: `TFRecordDataset`.

TFRecordDataset reads `tf.train.Example` records (see `_tfrecord`). Every file is read and
every frame's CRCs checked when the dataset is built, so a corrupt or truncated file fails
at construction, naming the file and the record; no partial dataset is ever returned.
Columns, as MindSpore 2.10 gives them:

- no `schema`: the features of the first record, sorted by name; `int64_list` -> int64
  <n>, `float_list` -> float32 <n>, `bytes_list` -> uint8 <total bytes> (the values'
  bytes concatenated);
- with a `schema` (a `Schema` or the path of its JSON file): the schema's columns in its
  order, each cast to its type and reshaped to its shape (`[]`... a scalar); type
  `string` gives one string per bytes value.

`columns_list` selects columns; `num_samples` caps the rows; `shuffle` (Shuffle.GLOBAL by
default) shuffles the rows, `num_shards`/`shard_id` give each shard a disjoint part.
"""
from __future__ import annotations

import os

import numpy as np

from .columns import check_columns
from .datasets_text import _InMemoryTextDataset, check_files
from .schema import Schema
from ._tfrecord import parse_example, read_records
from .samplers import Shuffle

_KIND_DTYPE = {"int64": np.int64, "float": np.float32, "bytes": np.uint8}


def _schema_columns(schema):
    if schema is None:
        return None
    if isinstance(schema, (str, os.PathLike)):
        schema = Schema(schema)
    if not isinstance(schema, Schema):
        raise TypeError(f"Argument schema with value {schema!r} is not of type [<class 'str'>, "
                        f"<class 'mindspore.dataset.engine.schema.Schema'>].")
    return list(schema.columns)


def _column_value(kind, values, column, path, index):
    name = column["name"]
    dtype, shape = column["type"], column.get("shape")
    if dtype == "string":
        if kind != "bytes":
            raise ValueError(f"TFRecordDataset: column '{name}' has type string in the schema, but record {index} of "
                             f"{path} holds a {kind}_list.")
        value = np.asarray([v.decode("utf-8", "replace") for v in values])
    elif kind == "bytes":
        value = np.frombuffer(b"".join(values), np.dtype(dtype))
    else:
        value = np.asarray(values, _KIND_DTYPE[kind]).astype(dtype)
    if shape is not None:
        if int(np.prod(shape, dtype=np.int64)) != value.size:
            raise ValueError(f"TFRecordDataset: column '{name}' of record {index} in {path} has {value.size} "
                             f"values, which do not fit the schema's shape {shape}.")
        value = value.reshape(shape)
    elif column.get("rank") == 0 or (isinstance(shape, list) and not shape):
        value = value.reshape(())
    return value


class TFRecordDataset(_InMemoryTextDataset):
    """Rows of `tf.train.Example` records from TFRecord files (see the module docstring)."""

    def __init__(self, dataset_files, schema=None, columns_list=None, num_samples=None, num_parallel_workers=None,
                 shuffle=Shuffle.GLOBAL, num_shards=None, shard_id=None, shard_equal_rows=False, cache=None,
                 compression_type=None):
        files = check_files(dataset_files)
        if compression_type not in (None, "", "GZIP", "ZLIB"):
            raise ValueError(f"Input compression_type can only be either '' (no compression), 'ZLIB', or 'GZIP', "
                             f"but got '{compression_type}'.")
        if not isinstance(shard_equal_rows, bool):
            raise TypeError(f"Argument shard_equal_rows with value {shard_equal_rows!r} is not of type "
                            f"[<class 'bool'>].")
        schema_columns = _schema_columns(schema)
        if columns_list is not None:
            columns_list = check_columns(columns_list, "columns_list")
        self.dataset_files, self.compression_type = files, compression_type or None
        records = [(path, i, record) for path in files
                   for i, record in enumerate(read_records(path, self.compression_type))]
        rows, columns = [], None
        for path, index, record in records:
            features = parse_example(record, path, index)
            if columns is None:
                columns = ([dict(c) for c in schema_columns] if schema_columns is not None
                           else [{"name": n, "type": np.dtype(_KIND_DTYPE[features[n][0]]).name}
                                 for n in sorted(features)])
                if columns_list is not None:
                    unknown = [c for c in columns_list if c not in [col["name"] for col in columns]]
                    if unknown:
                        raise ValueError(f"TFRecordDataset: columns_list names {unknown}, but the records of {path} "
                                         f"have the columns {[col['name'] for col in columns]}.")
                    columns = [next(col for col in columns if col["name"] == c) for c in columns_list]
            row = []
            for column in columns:
                if column["name"] not in features:
                    raise ValueError(f"TFRecordDataset: record {index} of {path} has no feature '{column['name']}' "
                                     f"(it has {sorted(features)}).")
                kind, values = features[column["name"]]
                row.append(_column_value(kind, values, column, path, index))
            rows.append(tuple(row))
        if columns is None:
            raise ValueError(f"TFRecordDataset: the files {files} hold no records.")
        super().__init__(rows, [c["name"] for c in columns], num_samples, num_parallel_workers, shuffle, num_shards,
                         shard_id)
