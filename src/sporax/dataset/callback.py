"""`mindspore.dataset.DSCallback`: hooks a `map` calls as its rows go by.

Pass instances as `map(..., callbacks=[...])`. In one run of the pipeline: `ds_begin` once,
then for each epoch `ds_epoch_begin`, `ds_step_begin`/`ds_step_end` around every
`step_size`-th row the map produces, and `ds_epoch_end`. The context carries
`cur_epoch_num` (from 1), `cur_step_num_in_epoch` and `cur_step_num` (from 1). The hooks
run in the pipeline's consuming thread, in row order (the map's workers compute ahead).
`WaitedDSCallback` keeps the map in step with training.
"""
from __future__ import annotations

import threading
from types import SimpleNamespace

from ..train.callback import Callback
from .core import config


class DSCallback:
    """Base class of the dataset callbacks; override the hooks you need."""

    def __init__(self, step_size=1):
        if isinstance(step_size, bool) or not isinstance(step_size, int) or step_size < 1:
            raise ValueError(f"step_size should be a positive int, but got {step_size!r}.")
        self.step_size = step_size

    def ds_begin(self, ds_run_context):
        """Called once, before the first row."""

    def ds_epoch_begin(self, ds_run_context):
        """Called before each epoch's first row."""

    def ds_epoch_end(self, ds_run_context):
        """Called after each epoch's last row."""

    def ds_step_begin(self, ds_run_context):
        """Called before every `step_size`-th row."""

    def ds_step_end(self, ds_run_context):
        """Called after every `step_size`-th row."""


def run_callbacks(callbacks, rows, epoch, state):
    """Yield `rows` (one epoch), calling each callback's hooks; `state` keeps counts across epochs."""
    if epoch == 0:  # a new run of the pipeline (each iterator starts at epoch 0)
        state["begun"], state["steps"] = False, 0
    context = SimpleNamespace(cur_epoch_num=epoch + 1, cur_step_num_in_epoch=0, cur_step_num=state["steps"])
    if not state["begun"]:
        state["begun"] = True
        for callback in callbacks:
            callback.ds_begin(context)
    for callback in callbacks:
        callback.ds_epoch_begin(context)
    for row in rows:
        context.cur_step_num_in_epoch += 1
        state["steps"] += 1
        context.cur_step_num = state["steps"]
        due = [c for c in callbacks if (context.cur_step_num_in_epoch - 1) % c.step_size == 0]
        for callback in due:
            callback.ds_step_begin(context)
        yield row
        for callback in due:
            callback.ds_step_end(context)
    for callback in callbacks:
        callback.ds_epoch_end(context)


class WaitedDSCallback(Callback, DSCallback):
    """A dataset callback in step with training: pass it both to `map(..., callbacks=...)` and
    to `Model.train(..., callbacks=...)`. Before each step after the first (and each epoch after
    the first) the map waits until training has finished the previous one (its `step_end` /
    `epoch_end`), then calls `sync_step_begin(train_run_context, ds_run_context)` /
    `sync_epoch_begin(...)`, so what the pipeline does next can depend on the last step's
    results (e.g. the loss). A wait longer than `config.get_callback_timeout()` seconds raises
    RuntimeError; once training ends the map no longer waits."""

    def __init__(self, step_size=1):
        super().__init__(step_size)
        self.step_event = threading.Event()
        self.step_run_context = None
        self.epoch_event = threading.Event()
        self.epoch_run_context = None
        self.training_ended = False

    def sync_epoch_begin(self, train_run_context, ds_run_context):
        """Called before each epoch after the first, once training has ended the previous one."""

    def sync_step_begin(self, train_run_context, ds_run_context):
        """Called before each step after the first, once training has ended the previous one."""

    def _wait(self, event, hook):
        if self.training_ended:
            return
        timeout = config.get_callback_timeout()
        arrived = event.wait(timeout=timeout)
        event.clear()
        if not arrived:
            raise RuntimeError(f"{hook} timed out after {timeout} second(s).")

    def epoch_end(self, run_context):
        self.epoch_run_context = run_context
        self.epoch_event.set()

    def step_end(self, run_context):
        self.step_run_context = run_context
        self.step_event.set()

    def end(self, run_context):
        self.epoch_end(run_context)
        self.step_end(run_context)
        self.training_ended = True

    def ds_epoch_begin(self, ds_run_context):
        if ds_run_context.cur_epoch_num > 1:
            self._wait(self.epoch_event, "ds_epoch_begin")
            self.sync_epoch_begin(self.epoch_run_context, ds_run_context)

    def ds_step_begin(self, ds_run_context):
        if ds_run_context.cur_step_num > self.step_size:
            self._wait(self.step_event, "ds_step_begin")
            self.sync_step_begin(self.step_run_context, ds_run_context)
