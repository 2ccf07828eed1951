"""Metrics against the values real MindSpore 2.10 computes on the same inputs
(tests/data/mindspore_2_10_metrics.json, from tests/data/make_metric_cases.py)."""
import json
import pathlib

import numpy as np
import pytest

from sporax import Tensor, nn, train
from sporax.train import Model

FIXTURE = json.loads((pathlib.Path(__file__).parents[1] / "data" / "mindspore_2_10_metrics.json").read_text())
CASES = {case["label"]: case for case in FIXTURE["cases"]}


@pytest.mark.parametrize("label", sorted(label for label, case in CASES.items() if "class" in case))
def test_metric_matches_mindspore(label):
    case = CASES[label]
    try:
        metric = getattr(train, case["class"])(**case["kwargs"])
        for update in case["updates"]:
            metric.update(*[Tensor(np.asarray(a)) if i == 0 else np.asarray(a) for i, a in enumerate(update)])
        result = metric.eval(**case["eval_kwargs"])
    except (ValueError, TypeError, RuntimeError) as error:
        assert "error" in case, (label, error)
        kind, message = case["error"]
        assert type(error).__name__ == kind
        if label == "precision_bad_type":  # MindSpore prints a set: its order varies between runs
            assert str(error).startswith("The argument 'eval_type' must be in")
        elif label != "top5_on_4":  # MindSpore lets NumPy's broadcast error through; sporax says what is wrong
            assert str(error) == message
        return
    assert "error" not in case, label
    assert_nested_close(result, case["result"])


def assert_nested_close(actual, expected):
    """Equal to 1e-12, through the (possibly ragged) lists ROC returns."""
    if isinstance(expected, list) and expected and isinstance(expected[0], list) and not isinstance(actual, np.ndarray):
        assert len(actual) == len(expected)
        for a, e in zip(actual, expected):
            assert_nested_close(a, e)
        return
    np.testing.assert_allclose(np.asarray(actual, np.float64), np.asarray(expected, np.float64), rtol=1e-12,
                               atol=1e-12)


def test_auc_matches_mindspore():
    case = CASES["auc"]
    x, y = np.array(case["x"]), np.array(case["y"])
    assert train.auc(x, y) == pytest.approx(case["result"], abs=1e-15)
    assert train.auc(x[::-1].copy(), y[::-1].copy()) == pytest.approx(case["reversed"], abs=1e-15)
    with pytest.raises(ValueError, match="must be increasing or decreasing"):
        train.auc(np.array([0.0, 1.0, 0.5]), np.array([0.0, 1.0, 1.0]))


def test_names_are_mindspores_that_sporax_has():
    assert set(train.names()) <= set(FIXTURE["names"])
    assert type(train.get_metric_fn("top_1_accuracy")).__name__ == "Top1CategoricalAccuracy"
    with pytest.raises(KeyError, match="unsupported metric nope"):
        train.get_metric_fn("nope")


def test_set_indexes_picks_the_outputs_update_sees():
    metric = train.Top1CategoricalAccuracy().set_indexes([2, 0])
    metric.update(np.array([1, 1]), "ignored", np.array([[0.1, 0.9], [0.8, 0.2]]))  # (labels, _, scores)
    assert metric.eval() == 0.5


def test_model_eval_with_named_metrics():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((16, 4)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int32)
    net = nn.Dense(4, 2)
    model = Model(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"),
                  nn.Momentum(net.trainable_params(), 0.1, 0.9), metrics={"precision", "recall", "F1", "acc"})
    data = [(x[i:i + 4], y[i:i + 4]) for i in range(0, 16, 4)]
    result = model.eval(data)
    logits = net(Tensor(x)).asnumpy()
    expected = train.Precision()
    expected.update(logits, y)
    np.testing.assert_allclose(result["precision"], expected.eval())
    assert result["acc"] == np.mean(logits.argmax(1) == y)
