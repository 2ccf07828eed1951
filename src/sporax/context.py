"""Execution context (`mindspore.context`): mode, device target, initializer generator.

`set_context(init_generator=...)` picks how random initializers produce values:
'mindspore' (default, MindSpore 2.10 bit for bit), 'mindspore-r1.6' (the seed notebook's
numbers) or 'threefry' (jax.random on the device; `threefry_key='name'` keys each
Parameter by its full name).
"""
from __future__ import annotations

import os
import warnings

import jax

from . import _context_keys
from ._context_keys import COMPATIBLE, DEBUG, LAX, RELEASE, STRICT

__all__ = ["GRAPH_MODE", "PYNATIVE_MODE", "STRICT", "COMPATIBLE", "LAX", "DEBUG", "RELEASE", "set_context",
           "get_context", "set_ps_context",
           "get_ps_context", "reset_ps_context", "set_auto_parallel_context", "get_auto_parallel_context",
           "reset_auto_parallel_context", "ParallelMode", "get_rank"]

GRAPH_MODE = 0
PYNATIVE_MODE = 1

_DEVICE_TARGETS = ("CPU", "GPU", "Ascend")
_THREEFRY_KEYS = ("stream", "name")
# The generators' names (`common._generators` implements them and reads these settings).
_INIT_GENERATORS = ("mindspore", "mindspore-r1.6", "threefry")
_context = {"mode": PYNATIVE_MODE, "device_target": "CPU", "device_id": 0,
            "init_generator": "mindspore", "threefry_key": "stream", "progress_bar": True}
# Parameter-server context (MindSpore's `set_ps_context` keys and defaults). The role and the
# cluster's shape come from the environment (MS_ROLE, MS_SERVER_NUM, MS_WORKER_NUM,
# MS_SCHED_HOST, MS_SCHED_PORT), read and validated when `enable_ps` turns True.
_PS_DEFAULTS = {"enable_ps": False, "server_mode": "", "ms_role": "MS_NOT_PS", "worker_num": 0,
                "server_num": 0, "scheduler_ip": "127.0.0.1", "scheduler_port": 6667, "enable_ssl": False,
                "client_password": "", "server_password": "", "config_file_path": ""}
_PS_WRITE_ONLY = ("client_password", "server_password")
_PS_ROLES = ("MS_SCHED", "MS_PSERVER", "MS_SERVER", "MS_WORKER")
_ps_context = dict(_PS_DEFAULTS)
# Called with the role after `set_ps_context(enable_ps=True)` (sporax._ps installs it: the
# scheduler and server roles serve there until the workers finish, then exit).
ps_enable_hooks: list = []
_PARALLEL_MODES = ("stand_alone", "data_parallel", "hybrid_parallel", "semi_auto_parallel", "auto_parallel")
_SEARCH_MODES = ("recursive_programming", "dynamic_programming", "sharding_propagation")
_parallel_defaults = {"parallel_mode": "stand_alone", "device_num": 1, "global_rank": 0,
                      "gradients_mean": False, "gradient_fp32_sync": True, "parameter_broadcast": False,
                      "full_batch": False, "dataset_strategy": "data_parallel",
                      "search_mode": "recursive_programming", "enable_parallel_optimizer": False,
                      "pipeline_stages": 1,
                      "strategy_ckpt_config": {"load_file": "", "save_file": "", "only_trainable_params": True}}
_parallel_context = dict(_parallel_defaults)


class ParallelMode:
    """Parallel modes: STAND_ALONE, DATA_PARALLEL, HYBRID_PARALLEL, SEMI_AUTO_PARALLEL, AUTO_PARALLEL."""
    STAND_ALONE = "stand_alone"
    DATA_PARALLEL = "data_parallel"
    HYBRID_PARALLEL = "hybrid_parallel"
    SEMI_AUTO_PARALLEL = "semi_auto_parallel"
    AUTO_PARALLEL = "auto_parallel"
    MODE_LIST = [STAND_ALONE, DATA_PARALLEL, HYBRID_PARALLEL, SEMI_AUTO_PARALLEL, AUTO_PARALLEL]


