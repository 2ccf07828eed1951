"""Record MindSpore 2.10's training tooling (run by hand, never in CI):

    /work/msvenv/bin/python tests/data/make_train_cases.py

Writes tests/data/mindspore_2_10_train.json:
- `checkpoints`: for each ModelCheckpoint scenario (a Dense(4, 2) trained 3 epochs of 4
  steps), the checkpoint files left in the directory after each `Model.train`, in order of
  creation, and `latest_ckpt_file_name`;
- `loss_scale`: Fixed/DynamicLossScaleManager values step by step for an overflow pattern,
  and the update cells' scale after each step;
- `early_stopping`, `reduce_lr`: the epoch that stops / the learning rates, for a fixed
  sequence of monitored values;
- `loss_monitor`: LossMonitor's lines with the numbers blanked.
"""
import json
import os
import pathlib
import re
import tempfile

import numpy as np

import mindspore as ms
import mindspore.dataset as ds
from mindspore import Tensor, nn
from mindspore.train import (CheckpointConfig, DynamicLossScaleManager, EarlyStopping, FixedLossScaleManager,
                             LossMonitor, Model, ModelCheckpoint, ReduceLROnPlateau, RunContext)
from mindspore.train.callback._callback import InternalCallbackParam

OUT = pathlib.Path(__file__).with_name("mindspore_2_10_train.json")

CHECKPOINT_SCENARIOS = {
    # name: (CheckpointConfig kwargs, prefix, number of Model.train runs into the same folder)
    "steps2_keep3": (dict(save_checkpoint_steps=2, keep_checkpoint_max=3), "net", 1),
    "steps3_keep10": (dict(save_checkpoint_steps=3, keep_checkpoint_max=10), "net", 1),
    "reused_prefix": (dict(save_checkpoint_steps=4, keep_checkpoint_max=2), "lenet", 3),
    "keep_per_minute": (dict(save_checkpoint_steps=2, keep_checkpoint_max=0, keep_checkpoint_per_n_minutes=1), "m", 1),
    "steps5_keep1": (dict(save_checkpoint_steps=5, keep_checkpoint_max=1), "CKP", 1),
}


def dataset():
    rng = np.random.default_rng(0)
    data = {"x": rng.standard_normal((16, 4)).astype(np.float32), "y": rng.integers(0, 2, (16,)).astype(np.int32)}
    return ds.NumpySlicesDataset(data=data, shuffle=False).batch(4)


def train_once(directory, config, prefix, callbacks=()):
    net = nn.Dense(4, 2)
    model = Model(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"),
                  nn.Momentum(net.trainable_params(), 0.01, 0.9))
    checkpoint = ModelCheckpoint(prefix=prefix, directory=directory, config=CheckpointConfig(**config))
    model.train(3, dataset(), callbacks=[checkpoint, *callbacks], dataset_sink_mode=False)
    return checkpoint


def checkpoints():
    results = {}
    for name, (config, prefix, runs) in CHECKPOINT_SCENARIOS.items():
        with tempfile.TemporaryDirectory() as directory:
            listings, latest = [], []
            for _ in range(runs):
                checkpoint = train_once(directory, config, prefix)
                files = sorted(os.listdir(directory), key=lambda f: os.path.getmtime(os.path.join(directory, f)))
                listings.append(files)
                latest.append(os.path.basename(checkpoint.latest_ckpt_file_name))
            names = sorted(ms.load_checkpoint(os.path.join(directory, latest[-1])))
        results[name] = {"config": config, "prefix": prefix, "listings": listings, "latest": latest,
                         "parameter_names": names}
    return results


def loss_scale():
    pattern = [False, False, True, False, False, False, True, True, False, False, False, False, False]
    dynamic = DynamicLossScaleManager(init_loss_scale=2 ** 4, scale_factor=2, scale_window=3)
    dynamic_values = []
    for overflow in pattern:
        dynamic.update_loss_scale(overflow)
        dynamic_values.append(dynamic.get_loss_scale())
    fixed = FixedLossScaleManager(loss_scale=64.0, drop_overflow_update=False)
    small = DynamicLossScaleManager(init_loss_scale=2.0, scale_factor=4, scale_window=2)
    small_values = []
    for overflow in [True, True, False, False, False, False]:
        small.update_loss_scale(overflow)
        small_values.append(small.get_loss_scale())
    cell = DynamicLossScaleManager(init_loss_scale=2 ** 4, scale_factor=2, scale_window=3).get_update_cell()
    scale = ms.Parameter(Tensor(2.0 ** 4, ms.float32), name="scale")
    cell_values = []
    for overflow in pattern:
        cell(scale, Tensor(overflow))
        cell_values.append(float(scale.asnumpy()))
    errors = {}
    for label, build in {"fixed_0.5": lambda: FixedLossScaleManager(0.5),
                         "dynamic_init_0.5": lambda: DynamicLossScaleManager(0.5),
                         "dynamic_factor_0": lambda: DynamicLossScaleManager(scale_factor=0),
                         "dynamic_window_0": lambda: DynamicLossScaleManager(scale_window=0)}.items():
        try:
            build()
        except Exception as error:  # noqa: BLE001 (recorded)
            errors[label] = [type(error).__name__, str(error)]
    return {"pattern": pattern, "dynamic": dynamic_values, "small_pattern": [True, True, False, False, False, False],
            "small": small_values, "fixed": [fixed.get_loss_scale(), fixed.get_drop_overflow_update(),
                                              fixed.get_update_cell() is None,
                                              FixedLossScaleManager(8.0).get_update_cell() is None],
            "cell": cell_values, "errors": errors}


def monitored(callback, values, lr=None):
    """Feed `values` as eval_loss per epoch; returns (stopped epoch, learning rates)."""
    optimizer = nn.Momentum(nn.Dense(2, 2).trainable_params(), 0.1 if lr is None else lr, 0.9)
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


def early_and_plateau():
    values = [1.0, 0.9, 0.95, 0.91, 0.89, 0.9, 0.9, 0.9, 0.7, 0.8, 0.8, 0.8, 0.8]
    early = {}
    for label, kwargs in {"patience2": dict(patience=2), "patience3_delta": dict(patience=3, min_delta=0.05),
                          "max_acc": dict(monitor="accuracy", patience=2),
                          "baseline": dict(patience=2, baseline=0.5)}.items():
        early[label] = monitored(EarlyStopping(**kwargs), values)[0]
    plateau = {}
    for label, kwargs in {"patience2": dict(patience=2, factor=0.5),
                          "cooldown": dict(patience=1, factor=0.5, cooldown=2, min_lr=0.02)}.items():
        plateau[label] = monitored(ReduceLROnPlateau(**kwargs), values)[1]
    return {"values": values, "early_stopping": early, "reduce_lr": plateau}


def loss_monitor():
    import contextlib
    import io
    buffer = io.StringIO()
    with tempfile.TemporaryDirectory() as directory, contextlib.redirect_stdout(buffer):
        train_once(directory, dict(save_checkpoint_steps=100), "x", callbacks=[LossMonitor(3)])
    return [re.sub(r"loss is [-0-9.e]+", "loss is L", line) for line in buffer.getvalue().splitlines()]


def main():
    ms.set_seed(1)
    OUT.write_text(json.dumps({"checkpoints": checkpoints(), "loss_scale": loss_scale(),
                               **early_and_plateau(), "loss_monitor": loss_monitor()}, indent=1) + "\n")


if __name__ == "__main__":
    main()
