"""ProximalAdagrad (`mindspore.nn.ProximalAdagrad`)."""
from __future__ import annotations

from ...ops import operations as P
from . import _checks
from .optimizer import Optimizer


class ProximalAdagrad(Optimizer):
    """Adagrad with a proximal step for l1/l2 regularisation (`ops.ApplyProximalAdagrad`):

        a ← a + g²;  r = η/√a;  v = w − r·g;  w ← sign(v)/(1 + r·l2) · max(|v| − r·l1, 0)

    a = `accum` (starts at `accum`), η the learning rate."""

    def __init__(self, params, accum=0.1, learning_rate=0.001, l1=0.0, l2=0.0, use_locking=False, loss_scale=1.0,
                 weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        for name, value in (("accum", accum), ("l1", l1), ("l2", l2)):
            _checks.of_type("ProximalAdagrad", name, value, "float")
        _checks.of_type("ProximalAdagrad", "use_locking", use_locking, "bool")
        for name, value in (("accum", accum), ("l1", l1), ("l2", l2)):
            _checks.non_negative_float("ProximalAdagrad", name, value)
        self.accum = self.parameters.clone(prefix="accum", init=accum)
        self.l1, self.l2 = l1, l2
        self.use_locking = use_locking
        self.opt = P.ApplyProximalAdagrad(use_locking=use_locking)

    def construct(self, grads):
        grads, lrs = self._prepare(grads)
        for param, accum, lr, grad in zip(self.parameters, self.accum, lrs, grads):
            self.opt(param, accum, lr, self.l1, self.l2, grad)
        return True
