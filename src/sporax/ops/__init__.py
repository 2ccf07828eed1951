"""Operators (`mindspore.ops`): primitive classes (`ops.Add()`) and functions (`ops.add`)."""
from . import functional, operations
from .functional import *  # noqa: F401,F403
from .operations import *  # noqa: F401,F403
from .primitive import Primitive, PrimitiveWithInfer, prim_attr_register

__all__ = ["Primitive", "PrimitiveWithInfer", "prim_attr_register", "operations", "functional"]
