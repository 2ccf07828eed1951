"""Loss-scale managers update step by step as MindSpore 2.10's (tests/data/mindspore_2_10_train.json)."""
import json
import pathlib

import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, nn
from sporax.train import DynamicLossScaleManager, FixedLossScaleManager, Model

CASES = json.loads((pathlib.Path(__file__).parents[1] / "data" / "mindspore_2_10_train.json").read_text())["loss_scale"]


def test_dynamic_manager_follows_mindspore_step_by_step():
    manager = DynamicLossScaleManager(init_loss_scale=2 ** 4, scale_factor=2, scale_window=3)
    values = []
    for overflow in CASES["pattern"]:
        manager.update_loss_scale(overflow)
        values.append(manager.get_loss_scale())
    assert values == CASES["dynamic"]
    small = DynamicLossScaleManager(init_loss_scale=2.0, scale_factor=4, scale_window=2)
    values = []
    for overflow in CASES["small_pattern"]:
        small.update_loss_scale(overflow)
        values.append(small.get_loss_scale())
    assert values == CASES["small"]


def test_update_cell_follows_mindspore_step_by_step():
    cell = DynamicLossScaleManager(init_loss_scale=2 ** 4, scale_factor=2, scale_window=3).get_update_cell()
    scale = ms.Parameter(Tensor(np.float32(2.0 ** 4)), name="scale")
    values = []
    for overflow in CASES["pattern"]:
        cell(scale, Tensor(np.bool_(overflow)))
        values.append(float(scale.asnumpy()))
    assert values == CASES["cell"]


def test_fixed_manager():
    fixed = FixedLossScaleManager(loss_scale=64.0, drop_overflow_update=False)
    assert [fixed.get_loss_scale(), fixed.get_drop_overflow_update(), fixed.get_update_cell() is None,
            FixedLossScaleManager(8.0).get_update_cell() is None] == CASES["fixed"]
    fixed.update_loss_scale(True)
    assert fixed.get_loss_scale() == 64.0


@pytest.mark.parametrize("label, build", [("fixed_0.5", lambda: FixedLossScaleManager(0.5)),
                                          ("dynamic_init_0.5", lambda: DynamicLossScaleManager(0.5)),
                                          ("dynamic_factor_0", lambda: DynamicLossScaleManager(scale_factor=0)),
                                          ("dynamic_window_0", lambda: DynamicLossScaleManager(scale_window=0))])
def test_bad_arguments_raise_as_mindspore(label, build):
    kind, message = CASES["errors"][label]
    with pytest.raises({"ValueError": ValueError, "TypeError": TypeError}[kind]) as error:
        build()
    assert str(error.value) == message


def test_model_with_dynamic_manager_skips_overflowing_steps_and_updates_the_scale():
    net = nn.Dense(2, 1)
    manager = DynamicLossScaleManager(init_loss_scale=2.0 ** 10, scale_factor=2, scale_window=2)
    model = Model(net, nn.MSELoss(), nn.SGD(net.trainable_params(), 0.01), loss_scale_manager=manager)
    x = np.ones((4, 2), np.float32)
    before = net.weight.asnumpy().copy()
    huge = [(x * 3e38, np.ones((4, 1), np.float32))]  # the loss overflows float32: step skipped
    model.train(1, huge)
    np.testing.assert_array_equal(net.weight.asnumpy(), before)
    assert manager.get_loss_scale() == 2.0 ** 9
    assert float(model.train_network.scale_sense.asnumpy()) == 2.0 ** 9
    model.train(1, [(x, np.ones((4, 1), np.float32))] * 2)
    assert manager.get_loss_scale() == 2.0 ** 10 and float(model.train_network.scale_sense.asnumpy()) == 2.0 ** 10
    assert not np.array_equal(net.weight.asnumpy(), before)
