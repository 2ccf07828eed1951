"""PYNATIVE differentiation compiled once per input signature (`_runtime.compiled_grad`):
same gradients and state as the op-by-op path, one program per signature and training
state, and the eager path wherever the forward cannot be traced."""
import numpy as np
import pytest

import sporax as ms
from sporax import nn, ops


@pytest.fixture(autouse=True)
def _pynative():
    ms.set_context(mode=ms.PYNATIVE_MODE)
    yield


class _Net(nn.Cell):
    def __init__(self, dropout=False):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, pad_mode="pad", padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.relu = nn.ReLU()
        self.pool = nn.MaxPool2d(2, 2)
        self.flat = nn.Flatten()
        self.fc = nn.Dense(4 * 4 * 4, 3)
        self.drop = nn.Dropout(p=0.5) if dropout else None

    def construct(self, x):
        x = self.flat(self.pool(self.relu(self.bn(self.conv(x)))))
        if self.drop is not None:
            x = self.drop(x)
        return self.fc(x)


def _set(net):
    rng = np.random.default_rng(0)
    for _, p in sorted(net.parameters_and_names(), key=lambda item: item[0]):
        p.set_data(ms.Tensor((0.3 * rng.standard_normal(p.shape)).astype(np.float32)))


def _data(batch=2):
    rng = np.random.default_rng(1)
    x = ms.Tensor(rng.standard_normal((batch, 1, 8, 8)).astype(np.float32))
    return x, ms.Tensor(np.arange(batch, dtype=np.int32) % 3)


def _train(cached, steps=3, batch=2, dropout=False):
    net = _Net(dropout)
    _set(net)
    net.set_train(True)
    loss_fn = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    opt = nn.Momentum(net.trainable_params(), 0.1, 0.9)
    grad_fn = ms.value_and_grad(lambda x, y: loss_fn(net(x), y), None, opt.parameters)
    grad_fn.__sporax_grad_cache__.enabled = cached
    x, y = _data(batch)
    record = []
    for _ in range(steps):
        loss, grads = grad_fn(x, y)
        opt(grads)
        record.append((loss.asnumpy(), [g.asnumpy() for g in grads], net.bn.moving_mean.asnumpy(),
                       net.bn.moving_variance.asnumpy(), net.fc.weight.asnumpy()))
    return record, grad_fn.__sporax_grad_cache__


def test_cached_gradients_equal_the_op_by_op_path_step_by_step():
    cached, cache = _train(True)
    eager, _ = _train(False)
    assert cache.compiles == 1
    for (la, ga, ma, va, wa), (lb, gb, mb, vb, wb) in zip(cached, eager):
        # One XLA program against op-by-op kernels: the same math, float32 rounding apart
        # (XLA fuses and reorders reductions), measured at a few ulps here.
        np.testing.assert_allclose(la, lb, rtol=2e-6, atol=0)
        for a, b in zip(ga, gb):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(ma, mb, rtol=1e-6, atol=1e-7)  # BatchNorm's moving stats
        np.testing.assert_allclose(va, vb, rtol=1e-6, atol=1e-7)
        np.testing.assert_allclose(wa, wb, rtol=1e-5, atol=1e-6)


def test_dense_gradients_are_bit_identical_to_the_op_by_op_path():
    def grads(cached):
        net = nn.Dense(5, 3)
        _set(net)
        fn = ms.value_and_grad(lambda x: (net(x) * net(x)).sum(), 0, net.trainable_params())
        fn.__sporax_grad_cache__.enabled = cached
        loss, (gx, gw) = fn(ms.Tensor(np.linspace(-1, 1, 10, dtype=np.float32).reshape(2, 5)))
        return [loss.asnumpy(), gx.asnumpy()] + [g.asnumpy() for g in gw]

    for a, b in zip(grads(True), grads(False)):
        assert a.dtype == b.dtype and np.array_equal(a, b)


def test_a_new_input_shape_compiles_a_new_program_and_the_old_one_is_reused():
    net = _Net()
    _set(net)
    net.set_train(True)
    fn = ms.value_and_grad(lambda x: net(x).sum(), None, net.trainable_params())
    cache = fn.__sporax_grad_cache__
    fn(_data(2)[0])
    fn(_data(2)[0])
    assert cache.compiles == 1
    loss4, _ = fn(_data(4)[0])
    assert cache.compiles == 2
    fn(_data(2)[0])
    assert cache.compiles == 2
    reference = ms.value_and_grad(lambda x: net(x).sum(), None, net.trainable_params())
    reference.__sporax_grad_cache__.enabled = False
    np.testing.assert_allclose(loss4.asnumpy(), reference(_data(4)[0])[0].asnumpy(), rtol=1e-5)


