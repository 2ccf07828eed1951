"""FTRL (`mindspore.nn.FTRL`): follow-the-regularized-leader, proximal form.

    m_{t+1} = m_t + g²
    u_{t+1} = u_t + g − (m_{t+1}^(−p) − m_t^(−p))/α · ω_t
    ω_{t+1} = (l1 − u_{t+1}) / (m_{t+1}^(−p)/α + 2·l2)   if |u_{t+1}| > l1, else 0

m: `moments` (start at `initial_accum`), u: `linear` (start at 0), p: `lr_power`,
α: `learning_rate`, ω: the parameter; g after weight decay (applied to every parameter
unless groups say otherwise, as MindSpore) and loss-scale removal. One of the optimizers
MindSpore's parameter server runs.

The l1 term is what MindSpore 2.10 computes (`ops.ApplyFtrl`: +l1 whatever the sign of u;
its documentation writes sign(u)·l1), so ported training follows MindSpore's numbers.
"""
from __future__ import annotations

from ...ops import operations as P
from .optimizer import Optimizer


def _check_float(name, value, low, high=None):
    if isinstance(value, bool) or not isinstance(value, float):
        raise TypeError(f"For 'FTRL', the '{name}' must be a float, but got {type(value).__name__}.")
    if value < low or (high is not None and value > high):
        bound = f"<= {high}" if high is not None else f">= {low}"
        raise ValueError(f"For 'FTRL', the '{name}' must be {bound}, but got {value}.")


class FTRL(Optimizer):
    """FTRL with MindSpore 2.10's update (see the module docstring). State: `moments`, `linear`."""

    def __init__(self, params, initial_accum=0.1, learning_rate=0.001, lr_power=-0.5, l1=0.0, l2=0.0,
                 use_locking=False, loss_scale=1.0, weight_decay=0.0):
        if isinstance(learning_rate, bool) or not isinstance(learning_rate, float):
            raise TypeError(f"For 'FTRL', the 'learning_rate' must be a float (dynamic and group learning rates are "
                            f"not supported), but got {type(learning_rate).__name__}.")
        if learning_rate <= 0:
            raise ValueError(f"For 'FTRL', the 'learning_rate' must be > 0, but got {learning_rate}.")
        _check_float("initial_accum", initial_accum, 0.0)
        _check_float("lr_power", lr_power, float("-inf"), 0.0)
        _check_float("l1", l1, 0.0)
        _check_float("l2", l2, 0.0)
        if not isinstance(use_locking, bool):
            raise TypeError(f"For 'FTRL', the 'use_locking' must be a bool, but got {use_locking!r}.")
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        if self.dynamic_lr or self.is_group_lr:
            raise ValueError(f"For 'FTRL', dynamic learning rate and group learning rate are currently not supported "
                             f"in FTRL, they should all be false, but got dynamic learning rate {self.dynamic_lr} and"
                             f" group learning rate {self.is_group_lr}.")
        self.moments = self.parameters.clone(prefix="moments", init=initial_accum)
        self.linear = self.parameters.clone(prefix="linear", init="zeros")
        self.l1, self.l2, self.lr, self.lr_power = l1, l2, learning_rate, lr_power
        self.use_locking = use_locking
        if not self.is_group:
            self.decay_flags = tuple(True for _ in self.parameters)
        self.opt = P.ApplyFtrl(use_locking=use_locking)

    def construct(self, gradients):
        gradients, lrs = self._prepare(gradients)
        for param, moment, linear, lr, grad in zip(self.parameters, self.moments, self.linear, lrs, gradients):
            self.opt(param, moment, linear, grad, lr, self.l1, self.l2, self.lr_power)
        return True
