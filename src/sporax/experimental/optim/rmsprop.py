"""RMSprop (`mindspore.experimental.optim.RMSprop`)."""
from __future__ import annotations

from ...ops.operations import optimizer_ops
from .optimizer import Optimizer, check_not_less_than, check_not_less_than_without_equal


class RMSprop(Optimizer):
    """RMSprop, torch's form (ε outside the root), per group: g ← g + wd·w;
    s ← α·s + (1 − α)·g²; centered: ḡ ← α·ḡ + (1 − α)·g, d = √(s − ḡ²) + ε, else d = √s + ε;
    momentum μ > 0: b ← μ·b + g/d, w ← w − lr·b; else w ← w − lr·g/d.
    State: `mean_square`, `mean_grad`, `moment` (all from 0)."""

    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False,
                 maximize=False):
        check_not_less_than_without_equal(lr, "lr", "RMSprop")
        check_not_less_than(alpha, "alpha", "RMSprop")
        check_not_less_than_without_equal(eps, "eps", "RMSprop")
        check_not_less_than(momentum, "momentum", "RMSprop")
        check_not_less_than(weight_decay, "weight_decay", "RMSprop")
        defaults = {"lr": lr, "momentum": momentum, "alpha": alpha, "eps": eps, "centered": centered,
                    "weight_decay": weight_decay, "maximize": maximize}
        super().__init__(params, defaults)
        self.mean_grad = self.parameters.clone(prefix="mean_grad", init="zeros")
        self.mean_square = self.parameters.clone(prefix="mean_square", init="zeros")
        self.moment = self.parameters.clone(prefix="moment", init="zeros")

    def construct(self, gradients):
        for group_id, group in enumerate(self.param_groups):
            lr = self._group_lr(group_id, group)
            grads, start, end = self._group_grads(group_id, group, gradients)
            params = self.parameters[start:end]
            grads = self._decay_weight(group["weight_decay"], params, grads)
            opt = optimizer_ops._RMSprop(group["centered"], group["momentum"] > 0)
            for param, ms, mg, mom, grad in zip(params, self.mean_square[start:end], self.mean_grad[start:end],
                                                self.moment[start:end], grads):
                opt(param, ms, mg, mom, lr, group["alpha"], group["eps"], group["momentum"], grad)
        return True
