"""Learning-rate lists (`mindspore.nn.dynamic_lr`): one value per step, for `learning_rate=list`."""
from __future__ import annotations

import math

from .. import _validation


def piecewise_constant_lr(milestone, learning_rates):
    """learning_rates[i] for steps in [milestone[i-1], milestone[i])."""
    if not isinstance(milestone, (list, tuple)) or not isinstance(learning_rates, (list, tuple)):
        raise TypeError("For 'piecewise_constant_lr', 'milestone' and 'learning_rates' must be lists.")
    if len(milestone) != len(learning_rates):
        raise ValueError("For 'piecewise_constant_lr', the size of 'milestone' must be the same as the size of "
                         f"'learning_rates', but got {len(milestone)} and {len(learning_rates)}.")
    last = 0
    for m in milestone:
        _validation.positive_int("piecewise_constant_lr", "milestone", m)
        if m <= last:
            raise ValueError(f"For 'piecewise_constant_lr', the 'milestone' must be increasing, but got {milestone}.")
        last = m
    lr, start = [], 0
    for m, rate in zip(milestone, learning_rates):
        _validation.non_negative_real("piecewise_constant_lr", "learning_rates", rate)
        lr += [rate] * (m - start)
        start = m
    return lr


def _epochs(function, total_step, step_per_epoch, epoch_arg, epoch_value):
    _validation.positive_int(function, "total_step", total_step)
    _validation.positive_int(function, "step_per_epoch", step_per_epoch)
    _validation.positive_int(function, epoch_arg, epoch_value)
    return [math.floor(i / step_per_epoch) for i in range(total_step)]


def exponential_decay_lr(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair=False):
    """lr · decay_rate^(epoch / decay_epoch) per step (floored with is_stair)."""
    _validation.non_negative_real("exponential_decay_lr", "learning_rate", learning_rate)
    _validation.non_negative_real("exponential_decay_lr", "decay_rate", decay_rate)
    out = []
    for epoch in _epochs("exponential_decay_lr", total_step, step_per_epoch, "decay_epoch", decay_epoch):
        p = epoch / decay_epoch
        out.append(learning_rate * decay_rate ** (math.floor(p) if is_stair else p))
    return out


def cosine_decay_lr(min_lr, max_lr, total_step, step_per_epoch, decay_epoch):
    """min_lr + ½(max_lr − min_lr)(1 + cos(π · min(epoch, decay_epoch)/decay_epoch)) per step."""
    _validation.non_negative_real("cosine_decay_lr", "min_lr", min_lr)
    _validation.non_negative_real("cosine_decay_lr", "max_lr", max_lr)
    out = []
    for epoch in _epochs("cosine_decay_lr", total_step, step_per_epoch, "decay_epoch", decay_epoch):
        p = min(epoch, decay_epoch) / decay_epoch
        out.append(min_lr + 0.5 * (max_lr - min_lr) * (1 + math.cos(math.pi * p)))
    return out


def warmup_lr(learning_rate, total_step, step_per_epoch, warmup_epoch):
    """lr · min(epoch, warmup_epoch) / warmup_epoch per step (epoch counted from 0)."""
    _validation.non_negative_real("warmup_lr", "learning_rate", learning_rate)
    return [learning_rate * min(epoch, warmup_epoch) / warmup_epoch
            for epoch in _epochs("warmup_lr", total_step, step_per_epoch, "warmup_epoch", warmup_epoch)]


def polynomial_decay_lr(learning_rate, end_learning_rate, total_step, step_per_epoch, decay_epoch, power,
                        update_decay_epoch=False):
    """(lr − end)(1 − epoch/decay_epoch)^power + end per step, epoch capped (or decay_epoch stretched)."""
    _validation.non_negative_real("polynomial_decay_lr", "learning_rate", learning_rate)
    _validation.non_negative_real("polynomial_decay_lr", "end_learning_rate", end_learning_rate)
    _validation.non_negative_real("polynomial_decay_lr", "power", power, minimum=1e-12)
    out = []
    for epoch in _epochs("polynomial_decay_lr", total_step, step_per_epoch, "decay_epoch", decay_epoch):
        decay = decay_epoch
        if update_decay_epoch:
            decay = decay_epoch * max(math.ceil(epoch / decay_epoch), 1)
        else:
            epoch = min(epoch, decay_epoch)
        out.append((learning_rate - end_learning_rate) * (1 - epoch / decay) ** power + end_learning_rate)
    return out


def _check_decay_inputs(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair):
    """MindSpore's checks and messages for natural_exp_decay_lr and inverse_decay_lr."""
    for name, value in (("total_step", total_step), ("step_per_epoch", step_per_epoch),
                        ("decay_epoch", decay_epoch)):
        if type(value) is not int or value <= 0:
            raise ValueError(f"The '{name}' must be int and must > 0, but got '{value}' with type "
                             f"'{type(value).__name__}'.")
    for name, value in (("learning_rate", learning_rate), ("decay_rate", decay_rate)):
        if isinstance(value, bool) or not isinstance(value, float):
            raise TypeError(f"The type of '{name}' should be 'float', but got type '{type(value).__name__}'.")
        if not value > 0:
            raise ValueError(f"The '{name}' must be float and must > 0, but got '{value}' with type 'float'.")
    if not isinstance(is_stair, bool):
        raise TypeError(f"The type of 'is_stair' should be 'bool', but got type '{type(is_stair).__name__}'.")


def natural_exp_decay_lr(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair=False):
    """lr · e^(−decay_rate · epoch) per step, epoch = ⌊i/step_per_epoch⌋ (with is_stair rounded
    down to a multiple of decay_epoch)."""
    _check_decay_inputs(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair)
    out = []
    for i in range(total_step):
        epoch = math.floor(i / step_per_epoch)
        if is_stair:
            epoch = math.floor(epoch / decay_epoch) * decay_epoch
        out.append(learning_rate * math.e ** (-decay_rate * epoch))
    return out


def inverse_decay_lr(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair=False):
    """lr / (1 + decay_rate · epoch/decay_epoch) per step (the ratio floored with is_stair)."""
    _check_decay_inputs(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair)
    out = []
    for i in range(total_step):
        epoch = math.floor(i / step_per_epoch)
        ratio = math.floor(epoch / decay_epoch) if is_stair else epoch / decay_epoch
        out.append(learning_rate / (1 + decay_rate * ratio))
    return out
