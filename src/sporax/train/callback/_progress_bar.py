"""`ProgressBar` (sporax's own): one bar over all training steps with the current loss."""
from __future__ import annotations

import sys

from ... import context
from ._callback import Callback, _handle_loss

__all__ = ["ProgressBar"]


class ProgressBar(Callback):
    """A tqdm bar over epoch_num × batch_num steps showing epoch and loss; off with
    `set_context(progress_bar=False)`."""

    def __init__(self, file=None):
        super().__init__()
        self.file = file
        self._bar = None

    def on_train_begin(self, run_context):
        from tqdm import tqdm  # loaded when training starts, not with sporax

        params = run_context.original_args()
        stream = self.file or sys.stderr
        self._bar = tqdm(total=params.epoch_num * params.batch_num, desc="train", unit="step",
                         disable=not context.get_context("progress_bar"), file=stream,
                         mininterval=0.1 if stream.isatty() else 5.0)

    def on_train_step_end(self, run_context):
        params = run_context.original_args()
        loss = _handle_loss(params.net_outputs)
        loss = float(loss.asnumpy().mean()) if hasattr(loss, "asnumpy") else loss
        self._bar.set_postfix(epoch=params.cur_epoch_num, loss=f"{loss:.4f}", refresh=False)
        self._bar.update(1)

    def on_train_end(self, run_context):
        self._bar.close()
