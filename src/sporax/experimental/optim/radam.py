"""RAdam (`mindspore.experimental.optim.RAdam`)."""
from __future__ import annotations

import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops.operations import optimizer_ops
from .optimizer import Optimizer, check_betas, check_not_less_than, check_not_less_than_without_equal


class RAdam(Optimizer):
    """Rectified Adam, per group: g ← g + wd·w; m, v as Adam; ρ∞ = 2/(1 − β2) − 1,
    ρ_t = ρ∞ − 2t·β2^t/(1 − β2^t); m̂ = m/(1 − β1^t); while ρ_t ≤ 5, w ← w − lr·m̂; then
    w ← w − lr·m̂·r·√(1 − β2^t)/(√v + ε), r = √((ρ_t − 4)(ρ_t − 2)ρ∞/((ρ∞ − 4)(ρ∞ − 2)ρ_t))."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        check_not_less_than_without_equal(lr, "lr", "RAdam")
        check_not_less_than(weight_decay, "weight_decay", "RAdam")
        check_not_less_than_without_equal(eps, "eps", "RAdam")
        check_betas("RAdam", betas)
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay}
        super().__init__(params, defaults)
        self.step_t = Parameter(Tensor(np.int32(0), mstype.int32), "step_t")
        self.exp_avg = self.parameters.clone(prefix="exp_avg", init="zeros")
        self.exp_avg_sq = self.parameters.clone(prefix="exp_avg_sq", init="zeros")
        self.opt = optimizer_ops._RAdam()

    def construct(self, gradients):
        F.assign_add(self.step_t, Tensor(np.int32(1), mstype.int32))
        for group_id, group in enumerate(self.param_groups):
            beta1, beta2 = group["betas"]
            lr = self._group_lr(group_id, group)
            grads, start, end = self._group_grads(group_id, group, gradients, maximize=False)
            params = self.parameters[start:end]
            grads = self._decay_weight(group["weight_decay"], params, grads)
            for param, m, v, grad in zip(params, self.exp_avg[start:end], self.exp_avg_sq[start:end], grads):
                self.opt(param, m, v, lr, self.step_t, beta1, beta2, group["eps"], grad)
        return True
