"""MindSpore 2.10's `set_context` keys: their defaults, types and value checks.

Every key MindSpore's `set_context` takes is taken here, checked as MindSpore checks it
(the same exception class and message) and stored, so `get_context` returns it. Which of
them change what sporax does is listed in README.md ("Context keys"); the rest are kept for
the scripts that set and read them. Observed behaviour: tests/data/mindspore_2_10_context.json.

The order of MindSpore's checks is kept: first the type of every argument (its
`args_type_check` decorator), then each key's value.
"""
from __future__ import annotations

import os
import re

STRICT, COMPATIBLE, LAX = 0, 1, 2  # jit_syntax_level
RELEASE, DEBUG = 0, 1  # debug_level

_WHERE = "For 'context.set_context', "

# The types MindSpore's decorator checks before anything else (None always passes).
TYPES = {
    "mode": int, "device_target": str, "device_id": int, "save_graphs": (bool, int), "save_graphs_path": str,
    "aoe_tune_mode": str, "aoe_config": dict, "enable_reduce_precision": bool, "variable_memory_max_size": str,
    "enable_auto_mixed_precision": bool, "inter_op_parallel_num": int, "enable_graph_kernel": bool,
    "reserve_class_name_in_scope": bool, "check_bprop": bool, "max_device_memory": str, "print_file_path": str,
    "max_call_depth": int, "env_config_path": str, "graph_kernel_flags": str, "save_compile_cache": bool,
    "runtime_num_threads": int, "load_compile_cache": bool, "pynative_synchronize": bool, "mempool_block_size": str,
    "disable_format_transform": bool, "op_timeout": int, "deterministic": str, "ascend_config": dict,
    "jit_syntax_level": int, "debug_level": int, "jit_enable_inplace_ops": bool, "gpu_config": dict,
    "jit_config": dict, "enable_compile_cache": bool,
}

# get_context's answers on a fresh MindSpore 2.10 (CPU), for the keys sporax does not own.
DEFAULTS = {
    "aoe_config": {}, "aoe_job_type": "2", "aoe_tune_mode": "", "ascend_config": {}, "atomic_clean_policy": "",
    "bias_add_comm_swap": False, "check_bprop": False, "compile_cache_path": "",
    "compute_communicate_fusion_level": 0, "conv_allow_hf32": "", "conv_allow_tf32": True,
    "conv_dgrad_algo": "normal", "conv_fprop_algo": "normal", "conv_wgrad_algo": "normal", "cur_step_num": 0,
    "dataset_broadcast_opt_level": 0, "debug_level": RELEASE, "deterministic": "OFF", "disable_format_transform": False,
    "enable_allreduce_slice_to_reducescatter": False, "enable_begin_end_inline_opt": False,
    "enable_compile_cache": None, "enable_concat_eliminate_opt": False, "enable_flash_attention_load_balance": False,
    "enable_fused_cast_add_opt": False, "enable_grad_comm_opt": False, "enable_graph_kernel": False,
    "enable_interleave_parallel_branch": False, "enable_interleave_split_concat_branch": False,
    "enable_offloading_packed_experts": True, "enable_opt_shard_comm_opt": False, "enable_parallel_split": False,
    "enable_profiling": False, "enable_reduce_precision": True, "enable_task_opt": False, "env_config_path": "",
    "exec_order": "bfs", "ge_options": "", "gpu_config": {}, "graph_kernel_flags": "", "hccl_watchdog": True,
    "host_scheduling_max_threshold": "", "infer_boost": "off", "inter_op_parallel_num": 0,
    "interleaved_layernorm_comm": False, "interleaved_matmul_comm": False, "jit_compile": "", "jit_config": {},
    "jit_level": "", "jit_syntax_level": LAX, "last_triggered_step": 0, "matmul_allow_hf32": "",
    "matmul_allow_tf32": False, "matmul_grad_comm_overlap": "", "max_call_depth": 1000, "max_device_memory": 1024.0,
    "memory_optimize_level": 0, "mempool_block_size": 1.0, "need_ckpt": False, "op_debug_option": "",
    "op_precision_mode": "", "op_timeout": 900, "pp_1f1b_overlap": "", "precision_mode": "", "print_file_path": "",
    "profiling_options": "training_trace", "pynative_synchronize": False, "recompute_allgather_overlap_fagrad": False,
    "recompute_comm_overlap": "", "reserve_class_name_in_scope": True,
    "runtime_num_threads": min(30, os.cpu_count() or 1),
    "save_checkpoint_steps": 0, "save_graphs": 0, "save_graphs_path": ".", "support_binary": False, "topo_order": "",
    "variable_memory_max_size": "0", "enable_debug_runtime": False, "jit_enable_inplace_ops": False,
    "save_compile_cache": False, "load_compile_cache": False,
}

