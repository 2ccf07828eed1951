"""Learning-rate schedulers of `mindspore.experimental.optim` (torch's semantics, as MindSpore
2.10 implements them).

A scheduler changes its optimizer's group learning rates in place: each group's `lr` is a
Float32 Parameter (`optimizer.lrs`), and `_last_lr` is that list. `step()` advances
`last_epoch` (a Float32 Parameter, `last_epoch_<class>`) and writes the new rates, most
schedulers chaining from the current rate (`get_lr`); `step(epoch)` jumps, with the closed
form where one exists. Construction performs the first step (epoch 0). `get_last_lr()`
returns the current rates as Tensors.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter

import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops import functional as F
from .optimizer import Optimizer

__all__ = ["StepLR", "LinearLR", "LRScheduler", "ExponentialLR", "PolynomialLR", "MultiplicativeLR", "ConstantLR",
           "MultiStepLR", "LambdaLR", "SequentialLR", "ReduceLROnPlateau", "CyclicLR", "CosineAnnealingWarmRestarts",
           "CosineAnnealingLR"]


def _f32(value):
    return Tensor(np.float32(value), mstype.float32)


def _scaled(lr, factor):
    """lr·factor in Float32 (factor a number or a Tensor)."""
    return F.mul(lr, factor if isinstance(factor, Tensor) else np.float32(factor))


def _int_arg(owner, name, value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"For '{owner}', the type of {name} must be int, but got {type(value)}.")


class LRScheduler:
    """Base class: subclasses define `get_lr()` (the rates of this step from `_last_lr`) and,
    where a closed form exists, `_get_closed_form_lr()` (the rates at `last_epoch` from
    `base_lrs`, the groups' `initial_lr`)."""

    def __init__(self, optimizer, last_epoch=-1):
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"{type(optimizer).__name__} is not an Optimizer")
        if isinstance(last_epoch, bool) or not isinstance(last_epoch, int):
            raise TypeError(f"The type of 'last_epoch' should be 'int', but got type '{type(last_epoch).__name__}'.")
        if last_epoch < -1:
            raise ValueError(f"Invalid last_epoch: {last_epoch}")
        if last_epoch == -1:
            for group in optimizer.param_groups:
                group.setdefault("initial_lr", group["lr"].value())
        else:
            for i, group in enumerate(optimizer.param_groups):
                if "initial_lr" not in group:
                    raise KeyError(f"param 'initial_lr' is not specified in param_groups[{i}] when resuming an "
                                   "optimizer")
        self.base_lrs = [group["initial_lr"] for group in optimizer.param_groups]
        self.optimizer = optimizer
        self._last_lr = list(optimizer.lrs)
        self.groups_num = len(optimizer.param_groups)
        self.last_epoch = Parameter(_f32(last_epoch), name="last_epoch_" + type(self).__name__)
        self.step()

    @property
    def _epoch(self):
        return float(self.last_epoch.asnumpy())

    def get_lr(self):
        raise NotImplementedError

    def get_last_lr(self):
        """The learning rate of each group now (Tensors)."""
        return [lr.value() for lr in self._last_lr]

    def step(self, epoch=None):
        """Advance one epoch (or go to `epoch`) and write the groups' new learning rates."""
        if epoch is None:
            F.assign_add(self.last_epoch, _f32(1))
            values = self.get_lr()
        else:
            F.assign(self.last_epoch, _f32(float(epoch)))
            values = self._get_closed_form_lr() if hasattr(self, "_get_closed_form_lr") else self.get_lr()
        for lr, value in zip(self._last_lr, values):
            F.assign(lr, F.cast(value, mstype.float32) if isinstance(value, Tensor) else _f32(value))
        return True