def _unknown(function, key, valid):
    return ValueError(f"{function}: argument '{key}' is not a known key; valid keys are {sorted(valid)}.")


# The values set for MindSpore's other keys (see _context_keys); unset ones read as their default.
_mindspore_context = {}


def _gpu_present() -> bool:
    try:
        return bool(jax.devices("gpu"))
    except RuntimeError:
        return False


def _check_sporax_key(key, value):
    if key == "mode" and (isinstance(value, bool) or value not in (GRAPH_MODE, PYNATIVE_MODE)):
        raise ValueError(f"For 'context.set_context', the argument 'mode' should be context.GRAPH_MODE (0) "
                         f"or context.PYNATIVE_MODE (1), but got {value}.")
    if key == "device_target" and value not in _DEVICE_TARGETS + ("Davinci",):
        raise ValueError(f"For 'context.set_context', the argument 'device_target' must be one of "
                         f"{list(_DEVICE_TARGETS) + ['Davinci']}, but got {value}.")
    if key == "device_id" and (isinstance(value, bool) or not 0 <= value <= 4095):
        raise ValueError(f"For 'context.set_context', the argument 'device_id' must be in range [0, 4095], "
                         f"but got {value}.")
    if key == "init_generator" and value not in _INIT_GENERATORS:
        raise ValueError(f"set_context: argument 'init_generator' must be one of "
                         f"{sorted(_INIT_GENERATORS)}, got {value!r}.")
    if key == "progress_bar" and not isinstance(value, bool):
        raise ValueError(f"set_context: argument 'progress_bar' must be a bool, got {value!r}.")
    if key == "threefry_key" and value not in _THREEFRY_KEYS:
        raise ValueError(f"set_context: argument 'threefry_key' must be one of {list(_THREEFRY_KEYS)}, got {value!r}.")
    return "Ascend" if key == "device_target" and value == "Davinci" else value


def set_context(**kwargs):
    """Set context keys. Every key of MindSpore 2.10's `set_context` is taken, checked as
    MindSpore checks it and returned by `get_context`; README.md's "Context keys" table says
    what each does in sporax. sporax's own keys: init_generator, threefry_key, progress_bar
    (progress bars for long work). `device_target` 'GPU' without a GPU, and 'Ascend', run on
    the best JAX backend, with one warning. Nothing changes unless every key and value is valid."""
    for key in kwargs:
        if key not in _context and not _context_keys.known(key):
            raise ValueError(f"For 'context.set_context', the keyword argument {key} is not recognized! For detailed "
                             f"usage of 'set_context', please refer to the Mindspore official website.")
    _context_keys.check_types(kwargs)
    updates, mindspore_updates, ignored = {}, {}, []
    device = _check_sporax_key("device_target", kwargs["device_target"]) if "device_target" in kwargs \
        else _context["device_target"]
    for key, value in kwargs.items():
        if key in _context:
            updates[key] = _check_sporax_key(key, value)
        elif key in _context_keys.DROPPED:
            continue
        elif key in _context_keys.DEVICES and device not in _context_keys.DEVICES[key]:
            ignored.append(f"For 'context.set_context', when set the argument '{key}', the argument 'device_target' "
                           f"only supports devices in '{_context_keys.DEVICES[key]}', but got '{device}', ignore it.")
        else:
            mindspore_updates[key] = _context_keys.check(key, value)
            mindspore_updates.update(_context_keys.derived(key, mindspore_updates[key]))
    for message in ignored:
        warnings.warn(message, stacklevel=2)
    target = updates.get("device_target")
    if target is not None and target != _context["device_target"] and (
            target == "Ascend" or target == "GPU" and not _gpu_present()):
        warnings.warn(f"device_target '{target}' is not available: sporax runs on the best JAX backend "
                      "(GPU if present, else CPU).", stacklevel=2)
    _context.update(updates)
    _mindspore_context.update(mindspore_updates)


