"""Operators (`mindspore.ops`): primitive classes (`ops.Add()`) and functions (`ops.add`)."""
from . import composite, functional, operations
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
