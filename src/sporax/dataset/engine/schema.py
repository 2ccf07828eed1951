"""`Schema` (column names, types and shapes, in MindSpore's JSON form) and `RandomDataset`.

A schema's JSON is `{"columns": [{"name", "type", "rank", "shape"?}], "numRows"?}`, as
MindSpore writes it. `RandomDataset` fills each column of each row with one random value
of the column's type (as MindSpore does); a column without a shape is 1-D of a random
length. Row `k` is drawn from a generator seeded by `k`, so every run gives the same rows
(shuffling and sharding then apply as to any source).
"""
from __future__ import annotations

import json
import os

import numpy as np

from ...common import dtype as mstype
from .columns import check_columns
from .mappable import MappableDataset

_TYPES = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32",
          "float64", "string")


def _type_name(de_type) -> str:
    if isinstance(de_type, mstype.Type):
        return str(np.dtype(mstype.dtype_to_nptype(de_type)))
    if isinstance(de_type, str) and de_type in _TYPES:
        return de_type
    if isinstance(de_type, np.dtype) or (isinstance(de_type, type) and issubclass(de_type, np.generic)):
        name = str(np.dtype(de_type))
        if name in _TYPES:
            return name
    raise TypeError("Unknown column type.")


class Schema:
    """Column definitions for RandomDataset (and MindSpore's file datasets)."""

    def __init__(self, schema_file=None):
        self.schema_file = schema_file
        self.columns: list[dict] = []
        self.num_rows = None
        if schema_file is not None:
            if not isinstance(schema_file, (str, os.PathLike)) or not os.path.isfile(schema_file):
                raise ValueError(f"The file {schema_file} does not exist or permission denied!")
            with open(schema_file) as handle:
                try:
                    self.from_json(json.load(handle))
                except json.JSONDecodeError as error:
                    raise RuntimeError(f"Schema file {schema_file} is not valid JSON: {error}") from None

    def add_column(self, name, de_type, shape=None):
        if not isinstance(name, str):
            raise TypeError(f"Argument name with value {name!r} is not of type [<class 'str'>], but got {type(name)}.")
        column = {"name": name, "type": _type_name(de_type)}
        if shape is not None:
            if not isinstance(shape, list) or not all(isinstance(s, int) and s > 0 for s in shape):
                raise TypeError(f"Argument shape with value {shape!r} is not a list of positive ints.")
            column["rank"] = len(shape)
            column["shape"] = list(shape)
        else:
            column["rank"] = 1
        self.columns.append(column)

    def parse_columns(self, columns):
        """Columns as a list of {name, type, shape?} or a dict name -> {type, shape?}."""
        if isinstance(columns, dict):
            columns = [dict(value, name=name) for name, value in columns.items()]
        if not isinstance(columns, list):
            raise TypeError(f"columns should be a list or a dict, but got {type(columns).__name__}.")
        self.columns = []
        for column in columns:
            if not isinstance(column, dict) or "name" not in column or "type" not in column:
                raise RuntimeError(f"Column's name or type is missing in {column!r}.")
            self.add_column(column["name"], column["type"], column.get("shape"))

    def from_json(self, json_obj):
        if not isinstance(json_obj, dict) or "columns" not in json_obj:
            raise RuntimeError("Schema json must have a 'columns' entry.")
        self.parse_columns(json_obj["columns"])
        self.num_rows = json_obj.get("numRows")

    def to_json(self):
        content = {"columns": self.columns}
        if self.num_rows is not None:
            content["numRows"] = self.num_rows
        return json.dumps(content, indent=2, sort_keys=True)

    def get_num_rows(self):
        if self.num_rows is None:
            raise ValueError("Get schema row number failed: numRows is not set.")
        return self.num_rows

    def __str__(self):
        return self.to_json()


class RandomDataset(MappableDataset):
    """`total_rows` rows of random values for the columns of `schema` (see the module docstring)."""

    def __init__(self, total_rows=None, schema=None, columns_list=None, num_samples=None, num_parallel_workers=None,
                 cache=None, shuffle=None, num_shards=None, shard_id=None):
        if total_rows is not None and (isinstance(total_rows, bool) or not isinstance(total_rows, int)
                                       or total_rows < 0):
            raise ValueError(f"Input total_rows is not within the required interval of [0, 2147483647].")
        if isinstance(schema, str):
            schema = Schema(schema)
        if schema is not None and not isinstance(schema, Schema):
            raise TypeError(f"schema should be a Schema or a path to a schema file, but got {type(schema).__name__}.")
        if schema is None:
            rng = np.random.default_rng(total_rows or 0)
            schema = Schema()
            for k in range(int(rng.integers(1, 5))):
                schema.add_column(f"c{k}", str(rng.choice(["uint8", "int16", "int32", "float32"])),
                                  [int(s) for s in rng.integers(1, 32, int(rng.integers(1, 4)))])
        self.schema = schema
        columns = [c["name"] for c in schema.columns]
        if columns_list is not None:
            wanted = check_columns(columns_list, "columns_list")
            missing = [c for c in wanted if c not in columns]
            if missing:
                raise ValueError(f"RandomDataset: columns_list names {missing}, not in the schema {columns}.")
            self._definitions = [c for c in schema.columns if c["name"] in wanted]
        else:
            self._definitions = list(schema.columns)
        if total_rows:
            self.total_rows = total_rows
        elif schema.num_rows is not None:
            self.total_rows = schema.num_rows
        else:
            self.total_rows = int(np.random.default_rng(0).integers(1, 1025))
        super().__init__(num_parallel_workers, None, num_samples, shuffle, num_shards, shard_id)

    def _columns(self):
        return [c["name"] for c in self._definitions]

    def _source_size(self):
        return self.total_rows

    def _read(self, index):
        rng = np.random.default_rng([index, 0x5EED])
        values = []
        for column in self._definitions:
            shape = column.get("shape") or [int(rng.integers(1, 17))]
            if column["type"] == "string":
                values.append(np.full(shape, str(rng.integers(1 << 30))))
                continue
            dtype = np.dtype(column["type"])
            if dtype.kind == "f":
                value = rng.random()
            elif dtype.kind == "b":
                value = bool(rng.integers(2))
            else:
                info = np.iinfo(dtype)
                value = rng.integers(info.min, info.max, endpoint=True, dtype=dtype)
            values.append(np.full(shape, value, dtype=dtype))
        return tuple(values)
