"""Distributed checkpoints (`mindspore.parallel.checkpoint_transform`).

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

from .. import context
from ..common.parameter import Parameter
from ..common.tensor import Tensor
from ..nn.cell import Cell
from .._parallel import mesh as _mesh, sharding as _sharding, strategy_file as _strategy_file
from . import _checkpoint_files
from .._parallel.layout import layout_region

__all__ = ["build_searched_strategy", "merge_sliced_parameter", "load_distributed_checkpoint",
           "transform_checkpoints", "rank_list_for_transform", "transform_checkpoint_by_rank",
           "merge_checkpoint_files"]


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


def merge_checkpoint_files(rank_files, strategy=None, function="load_distributed_checkpoint", dec_key=None,
                           dec_mode="AES-GCM"):
    """{name: whole array} from per-rank files; names without a layout are taken from rank 0."""
    per_rank = [dict(_checkpoint_files.read(path, function, dec_key, dec_mode)) for path in rank_files]
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


def _strategy_for(function, filename):
    """A strategy file's layouts; None: the context's strategy_ckpt_config(load_file=...), else none."""
    if filename is None:
        filename = context.get_auto_parallel_context("strategy_ckpt_config")["load_file"] or None
    return build_searched_strategy(filename) if filename is not None else {}


def _lay_out(params, predict_strategy):
    """Give the network's Parameters the layouts of `predict_strategy` ({name: [dev_matrix, tensor_map, ...]})."""
    if not isinstance(predict_strategy, dict):
        raise TypeError(f"For 'load_distributed_checkpoint', the 'predict_strategy' must be a dict, but got "
                        f"{type(predict_strategy)}.")
    for name, layout in predict_strategy.items():
        if name not in params:
            continue
        param = params[name]
        if not isinstance(layout, (list, tuple)) or len(layout) < 2:
            raise ValueError(f"For 'load_distributed_checkpoint', the layout of '{name}' in 'predict_strategy' must "
                             f"be [dev_matrix, tensor_map, ...], but got {layout!r}.")
        region = layout_region(list(layout[:2]), param.shape, 0)
        slice_shape = tuple(len(range(*s.indices(n))) for s, n in zip(region, param.shape))
        sharding = _mesh.named_sharding(layout[0], tuple(layout[1]), "load_distributed_checkpoint")
        object.__setattr__(param, "_parallel_layout", (tuple(layout[0]), tuple(layout[1]), slice_shape, sharding))


def _unified_safetensors(directory):
    """{name: whole array} of every safetensors file in `directory` (whole tensors, MindSpore's
    `unified_safetensors` output)."""
    if not isinstance(directory, str) or not os.path.isdir(directory):
        raise ValueError("For 'load_distributed_checkpoint', 'unified_safetensors_dir' must be an existing "
                         f"directory when format is 'safetensors', but got {directory!r}.")
    files = sorted(f for f in os.listdir(directory) if f.endswith(".safetensors"))
    if not files:
        raise ValueError(f"For 'load_distributed_checkpoint', {directory!r} holds no safetensors file.")
    merged = {}
    for file in files:
        merged.update(_checkpoint_files.read(os.path.join(directory, file), "load_distributed_checkpoint"))
    return merged


