"""MindSpore's `mindspore.common`: Tensor, Parameter, dtypes, initializers, seeds."""
from . import dtype
from .dtype import *  # noqa: F401,F403
from . import initializer  # the module, as in MindSpore (`from mindspore.common import initializer as I`)
from .parameter import Parameter, ParameterTuple
from .seed import get_seed, set_seed
from .tensor import Tensor

__all__ = ["Tensor", "Parameter", "ParameterTuple", "set_seed", "get_seed", "dtype", "initializer"] + list(dtype.__all__)
