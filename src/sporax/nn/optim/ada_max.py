"""AdaMax (`mindspore.nn.AdaMax`)."""
from __future__ import annotations

from ...common import dtype as mstype
from ...common.initializer import initializer
from ...common.parameter import Parameter
from ...ops import functional as F
from ...ops import operations as P
from . import _checks
from .optimizer import Optimizer


class AdaMax(Optimizer):
    """Adam with the infinity norm (`ops.ApplyAdaMax`):

        m ← β1·m + (1 − β1)·g;  v ← max(β2·v, |g|);  w ← w − η/(1 − β1^t) · m/(v + ε)

    m = `moment1`, v = `moment2`, β1^t = `beta1_power` (t counts steps from 1)."""

    def __init__(self, params, learning_rate=0.001, beta1=0.9, beta2=0.999, eps=1e-08, weight_decay=0.0,
                 loss_scale=1.0):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        _checks.betas("AdaMax", beta1, beta2, eps)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.beta1_power = Parameter(initializer(1, [1], mstype.float32), name="beta1_power")
        self.moment1 = self.parameters.clone(prefix="moment1", init="zeros")
        self.moment2 = self.parameters.clone(prefix="moment2", init="zeros")
        self.opt = P.ApplyAdaMax()

    def construct(self, gradients):
        gradients, lrs = self._prepare(gradients)
        beta1_power = F.assign(self.beta1_power, F.mul(self.beta1_power, self.beta1))
        beta1_power = F.reshape(beta1_power, ())
        for param, m, v, lr, grad in zip(self.parameters, self.moment1, self.moment2, lrs, gradients):
            self.opt(param, m, v, beta1_power, lr, self.beta1, self.beta2, self.eps, grad)
        return True
