"""Runtime executor settings (`mindspore.runtime.executor`): blocking launches, dispatch threads,
CPU affinity, kernel-launch groups and capture.

What each does on JAX:

- `launch_blocking()`: real. Every eager op waits (`block_until_ready`) for its result before it
  returns, so an error is raised at the op that caused it, at the cost of losing asynchronous
  dispatch. It cannot be undone, as in MindSpore.
- `set_cpu_affinity(...)`: real. The bind-core policy is worked out as MindSpore does (the CPUs
  of `affinity_cpu_list`, or those this process may run on; `module_to_cpu_dict` picks CPUs per
  module) and the "main" module's CPUs are applied to the calling (main) thread with
  `os.sched_setaffinity`. sporax has no separate runtime/pynative/minddata threads: their
  entries are validated and kept in `get_cpu_affinity_policy()`.
- `dispatch_threads_num`, `set_kernel_launch_group`, `set_kernel_launch_capture`: validated
  and stored exactly as MindSpore does (each settable once, group and capture exclusive); JAX
  dispatches from the calling thread and XLA schedules its own kernels, so they change nothing
  else. `get_runtime_settings()` reads them back.
"""
from __future__ import annotations

import json
import os
import re

from .. import context
from .._runtime import executor as _executor
from ..log import logger

__all__ = ["launch_blocking", "dispatch_threads_num", "set_cpu_affinity", "set_kernel_launch_group",
           "set_kernel_launch_capture"]

_settings: dict = {}
_MODULES = ("main", "runtime", "pynative", "minddata")
_RANGE = r'^(\d+-\d+|\d+)(,(\d+-\d+|\d+))*$'


def _check_type(name, value, expected):
    # MindSpore's `args_type_check`: bool is not an int here only where the type is bool itself.
    if not isinstance(value, expected):
        raise TypeError(f"The parameter '{name}' must be {expected}, but got {type(value)}")


def launch_blocking():
    """Run every later eager op synchronously: it returns only once its result is computed."""
    _executor.set_launch_blocking()


def dispatch_threads_num(threads_num):
    """Set the runtime's dispatch thread count (MindSpore's default 5) once; stored (JAX
    dispatches from the calling thread)."""
    _check_type("threads_num", threads_num, int)
    if "dispatch_threads_num" in _settings:
        raise RuntimeError("The 'dispatch_threads_num' can not be set repeatedly.")
    if isinstance(threads_num, bool) or threads_num <= 0:
        raise ValueError(f"The 'threads_num' must be int and must > 0, but got '{threads_num}' with type "
                         f"'{type(threads_num).__name__}'.")
    _settings["dispatch_threads_num"] = threads_num


def set_kernel_launch_group(thread_num=2, kernel_group_num=8):
    """Set O0's parallel kernel-launch groups once: `kernel_group_num` groups over `thread_num`
    threads; stored (XLA launches its own kernels)."""
    _check_type("thread_num", thread_num, int)
    _check_type("kernel_group_num", kernel_group_num, int)
    if "kernel_launch_group" in _settings:
        raise RuntimeError("The 'kernel_launch_group' can not be set repeatedly.")
    if _settings.get("kernel_launch_capture", (False,))[0]:
        raise RuntimeError("The kernel launch group and kernel launch capture can not be set together")
    if thread_num < 1:
        raise ValueError(f"The value of thread_num should be at least 1, but got {thread_num}")
    if kernel_group_num < 1:
        raise ValueError(f"The value of kernel_group_num should be at least 1, but got {kernel_group_num}")
    if kernel_group_num % thread_num != 0:
        raise ValueError(f"Invalid parameter value, kernel_group_num: {kernel_group_num} cannot "
                         f"be evenly divisible by thread_num: {thread_num}")
    _settings["kernel_launch_group"] = (thread_num, kernel_group_num)


def set_kernel_launch_capture(enable_capture_graph, op_capture_skip=None):
    """Turn capture of eager dispatch into a graph on or off, skipping the ops named in
    `op_capture_skip`; stored (sporax's GRAPH_MODE/jit is where dispatch is captured)."""
    _check_type("enable_capture_graph", enable_capture_graph, bool)
    if "kernel_launch_group" in _settings:
        raise RuntimeError("The kernel launch group and kernel launch capture can not be set together")
    if op_capture_skip is None:
        op_capture_skip = []
    if not isinstance(op_capture_skip, list):
        raise TypeError("op_capture_skip must be a list")
    _settings["kernel_launch_capture"] = (enable_capture_graph, list(op_capture_skip))


def _parse_cpu_ranges(affinity_cpu_list):
    cpus = []
    for cpu_range in affinity_cpu_list:
        for part in cpu_range.split(","):
            first, _, last = part.partition("-")
            cpus.extend(range(int(first), int(last or first) + 1))
    return cpus


