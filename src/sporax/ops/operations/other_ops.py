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