def get_context(attr_key):
    """The value of a context key (MindSpore's default for a key never set)."""
    if attr_key in _context:
        return _context[attr_key]
    if attr_key in _context_keys.DEFAULTS:
        return _mindspore_context.get(attr_key, _context_keys.DEFAULTS[attr_key])
    raise ValueError(f"For 'context.get_context', the argument {attr_key} is not recognized! For detailed "
                     f"usage of 'get_context', please refer to the Mindspore official website.")


def _ps_type_error(key, expected, value):
    return TypeError(f"The parameter '{key}' must be {expected}, but got {type(value)}")


def _ps_environment() -> dict:
    """The role and cluster shape from MS_ROLE & co., validated (ValueError naming the variable)."""
    role = os.environ.get("MS_ROLE")
    if role is None:
        return {"ms_role": "MS_NOT_PS"}
    if role not in _PS_ROLES:
        raise ValueError(f"For 'set_ps_context', the environment variable 'MS_ROLE' must be one of "
                         f"{list(_PS_ROLES)}, but got {role!r}.")
    values = {"ms_role": "MS_PSERVER" if role == "MS_SERVER" else role}
    for variable, key, low in (("MS_SERVER_NUM", "server_num", 1), ("MS_WORKER_NUM", "worker_num", 1),
                               ("MS_SCHED_PORT", "scheduler_port", 1)):
        text = os.environ.get(variable)
        if text is None:
            raise ValueError(f"For 'set_ps_context', the environment variable '{variable}' must be set when "
                             f"MS_ROLE={role}, but it is missing.")
        try:
            number = int(text)
        except ValueError:
            number = None
        if number is None or number < low or (key == "scheduler_port" and number > 65535):
            bound = "an int in [1, 65535]" if key == "scheduler_port" else f"an int >= {low}"
            raise ValueError(f"For 'set_ps_context', the environment variable '{variable}' must be {bound}, "
                             f"but got {text!r}.")
        values[key] = number
    host = os.environ.get("MS_SCHED_HOST")
    if not host:
        raise ValueError(f"For 'set_ps_context', the environment variable 'MS_SCHED_HOST' must be set when "
                         f"MS_ROLE={role}, but it is missing.")
    values["scheduler_ip"] = host
    return values


def set_ps_context(**kwargs):
    """Set parameter-server keys (MindSpore's): enable_ps (bool), config_file_path (str; server
    recovery, not supported: must stay ''), enable_ssl (bool; must stay False), client_password,
    server_password (str), and server_mode, ms_role, worker_num, server_num, scheduler_ip,
    scheduler_port. `enable_ps=True` reads the role from the environment (MS_ROLE,
    MS_SERVER_NUM, MS_WORKER_NUM, MS_SCHED_HOST, MS_SCHED_PORT) and, for the scheduler and
    server roles, serves the job there and exits when the workers finish. Nothing changes
    unless every key and value is valid."""
    updates = {}
    for key, value in kwargs.items():
        if key not in _PS_DEFAULTS:
            raise ValueError(f"Set PS context keyword {key} is not recognized!")
        default = _PS_DEFAULTS[key]
        if isinstance(default, bool) and not isinstance(value, bool):
            raise _ps_type_error(key, "<class 'bool'>", value)
        if isinstance(default, int) and not isinstance(default, bool):
            if isinstance(value, bool) or not isinstance(value, int):
                raise _ps_type_error(key, "<class 'int'>", value)
            if value < 0:
                raise ValueError(f"For 'set_ps_context', the '{key}' must be >= 0, but got {value}.")
        if isinstance(default, str) and not isinstance(value, str):
            raise _ps_type_error(key, "<class 'str'>", value)
        if key == "ms_role" and value not in _PS_ROLES + ("MS_NOT_PS",):
            raise ValueError(f"For 'set_ps_context', the 'ms_role' must be one of {list(_PS_ROLES)} or "
                             f"'MS_NOT_PS', but got {value!r}.")
        if key == "enable_ssl" and value:
            raise ValueError("For 'set_ps_context', 'enable_ssl=True' is not supported by sporax: its parameter "
                             "server runs on Ray without TLS; keep the job on a trusted network.")
        if key == "config_file_path" and value:
            raise ValueError("For 'set_ps_context', 'config_file_path' (server disaster recovery) is not "
                             f"supported by sporax, but got {value!r}.")
        updates[key] = value
    if updates.get("enable_ps") and not _ps_context["enable_ps"]:
        updates = {**_ps_environment(), "server_mode": "PARAMETER_SERVER", **updates}
    elif updates.get("enable_ps") is False:
        updates = {**_PS_DEFAULTS, **updates}
    _ps_context.update(updates)
    if updates.get("enable_ps"):
        for hook in ps_enable_hooks:
            hook(_ps_context["ms_role"])


