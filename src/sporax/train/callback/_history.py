"""`History`: the network's output and the evaluation metrics of every epoch."""
from __future__ import annotations

import numpy as np

from ...common.tensor import Tensor
from ._callback import Callback

__all__ = ["History"]


class History(Callback):
    """After training, `history` maps 'net_output' (the mean loss of each epoch's last step)
    and each metric `Model.fit` evaluated to their per-epoch lists; `epoch['epoch']` lists the
    epochs."""

    def __init__(self):
        super().__init__()
        self.history = {}
        self.epoch = None

    def begin(self, run_context):
        self.epoch = {"epoch": []}

    def epoch_end(self, run_context):
        params = run_context.original_args()
        self.epoch["epoch"].append(params.get("cur_epoch_num", 1))
        output = params.net_outputs
        if isinstance(output, (tuple, list)) and isinstance(output[0], Tensor):
            output = output[0]
        if isinstance(output, Tensor):
            output = np.mean(output.asnumpy())
        current = {"net_output": output}
        current.update(params.get("metrics") or {})
        for key, value in current.items():
            self.history.setdefault(key, []).append(value)
