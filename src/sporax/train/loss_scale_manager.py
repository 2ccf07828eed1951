"""Loss-scale managers (`mindspore.train.loss_scale_manager`, also `mindspore.FixedLossScaleManager`...).

A manager holds the scale `Model` multiplies the loss by before differentiating (gradients
are divided by it again), and, through `get_update_cell()`, the Cell that updates that scale
inside the training step. `update_loss_scale(overflow)` is the same rule on the host, which
`Model` calls after each step with the step's overflow flag.
"""
from __future__ import annotations

import numbers

from ..nn.wrap.loss_scale import DynamicLossScaleUpdateCell, FixedLossScaleUpdateCell

__all__ = ["LossScaleManager", "FixedLossScaleManager", "DynamicLossScaleManager"]


class LossScaleManager:
    """Base class: `get_loss_scale()`, `update_loss_scale(overflow)`, `get_update_cell()`."""

    def get_loss_scale(self):
        """The current scale."""

    def update_loss_scale(self, overflow):
        """Update the scale after a step (`overflow`: whether its gradients held inf/NaN)."""

    def get_update_cell(self):
        """The Cell that updates the scale inside the training step."""


class FixedLossScaleManager(LossScaleManager):
    """A constant scale `loss_scale` (>= 1). With `drop_overflow_update=True` a step whose
    gradients overflow is skipped (through FixedLossScaleUpdateCell); with False every step
    updates and the scale only divides the gradients (through the optimizer's loss_scale)."""

    def __init__(self, loss_scale=128.0, drop_overflow_update=True):
        if isinstance(loss_scale, bool) or not isinstance(loss_scale, numbers.Real):
            raise TypeError(f"For 'FixedLossScaleManager', the 'loss_scale' must be a number, "
                            f"but got {type(loss_scale).__name__}.")
        if loss_scale < 1:
            raise ValueError(f"The argument 'loss_scale' must be >= 1, but got {loss_scale}")
        if not isinstance(drop_overflow_update, bool):
            raise TypeError(f"For 'FixedLossScaleManager', the 'drop_overflow_update' must be a bool, "
                            f"but got {type(drop_overflow_update).__name__}.")
        self._loss_scale = loss_scale
        self._drop_overflow_update = drop_overflow_update

    def get_loss_scale(self):
        return self._loss_scale

    def get_drop_overflow_update(self):
        """Whether a step whose gradients overflow is skipped."""
        return self._drop_overflow_update

    def update_loss_scale(self, overflow):
        """The scale is fixed: nothing changes."""

    def get_update_cell(self):
        if not self._drop_overflow_update:
            return None
        return FixedLossScaleUpdateCell(self._loss_scale)


class DynamicLossScaleManager(LossScaleManager):
    """A scale that adapts, step by step:

        overflow:     scale ← max(scale / scale_factor, 1); the step is skipped
        otherwise:    scale ← scale · scale_factor when (iteration − last overflow iteration)
                      is a multiple of scale_window

    More than 1000 overflowing steps in a row raise RuntimeError."""

    def __init__(self, init_loss_scale=2 ** 24, scale_factor=2, scale_window=2000):
        for name, value in (("init_loss_scale", init_loss_scale), ("scale_factor", scale_factor)):
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise TypeError(f"For 'DynamicLossScaleManager', the '{name}' must be a number, "
                                f"but got {type(value).__name__}.")
        if init_loss_scale < 1.0:
            raise ValueError(f"The argument 'init_loss_scale' must be > 1, but got {init_loss_scale}")
        if isinstance(scale_window, bool) or not isinstance(scale_window, int) or scale_window <= 0:
            raise (ValueError if isinstance(scale_window, int) and not isinstance(scale_window, bool) else TypeError)(
                f"For 'DynamicLossScaleManager', the 'scale_window' must be int and must > 0, but got "
                f"'{scale_window}' with type '{type(scale_window).__name__}'.")
        if scale_factor <= 0:
            raise ValueError(f"The argument 'scale_factor' must be > 0, but got {scale_factor}")
        self.loss_scale = init_loss_scale
        self.scale_window = scale_window
        self.scale_factor = scale_factor
        self.increase_ratio = scale_factor
        self.decrease_ratio = 1 / scale_factor
        self.cur_iter = 1
        self.last_overflow_iter = 0
        self.bad_step_max = 1000
        self.bad_step = 0

    def get_loss_scale(self):
        return self.loss_scale

    def update_loss_scale(self, overflow):
        if overflow:
            self.loss_scale = max(self.loss_scale * self.decrease_ratio, 1)
            self.last_overflow_iter = self.cur_iter
            self.bad_step += 1
        else:
            if (self.cur_iter - self.last_overflow_iter) % self.scale_window == 0:
                self.loss_scale *= self.increase_ratio
            self.bad_step = 0
        if self.bad_step > self.bad_step_max:
            raise RuntimeError(f"Dynamic loss scale Continuous overflow {self.bad_step} times, has exceeded maximum "
                               "threshold.")
        self.cur_iter += 1

    def get_drop_overflow_update(self):
        """Always True: an overflowing step is skipped."""
        return True

    def get_update_cell(self):
        return DynamicLossScaleUpdateCell(self.loss_scale, self.scale_factor, self.scale_window)