def load_distributed_checkpoint(network, checkpoint_filenames=None, predict_strategy=None,
                                train_strategy_filename=None, strict_load=False, dec_key=None, dec_mode="AES-GCM",
                                format="ckpt", unified_safetensors_dir=None, dst_safetensors_dir=None, rank_id=None,
                                output_format="safetensors", name_map=None, max_process_num=64,
                                return_param_dict=False):
    """Load per-rank checkpoint files (`checkpoint_filenames[r]` is rank r's, saved under the
    layouts of `train_strategy_filename`, else of the context's strategy_ckpt_config load_file)
    into `network`, whatever its own layout: `predict_strategy` ({name: [dev_matrix, tensor_map,
    ...]}) lays its Parameters out first, otherwise they keep the layouts a parallel run gave
    them (or none). Each process places only its own shards on its devices. With
    format='safetensors' the whole tensors of `unified_safetensors_dir` are loaded instead.
    `name_map` renames checkpoint entries ({checkpoint name: network name}) before loading.
    Returns True, or with `return_param_dict` the {name: Parameter} loaded (whole values)."""
    function = "load_distributed_checkpoint"
    if format not in ("safetensors", "ckpt") or output_format not in ("safetensors", "ckpt"):
        raise ValueError(f"For '{function}', 'format' and 'output_format' must be 'ckpt' or 'safetensors', but got "
                         f"{format}.")
    if not isinstance(network, Cell):
        raise TypeError(f"For '{function}', the 'network' must be a Cell, but got {type(network).__name__}.")
    if name_map is not None and (not isinstance(name_map, dict)
                                 or not all(isinstance(k, str) and isinstance(v, str) for k, v in name_map.items())):
        raise TypeError(f"For '{function}', the 'name_map' must be a dict of str to str, but got {name_map!r}.")
    for name, value in (("strict_load", strict_load), ("return_param_dict", return_param_dict)):
        if not isinstance(value, bool):
            raise TypeError(f"For '{function}', the '{name}' must be a bool, but got {type(value).__name__}.")
    if isinstance(max_process_num, bool) or not isinstance(max_process_num, int) or max_process_num < 1:
        raise ValueError(f"For '{function}', the 'max_process_num' must be a positive int, but got "
                         f"{max_process_num!r}.")
    if rank_id is not None and (isinstance(rank_id, bool) or not isinstance(rank_id, int)):
        raise TypeError(f"For '{function}', the 'rank_id' must be an int, but got {type(rank_id).__name__}.")
    if dst_safetensors_dir is not None:
        raise ValueError(f"For '{function}', 'dst_safetensors_dir' is MindSpore's save mode (network=None), which "
                         "sporax does not have: use transform_checkpoints to write per-rank files.")
    if format == "safetensors":
        for name, value in (("checkpoint_filenames", checkpoint_filenames),
                            ("train_strategy_filename", train_strategy_filename), ("dec_key", dec_key)):
            if value is not None:
                raise ValueError(f"For '{function}', {name} must be None when format is 'safetensors'.")
        merged = _unified_safetensors(unified_safetensors_dir)
    else:
        if not isinstance(checkpoint_filenames, list) or not checkpoint_filenames \
                or not all(isinstance(f, str) for f in checkpoint_filenames):
            raise TypeError(f"For '{function}', the 'checkpoint_filenames' must be a non-empty list of file names, "
                            f"but got {checkpoint_filenames!r}.")
        strategy = _strategy_for(function, train_strategy_filename)
        merged = merge_checkpoint_files(checkpoint_filenames, strategy, function, dec_key, dec_mode)
    if name_map:
        merged = {name_map.get(name, name): value for name, value in merged.items()}
    params = network.parameters_dict()
    if predict_strategy is not None:
        _lay_out(params, predict_strategy)
    missing = [name for name in params if name not in merged]
    unused = [name for name in merged if name not in params and not isinstance(merged[name], str)]
    if strict_load and (missing or unused):
        raise ValueError(f"For '{function}', with strict_load=True every Parameter must be loaded: "
                         f"missing {missing}, not in the network {unused}.")
    loaded = {}
    for name, param in params.items():
        if name in merged and not isinstance(merged[name], str):
            _place(param, merged[name], name)
            loaded[name] = param
    return loaded if return_param_dict else True


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
    merged = merge_checkpoint_files(_rank_dirs(src_checkpoints_dir), source, "transform_checkpoints")
    for rank in range(_device_count("transform_checkpoints", target)):
        directory = os.path.join(dst_checkpoints_dir, f"rank_{rank}")
        os.makedirs(directory, exist_ok=True)
        suffix = ".safetensors" if output_format == "safetensors" else ".ckpt"
        _checkpoint_files.write(os.path.join(directory, f"{ckpt_prefix}{rank}{suffix}"),
                                _blocks_of(merged, target, rank), output_format)


def _device_count(function, layouts) -> int:
    ranks = {math.prod(layout[0]) for layout in layouts.values()} or {1}
    if len(ranks) != 1:
        raise ValueError(f"For '{function}', the layouts use different device counts {sorted(ranks)}.")
    return ranks.pop()


