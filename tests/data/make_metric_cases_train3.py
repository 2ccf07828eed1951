"""Record MindSpore 2.10's values for the metrics added by the train3 helper (run by hand):

    /work/msvenv/bin/python tests/data/make_metric_cases_train3.py

Writes tests/data/mindspore_2_10_metrics_train3.json: per case, the class, its constructor
arguments, the update inputs and eval's result (or the error class and message).
"""
import json
import pathlib

import numpy as np
import mindspore as ms
import mindspore.train as train

OUT = pathlib.Path(__file__).with_name("mindspore_2_10_metrics_train3.json")
rng = np.random.default_rng(11)
SEG_A = (rng.random((6, 7)) > 0.45).astype(np.int64)
SEG_B = (rng.random((6, 7)) > 0.5).astype(np.int64)
LABEL_MAP_A = rng.integers(0, 3, (5, 6))
LABEL_MAP_B = rng.integers(0, 3, (5, 6))
MASKS_PRED = (rng.random((3, 2, 4, 4)) > 0.5).astype(np.float64)
MASKS_TRUE = (rng.random((3, 2, 4, 4)) > 0.5).astype(np.float64)
CANDIDATES = [["the", "cat", "sat", "on", "the", "mat"], ["a", "dog", "ran", "in", "the", "park", "today"]]
REFERENCES = [[["the", "cat", "is", "on", "the", "mat"], ["there", "is", "a", "cat", "on", "the", "mat"]],
              [["a", "dog", "runs", "in", "the", "park"], ["the", "dog", "ran", "in", "a", "park", "today"]]]

CASES = [
    ("bleu4", "BleuScore", {}, [(CANDIDATES, REFERENCES)]),
    ("bleu2_smooth", "BleuScore", {"n_gram": 2, "smooth": True}, [(CANDIDATES[:1], REFERENCES[:1]),
                                                                  (CANDIDATES[1:], REFERENCES[1:])]),
    ("bleu_no_match", "BleuScore", {"n_gram": 4}, [([["x", "y"]], [[["a", "b", "c"]]])]),
    ("bleu_bad_ngram", "BleuScore", {"n_gram": 5}, []),
    ("hausdorff", "HausdorffDistance", {}, [(SEG_A, SEG_B, 1)]),
    ("hausdorff_directed_taxicab", "HausdorffDistance", {"distance_metric": "taxicab", "directed": True},
     [(LABEL_MAP_A, LABEL_MAP_B, 2)]),
    ("hausdorff_percentile_chessboard", "HausdorffDistance", {"distance_metric": "chessboard", "percentile": 50.0},
     [(LABEL_MAP_A, LABEL_MAP_B, 1)]),
    ("hausdorff_no_crop", "HausdorffDistance", {"crop": False}, [(SEG_A, SEG_B, 1)]),
    ("hausdorff_bad_metric", "HausdorffDistance", {"distance_metric": "cosine"}, []),
    ("hausdorff_missing_label", "HausdorffDistance", {}, [(SEG_A, SEG_B, 7)]),
    ("msd", "MeanSurfaceDistance", {}, [(SEG_A, SEG_B, 1)]),
    ("msd_symmetric_taxicab", "MeanSurfaceDistance", {"symmetric": True, "distance_metric": "taxicab"},
     [(LABEL_MAP_A, LABEL_MAP_B, 0)]),
    ("rmsd", "RootMeanSquareDistance", {}, [(SEG_A, SEG_B, 1)]),
    ("rmsd_symmetric", "RootMeanSquareDistance", {"symmetric": True}, [(LABEL_MAP_A, LABEL_MAP_B, 2)]),
    ("rmsd_bad_label_type", "RootMeanSquareDistance", {}, [(SEG_A, SEG_B, "1")]),
    ("cmm_sensitivity", "ConfusionMatrixMetric", {}, [(MASKS_PRED, MASKS_TRUE)]),
    ("cmm_f1_two", "ConfusionMatrixMetric", {"metric_name": "F1 score"}, [(MASKS_PRED[:2], MASKS_TRUE[:2]),
                                                                         (MASKS_PRED[2:], MASKS_TRUE[2:])]),
    ("cmm_mcc_skip", "ConfusionMatrixMetric", {"metric_name": "mcc", "skip_channel": False},
     [(MASKS_PRED, MASKS_TRUE)]),
    ("cmm_specificity_per_update", "ConfusionMatrixMetric",
     {"metric_name": "specificity", "calculation_method": True}, [(MASKS_PRED[:2], MASKS_TRUE[:2]),
                                                                  (MASKS_PRED[2:], MASKS_TRUE[2:])]),
    ("cmm_ppv_per_update_sum", "ConfusionMatrixMetric",
     {"metric_name": "precision", "calculation_method": True, "decrease": "sum"}, [(MASKS_PRED, MASKS_TRUE)]),
    ("cmm_ba_mean_channel", "ConfusionMatrixMetric",
     {"metric_name": "balanced accuracy", "calculation_method": True, "decrease": "mean"},
     [(MASKS_PRED, MASKS_TRUE)]),
    ("cmm_pt", "ConfusionMatrixMetric", {"metric_name": "pt"}, [(MASKS_PRED, MASKS_TRUE)]),
    ("cmm_fm", "ConfusionMatrixMetric", {"metric_name": "fowlkes mallows index"}, [(MASKS_PRED, MASKS_TRUE)]),
    ("cmm_mk", "ConfusionMatrixMetric", {"metric_name": "markedness"}, [(MASKS_PRED, MASKS_TRUE)]),
    ("cmm_bad_decrease", "ConfusionMatrixMetric", {"decrease": "avg"}, []),
    ("cmm_not_binary", "ConfusionMatrixMetric", {}, [(MASKS_PRED, MASKS_TRUE * 0.5)]),
]


