"""Adam (`mindspore.experimental.optim.Adam`)."""
from __future__ import annotations

import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops import operations as P
from .optimizer import Optimizer


def check_adam_arguments(lr, betas, eps, weight_decay):
    """torch's checks and messages, as MindSpore's Adam and AdamW."""
    if lr < 0.0:
        raise ValueError(f"Invalid learning rate: {lr}")
    if eps < 0.0:
        raise ValueError(f"Invalid epsilon value: {eps}")
    if not 0.0 <= betas[0] < 1.0:
        raise ValueError(f"Invalid beta parameter at index 0: {betas[0]}")
    if not 0.0 <= betas[1] < 1.0:
        raise ValueError(f"Invalid beta parameter at index 1: {betas[1]}")
    if weight_decay < 0.0:
        raise ValueError(f"Invalid weight_decay value: {weight_decay}")


class Adam(Optimizer):
    """Adam per group (MindSpore's `ops.Adam` kernel): g ← g + wd·w (after `maximize`);
    m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; w ← w − lr·√(1 − β2^t)/(1 − β1^t)·m/(√v + ε).
    t = `state_step` (from 1). `amsgrad` is recorded in the groups but, as in MindSpore 2.10,
    does not change the update. State: `exp_avg`, `exp_avg_sq`, `max_exp_avg_sq`."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False, *,
                 maximize=False):
        check_adam_arguments(lr, betas, eps, weight_decay)
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay, "amsgrad": amsgrad,
                    "maximize": maximize}
        super().__init__(params, defaults)
        self.exp_avg = self.parameters.clone(prefix="exp_avg", init="zeros")
        self.exp_avg_sq = self.parameters.clone(prefix="exp_avg_sq", init="zeros")
        self.max_exp_avg_sq = self.parameters.clone(prefix="max_exp_avg_sq", init="zeros")
        self.state_step = Parameter(Tensor(np.int32(0), mstype.int32), "state_step")
        self.adam_opt = P.Adam(False, False)

    def construct(self, gradients):
        F.assign_add(self.state_step, Tensor(np.int32(1), mstype.int32))
        step = F.cast(self.state_step, mstype.float32)
        for group_id, group in enumerate(self.param_groups):
            beta1, beta2 = group["betas"]
            lr = self._group_lr(group_id, group)
            grads, start, end = self._group_grads(group_id, group, gradients)
            params = self.parameters[start:end]
            grads = self._decay_weight(group["weight_decay"], params, grads)
            beta1_power = F.pow(np.float32(beta1), step)
            beta2_power = F.pow(np.float32(beta2), step)
            for param, grad, m, v in zip(params, grads, self.exp_avg[start:end], self.exp_avg_sq[start:end]):
                self.adam_opt(param, m, v, beta1_power, beta2_power, lr, beta1, beta2, group["eps"], grad)
        return True
