"""ReLU6, HSigmoid and HSwish differentiate at their kinks as MindSpore's Grad kernels do
(fixture from MindSpore 2.10: tests/data/make_harness2_kink_gradients.py), in both modes."""
import pathlib

import numpy as np
import pytest

import sporax as ms
from sporax import nn, ops

FIXTURE = np.load(pathlib.Path(__file__).resolve().parents[1] / "data" / "mindspore_2_10_kink_gradients.npz")
CASES = {"ReLU6": ops.ReLU6(), "relu6": ops.relu6, "nn.ReLU6": nn.ReLU6(), "HSigmoid": ops.HSigmoid(),
         "HSwish": ops.HSwish(), "hardswish": ops.hardswish, "nn.HSwish": nn.HSwish(), "nn.HSigmoid": nn.HSigmoid()}


@pytest.mark.parametrize("mode", [ms.PYNATIVE_MODE, ms.GRAPH_MODE])
@pytest.mark.parametrize("name", sorted(CASES))
def test_gradient_at_the_kinks_is_mindspores(name, mode):
    ms.set_context(mode=mode)
    try:
        op = CASES[name]
        weights = ms.Tensor(FIXTURE["weights"])

        @ms.jit
        def graph_loss(x):
            return (op(x) * weights).sum()

        def loss(x):
            return (op(x) * weights).sum()

        x = ms.Tensor(FIXTURE["points"])
        grad = ms.grad(graph_loss if mode == ms.GRAPH_MODE else loss)(x).asnumpy()
        np.testing.assert_allclose(op(x).asnumpy(), FIXTURE[name + "/forward"], rtol=1e-6, atol=1e-7)
        np.testing.assert_allclose(grad, FIXTURE[name + "/grad"], rtol=1e-6, atol=1e-7)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


def test_relu6_gradient_passes_at_six_and_stops_at_zero():
    grad = ms.grad(lambda x: ops.relu6(x).sum())(ms.Tensor(np.array([0.0, 6.0, 6.5, -0.5, 3.0], np.float32)))
    assert grad.asnumpy().tolist() == [0.0, 1.0, 0.0, 0.0, 1.0]


def test_clamp_passes_the_gradient_to_x_on_its_bounds_and_clip_by_value_splits_it():
    """Values observed on MindSpore 2.10 CPU: ops.clamp's kernels give x the gradient at a bound
    (the bound gets it only where x is outside), clip_by_value (maximum, minimum) halves it."""
    x = ms.Tensor(np.array([1.0, 2.0, 3.0, 0.0], np.float32))
    low, high = ms.Tensor(np.float32(1)), ms.Tensor(np.float32(3))
    dx, dlow, dhigh = ms.grad(lambda a, lo, hi: ops.clamp(a, lo, hi).sum(), grad_position=(0, 1, 2))(x, low, high)
    assert dx.asnumpy().tolist() == [1.0, 1.0, 1.0, 0.0] and float(dlow) == 1.0 and float(dhigh) == 0.0
    assert ms.grad(lambda a: ops.clamp(a, 1.0).sum())(x).asnumpy().tolist() == [1.0, 1.0, 1.0, 0.0]
    two = ms.Tensor(np.float32(2))
    assert ms.grad(lambda a: ops.clamp(a, two, two).sum())(x[:3]).asnumpy().tolist() == [0.0, 1.0, 0.0]
    assert ms.grad(lambda a: ops.clip_by_value(a, low, high).sum())(x).asnumpy().tolist() == [0.5, 1.0, 0.5, 0.0]