def tolist(value):
    return value.tolist() if isinstance(value, np.ndarray) else value


def run(class_name, kwargs, updates):
    try:
        metric = getattr(train, class_name)(**kwargs)
        for update in updates:
            metric.update(*update)
        return {"result": tolist(np.asarray(metric.eval(), np.float64))}
    except Exception as error:  # noqa: BLE001 - recorded for the tests
        return {"error": [type(error).__name__, str(error)]}


cases = []
for label, class_name, kwargs, updates in CASES:
    case = {"label": label, "class": class_name, "kwargs": kwargs,
            "updates": [[tolist(a) for a in update] for update in updates]}
    case.update(run(class_name, kwargs, updates))
    cases.append(case)


class Classifier(ms.nn.Cell):
    """A fixed linear classifier over a 1x4x4 image: logits = W·flatten(x)."""

    def __init__(self, weight):
        super().__init__()
        self.weight = ms.Tensor(weight)
        self.matmul = ms.ops.MatMul(transpose_b=True)

    def construct(self, x):
        return self.matmul(x.reshape(x.shape[0], -1), self.weight)


WEIGHT = rng.standard_normal((3, 16)).astype(np.float32)
IMAGE = rng.standard_normal((1, 1, 4, 4)).astype(np.float32)
occlusion = []
for kwargs in ({}, {"margin": 1, "n_batch": 5, "pad_val": 0.5}, {"b_box": [0, 0, 1, 2, 0, 3]}):
    metric = train.OcclusionSensitivity(**kwargs)
    metric.update(Classifier(WEIGHT), IMAGE, ms.Tensor(np.array(1)))
    occlusion.append({"kwargs": kwargs, "result": np.asarray(metric.eval(), np.float64).tolist()})
OUT.write_text(json.dumps({"cases": cases, "occlusion": {"weight": WEIGHT.tolist(), "image": IMAGE.tolist(),
                                                         "runs": occlusion}}, indent=0))
print({c["label"]: c.get("error", c.get("result")) for c in cases if "error" in c})