def set_cpu_affinity(enable_affinity, affinity_cpu_list=None, module_to_cpu_dict=None, bind_file=None):
    """Bind sporax's threads to CPUs, once per process.

    The CPU range is `affinity_cpu_list` (strings "X-Y" or "X,Y,Z"; `None` or `[]`: the CPUs this
    process may use). Without `module_to_cpu_dict` the whole range goes to module "main"; with it,
    each module gets the CPUs it names. The "main" CPUs are applied to the calling thread with
    `os.sched_setaffinity`. `bind_file` is a msrun bind JSON whose `bind_cpu` entry for this
    device ("device<id>", ranges as strings) replaces both arguments.
    """
    if _settings.get("cpu_affinity_configured"):
        raise RuntimeError("The 'mindspore.runtime.set_cpu_affinity' cannot be set repeatedly.")
    if not enable_affinity:
        _settings["cpu_affinity_configured"] = True
        return
    if bind_file is not None:
        affinity_cpu_list, module_to_cpu_dict = _read_bind_file(bind_file)
    if affinity_cpu_list is not None:
        if not isinstance(affinity_cpu_list, list):
            raise TypeError(f"The parameter '{affinity_cpu_list}' must be list, but got {type(affinity_cpu_list)}")
        for cpu_range in affinity_cpu_list:
            if not isinstance(cpu_range, str):
                raise ValueError(f"CPU range '{cpu_range}' in '{affinity_cpu_list}' should be a string.")
            if not re.match(_RANGE, cpu_range):
                raise ValueError(f"CPU range '{cpu_range}' in '{affinity_cpu_list}' should be in format "
                                 "'cpuidX-cpuidY' or 'cpuidX,cpuidY,cpuidZ'.")
    if module_to_cpu_dict is not None:
        if not isinstance(module_to_cpu_dict, dict):
            raise TypeError(f"The parameter '{module_to_cpu_dict}' must be dict, but got {type(module_to_cpu_dict)}")
        for module_name, cpu_indices in module_to_cpu_dict.items():
            if not isinstance(cpu_indices, list):
                raise ValueError(f"The value of module_to_cpu_dict: {cpu_indices} should be a list.")
            for cpu_index in cpu_indices:
                if not isinstance(cpu_index, int) or cpu_index < 0:
                    raise ValueError(f"CPU index '{cpu_index}' for module '{module_name}' in '{cpu_indices}' "
                                     "should be a non-negative integer.")
    available = sorted(os.sched_getaffinity(0))
    if affinity_cpu_list:
        cpus = _parse_cpu_ranges(affinity_cpu_list)
        for cpu in cpus:
            if cpu not in available:
                raise RuntimeError(f"CPU id:{cpu} set in affinity_cpu_list:{affinity_cpu_list} is not available.")
    else:
        cpus = available
    if module_to_cpu_dict:
        for module_name, cpu_indices in module_to_cpu_dict.items():
            for cpu in cpu_indices:
                if cpu not in available:
                    raise RuntimeError(f"CPU id:{cpu} set in module_to_cpu_dict for module '{module_name}' "
                                       "is not available.")
        policy = {name: list(indices) for name, indices in module_to_cpu_dict.items() if indices}
    else:
        policy = {"main": list(cpus)}
    logger.warning(f"Module bind core policy generated: {policy}.")
    if policy.get("main"):
        os.sched_setaffinity(0, policy["main"])
    _settings["cpu_affinity_configured"] = True
    _settings["cpu_affinity_policy"] = policy


def _read_bind_file(bind_file):
    path = os.path.abspath(bind_file)
    try:
        with open(path, encoding="utf-8") as f:
            config = json.load(f)
    except (OSError, ValueError) as exc:
        raise ValueError(f"Failed to read the bind_file '{path}': {exc}") from exc
    entry = config.get("bind_cpu", {}).get(f"device{context.get_context('device_id')}")
    if not entry:
        return None, None
    modules = {name: _parse_cpu_ranges([spec]) for name, spec in entry.items()}
    every = sorted({cpu for cpus in modules.values() for cpu in cpus})
    return [",".join(map(str, every))], modules


def get_cpu_affinity_policy():
    """sporax's addition: the module → CPUs policy `set_cpu_affinity` applied (None before)."""
    return _settings.get("cpu_affinity_policy")


def get_runtime_settings():
    """sporax's addition: what `dispatch_threads_num`, `set_kernel_launch_group` and
    `set_kernel_launch_capture` stored (keys absent until set)."""
    return {k: v for k, v in _settings.items() if not k.startswith("cpu_affinity")}
