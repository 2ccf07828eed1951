"""LazyAdam (`mindspore.nn.LazyAdam`)."""
from __future__ import annotations

from . import _checks
from .adam import Adam


class LazyAdam(Adam):
    """Adam that, for sparse (row) gradients, updates only the rows present. sporax's gradients
    are dense, where LazyAdam's update is exactly Adam's (MindSpore runs `ops.Adam` for dense
    gradients too); see `Adam` for the formula. `weight_decay` must be a float >= 0."""

    _power_shape = [1]

    def __init__(self, params, learning_rate=0.001, beta1=0.9, beta2=0.999, eps=1e-08, use_locking=False,
                 use_nesterov=False, weight_decay=0.0, loss_scale=1.0):
        # MindSpore's own spelling of the argument in this message.
        _checks.of_type("LazyAdam", "weight_dacay", weight_decay, "float")
        _checks.non_negative_float("LazyAdam", "weight_decay", weight_decay)
        super().__init__(params, learning_rate, beta1, beta2, eps, use_locking, use_nesterov, weight_decay,
                         loss_scale)