def test_switching_the_training_flag_traces_another_program():
    net = _Net()
    _set(net)
    fn = ms.value_and_grad(lambda x: net(x).sum(), None, net.trainable_params())
    cache = fn.__sporax_grad_cache__
    x = _data()[0]
    net.set_train(True)
    train_loss = fn(x)[0].asnumpy()
    net.set_train(False)
    eval_loss = fn(x)[0].asnumpy()
    assert cache.compiles == 2
    net.set_train(True)
    assert np.array_equal(fn(x)[0].asnumpy(), train_loss) and cache.compiles == 2
    net.set_train(False)
    eager = ms.value_and_grad(lambda x: net(x).sum(), None, net.trainable_params())
    eager.__sporax_grad_cache__.enabled = False
    np.testing.assert_allclose(eval_loss, eager(x)[0].asnumpy(), rtol=1e-6)
    assert not np.allclose(train_loss, eval_loss)  # BatchNorm's batch vs moving statistics


def test_python_control_flow_on_a_value_runs_eagerly_and_takes_each_branch():
    net = nn.Dense(2, 1)
    _set(net)

    def forward(x, sign):
        y = net(x).sum()
        if int(sign) > 0:  # the Python value of an input: a compiled program cannot branch on it
            return y * 2
        return y * -3

    fn = ms.value_and_grad(forward, 0)
    cache = fn.__sporax_grad_cache__
    w = net.weight.asnumpy().ravel()
    x = np.array([[1.0, 2.0]], np.float32)
    y = float((x @ w + net.bias.asnumpy()).sum())
    for sign, scale in ((1, 2), (-1, -3), (1, 2)):
        loss, gx = fn(ms.Tensor(x), ms.Tensor(np.int32(sign)))
        np.testing.assert_allclose(loss.asnumpy(), scale * y, rtol=1e-6)
        np.testing.assert_allclose(gx.asnumpy(), scale * w[None], rtol=1e-6)
    assert cache.compiles == 0


def test_a_python_print_in_the_forward_prints_on_every_call(capsys):
    net = nn.Dense(2, 1)
    _set(net)

    def forward(x):
        print("forward")
        return net(x).sum()

    fn = ms.value_and_grad(forward, 0)
    for _ in range(3):
        fn(ms.Tensor(np.ones((1, 2), np.float32)))
    assert capsys.readouterr().out == "forward\n" * 3
    assert fn.__sporax_grad_cache__.compiles == 0


def test_a_cell_attribute_written_in_construct_counts_every_call():
    class Counting(nn.Cell):
        def __init__(self):
            super().__init__()
            self.fc = nn.Dense(2, 1)
            self.calls = 0

        def construct(self, x):
            self.calls = self.calls + 1
            return self.fc(x).sum()

    net = Counting()
    fn = ms.value_and_grad(net, None, net.trainable_params())
    for _ in range(3):
        fn(ms.Tensor(np.ones((1, 2), np.float32)))
    assert net.calls == 3 and fn.__sporax_grad_cache__.compiles == 0


def test_the_print_op_in_a_cached_forward_prints_on_every_call_in_order(capsys):
    net = nn.Dense(2, 1)
    _set(net)
    show = ops.Print()

    def forward(x):
        y = net(x).sum()
        show("loss", y)
        return y

    fn = ms.value_and_grad(forward, 0)
    x = ms.Tensor(np.ones((1, 2), np.float32))
    losses = [float(fn(x)[0]) for _ in range(2)]
    assert fn.__sporax_grad_cache__.compiles == 1
    expected = "".join(f"loss\n{ms.Tensor(np.float32(v))!r}\n" for v in losses)
    assert capsys.readouterr().out == expected


def test_a_forward_with_dropout_runs_eagerly_drawing_the_eager_stream():
    ms.set_seed(5)
    cached, cache = _train(True, steps=2, dropout=True)
    ms.set_seed(5)
    eager, _ = _train(False, steps=2, dropout=True)
    assert cache.compiles == 0
    for a, b in zip(cached, eager):
        assert np.array_equal(a[0], b[0])


def test_train_one_step_cell_compiles_its_step_once():
    net = _Net()
    _set(net)
    loss_net = nn.WithLossCell(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"))
    step = nn.TrainOneStepCell(loss_net, nn.Momentum(net.trainable_params(), 0.1, 0.9))
    step.set_train(True)
    x, y = _data()
    losses = [float(step(x, y).asnumpy()) for _ in range(3)]
    assert step._grad_cache.compiles == 1
    assert losses[2] < losses[0]