def get_ps_context(attr_key):
    if attr_key not in _PS_DEFAULTS or attr_key in _PS_WRITE_ONLY:
        raise ValueError(f"Get PS context keyword {attr_key} is not recognized!")
    return _ps_context[attr_key]


def reset_ps_context():
    """Every parameter-server key back to its default (enable_ps False)."""
    _ps_context.clear()
    _ps_context.update(_PS_DEFAULTS)


# --- parallel context ------------------------------------------------------------------------
# The world a communication init() joined: its rank and size (the parallel context's
# device_num/global_rank follow it unless the user set them).
_world = {"rank": 0, "size": 1}
_user_set: set = set()


def _parallel_value_error(key, value, expected):
    return ValueError(f"The context configuration parameter '{key}' {expected}, but got the value : {value!r}.")


def _check_parallel_value(key, value):
    """The validated value of one parallel-context key (MindSpore 2.10's messages)."""
    if key in ("gradients_mean", "gradient_fp32_sync", "parameter_broadcast", "full_batch",
               "enable_parallel_optimizer"):
        if not isinstance(value, bool):
            raise TypeError(f"The parameter '{key}' must be {bool}, but got {type(value)}")
        return value
    if key == "pipeline_stages":
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"The parameter 'pipeline_stages' must be {int}, but got {type(value)}")
        if value < 1:
            raise ValueError("For 'set_auto_parallel_context', the argument 'pipeline_stages' should be greater or "
                             f"equal 1, but got the value of stages : {value}.")
        if value > 1:
            raise ValueError(f"set_auto_parallel_context: 'pipeline_stages={value}' (pipeline parallel) is not "
                             "available in sporax; leave it 1.")
        return value
    if key == "parallel_mode":
        if value not in _PARALLEL_MODES:
            raise ValueError("The context configuration parameter 'parallel_mode' only support 'stand_alone', "
                             "'data_parallel', 'hybrid_parallel', 'semi_auto_parallel' and 'auto_parallel', "
                             f"but got the value : {value}.")
        return value
    if key in ("search_mode", "auto_parallel_search_mode"):
        if value not in _SEARCH_MODES:
            raise ValueError("The context configuration parameter 'auto_parallel_search_mode' only support "
                             "'recursive_programming', 'dynamic_programming' and 'sharding_propagation', "
                             f"but got the value: {value}.")
        return value
    if key in ("device_num", "global_rank"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"The parameter '{key}' must be {int}, but got {type(value)}")
        if key == "device_num" and not 1 <= value <= 4096:
            raise ValueError("The context configuration parameter 'device_num' must be a positive integer, "
                             f"but got the value of device_num : {value}.")
        if key == "global_rank" and not 0 <= value < 4096:
            raise _parallel_value_error(key, value, "must be in [0, 4095]")
        return value
    if key == "dataset_strategy":
        if value in ("data_parallel", "full_batch"):
            return value
        if not isinstance(value, tuple) or not all(
                isinstance(s, tuple) and all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in s)
                for s in value):
            raise TypeError("For 'set_auto_parallel_context', the argument 'dataset_strategy' must be "
                            "'data_parallel', 'full_batch' or a tuple of tuples of positive ints, "
                            f"but got {value!r}.")
        return value
    if key == "strategy_ckpt_config":
        if not isinstance(value, dict):
            raise TypeError(f"For 'set_auto_parallel_context', the argument 'strategy_ckpt_config' must be dict, "
                            f"but got the type : {type(value)}.")
        config = dict(_parallel_defaults["strategy_ckpt_config"])
        for name, item in value.items():
            if name not in config:
                raise ValueError(f"For 'set_auto_parallel_context().set_strategy_ckpt_config', the key of "
                                 f"strategy_ckpt_config must be 'load_file', 'save_file' or 'only_trainable_params', "
                                 f"but got {name!r}.")
            expected = bool if name == "only_trainable_params" else str
            if not isinstance(item, expected):
                raise TypeError(f"For 'set_auto_parallel_context', the '{name}' of strategy_ckpt_config must be "
                                f"{expected.__name__}, but got {type(item).__name__}.")
            config[name] = item
        return config
    return value


