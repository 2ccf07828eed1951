"""Loss scalers (`mindspore.amp.LossScaler`, `StaticLossScaler`, `DynamicLossScaler`) and
`all_finite`, each computing through primitives.

DynamicLossScaler.adjust(grads_finite), with s the scale and c the counter:

    finite:      s ← s·factor if c = window − 1 and s·factor is finite, else s;  c ← (c + 1) mod window
    not finite:  s ← max(1, s / factor);                                          c ← 0
"""
from __future__ import annotations

import numbers
from abc import ABC, abstractmethod

import numpy as np

from ..common import dtype as mstype
from ..common.parameter import Parameter
from ..common.tensor import Tensor
from ..ops import functional as F

__all__ = ["LossScaler", "StaticLossScaler", "DynamicLossScaler", "all_finite"]


def all_finite(inputs) -> Tensor:
    """A Bool scalar Tensor: True when no Tensor in `inputs` holds inf or NaN."""
    if isinstance(inputs, Tensor):
        inputs = [inputs]
    if not isinstance(inputs, (list, tuple)) or not all(isinstance(t, Tensor) for t in inputs):
        raise TypeError(f"all_finite: argument 'inputs' must be a Tensor or a list/tuple of Tensors, got {inputs!r}.")
    if not inputs:
        return Tensor(True)
    return F.all(F.stack([F.all(F.isfinite(t)) for t in inputs]))


def _check_scale_value(value):
    if isinstance(value, bool) or not isinstance(value, (float, int)):
        raise TypeError(f"For 'scale_value', the type of 'scale_value' must be one of ['float', 'int'], but got "
                        f"'{type(value).__name__}'.")
    if value < 1.0:
        raise ValueError(f"The argument 'scale_value' must be > 1, but got {value}")


def _check_positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"The '{name}' must be int, but got '{type(value).__name__}'.")
    if value <= 0:
        raise ValueError(f"The '{name}' must be a positive int, but got {value}.")
    return int(value)


def _map(inputs, fn):
    if isinstance(inputs, (tuple, list)):
        return type(inputs)(fn(t) for t in inputs)
    return fn(inputs)


class LossScaler(ABC):
    """Scales the loss (`scale`), unscales gradients (`unscale`), and updates the scale from
    whether the gradients were finite (`adjust`)."""

    @abstractmethod
    def scale(self, inputs):
        """`inputs` (a Tensor or a tuple of Tensors) times the scale."""

    @abstractmethod
    def unscale(self, inputs):
        """`inputs` divided by the scale."""

    @abstractmethod
    def adjust(self, grads_finite):
        """Update the scale from the Bool scalar `grads_finite`."""


class _ScaleByParameter(LossScaler):
    def scale(self, inputs):
        return _map(inputs, lambda t: F.mul(t, F.cast(self.scale_value, t.dtype)))

    def unscale(self, inputs):
        return _map(inputs, lambda t: F.div(t, F.cast(self.scale_value, t.dtype)))


class StaticLossScaler(_ScaleByParameter):
    """A fixed scale `scale_value` (>= 1), held in the float32 Parameter `scale_value`."""

    def __init__(self, scale_value):
        _check_scale_value(scale_value)
        self.scale_value = Parameter(Tensor(scale_value, dtype=mstype.float32), name="scale_value")

    def adjust(self, grads_finite):
        """The scale is fixed: returns False."""
        return False


class DynamicLossScaler(_ScaleByParameter):
    """A scale that grows by `scale_factor` after `scale_window` finite steps in a row and
    shrinks by it (not below 1) on a non-finite one (the rule in the module docstring)."""

    def __init__(self, scale_value, scale_factor, scale_window):
        _check_scale_value(scale_value)
        self.scale_value = Parameter(Tensor(scale_value, dtype=mstype.float32), name="scale_value")
        self.scale_window = _check_positive_int(scale_window, "scale_window")
        self.scale_factor = _check_positive_int(scale_factor, "scale_factor")
        self.counter = Parameter(Tensor(0, dtype=mstype.int32), name="counter")

    def adjust(self, grads_finite):
        if not isinstance(grads_finite, Tensor) or grads_finite.dtype != mstype.bool_:
            raise TypeError(f"For 'DynamicLossScaler.adjust', the 'grads_finite' must be a Bool Tensor, but got "
                            f"{grads_finite!r}.")
        factor = np.float32(self.scale_factor)
        grown = F.mul(self.scale_value, factor)
        at_window = F.equal(self.counter, np.int32(self.scale_window - 1))
        keep_or_grow = F.select(F.logical_and(at_window, F.isfinite(grown)), grown, self.scale_value)
        shrunk = F.maximum(F.div(self.scale_value, factor), Tensor(np.float32(1)))
        F.assign(self.scale_value, F.select(grads_finite, keep_or_grow, shrunk))
        following = F.add(self.counter, np.int32(1))
        wrapped = F.select(F.equal(following, np.int32(self.scale_window)), F.zeros_like(following), following)
        counter = F.mul(wrapped, F.cast(grads_finite, mstype.int32))
        F.assign(self.counter, counter)
        return True
