"""Adadelta (`mindspore.nn.Adadelta`)."""
from __future__ import annotations

from ...common.tensor import Tensor
from ...ops import operations as P
from . import _checks
from .optimizer import Optimizer


class Adadelta(Optimizer):
    """Adadelta (`ops.ApplyAdadelta`):

        a ← ρ·a + (1 − ρ)·g²;  u = √(d + ε)/√(a + ε) · g;  d ← ρ·d + (1 − ρ)·u²;  w ← w − η·u

    a = `accum`, d = `accum_update` (both start at 0), ρ = `rho`, ε = `epsilon`."""

    def __init__(self, params, learning_rate=1.0, rho=0.9, epsilon=1e-06, loss_scale=1.0, weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        _checks.of_type("Adadelta", "rho", rho, "float")
        _checks.of_type("Adadelta", "epsilon", epsilon, "float")
        _checks.float_in_range("Adadelta", "rho", rho, 0.0, 1.0, closed=True)
        _checks.non_negative_float("Adadelta", "epsilon", epsilon)
        self.accum = self.parameters.clone(prefix="accum", init=0)
        self.accum_update = self.parameters.clone(prefix="accum_update", init=0)
        self.opt = P.ApplyAdadelta()
        self.rho, self.epsilon = rho, epsilon

    def construct(self, grads):
        if not isinstance(grads, tuple) or not grads or not isinstance(grads[0], Tensor):
            raise TypeError("For 'Adadelta', the 'grads' must be a tuple of Tensor.")
        grads, lrs = self._prepare(grads)
        for param, accum, update, lr, grad in zip(self.parameters, self.accum, self.accum_update, lrs, grads):
            self.opt(param, accum, update, lr, self.rho, self.epsilon, grad)
        return True
