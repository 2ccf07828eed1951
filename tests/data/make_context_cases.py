"""Record MindSpore 2.10's set_context/get_context behaviour (run by hand, never in CI):

    /work/msvenv/bin/python tests/data/make_context_cases.py

Writes tests/data/mindspore_2_10_context.json: every key `get_context` answers with its
default on CPU, and for each case in BAD the exception class and message `set_context`
raises (or the value `get_context` returns afterwards when it accepts the value).
"""
import json
import pathlib

import mindspore as ms
from mindspore import context
from mindspore._c_expression import ms_ctx_param

OUT = pathlib.Path(__file__).with_name("mindspore_2_10_context.json")

# (key, value) pairs: wrong types, out-of-range values, unknown choices, and good values.
CASES = [
    ("mode", 3), ("mode", "graph"), ("mode", 0), ("device_target", "TPU"), ("device_target", 1),
    ("device_id", -1), ("device_id", 4096), ("device_id", "0"), ("device_id", 7),
    ("save_graphs", 4), ("save_graphs", "yes"), ("save_graphs", True), ("save_graphs", 3), ("save_graphs", False),
    ("save_graphs_path", 1), ("max_call_depth", 0), ("max_call_depth", 1.5), ("max_call_depth", 80),
    ("pynative_synchronize", 1), ("pynative_synchronize", True),
    ("enable_graph_kernel", "on"), ("enable_graph_kernel", True),
    ("memory_optimize_level", "O2"), ("memory_optimize_level", 1), ("memory_optimize_level", "O1"),
    ("deterministic", "on"), ("deterministic", True), ("deterministic", "ON"),
    ("jit_syntax_level", 3), ("jit_syntax_level", "STRICT"), ("jit_syntax_level", 0), ("jit_syntax_level", 1),
    ("debug_level", 2), ("debug_level", 1),
    ("jit_config", {"jit_level": "O3"}), ("jit_config", {"level": "O0"}), ("jit_config", "O0"),
    ("jit_config", {"jit_level": "O1"}), ("jit_config", {"jit_level": "O0", "infer_boost": "yes"}),
    ("max_device_memory", "3.5G"), ("max_device_memory", "0GB"), ("max_device_memory", 3), ("max_device_memory", "3.5GB"),
    ("mempool_block_size", "0.5GB"), ("mempool_block_size", "2GB"), ("mempool_block_size", "2"),
    ("runtime_num_threads", -1), ("runtime_num_threads", "2"), ("runtime_num_threads", 4),
    ("inter_op_parallel_num", -1), ("inter_op_parallel_num", 2), ("op_timeout", -1), ("op_timeout", 100),
    ("exec_order", "xfs"), ("exec_order", "dfs"), ("aoe_tune_mode", "x"), ("aoe_tune_mode", "online"),
    ("aoe_config", {"job_type": "3"}), ("aoe_config", {"x": "1"}), ("aoe_config", {"job_type": "1"}),
    ("gpu_config", {"conv_fprop_algo": "x"}), ("gpu_config", {"x": 1}), ("gpu_config", {"conv_allow_tf32": False}),
    ("ascend_config", {"precision_mode": "x"}), ("ascend_config", {"x": 1}), ("ascend_config", {"ge_options": 1}),
    ("ascend_config", {"precision_mode": "force_fp16"}),
    ("enable_reduce_precision", 1), ("variable_memory_max_size", "40GB"), ("check_bprop", "x"), ("check_bprop", True),
    ("reserve_class_name_in_scope", 1), ("reserve_class_name_in_scope", False),
    ("enable_compile_cache", 1), ("enable_compile_cache", True), ("compile_cache_path", "/tmp/cache"),
    ("graph_kernel_flags", 1), ("graph_kernel_flags", "--opt_level=2"), ("print_file_path", 1),
    ("profiling_options", 1), ("disable_format_transform", True), ("jit_enable_inplace_ops", 1),
    ("precision_mode", "force_fp16"), ("jit_compile", True), ("exception_dump", "1"), ("precompile_only", True),
    ("grad_for_scalar", True), ("bogus_key", 1), ("enable_sparse", True), ("auto_tune_mode", "GA"),
    ("enable_auto_mixed_precision", True), ("support_binary", True), ("enable_task_opt", True),
]


def plain(value):
    if isinstance(value, (dict, list, tuple)):
        return json.loads(json.dumps(value))
    return value


def main():
    keys = sorted(k for k in ms_ctx_param.__members__ if not k.startswith("_"))
    keys += ["aoe_config", "ascend_config", "gpu_config", "jit_config", "reserve_class_name_in_scope", "support_binary"]
    defaults = {}
    for key in keys:
        try:
            defaults[key] = plain(ms.get_context(key))
        except Exception as error:  # noqa: BLE001 (recorded, not hidden)
            defaults[key] = {"error": type(error).__name__, "message": str(error)}
    cases = []
    for key, value in CASES:
        before = None
        try:
            before = plain(ms.get_context(key))
        except Exception:  # noqa: BLE001
            pass
        try:
            ms.set_context(**{key: value})
        except Exception as error:  # noqa: BLE001
            cases.append({"key": key, "value": value, "error": type(error).__name__, "message": str(error)})
            continue
        try:
            after = plain(ms.get_context(key))
        except Exception as error:  # noqa: BLE001
            after = {"error": type(error).__name__, "message": str(error)}
        cases.append({"key": key, "value": value, "stored": after, "before": before})
    names = {"STRICT": ms.STRICT, "COMPATIBLE": ms.COMPATIBLE, "LAX": ms.LAX,
             "DEBUG": context.DEBUG, "RELEASE": context.RELEASE}
    OUT.write_text(json.dumps({"defaults": defaults, "cases": cases, "names": names}, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
