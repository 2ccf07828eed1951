"""Operators (`mindspore.ops`): primitive classes (`ops.Add()`) and functions (`ops.add`)."""
from . import composite, functional, operations
from . import _tensor_operators  # noqa: F401  (Tensor's operators and methods are these ops)
from .composite import GradOperation, grad, value_and_grad
from .functional import *  # noqa: F401,F403
from .operations import *  # noqa: F401,F403
from .primitive import Primitive, PrimitiveWithInfer, prim_attr_register

__all__ = ["Primitive", "PrimitiveWithInfer", "prim_attr_register", "operations", "functional", "composite",
           "GradOperation", "grad", "value_and_grad"]
