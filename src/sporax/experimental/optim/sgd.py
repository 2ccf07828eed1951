"""SGD (`mindspore.experimental.optim.SGD`)."""
from __future__ import annotations

import numbers

from ...common.tensor import Tensor
from ...nn.optim import _checks
from ...ops import operations as P
from .optimizer import Optimizer


class SGD(Optimizer):
    """Stochastic gradient descent, torch's semantics on MindSpore's SGD kernel: per group,
    g ← g + wd·w; with momentum μ > 0, b ← g on the first step, else μ·b + (1 − dampening)·g,
    and g ← g + μ·b (nesterov) or b; w ← w − lr·g. `maximize` negates the gradient.
    State: `accum` (b), `stat` (1 until the first step)."""

    def __init__(self, params, lr, momentum=0, dampening=0, weight_decay=0.0, nesterov=False, *, maximize=False):
        if isinstance(lr, bool) or not isinstance(lr, (float, int, Tensor)):
            raise TypeError(f"For 'SGD', the type of 'lr' should be one of '['float', 'int', 'Tensor']', but got "
                            f"type '{type(lr).__name__}'.")
        if lr < 0.0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if isinstance(momentum, bool) or not isinstance(momentum, (int, float)):
            raise TypeError(f"For 'SGD', the type of 'momentum' should be one of '['int', 'float']', but got type "
                            f"'{type(momentum).__name__}'.")
        if momentum < 0.0:
            raise ValueError(f"Invalid momentum value: {momentum}")
        momentum = float(momentum)
        _checks.of_type("SGD", "nesterov", nesterov, "bool")
        _checks.of_type("SGD", "maximize", maximize, "bool")
        defaults = dict(lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay, nesterov=nesterov,
                        maximize=maximize, grad_centralization=False)
        super().__init__(params, defaults)
        for group in self.param_groups:
            dampening = group.get("dampening")
            if isinstance(dampening, bool) or not isinstance(dampening, numbers.Real):
                raise TypeError(f"For 'SGD', the type of 'dampening' should be one of '['int', 'float']', but got "
                                f"type '{type(dampening).__name__}'.")
            group["dampening"] = float(dampening)
        if nesterov and (momentum <= 0.0 or dampening != 0.0):
            raise ValueError("For 'SGD', if 'nesterov' is true, 'momentum' must be > 0.0 and 'dampening' must equal "
                             f"to 0.0, but got 'momentum' {momentum}, 'dampening' {dampening}")
        self.accum = self.parameters.clone(prefix="accum", init="zeros")
        self.stat = self.parameters.clone(prefix="stat", init="ones")

    def construct(self, gradients):
        for group_id, group in enumerate(self.param_groups):
            lr = self._group_lr(group_id, group)
            grads, start, end = self._group_grads(group_id, group, gradients)
            opt = P.SGD(group["dampening"], group["weight_decay"], group["nesterov"])
            for param, grad, accum, stat in zip(self.parameters[start:end], grads, self.accum[start:end],
                                                self.stat[start:end]):
                opt(param, grad, lr, accum, float(group["momentum"]), stat)
        return True
