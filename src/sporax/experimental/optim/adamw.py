"""AdamW (`mindspore.experimental.optim.AdamW`)."""
from __future__ import annotations

import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops.operations import optimizer_ops
from .adam import check_adam_arguments
from .optimizer import Optimizer


class AdamW(Optimizer):
    """Adam with decoupled weight decay, per group: w' = w·(1 − lr·λ); m, v as Adam;
    d = √v/√(1 − β2^t) + ε (amsgrad: √max(v̂, v)); w = w' − lr/(1 − β1^t)·m/d.
    State: `exp_avg`, `exp_avg_sq`, `max_exp_avg_sq`, `state_step`."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, *,
                 maximize=False):
        check_adam_arguments(lr, betas, eps, weight_decay)
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay, "amsgrad": amsgrad,
                    "maximize": maximize}
        super().__init__(params, defaults)
        self.exp_avg = self.parameters.clone(prefix="exp_avg", init="zeros")
        self.exp_avg_sq = self.parameters.clone(prefix="exp_avg_sq", init="zeros")
        self.max_exp_avg_sq = self.parameters.clone(prefix="max_exp_avg_sq", init="zeros")
        self.state_step = Parameter(Tensor(np.int32(0), mstype.int32), "state_step")

    def construct(self, gradients):
        F.assign_add(self.state_step, Tensor(np.int32(1), mstype.int32))
        step = F.cast(self.state_step, mstype.float32)
        for group_id, group in enumerate(self.param_groups):
            beta1, beta2 = group["betas"]
            lr = self._group_lr(group_id, group)
            grads, start, end = self._group_grads(group_id, group, gradients)
            opt = optimizer_ops._AdamW(group["amsgrad"])
            for param, grad, m, v, vmax in zip(self.parameters[start:end], grads, self.exp_avg[start:end],
                                               self.exp_avg_sq[start:end], self.max_exp_avg_sq[start:end]):
                opt(param, m, v, vmax, lr, step, beta1, beta2, group["eps"], group["weight_decay"], grad)
        return True
