"""SGD (`mindspore.nn.SGD`)."""
from __future__ import annotations

import numbers

from ... import _validation
from ...ops import operations as P
from .optimizer import Optimizer


class SGD(Optimizer):
    """Stochastic gradient descent with optional momentum, dampening and Nesterov (MindSpore's
    SGD kernel: the first step seeds the momentum buffer with the gradient). State: `accum`, `stat`."""

    def __init__(self, params, learning_rate=0.1, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False,
                 loss_scale=1.0):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        for name, value in (("momentum", momentum), ("dampening", dampening)):
            if isinstance(value, bool) or not isinstance(value, numbers.Real) or value < 0:
                raise ValueError(f"For 'SGD', the argument '{name}' must be a float >= 0, but got {value!r}.")
        _validation.bool_arg("SGD", "nesterov", nesterov)
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("For 'SGD', if 'nesterov' is true, 'momentum' must be > 0.0 and 'dampening' must "
                             f"equal to 0.0, but got 'momentum': {momentum}, 'dampening': {dampening}.")
        self.momentum = float(momentum)
        self.dampening = float(dampening)
        self.nesterov = nesterov
        self.opt = P.SGD(dampening, 0.0, nesterov)
        self.accum = self.parameters.clone(prefix="accum", init="zeros")
        self.stat = self.parameters.clone(prefix="stat", init="ones")

    def construct(self, gradients):
        gradients, lrs = self._prepare(gradients)
        for param, grad, lr, accum, stat in zip(self.parameters, gradients, lrs, self.accum, self.stat):
            self.opt(param, grad, lr, accum, self.momentum, stat)
        return True
