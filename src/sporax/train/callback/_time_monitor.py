"""`TimeMonitor`: each epoch's time and time per step."""
from __future__ import annotations

import time

from .. import _checks
from ._callback import Callback

__all__ = ["TimeMonitor"]


class TimeMonitor(Callback):
    """Prints `Train epoch time: T ms, per step time: t ms` at each epoch's end (the mode's
    name first, as MindSpore), with ` (data time: d ms)` — the time spent waiting for batches
    per step — when `data_time=True`. `data_size` is the steps per epoch when the loop does
    not know it."""

    def __init__(self, data_size=None, data_time=False):
        super().__init__()
        self.data_size = data_size
        self.epoch_time = time.time()
        self.data_time = _checks.boolean("TimeMonitor", "data_time", data_time)
        self.data_time_sum = 0.0
        self.data_time_start = 0.0

    def on_train_step_begin(self, run_context):
        if self.data_time:
            self.data_time_sum += time.time() - self.data_time_start

    def on_train_step_end(self, run_context):
        if self.data_time:
            self.data_time_start = time.time()

    def epoch_begin(self, run_context):
        self.epoch_time = time.time()
        if self.data_time:
            self.data_time_sum = 0.0
            self.data_time_start = time.time()

    def epoch_end(self, run_context):
        epoch_ms = (time.time() - self.epoch_time) * 1000
        params = run_context.original_args()
        steps = self.data_size
        batch_num = params.get("batch_num")
        if isinstance(batch_num, int) and batch_num > 0:
            steps = batch_num
        steps = _checks.positive_int("TimeMonitor", "data_size", steps)
        line = (f"{params.get('mode', '').title()} epoch time: {epoch_ms:5.3f} ms, "
                f"per step time: {epoch_ms / steps:5.3f} ms")
        if self.data_time:
            line += f" (data time: {self.data_time_sum * 1000 / steps:5.3f} ms)"
        print(line, flush=True)
