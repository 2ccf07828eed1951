"""Learning-rate schedules (`mindspore.nn.learning_rate_schedule`): Cells mapping the
optimizer's global step (an Int32 Tensor) to a Float32 learning rate."""
from __future__ import annotations

import math
import numbers

import jax.numpy as jnp

from .. import _validation
from ..common.tensor import Tensor
from .cell import Cell


def _step(global_step):
    value = global_step._value() if isinstance(global_step, Tensor) else jnp.asarray(global_step)
    return value.reshape(()).astype(jnp.float32)


class LearningRateSchedule(Cell):
    """Base class: `construct(global_step)` returns the learning rate (Float32 scalar)."""

    def construct(self, global_step):
        raise NotImplementedError


class ExponentialDecayLR(LearningRateSchedule):
    """lr · decay_rate^(step / decay_steps) (the exponent floored with is_stair)."""

    def __init__(self, learning_rate, decay_rate, decay_steps, is_stair=False):
        super().__init__()
        self.learning_rate = _validation.positive_real("ExponentialDecayLR", "learning_rate", learning_rate)
        self.decay_rate = _validation.positive_real("ExponentialDecayLR", "decay_rate", decay_rate)
        self.decay_steps = _validation.positive_real("ExponentialDecayLR", "decay_steps", decay_steps, integer=True)
        if not isinstance(is_stair, bool):
            raise TypeError(f"For 'ExponentialDecayLR', the 'is_stair' must be a bool, but got {is_stair!r}.")
        self.is_stair = is_stair

    def construct(self, global_step):
        p = _step(global_step) / self.decay_steps
        if self.is_stair:
            p = jnp.floor(p)
        return Tensor._wrap(jnp.float32(self.learning_rate) * jnp.power(jnp.float32(self.decay_rate), p))


class CosineDecayLR(LearningRateSchedule):
    """min_lr + ½(max_lr − min_lr)(1 + cos(π · min(step, decay_steps)/decay_steps))."""

    def __init__(self, min_lr, max_lr, decay_steps):
        super().__init__()
        self.min_lr = _validation.non_negative_real("CosineDecayLR", "min_lr", min_lr)
        self.max_lr = _validation.positive_real("CosineDecayLR", "max_lr", max_lr)
        if self.min_lr >= self.max_lr:
            raise ValueError(f"For 'CosineDecayLR', the 'max_lr' must be greater than 'min_lr', but got max_lr: "
                             f"{max_lr}, min_lr: {min_lr}.")
        self.decay_steps = _validation.positive_real("CosineDecayLR", "decay_steps", decay_steps, integer=True)

    def construct(self, global_step):
        p = jnp.minimum(_step(global_step), self.decay_steps) / self.decay_steps
        lr = self.min_lr + 0.5 * (self.max_lr - self.min_lr) * (1.0 + jnp.cos(jnp.float32(math.pi) * p))
        return Tensor._wrap(lr.astype(jnp.float32))


class WarmUpLR(LearningRateSchedule):
    """lr · min(step, warmup_steps) / warmup_steps."""

    def __init__(self, learning_rate, warmup_steps):
        super().__init__()
        self.learning_rate = _validation.positive_real("WarmUpLR", "learning_rate", learning_rate)
        self.warmup_steps = _validation.positive_real("WarmUpLR", "warmup_steps", warmup_steps, integer=True)

    def construct(self, global_step):
        p = jnp.minimum(_step(global_step), self.warmup_steps) / self.warmup_steps
        return Tensor._wrap((self.learning_rate * p).astype(jnp.float32))


class PolynomialDecayLR(LearningRateSchedule):
    """(lr − end_lr)(1 − step/decay_steps)^power + end_lr, with step capped at decay_steps
    (or, with update_decay_steps, decay_steps stretched to the next multiple past step)."""

    def __init__(self, learning_rate, end_learning_rate, decay_steps, power, update_decay_steps=False):
        super().__init__()
        self.learning_rate = _validation.positive_real("PolynomialDecayLR", "learning_rate", learning_rate)
        self.end_learning_rate = _validation.non_negative_real("PolynomialDecayLR", "end_learning_rate", end_learning_rate)
        self.decay_steps = _validation.positive_real("PolynomialDecayLR", "decay_steps", decay_steps, integer=True)
        self.power = _validation.positive_real("PolynomialDecayLR", "power", power)
        if not isinstance(update_decay_steps, bool):
            raise TypeError(f"For 'PolynomialDecayLR', the 'update_decay_steps' must be a bool, but got "
                            f"{update_decay_steps!r}.")
        self.update_decay_steps = update_decay_steps

    def construct(self, global_step):
        step = _step(global_step)
        if self.update_decay_steps:
            decay_steps = self.decay_steps * jnp.maximum(jnp.ceil(step / self.decay_steps), 1.0)
        else:
            decay_steps = jnp.float32(self.decay_steps)
            step = jnp.minimum(step, decay_steps)
        p = jnp.power(1.0 - step / decay_steps, self.power)
        lr = (self.learning_rate - self.end_learning_rate) * p + self.end_learning_rate
        return Tensor._wrap(lr.astype(jnp.float32))
