"""Rprop (`mindspore.experimental.optim.Rprop`)."""
from __future__ import annotations

import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...nn.optim import _checks
from ...ops import functional as F
from ...ops.operations import optimizer_ops
from .optimizer import Optimizer, check_not_less_than_without_equal


class Rprop(Optimizer):
    """Resilient backpropagation per group (see `nn.Rprop` for the update): state `prev`,
    `step_size` (the learning rate on the first step), t = `step_t`. No weight decay."""

    def __init__(self, params, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), *, maximize=False):
        check_not_less_than_without_equal(lr, "lr", "Rprop")
        check_not_less_than_without_equal(etas[1], "etas[1]", "Rprop", 1.0)
        _checks.float_in_range("Rprop", "etas[0]", etas[0], 0.0, 1.0, closed=False)
        defaults = {"lr": lr, "etas": etas, "step_sizes": step_sizes, "maximize": maximize}
        super().__init__(params, defaults)
        self.prev = self.parameters.clone(prefix="prev", init="zeros")
        self.step_size = self.parameters.clone(prefix="step_size", init="zeros")
        self.step_t = Parameter(Tensor(np.int32(0), mstype.int32), "step_t")
        self.opt = optimizer_ops._Rprop()

    def construct(self, gradients):
        F.assign_add(self.step_t, Tensor(np.int32(1), mstype.int32))
        for group_id, group in enumerate(self.param_groups):
            lr = self._group_lr(group_id, group)
            etaminus, etaplus = group["etas"]
            size_min, size_max = group["step_sizes"]
            grads, start, end = self._group_grads(group_id, group, gradients)
            for param, prev, size, grad in zip(self.parameters[start:end], self.prev[start:end],
                                               self.step_size[start:end], grads):
                self.opt(param, prev, size, lr, self.step_t, etaminus, etaplus, size_min, size_max, grad)
        return True
