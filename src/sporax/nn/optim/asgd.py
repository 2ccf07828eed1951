"""ASGD (`mindspore.nn.ASGD`)."""
from __future__ import annotations

import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter, ParameterTuple
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops.operations import optimizer_ops
from . import _checks
from .optimizer import Optimizer


class ASGD(Optimizer):
    """Averaged stochastic gradient descent. Per weight, a step size η (`eta_<name>`, the
    learning rate on the first step), an averaging rate μ (`mu_<name>`, starts at 1) and the
    average ax (`ax_.<name>`):

        w ← w·(1 − λη) − η·g;  ax ← ax + (w − ax)·μ (ax ← w while μ = 1)
        η ← lr/(1 + λ·lr·t)^α;  μ ← 1/max(1, t − t0)

    λ = `lambd`, t the step (from 1)."""

    def __init__(self, params, learning_rate=0.1, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay)
        for name, value in (("lambd", lambd), ("alpha", alpha), ("t0", t0)):
            _checks.of_type("ASGD", name, value, "float")
        self.lambd, self.alpha, self.t0 = lambd, alpha, t0
        self.mu = ParameterTuple(Parameter(Tensor(np.float32(1.0), mstype.float32), name=f"mu_{p.name}")
                                 for p in self.parameters)
        self.eta = ParameterTuple(Parameter(Tensor(np.float32(0.0), mstype.float32), name=f"eta_{p.name}")
                                  for p in self.parameters)
        self.ax = self.parameters.clone(prefix="ax_", init="zeros")
        self.opt = optimizer_ops._ASGD()

    def construct(self, gradients):
        gradients, lrs = self._prepare(gradients)
        step = F.reshape(self.global_step, ())
        for param, ax, eta, mu, lr, grad in zip(self.parameters, self.ax, self.eta, self.mu, lrs, gradients):
            self.opt(param, ax, eta, mu, lr, step, self.lambd, self.alpha, self.t0, grad)
        return True
