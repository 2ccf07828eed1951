"""Adamax (`mindspore.experimental.optim.Adamax`)."""
from __future__ import annotations

import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops.operations import optimizer_ops
from .optimizer import Optimizer, check_betas, check_not_less_than, check_not_less_than_without_equal


class Adamax(Optimizer):
    """Adamax per group: g ← g + wd·w; m ← β1·m + (1 − β1)·g; u ← max(β2·u, |g| + ε);
    w ← w − lr/(1 − β1^t)·m/u. m = `exp_avg`, u = `exp_inf`, t = `step_t` (from 1)."""

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, *, maximize=False):
        check_not_less_than_without_equal(lr, "lr", "Adamax")
        check_not_less_than(weight_decay, "weight_decay", "Adamax")
        check_not_less_than_without_equal(eps, "eps", "Adamax")
        check_betas("Adamax", betas)
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay, "maximize": maximize}
        super().__init__(params, defaults)
        self.step_t = Parameter(Tensor(np.int32(0), mstype.int32), "step_t")
        self.exp_avg = self.parameters.clone(prefix="exp_avg", init="zeros")
        self.exp_inf = self.parameters.clone(prefix="exp_inf", init="zeros")
        self.opt = optimizer_ops._Adamax()

    def construct(self, gradients):
        F.assign_add(self.step_t, Tensor(np.int32(1), mstype.int32))
        step = F.cast(self.step_t, mstype.float32)
        for group_id, group in enumerate(self.param_groups):
            beta1, beta2 = group["betas"]
            lr = self._group_lr(group_id, group)
            grads, start, end = self._group_grads(group_id, group, gradients)
            params = self.parameters[start:end]
            grads = self._decay_weight(group["weight_decay"], params, grads)
            for param, m, u, grad in zip(params, self.exp_avg[start:end], self.exp_inf[start:end], grads):
                self.opt(param, m, u, lr, step, beta1, beta2, group["eps"], grad)
        return True
