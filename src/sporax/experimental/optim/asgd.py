"""ASGD (`mindspore.experimental.optim.ASGD`)."""
from __future__ import annotations

import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops.operations import optimizer_ops
from .optimizer import Optimizer, check_not_less_than, check_not_less_than_without_equal


class ASGD(Optimizer):
    """Averaged SGD per group (see `nn.ASGD` for the update): state `ax`, and per Parameter the
    0-D `eta_<name>` (step size) and `mu_<name>` (averaging rate); t = `step_t`."""

    def __init__(self, params, lr=0.01, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0.0, maximize=False):
        check_not_less_than_without_equal(lr, "lr", "ASGD")
        check_not_less_than(weight_decay, "weight_decay", "ASGD")
        if not isinstance(lambd, float):
            raise TypeError(f"For 'ASGD', the type of lambd must be float, but got {type(lambd)}.")
        if not isinstance(t0, float):
            raise TypeError(f"For 'ASGD', the type of t0 must be float, but got {type(t0)}.")
        defaults = {"lr": lr, "lambd": lambd, "alpha": alpha, "t0": t0, "weight_decay": weight_decay,
                    "maximize": maximize}
        super().__init__(params, defaults)
        self.mu = [Parameter(Tensor(np.float32(1.0)), "mu_" + p.name) for p in self.parameters]
        self.eta = [Parameter(Tensor(np.float32(0.0)), "eta_" + p.name) for p in self.parameters]
        self.ax = self.parameters.clone(prefix="ax", init="zeros")
        self.step_t = Parameter(Tensor(np.int32(0), mstype.int32), "step_t")
        self.opt = optimizer_ops._ASGD()

    def construct(self, gradients):
        F.assign_add(self.step_t, Tensor(np.int32(1), mstype.int32))
        for group_id, group in enumerate(self.param_groups):
            lr = self._group_lr(group_id, group)
            grads, start, end = self._group_grads(group_id, group, gradients)
            params = self.parameters[start:end]
            grads = self._decay_weight(group["weight_decay"], params, grads)
            for param, ax, eta, mu, grad in zip(params, self.ax[start:end], self.eta[start:end], self.mu[start:end],
                                                grads):
                self.opt(param, ax, eta, mu, lr, self.step_t, group["lambd"], group["alpha"], group["t0"], grad)
        return True