# Keys MindSpore applies only on some devices; on others it ignores them with a warning.
DEVICES = {
    "enable_reduce_precision": ["Ascend"], "print_file_path": ["Ascend"], "variable_memory_max_size": ["Ascend"],
    "max_device_memory": ["Ascend", "GPU"], "mempool_block_size": ["GPU", "Ascend"],
    "disable_format_transform": ["GPU"], "ascend_config": ["Ascend"], "gpu_config": ["GPU"],
}

# Keys MindSpore takes and drops, with a deprecation notice: get_context does not know them.
DROPPED = ("enable_sparse", "auto_tune_mode", "enable_auto_mixed_precision")
THROUGH_ASCEND_CONFIG = ("precision_mode", "jit_compile", "atomic_clean_policy", "matmul_allow_hf32",
                         "conv_allow_hf32", "op_precision_mode", "host_scheduling_max_threshold", "ge_options",
                         "op_debug_option")
REMOVED = {"exception_dump": ("2.6", "device_context.ascend.op_debug.aclinit_config()"),
           "precompile_only": ("2.10", "env MS_DEV_PRECOMPILE_ONLY"),
           "grad_for_scalar": ("2.10", "tensor derivative")}

_MEMORY = r"[1-9][0-9]*(\.)?[0-9]*GB|0\.[0-9]*GB"
_ASCEND_CONFIG = {
    "precision_mode": ["force_fp16", "allow_fp32_to_fp16", "allow_mix_precision", "must_keep_origin_dtype",
                       "force_fp32", "allow_fp32_to_bf16", "allow_mix_precision_fp16", "allow_mix_precision_bf16"],
    "jit_compile": [True, False], "atomic_clean_policy": [0, 1], "matmul_allow_hf32": [True, False],
    "conv_allow_hf32": [True, False], "exception_dump": ["0", "1", "2"], "op_precision_mode": (str,),
    "ge_options": (dict,), "parallel_speed_up_json_path": (str, None), "host_scheduling_max_threshold": (int,),
    "cur_step_num": (int,), "save_checkpoint_steps": (int,), "need_ckpt": (bool,), "last_triggered_step": (int,),
    "hccl_watchdog": (bool,), "topo_order": (dict,), "op_debug_option": (str, None),
}
_GPU_CONFIG = {
    "conv_fprop_algo": ["normal", "performance", "implicit_gemm", "precomp_gemm", "gemm", "direct", "fft",
                        "fft_tiling", "winograd", "winograd_nonfused"],
    "conv_dgrad_algo": ["normal", "performance", "algo_0", "algo_1", "fft", "fft_tiling", "winograd",
                        "winograd_nonfused"],
    "conv_wgrad_algo": ["normal", "performance", "algo_0", "algo_1", "fft", "algo_3", "fft_tiling",
                        "winograd_nonfused"],
    "conv_allow_tf32": [True, False], "matmul_allow_tf32": [True, False],
}
_JIT_CONFIG = {"jit_level": ["O0", "O1", "O2"], "infer_boost": ["on", "off"]}
_AOE_CONFIG = {"job_type": ["1", "2"]}


class ContextTypeError(TypeError, RuntimeError):
    """A value of the wrong type for a key MindSpore checks in C++ (there a RuntimeError)."""


def known(key: str) -> bool:
    return key in DEFAULTS or key in TYPES or key in DROPPED or key in REMOVED


def check_types(kwargs: dict) -> None:
    for key, value in kwargs.items():
        expected = TYPES.get(key)
        if expected is not None and value is not None and not isinstance(value, expected):
            raise TypeError(f"The parameter '{key}' must be {expected}, but got {type(value)}")


def _one_of(key, value, choices, verb="must be one of"):
    if value not in choices:
        raise ValueError(f"{_WHERE}the argument '{key}' {verb} {choices}, but got {value}.")


def _memory_size(value):
    """A size in GB; MindSpore's validator (`re.match` of the pattern) and its message."""
    if not re.match(_MEMORY, value):
        raise ValueError(f"The '{value}' is illegal, it must be match regular'{_MEMORY}' by "
                         f"flags'{re.ASCII}.'")
    return float(value[:-2])


def _config(key, value, table, by_kind):
    for sub_key, sub_value in value.items():
        if sub_key not in table:
            shown = tuple(table) if by_kind else table
            raise ValueError(f"{_WHERE}the key of argument '{key}' must be one of {shown}, but got {sub_key}.")
        allowed = table[sub_key]
        if isinstance(allowed, list) and sub_value not in allowed:
            raise ValueError(f"For '{key}', the value of argument {sub_key} must be one of {allowed}, "
                             f"but got {sub_value}.")
        if isinstance(allowed, tuple):
            types = tuple(type(None) if t is None else t for t in allowed)
            if not isinstance(sub_value, types):
                raise TypeError(f"For '{key}', the type of argument {sub_key} must be one of {allowed}, "
                                f"but got {type(sub_value)}.")
    return dict(value)


