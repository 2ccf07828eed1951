"""Record MindSpore 2.10's metric values on fixed inputs (run by hand, never in CI):

    /work/msvenv/bin/python tests/data/make_metric_cases.py

Writes tests/data/mindspore_2_10_metrics.json: for each case, the metric's constructor
arguments, the update inputs and what eval returns (or the error class and message).
"""
import json
import pathlib

import numpy as np

import mindspore.train as train

OUT = pathlib.Path(__file__).with_name("mindspore_2_10_metrics.json")

rng = np.random.default_rng(7)
LOGITS = rng.standard_normal((8, 4)).round(3)
LABELS = np.array([0, 1, 2, 3, 1, 1, 0, 2])
MULTI_PRED = (rng.random((6, 3)) > 0.5).astype(np.float64)
MULTI_TRUE = (rng.random((6, 3)) > 0.5).astype(np.float64)
PROBS = rng.random((5, 4)).round(3)
PROB_LABELS = np.array([0, 3, 1, 2, 3])
MASK_PRED = (rng.random((2, 1, 4, 4)) > 0.5).astype(np.float64)
MASK_TRUE = (rng.random((2, 1, 4, 4)) > 0.5).astype(np.float64)
VECTORS = rng.standard_normal((3, 5)).round(3)

# (label, class name, constructor kwargs, list of update argument tuples, eval kwargs)
CASES = [
    ("precision", "Precision", {}, [(LOGITS, LABELS)], {}),
    ("precision_avg_two_updates", "Precision", {}, [(LOGITS[:4], LABELS[:4]), (LOGITS[4:], LABELS[4:])],
     {"average": True}),
    ("precision_multilabel", "Precision", {"eval_type": "multilabel"}, [(MULTI_PRED, MULTI_TRUE)], {}),
    ("precision_multilabel_avg", "Precision", {"eval_type": "multilabel"}, [(MULTI_PRED, MULTI_TRUE)],
     {"average": True}),
    ("recall", "Recall", {}, [(LOGITS, LABELS)], {}),
    ("recall_onehot", "Recall", {}, [(LOGITS, np.eye(4)[LABELS])], {"average": True}),
    ("recall_multilabel", "Recall", {"eval_type": "multilabel"}, [(MULTI_PRED, MULTI_TRUE)], {}),
    ("f1", "F1", {}, [(LOGITS, LABELS)], {}),
    ("fbeta2_avg", "Fbeta", {"beta": 2.0}, [(LOGITS, LABELS)], {"average": True}),
    ("top2", "TopKCategoricalAccuracy", {"k": 2}, [(LOGITS, LABELS)], {}),
    ("top1", "Top1CategoricalAccuracy", {}, [(LOGITS, LABELS)], {}),
    ("top5_on_4", "Top5CategoricalAccuracy", {}, [(LOGITS, LABELS)], {}),
    ("mae", "MAE", {}, [(LOGITS, LOGITS[::-1])], {}),
    ("mse", "MSE", {}, [(LOGITS, LOGITS[::-1]), (LOGITS[:2], np.zeros((2, 4)))], {}),
    ("perplexity", "Perplexity", {}, [(PROBS, PROB_LABELS)], {}),
    ("perplexity_ignore", "Perplexity", {"ignore_label": 3}, [(PROBS, PROB_LABELS)], {}),
    ("dice", "Dice", {}, [(MASK_PRED, MASK_TRUE)], {}),
    ("cosine", "CosineSimilarity", {}, [(VECTORS,)], {}),
    ("cosine_dot_sum", "CosineSimilarity", {"similarity": "dot", "reduction": "sum", "zero_diagonal": False},
     [(VECTORS,)], {}),
    ("accuracy", "Accuracy", {}, [(LOGITS, LABELS)], {}),
    ("confusion", "ConfusionMatrix", {"num_classes": 4}, [(LOGITS, LABELS), (LOGITS[:3], LABELS[:3])], {}),
    ("confusion_target", "ConfusionMatrix", {"num_classes": 4, "normalize": "target"}, [(LOGITS, LABELS)], {}),
    ("confusion_threshold_all", "ConfusionMatrix", {"num_classes": 2, "normalize": "all", "threshold": 0.3},
     [(np.array([0.1, 0.4, 0.8, 0.2]), np.array([0, 1, 1, 1]))], {}),
    ("roc_binary", "ROC", {"pos_label": 1}, [(np.array([0.1, 0.4, 0.35, 0.8, 0.4]), np.array([0, 0, 1, 1, 1]))], {}),
    ("roc_multiclass", "ROC", {"class_num": 4}, [(PROBS, PROB_LABELS)], {}),
    ("roc_no_negatives", "ROC", {}, [(np.array([0.1, 0.4]), np.array([1, 1]))], {}),
    ("confusion_bad_norm", "ConfusionMatrix", {"num_classes": 2, "normalize": "x"}, [], {}),
    ("precision_empty", "Precision", {}, [], {}),
    ("fbeta_bad", "Fbeta", {"beta": 0}, [], {}),
    ("topk_bad", "TopKCategoricalAccuracy", {"k": 0}, [], {}),
    ("precision_bad_type", "Precision", {"eval_type": "x"}, [], {}),
    ("recall_class_mismatch", "Recall", {}, [(LOGITS, LABELS), (LOGITS[:, :3], LABELS % 3)], {}),
]


def plain(value):
    value = np.asarray(value)
    return value.tolist()


def main():
    results = []
    for label, name, kwargs, updates, eval_kwargs in CASES:
        entry = {"label": label, "class": name, "kwargs": kwargs, "updates": [[plain(a) for a in u] for u in updates],
                 "eval_kwargs": eval_kwargs}
        try:
            metric = getattr(train, name)(**kwargs)
            for update in updates:
                metric.update(*update)
            entry["result"] = plain(metric.eval(**eval_kwargs))
        except Exception as error:  # noqa: BLE001 (recorded)
            entry["error"] = [type(error).__name__, str(error)]
        results.append(entry)
    x = np.array([0.0, 0.2, 0.5, 1.0])
    y = np.array([0.0, 0.6, 0.8, 1.0])
    results.append({"label": "auc", "function": "auc", "x": x.tolist(), "y": y.tolist(),
                    "result": float(train.auc(x, y)), "reversed": float(train.auc(x[::-1].copy(), y[::-1].copy()))})
    OUT.write_text(json.dumps({"names": train.names(), "cases": results}, indent=1) + "\n")


if __name__ == "__main__":
    main()
