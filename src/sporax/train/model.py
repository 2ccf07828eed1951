"""`Model` (`mindspore.train.Model`, also `mindspore.Model`): train, evaluate and predict.

A dataset is a `mindspore.dataset` object or anything iterable, again for every epoch, that
yields `(data, label)` pairs (NumPy arrays or Tensors; a dict row gives its values in order)
— or a callable returning such an iterator. `dataset_sink_mode` and `sink_size` are taken;
as MindSpore does on CPU, the data is always fed step by step, so callbacks see every step.

The training network is built as MindSpore's `amp.build_train_network` builds it at level
'O0': `WithLossCell(network, loss_fn)` when a loss is given, then `TrainOneStepCell`, or
`TrainOneStepWithLossScaleCell` when `loss_scale_manager` has an update cell (a dynamic
manager, or a fixed one with `drop_overflow_update=True`); a fixed manager that does not
drop overflowing steps scales the gradients through `sens` (give the optimizer the same
`loss_scale`). After each step the manager's `update_loss_scale(overflow)` runs, as in
MindSpore.
"""
from __future__ import annotations

import copy

import numpy as np

from ..common.tensor import Tensor
from ..nn.cell import Cell
from ..nn.metrics import Loss, Metric
from ..nn.optim.optimizer import Optimizer
from ..nn.wrap import TrainOneStepCell, TrainOneStepWithLossScaleCell, WithEvalCell, WithLossCell
from . import amp
from . import callback as _builtin_callbacks
from .callback._callback import InternalCallbackParam, RunContext, _CallbackManager
from .loss_scale_manager import LossScaleManager
from .metrics import get_metrics

__all__ = ["Model"]

_KWARGS = ("loss_scale_manager", "keep_batchnorm_fp32", "boost_config_dict", "acc_level")
_AMP_LEVELS = ("O0", "O1", "O2", "O3", "auto")


def _tensor(value):
    return value if isinstance(value, Tensor) else Tensor(np.asarray(value))


def _rows(dataset):
    if hasattr(dataset, "create_tuple_iterator"):
        return dataset.create_tuple_iterator(num_epochs=1)
    if callable(dataset) and not hasattr(dataset, "__iter__"):
        return dataset()
    return iter(dataset)


def _batches(dataset, owner):
    """The dataset's rows as tuples of Tensors."""
    for row in _rows(dataset):
        if isinstance(row, dict):
            row = tuple(row.values())
        if not isinstance(row, (tuple, list)):
            row = (row,)
        yield tuple(_tensor(item) for item in row)


def _dataset_size(dataset, batches):
    if hasattr(dataset, "get_dataset_size"):
        return dataset.get_dataset_size()
    return len(batches)


def _check_dataset(owner, name, dataset):
    if dataset is None or not (hasattr(dataset, "__iter__") or callable(dataset)
                               or hasattr(dataset, "create_tuple_iterator")):
        raise TypeError(f"For 'Model.{owner}', the '{name}' must be a dataset or an iterable of batches, but got "
                        f"{type(dataset).__name__}.")


def _positive_int(owner, name, value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"For 'Model.{owner}', the '{name}' must be int, but got {type(value).__name__}.")
    if value <= 0:
        raise ValueError(f"For 'Model.{owner}', the '{name}' must be int and must > 0, but got '{value}' with "
                         "type 'int'.")
    return value


def _check_bool(owner, name, value):
    if not isinstance(value, bool):
        raise TypeError(f"For 'Model.{owner}', the '{name}' must be a bool, but got {type(value).__name__}.")


