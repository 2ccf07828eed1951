"""nn.FTRL and ops.ApplyFtrl against real MindSpore 2.10 (tests/data/make_ftrl_outputs.py)."""
import pathlib

import numpy as np
import pytest

from sporax import Parameter, Tensor, nn, ops

DATA = np.load(pathlib.Path(__file__).parents[1] / "data" / "mindspore_2_10_ftrl.npz")
CASES = {
    "default": {},
    "l1_l2": {"learning_rate": 0.1, "l1": 0.001, "l2": 0.001},
    "power": {"learning_rate": 0.05, "lr_power": -0.3, "l1": 0.05, "initial_accum": 0.2},
    "fixed_rate": {"learning_rate": 0.2, "lr_power": 0.0, "l2": 0.01},
    "decay_scale": {"learning_rate": 0.1, "weight_decay": 0.01, "loss_scale": 4.0},
}


@pytest.mark.parametrize("case", CASES)
def test_five_steps_match_mindspore(case):
    param = Parameter(Tensor(DATA[f"{case}/w0"]), name="w")
    opt = nn.FTRL([param], **CASES[case])
    for step, grad in enumerate(DATA[f"{case}/grads"]):
        assert opt((Tensor(grad),)) is True
        for what, value in (("w", param), ("moments", opt.moments[0]), ("linear", opt.linear[0])):
            np.testing.assert_allclose(value.asnumpy(), DATA[f"{case}/{what}/{step}"], rtol=1e-5, atol=1e-6,
                                       err_msg=f"{case} step {step} {what}")
    assert (opt.moments[0].name, opt.linear[0].name, int(opt.global_step.asnumpy()[0])) == ("moments.w", "linear.w", 5)


def test_l1_term_is_mindspores_plus_l1_for_either_sign():
    var = Parameter(Tensor(np.float32([1.0, 1.0])), name="var")
    accum = Parameter(Tensor(np.float32([1.0, 1.0])), name="accum")
    linear = Parameter(Tensor(np.float32([0.0, 0.0])), name="linear")
    ops.ApplyFtrl()(var, accum, linear, Tensor(np.float32([3.0, -3.0])), 1.0, 0.5, 0.0, -0.5)
    lin = np.float32([3.0, -3.0]) - (np.sqrt(np.float32(10)) - 1) * 1
    np.testing.assert_allclose(linear.asnumpy(), lin, rtol=1e-6)
    np.testing.assert_allclose(var.asnumpy(), (0.5 - lin) / np.sqrt(np.float32(10)), rtol=1e-6)
    assert repr(ops.ApplyFtrl()) == "Prim[ApplyFtrl]<use_locking=False, side_effect_mem=True>"


@pytest.mark.parametrize("kwargs, error, message", [
    ({"learning_rate": 1}, TypeError, "'learning_rate' must be a float"),
    ({"learning_rate": -0.1}, ValueError, "'learning_rate' must be > 0"),
    ({"lr_power": 0.5}, ValueError, "'lr_power' must be <= 0.0"),
    ({"l1": -1.0}, ValueError, "'l1' must be >= 0.0"),
    ({"l2": 1}, TypeError, "'l2' must be a float"),
    ({"initial_accum": -0.1}, ValueError, "'initial_accum' must be >= 0.0"),
    ({"use_locking": 1}, TypeError, "'use_locking' must be a bool"),
    ({"loss_scale": 0.0}, ValueError, "'loss_scale' must be a float > 0"),
])
def test_bad_arguments_name_the_argument(kwargs, error, message):
    with pytest.raises(error, match=message):
        nn.FTRL([Parameter(Tensor(np.ones(2, np.float32)), name="w")], **kwargs)


def test_apply_ftrl_checks_its_inputs():
    var = Parameter(Tensor(np.ones(2, np.float32)), name="v")
    accum = Parameter(Tensor(np.ones(2, np.float32)), name="a")
    linear = Parameter(Tensor(np.zeros(2, np.float32)), name="l")
    with pytest.raises(ValueError, match="the shape of 'grad' must be \\(2,\\)"):
        ops.ApplyFtrl()(var, accum, linear, Tensor(np.ones(3, np.float32)), 0.1, 0.0, 0.0, -0.5)
    np.testing.assert_array_equal(var.asnumpy(), [1, 1])
    with pytest.raises(TypeError, match="'use_locking' must be a bool"):
        ops.ApplyFtrl(use_locking="no")
