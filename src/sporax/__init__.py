"""sporax: MindSpore's network-parameter system on JAX. `import sporax as ms` ports code."""
from ._runtime import jax_setup  # noqa: F401  (x64 first)
from . import amp, common, context, nn, ops, profiler, train
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
from .profiler import Profiler
from .train import (DynamicLossScaleManager, FixedLossScaleManager, LossScaleManager, Model, SummaryRecord, export,
                    load)
from . import _ps  # noqa: F401  (installs the parameter-server hooks)
from . import mint, numpy  # noqa: F401  (`import mindspore` loads both too)

__version__ = "0.1.0"


def __getattr__(name):
    # `sporax.dataset` loads on first use (it imports Grain): `import sporax` stays fast.
    if name == "dataset":
        import importlib
        return importlib.import_module(".dataset", __name__)
    raise AttributeError(f"module 'sporax' has no attribute {name!r}")

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
from .parallel.checkpoint import (build_searched_strategy, load_distributed_checkpoint,  # noqa: E402
                                  merge_sliced_parameter, transform_checkpoints)
from .context import ParallelMode, get_auto_parallel_context, reset_auto_parallel_context  # noqa: E402

__all__ += ["communication", "parallel", "Layout", "shard", "build_searched_strategy", "load_distributed_checkpoint",
            "merge_sliced_parameter", "transform_checkpoints", "ParallelMode", "get_auto_parallel_context", "reset_auto_parallel_context"]

# --- issue 11: MindSpore's top-level training names (train3) ----------------------------------
from . import experimental  # noqa: E402
