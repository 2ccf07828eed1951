"""Distributed checkpoints (`mindspore.parallel`'s checkpoint functions).

A sliced checkpoint is one file per rank (`save_checkpoint(..., integrated_save=False)`),
each holding that rank's block of every sliced Parameter, plus a strategy file (the
layouts, `strategy_ckpt_config(save_file=...)`). Merging places every rank's block at the
region its layout gives it (`layout_region`); resharding cuts the merged value by the
destination layout. An integrated checkpoint (`integrated_save=True`, the default) holds
whole tensors, gathered one Parameter at a time, and is a plain MindSpore `.ckpt`.
"""
from __future__ import annotations

import math
import os

import numpy as np

from ..common.parameter import Parameter
from ..common.tensor import Tensor
from ..nn.cell import Cell
from ..train import serialization
from . import _mesh, _sharding, _strategy_file
from ._layout import layout_region

__all__ = ["build_searched_strategy", "merge_sliced_parameter", "load_distributed_checkpoint",
           "transform_checkpoints", "merge_checkpoint_files"]


def build_searched_strategy(strategy_filename):
    """{parameter name: [dev_matrix, tensor_map]} of a (JSON) strategy file."""
    return _strategy_file.read(strategy_filename)


def _full_shape(slice_shape, layout):
    dev_matrix, tensor_map = layout[0], layout[1]
    shape = []
    for size, entry in zip(slice_shape, tensor_map):
        entries = entry if isinstance(entry, tuple) else (entry,)
        shape.append(size * math.prod(dev_matrix[len(dev_matrix) - 1 - k] for k in entries if k != -1))
    return tuple(shape)


def _merge(name, blocks, layout):
    """The whole array from every rank's block (`blocks[r]` is rank r's)."""
    if layout is None:
        return np.concatenate(blocks, axis=0)
    ranks = math.prod(layout[0])
    if len(blocks) != ranks:
        raise ValueError(f"For 'merge_sliced_parameter', the layout of '{name}' has {ranks} ranks "
                         f"(device matrix {list(layout[0])}), but {len(blocks)} slices were given.")
    shape = _full_shape(blocks[0].shape, layout)
    merged = np.empty(shape, dtype=blocks[0].dtype)
    for rank, block in enumerate(blocks):
        region = layout_region(list(layout[:2]), shape, rank)
        if merged[region].shape != block.shape:
            raise ValueError(f"For 'merge_sliced_parameter', the slice of '{name}' from rank {rank} has shape "
                             f"{block.shape}, but its layout gives it {merged[region].shape}.")
        merged[region] = block
    return merged


def merge_sliced_parameter(sliced_parameters, strategy=None):
    """One Parameter from the slices of one Parameter (one per rank, in rank order), placed by
    `strategy` ({name: [dev_matrix, tensor_map, ...]}), or concatenated along axis 0 without it."""
    if not isinstance(sliced_parameters, list) or not sliced_parameters:
        raise TypeError("For 'merge_sliced_parameter', the 'sliced_parameters' must be a non-empty list of "
                        f"Parameters, but got {sliced_parameters!r}.")
    if not all(isinstance(p, Parameter) for p in sliced_parameters):
        raise TypeError("For 'merge_sliced_parameter', every element of 'sliced_parameters' must be a Parameter.")
    name = sliced_parameters[0].name
    if any(p.name != name for p in sliced_parameters):
        raise ValueError(f"For 'merge_sliced_parameter', every slice must have the name '{name}', but got "
                         f"{[p.name for p in sliced_parameters]}.")
    if strategy is not None and not isinstance(strategy, dict):
        raise TypeError(f"For 'merge_sliced_parameter', the 'strategy' must be a dict, but got {type(strategy)}.")
    if strategy is not None and name not in strategy:
        raise ValueError(f"For 'merge_sliced_parameter', the 'strategy' has no layout for '{name}'.")
    layout = strategy[name] if strategy is not None else None
    merged = _merge(name, [p.asnumpy() for p in sliced_parameters], layout)
    first = sliced_parameters[0]
    return Parameter(Tensor(merged), name=name, requires_grad=first.requires_grad,
                     layerwise_parallel=first.layerwise_parallel)


