"""`serialize`, `deserialize`, `show`, `compare`: a pipeline as a dict (MindSpore's JSON form,
in outline) and back.

Each node becomes `{"op_type", "num_parallel_workers", "children", ...its arguments}` plus
`sporax_class` and `sporax_arguments`: the constructor and the arguments it was called with
(transforms and samplers alike), so `deserialize` rebuilds the same pipeline. Python
callables (generator sources, lambdas, predicates) appear by name; they cannot be written to
JSON, and `deserialize` refuses a pipeline that holds one, naming it (MindSpore's cannot
rebuild them either).
"""
from __future__ import annotations

import enum
import importlib
import json
import os

import numpy as np

from ...common import dtype as mstype
from .._construction import construction_arguments
from .datasets import Dataset
from .schema import Schema

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
    recorded = construction_arguments(node)
    if recorded is not None:
        cls, arguments = recorded
        description["sporax_class"] = _qualified(cls)
        description["sporax_arguments"] = {k: _encode(v, node.children) for k, v in arguments.items()}
    return description


def _qualified(cls) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def _resolve(name: str):
    module, _, qualname = name.partition(":")
    if not module.startswith("sporax."):
        raise ValueError(f"deserialize: {name!r} is not a sporax class.")
    target = importlib.import_module(module)
    for part in qualname.split("."):
        target = getattr(target, part)
    return target


def _encode(value, children):
    """An argument as JSON; datasets become references to the node's children."""
    if isinstance(value, enum.Enum):  # first: some enums are also str or int
        return {"__enum__": _qualified(type(value)), "name": value.name}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Dataset):
        for k, child in enumerate(children):
            if child is value:
                return {"__child__": k}
        return {"__unsupported__": f"a dataset that is not a child: {type(value).__name__}"}
    if isinstance(value, mstype.Type):
        names = [n for n in dir(mstype) if getattr(mstype, n) is value]
        return {"__mstype__": names[0]} if names else {"__unsupported__": repr(value)}
    if isinstance(value, np.ndarray):
        return {"__ndarray__": value.tolist(), "dtype": str(value.dtype)}
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v, children) for v in value]}
    if isinstance(value, list):
        return [_encode(v, children) for v in value]
    if isinstance(value, dict):
        return {"__dict__": [[_encode(k, children), _encode(v, children)] for k, v in value.items()]}
    if isinstance(value, Schema):
        return {"__schema__": json.loads(value.to_json())}
    recorded = construction_arguments(value)
    if recorded is not None:
        cls, arguments = recorded
        return {"__object__": _qualified(cls), "arguments": {k: _encode(v, children) for k, v in arguments.items()}}
    if callable(value):
        return {"__callable__": getattr(value, "__name__", type(value).__name__)}
    return {"__unsupported__": f"{type(value).__name__} {value!r}"[:200]}


def _decode(value, children):
    if isinstance(value, list):
        return [_decode(v, children) for v in value]
    if not isinstance(value, dict):
        return value
    if "__child__" in value:
        return children[value["__child__"]]
    if "__tuple__" in value:
        return tuple(_decode(v, children) for v in value["__tuple__"])
    if "__dict__" in value:
        return {_decode(k, children): _decode(v, children) for k, v in value["__dict__"]}
    if "__ndarray__" in value:
        return np.asarray(value["__ndarray__"], dtype=value["dtype"])
    if "__enum__" in value:
        return _resolve(value["__enum__"])[value["name"]]
    if "__mstype__" in value:
        return getattr(mstype, value["__mstype__"])
    if "__schema__" in value:
        schema = Schema()
        schema.from_json(value["__schema__"])
        return schema
    if "__object__" in value:
        return _resolve(value["__object__"])(**{k: _decode(v, children) for k, v in value["arguments"].items()})
    if "__callable__" in value:
        raise ValueError(f"deserialize: the pipeline holds the Python callable {value['__callable__']!r}, which "
                         f"cannot be rebuilt from JSON.")
    if "__unsupported__" in value:
        raise ValueError(f"deserialize: the pipeline holds {value['__unsupported__']}, which cannot be rebuilt "
                         f"from JSON.")
    return {k: _decode(v, children) for k, v in value.items()}


def _rebuild(description):
    if not isinstance(description, dict) or "sporax_class" not in description:
        raise ValueError(f"deserialize: a node has no 'sporax_class' (was it written by sporax's serialize?): "
                         f"{str(description)[:200]}")
    children = [_rebuild(child) for child in description.get("children", [])]
    cls = _resolve(description["sporax_class"])
    if not (isinstance(cls, type) and issubclass(cls, Dataset)):
        raise ValueError(f"deserialize: {description['sporax_class']!r} is not a dataset class.")
    return cls(**{k: _decode(v, children) for k, v in description.get("sporax_arguments", {}).items()})


def deserialize(input_dict=None, json_filepath=None):
    """The pipeline `serialize` described, from its dict or its JSON file."""
    if input_dict is None and json_filepath is None:
        raise ValueError("deserialize: give input_dict or json_filepath.")
    if input_dict is not None:
        if not isinstance(input_dict, dict):
            raise TypeError(f"input_dict should be a dict, but got {type(input_dict).__name__}.")
        return _rebuild(input_dict)
    if not isinstance(json_filepath, (str, os.PathLike)):
        raise TypeError(f"json_filepath should be a str, but got {type(json_filepath).__name__}.")
    if not os.path.isfile(json_filepath):
        raise ValueError(f"deserialize: the file {json_filepath} does not exist.")
    with open(json_filepath, encoding="utf-8") as handle:
        try:
            description = json.load(handle)
        except json.JSONDecodeError as error:
            raise ValueError(f"deserialize: {json_filepath} is not JSON: {error}") from None
    return _rebuild(description)


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
