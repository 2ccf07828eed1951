"""Strategy files: the layouts of a network's sliced Parameters, in MindSpore's JSON form.

    {"current_stage": 1, "parallel_strategy_item": {},
     "parallel_layout_item": {name: {"dev_matrix": [...], "tensor_map": [...],
                                     "param_split_shape": [], "indices_offset": [], "field": 0,
                                     "opt_weight_shard_step": 0, "opt_weight_shard_size": 0}}}

(`strategy_ckpt_config(save_file='x.json')` in MindSpore writes this form.)
"""
from __future__ import annotations

import json
import os


def write(path: str, layouts: dict) -> None:
    """`layouts`: {name: (dev_matrix, tensor_map, ...)}; written atomically."""
    items = {name: {"dev_matrix": list(layout[0]), "tensor_map": [list(m) if isinstance(m, tuple) else m
                                                                for m in layout[1]],
                    "param_split_shape": [], "indices_offset": [], "field": 0, "opt_weight_shard_step": 0,
                    "opt_weight_shard_size": 0}
             for name, layout in layouts.items()}
    content = {"current_stage": 1, "parallel_strategy_item": {}, "parallel_layout_item": items}
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w") as f:
        json.dump(content, f)
    os.replace(temporary, path)


def read(path: str) -> dict:
    """{name: [dev_matrix, tensor_map]} of a strategy file (ValueError if it is not one)."""
    if not isinstance(path, str):
        raise TypeError(f"The strategy file name must be a str, but got {type(path).__name__}.")
    if not path.endswith(".json"):
        raise ValueError(f"sporax reads JSON strategy files (MindSpore's '.json' form), but got {path!r}.")
    if not os.path.isfile(path):
        raise ValueError(f"The strategy file {path!r} does not exist.")
    try:
        with open(path) as f:
            content = json.load(f)
        items = content["parallel_layout_item"]
        return {name: [list(item["dev_matrix"]), [tuple(m) if isinstance(m, list) else int(m)
                                                  for m in item["tensor_map"]]]
                for name, item in items.items()}
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"The strategy file {path!r} is not a valid strategy file: {error}") from None
