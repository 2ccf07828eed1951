"""NumPy-style functions (`mindspore.numpy`), on sporax.ops' primitives."""
from ..common.dtype import (bool_, float16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32,
                            uint64)
from ._functions import *  # noqa: F401,F403
from ._functions import __all__ as _function_names

float_ = float32
int_ = int32

__all__ = list(_function_names) + ["bool_", "float16", "float32", "float64", "float_", "int8", "int16", "int32",
                                   "int64", "int_", "uint8", "uint16", "uint32", "uint64"]

from ..ops import _call_cache  # noqa: E402

_call_cache.install(globals(), _function_names)  # eager calls replay per argument signature
