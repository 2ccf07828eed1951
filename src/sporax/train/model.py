"""Model (`mindspore.train.Model`): train, eval and predict over any iterable of batches.

A dataset is anything iterable, again for every epoch, that yields `(data, label)` pairs
(NumPy arrays or Tensors) — or a callable returning such an iterator.
"""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from ..common.tensor import Tensor
from ..nn.cell import Cell
from ..nn.metrics import Metric, get_metric
from ..nn.wrap import TrainOneStepCell, WithEvalCell, WithLossCell
from .callback import Callback, RunContext

__all__ = ["Model"]


def _tensor(value):
    return value if isinstance(value, Tensor) else Tensor(np.asarray(value))


def _batches(dataset):
    source = dataset() if callable(dataset) and not hasattr(dataset, "__iter__") else dataset
    for batch in source:
        if not isinstance(batch, (tuple, list)) or len(batch) < 2:
            raise TypeError(f"Model: every batch must be a (data, label) pair, but got {type(batch).__name__}.")
        yield tuple(_tensor(b) for b in batch)


def _callbacks(callbacks):
    if callbacks is None:
        return []
    callbacks = list(callbacks) if isinstance(callbacks, (list, tuple)) else [callbacks]
    for cb in callbacks:
        if not isinstance(cb, Callback):
            raise TypeError(f"Model: every callback must be a Callback, but got {type(cb).__name__}.")
    return callbacks


class Model:
    """High-level training: `Model(network, loss_fn, optimizer, metrics={'accuracy'})`."""

    def __init__(self, network, loss_fn=None, optimizer=None, metrics=None, eval_network=None, eval_indexes=None,
                 amp_level="O0", boost_level="O0", **kwargs):
        if not isinstance(network, Cell):
            raise TypeError(f"For 'Model', the 'network' must be a Cell, but got {type(network).__name__}.")
        if loss_fn is not None and not isinstance(loss_fn, Cell):
            raise TypeError(f"For 'Model', the 'loss_fn' must be a Cell, but got {type(loss_fn).__name__}.")
        if amp_level not in ("O0",):
            raise ValueError(f"For 'Model', sporax supports amp_level 'O0' (use Cell.to_float for mixed precision), "
                             f"but got {amp_level!r}.")
        self._network = network
        self._loss_fn = loss_fn
        self._optimizer = optimizer
        self._metrics = self._build_metrics(metrics)
        if optimizer is not None:
            trained = WithLossCell(network, loss_fn) if loss_fn is not None else network
            self._train_network = TrainOneStepCell(trained, optimizer)
        else:
            self._train_network = None
        if eval_network is not None:
            self._eval_network = eval_network
        elif loss_fn is not None:
            self._eval_network = WithEvalCell(network, loss_fn)
        else:
            self._eval_network = None

    @staticmethod
    def _build_metrics(metrics):
        if metrics is None:
            return {}
        if isinstance(metrics, (set, list, tuple)):
            return {name: get_metric(name) for name in metrics}
        if isinstance(metrics, dict):
            for name, metric in metrics.items():
                if not isinstance(metric, Metric):
                    raise TypeError(f"For 'Model', metric {name!r} must be a Metric, but got {type(metric).__name__}.")
            return dict(metrics)
        raise TypeError(f"For 'Model', the 'metrics' must be a set, list or dict, but got {type(metrics).__name__}.")

    @property
    def train_network(self):
        return self._train_network

    @property
    def eval_network(self):
        return self._eval_network

    def train(self, epoch, train_dataset, callbacks=None, dataset_sink_mode=False, sink_size=-1, initial_epoch=0):
        """Train for `epoch` epochs; callbacks see every step."""
        if self._train_network is None:
            raise RuntimeError("For 'Model.train', an optimizer is needed.")
        if isinstance(epoch, bool) or not isinstance(epoch, int) or epoch <= 0:
            raise ValueError(f"For 'Model.train', the 'epoch' must be a positive int, but got {epoch!r}.")
        callbacks = _callbacks(callbacks)
        net = self._train_network
        net.set_train(True)
        if hasattr(train_dataset, "create_tuple_iterator"):
            # A sporax.dataset: one iterator for all epochs, as MindSpore does, so each
            # epoch reshuffles (a seeded for-loop over the dataset would repeat epoch 0).
            train_dataset = train_dataset.create_tuple_iterator(num_epochs=epoch - initial_epoch)
        first = list(_batches(train_dataset))
        params = SimpleNamespace(epoch_num=epoch, batch_num=len(first), cur_epoch_num=initial_epoch, cur_step_num=0,
                                 net_outputs=None, train_network=net, optimizer=self._optimizer, network=self._network)
        context = RunContext(params)
        for cb in callbacks:
            cb.on_train_begin(context)
        for e in range(initial_epoch, epoch):
            params.cur_epoch_num = e + 1
            for cb in callbacks:
                cb.on_train_epoch_begin(context)
            batches = first if e == initial_epoch else list(_batches(train_dataset))
            params.batch_num = len(batches)
            for batch in batches:
                params.cur_step_num += 1
                for cb in callbacks:
                    cb.on_train_step_begin(context)
                params.net_outputs = net(*batch)
                for cb in callbacks:
                    cb.on_train_step_end(context)
                if context.get_stop_requested():
                    break
            for cb in callbacks:
                cb.on_train_epoch_end(context)
            if context.get_stop_requested():
                break
        for cb in callbacks:
            cb.on_train_end(context)
        net.set_train(False)

    def eval(self, valid_dataset, callbacks=None, dataset_sink_mode=False):
        """{metric name: value} over the dataset."""
        if self._eval_network is None or not self._metrics:
            raise RuntimeError("For 'Model.eval', a loss_fn (or eval_network) and metrics are needed.")
        self._eval_network.set_train(False)
        for metric in self._metrics.values():
            metric.clear()
        for batch in _batches(valid_dataset):
            loss, outputs, label = self._eval_network(*batch)
            for metric in self._metrics.values():
                if type(metric).__name__ == "Loss":
                    metric.update(loss)
                else:
                    metric.update(outputs, label)
        return {name: metric.eval() for name, metric in self._metrics.items()}

    def predict(self, *predict_data):
        self._network.set_train(False)
        return self._network(*(_tensor(d) for d in predict_data))
