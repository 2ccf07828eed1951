"""Gradient-flow ops (`mindspore.ops.operations.other_ops`)."""
from __future__ import annotations

import jax

from ..primitive import Primitive
from . import _arg_checks as check


class StopGradient(Primitive):
    """The input unchanged; its gradient is zero (autodiff does not flow through it)."""

    def __init__(self):
        super().__init__("StopGradient")

    def __call__(self, input_x):
        check.tensor(self.name, "input_x", input_x)
        return super().__call__(input_x)

    def _compute(self, x):
        return jax.lax.stop_gradient(x)


__all__ = ["StopGradient"]

# MindSpore's other_ops module also holds these (reached as `ops.other_ops.X`); sporax defines them
# with their families and names them here too, so that path is MindSpore's.
from .array_ops import Identity  # noqa: E402,F401
from .control_ops import Depend  # noqa: E402,F401
from .effect_ops import Assign  # noqa: E402,F401
from .image_ops import IOU, BoundingBoxDecode, BoundingBoxEncode, CheckValid  # noqa: E402,F401
from .nn_control_ops import MoveTo, PyExecute, PyFunc, Reusing, UpdateState  # noqa: E402,F401