def _blocks_of(merged, layouts, rank) -> dict:
    """Rank `rank`'s block of every whole tensor in `merged` under `layouts` (whole without one)."""
    entries = {}
    for name, value in merged.items():
        if isinstance(value, str):
            continue
        layout = layouts.get(name)
        block = value if layout is None else value[layout_region(list(layout[:2]), value.shape, rank)]
        entries[name] = np.ascontiguousarray(block)
    return entries


def _check_rank_id(function, rank_id):
    if isinstance(rank_id, bool) or not isinstance(rank_id, int):
        raise TypeError(f"For '{function}', the 'rank_id' must be an int, but got {type(rank_id).__name__}.")
    if rank_id < 0:
        raise ValueError(f"For '{function}', the 'rank_id' must be >= 0, but got {rank_id}.")


def _check_strategy_name(function, name, value):
    if value is not None and not isinstance(value, str):
        raise TypeError(f"For '{function}', the '{name}' must be a str or None, but got {type(value).__name__}.")


def _region_of(layout, shape, rank):
    if layout is None:
        return tuple(slice(0, n) for n in shape)
    return tuple(slice(*s.indices(n)[:2]) for s, n in zip(layout_region(list(layout[:2]), shape, rank), shape))


def _overlaps(a, b) -> bool:
    return all(x.start < y.stop and y.start < x.stop for x, y in zip(a, b))


def _full_shape_of(layout):
    """A stand-in shape under which every axis splits: sizes do not change which blocks overlap."""
    dev_matrix, tensor_map = layout[0], layout[1]
    return tuple(math.prod(dev_matrix[len(dev_matrix) - 1 - k] for k in (e if isinstance(e, tuple) else (e,))
                           if k != -1) for e in tensor_map)


def _sources(name, src_layout, dst_layout, shape, rank_id, sources, available):
    """{source region: rank} for the source blocks of `name` that overlap destination rank
    `rank_id`'s block: for a block held by several ranks (a repeated layout), the available
    holder nearest to `rank_id`."""
    wanted = _region_of(dst_layout, shape, rank_id)
    chosen = {}
    for rank in sorted(range(sources), key=lambda r: (abs(r - rank_id), r)):
        region = _region_of(src_layout, shape, rank)
        key = tuple((s.start, s.stop) for s in region)
        if key not in chosen and rank in available and _overlaps(region, wanted):
            chosen[key] = rank
    return chosen


def _plan_transform(function, rank_id, src_strategy_file, dst_strategy_file, available=None):
    """(source layouts, destination layouts, {name: {source region (stand-in shape): rank}})."""
    _check_rank_id(function, rank_id)
    _check_strategy_name(function, "src_strategy_file", src_strategy_file)
    _check_strategy_name(function, "dst_strategy_file", dst_strategy_file)
    source = build_searched_strategy(src_strategy_file) if src_strategy_file is not None else {}
    target = build_searched_strategy(dst_strategy_file) if dst_strategy_file is not None else {}
    destinations = _device_count(function, target)
    if rank_id >= destinations:
        raise ValueError(f"For '{function}', the 'rank_id' {rank_id} is outside the destination's {destinations} "
                         "ranks.")
    sources = _device_count(function, source)
    available = set(range(sources)) if available is None else set(available)
    plan = {}
    for name, src_layout in source.items():
        dst_layout = target.get(name)
        shape = _full_shape_of(src_layout)
        if dst_layout is not None:
            shape = tuple(math.lcm(a, b) for a, b in zip(shape, _full_shape_of(dst_layout)))
        plan[name] = _sources(name, src_layout, dst_layout, shape, rank_id, sources, available)
    return source, target, plan


def rank_list_for_transform(rank_id, src_strategy_file=None, dst_strategy_file=None):
    """The source ranks whose checkpoints destination rank `rank_id` needs, ascending: for every
    Parameter, one holder of each source block that overlaps the destination block (for a
    repeated block, the holder nearest to `rank_id`). No source strategy: rank 0 holds all.

    MindSpore's list comes from its redistribution operators and can name more ranks (it is
    never smaller than this one); `transform_checkpoint_by_rank` accepts either."""
    _, _, plan = _plan_transform("rank_list_for_transform", rank_id, src_strategy_file, dst_strategy_file)
    return sorted({rank for chosen in plan.values() for rank in chosen.values()}) or [0]


