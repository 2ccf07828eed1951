"""sporax: MindSpore's network-parameter system on JAX. `import sporax as ms` ports code."""
from ._runtime import import_gc as _import_gc

with _import_gc.paused():  # the bulk of the import: JAX and sporax's own modules (see import_gc)
    from ._runtime import jax_setup  # noqa: F401  (x64 first)
    from . import amp, common, context, nn, ops, train
from .common import dtype
from .common.dtype import (bfloat16, bool_, complex64, complex128, double, float16, float32,
                           float64, float_, half, int8, int16, int32, int64, int_, single, uint,
                           uint8, uint16, uint32, uint64)
from .common.initializer import initializer
from .common.parameter import Parameter, ParameterTuple
from .common.seed import get_seed, set_seed
from .common.tensor import Tensor
from ._runtime.jit import jit
from .ops.composite import grad, value_and_grad
from .train.serialization import load_checkpoint, load_param_into_net, save_checkpoint
from .context import (COMPATIBLE, GRAPH_MODE, LAX, PYNATIVE_MODE, STRICT, get_context, get_ps_context,
                      reset_ps_context, set_auto_parallel_context, set_context, set_ps_context)
from .graph.jit_config import JitConfig
from .train import (DynamicLossScaleManager, FixedLossScaleManager, LossScaleManager, Model, SummaryRecord, export,
                    load)
from . import _ps  # noqa: F401  (installs the parameter-server hooks)

__version__ = "0.1.0"


# Subpackages that load on first use (`ms.numpy.x`, `from sporax import mint`, `import
# sporax.experimental.optim` all work): nothing else in sporax needs them, and `import sporax`
# stays fast (issue 15: at most 1.2x `import jax`). `sporax.dataset` imports Grain.
_ON_FIRST_USE = ("dataset", "experimental", "mint", "numpy", "profiler")
# Top-level names from those subpackages: `ms.Profiler` loads sporax.profiler (its enums alone
# were ~2 ms of the import).
_NAMES_ON_FIRST_USE = {"Profiler": "profiler"}


