"""Adadelta (`mindspore.experimental.optim.Adadelta`)."""
from __future__ import annotations

from ...nn.optim import _checks
from ...ops import operations as P
from .optimizer import Optimizer, check_not_less_than, check_not_less_than_without_equal


class Adadelta(Optimizer):
    """Adadelta per group (`ops.ApplyAdadelta`): g ← g + wd·w; a ← ρ·a + (1 − ρ)·g²;
    u = √(d + ε)/√(a + ε)·g; d ← ρ·d + (1 − ρ)·u²; w ← w − lr·u. a = `accum`, d = `accum_update`."""

    def __init__(self, params, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.0, *, maximize=False):
        check_not_less_than_without_equal(lr, "lr", "Adadelta")
        check_not_less_than_without_equal(eps, "eps", "Adadelta")
        check_not_less_than(weight_decay, "weight_decay", "Adadelta")
        _checks.float_in_range("Adadelta", "rho", rho, 0.0, 1.0, closed=True)
        defaults = dict(lr=lr, rho=rho, eps=eps, weight_decay=weight_decay, maximize=maximize)
        super().__init__(params, defaults)
        self.accum = self.parameters.clone(prefix="accum", init=0)
        self.accum_update = self.parameters.clone(prefix="accum_update", init=0)
        self.opt = P.ApplyAdadelta()

    def construct(self, gradients):
        for group_id, group in enumerate(self.param_groups):
            lr = self._group_lr(group_id, group)
            grads, start, end = self._group_grads(group_id, group, gradients)
            params = self.parameters[start:end]
            grads = self._decay_weight(group["weight_decay"], params, grads)
            for param, accum, update, grad in zip(params, self.accum[start:end], self.accum_update[start:end], grads):
                self.opt(param, accum, update, lr, group["rho"], group["eps"], grad)
        return True
