"""Training callbacks (`mindspore.train.callback`): LossMonitor, TimeMonitor, ProgressBar."""
from __future__ import annotations

import sys
import time

import numpy as np

__all__ = ["Callback", "RunContext", "LossMonitor", "TimeMonitor", "ProgressBar"]


class RunContext:
    """What callbacks see: `original_args()` gives the step's parameters (cb_params)."""

    def __init__(self, params):
        self._params = params
        self._stop = False

    def original_args(self):
        return self._params

    def request_stop(self):
        self._stop = True

    def get_stop_requested(self):
        return self._stop


class Callback:
    """Base class; override any of the hooks."""

    def on_train_begin(self, run_context): pass
    def on_train_epoch_begin(self, run_context): pass
    def on_train_step_begin(self, run_context): pass
    def on_train_step_end(self, run_context): pass
    def on_train_epoch_end(self, run_context): pass
    def on_train_end(self, run_context): pass
    def on_eval_begin(self, run_context): pass
    def on_eval_step_end(self, run_context): pass
    def on_eval_end(self, run_context): pass


def _loss_value(outputs):
    if isinstance(outputs, (tuple, list)):
        outputs = outputs[0]
    return float(np.mean(outputs.asnumpy())) if hasattr(outputs, "asnumpy") else float(outputs)


class LossMonitor(Callback):
    """Prints `epoch: E step: S, loss is L` every `per_print_times` steps (MindSpore's format)."""

    def __init__(self, per_print_times=1):
        if isinstance(per_print_times, bool) or not isinstance(per_print_times, int) or per_print_times < 0:
            raise ValueError(f"For 'LossMonitor', the 'per_print_times' must be an int >= 0, but got {per_print_times!r}.")
        self._per_print_times = per_print_times

    def on_train_step_end(self, run_context):
        params = run_context.original_args()
        loss = _loss_value(params.net_outputs)
        step_in_epoch = (params.cur_step_num - 1) % params.batch_num + 1
        if np.isnan(loss) or np.isinf(loss):
            raise ValueError(f"epoch: {params.cur_epoch_num} step: {step_in_epoch}. Invalid loss {loss}, "
                             "terminating training.")
        if self._per_print_times and params.cur_step_num % self._per_print_times == 0:
            print(f"epoch: {params.cur_epoch_num} step: {step_in_epoch}, loss is {loss}", flush=True)


class TimeMonitor(Callback):
    """Prints each epoch's time and time per step."""

    def __init__(self, data_size=None):
        self.data_size = data_size
        self._start = 0.0

    def on_train_epoch_begin(self, run_context):
        self._start = time.perf_counter()

    def on_train_epoch_end(self, run_context):
        elapsed = (time.perf_counter() - self._start) * 1000
        steps = self.data_size or run_context.original_args().batch_num
        print(f"epoch time: {elapsed:.3f} ms, per step time: {elapsed / max(steps, 1):.3f} ms", flush=True)


class ProgressBar(Callback):
    """A progress bar over all training steps with the current loss (tqdm; off with
    `set_context(progress_bar=False)`)."""

    def __init__(self, file=None):
        self.file = file
        self._bar = None

    def on_train_begin(self, run_context):
        from tqdm import tqdm

        from ... import context

        params = run_context.original_args()
        self._bar = tqdm(total=params.epoch_num * params.batch_num, desc="train", unit="step",
                         disable=not context.get_context("progress_bar"), file=self.file or sys.stderr,
                         mininterval=0.1 if (self.file or sys.stderr).isatty() else 5.0)

    def on_train_step_end(self, run_context):
        params = run_context.original_args()
        self._bar.set_postfix(epoch=params.cur_epoch_num, loss=f"{_loss_value(params.net_outputs):.4f}", refresh=False)
        self._bar.update(1)

    def on_train_end(self, run_context):
        self._bar.close()
