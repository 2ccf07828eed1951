"""Callbacks against MindSpore 2.10's behaviour (tests/data/mindspore_2_10_train.json) and
Model.fit's evaluation results as callbacks see them."""
import json
import pathlib
import re

import numpy as np
import pytest

from sporax import nn
from sporax.train import (Callback, EarlyStopping, History, LambdaCallback, LearningRateScheduler, LossMonitor, Model,
                          ReduceLROnPlateau, RunContext, TimeMonitor)
from sporax.train.callback._callback import InternalCallbackParam

CASES = json.loads((pathlib.Path(__file__).parents[1] / "data" / "mindspore_2_10_train.json").read_text())


def monitored(callback, values):
    optimizer = nn.Momentum(nn.Dense(2, 2).trainable_params(), 0.1, 0.9)
    params = InternalCallbackParam()
    params.optimizer, params.train_network = optimizer, nn.Dense(2, 2)
    context = RunContext(params)
    callback.on_train_begin(context)
    rates, stopped = [], None
    for epoch, value in enumerate(values, 1):
        params.cur_epoch_num = epoch
        params.eval_results = {"eval_loss": value, "accuracy": 1 - value}
        callback.on_train_epoch_end(context)
        rates.append(float(optimizer.learning_rate.asnumpy()))
        if context.get_stop_requested():
            stopped = epoch
            break
    return stopped, rates


@pytest.mark.parametrize("label, kwargs", [("patience2", dict(patience=2)),
                                           ("patience3_delta", dict(patience=3, min_delta=0.05)),
                                           ("max_acc", dict(monitor="accuracy", patience=2)),
                                           ("baseline", dict(patience=2, baseline=0.5))])
def test_early_stopping_stops_where_mindspore_does(label, kwargs):
    callback = EarlyStopping(**kwargs)
    assert monitored(callback, CASES["values"])[0] == CASES["early_stopping"][label]
    assert callback.stopped_epoch == CASES["early_stopping"][label]


@pytest.mark.parametrize("label, kwargs", [("patience2", dict(patience=2, factor=0.5)),
                                           ("cooldown", dict(patience=1, factor=0.5, cooldown=2, min_lr=0.02))])
def test_reduce_lr_on_plateau_gives_mindspores_rates(label, kwargs):
    assert monitored(ReduceLROnPlateau(**kwargs), CASES["values"])[1] == CASES["reduce_lr"][label]


def test_callback_argument_errors():
    with pytest.raises(ValueError, match="mode should be 'auto', 'min' or 'max', but got x."):
        EarlyStopping(mode="x")
    with pytest.raises(ValueError, match="'patience' must be int and must >= 0, but got '-1'"):
        EarlyStopping(patience=-1)
    with pytest.raises(ValueError, match="'factor' must be in range of \\(0.0, 1.0\\), but got 1.0"):
        ReduceLROnPlateau(factor=1.0)
    with pytest.raises(TypeError, match="'data_time' must be a bool, but got int"):
        TimeMonitor(data_time=1)
    with pytest.raises(ValueError, match="'per_print_times' must be int and must >= 0"):
        LossMonitor(-1)
    with pytest.raises(TypeError, match="'on_train_end' must be callable"):
        LambdaCallback(on_train_end=3)


def data():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((16, 4)).astype(np.float32)
    y = rng.integers(0, 2, (16,)).astype(np.int32)
    return [(x[i:i + 4], y[i:i + 4]) for i in range(0, 16, 4)]


def model():
    net = nn.Dense(4, 2)
    return Model(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"),
                 nn.Momentum(net.trainable_params(), 0.01, 0.9), metrics={"accuracy", "loss"})


def test_loss_monitor_prints_mindspores_lines(capsys):
    model().train(3, data(), callbacks=[LossMonitor(3)])
    lines = [re.sub(r"loss is [-0-9.e]+", "loss is L", line) for line in capsys.readouterr().out.splitlines()]
    assert lines == CASES["loss_monitor"]


