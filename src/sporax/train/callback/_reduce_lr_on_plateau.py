"""`ReduceLROnPlateau`: lower the learning rate when the monitored value stops improving."""
from __future__ import annotations

import numbers

import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops import functional as F
from .. import _checks
from ._callback import Callback
from ._monitored import Improvement, monitor_value

__all__ = ["ReduceLROnPlateau"]


class ReduceLROnPlateau(Callback):
    """After `patience` epochs without an improvement of `monitor` by more than `min_delta`,
    `lr ← max(lr · factor, min_lr)` (in float32, as the optimizer's Parameter holds it), then
    `cooldown` epochs in which waiting does not count. The optimizer's learning rate must be
    one Parameter (not a schedule, not per group)."""

    def __init__(self, monitor='eval_loss', factor=0.1, patience=10, verbose=False, mode='auto', min_delta=1e-4,
                 cooldown=0, min_lr=0):
        super().__init__()
        self._improvement = Improvement("ReduceLROnPlateau", monitor, mode, min_delta)
        self.monitor, self.mode, self.min_delta = monitor, mode, self._improvement.min_delta
        if isinstance(factor, bool) or not isinstance(factor, numbers.Real) or not 0.0 < factor < 1.0:
            raise ValueError(f"For 'ReduceLROnPlateau', the 'factor' must be in range of (0.0, 1.0), but got "
                             f"{factor!r}.")
        self.factor = factor
        self.patience = _checks.non_negative_int("ReduceLROnPlateau", "patience", patience)
        self.verbose = _checks.boolean("ReduceLROnPlateau", "verbose", verbose)
        self.cooldown = _checks.non_negative_int("ReduceLROnPlateau", "cooldown", cooldown)
        self.min_lr = _checks.of_type("ReduceLROnPlateau", "min_lr", min_lr, (float, int))
        self.cooldown_counter = 0
        self.wait = 0
        self.best = self._improvement.start()

    def on_train_begin(self, run_context):
        self.cooldown_counter = 0
        self.wait = 0
        self.best = self._improvement.start()

    def on_train_epoch_end(self, run_context):
        params = run_context.original_args()
        lr = params.optimizer.learning_rate
        if not isinstance(lr, Parameter) or lr.ndim != 0:
            raise ValueError("ReduceLROnPlateau does not support dynamic learning rate and group learning rate now.")
        current = monitor_value("Learning rate reduction", self.monitor, params)
        if current is None:
            return
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.wait = 0
        if self._improvement.better(current, self.best):
            self.best = current
            self.wait = 0
        elif self.cooldown_counter <= 0:
            self.wait += 1
            if self.wait >= self.patience:
                value = np.float32(lr.asnumpy())
                if value > np.float32(self.min_lr):
                    new_lr = max(value * np.float32(self.factor), self.min_lr)
                    F.assign(lr, Tensor(np.float32(new_lr)))
                    if self.verbose:
                        print(f"Epoch {params.cur_epoch_num:05d}: ReduceLROnPlateau reducing learning rate to "
                              f"{new_lr}.")
                self.cooldown_counter = self.cooldown
                self.wait = 0
