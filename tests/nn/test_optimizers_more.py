"""Optimizers of issue 11 against real MindSpore 2.10: 5 steps of a tiny Dense net
(fixture tests/data/optim/optimizers_more.npz, generator beside it)."""
import pathlib

import numpy as np
import pytest

import sporax as ms
from sporax import nn

FIXTURE = np.load(pathlib.Path(__file__).parents[1] / "data" / "optim" / "optimizers_more.npz")
CASES = {
    "Adagrad_default": (nn.Adagrad, {}),
    "Adagrad_lr_wd": (nn.Adagrad, {"accum": 0.3, "learning_rate": 0.05, "weight_decay": 0.01, "loss_scale": 2.0}),
    # MindSpore 2.10's kernel updates accum whatever update_slots says; sporax's too.
    "Adagrad_no_slots": (nn.Adagrad, {"accum": 1.0, "learning_rate": 0.1, "update_slots": False}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_optimizer_steps_match_mindspore(case):
    cls, kwargs = CASES[case]
    net = nn.Dense(3, 2, weight_init=ms.Tensor(FIXTURE["W0"]), bias_init=ms.Tensor(FIXTURE["B0"]))
    optimizer = cls(net.trainable_params(), **kwargs)
    step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), optimizer,
                               sens=float(kwargs.get("loss_scale", 1.0)))
    for expected in FIXTURE[case]:
        step(ms.Tensor(FIXTURE["X"]), ms.Tensor(FIXTURE["Y"]))
        got = np.concatenate([net.weight.asnumpy().ravel(), net.bias.asnumpy().ravel()])
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


def test_adagrad_rejects_bad_arguments_naming_them():
    params = nn.Dense(3, 2).trainable_params()
    with pytest.raises(TypeError, match="For 'Adagrad', the type of 'accum' must be 'float', but got 'int'."):
        nn.Adagrad(params, accum=1)
    with pytest.raises(ValueError, match="For 'Adagrad', the 'accum' must be greater than or equal to 0.0, but got"):
        nn.Adagrad(params, accum=-0.1)
    with pytest.raises(TypeError, match="the type of 'update_slots' must be 'bool', but got 'int'."):
        nn.Adagrad(params, update_slots=1)


def test_apply_adagrad_primitive_updates_var_and_accum_in_place():
    var = ms.Parameter(ms.Tensor(np.array([1.0, 2.0], np.float32)), name="var")
    accum = ms.Parameter(ms.Tensor(np.array([0.5, 0.5], np.float32)), name="accum")
    ms.ops.ApplyAdagrad()(var, accum, 0.1, ms.Tensor(np.array([0.5, -1.0], np.float32)))
    np.testing.assert_allclose(accum.asnumpy(), [0.75, 1.5], rtol=1e-6)
    np.testing.assert_allclose(var.asnumpy(), [1.0 - 0.05 / np.sqrt(0.75), 2.0 + 0.1 / np.sqrt(1.5)], rtol=1e-6)
