"""WaitedDSCallback keeps a map in step with training: the events of MindSpore 2.10's own
docstring example (observed with the oracle), here driven by a training loop that streams the
batches and calls the callback's `step_end`/`epoch_end`/`end` as a Model does."""
import threading

import numpy as np
import pytest

import sporax.dataset as ds
from sporax.dataset import WaitedDSCallback
from sporax.train import Callback, RunContext
from sporax.train.callback._callback import InternalCallbackParam

MINDSPORE_EVENTS_STEP_1 = [
    "ms_step_end_1_1", "ds_step_begin_1_2", "ms_step_end_1_2", "ds_step_begin_1_3", "ms_step_end_1_3",
    "ds_step_begin_1_4", "ms_step_end_1_4", "ms_epoch_end_1_4", "ds_epoch_begin_2_4", "ds_step_begin_2_5",
    "ms_step_end_2_5", "ds_step_begin_2_6", "ms_step_end_2_6", "ds_step_begin_2_7", "ms_step_end_2_7",
    "ds_step_begin_2_8", "ms_step_end_2_8", "ms_epoch_end_2_8"]


class _Recorder(WaitedDSCallback):
    def __init__(self, events, step_size=1):
        super().__init__(step_size)
        self.events = events

    def sync_epoch_begin(self, train_run_context, ds_run_context):
        self.events.append(f"ds_epoch_begin_{ds_run_context.cur_epoch_num}_{ds_run_context.cur_step_num}")

    def sync_step_begin(self, train_run_context, ds_run_context):
        self.events.append(f"ds_step_begin_{ds_run_context.cur_epoch_num}_{ds_run_context.cur_step_num}")


def _train(data, callback, events, epochs=2):
    """A streaming training loop: one batch, then the callbacks' step_end, and so on."""
    params = InternalCallbackParam(cur_epoch_num=0, cur_step_num=0)
    context = RunContext(params)
    iterator = data.create_tuple_iterator(num_epochs=epochs)
    for epoch in range(1, epochs + 1):
        params.cur_epoch_num = epoch
        for _ in iterator:
            params.cur_step_num += 1
            events.append(f"ms_step_end_{epoch}_{params.cur_step_num}")
            callback.step_end(context)
        events.append(f"ms_epoch_end_{epoch}_{params.cur_step_num}")
        callback.epoch_end(context)
    callback.end(context)


def test_waited_callback_events_match_mindspore_docstring_example():
    events = []
    callback = _Recorder(events, 1)
    data = ds.NumpySlicesDataset(np.arange(4, dtype=np.float32), column_names=["c1"], shuffle=False)
    _train(data.map(operations=(lambda x: x), callbacks=callback), callback, events)
    assert events == MINDSPORE_EVENTS_STEP_1


def test_waited_callback_sees_the_training_context_of_the_previous_step():
    seen = []

    class Loss(WaitedDSCallback):
        def sync_step_begin(self, train_run_context, ds_run_context):
            seen.append((train_run_context.original_args().cur_step_num, ds_run_context.cur_step_num))

    callback = Loss()
    data = ds.NumpySlicesDataset(np.arange(3, dtype=np.float32), column_names=["c1"], shuffle=False)
    _train(data.map(operations=(lambda x: x), callbacks=callback), callback, [], epochs=1)
    assert seen == [(1, 2), (2, 3)]


def test_waited_callback_times_out_with_runtime_error_when_training_never_reports():
    ds.config.set_callback_timeout(1)
    callback = _Recorder([], 1)
    data = ds.NumpySlicesDataset(np.arange(3, dtype=np.float32), column_names=["c1"], shuffle=False)
    iterator = data.map(operations=(lambda x: x), callbacks=callback).create_tuple_iterator(num_epochs=1)
    next(iterator)
    with pytest.raises(RuntimeError, match=r"ds_step_begin timed out after 1 second\(s\)"):
        next(iterator)


def test_waited_callback_is_both_a_training_and_a_dataset_callback():
    callback = _Recorder([])
    assert isinstance(callback, Callback) and isinstance(callback, ds.DSCallback)
    assert isinstance(callback.step_event, type(threading.Event())) and callback.step_size == 1
    assert ds.config.get_callback_timeout() == 60


def test_model_train_streams_batches_so_a_waited_callback_keeps_step():
    from sporax import nn
    from sporax.train import Model

    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.dense = nn.Dense(1, 1)

        def construct(self, x):
            return self.dense(x)

    events = []
    callback = _Recorder(events, 1)
    rows = (np.arange(4, dtype=np.float32).reshape(4, 1), np.zeros((4, 1), np.float32))
    data = ds.NumpySlicesDataset(rows, column_names=["x", "y"], shuffle=False)
    data = data.map(operations=(lambda x: x), input_columns=["x"], callbacks=callback)
    net = Net()
    model = Model(net, nn.MSELoss(), nn.Momentum(net.trainable_params(), 0.01, 0.9))
    ds.config.set_callback_timeout(20)
    try:
        model.train(2, data, callbacks=[callback], dataset_sink_mode=False)
    finally:
        ds.config.set_callback_timeout(60)
    assert [e for e in events if e.startswith("ds_")] == [e for e in MINDSPORE_EVENTS_STEP_1 if e.startswith("ds_")]
