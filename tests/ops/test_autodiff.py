"""Gradients against finite differences and hand-derived formulas, in both modes."""
import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, ParameterTuple, Tensor, nn, ops

MODES = [ms.PYNATIVE_MODE, ms.GRAPH_MODE]


def f64(a):
    return Tensor(np.asarray(a, np.float64))


class Quadratic(nn.Cell):
    """sum(tanh(W x + b)²) · s, with W, b Parameters and a frozen scale s."""

    def __init__(self):
        super().__init__()
        rng = np.random.default_rng(0)
        self.w = Parameter(f64(rng.standard_normal((3, 4))), name="w")
        self.b = Parameter(f64(rng.standard_normal(3)), name="b")
        self.s = Parameter(f64(2.0), name="s", requires_grad=False)

    def construct(self, x, y):
        h = ops.tanh(ops.matmul(self.w, x) + self.b)
        return ((h * h).sum() + (y * x).sum()) * self.s


def finite_difference(f, values, eps=1e-6):
    grads = []
    for value in values:
        grad = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            saved = value[index]
            value[index] = saved + eps
            up = f()
            value[index] = saved - eps
            down = f()
            value[index] = saved
            grad[index] = (up - down) / (2 * eps)
        grads.append(grad)
    return grads


class Wrap(nn.Cell):
    def __init__(self, net, grad):
        super().__init__()
        self.net, self.grad = net, grad

    def construct(self, *args):
        return self.grad(self.net, ParameterTuple((self.net.w, self.net.b)))(*args)


@pytest.mark.parametrize("mode", MODES)
def test_gradients_match_finite_differences(mode):
    ms.set_context(mode=mode)
    net = Quadratic()
    x, y = np.random.default_rng(1).standard_normal(4), np.random.default_rng(2).standard_normal(4)
    grad = ops.GradOperation(get_all=True, get_by_list=True)
    (gx, gy), (gw, gb) = Wrap(net, grad)(f64(x), f64(y))
    w, b = net.w.asnumpy(), net.b.asnumpy()

    def loss():
        h = np.tanh(w @ x + b)
        return float(((h * h).sum() + (y * x).sum()) * 2.0)

    for got, expected in zip((gx, gy, gw, gb), finite_difference(loss, [x, y, w, b])):
        np.testing.assert_allclose(got.asnumpy(), expected, rtol=1e-6, atol=1e-8)
    # hand-derived: d/db = 2·s·h·(1 − h²)
    h = np.tanh(w @ x + b)
    np.testing.assert_allclose(gb.asnumpy(), 4 * h * (1 - h * h), rtol=1e-12)


@pytest.mark.parametrize("mode", MODES)
def test_grad_operation_variants(mode):
    ms.set_context(mode=mode)
    net = Quadratic()
    x, y = f64(np.ones(4)), f64(np.arange(4.0))
    first = ops.GradOperation()(net)(x, y)
    all_inputs = ops.GradOperation(get_all=True)(net)(x, y)
    assert isinstance(first, Tensor) and len(all_inputs) == 2
    np.testing.assert_array_equal(first.asnumpy(), all_inputs[0].asnumpy())
    weights = ParameterTuple((net.w, net.b))
    by_list = ops.GradOperation(get_by_list=True)(net, weights)(x, y)
    scaled = ops.GradOperation(get_by_list=True, sens_param=True)(net, weights)(x, y, f64(3.0))
    for a, b in zip(by_list, scaled):
        np.testing.assert_allclose(b.asnumpy(), 3 * a.asnumpy(), rtol=1e-12)
    np.testing.assert_allclose(all_inputs[1].asnumpy(), 2.0 * x.asnumpy(), rtol=1e-12)  # d/dy = s·x


def test_grad_and_value_and_grad_forms():
    net = Quadratic()
    x, y = f64(np.ones(4)), f64(np.arange(4.0))
    weights = ParameterTuple((net.w, net.b))
    assert isinstance(ops.grad(net)(x, y), Tensor)
    assert len(ops.grad(net, (0, 1))(x, y)) == 2
    positions, params = ops.grad(net, 0, weights)(x, y)
    assert isinstance(positions, Tensor) and len(params) == 2
    assert len(ops.grad(net, None, weights)(x, y)) == 2
    value, grads = ops.value_and_grad(net, None, weights)(x, y)
    np.testing.assert_allclose(float(value), float(net(x, y)))

    def with_aux(x, y):
        return net(x, y), x * 2

    (value, aux), grads = ms.value_and_grad(with_aux, 0, has_aux=True)(x, y)
    np.testing.assert_array_equal(aux.asnumpy(), x.asnumpy() * 2)
    grads_only, aux_only = ops.grad(with_aux, 0, has_aux=True)(x, y)
    np.testing.assert_array_equal(grads_only.asnumpy(), grads.asnumpy())


def test_integer_inputs_get_zero_gradients():
    def fn(x, n):
        return (x * 2.0).sum()

    gx, gn = ops.GradOperation(get_all=True)(fn)(f64([1.0, 2.0]), Tensor(np.array([1, 2])))
    assert gx.asnumpy().tolist() == [2.0, 2.0] and gn.asnumpy().tolist() == [0, 0]


def test_parameters_written_during_the_forward_are_written_once():
    bn = nn.BatchNorm1d(2).set_train(True)
    x = Tensor(np.array([[1.0, 2.0], [3.0, 6.0]], np.float32))
    ops.GradOperation()(lambda x: bn(x).sum())(x)
    np.testing.assert_allclose(bn.moving_mean.asnumpy(), [0.2, 0.4], rtol=1e-6)


@pytest.mark.parametrize("call, error, match", [
    (lambda: ops.GradOperation(get_all=1), TypeError, "'get_all' must be a bool"),
    (lambda: ops.GradOperation()(5), TypeError, "'fn' must be callable"),
    (lambda: ops.GradOperation(get_by_list=True)(lambda x: x), ValueError, "'weights' must be given"),
    (lambda: ops.grad(lambda x: x, 3)(f64([1.0])), ValueError, "'grad_position' must be in"),
    (lambda: ops.grad(lambda x: x, "0")(f64([1.0])), TypeError, "'grad_position' must be an int"),
    (lambda: ops.value_and_grad(lambda x: x, None, None), ValueError, "can not both be None"),
    (lambda: ops.grad(lambda x: x, 0, weights=[1])(f64([1.0])), TypeError, "'weights' must be a Parameter"),
    (lambda: ops.grad(lambda x: x.astype(ms.int32), 0)(f64([1.0])), TypeError, "must return floating Tensors"),
])
def test_bad_arguments(call, error, match):
    with pytest.raises(error, match=match):
        call()
