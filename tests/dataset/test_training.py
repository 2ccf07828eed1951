"""sporax.dataset feeding Model.train/eval and a hand-written training loop."""
import numpy as np
import pytest

import sporax as ms
import sporax.dataset as ds
import sporax.dataset.transforms as T
from sporax import nn
from sporax.train import LossMonitor, Model


def digits():
    from sklearn.datasets import load_digits
    data = load_digits()
    return data.data.astype(np.float32) / 16.0, data.target.astype(np.int32)


def pipeline(images, labels, batch_size=64, shuffle=True):
    data = ds.NumpySlicesDataset({"image": images, "label": labels}, shuffle=False)
    if shuffle:
        data = data.shuffle(len(labels))
    data = data.map(T.TypeCast(ms.float32), "image").map(T.TypeCast(ms.int32), "label")
    return data.batch(batch_size)


class Mlp(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Dense(64, 32)
        self.fc2 = nn.Dense(32, 10)
        self.relu = nn.ReLU()

    def construct(self, x):
        return self.fc2(self.relu(self.fc1(x)))


class EpochOrders(ms.train.Callback):
    def __init__(self):
        self.losses = []

    def on_train_step_end(self, run_context):
        self.losses.append(float(run_context.original_args().net_outputs.asnumpy()))


def test_model_train_and_eval_on_a_dataset_pipeline(capsys):
    ms.set_context(mode=ms.GRAPH_MODE)
    ds.config.set_seed(0)
    ms.set_seed(0)
    images, labels = digits()
    train = pipeline(images[:1400], labels[:1400])
    test = pipeline(images[1400:], labels[1400:], shuffle=False)
    net = Mlp()
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    model = Model(net, loss, nn.Momentum(net.trainable_params(), 0.1, 0.9), metrics={"acc"})
    record = EpochOrders()
    model.train(4, train, callbacks=[LossMonitor(22), record], dataset_sink_mode=True)
    assert len(record.losses) == 4 * train.get_dataset_size() == 4 * 22
    assert np.mean(record.losses[-22:]) < 0.5 * np.mean(record.losses[:22])
    assert "epoch: 1 step: 22" in capsys.readouterr().out
    assert model.eval(test, dataset_sink_mode=True)["acc"] > 0.85


def test_model_train_reshuffles_each_epoch():
    ds.config.set_seed(1)
    ms.set_seed(1)
    seen = []

    class Labels(ms.train.Callback):
        def on_train_step_begin(self, run_context):
            seen.append(run_context.original_args().train_dataset_element[1].asnumpy().tolist())

    data = ds.NumpySlicesDataset({"x": np.zeros((6, 64), np.float32), "y": np.arange(6, dtype=np.int32)},
                                 shuffle=True).batch(6)
    net = Mlp()
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    Model(net, loss, nn.SGD(net.trainable_params(), 0.01)).train(2, data, callbacks=[Labels()])
    assert len(seen) == 2 and sorted(seen[0]) == sorted(seen[1]) == list(range(6)) and seen[0] != seen[1]


def test_hand_written_loop_over_a_dict_iterator():
    ds.config.set_seed(2)
    ms.set_seed(2)
    images, labels = digits()
    data = pipeline(images[:640], labels[:640])
    net = Mlp()
    loss_fn = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    optimizer = nn.SGD(net.trainable_params(), 0.5)

    def forward(x, y):
        return loss_fn(net(x), y)
    grad_fn = ms.value_and_grad(forward, None, optimizer.parameters)
    losses = []
    iterator = data.create_dict_iterator(num_epochs=3)
    for _ in range(3):
        for row in iterator:
            assert isinstance(row["image"], ms.Tensor) and row["image"].shape[1] == 64
            value, grads = grad_fn(row["image"], row["label"])
            optimizer(grads)
            losses.append(float(value.asnumpy()))
    assert len(losses) == 30 and np.mean(losses[-10:]) < 0.6 * np.mean(losses[:10])
