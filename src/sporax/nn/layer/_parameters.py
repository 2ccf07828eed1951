"""The Parameter behind a layer's `*_init` argument."""
from __future__ import annotations

from ...common.initializer import initializer
from ...common.parameter import Parameter


def layer_parameter(init, shape, dtype, name: str, default=None, requires_grad=True) -> Parameter:
    """A Parameter from a layer's `*_init` argument: a name (any case), an Initializer, a
    number (Constant in `dtype`), or a Tensor of exactly `shape` (its own dtype wins, copied).
    `initializer` does the type and shape checks."""
    return Parameter(initializer(default if init is None else init, shape, dtype), name=name,
                     requires_grad=requires_grad)
