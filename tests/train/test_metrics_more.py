"""BleuScore, the surface distances, ConfusionMatrixMetric and OcclusionSensitivity against the
values real MindSpore 2.10 computes on the same inputs (tests/data/mindspore_2_10_metrics_train3.json,
from tests/data/make_metric_cases_train3.py)."""
import json
import pathlib

import numpy as np
import pytest

import sporax as ms
from sporax import train

FIXTURE = json.loads((pathlib.Path(__file__).parents[1] / "data" / "mindspore_2_10_metrics_train3.json").read_text())
CASES = {case["label"]: case for case in FIXTURE["cases"]}


def _inputs(class_name, update):
    if class_name == "BleuScore":
        return update
    return [np.asarray(a) if isinstance(a, list) else a for a in update]


@pytest.mark.parametrize("label", sorted(CASES))
def test_metric_matches_mindspore(label):
    case = CASES[label]
    try:
        metric = getattr(train, case["class"])(**case["kwargs"])
        for update in case["updates"]:
            metric.update(*_inputs(case["class"], update))
        result = metric.eval()
    except (ValueError, TypeError, RuntimeError) as error:
        assert "error" in case, (label, error)
        assert [type(error).__name__, str(error)] == case["error"]
        return
    assert "error" not in case, label
    np.testing.assert_allclose(np.asarray(result, np.float64), np.asarray(case["result"], np.float64), rtol=1e-12,
                               atol=1e-12)


class Classifier(ms.nn.Cell):
    def __init__(self, weight):
        super().__init__()
        self.weight = ms.Tensor(weight)
        self.matmul = ms.ops.MatMul(transpose_b=True)

    def construct(self, x):
        return self.matmul(x.reshape(x.shape[0], -1), self.weight)


@pytest.mark.parametrize("run", range(3))
def test_occlusion_sensitivity_matches_mindspore(run):
    data = FIXTURE["occlusion"]
    expected = data["runs"][run]
    metric = train.OcclusionSensitivity(**expected["kwargs"])
    metric.update(Classifier(np.asarray(data["weight"], np.float32)), np.asarray(data["image"], np.float32),
                  ms.Tensor(np.array(1)))
    np.testing.assert_allclose(metric.eval(), expected["result"], rtol=1e-5, atol=1e-5)


def test_new_metrics_are_reachable_by_mindspores_names():
    assert type(train.get_metric_fn("bleu_score")).__name__ == "BleuScore"
    assert type(train.get_metric_fn("root_mean_square_distance")).__name__ == "RootMeanSquareDistance"
    assert {"hausdorff_distance", "mean_surface_distance", "occlusion_sensitivity",
            "confusion_matrix_metric"} <= set(train.names())


def test_eval_before_update_is_a_clear_error():
    for metric in (train.BleuScore(), train.HausdorffDistance(), train.MeanSurfaceDistance(),
                   train.OcclusionSensitivity()):
        with pytest.raises(RuntimeError, match="Please call the 'update' method before calling 'eval' method."):
            metric.eval()


def test_confusion_matrix_metric_per_update_needs_spatial_dimensions():
    metric = train.ConfusionMatrixMetric(calculation_method=True)
    with pytest.raises(ValueError, match=r"needs predictions with spatial dimensions \(batch, class, \.\.\.\), but got "
                                         r"shape \(2, 3\)"):
        metric.update(np.ones((2, 3)), np.ones((2, 3)))
