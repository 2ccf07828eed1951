"""`EarlyStopping`: stop training when the monitored value stops improving."""
from __future__ import annotations

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from .. import _checks
from ..serialization import load_param_into_net
from ._callback import Callback
from ._monitored import Improvement, monitor_value

__all__ = ["EarlyStopping"]


class EarlyStopping(Callback):
    """At each epoch's end, `wait` counts the epochs since `monitor` last improved by more than
    `min_delta` ('eval_loss' and the metrics of `Model.fit`'s evaluation, or 'loss'); when
    `wait >= patience` training stops and `stopped_epoch` is set. `restore_best_weights` loads
    the best epoch's parameters back. As MindSpore 2.10, a truthy `baseline` stands for
    `min_delta` (the value it compares against)."""

    def __init__(self, monitor='eval_loss', min_delta=0, patience=0, verbose=False, mode='auto', baseline=None,
                 restore_best_weights=False):
        super().__init__()
        self._improvement = Improvement("EarlyStopping", monitor, mode, min_delta)
        self.monitor, self.mode, self.min_delta = monitor, mode, self._improvement.min_delta
        self.patience = _checks.non_negative_int("EarlyStopping", "patience", patience)
        self.verbose = _checks.boolean("EarlyStopping", "verbose", verbose)
        self.baseline = min_delta if baseline else None
        self.restore_best_weights = _checks.boolean("EarlyStopping", "restore_best_weights", restore_best_weights)
        self.wait = 0
        self.stopped_epoch = 0
        self.best = self._improvement.start()
        self.best_weights_param_dict = None

    def on_train_begin(self, run_context):
        self.wait = 0
        self.stopped_epoch = 0
        self.best = self._improvement.start()
        self.best_weights_param_dict = None

    @staticmethod
    def _snapshot(network):
        return {name: Parameter(Tensor(p.asnumpy()), name=name) for name, p in network.parameters_dict().items()}

    def on_train_epoch_end(self, run_context):
        params = run_context.original_args()
        current = monitor_value("Early stopping", self.monitor, params)
        if current is None:
            return
        if self.restore_best_weights and self.best_weights_param_dict is None:
            self.best_weights_param_dict = self._snapshot(params.train_network)
        self.wait += 1
        if self._improvement.better(current, self.best):
            self.best = current
            if self.restore_best_weights:
                self.best_weights_param_dict = self._snapshot(params.train_network)
            if self.baseline is None or self._improvement.better(current, self.baseline):
                self.wait = 0
        if self.wait >= self.patience:
            self.stopped_epoch = params.get("cur_epoch_num")
            run_context.request_stop()
            if self.restore_best_weights and self.best_weights_param_dict is not None:
                if self.verbose:
                    print("Restoring model weights from the end of the best epoch.")
                load_param_into_net(params.train_network, self.best_weights_param_dict)

    def on_train_end(self, run_context):
        if self.stopped_epoch > 0 and self.verbose:
            print(f"Epoch {self.stopped_epoch:05d}: early stopping")