def __getattr__(name):
    if name in _ON_FIRST_USE:
        import importlib
        return importlib.import_module(f".{name}", __name__)
    if name in _NAMES_ON_FIRST_USE:
        value = getattr(__getattr__(_NAMES_ON_FIRST_USE[name]), name)
        globals()[name] = value  # found directly from now on
        return value
    raise AttributeError(f"module 'sporax' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_ON_FIRST_USE) | set(_NAMES_ON_FIRST_USE))


__all__ = ["Tensor", "Parameter", "ParameterTuple", "set_seed", "get_seed", "dtype", "initializer",
           "set_context", "get_context", "set_auto_parallel_context", "set_ps_context",
           "get_ps_context", "reset_ps_context", "GRAPH_MODE", "PYNATIVE_MODE",
           "STRICT", "COMPATIBLE", "LAX", "JitConfig", "Profiler", "profiler", "Model", "FixedLossScaleManager",
           "DynamicLossScaleManager", "LossScaleManager", "SummaryRecord", "export", "load",
           "context", "common", "nn", "ops", "jit", "grad", "value_and_grad", "amp", "train", "save_checkpoint",
           "load_checkpoint", "load_param_into_net", "bool_", "int8", "int16", "int32", "int64", "uint8", "uint16",
           "uint32", "uint64", "float16", "float32", "float64", "bfloat16", "complex64",
           "complex128", "half", "single", "double", "float_", "int_", "uint"]

# Distributed training (issue 13): MindSpore's top-level parallel names.
from . import communication, parallel  # noqa: E402
from .parallel import Layout, shard  # noqa: E402
from .parallel.checkpoint_transform import (build_searched_strategy, load_distributed_checkpoint,  # noqa: E402
                                            merge_sliced_parameter, rank_list_for_transform,
                                            transform_checkpoint_by_rank, transform_checkpoints)
from .context import ParallelMode, get_auto_parallel_context, reset_auto_parallel_context  # noqa: E402

__all__ += ["communication", "parallel", "Layout", "shard", "build_searched_strategy", "load_distributed_checkpoint",
            "merge_sliced_parameter", "transform_checkpoints", "rank_list_for_transform",
            "transform_checkpoint_by_rank", "ParallelMode", "get_auto_parallel_context", "reset_auto_parallel_context"]

# --- issue 11: MindSpore's top-level training names (train3) ----------------------------------
from . import device_manager, log, runtime  # noqa: E402
from ._graph_hints import jit_class, lazy_inline, no_inline, set_recursion_limit  # noqa: E402
from ._run_check import run_check  # noqa: E402
from .common._creation import is_tensor, tensor  # noqa: E402
from .common.dtype import Type, dtype_to_nptype, dtype_to_pytype, get_py_obj_dtype, pytype_to_dtype  # noqa: E402
from .common.dtype import complex64 as cfloat, complex128 as cdouble  # noqa: E402
from .common.dtype import int8 as byte, int16 as short, int32 as intc, int64 as intp, int64 as long  # noqa: E402
from .common.dtype import uint8 as ubyte, uint16 as ushort, uint32 as uintc, uint64 as uintp  # noqa: E402
from .common.generator import (Generator, default_generator, get_rng_state, initial_seed, manual_seed,  # noqa: E402
                               seed, set_rng_state)
from .device_manager import get_current_device, set_deterministic, set_device  # noqa: E402
from .log import get_level, get_log_config  # noqa: E402
from .runtime import (max_memory_allocated, max_memory_reserved, memory_allocated, memory_reserved,  # noqa: E402
                      memory_stats, memory_summary, synchronize)
from .train import (F1, MAE, MSE, ROC, Accuracy, BackupAndRestore, BleuScore, Callback,  # noqa: E402
                    CheckpointConfig, ConfusionMatrix, ConfusionMatrixMetric, CosineSimilarity, DatasetHelper, Dice,
                    EarlyStopping, Fbeta, HausdorffDistance, History, LambdaCallback, LearningRateScheduler, Loss,
                    LossMonitor, MeanSurfaceDistance, Metric, ModelCheckpoint, OcclusionSensitivity, OnRequestExit,
                    Perplexity, Precision, Recall, ReduceLROnPlateau, RootMeanSquareDistance, RunContext,
                    SummaryCollector, TimeMonitor, Top1CategoricalAccuracy, Top5CategoricalAccuracy,
                    TopKCategoricalAccuracy, async_ckpt_thread_status, auc, build_train_network, ckpt_to_safetensors,
                    connect_network_with_dataset, data_sink, get_metric_fn, load_checkpoint_async, names,
                    rearrange_inputs, safetensors_to_ckpt)
from .train.checkpoint_conversion import load_segmented_checkpoints  # noqa: E402

__all__ += ["experimental", "device_manager", "log", "runtime", "jit_class", "lazy_inline", "no_inline", "run_check",
            "is_tensor", "tensor", "Type", "dtype_to_nptype", "dtype_to_pytype", "get_py_obj_dtype", "pytype_to_dtype",
            "cfloat", "cdouble", "byte", "short", "intc", "intp", "long", "ubyte", "ushort", "uintc", "uintp",
            "Generator", "default_generator", "get_rng_state", "initial_seed", "manual_seed", "seed", "set_rng_state",
            "get_current_device", "set_deterministic", "set_device", "get_level", "get_log_config",
            "max_memory_allocated", "max_memory_reserved", "memory_allocated", "memory_reserved", "memory_stats",
            "memory_summary", "synchronize", "F1", "MAE", "MSE", "ROC", "Accuracy", "BackupAndRestore", "BleuScore",
            "Callback", "CheckpointConfig", "ConfusionMatrix", "ConfusionMatrixMetric", "CosineSimilarity",
            "DatasetHelper", "Dice", "EarlyStopping", "Fbeta", "HausdorffDistance", "History", "LambdaCallback",
            "LearningRateScheduler", "Loss", "LossMonitor", "MeanSurfaceDistance", "Metric", "ModelCheckpoint",
            "OcclusionSensitivity", "OnRequestExit", "Perplexity", "Precision", "Recall", "ReduceLROnPlateau",
            "RootMeanSquareDistance", "RunContext", "SummaryCollector", "TimeMonitor", "Top1CategoricalAccuracy",
            "Top5CategoricalAccuracy", "TopKCategoricalAccuracy", "async_ckpt_thread_status", "auc",
            "build_train_network", "ckpt_to_safetensors", "connect_network_with_dataset", "data_sink",
            "get_metric_fn", "load_checkpoint_async", "names", "rearrange_inputs", "safetensors_to_ckpt",
            "load_segmented_checkpoints", "set_recursion_limit"]

# Sparse tensors (opsarray, issue 10): MindSpore's top-level names.
from .common.sparse_tensor import COOTensor, CSRTensor, RowTensor, SparseTensor  # noqa: E402

__all__ += ["COOTensor", "CSRTensor", "RowTensor", "SparseTensor"]

# --- toplevel (issue 10): dtypes, streams, memory peaks, devices, Tensors from memory -------------
from .common._from_memory import from_numpy, frombuffer, swap_tensors  # noqa: E402
from .common.dtype import (Int, QuantDtype, TensorType, _null, _NullType, float8_e4m3fn, float8_e5m2,  # noqa: E402
                           list_, number, qint4x2, string, tensor_type, tuple_, type_none)
from .device_manager import DeviceCtx  # noqa: E402
from .graph.symbol import Symbol  # noqa: E402
from .runtime import (Event, Stream, StreamCtx, communication_stream, current_stream, default_stream,  # noqa: E402
                      reset_max_memory_allocated, reset_max_memory_reserved, reset_peak_memory_stats, set_cur_stream)
from .runtime.memory import ms_memory_recycle  # noqa: E402

__all__ += ["from_numpy", "frombuffer", "swap_tensors", "Int", "QuantDtype", "TensorType", "float8_e4m3fn",
            "float8_e5m2", "list_", "number", "qint4x2", "string", "tensor_type", "tuple_", "type_none", "DeviceCtx",
            "Symbol", "Event", "Stream", "StreamCtx", "communication_stream", "current_stream", "default_stream",
            "reset_max_memory_allocated", "reset_max_memory_reserved", "reset_peak_memory_stats", "set_cur_stream",
            "ms_memory_recycle"]
from .common.recompute import recompute  # noqa: E402

__all__ += ["recompute"]
from .common._grad_function import _Function  # noqa: E402,F401

# --- toplevel2 (issue 10): runtime executor settings, no_grad, mutable, dump, parallel knobs ------------
from .runtime import (dispatch_threads_num, launch_blocking, set_cpu_affinity, set_kernel_launch_capture,  # noqa: E402
                      set_kernel_launch_group, set_memory)

__all__ += ["dispatch_threads_num", "launch_blocking", "set_cpu_affinity", "set_kernel_launch_capture",
            "set_kernel_launch_group", "set_memory"]
from .common._no_grad import _no_grad  # noqa: E402,F401
from .nn._set_dump import set_dump  # noqa: E402

__all__ += ["set_dump"]
from .common.mutable import mutable  # noqa: E402

__all__ += ["mutable"]
from .parallel.algo_parameter_config import get_algo_parameters, reset_algo_parameters, set_algo_parameters  # noqa

__all__ += ["get_algo_parameters", "reset_algo_parameters", "set_algo_parameters"]
from .train.ckpt_path_with_strategy import get_ckpt_path_with_strategy  # noqa: E402

__all__ += ["get_ckpt_path_with_strategy"]
from .parallel import merge_pipeline_strategys  # noqa: E402

__all__ += ["merge_pipeline_strategys"]
