"""`serialize`, `show`, `compare`: a pipeline as a dict (MindSpore's JSON form, in outline).

Each node becomes `{"op_type", "num_parallel_workers", "children", ...its arguments}`;
Python callables (sources, map operations, predicates) appear by name, since they cannot
be written to JSON (MindSpore's `deserialize` cannot rebuild them either).
"""
from __future__ import annotations

import json
import os

import numpy as np

from .datasets import Dataset

_OP_TYPES = {"BatchDataset": "Batch", "MapDataset": "Map", "ShuffleDataset": "Shuffle", "RepeatDataset": "Repeat",
             "TakeDataset": "Take", "SkipDataset": "Skip", "ZipDataset": "Zip", "ConcatDataset": "Concat",
             "ProjectDataset": "Project", "RenameDataset": "Rename", "FilterDataset": "Filter"}
_ARGUMENTS = ("batch_size", "drop_remainder", "buffer_size", "count", "input_columns", "output_columns", "columns",
              "dataset_dir", "usage", "num_samples", "column_names")


def _plain(value):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if callable(value):
        return getattr(value, "__name__", type(value).__name__)
    return str(value)


def _describe(node: Dataset) -> dict:
    name = type(node).__name__
    description = {"op_type": _OP_TYPES.get(name, name),
                   "num_parallel_workers": node.num_parallel_workers or 1,
                   "children": [_describe(child) for child in node.children]}
    for argument in _ARGUMENTS:
        if argument in vars(node) and not callable(vars(node)[argument]):
            description[argument] = _plain(vars(node)[argument])
    if name == "MapDataset":
        description["operations"] = [_plain(op) for op in node.operations]
    if name == "RenameDataset":
        description["output_columns"] = node.get_col_names()
    if hasattr(node, "sampler") and node.sampler is not None:
        description["sampler_name"] = type(node.sampler).__name__
    return description


def serialize(dataset, json_filepath=""):
    """The pipeline ending at `dataset` as a dict; also written to `json_filepath` if given."""
    if not isinstance(dataset, Dataset):
        raise TypeError(f"dataset should be a Dataset, but got {type(dataset).__name__}.")
    if not isinstance(json_filepath, (str, os.PathLike)):
        raise TypeError(f"json_filepath should be a str, but got {type(json_filepath).__name__}.")
    description = _describe(dataset)
    if json_filepath:
        with open(json_filepath, "w") as handle:
            json.dump(description, handle, indent=2, sort_keys=True)
    return description


def show(dataset, indentation=2):
    """Print the pipeline (`indentation` spaces per level; None: one line)."""
    if indentation is not None and (isinstance(indentation, bool) or not isinstance(indentation, int)
                                    or indentation < 0):
        raise ValueError(f"indentation should be a non-negative int or None, but got {indentation!r}.")
    print(json.dumps(serialize(dataset), indent=indentation, sort_keys=True))


def compare(pipeline1, pipeline2):
    """Whether two pipelines have the same structure and arguments."""
    return serialize(pipeline1) == serialize(pipeline2)
