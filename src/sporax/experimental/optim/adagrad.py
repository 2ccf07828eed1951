"""Adagrad (`mindspore.experimental.optim.Adagrad`)."""
from __future__ import annotations

import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops import operations as P
from .optimizer import Optimizer, check_not_less_than, check_not_less_than_without_equal


class Adagrad(Optimizer):
    """Adagrad per group (`ops.ApplyAdagradV2`): g ← g + wd·w; lr_t = lr/(1 + (t − 1)·lr_decay);
    a ← a + g²; w ← w − lr_t·g/(√a + ε). a = `accum` (starts at initial_accumulator_value)."""

    def __init__(self, params, lr=1e-2, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10, *,
                 maximize=False):
        check_not_less_than_without_equal(lr, "lr", "Adagrad")
        check_not_less_than(lr_decay, "lr_decay", "Adagrad")
        check_not_less_than(weight_decay, "weight_decay", "Adagrad")
        check_not_less_than(initial_accumulator_value, "initial_accumulator_value", "Adagrad")
        check_not_less_than_without_equal(eps, "eps", "Adagrad")
        defaults = dict(lr=lr, lr_decay=lr_decay, eps=eps, weight_decay=weight_decay,
                        initial_accumulator_value=initial_accumulator_value, maximize=maximize)
        super().__init__(params, defaults)
        self.accum = self.parameters.clone(prefix="accum", init=initial_accumulator_value)
        self.step_t = Parameter(Tensor(np.int32(0), mstype.int32), "step_t")

    def construct(self, gradients):
        done = F.cast(self.step_t, mstype.float32)  # steps taken before this one
        for group_id, group in enumerate(self.param_groups):
            lr = self._group_lr(group_id, group)
            decayed_lr = F.div(lr, F.add(F.mul(done, np.float32(group["lr_decay"])), np.float32(1.0)))
            grads, start, end = self._group_grads(group_id, group, gradients)
            params = self.parameters[start:end]
            grads = self._decay_weight(group["weight_decay"], params, grads)
            opt = P.ApplyAdagradV2(epsilon=float(group["eps"]), update_slots=True)
            for param, accum, grad in zip(params, self.accum[start:end], grads):
                opt(param, accum, decayed_lr, grad)
        F.assign_add(self.step_t, Tensor(np.int32(1), mstype.int32))
        return True