class StepLR(LRScheduler):
    """lr·γ every `step_size` epochs: closed form base_lr·γ^⌊epoch/step_size⌋."""

    def __init__(self, optimizer, step_size, gamma=0.1, last_epoch=-1):
        if isinstance(step_size, bool) or not isinstance(step_size, int):
            raise TypeError(f"For 'StepLR', the 'step_size' must be int, but got {type(step_size)}.")
        if not isinstance(gamma, float):
            raise TypeError(f"For 'StepLR', the 'gamma' must be float, but got {type(gamma)}.")
        self.step_size, self.gamma = step_size, gamma
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        epoch = self._epoch
        if epoch == 0 or epoch % self.step_size != 0:
            return [_scaled(lr, 1.0) for lr in self._last_lr]
        return [_scaled(lr, self.gamma) for lr in self._last_lr]

    def _get_closed_form_lr(self):
        return [_scaled(base, self.gamma ** (self._epoch // self.step_size)) for base in self.base_lrs]


class LinearLR(LRScheduler):
    """Factor from start_factor to end_factor linearly over total_iters epochs:
    base_lr·(s + (e − s)·min(total_iters, epoch)/total_iters)."""

    def __init__(self, optimizer, start_factor=1.0 / 3, end_factor=1.0, total_iters=5, last_epoch=-1):
        if start_factor > 1.0 or start_factor <= 0:
            raise ValueError("Starting multiplicative factor expected to be greater than 0 and less than or equal "
                             "to 1.")
        if end_factor > 1.0 or end_factor < 0:
            raise ValueError("Ending multiplicative factor expected to be between 0 and 1.")
        _int_arg("LinearLR", "total_iters", total_iters)
        self.start_factor, self.end_factor, self.total_iters = start_factor, end_factor, total_iters
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        epoch = self._epoch
        if epoch == 0:
            return [_scaled(lr, self.start_factor) for lr in self._last_lr]
        if epoch > self.total_iters:
            return [_scaled(lr, 1.0) for lr in self._last_lr]
        change = self.end_factor - self.start_factor
        factor = 1.0 + change / (self.total_iters * self.start_factor + (epoch - 1) * change)
        return [_scaled(lr, factor) for lr in self._last_lr]

    def _get_closed_form_lr(self):
        change = self.end_factor - self.start_factor
        factor = self.start_factor + change * min(self.total_iters, self._epoch) / self.total_iters
        return [_scaled(base, factor) for base in self.base_lrs]


class ExponentialLR(LRScheduler):
    """lr·γ each epoch: base_lr·γ^epoch."""

    def __init__(self, optimizer, gamma, last_epoch=-1):
        if not isinstance(gamma, float):
            raise TypeError(f"For 'ExponentialLR', the 'gamma' must be float, but got {type(gamma)}.")
        self.gamma = gamma
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        factor = 1.0 if self._epoch == 0 else self.gamma
        return [_scaled(lr, factor) for lr in self._last_lr]

    def _get_closed_form_lr(self):
        return [_scaled(base, self.gamma ** self._epoch) for base in self.base_lrs]


class PolynomialLR(LRScheduler):
    """base_lr·(1 − min(total_iters, epoch)/total_iters)^power."""

    def __init__(self, optimizer, total_iters=5, power=1.0, last_epoch=-1):
        if not isinstance(power, float):
            raise TypeError(f"For 'PolynomialLR', the 'power' must be float, but got {type(power)}.")
        if power < 0:
            raise ValueError(f"For 'PolynomialLR', the 'power' must be >= 0, but got {power}.")
        _int_arg("PolynomialLR", "total_iters", total_iters)
        self.total_iters, self.power = total_iters, power
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        epoch = self._epoch
        if epoch == 0 or epoch > self.total_iters:
            return [_scaled(lr, 1.0) for lr in self._last_lr]
        factor = ((1.0 - epoch / self.total_iters) / (1.0 - (epoch - 1) / self.total_iters)) ** self.power
        return [_scaled(lr, factor) for lr in self._last_lr]

    def _get_closed_form_lr(self):
        factor = (1.0 - min(self.total_iters, self._epoch) / self.total_iters) ** self.power
        return [_scaled(base, factor) for base in self.base_lrs]


def _lambdas(optimizer, lr_lambda):
    count = len(optimizer.param_groups)
    if isinstance(lr_lambda, (list, tuple)):
        if len(lr_lambda) != count:
            raise ValueError(f"Expected {count} lr_lambdas, but got {len(lr_lambda)}")
        return list(lr_lambda)
    return [lr_lambda] * count


class LambdaLR(LRScheduler):
    """base_lr·λ(epoch), one λ or one per group (λ receives `last_epoch`, a Float32 Tensor)."""

    def __init__(self, optimizer, lr_lambda, last_epoch=-1):
        self.lr_lambdas = _lambdas(optimizer, lr_lambda)
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        return [_scaled(base, fn(self.last_epoch.value())) for fn, base in zip(self.lr_lambdas, self.base_lrs)]


class MultiplicativeLR(LRScheduler):
    """lr·λ(epoch) each epoch after the first."""

    def __init__(self, optimizer, lr_lambda, last_epoch=-1):
        self.lr_lambdas = _lambdas(optimizer, lr_lambda)
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        if self._epoch > 0:
            return [_scaled(lr, fn(self.last_epoch.value())) for fn, lr in zip(self.lr_lambdas, self._last_lr)]
        return [_scaled(lr, 1.0) for lr in self._last_lr]


class MultiStepLR(LRScheduler):
    """lr·γ^k at an epoch listed k times in `milestones`; closed form base_lr·γ^(milestones ≤ epoch)."""

    def __init__(self, optimizer, milestones, gamma=0.1, last_epoch=-1):
        if not isinstance(milestones, list):
            raise TypeError(f"The type of 'milestones' should be 'list', but got type '{type(milestones).__name__}'.")
        for milestone in milestones:
            if isinstance(milestone, bool) or not isinstance(milestone, int):
                raise TypeError("For 'MultiStepLR', elements of the 'milestones' must be type of int, but got one "
                                f"element of 'milestones' type: {type(milestone)}.")
        if isinstance(gamma, bool) or not isinstance(gamma, (float, int)):
            raise TypeError(f"The type of 'gamma' should be one of '['float', 'int']', but got type "
                            f"'{type(gamma).__name__}'.")
        self.milestones = Counter(milestones)
        self.milestones_keys = list(self.milestones.keys())
        self.milestones_values = list(self.milestones.values())
        self.gamma = gamma
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        epoch = int(self._epoch)
        count = self.milestones.get(epoch, 0)
        return [_scaled(lr, self.gamma ** count) for lr in self._last_lr]

    def _get_closed_form_lr(self):
        # MindSpore 2.10's closed form reads an attribute MultiStepLR lacks (step(epoch) raises
        # AttributeError there); this is torch's, which it was written after.
        passed = bisect_right(sorted(self.milestones.elements()), self._epoch)
        return [_scaled(base, self.gamma ** passed) for base in self.base_lrs]


class ConstantLR(LRScheduler):
    """base_lr·factor until epoch total_iters, then base_lr."""

    def __init__(self, optimizer, factor=1.0 / 3, total_iters=5, last_epoch=-1):
        if factor > 1.0 or factor < 0:
            raise ValueError("Constant multiplicative factor expected to be between 0 and 1.")
        _int_arg("ConstantLR", "total_iters", total_iters)
        self.factor, self.total_iters = factor, total_iters
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        epoch = self._epoch
        if epoch == 0:
            return [_scaled(lr, self.factor) for lr in self._last_lr]
        if epoch != self.total_iters:
            return [_scaled(lr, 1.0) for lr in self._last_lr]
        return [F.div(lr, np.float32(self.factor)) for lr in self._last_lr]

    def _get_closed_form_lr(self):
        factor = self.factor + (self._epoch >= self.total_iters) * (1 - self.factor)
        return [_scaled(base, factor) for base in self.base_lrs]


class CosineAnnealingLR(LRScheduler):
    """Cosine annealing from base_lr to eta_min over T_max epochs (and back, periodically):
    closed form eta_min + (base_lr − eta_min)(1 + cos(π·epoch/T_max))/2."""

    def __init__(self, optimizer, T_max, eta_min=0.0, last_epoch=-1):
        if isinstance(eta_min, bool) or not isinstance(eta_min, (float, int)):
            raise TypeError(f"For 'CosineAnnealingLR', the 'eta_min' must be float or int, but got {type(eta_min)}.")
        if isinstance(T_max, bool) or not isinstance(T_max, int):
            raise TypeError(f"For 'CosineAnnealingLR', the 'T_max' must be int, but got {type(T_max)}.")
        self.T_max, self.eta_min = T_max, eta_min
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        epoch = self._epoch
        if epoch == 0:
            return [_scaled(lr, 1.0) for lr in self._last_lr]
        if (epoch - 1 - self.T_max) % (2 * self.T_max) == 0:
            rise = (1 - math.cos(math.pi / self.T_max)) / 2
            return [F.add(lr, _scaled(F.sub(base, np.float32(self.eta_min)), rise))
                    for base, lr in zip(self.base_lrs, self._last_lr)]
        ratio = (1 + math.cos(math.pi * epoch / self.T_max)) / (1 + math.cos(math.pi * (epoch - 1) / self.T_max))
        return [F.add(_scaled(F.sub(lr, np.float32(self.eta_min)), ratio), np.float32(self.eta_min))
                for lr in self._last_lr]

    def _get_closed_form_lr(self):
        half = (1 + math.cos(math.pi * self._epoch / self.T_max)) / 2
        return [F.add(_scaled(F.sub(base, np.float32(self.eta_min)), half), np.float32(self.eta_min))
                for base in self.base_lrs]


class CosineAnnealingWarmRestarts(LRScheduler):
    """SGDR: eta_min + (base_lr − eta_min)(1 + cos(π·T_cur/T_i))/2, T_cur restarting at 0 each
    time it reaches T_i, and T_i growing by T_mult at each restart (T_i starts at T_0)."""

    def __init__(self, optimizer, T_0, T_mult=1, eta_min=0, last_epoch=-1):
        if not isinstance(T_0, int) or isinstance(T_0, bool) or T_0 <= 0:
            raise ValueError(f"T_0 should be an integer and equal or greater than 0, but got {T_0}")
        if not isinstance(T_mult, int) or isinstance(T_mult, bool) or T_mult < 1:
            raise ValueError(f"T_mult should be an integer and equal or greater than 1, but got {T_mult}")
        if isinstance(eta_min, bool) or not isinstance(eta_min, (float, int)):
            raise TypeError(f"The type of 'eta_min' should be one of '['float', 'int']', but got type "
                            f"'{type(eta_min).__name__}'.")
        self.T_0, self.T_i, self.T_mult = float(T_0), float(T_0), T_mult
        self.eta_min = eta_min
        self.T_cur = float(last_epoch)
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        half = (1 + math.cos(math.pi * self.T_cur / self.T_i)) / 2
        return [F.add(_scaled(F.sub(base, np.float32(self.eta_min)), half), np.float32(self.eta_min))
                for base in self.base_lrs]

    def step(self, epoch=None):
        if epoch is None and self._epoch < 0:
            epoch = 0
        if epoch is None:
            epoch = self._epoch + 1
            self.T_cur += 1
            if self.T_cur >= self.T_i:
                self.T_cur -= self.T_i
                self.T_i *= self.T_mult
        else:
            epoch = float(epoch.asnumpy()) if isinstance(epoch, Tensor) else float(epoch)
            if epoch < 0:
                raise ValueError(f"epoch should be a non-negative integer, but got {epoch}")
            if epoch >= self.T_0:
                if self.T_mult == 1:
                    self.T_cur = epoch % self.T_0
                else:
                    n = int(math.log(epoch / self.T_0 * (self.T_mult - 1) + 1, self.T_mult))
                    self.T_cur = epoch - self.T_0 * (self.T_mult ** n - 1) / (self.T_mult - 1)
                    self.T_i = self.T_0 * self.T_mult ** n
            else:
                self.T_i = self.T_0
                self.T_cur = epoch
        F.assign(self.last_epoch, _f32(math.floor(epoch)))
        for lr, value in zip(self._last_lr, self.get_lr()):
            F.assign(lr, F.cast(value, mstype.float32))


class CyclicLR(LRScheduler):
    """Cyclical learning rate between base_lr and max_lr: a cycle of step_size_up epochs up and
    step_size_down down; amplitude scaled by 1 ('triangular'), 1/2^(cycle−1) ('triangular2'),
    γ^epoch ('exp_range') or `scale_fn`."""

    def __init__(self, optimizer, base_lr, max_lr, step_size_up=2000, step_size_down=None, mode="triangular",
                 gamma=1.0, scale_fn=None, scale_mode="cycle", last_epoch=-1):
        base_lrs = self._preprocess_input_param(optimizer, base_lr, "base_lr")
        if last_epoch == -1:
            for lr, group in zip(base_lrs, optimizer.param_groups):
                F.assign(group["lr"], _f32(lr))
        self.max_lrs = [_f32(lr) for lr in self._preprocess_input_param(optimizer, max_lr, "max_lr")]
        step_size_up = float(step_size_up)
        step_size_down = step_size_up if step_size_down is None else float(step_size_down)
        self.total_step_size = step_size_up + step_size_down
        self.step_up_ratio = step_size_up / self.total_step_size
        if mode not in ["triangular", "triangular2", "exp_range"] and scale_fn is None:
            raise ValueError("mode is invalid and scale_fn is None")
        self.mode, self.gamma = mode, gamma
        self._scale_fn_ref = None
        self._scale_fn_custom = scale_fn
        self.scale_mode = scale_mode
        self._init_scale_fn()
        super().__init__(optimizer, last_epoch)
        self.base_lrs = [_f32(lr) for lr in base_lrs]

    def _init_scale_fn(self):
        if self._scale_fn_custom is not None:
            return
        if self.mode == "triangular":
            self._scale_fn_ref, self.scale_mode = self._triangular_scale_fn, "cycle"
        elif self.mode == "triangular2":
            self._scale_fn_ref, self.scale_mode = self._triangular2_scale_fn, "cycle"
        elif self.mode == "exp_range":
            self._scale_fn_ref, self.scale_mode = self._exp_range_scale_fn, "iterations"

    @staticmethod
    def _preprocess_input_param(optimizer, param, name):
        if isinstance(param, (list, tuple)):
            if len(param) != len(optimizer.param_groups):
                raise ValueError(f"Expected {len(optimizer.param_groups)} values for {name}, got {len(param)}")
            return param
        return [param] * len(optimizer.param_groups)

    def scale_fn(self, x):
        return self._scale_fn_ref(x) if self._scale_fn_custom is None else self._scale_fn_custom(x)

    @staticmethod
    def _triangular_scale_fn(x):
        return 1.0

    def _exp_range_scale_fn(self, x):
        return self.gamma ** x

    @staticmethod
    def _triangular2_scale_fn(x):
        return 1 / (2.0 ** (x - 1))

    def get_lr(self):
        epoch = self._epoch
        cycle = math.floor(1 + epoch / self.total_step_size)
        x = 1.0 + epoch / self.total_step_size - cycle
        if x <= self.step_up_ratio:
            scale_factor = x / self.step_up_ratio
        else:
            scale_factor = (x - 1) / (self.step_up_ratio - 1)
        scale = self.scale_fn(cycle if self.scale_mode == "cycle" else epoch)
        return [F.add(base, _scaled(F.sub(top, base), scale_factor * scale))
                for base, top in zip(self.base_lrs, self.max_lrs)]


class SequentialLR:
    """Runs `schedulers` one after another, switching at each of `milestones` (the next
    scheduler restarts from epoch 0 with its closed form)."""

    def __init__(self, optimizer, schedulers, milestones, last_epoch=-1):
        for i, scheduler in enumerate(schedulers):
            if scheduler.optimizer is not optimizer:
                raise ValueError("Sequential Schedulers expects all schedulers to belong to the same optimizer, but "
                                 f"got scheduler at index {i} is different from the optimizer passed in.")
        if len(milestones) != len(schedulers) - 1:
            raise ValueError("Sequential Schedulers expects number of schedulers provided to be one more than the "
                             f"number of milestone points, but got number of schedulers {len(schedulers)} and the "
                             f"number of milestones {len(milestones)}")
        self._schedulers = schedulers
        self.milestones = milestones
        self.milestones_len = len(milestones)
        self.last_epoch = Parameter(_f32(last_epoch + 1), name="last_epoch_" + type(self).__name__)
        self.optimizer = optimizer
        for group in optimizer.param_groups:
            F.assign(group["lr"], F.cast(group["initial_lr"], mstype.float32))
        for scheduler in schedulers:
            F.assign_sub(scheduler.last_epoch, _f32(1))
        schedulers[0].step()
        self._last_lr = schedulers[0]._last_lr

    def step(self):
        F.assign_add(self.last_epoch, _f32(1))
        epoch = int(float(self.last_epoch.asnumpy()))
        index = bisect_right(self.milestones, epoch)
        scheduler = self._schedulers[index]
        if index > 0 and self.milestones[index - 1] == epoch:
            scheduler.step(0)
        else:
            scheduler.step()

    def get_last_lr(self):
        return [lr.value() for lr in self._last_lr]


class ReduceLROnPlateau:
    """Multiplies the learning rates by `factor` (not below `min_lr`) once the metric passed to
    `step(metrics)` has not improved for more than `patience` calls, then waits `cooldown`
    calls. Improvement: below best·(1 − threshold) ('min', 'rel'), below best − threshold
    ('min', 'abs'), above best·(1 + threshold) or best + threshold for 'max'. A change smaller
    than `eps` is not made."""

    def __init__(self, optimizer, mode="min", factor=0.1, patience=10, threshold=1e-4, threshold_mode="rel",
                 cooldown=0, min_lr=0, eps=1e-8):
        if factor >= 1.0:
            raise ValueError("The lr factor should be less than 1.0.")
        self.factor = factor
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"Expected an `Optimizer`, but got type {type(optimizer).__name__}")
        self.optimizer = optimizer
        if isinstance(min_lr, (list, tuple)):
            if len(min_lr) != len(optimizer.param_groups):
                raise ValueError(f"Expected {len(optimizer.param_groups)} min_lrs, got {len(min_lr)}")
            self.min_lrs = [_f32(lr) for lr in min_lr]
        else:
            self.min_lrs = [_f32(min_lr)] * len(optimizer.param_groups)
        self.mode, self.patience, self.threshold = mode, patience, threshold
        self.threshold_mode, self.cooldown, self.eps = threshold_mode, cooldown, eps
        self.last_epoch = Parameter(Tensor(np.int32(0), mstype.int32), name="last_epoch_" + type(self).__name__)
        if mode not in {"min", "max"}:
            raise ValueError(f"`mode` should be 'min' or 'max', but got {mode}.")
        if threshold_mode not in {"rel", "abs"}:
            raise ValueError(f"`threshold mode` should be 'rel' or 'abs', but got {threshold_mode}.")
        self.mode_worse = float("inf") if mode == "min" else float("-inf")
        self.best = Parameter(_f32(self.mode_worse), name="best")
        self.cooldown_counter = Parameter(_f32(0), name="cooldown_counter")
        self.wait = Parameter(_f32(0), name="wait")
        self._last_lr = [group["lr"] for group in optimizer.param_groups]

    def step(self, metrics):
        F.assign_add(self.last_epoch, Tensor(np.int32(1), mstype.int32))
        current = F.cast(metrics if isinstance(metrics, Tensor) else _f32(metrics), mstype.float32)
        if bool(self._is_improvement(current, self.best.value())):
            F.assign(self.best, F.reshape(current, ()))
            F.assign(self.wait, _f32(0))
        else:
            F.assign_add(self.wait, _f32(1))
        if self.in_cooldown():
            F.assign_sub(self.cooldown_counter, _f32(1))
            F.assign(self.wait, _f32(0))
        if float(self.wait.asnumpy()) > self.patience:
            self._reduce_lr()
            F.assign(self.cooldown_counter, _f32(self.cooldown))
            F.assign(self.wait, _f32(0))
        return True

    def _reduce_lr(self):
        for lr, floor in zip(self._last_lr, self.min_lrs):
            old = lr.value()
            new = F.maximum(_scaled(old, self.factor), floor)
            if float(old.asnumpy()) > float(new.asnumpy()) + self.eps:
                F.assign(lr, new)
        return True

    def in_cooldown(self):
        return float(self.cooldown_counter.asnumpy()) > 0

    def _is_improvement(self, current, best):
        if self.mode == "min" and self.threshold_mode == "rel":
            return F.less(current, _scaled(best, 1.0 - self.threshold))
        if self.mode == "min":
            return F.less(current, F.sub(best, np.float32(self.threshold)))
        if self.threshold_mode == "rel":
            return F.greater(current, _scaled(best, self.threshold + 1.0))
        return F.greater(current, F.add(best, np.float32(self.threshold)))

    def get_last_lr(self):
        return [lr.value() for lr in self._last_lr]
