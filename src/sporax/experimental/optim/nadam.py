"""NAdam (`mindspore.experimental.optim.NAdam`)."""
from __future__ import annotations

import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops.operations import optimizer_ops
from .optimizer import Optimizer, check_betas, check_not_less_than, check_not_less_than_without_equal


class NAdam(Optimizer):
    """Adam with Nesterov momentum (Dozat), per group: g ← g + wd·w;
    μ_t = β1·(1 − ½·0.96^(t·ψ)), Π_t = Π_{t−1}·μ_t (`mu_product_<name>`); m, v as Adam;
    d = √(v/(1 − β2^t)) + ε; w ← w − lr(1 − μ_t)/(1 − Π_t)·g/d − lr·μ_{t+1}/(1 − Π_t·μ_{t+1})·m/d.
    ψ = `momentum_decay`, t = `step_t`."""

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, momentum_decay=4e-3):
        check_not_less_than_without_equal(lr, "lr", "NAdam")
        check_not_less_than_without_equal(eps, "eps", "NAdam")
        check_not_less_than(weight_decay, "weight_decay", "NAdam")
        check_not_less_than(momentum_decay, "momentum_decay", "NAdam")
        check_betas("NAdam", betas)
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay,
                    "momentum_decay": momentum_decay}
        super().__init__(params, defaults)
        self.step_t = Parameter(Tensor(np.int32(0), mstype.int32), "step_t")
        self.exp_avg = self.parameters.clone(prefix="exp_avg", init="zeros")
        self.exp_avg_sq = self.parameters.clone(prefix="exp_avg_sq", init="zeros")
        self.mu_product = [Parameter(Tensor(np.float32(1.0)), "mu_product_" + p.name) for p in self.parameters]
        self.opt = optimizer_ops._NAdam()

    def construct(self, gradients):
        F.assign_add(self.step_t, Tensor(np.int32(1), mstype.int32))
        for group_id, group in enumerate(self.param_groups):
            beta1, beta2 = group["betas"]
            lr = self._group_lr(group_id, group)
            grads, start, end = self._group_grads(group_id, group, gradients, maximize=False)
            params = self.parameters[start:end]
            grads = self._decay_weight(group["weight_decay"], params, grads)
            for param, m, v, product, grad in zip(params, self.exp_avg[start:end], self.exp_avg_sq[start:end],
                                                  self.mu_product[start:end], grads):
                self.opt(param, m, v, product, lr, self.step_t, beta1, beta2, group["momentum_decay"], group["eps"],
                         grad)
        return True