def transform_checkpoint_by_rank(rank_id, checkpoint_files_map, save_checkpoint_file_name, src_strategy_file=None,
                                 dst_strategy_file=None):
    """Write destination rank `rank_id`'s checkpoint (its block of every Parameter under
    `dst_strategy_file`) to `save_checkpoint_file_name`, from the source checkpoints
    `checkpoint_files_map` ({source rank: file}; the ranks of `rank_list_for_transform` suffice)."""
    function = "transform_checkpoint_by_rank"
    _check_rank_id(function, rank_id)
    if not isinstance(checkpoint_files_map, dict):
        raise TypeError(f"For '{function}', the 'checkpoint_files_map' must be a dict, but got "
                        f"{type(checkpoint_files_map).__name__}.")
    if not isinstance(save_checkpoint_file_name, str):
        raise TypeError(f"For '{function}', the 'save_checkpoint_file_name' must be a str, but got "
                        f"{type(save_checkpoint_file_name).__name__}.")
    if not save_checkpoint_file_name.endswith(".ckpt"):
        raise ValueError(f"For '{function}', the 'save_checkpoint_file_name' must end with '.ckpt', but got "
                         f"{save_checkpoint_file_name!r}.")
    for rank, path in checkpoint_files_map.items():
        if isinstance(rank, bool) or not isinstance(rank, int) or not isinstance(path, str) or not os.path.isfile(path):
            raise ValueError(f"For '{function}', every item of 'checkpoint_files_map' must be rank (int): existing "
                             f"file (str), but got {rank!r}: {path!r}.")
    source, target, plan = _plan_transform(function, rank_id, src_strategy_file, dst_strategy_file,
                                           checkpoint_files_map)
    _, _, complete = _plan_transform(function, rank_id, src_strategy_file, dst_strategy_file)
    for name, chosen in complete.items():
        if len(plan[name]) != len(chosen):
            raise ValueError(f"For '{function}', destination rank {rank_id} needs blocks of '{name}' that none of the "
                             f"source ranks {sorted(checkpoint_files_map)} holds (these would: "
                             f"{rank_list_for_transform(rank_id, src_strategy_file, dst_strategy_file)}).")
    used = sorted({rank for chosen in plan.values() for rank in chosen.values()})
    if not source:
        if 0 not in checkpoint_files_map:
            raise ValueError(f"For '{function}', without a source strategy rank 0's checkpoint is needed, but "
                             f"'checkpoint_files_map' has ranks {sorted(checkpoint_files_map)}.")
        used = [0]
    per_rank = {rank: dict(_checkpoint_files.read(checkpoint_files_map[rank], function)) for rank in used}
    entries = {}
    for name, value in per_rank[used[0]].items():
        if isinstance(value, str):
            continue
        src_layout, dst_layout = source.get(name), target.get(name)
        if src_layout is None:
            whole = np.asarray(value)
        else:
            whole = np.zeros(_full_shape(np.asarray(value).shape, src_layout), np.asarray(value).dtype)
            for rank in sorted(set(plan[name].values())):
                if name not in per_rank[rank]:
                    raise ValueError(f"For '{function}', the checkpoint of source rank {rank} has no slice of '{name}'.")
                whole[layout_region(list(src_layout[:2]), whole.shape, rank)] = per_rank[rank][name]
        entries[name] = np.ascontiguousarray(whole[_region_of(dst_layout, whole.shape, rank_id)])
    _checkpoint_files.write(save_checkpoint_file_name, entries, "ckpt")


def merge_to_file(rank_files, strategy_file, output) -> int:
    """`sporax ckpt merge`: one whole checkpoint from per-rank files; returns the entry count."""
    for path in rank_files:
        if not os.path.isfile(path):
            raise ValueError(f"sporax ckpt merge: the checkpoint file {path!r} does not exist.")
    merged = merge_checkpoint_files(list(rank_files), build_searched_strategy(strategy_file), "sporax ckpt merge")
    fmt = _checkpoint_files.format_of(output)
    if not output.endswith((".ckpt", ".safetensors")):
        output += ".ckpt"
    _checkpoint_files.write(output, merged, fmt)
    return len(merged)
