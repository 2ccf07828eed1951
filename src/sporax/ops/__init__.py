"""Operators (`mindspore.ops`): primitive classes (`ops.Add()`) and functions (`ops.add`)."""
from . import composite, functional, operations
from . import _tensor_operators  # noqa: F401  (Tensor's operators and methods are these ops)
from .composite import GradOperation, grad, value_and_grad
from .functional import *  # noqa: F401,F403
from .operations import *  # noqa: F401,F403
from .primitive import Primitive, PrimitiveWithInfer, prim_attr_register

__all__ = ["Primitive", "PrimitiveWithInfer", "prim_attr_register", "operations", "functional", "composite",
           "GradOperation", "grad", "value_and_grad"]

# --- issue 10: MindSpore's operator surface ------------------------------------------------------
from . import function  # noqa: E402
from .multitype import HyperMap, Map, MultitypeFuncGraph, Partial, constexpr, partial  # noqa: E402

__all__ += ["function", "HyperMap", "Map", "MultitypeFuncGraph", "Partial", "constexpr", "partial"]

from ..common import _method_registry as _registry  # noqa: E402
from ..common.tensor import Tensor as _Tensor  # noqa: E402
from ._tensor_methods import METHODS as _METHODS  # noqa: E402

_registry.install(_Tensor, _METHODS)
