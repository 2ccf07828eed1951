"""Layers and losses against outputs real MindSpore 2.10 computed with the same weights and
inputs (tests/data/make_layer_outputs.py wrote them; it is never run in CI)."""
import pathlib
import sys

import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, nn

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
sys.path.insert(0, str(DATA))
from layer_cases import CASES, LABELS, LOGITS, PROBS, W  # noqa: E402

STORED = np.load(DATA / "mindspore_2_10_layer_outputs.npz")


@pytest.mark.parametrize("name", sorted(CASES))
def test_layer_output_equals_mindsporess(name):
    cls, kwargs, x = CASES[name]
    ms.set_seed(1)
    cell = getattr(nn, cls)(**kwargs)
    for param_name, param in cell.parameters_and_names():
        param.set_data(Tensor(STORED[f"weight/{name}/{param_name}"]))
    np.testing.assert_allclose(cell(Tensor(x)).asnumpy(), STORED[f"output/{name}"], rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name, compute", [
    ("ce_idx", lambda: nn.CrossEntropyLoss(weight=Tensor(W))(Tensor(LOGITS), Tensor(LABELS))),
    ("ce_prob", lambda: nn.CrossEntropyLoss()(Tensor(LOGITS), Tensor(PROBS))),
    ("ce_smooth", lambda: nn.CrossEntropyLoss(label_smoothing=0.2)(Tensor(LOGITS), Tensor(LABELS))),
    ("bce", lambda: nn.BCEWithLogitsLoss(weight=Tensor(W), pos_weight=Tensor(W[::-1].copy()))(
        Tensor(LOGITS), Tensor((PROBS > .5).astype(np.float32)))),
    ("sce", lambda: nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")(Tensor(LOGITS), Tensor(LABELS))),
])
def test_loss_equals_mindsporess(name, compute):
    np.testing.assert_allclose(compute().asnumpy(), STORED[f"output/{name}"], rtol=1e-5, atol=1e-6)
