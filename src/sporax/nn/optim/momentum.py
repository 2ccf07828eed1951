"""Momentum (`mindspore.nn.Momentum`)."""
from __future__ import annotations

import numbers

from ... import _validation
from ...ops import operations as P
from .optimizer import Optimizer


class Momentum(Optimizer):
    """accum = momentum·accum + g; param -= lr·accum (Nesterov: param -= lr·(g + momentum·accum)),
    with g the gradient after weight decay and loss-scale removal. State: `moments`."""

    def __init__(self, params, learning_rate, momentum, weight_decay=0.0, loss_scale=1.0, use_nesterov=False):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        if isinstance(momentum, bool) or not isinstance(momentum, numbers.Real) or momentum < 0:
            raise ValueError(f"For 'Momentum', the argument 'momentum' must be a float >= 0, but got {momentum!r}.")
        _validation.bool_arg("Momentum", "use_nesterov", use_nesterov)
        self.momentum = float(momentum)
        self.use_nesterov = use_nesterov
        self.moments = self.parameters.clone(prefix="moments", init="zeros")
        self.opt = P.ApplyMomentum(use_nesterov=use_nesterov)

    def construct(self, gradients):
        gradients, lrs = self._prepare(gradients)
        for param, moment, lr, grad in zip(self.parameters, self.moments, lrs, gradients):
            self.opt(param, moment, lr, grad, self.momentum)
        return True