def set_auto_parallel_context(**kwargs):
    """Set parallel-context keys: parallel_mode (ParallelMode), device_num, global_rank,
    gradients_mean (average instead of sum the data-parallel gradient all-reduce),
    gradient_fp32_sync, parameter_broadcast (rank 0's Parameters at the start), full_batch,
    dataset_strategy, search_mode (AUTO_PARALLEL: 'sharding_propagation' only) and
    strategy_ckpt_config. Nothing changes unless every key and value is valid."""
    updates = {}
    for key, value in kwargs.items():
        target = "search_mode" if key == "auto_parallel_search_mode" else key
        if target not in _parallel_context:
            raise ValueError(f"Set context keyword {key} is not recognized!")
        updates[target] = _check_parallel_value(key, value)
    if updates.get("full_batch") and isinstance(updates.get("dataset_strategy"), tuple):
        raise ValueError("set_auto_parallel_context: 'full_batch=True' and a tuple 'dataset_strategy' "
                         "cannot be set together.")
    _parallel_context.update(updates)
    if updates.get("full_batch"):
        _parallel_context["dataset_strategy"] = "full_batch"
    elif "full_batch" in updates and _parallel_context["dataset_strategy"] == "full_batch":
        _parallel_context["dataset_strategy"] = "data_parallel"
    if isinstance(updates.get("dataset_strategy"), str):
        _parallel_context["full_batch"] = updates["dataset_strategy"] == "full_batch"
    _user_set.update(updates)


def get_auto_parallel_context(attr_key):
    key = "search_mode" if attr_key == "auto_parallel_search_mode" else attr_key
    if key not in _parallel_context:
        raise ValueError(f"Get context keyword {attr_key} is not recognized!")
    if key == "device_num" and "device_num" not in _user_set:
        return _world["size"]
    if key == "global_rank" and "global_rank" not in _user_set:
        return _world["rank"]
    value = _parallel_context[key]
    return dict(value) if isinstance(value, dict) else value


def reset_auto_parallel_context():
    _parallel_context.clear()
    _parallel_context.update(_parallel_defaults)
    _user_set.clear()


def _set_parallel_world(rank: int, size: int) -> None:
    """Called by communication init()/release(): the joined world's rank and size."""
    _world.update(rank=rank, size=size)


def get_rank() -> int:
    """This process's rank: `global_rank` set in the parallel context, else the communication
    world's rank after init(), else $RANK_ID, else 0."""
    if "global_rank" in _user_set:
        return _parallel_context["global_rank"]
    if _world["size"] > 1:
        return _world["rank"]
    return int(os.environ.get("RANK_ID", "0"))
