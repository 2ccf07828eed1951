"""`mindspore.merge_pipeline_strategys`: one strategy file from the per-stage files of a
pipeline-parallel run.

Each stage's JSON strategy file (`parallel_strategy_item` with the stage number, and
`parallel_layout_item`) contributes its layouts renamed "<stage>-<name>" and its strategy items;
a stage seen twice is taken once (from the first file in name order; MindSpore takes them in
the directory's listing order). Files without strategy
or layout items are rejected, as in MindSpore. sporax's strategy files are MindSpore's JSON
form; MindSpore's protobuf `.ckpt` strategy files are refused with a ValueError.
"""
from __future__ import annotations

import glob
import json
import os

__all__ = ["merge_pipeline_strategys"]


def merge_pipeline_strategys(src_strategy_dirs, dst_strategy_file):
    """Merge the strategy files of every pipeline stage in `src_strategy_dirs` into
    `dst_strategy_file` (its directory is created)."""
    if not isinstance(src_strategy_dirs, str):
        raise TypeError(f"For 'merge_pipeline_strategys', the 'src_strategy_dirs' must be str, but got "
                        f"{type(src_strategy_dirs).__name__}.")
    if not isinstance(dst_strategy_file, str):
        raise TypeError(f"For 'merge_pipeline_strategys', the 'dst_strategy_file' must be str, but got "
                        f"{type(dst_strategy_file).__name__}.")
    dst_strategy_file = os.path.abspath(os.path.normpath(dst_strategy_file))
    os.makedirs(os.path.dirname(dst_strategy_file), exist_ok=True)
    if not os.path.isdir(src_strategy_dirs):
        raise NotADirectoryError("src_strategy_dirs {} is not a directory.".format(src_strategy_dirs))
    protobuf = sorted(glob.glob(os.path.join(src_strategy_dirs, "*.ckpt")))
    files = sorted(glob.glob(os.path.join(src_strategy_dirs, "*.json")))
    if protobuf and files:
        raise ValueError("The strategys format should be all '.ckpt' or all '.json'")
    if protobuf:
        raise ValueError(f"sporax reads JSON strategy files (MindSpore's '.json' form), but "
                         f"{src_strategy_dirs!r} holds protobuf '.ckpt' strategy files.")
    merged = {"current_stage": 1, "parallel_strategy_item": {}, "parallel_layout_item": {}}
    merged_stages = []
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                content = json.load(f)
        except ValueError as error:
            raise ValueError(f"The strategy file {path} is not a valid JSON strategy file: {error}") from None
        layout_items = content.get("parallel_layout_item") if isinstance(content, dict) else None
        strategy_items = content.get("parallel_strategy_item") if isinstance(content, dict) else None
        if not strategy_items or not layout_items:
            raise ValueError("The strategy file {} is empty".format(path))
        stage = next(iter(strategy_items.values())).get("stage")
        if stage in merged_stages:
            continue
        for name, item in layout_items.items():
            merged["parallel_layout_item"][f"{stage}-{name}"] = item
        merged["parallel_strategy_item"].update(strategy_items)
        merged_stages.append(stage)
    temporary = f"{dst_strategy_file}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        json.dump(merged, f)
    os.replace(temporary, dst_strategy_file)
