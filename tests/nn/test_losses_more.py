"""SmoothL1Loss, HuberLoss against real MindSpore 2.10 (tests/data/make_loss_outputs.py):
values and gradients to 1e-5, defaults, argument errors."""
import pathlib
import sys

import numpy as np
import pytest

from sporax import Tensor, nn, ops

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
sys.path.insert(0, str(DATA))
import loss_cases  # noqa: E402

STORED = np.load(DATA / "mindspore_2_10_losses_more.npz")


@pytest.mark.parametrize("name", sorted(loss_cases.CASES))
def test_loss_value_and_gradient_equal_mindsporess(name):
    cls, kwargs, labels = loss_cases.CASES[name]
    cell = getattr(nn, cls)(**kwargs)
    y = Tensor(getattr(loss_cases, labels))
    np.testing.assert_allclose(cell(Tensor(loss_cases.A), y).asnumpy(), STORED[f"out/{name}"], rtol=1e-5, atol=1e-5)
    grad = ops.grad(lambda x: ops.sum(cell(x, y)))(Tensor(loss_cases.A))
    np.testing.assert_allclose(grad.asnumpy(), STORED[f"grad/{name}"], rtol=1e-5, atol=1e-5)


def test_defaults_match_mindspore():
    assert nn.SmoothL1Loss().reduction == "none" and nn.SmoothL1Loss().beta == 1.0
    assert nn.HuberLoss().reduction == "mean" and nn.HuberLoss().delta == 1.0


def test_bad_loss_arguments_raise_named_errors():
    with pytest.raises(ValueError, match="'beta'"):
        nn.SmoothL1Loss(beta=0.0)
    with pytest.raises(TypeError, match="'delta'"):
        nn.HuberLoss(delta="1")
    with pytest.raises(ValueError, match="'reduction'"):
        nn.HuberLoss(reduction="avg")
    with pytest.raises(ValueError, match="same shape"):
        nn.HuberLoss()(Tensor(loss_cases.A), Tensor(loss_cases.B[:2]))
