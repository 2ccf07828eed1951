"""RMSProp (`mindspore.nn.RMSProp`)."""
from __future__ import annotations

from ...ops import operations as P
from . import _checks
from .optimizer import Optimizer


class RMSProp(Optimizer):
    """Root-mean-square propagation, MindSpore's form (ε inside the root):

        s ← ρ·s + (1 − ρ)·g²                      (s starts at 1: `mean_square`)
        m ← β·m + η·g/√(s + ε);  w ← w − m        (`moment`)

    centered: also ḡ ← ρ·ḡ + (1 − ρ)·g (`mean_grad`) and the root is √(s − ḡ² + ε).
    ρ = `decay`, β = `momentum`, η the learning rate; g after weight decay, gradient
    centralization and loss-scale removal."""

    def __init__(self, params, learning_rate=0.1, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False,
                 centered=False, loss_scale=1.0, weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        _checks.non_negative_float("RMSProp", "decay", decay)
        _checks.non_negative_float("RMSProp", "momentum", momentum)
        _checks.positive_float("RMSProp", "epsilon", epsilon)
        _checks.of_type("RMSProp", "use_locking", use_locking, "bool")
        _checks.of_type("RMSProp", "centered", centered, "bool")
        self.centered = centered
        if centered:
            self.opt = P.ApplyCenteredRMSProp(use_locking)
            self.mg = self.parameters.clone(prefix="mean_grad", init="zeros")
        else:
            self.opt = P.ApplyRMSProp(use_locking)
        self.momentum, self.epsilon, self.decay = momentum, epsilon, decay
        self.ms = self.parameters.clone(prefix="mean_square", init="ones")
        self.moment = self.parameters.clone(prefix="moment", init="zeros")

    def construct(self, gradients):
        gradients, lrs = self._prepare(gradients)
        for i, (param, grad, lr) in enumerate(zip(self.parameters, gradients, lrs)):
            if self.centered:
                self.opt(param, self.mg[i], self.ms[i], self.moment[i], grad, lr, self.decay, self.momentum,
                         self.epsilon)
            else:
                self.opt(param, self.ms[i], self.moment[i], lr, grad, self.decay, self.momentum, self.epsilon)
        return True