def test_time_monitor_line(capsys):
    model().train(1, data(), callbacks=[TimeMonitor()])
    assert re.fullmatch(r"Train epoch time: \d+\.\d{3} ms, per step time: \d+\.\d{3} ms\n", capsys.readouterr().out)


def test_fit_evaluates_and_callbacks_see_the_results(capsys):
    seen = []

    hooks = []

    class Recorder(Callback):
        def on_train_epoch_end(self, run_context):
            params = run_context.original_args()
            seen.append((params.cur_epoch_num, sorted(params.get("eval_results", {}))))

        def on_train_begin(self, run_context):
            hooks.append(("train", run_context.original_args().mode))

        def on_eval_begin(self, run_context):
            hooks.append(("eval", run_context.original_args().mode))

    history = History()
    # As in MindSpore, of the built-in callbacks only TimeMonitor also runs in fit's evaluation.
    lam = LambdaCallback(on_eval_begin=lambda c: hooks.append(("lambda", "eval")))
    model().fit(4, data(), data(), valid_frequency=2, callbacks=[Recorder(), history, lam, LossMonitor(0)])
    assert seen == [(1, []), (2, ["accuracy", "eval_loss", "loss"]), (3, []), (4, ["accuracy", "eval_loss", "loss"])]
    assert history.epoch == {"epoch": [1, 2, 3, 4]} and len(history.history["net_output"]) == 4
    assert len(history.history["accuracy"]) == 2  # only the evaluated epochs
    assert hooks == [("train", "train"), ("eval", "eval"), ("eval", "eval")]
    out = capsys.readouterr().out.splitlines()
    assert [line.split(",")[0] for line in out] == ["Eval result: epoch 2", "Eval result: epoch 4"]


def test_fit_on_listed_epochs_and_early_stopping_ends_training():
    seen = []
    model().fit(10, data(), data(), valid_frequency=[1, 2],
                callbacks=[EarlyStopping(monitor="eval_loss", patience=0, min_delta=100),
                           LambdaCallback(on_train_epoch_end=lambda c: seen.append(c.original_args().cur_epoch_num))])
    assert seen == [1]


def test_learning_rate_scheduler_sets_the_rate():
    m = model()
    m.train(1, data(), callbacks=[LearningRateScheduler(lambda lr, step: lr * 0.5 if step % 2 == 0 else lr)])
    assert float(m.train_network.optimizer.learning_rate.asnumpy()) == np.float32(0.01) * 0.25


def test_request_stop_ends_training_after_that_step():
    steps = []
    stopper = LambdaCallback(on_train_step_end=lambda c: (steps.append(c.original_args().cur_step_num),
                                                          c.request_stop() if len(steps) == 3 else None))
    model().train(5, data(), callbacks=[stopper])
    assert steps == [1, 2, 3]


def test_backup_and_restore_resumes_an_interrupted_run(tmp_path):
    from sporax.train import BackupAndRestore

    class Interrupt(Callback):
        def on_train_epoch_end(self, run_context):
            if run_context.original_args().cur_epoch_num == 2:
                raise KeyboardInterrupt

    first = model()
    with pytest.raises(KeyboardInterrupt):
        first.train(5, data(), callbacks=[BackupAndRestore(str(tmp_path)), Interrupt()])
    assert (tmp_path / "backup.ckpt").exists()
    saved = {p.name: p.asnumpy().copy() for p in first.train_network.get_parameters()}
    second = model()
    seen = []
    restored = LambdaCallback(on_train_begin=lambda c: seen.append(
        {p.name: p.asnumpy().copy() for p in c.original_args().train_network.get_parameters()}))
    second.train(1, data(), callbacks=[BackupAndRestore(str(tmp_path)), restored])
    for name, value in saved.items():
        np.testing.assert_array_equal(seen[0][name], value)
    assert not (tmp_path / "backup.ckpt").exists()
    with pytest.raises(ValueError, match="'save_freq' must be int and must > 0"):
        BackupAndRestore(str(tmp_path), save_freq=0)
