"""Adagrad (`mindspore.nn.Adagrad`)."""
from __future__ import annotations

from ...ops import operations as P
from .optimizer import Optimizer


class Adagrad(Optimizer):
    """accum = accum + g² (from `accum`, when `update_slots`); param -= lr·g/√accum.
    State: `accum`."""

    def __init__(self, params, accum=0.1, learning_rate=0.001, update_slots=True, loss_scale=1.0, weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        if isinstance(accum, bool) or not isinstance(accum, float):
            raise TypeError(f"For 'Adagrad', the type of 'accum' must be 'float', but got '{type(accum).__name__}'.")
        if accum < 0:
            raise ValueError(f"For 'Adagrad', the 'accum' must be greater than or equal to 0.0, but got {accum}.")
        if not isinstance(update_slots, bool):
            raise TypeError(f"For 'Adagrad', the type of 'update_slots' must be 'bool', but got "
                            f"'{type(update_slots).__name__}'.")
        self.accum = self.parameters.clone(prefix="accum", init=accum)
        self.opt = P.ApplyAdagrad(update_slots=update_slots)

    def construct(self, gradients):
        gradients, lrs = self._prepare(gradients)
        for param, accum, lr, grad in zip(self.parameters, self.accum, lrs, gradients):
            self.opt(param, accum, lr, grad)
        return True