def _records(path):
    return serialization.read_records(path, fmt="safetensors" if path.endswith(".safetensors") else "ckpt")


def merge_checkpoint_files(rank_files, strategy=None):
    """{name: whole array} from per-rank files; names without a layout are taken from rank 0."""
    per_rank = [dict(_records(path)) for path in rank_files]
    merged = {}
    for name, value in per_rank[0].items():
        if isinstance(value, str):
            merged[name] = value
            continue
        layout = (strategy or {}).get(name)
        if layout is None:
            merged[name] = np.asarray(value)
            continue
        missing = [r for r, records in enumerate(per_rank) if name not in records]
        if missing:
            raise ValueError(f"The checkpoint of rank {missing[0]} has no slice of '{name}'.")
        merged[name] = _merge(name, [np.asarray(records[name]) for records in per_rank], layout)
    return merged


def _place(param, whole, strict_name):
    """Give `param` the whole value `whole`: as shards if it is laid out (only this process's
    blocks are copied to its devices), else as it is."""
    if tuple(whole.shape) != tuple(param.shape):
        raise ValueError(f"For 'load_distributed_checkpoint', '{strict_name}' has shape {tuple(whole.shape)} in the "
                         f"checkpoint and {param.shape} in the network.")
    layout = param.__dict__.get("_parallel_layout")
    value = whole.astype(param.dtype.to_numpy(), copy=False)
    param.set_data(Tensor(value))
    if layout is not None:
        _sharding.assign_layout(param, layout)


def load_distributed_checkpoint(network, checkpoint_filenames=None, predict_strategy=None,
                                train_strategy_filename=None, strict_load=False, dec_key=None, dec_mode="AES-GCM",
                                format="ckpt", **kwargs):
    """Load per-rank checkpoint files (`checkpoint_filenames[r]` is rank r's, saved under the
    layouts of `train_strategy_filename`) into `network`, whatever its own layout:
    `predict_strategy` ({name: [dev_matrix, tensor_map, ...]}) lays its Parameters out first,
    otherwise they keep the layouts a parallel run gave them (or none)."""
    if not isinstance(network, Cell):
        raise TypeError(f"For 'load_distributed_checkpoint', the 'network' must be a Cell, but got "
                        f"{type(network).__name__}.")
    if not isinstance(checkpoint_filenames, list) or not all(isinstance(f, str) for f in checkpoint_filenames) \
            or not checkpoint_filenames:
        raise TypeError("For 'load_distributed_checkpoint', the 'checkpoint_filenames' must be a non-empty list "
                        f"of file names, but got {checkpoint_filenames!r}.")
    for path in checkpoint_filenames:
        if not os.path.isfile(path):
            raise ValueError(f"For 'load_distributed_checkpoint', the checkpoint file {path!r} does not exist.")
    if dec_key is not None:
        raise ValueError("For 'load_distributed_checkpoint', encrypted sliced checkpoints are not supported: "
                         "merge them with 'sporax ckpt merge --dec-key' first.")
    if kwargs:
        raise TypeError(f"For 'load_distributed_checkpoint', unexpected keyword arguments {sorted(kwargs)}.")
    strategy = build_searched_strategy(train_strategy_filename) if train_strategy_filename is not None else {}
    merged = merge_checkpoint_files(checkpoint_filenames, strategy)
    params = network.parameters_dict()
    if predict_strategy is not None:
        if not isinstance(predict_strategy, dict):
            raise TypeError(f"For 'load_distributed_checkpoint', the 'predict_strategy' must be a dict, but got "
                            f"{type(predict_strategy)}.")
        for name, layout in predict_strategy.items():
            if name in params:
                param = params[name]
                region = layout_region(list(layout[:2]), param.shape, 0)
                slice_shape = tuple(len(range(*s.indices(n))) for s, n in zip(region, param.shape))
                sharding = _mesh.named_sharding(layout[0], tuple(layout[1]), "load_distributed_checkpoint")
                object.__setattr__(param, "_parallel_layout", (tuple(layout[0]), tuple(layout[1]), slice_shape,
                                                               sharding))
    missing = [name for name in params if name not in merged]
    unused = [name for name in merged if name not in params and not isinstance(merged[name], str)]
    if strict_load and (missing or unused):
        raise ValueError(f"For 'load_distributed_checkpoint', with strict_load=True every Parameter must be loaded: "
                         f"missing {missing}, not in the network {unused}.")
    for name, param in params.items():
        if name in merged and not isinstance(merged[name], str):
            _place(param, merged[name], name)
    return missing, unused