def check(key: str, value):
    """The value `get_context(key)` returns after `set_context(key=value)`; raises as MindSpore does."""
    if key in REMOVED:
        version, instead = REMOVED[key]
        raise ValueError(f"{_WHERE}the parameter '{key}' has been removed since MindSpore {version} version. "
                         f"Please use the {instead} instead.")
    if key in THROUGH_ASCEND_CONFIG:
        raise ValueError(f"Please set '{key}' through parameter ascend_config")
    if key == "save_graphs":
        value = {True: 2, False: 0}.get(value, value) if isinstance(value, bool) else value
        if value > 3:
            raise ValueError(f"value for save_graphs should be 0-3 but got '{value}'")
        return value
    if key == "jit_syntax_level" and value not in (STRICT, COMPATIBLE, LAX):
        raise ValueError(f"For 'jit_syntax_level', the value should be context.STRICT or context.LAX, but got {value}.")
    if key == "debug_level" and value not in (RELEASE, DEBUG):
        raise ValueError(f"For 'debug_level', the value should be context.DEBUG or context.RELEASE, but got {value}.")
    if key == "max_call_depth" and value <= 0:
        raise ValueError(f"{_WHERE}the argument 'max_call_depth' must be greater than 0, but got {value}.")
    if key == "memory_optimize_level":
        _one_of(key, value, ["O0", "O1"])
        return 0 if value == "O0" else 1
    if key == "exec_order":
        _one_of(key, value, ["bfs", "dfs"])
    if key == "deterministic":
        _one_of(key, value, ["ON", "OFF"])
    if key == "aoe_tune_mode":
        _one_of(key, value, ["online", "offline"], verb="must be in")
    if key == "profiling_options" and not isinstance(value, str):
        raise TypeError(f"{_WHERE}the argument 'profiling_option' must be string, but got {type(value)}.")
    if key in ("runtime_num_threads", "inter_op_parallel_num", "op_timeout") and value < 0:
        what = {"runtime_num_threads": "thread", "inter_op_parallel_num": "parallel thread",
                "op_timeout": "op exe timeout"}[key]
        raise ValueError(f"The num of {what} must bigger than or equal to 0.")
    if key == "max_device_memory":
        size = _memory_size(value)
        if size == 0:
            raise ValueError(f"{_WHERE}the argument 'max_device_memory' should not be \"0GB\".")
        return size
    if key == "mempool_block_size":
        size = _memory_size(value)
        if size < 1.0:
            raise ValueError(f"{_WHERE} the argument 'mempool_block_size' should be greater or equal to \"1GB\", "
                             f"but got {size}GB")
        return size
    if key == "variable_memory_max_size":
        size = _memory_size(value)
        if size > 31:
            raise ValueError(f"{_WHERE}the argument 'variable_memory_max_size' should not be greater than 31GB, "
                             f"but got {value}GB.")
        return value
    if key == "jit_config":
        stored = _config(key, value, _JIT_CONFIG, by_kind=False)
        if stored.get("infer_boost") == "on" and stored.get("jit_level") in ("O1", "O2"):
            raise ValueError("Only jit_level set O0 can set infer_boost to on.")
        return stored
    if key == "ascend_config":
        if "exception_dump" in value:
            raise ValueError("For 'ascend_config', the parameter 'exception_dump' has been removed since MindSpore "
                             "2.6 version. Please use the device_context.ascend.op_debug.aclinit_config() instead.")
        return _config(key, value, _ASCEND_CONFIG, by_kind=True)
    if key == "gpu_config":
        return _config(key, value, _GPU_CONFIG, by_kind=False)
    if key == "aoe_config":
        return _config(key, value, _AOE_CONFIG, by_kind=False)
    if key == "save_graphs_path":
        os.makedirs(os.path.realpath(value), exist_ok=True)
    if key not in TYPES and key in DEFAULTS and DEFAULTS[key] is not None:
        expected = type(DEFAULTS[key])
        if type(value) is not expected and not (expected is float and type(value) is int):
            raise ContextTypeError(f"{_WHERE}the argument '{key}' must be {expected.__name__}, "
                                   f"but got {type(value).__name__}.")
    return value


def derived(key: str, value) -> dict:
    """Keys MindSpore sets along with `key` (jit_config={'jit_level': ...} also sets jit_level)."""
    if key == "jit_config":
        return {sub_key: sub_value for sub_key, sub_value in value.items()}
    return {}
