"""Model, callbacks, the demo (>= 97% test accuracy) and equal training in both modes."""
import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, nn
from sporax._cli import demo
from sporax.train import LossMonitor, Model, TimeMonitor


@pytest.fixture(autouse=True)
def pynative_after():
    yield
    ms.set_context(mode=ms.PYNATIVE_MODE)


def test_demo_reaches_97_percent_and_saves_a_checkpoint(tmp_path):
    accuracy, net = demo.run(checkpoint=str(tmp_path / "digits.ckpt"), quiet=True)
    assert accuracy >= 0.97
    loaded = ms.load_checkpoint(str(tmp_path / "digits.ckpt"))
    np.testing.assert_array_equal(loaded["fc3.weight"].asnumpy(), net.fc3.weight.asnumpy())


def train_steps(mode, steps=12):
    ms.set_context(mode=mode)
    ms.set_seed(1)
    x_train, y_train, _, _ = demo.load_digits_split()
    net = demo.LeNet5()
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    step = nn.TrainOneStepCell(nn.WithLossCell(net, loss), nn.Momentum(net.trainable_params(), 0.01, 0.9))
    step.set_train()
    for k in range(steps):
        step(Tensor(x_train[k * 32:(k + 1) * 32]), Tensor(y_train[k * 32:(k + 1) * 32]))
    return {p.name: p.asnumpy() for p in net.get_parameters()}


def test_pynative_and_graph_training_give_the_same_parameters():
    eager, graph = train_steps(ms.PYNATIVE_MODE), train_steps(ms.GRAPH_MODE)
    for name in eager:
        np.testing.assert_allclose(graph[name], eager[name], rtol=1e-5, atol=1e-5)


def test_model_train_eval_predict_and_callbacks(capsys):
    ms.set_seed(0)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((64, 4)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int32)
    data = [(x[i:i + 16], y[i:i + 16]) for i in range(0, 64, 16)]
    net = nn.Dense(4, 2)
    model = Model(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"),
                  nn.Momentum(net.trainable_params(), 0.1, 0.9), metrics={"accuracy", "loss"})
    model.train(20, data, callbacks=[LossMonitor(4), TimeMonitor()])
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("epoch: 1 step: 4, loss is ") and "per step time:" in out[1]
    result = model.eval(data)
    assert result["accuracy"] >= 0.9 and result["loss"] < 0.5
    assert model.predict(x[:3]).shape == (3, 2)


def test_model_validation():
    with pytest.raises(TypeError, match="'network' must be a Cell"):
        Model(lambda x: x)
    model = Model(nn.Dense(2, 2))
    with pytest.raises(RuntimeError, match="an optimizer is needed"):
        model.train(1, [])
    with pytest.raises(ValueError, match="'train_dataset' should return two elements, but got 1"):
        Model(nn.Dense(2, 2), nn.MSELoss(), nn.SGD(nn.Dense(2, 2).trainable_params())).train(1, [np.ones(2)])
