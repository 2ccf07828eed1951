"""Gradient-flow functions (`stop_gradient`)."""
from __future__ import annotations

from ...common.tensor import Tensor
from .. import operations as P

_stop_gradient = P.StopGradient()


def stop_gradient(value):
    """`value` with no gradient flowing back through it (a Tensor, or a tuple/list of Tensors)."""
    if isinstance(value, (tuple, list)):
        return type(value)(stop_gradient(v) for v in value)
    if not isinstance(value, Tensor):
        return value
    return _stop_gradient(value)


__all__ = ["stop_gradient"]
