"""P.BatchNorm(is_training=True): its documented outputs and its in-place update of the moving
statistics.

MindSpore 2.10 documents batch_mean/batch_variance as the batch's statistics and marks `mean`
and `variance` RW_WRITE (side_effect_mem): new = (1 − momentum)·old + momentum·batch, the
variance with the unbiased batch variance. Its CPU kernel updates the Parameters so (the
differential cases in tests/data/differential_table_rest.py compare them with MindSpore), but
its batch_mean/batch_variance outputs hold reused memory (zeros in PyNative, stale values in a
graph), so they are checked here against a float64 reference of the documented formula.
"""
from __future__ import annotations

import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, Tensor, ops

RNG = np.random.default_rng(7)
X = RNG.standard_normal((4, 3, 2, 2)).astype(np.float32)
MEAN0 = RNG.standard_normal(3).astype(np.float32)
VAR0 = RNG.uniform(0.5, 2.0, 3).astype(np.float32)


def statistics():
    return (Parameter(Tensor(np.ones(3, np.float32)), "scale"), Parameter(Tensor(np.zeros(3, np.float32)), "bias"),
            Parameter(Tensor(MEAN0), "mean"), Parameter(Tensor(VAR0), "variance"))


def reference(momentum):
    x = X.astype(np.float64)
    mean, biased = x.mean((0, 2, 3)), x.var((0, 2, 3))
    n = x.size // x.shape[1]
    return mean, biased, (1 - momentum) * MEAN0 + momentum * mean, (1 - momentum) * VAR0 + momentum * biased * n / (n - 1)


def check(outputs, mean, variance, momentum):
    batch_mean, batch_var, new_mean, new_var = reference(momentum)
    for got, want in ((outputs[1], batch_mean), (outputs[2], batch_var), (outputs[3], batch_mean),
                      (outputs[4], batch_var), (mean, new_mean), (variance, new_var)):
        np.testing.assert_allclose(got.asnumpy(), want, rtol=2e-6, atol=1e-6)


def test_training_returns_batch_statistics_and_updates_the_parameters_eagerly():
    scale, bias, mean, variance = statistics()
    outputs = ops.BatchNorm(is_training=True, momentum=0.3)(Tensor(X), scale, bias, mean, variance)
    check(outputs, mean, variance, 0.3)


def test_training_in_graph_mode_equals_eager():
    scale, bias, mean, variance = statistics()
    norm = ops.BatchNorm(is_training=True, momentum=0.3)

    @ms.jit
    def step(x):
        return norm(x, scale, bias, mean, variance)

    check(step(Tensor(X)), mean, variance, 0.3)


def test_two_training_calls_compound_the_moving_average():
    scale, bias, mean, variance = statistics()
    norm = ops.BatchNorm(is_training=True, momentum=0.5)
    norm(Tensor(X), scale, bias, mean, variance)
    norm(Tensor(X), scale, bias, mean, variance)
    batch_mean, _, _, _ = reference(0.5)
    np.testing.assert_allclose(mean.asnumpy(), 0.25 * MEAN0 + 0.75 * batch_mean, rtol=2e-6, atol=1e-6)


def test_inference_writes_nothing_and_returns_zero_statistics():
    scale, bias, mean, variance = statistics()
    outputs = ops.BatchNorm(is_training=False)(Tensor(X), scale, bias, mean, variance)
    np.testing.assert_array_equal(mean.asnumpy(), MEAN0)
    np.testing.assert_array_equal(variance.asnumpy(), VAR0)
    for statistic in outputs[1:]:
        np.testing.assert_array_equal(statistic.asnumpy(), np.zeros(3, np.float32))


def test_training_with_plain_tensors_leaves_them_unchanged():
    mean, variance = Tensor(MEAN0), Tensor(VAR0)
    outputs = ops.BatchNorm(is_training=True)(Tensor(X), Tensor(np.ones(3, np.float32)),
                                               Tensor(np.zeros(3, np.float32)), mean, variance)
    np.testing.assert_array_equal(mean.asnumpy(), MEAN0)
    np.testing.assert_allclose(outputs[1].asnumpy(), reference(0.1)[0], rtol=2e-6, atol=1e-6)


def test_layer_updates_once_per_training_call():
    layer = ms.nn.BatchNorm2d(3, momentum=0.9)
    layer.moving_mean.set_data(Tensor(MEAN0))
    layer.moving_variance.set_data(Tensor(VAR0))
    layer.set_train()
    layer(Tensor(X))
    _, _, new_mean, new_var = reference(0.1)
    np.testing.assert_allclose(layer.moving_mean.asnumpy(), new_mean, rtol=2e-6, atol=1e-6)
    np.testing.assert_allclose(layer.moving_variance.asnumpy(), new_var, rtol=2e-6, atol=1e-6)


def test_functional_batch_norm_updates_running_statistics_once():
    running_mean, running_var = Parameter(Tensor(MEAN0), "rm"), Parameter(Tensor(VAR0), "rv")
    ops.batch_norm(Tensor(X), running_mean, running_var, Tensor(np.ones(3, np.float32)),
                   Tensor(np.zeros(3, np.float32)), training=True, momentum=0.2)
    _, _, new_mean, new_var = reference(0.2)
    np.testing.assert_allclose(running_mean.asnumpy(), new_mean, rtol=2e-6, atol=1e-6)
    np.testing.assert_allclose(running_var.asnumpy(), new_var, rtol=2e-6, atol=1e-6)


def test_training_primitive_is_a_memory_side_effect():
    assert ops.BatchNorm(is_training=True).attrs.get("side_effect_mem") is True
    assert "side_effect_mem" not in ops.BatchNorm(is_training=False).attrs


@pytest.mark.parametrize("epsilon", [-1e-3, 1.5])
def test_epsilon_out_of_range_is_a_value_error(epsilon):
    with pytest.raises(ValueError, match="For 'BatchNorm', the 'epsilon' must be in"):
        ops.BatchNorm(epsilon=epsilon)