class Model:
    """High-level training and evaluation of `network`.

    `Model(network, loss_fn=None, optimizer=None, metrics=None, eval_network=None,
    eval_indexes=None, amp_level='O0', boost_level='O0', loss_scale_manager=...,
    keep_batchnorm_fp32=...)`. `metrics` is a set of names ({'accuracy', 'loss'}, see
    `mindspore.train.names()`) or a dict name → Metric. `eval_indexes` = [loss, prediction,
    label] positions in the outputs of a custom `eval_network`.
    """

    def __init__(self, network, loss_fn=None, optimizer=None, metrics=None, eval_network=None, eval_indexes=None,
                 amp_level="O0", boost_level="O0", **kwargs):
        if not isinstance(network, Cell):
            raise TypeError(f"For 'Model', the 'network' must be a Cell, but got {type(network).__name__}.")
        if loss_fn is not None and not isinstance(loss_fn, Cell):
            raise TypeError(f"For 'Model', the 'loss_fn' must be a Cell, but got {type(loss_fn).__name__}.")
        if optimizer is not None and not isinstance(optimizer, Optimizer):
            raise TypeError(f"For 'Model', the 'optimizer' must be an Optimizer, but got {type(optimizer).__name__}.")
        for key in kwargs:
            if key not in _KWARGS:
                raise ValueError(f"The argument in 'kwargs' should be 'loss_scale_manager' or 'keep_batchnorm_fp32' "
                                 f"or 'boost_config_dict' or 'acc_level', but got '{key}'.")
        if not isinstance(amp_level, str) or amp_level not in _AMP_LEVELS:
            raise ValueError(f"For 'Model', the 'amp_level' must be one of {list(_AMP_LEVELS)}, but got "
                             f"{amp_level!r}.")
        if boost_level not in ("O0", "O1", "O2"):
            raise ValueError(f"For 'Model', the 'boost_level' must be one of ['O0', 'O1', 'O2'], but got "
                             f"{boost_level!r}.")
        if optimizer is None and amp_level != "O0":
            raise ValueError("Auto mixed precision will not work because 'optimizer' is None.Please set "
                             "amp_level='O0' to disable auto mixed precision or set 'optimizer' not be None to use "
                             "auto mixed precision.")
        self._loss_scale_manager = kwargs.get("loss_scale_manager")
        if self._loss_scale_manager is not None and not isinstance(self._loss_scale_manager, LossScaleManager):
            raise TypeError(f"For 'Model', the 'loss_scale_manager' must be a LossScaleManager, but got "
                            f"{type(self._loss_scale_manager).__name__}.")
        if self._loss_scale_manager is not None and optimizer is None:
            raise ValueError("The argument 'optimizer' can not be None when set 'loss_scale_manager'.")
        keep_batchnorm_fp32 = kwargs.get("keep_batchnorm_fp32")
        if keep_batchnorm_fp32 is not None and not isinstance(keep_batchnorm_fp32, bool):
            raise TypeError(f"For 'Model', the 'keep_batchnorm_fp32' must be a bool, but got "
                            f"{type(keep_batchnorm_fp32).__name__}.")
        self._network = network
        self._loss_fn = loss_fn
        self._optimizer = optimizer
        self._amp_level = amp_level
        self._boost_level = boost_level
        self._keep_bn_fp32 = keep_batchnorm_fp32
        self._metric_fns = get_metrics(metrics)
        self._train_network = self._build_train_network()
        self._eval_network, self._eval_indexes = self._build_eval_network(eval_network, eval_indexes)
        self._predict_network = network
        self.epoch_iter = 0

    def _build_train_network(self):
        if self._optimizer is None:
            return WithLossCell(self._network, self._loss_fn) if self._loss_fn is not None else self._network
        if self._amp_level != "O0":  # amp hook (sporax.train.amp), as MindSpore's Model calls build_train_network
            amp_kwargs = {}
            if self._loss_scale_manager is not None:
                amp_kwargs["loss_scale_manager"] = self._loss_scale_manager
            if self._keep_bn_fp32 is not None:
                amp_kwargs["keep_batchnorm_fp32"] = self._keep_bn_fp32
            return amp.build_train_network(self._network, self._optimizer, self._loss_fn, level=self._amp_level,
                                           **amp_kwargs)
        network = WithLossCell(self._network, self._loss_fn) if self._loss_fn is not None else self._network
        manager = self._loss_scale_manager
        if manager is not None:
            update_cell = manager.get_update_cell()
            if update_cell is not None:
                return TrainOneStepWithLossScaleCell(network, self._optimizer, scale_sense=update_cell).set_train()
            return TrainOneStepCell(network, self._optimizer, sens=float(manager.get_loss_scale())).set_train()
        return TrainOneStepCell(network, self._optimizer).set_train()

    def _build_eval_network(self, eval_network, eval_indexes):
        if not self._metric_fns:
            return eval_network, None
        if eval_network is not None:
            if eval_indexes is not None and not (isinstance(eval_indexes, list) and len(eval_indexes) == 3):
                raise ValueError("The argument 'eval_indexes' must be a list or None. If 'eval_indexes' is a list, "
                                 f"length of it must be three. But got {eval_indexes}.")
            return eval_network, eval_indexes
        if self._loss_fn is None:
            raise ValueError("If define the 'metrics', and the 'eval_network' is None, the 'loss_fn' should not be "
                             "None.")
        return WithEvalCell(self._network, self._loss_fn), [0, 1, 2]

    @property
    def train_network(self):
        """The network one training step calls."""
        return self._train_network

    @property
    def eval_network(self):
        """The network evaluation calls (returns loss, prediction, label)."""
        return self._eval_network

    @property
    def predict_network(self):
        """The network `predict` calls."""
        return self._predict_network

    # ---- training ---------------------------------------------------------------------

    def train(self, epoch, train_dataset, callbacks=None, dataset_sink_mode=False, sink_size=-1, initial_epoch=0):
        """Train `epoch - initial_epoch` epochs over `train_dataset`; callbacks see every step."""
        self._check_train_args("train", epoch, train_dataset, dataset_sink_mode, sink_size, initial_epoch)
        self._train(epoch, train_dataset, callbacks, initial_epoch, (None, 1))

    def fit(self, epoch, train_dataset, valid_dataset=None, valid_frequency=1, callbacks=None,
            dataset_sink_mode=False, valid_dataset_sink_mode=False, sink_size=-1, initial_epoch=0):
        """Train, evaluating `valid_dataset` every `valid_frequency` epochs (an int) or at the
        listed epochs (a list); the results reach callbacks as `metrics` and `eval_results`
        (with 'eval_loss')."""
        self._check_train_args("fit", epoch, train_dataset, dataset_sink_mode, sink_size, initial_epoch)
        _check_bool("fit", "valid_dataset_sink_mode", valid_dataset_sink_mode)
        if isinstance(valid_frequency, bool) or not isinstance(valid_frequency, (int, list)):
            raise TypeError(f"For 'Model.fit', the type of 'valid_frequency' must be a list or an integer, but got "
                            f"type {type(valid_frequency)}.")
        if isinstance(valid_frequency, int):
            _positive_int("fit", "valid_frequency", valid_frequency)
        if valid_dataset is not None:
            _check_dataset("fit", "valid_dataset", valid_dataset)
            if not self._metric_fns:
                raise ValueError("For 'Model.fit', if valid_dataset is not None, the model argument 'metrics' can not"
                                 " be None or empty, you should set the argument 'metrics' for model.")
        self._train(epoch, train_dataset, callbacks, initial_epoch, (valid_dataset, valid_frequency))

    def _check_train_args(self, owner, epoch, dataset, dataset_sink_mode, sink_size, initial_epoch):
        if self._optimizer is None:
            raise RuntimeError(f"For 'Model.{owner}', an optimizer is needed.")
        _positive_int(owner, "epoch", epoch)
        _check_dataset(owner, "train_dataset", dataset)
        _check_bool(owner, "dataset_sink_mode", dataset_sink_mode)
        if isinstance(sink_size, bool) or not isinstance(sink_size, int) or (sink_size <= 0 and sink_size != -1):
            raise ValueError(f"For 'Model.{owner}', the 'sink_size' must be -1 or a positive int, but got "
                             f"{sink_size!r}.")
        if isinstance(initial_epoch, bool) or not isinstance(initial_epoch, int) or not 0 <= initial_epoch < epoch:
            raise ValueError(f"For 'Model.{owner}', the 'initial_epoch' must be an int in [0, epoch), but got "
                             f"{initial_epoch!r}.")

    @staticmethod
    def _should_eval(epoch, frequency):
        return epoch % frequency == 0 if isinstance(frequency, int) else epoch in frequency

    def _train(self, epoch, dataset, callbacks, initial_epoch, valid):
        net = self._train_network
        # A sporax.dataset is read through one iterator for all epochs, as MindSpore does,
        # so each epoch reshuffles (a fresh iterator per epoch would repeat epoch 0).
        source = dataset.create_tuple_iterator(num_epochs=epoch - initial_epoch) \
            if hasattr(dataset, "create_tuple_iterator") else dataset
        # A dataset that knows its size streams its batches, one step at a time as MindSpore
        # feeds them (a map waiting on WaitedDSCallback needs the step before the next batch);
        # a plain iterable of batches is read once per epoch to count them.
        streams = hasattr(dataset, "get_dataset_size")
        batches = None if streams else list(_batches(source, "train"))
        params = InternalCallbackParam()
        params.train_network = net
        params.epoch_num = epoch - initial_epoch
        params.batch_num = dataset.get_dataset_size() if streams else len(batches)
        params.cur_step_num = 0
        params.mode = "train"
        params.loss_fn = self._loss_fn
        params.optimizer = self._optimizer
        params.parallel_mode = "stand_alone"
        params.device_number = 1
        params.train_dataset = dataset
        params.network = self._network
        params.net_outputs = None
        params.dataset_sink_mode = False
        params.train_dataset_element = None
        params.loss_scale_mananger = self._loss_scale_manager  # MindSpore's spelling
        manager = _CallbackManager(callbacks)
        params.list_callback = manager
        run_context = RunContext(params)
        with manager:
            manager.on_train_begin(run_context)
            for e in range(initial_epoch, epoch):
                params.cur_epoch_num = e + 1
                manager.on_train_epoch_begin(run_context)
                if streams:
                    batches = _batches(source, "train")
                elif e != initial_epoch:
                    batches = list(_batches(source, "train"))
                for batch in batches:
                    if self._loss_fn is not None and len(batch) != 2:
                        raise ValueError("When 'loss_fn' is not None, 'train_dataset' should return two elements, "
                                         f"but got {len(batch)}, please check the number of elements returned by "
                                         "'train_dataset'")
                    params.cur_step_num += 1
                    params.train_dataset_element = batch
                    manager.on_train_step_begin(run_context)
                    net.set_train(True)
                    outputs = net(*batch)
                    params.net_outputs = outputs
                    if self._loss_scale_manager is not None and self._loss_scale_manager.get_drop_overflow_update():
                        self._loss_scale_manager.update_loss_scale(bool(np.all(outputs[1].asnumpy())))
                    manager.on_train_step_end(run_context)
                    if run_context.get_stop_requested():
                        break
                self._eval_during_train(valid, params, manager)
                manager.on_train_epoch_end(run_context)
                params.pop("metrics", None)
                params.pop("eval_results", None)
                if run_context.get_stop_requested():
                    break
            manager.on_train_end(run_context)

    def _eval_during_train(self, valid, params, manager):
        dataset, frequency = valid
        if dataset is None or not self._should_eval(params.cur_epoch_num, frequency):
            return
        saved = params.cur_step_num, params.batch_num, params.dataset_sink_mode, params.net_outputs
        # Of the built-in callbacks (by class name, as MindSpore), only TimeMonitor also runs
        # during fit's evaluation; user callbacks all do.
        eval_callbacks = [cb for cb in manager._callbacks
                          if type(cb).__name__ not in _builtin_callbacks.__all__ or type(cb).__name__ == "TimeMonitor"]
        self._eval(dataset, _CallbackManager(eval_callbacks), params, add_eval_loss=True)
        params.mode = "train"
        params.cur_step_num, params.batch_num, params.dataset_sink_mode, params.net_outputs = saved

    # ---- evaluation and prediction ---------------------------------------------------------

    def eval(self, valid_dataset, callbacks=None, dataset_sink_mode=False):
        """{metric name: value} over `valid_dataset`."""
        _check_dataset("eval", "valid_dataset", valid_dataset)
        _check_bool("eval", "dataset_sink_mode", dataset_sink_mode)
        if not self._metric_fns:
            raise ValueError("For Model.eval, the model argument 'metrics' can not be None or empty, you should set "
                             "the argument 'metrics' for model.")
        params = InternalCallbackParam()
        params.network = self._network
        manager = _CallbackManager(callbacks)
        params.list_callback = manager
        with manager:
            return self._eval(valid_dataset, manager, params, add_eval_loss=False)

    def _eval(self, dataset, manager, params, add_eval_loss):
        batches = list(_batches(dataset, "eval"))
        params.eval_network = self._eval_network
        params.valid_dataset = dataset
        params.batch_num = _dataset_size(dataset, batches)
        params.mode = "eval"
        params.cur_step_num = 0
        params.dataset_sink_mode = False
        for metric in self._metric_fns.values():
            metric.clear()
        eval_loss = Loss()
        run_context = RunContext(params)
        manager.on_eval_begin(run_context)
        manager.on_eval_epoch_begin(run_context)
        self._eval_network.set_train(False)
        for batch in batches:
            params.cur_step_num += 1
            params.eval_dataset_element = batch
            manager.on_eval_step_begin(run_context)
            outputs = self._eval_network(*batch)
            params.net_outputs = outputs
            manager.on_eval_step_end(run_context)
            self._update_metrics(outputs)
            if add_eval_loss:
                eval_loss.update(outputs[self._eval_indexes[0]])
            if run_context.get_stop_requested():
                break
        manager.on_eval_epoch_end(run_context)
        metrics = {name: metric.eval() for name, metric in self._metric_fns.items()}
        params.metrics = metrics
        if add_eval_loss:
            params.eval_results = copy.deepcopy(metrics)
            params.eval_results["eval_loss"] = eval_loss.eval()
        manager.on_eval_end(run_context)
        return metrics

    def _update_metrics(self, outputs):
        if not isinstance(outputs, tuple):
            raise ValueError(f"The argument 'outputs' should be tuple, but got {type(outputs)}.")
        for metric in self._metric_fns.values():
            if self._eval_indexes is None:
                metric.update(*outputs)
            elif isinstance(metric, Loss):
                metric.update(outputs[self._eval_indexes[0]])
            else:
                metric.update(outputs[self._eval_indexes[1]], outputs[self._eval_indexes[2]])

    def predict(self, *predict_data, backend=None, config=None):
        """The network's output for `predict_data` (inference mode)."""
        if backend not in (None, "ms"):
            raise ValueError(f"For 'Model.predict', the 'backend' must be None or 'ms' in sporax, but got {backend!r}.")
        self._predict_network.set_train(False)
        return self._predict_network(*(_tensor(d) for d in predict_data))

    def build(self, train_dataset=None, valid_dataset=None, sink_size=-1, epoch=1, sink_mode=True):
        """Compile ahead of training (MindSpore warms the data pipeline and compiles the graph):
        sporax compiles on the first step instead, so this only checks its arguments."""
        _positive_int("build", "epoch", epoch)
        for name, dataset in (("train_dataset", train_dataset), ("valid_dataset", valid_dataset)):
            if dataset is not None:
                _check_dataset("build", name, dataset)
