"""`LossMonitor`: prints the loss every `per_print_times` steps (MindSpore's format)."""
from __future__ import annotations

import numpy as np

from .. import _checks
from ._callback import Callback, _handle_loss

__all__ = ["LossMonitor"]


class LossMonitor(Callback):
    """Prints `epoch: E step: S, loss is L` (S counted within the epoch) every
    `per_print_times` steps (0: never), and `Eval result: epoch E, metrics: {...}` after an
    epoch evaluated by `Model.fit`. A NaN or infinite loss stops training with ValueError."""

    def __init__(self, per_print_times=1):
        super().__init__()
        self._per_print_times = _checks.non_negative_int("LossMonitor", "per_print_times", per_print_times)
        self._last_print_time = 0

    def step_end(self, run_context):
        params = run_context.original_args()
        epoch = params.get("cur_epoch_num", 1)
        loss = _handle_loss(params.net_outputs)
        step_in_epoch = (params.cur_step_num - 1) % params.batch_num + 1
        if isinstance(loss, float) and (np.isnan(loss) or np.isinf(loss)):
            raise ValueError(f"In epoch: {epoch} step: {step_in_epoch}, loss is NAN or INF, training process cannot "
                             "continue, terminating training.")
        if self._per_print_times != 0:
            # A new run of Model.train restarts the step count: move the last print back.
            while params.cur_step_num <= self._last_print_time:
                self._last_print_time -= max(self._per_print_times,
                                             params.batch_num if params.get("dataset_sink_mode") else 1)
            if params.cur_step_num - self._last_print_time >= self._per_print_times:
                self._last_print_time = params.cur_step_num
                print(f"epoch: {epoch} step: {step_in_epoch}, loss is {loss}", flush=True)

    def on_train_epoch_end(self, run_context):
        params = run_context.original_args()
        metrics = params.get("metrics")
        if metrics:
            print(f"Eval result: epoch {params.cur_epoch_num}, metrics: {metrics}")
