"""Rprop (`mindspore.nn.Rprop`)."""
from __future__ import annotations

from ...ops import functional as F
from ...ops.operations import optimizer_ops
from . import _checks
from .optimizer import Optimizer


def check_etas_and_step_sizes(owner, etas, step_sizes):
    """MindSpore's checks and messages for Rprop's `etas` = (η−, η+) and `step_sizes` = (min, max)."""
    if not isinstance(etas, tuple):
        raise TypeError(f"For Rprop, etas must be a tuple, but got {type(etas)}.")
    if len(etas) != 2:
        raise ValueError(f"For Rprop, etas must be a tuple with the size of 2, but got {len(etas)}.")
    if not isinstance(step_sizes, tuple):
        raise TypeError(f"For Rprop, step_sizes must be a tuple, but got {type(step_sizes)}.")
    if len(step_sizes) != 2:
        raise ValueError(f"For Rprop, step_sizes must be a tuple with the size of 2, but got {len(step_sizes)}.")
    if step_sizes[0] > step_sizes[1]:
        raise ValueError("For Rprop, maximal step size should not be less than minimal step size, but got "
                         f"{step_sizes[0]} > {step_sizes[1]}.")
    _checks.float_in_range(owner, "etaminus", etas[0], 0.0, 1.0, closed=False)
    _checks.of_type(owner, "etaplus", etas[1], "float")
    if etas[1] <= 1.0:
        raise ValueError(f"For Rprop, etaplus must be greater than 1.0, but got etaplus {etas[1]}.")


class Rprop(Optimizer):
    """Resilient backpropagation: each weight has its own step size d (`step_size`, set to the
    learning rate on the first step) and the previous gradient p (`prev`):

        s = sign(g·p);  d ← clip(d·η+ if s > 0, d·η− if s < 0, d if s = 0;  min, max)
        g' = 0 where s < 0, else g;  w ← w − sign(g')·d;  p ← g'

    (η−, η+) = `etas`, (min, max) = `step_sizes`."""

    def __init__(self, params, learning_rate=0.1, etas=(0.5, 1.2), step_sizes=(1e-06, 50.0), weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay)
        check_etas_and_step_sizes("Rprop", etas, step_sizes)
        _checks.of_type("Rprop", "min_step_sizes", step_sizes[0], "float")
        _checks.of_type("Rprop", "max_step_sizes", step_sizes[1], "float")
        self.etaminus, self.etaplus = etas
        self.step_size_min, self.step_size_max = step_sizes
        self.prev = self.parameters.clone(prefix="prev", init="zeros")
        self.step_size = self.parameters.clone(prefix="step_size", init="zeros")
        self.opt = optimizer_ops._Rprop()

    def construct(self, gradients):
        gradients, lrs = self._prepare(gradients)
        step = F.reshape(self.global_step, ())
        for param, prev, size, lr, grad in zip(self.parameters, self.prev, self.step_size, lrs, gradients):
            self.opt(param, prev, size, lr, step, self.etaminus, self.etaplus, self.step_size_min,
                     self.step_size_max, grad)
        return True
