"""`ckpt_to_safetensors`, `safetensors_to_ckpt`, `load_checkpoint_async`,
`async_ckpt_thread_status` (`mindspore.train`) and `load_segmented_checkpoints` (`mindspore`): checkpoint files converted, loaded in the
background, and the state of asynchronous saves — all through the public checkpoint functions."""
from __future__ import annotations

import concurrent.futures  # the package; its thread pool (and `queue`) load on first use
import glob
import os
import re
import threading

from . import serialization

__all__ = ["ckpt_to_safetensors", "safetensors_to_ckpt", "load_checkpoint_async", "async_ckpt_thread_status",
           "load_segmented_checkpoints"]

_SUFFIX = {"ckpt": ".ckpt", "safetensors": ".safetensors"}
# The name serialization.save_checkpoint gives its background thread (tests hold the two together).
_ASYNC_SAVE_THREAD = "sporax-save-checkpoint"


def _renamed(param_dict, name_map):
    if name_map is None:
        return param_dict
    return {name_map.get(name, name): value for name, value in param_dict.items()}


def _convert_one(source, target_dir, file_name, name_map, src_format, dst_format):
    param_dict = serialization.load_checkpoint(source, format=src_format)
    target = os.path.join(target_dir, file_name.replace(_SUFFIX[src_format], _SUFFIX[dst_format]))
    serialization.save_checkpoint(_renamed(param_dict, name_map), target, format=dst_format)


def _convert(function, file_path, save_path, name_map, file_name_regex, processes_num, src_format, dst_format):
    is_dir, is_file = os.path.isdir(file_path), os.path.isfile(file_path)
    if not is_dir and not is_file:
        raise ValueError(f"For {function}, the input path must be a valid path or file, but got {file_path}")
    if save_path and os.path.splitext(save_path)[1]:
        raise ValueError(f"For {function}, the save_path must be a directory, but got '{save_path}'")
    if name_map is not None and not isinstance(name_map, dict):
        raise ValueError(f"For {function}, the type of 'name_map' must be a directory, but got '{type(name_map)}'")
    if isinstance(processes_num, bool) or not isinstance(processes_num, int) or processes_num < 1:
        raise ValueError(f"For {function}, the 'processes_num' must be a positive int, but got {processes_num!r}.")
    suffix = _SUFFIX[src_format]
    if is_file:
        if not file_path.endswith(suffix):
            raise ValueError(f"For {function}, the input file must be a {suffix} file, but got {file_path}")
        if file_name_regex is not None and not re.findall(file_name_regex, file_path):
            raise ValueError(f"For {function}, the input file does not match the regular expression.")
        target_dir = save_path if save_path else os.path.dirname(file_path)
        os.makedirs(target_dir or ".", exist_ok=True)
        _convert_one(file_path, target_dir, os.path.basename(file_path), name_map, src_format, dst_format)
        return
    rank_dirs = sorted(d for d in os.listdir(file_path)
                       if d.startswith("rank") and os.path.isdir(os.path.join(file_path, d)))
    if not rank_dirs:
        raise ValueError(f"For '{function}', no directories starting with 'rank' found in {file_path}.")
    tasks = []
    for rank_dir in rank_dirs:
        source_dir = os.path.join(file_path, rank_dir)
        target_dir = os.path.join(save_path, rank_dir) if save_path is not None else source_dir
        os.makedirs(target_dir, exist_ok=True)
        for name in sorted(os.listdir(source_dir)):
            if name.endswith(suffix) and (file_name_regex is None or re.search(file_name_regex, name)):
                tasks.append((os.path.join(source_dir, name), target_dir, name))
    with concurrent.futures.ThreadPoolExecutor(max_workers=processes_num) as pool:
        for future in [pool.submit(_convert_one, s, t, n, name_map, src_format, dst_format) for s, t, n in tasks]:
            future.result()


def ckpt_to_safetensors(file_path, save_path=None, name_map=None, file_name_regex=None, processes_num=1):
    """Write each `.ckpt` as a `.safetensors` of the same name: one file, or every `.ckpt` in the
    `rank*` folders of a directory (matching `file_name_regex`), into `save_path` (default: beside
    it, keeping the rank folders). `name_map` renames parameters (old → new)."""
    _convert("ckpt_to_safetensors", file_path, save_path, name_map, file_name_regex, processes_num, "ckpt",
             "safetensors")


def safetensors_to_ckpt(file_path, save_path=None, name_map=None, file_name_regex=None, processes_num=1):
    """The reverse of `ckpt_to_safetensors`: `.safetensors` files written as `.ckpt`."""
    _convert("safetensors_to_ckpt", file_path, save_path, name_map, file_name_regex, processes_num, "safetensors",
             "ckpt")


class _ParamDictFuture:
    """What `load_checkpoint_async` returns: `result()` waits for the parameter dict."""

    def __init__(self, executor, future):
        self.executor, self.param_dict_future = executor, future

    def result(self):
        param_dict = self.param_dict_future.result()
        self.executor.shutdown()
        return param_dict


def load_checkpoint_async(ckpt_file_name, net=None, strict_load=False, filter_prefix=None, dec_key=None,
                          dec_mode="AES-GCM", specify_prefix=None, choice_func=None):
    """`load_checkpoint` in a background thread; `.result()` of the returned object gives its
    dict (and raises its error). The format follows the file's extension."""
    if not isinstance(ckpt_file_name, str):
        raise TypeError(f"For 'load_checkpoint_async', the 'ckpt_file_name' must be a str, but got "
                        f"{type(ckpt_file_name).__name__}.")
    fmt = "safetensors" if ckpt_file_name.endswith(".safetensors") else "ckpt"
    executor = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    future = executor.submit(serialization.load_checkpoint, ckpt_file_name, net, strict_load, filter_prefix, dec_key,
                             dec_mode, specify_prefix, choice_func, format=fmt)
    return _ParamDictFuture(executor, future)


def async_ckpt_thread_status():
    """True while a `save_checkpoint(..., async_save=True)` is still writing."""
    return any(thread.name == _ASYNC_SAVE_THREAD and thread.is_alive()
               for thread in threading.enumerate())


def load_segmented_checkpoints(ckpt_file_dir, net=None, strict_load=False, filter_prefix=None, dec_key=None,
                               dec_mode="AES-GCM", specify_prefix=None, choice_func=None):
    """Every `.ckpt` in `ckpt_file_dir` loaded (into `net` if given) and merged into one dict
    (a later file's entry replacing an earlier one's of the same name; files in sorted order)."""
    if not isinstance(ckpt_file_dir, str):
        raise TypeError("The ckpt_file_dir should be a str.")
    if not os.path.isdir(ckpt_file_dir):
        raise ValueError(f"The dst_strategy_file: {ckpt_file_dir} doesn't exist. Or it's not a directory")
    parameter_dict = {}
    for path in sorted(glob.glob(os.path.join(ckpt_file_dir, "*.ckpt"))):
        parameter_dict.update(serialization.load_checkpoint(path, net, strict_load, filter_prefix, dec_key, dec_mode,
                                                            specify_prefix, choice_func))
    return parameter_dict
