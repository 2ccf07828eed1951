"""`mindspore.dataset.config`: the global settings of data pipelines.

The seed decides every shuffle, sampler and random transform. Until `set_seed` is called
MindSpore draws a fresh seed for each pipeline, so two runs differ; after it, every run of
the same pipeline yields the same rows in the same order, whatever the worker count.
"""
from __future__ import annotations

import os
import random as _random

from .._random import reseed_eager_generator

_INT32_MAX = 2**31 - 1
_UINT32_MAX = 2**32 - 1

_state = {
    "seed": 5489,  # MindSpore's reported default (std::mt19937's default seed)
    "seed_was_set": False,
    "num_parallel_workers": 2,
    "prefetch_size": 16,
    "enable_shared_mem": True,
    "callback_timeout": 60,  # seconds a WaitedDSCallback waits for the training (MindSpore 2.10: 60)
    "monitor_sampling_interval": 1000,
    "multiprocessing_timeout_interval": 300,
    "auto_num_workers": False,
    "numa_enable": False,
    "enable_watchdog": True,
    "debug_mode": False,
    "error_samples_mode": None,
    "multiprocessing_start_method": "fork",
    "sending_batches": 0,
    "iterator_mode": {"do_copy": False, "parallel_convert": False},
    "autotune": False,
    "autotune_interval": 0,
    "auto_offload": False,
    "fast_recovery": True,
    "dynamic_shape": False,
    "video_backend": "CPU",
}


def _require_int(value, name: str, what: str):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} isn't of type int.")
    return value


def _require_bool(value, name: str):
    if not isinstance(value, bool):
        raise TypeError(f"{name} isn't of type bool.")
    return value


def set_seed(seed):
    """Seed every random operation of the data pipelines (shuffles, samplers, random transforms)."""
    _require_int(seed, "seed", "seed")
    if not 0 <= seed <= _UINT32_MAX:
        raise ValueError(f"seed given is not within the required range [0, UINT32_MAX({_UINT32_MAX})].")
    _state["seed"] = seed
    _state["seed_was_set"] = True
    reseed_eager_generator(seed)


def get_seed():
    return _state["seed"]


def _pipeline_seed() -> int:
    """The seed a new pipeline starts from: the set seed, or a fresh one (MindSpore's default)."""
    if _state["seed_was_set"]:
        return _state["seed"]
    return _random.SystemRandom().randrange(_UINT32_MAX + 1)


def set_num_parallel_workers(num):
    _require_int(num, "num", "num")
    if not 0 < num <= _INT32_MAX:
        raise ValueError(f"Number of parallel workers given is not within the required range (0, INT32_MAX({_INT32_MAX})].")
    _state["num_parallel_workers"] = num


def get_num_parallel_workers():
    return _state["num_parallel_workers"]


def set_prefetch_size(size):
    _require_int(size, "size", "size")
    if not 0 < size <= _INT32_MAX:
        raise ValueError(f"size is not within the required range (0, INT32_MAX({_INT32_MAX})].")
    _state["prefetch_size"] = size


def get_prefetch_size():
    return _state["prefetch_size"]


def _positive_int_setter(key, label):
    def setter(value):
        _require_int(value, key, label)
        if not 0 <= value <= _INT32_MAX:
            raise ValueError(f"{label} is not within the required range [0, INT32_MAX({_INT32_MAX})].")
        _state[key] = value
    return setter


def _bool_setter(key):
    def setter(value):
        _require_bool(value, key)
        _state[key] = value
    return setter


set_callback_timeout = _positive_int_setter("callback_timeout", "timeout")
set_monitor_sampling_interval = _positive_int_setter("monitor_sampling_interval", "interval")
set_multiprocessing_timeout_interval = _positive_int_setter("multiprocessing_timeout_interval", "interval")
set_autotune_interval = _positive_int_setter("autotune_interval", "interval")
set_sending_batches = _positive_int_setter("sending_batches", "batch_num")
set_enable_shared_mem = _bool_setter("enable_shared_mem")
set_auto_num_workers = _bool_setter("auto_num_workers")
set_numa_enable = _bool_setter("numa_enable")
set_enable_watchdog = _bool_setter("enable_watchdog")
set_auto_offload = _bool_setter("auto_offload")
set_fast_recovery = _bool_setter("fast_recovery")
set_dynamic_shape = _bool_setter("dynamic_shape")


def set_enable_autotune(enable, filepath_prefix=None):
    _require_bool(enable, "enable")
    _state["autotune"] = enable


def set_debug_mode(debug_mode_flag: bool, debug_hook_list: list = None):
    _require_bool(debug_mode_flag, "debug_mode_flag")
    _state["debug_mode"] = debug_mode_flag


def set_error_samples_mode(error_samples_mode):
    _state["error_samples_mode"] = error_samples_mode


def set_multiprocessing_start_method(start_method="fork"):
    if start_method not in ("fork", "spawn"):
        raise ValueError(f"For 'set_multiprocessing_start_method', the 'start_method' must be 'fork' or 'spawn', "
                         f"but got {start_method!r}.")
    _state["multiprocessing_start_method"] = start_method


def set_iterator_mode(do_copy=False, parallel_convert=False):
    _require_bool(do_copy, "do_copy")
    _require_bool(parallel_convert, "parallel_convert")
    _state["iterator_mode"] = {"do_copy": do_copy, "parallel_convert": parallel_convert}


def set_video_backend(backend):
    if backend not in ("CPU", "Ascend"):
        raise ValueError(f"For 'set_video_backend', the 'backend' must be 'CPU' or 'Ascend', but got {backend!r}.")
    _state["video_backend"] = backend


def _getter(key):
    return lambda: _state[key]


get_callback_timeout = _getter("callback_timeout")
get_monitor_sampling_interval = _getter("monitor_sampling_interval")
get_multiprocessing_timeout_interval = _getter("multiprocessing_timeout_interval")
get_autotune_interval = _getter("autotune_interval")
get_enable_shared_mem = _getter("enable_shared_mem")
get_auto_num_workers = _getter("auto_num_workers")
get_numa_enable = _getter("numa_enable")
get_enable_watchdog = _getter("enable_watchdog")
get_auto_offload = _getter("auto_offload")
get_fast_recovery = _getter("fast_recovery")
get_dynamic_shape = _getter("dynamic_shape")
get_enable_autotune = _getter("autotune")
get_debug_mode = _getter("debug_mode")
get_error_samples_mode = _getter("error_samples_mode")
get_multiprocessing_start_method = _getter("multiprocessing_start_method")
get_iterator_mode = _getter("iterator_mode")
get_video_backend = _getter("video_backend")


def load(file):
    """Read settings from a JSON file (MindSpore's keys: seed, numParallelWorkers, prefetchSize...)."""
    import json
    if not isinstance(file, (str, os.PathLike)):
        raise TypeError(f"file isn't of type str, but got {type(file).__name__}.")
    if not os.path.isfile(file):
        raise RuntimeError(f"Config file {file} does not exist or is not a file.")
    with open(file) as handle:
        try:
            settings = json.load(handle)
        except json.JSONDecodeError as error:
            raise RuntimeError(f"Config file {file} is not valid JSON: {error}.") from None
    if "seed" in settings:
        set_seed(settings["seed"])
    if "numParallelWorkers" in settings:
        set_num_parallel_workers(settings["numParallelWorkers"])
    if "prefetchSize" in settings:
        set_prefetch_size(settings["prefetchSize"])
