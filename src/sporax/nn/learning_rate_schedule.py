"""Learning-rate schedules (`mindspore.nn.learning_rate_schedule`): Cells mapping the
optimizer's global step (an Int32 Tensor) to a Float32 learning rate."""
from __future__ import annotations

import math

import numpy as np

from .. import _validation
from ..common import dtype as mstype
from ..common.tensor import Tensor
from ..ops import functional as F
from .cell import Cell


def _step(global_step):
    """The step as a Float32 scalar Tensor."""
    if not isinstance(global_step, Tensor):
        global_step = Tensor(global_step)
    return F.cast(F.reshape(global_step, ()), mstype.float32)


_F32 = np.float32


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
        self.is_stair = _validation.bool_arg("ExponentialDecayLR", "is_stair", is_stair)

    def construct(self, global_step):
        p = F.div(_step(global_step), self.decay_steps)
        if self.is_stair:
            p = F.floor(p)
        return F.mul(_F32(self.learning_rate), F.pow(_F32(self.decay_rate), p))


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
        p = F.div(F.minimum(_step(global_step), self.decay_steps), self.decay_steps)
        cos = F.cos(F.mul(_F32(math.pi), p))
        return F.add(self.min_lr, F.mul(0.5 * (self.max_lr - self.min_lr), F.add(1.0, cos)))


class WarmUpLR(LearningRateSchedule):
    """lr · min(step, warmup_steps) / warmup_steps."""

    def __init__(self, learning_rate, warmup_steps):
        super().__init__()
        self.learning_rate = _validation.positive_real("WarmUpLR", "learning_rate", learning_rate)
        self.warmup_steps = _validation.positive_real("WarmUpLR", "warmup_steps", warmup_steps, integer=True)

    def construct(self, global_step):
        p = F.div(F.minimum(_step(global_step), self.warmup_steps), self.warmup_steps)
        return F.mul(self.learning_rate, p)


class PolynomialDecayLR(LearningRateSchedule):
    """(lr − end_lr)(1 − step/decay_steps)^power + end_lr, with step capped at decay_steps
    (or, with update_decay_steps, decay_steps stretched to the next multiple past step)."""

    def __init__(self, learning_rate, end_learning_rate, decay_steps, power, update_decay_steps=False):
        super().__init__()
        self.learning_rate = _validation.positive_real("PolynomialDecayLR", "learning_rate", learning_rate)
        self.end_learning_rate = _validation.non_negative_real("PolynomialDecayLR", "end_learning_rate", end_learning_rate)
        self.decay_steps = _validation.positive_real("PolynomialDecayLR", "decay_steps", decay_steps, integer=True)
        self.power = _validation.positive_real("PolynomialDecayLR", "power", power)
        self.update_decay_steps = _validation.bool_arg("PolynomialDecayLR", "update_decay_steps", update_decay_steps)

    def construct(self, global_step):
        step = _step(global_step)
        if self.update_decay_steps:
            decay_steps = F.mul(self.decay_steps, F.maximum(F.ceil(F.div(step, self.decay_steps)), 1.0))
        else:
            decay_steps = _F32(self.decay_steps)
            step = F.minimum(step, decay_steps)
        p = F.pow(F.sub(1.0, F.div(step, decay_steps)), self.power)
        return F.add(F.mul(self.learning_rate - self.end_learning_rate, p), self.end_learning_rate)


def _check_decay_inputs(owner, learning_rate, decay_rate, decay_steps, is_stair):
    """MindSpore's checks (and messages) for the decay schedules' arguments."""
    prefix = f"For '{owner}', the" if owner else "The"
    if type(decay_steps) is not int or decay_steps <= 0:
        raise ValueError(f"{prefix} 'decay_steps' must be int and must > 0, but got '{decay_steps}' with type "
                         f"'{type(decay_steps).__name__}'.")
    for name, value in (("learning_rate", learning_rate), ("decay_rate", decay_rate)):
        if isinstance(value, bool) or not isinstance(value, float):
            raise TypeError(f"{prefix} type of '{name}' should be 'float', but got type '{type(value).__name__}'.")
        if not value > 0:
            raise ValueError(f"{prefix} '{name}' must be float and must > 0, but got '{value}' with type 'float'.")
    if not isinstance(is_stair, bool):
        raise TypeError(f"{prefix} type of 'is_stair' should be 'bool', but got type '{type(is_stair).__name__}'.")


class NaturalExpDecayLR(LearningRateSchedule):
    """lr · e^(−decay_rate · p), p = step (MindSpore 2.10 does not divide by decay_steps here),
    or with is_stair p = ⌊step/decay_steps⌋ · decay_steps."""

    def __init__(self, learning_rate, decay_rate, decay_steps, is_stair=False):
        super().__init__()
        _check_decay_inputs("NaturalExpDecayLR", learning_rate, decay_rate, decay_steps, is_stair)
        self.learning_rate, self.decay_rate, self.decay_steps, self.is_stair = (learning_rate, decay_rate,
                                                                                 decay_steps, is_stair)

    def construct(self, global_step):
        p = _step(global_step)
        if self.is_stair:
            p = F.mul(F.floor(F.div(p, _F32(self.decay_steps))), _F32(self.decay_steps))
        return F.mul(_F32(self.learning_rate), F.pow(_F32(math.e), F.mul(p, _F32(-self.decay_rate))))


class InverseDecayLR(LearningRateSchedule):
    """lr / (1 + decay_rate · p), p = step/decay_steps (floored with is_stair)."""

    def __init__(self, learning_rate, decay_rate, decay_steps, is_stair=False):
        super().__init__()
        _check_decay_inputs("InverseDecayLR", learning_rate, decay_rate, decay_steps, is_stair)
        self.learning_rate, self.decay_rate, self.decay_steps, self.is_stair = (learning_rate, decay_rate,
                                                                                 decay_steps, is_stair)

    def construct(self, global_step):
        p = F.div(_step(global_step), _F32(self.decay_steps))
        if self.is_stair:
            p = F.floor(p)
        return F.div(_F32(self.learning_rate), F.add(_F32(1.0), F.mul(_F32(self.decay_rate), p)))