def _rank_dirs(root):
    ranks = sorted(int(d[5:]) for d in os.listdir(root) if d.startswith("rank_") and d[5:].isdigit())
    if ranks != list(range(len(ranks))) or not ranks:
        raise ValueError(f"For 'transform_checkpoints', {root!r} must hold rank_0 ... rank_N directories, "
                         f"but holds {sorted(os.listdir(root))}.")
    files = []
    for rank in ranks:
        directory = os.path.join(root, f"rank_{rank}")
        found = sorted(f for f in os.listdir(directory) if f.endswith((".ckpt", ".safetensors")))
        if not found:
            raise ValueError(f"For 'transform_checkpoints', {directory!r} holds no checkpoint file.")
        files.append(os.path.join(directory, found[-1]))
    return files


def transform_checkpoints(src_checkpoints_dir, dst_checkpoints_dir, ckpt_prefix, src_strategy_file=None,
                          dst_strategy_file=None, process_num=1, output_format="ckpt"):
    """Reshard the per-rank checkpoints under `src_checkpoints_dir/rank_*/` (layouts of
    `src_strategy_file`; None: one whole checkpoint) into `dst_checkpoints_dir/rank_k/
    {ckpt_prefix}k.ckpt` for the layouts of `dst_strategy_file` (None: one whole checkpoint)."""
    for name, value in (("src_checkpoints_dir", src_checkpoints_dir), ("dst_checkpoints_dir", dst_checkpoints_dir),
                        ("ckpt_prefix", ckpt_prefix)):
        if not isinstance(value, str):
            raise TypeError(f"For 'transform_checkpoints', the '{name}' must be a str, but got {type(value)}.")
    if output_format not in ("ckpt", "safetensors"):
        raise ValueError(f"For 'transform_checkpoints', the 'output_format' must be 'ckpt' or 'safetensors', "
                         f"but got {output_format!r}.")
    if isinstance(process_num, bool) or not isinstance(process_num, int) or process_num < 1:
        raise ValueError(f"For 'transform_checkpoints', the 'process_num' must be a positive int, but got "
                         f"{process_num!r}.")
    source = build_searched_strategy(src_strategy_file) if src_strategy_file is not None else {}
    target = build_searched_strategy(dst_strategy_file) if dst_strategy_file is not None else {}
    merged = merge_checkpoint_files(_rank_dirs(src_checkpoints_dir), source)
    ranks = {math.prod(layout[0]) for layout in target.values()} or {1}
    if len(ranks) != 1:
        raise ValueError(f"For 'transform_checkpoints', the destination layouts use different device counts {ranks}.")
    for rank in range(ranks.pop()):
        entries = {}
        for name, value in merged.items():
            if isinstance(value, str):
                continue
            layout = target.get(name)
            block = value if layout is None else value[layout_region(list(layout[:2]), value.shape, rank)]
            entries[name] = Tensor(np.ascontiguousarray(block))
        directory = os.path.join(dst_checkpoints_dir, f"rank_{rank}")
        os.makedirs(directory, exist_ok=True)
        serialization.save_checkpoint(entries, os.path.join(directory, f"{ckpt_prefix}{rank}"), format=output_format)


def merge_to_file(rank_files, strategy_file, output) -> int:
    """`sporax ckpt merge`: one whole checkpoint from per-rank files; returns the entry count."""
    for path in rank_files:
        if not os.path.isfile(path):
            raise ValueError(f"sporax ckpt merge: the checkpoint file {path!r} does not exist.")
    merged = merge_checkpoint_files(list(rank_files), build_searched_strategy(strategy_file))
    entries = {name: (value if isinstance(value, str) else Tensor(value)) for name, value in merged.items()}
    fmt = "safetensors" if output.endswith(".safetensors") else "ckpt"
    serialization.save_checkpoint(entries, output, format=fmt)
    return len(entries)
