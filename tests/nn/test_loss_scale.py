"""Loss scaling: an overflowing step is skipped on the device (every Parameter bit-identical)
and the scale halves; finite steps grow it after the window. Both modes."""
import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, Tensor, nn


class Poisonable(nn.Cell):
    """x·w summed; multiplied by a `poison` input that is 1 or inf, to inject inf gradients."""

    def __init__(self):
        super().__init__()
        self.w = Parameter(Tensor(np.array([1.0, 2.0], np.float32)), name="w")

    def construct(self, x, poison):
        return (x * self.w).sum() * poison


def snapshot(cell):
    return {p.name: p.asnumpy().tobytes() for p in cell.get_parameters()}


@pytest.mark.parametrize("mode", [ms.PYNATIVE_MODE, ms.GRAPH_MODE])
def test_inf_gradients_skip_the_step_and_halve_the_scale(mode):
    ms.set_context(mode=mode)
    net = Poisonable()
    opt = nn.Momentum(net.trainable_params(), 0.1, 0.9)
    manager = nn.DynamicLossScaleUpdateCell(loss_scale_value=2.0**10, scale_factor=2, scale_window=3)
    step = nn.TrainOneStepWithLossScaleCell(net, opt, manager)
    x = Tensor(np.array([1.0, 1.0], np.float32))
    one, inf = Tensor(np.float32(1.0)), Tensor(np.float32(np.inf))
    _, overflow, scale = step(x, one)
    assert not bool(overflow) and float(scale) == 1024.0
    before = snapshot(step)
    _, overflow, scale = step(x, inf)
    assert bool(overflow) and float(scale) == 512.0
    after = snapshot(step)
    changed = {k for k in before if before[k] != after[k]}
    assert changed <= {"scale_sense", "current_iterator_step", "last_overflow_iterator_step"}
    assert "w" not in changed and "moments.w" not in changed and "global_step" not in changed


@pytest.mark.parametrize("mode", [ms.PYNATIVE_MODE, ms.GRAPH_MODE])
def test_finite_steps_grow_the_scale_after_the_window(mode):
    ms.set_context(mode=mode)
    net = Poisonable()
    step = nn.TrainOneStepWithLossScaleCell(net, nn.SGD(net.trainable_params(), 0.01),
                                            nn.DynamicLossScaleUpdateCell(8.0, 2, 3))
    x, one = Tensor(np.array([1.0, 1.0], np.float32)), Tensor(np.float32(1.0))
    scales = [float(step(x, one)[2]) for _ in range(7)]
    assert scales == [8.0, 8.0, 16.0, 16.0, 16.0, 32.0, 32.0]


def test_fixed_scale_still_skips_overflowing_steps():
    net = Poisonable()
    step = nn.TrainOneStepWithLossScaleCell(net, nn.Momentum(net.trainable_params(), 0.1, 0.9),
                                            nn.FixedLossScaleUpdateCell(128.0))
    x = Tensor(np.array([1.0, 1.0], np.float32))
    before = net.w.asnumpy().tobytes()
    _, overflow, scale = step(x, Tensor(np.float32(np.nan)))
    assert bool(overflow) and float(scale) == 128.0 and net.w.asnumpy().tobytes() == before


def test_validation():
    with pytest.raises(ValueError, match="'scale_window' must be a positive int"):
        nn.DynamicLossScaleUpdateCell(2.0, 2, 0)
    net = Poisonable()
    with pytest.raises(TypeError, match="'scale_sense' must be a Cell or Tensor"):
        nn.TrainOneStepWithLossScaleCell(net, nn.SGD(net.trainable_params()), 3.0)


def test_scaled_gradients_equal_unscaled_ones():
    a, b = Poisonable(), Poisonable()
    x, one = Tensor(np.array([0.5, -1.0], np.float32)), Tensor(np.float32(1.0))
    nn.TrainOneStepWithLossScaleCell(a, nn.SGD(a.trainable_params(), 0.1), Tensor(np.float32(64.0)))(x, one)
    nn.TrainOneStepCell(b, nn.SGD(b.trainable_params(), 0.1))(x, one)
    np.testing.assert_array_equal(a.w.asnumpy(), b.w.asnumpy())
