"""`ConfusionMatrixMetric`: rates derived from per-sample, per-class confusion counts of binary
masks (sensitivity, specificity, precision, F1, MCC, ... 17 of them, with their aliases)."""
from __future__ import annotations

import numpy as np

from .metric import Metric
from ._data import check_inputs, to_numpy
from .rearrange import rearrange_inputs

__all__ = ["ConfusionMatrixMetric"]

DECREASES = ("none", "mean", "sum", "mean_batch", "sum_batch", "mean_channel", "sum_channel")

_ALIASES = {
    "tpr": ("sensitivity", "recall", "hit_rate", "true_positive_rate", "tpr"),
    "tnr": ("specificity", "selectivity", "true_negative_rate", "tnr"),
    "ppv": ("precision", "positive_predictive_value", "ppv"),
    "npv": ("negative_predictive_value", "npv"),
    "fnr": ("miss_rate", "false_negative_rate", "fnr"),
    "fpr": ("fall_out", "false_positive_rate", "fpr"),
    "fdr": ("false_discovery_rate", "fdr"),
    "for": ("false_omission_rate", "for"),
    "pt": ("prevalence_threshold", "pt"),
    "ts": ("threat_score", "critical_success_index", "ts", "csi"),
    "acc": ("accuracy", "acc"),
    "ba": ("balanced_accuracy", "ba"),
    "f1": ("f1_score", "f1"),
    "mcc": ("matthews_correlation_coefficient", "mcc"),
    "fm": ("fowlkes_mallows_index", "fm"),
    "bm": ("informedness", "bookmaker_informedness", "bm"),
    "mk": ("markedness", "deltap", "mk"),
}
_CANONICAL = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}


def _rate(numerator, denominator):
    return np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1), np.nan)


def _fraction(tp, fp, tn, fn):
    """name → (numerator, denominator) of each rate, from the counts (arrays of one shape)."""
    p, n = tp + fn, fp + tn
    tpr, tnr = _rate(tp, p), _rate(tn, n)
    return {
        "tpr": lambda: (tp, p), "tnr": lambda: (tn, n), "ppv": lambda: (tp, tp + fp), "npv": lambda: (tn, tn + fn),
        "fnr": lambda: (fn, p), "fpr": lambda: (fp, n), "fdr": lambda: (fp, fp + tp), "for": lambda: (fn, fn + tn),
        "pt": lambda: (np.sqrt(tpr * (1.0 - tnr)) + tnr - 1.0, tpr + tnr - 1.0),
        "ts": lambda: (tp, tp + fn + fp), "acc": lambda: (tp + tn, p + n), "ba": lambda: (tpr + tnr, 2.0),
        "f1": lambda: (tp * 2.0, tp * 2.0 + fn + fp),
        "mcc": lambda: (tp * tn - fp * fn, np.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))),
        "fm": lambda: (np.sqrt(_rate(tp, tp + fp) * tpr), 1.0), "bm": lambda: (tpr + tnr - 1.0, 1.0),
        "mk": lambda: (_rate(tp, tp + fp) + tn / (tn + fn) - 1.0, 1.0),
    }


def metric_from_counts(metric_name, counts):
    """The named rate of confusion counts [..., (tp, fp, tn, fn)]; NaN where undefined."""
    name = _CANONICAL.get(metric_name.replace(" ", "_").lower())
    if name is None:
        raise NotImplementedError("The metric is not implemented.")
    counts = np.asarray(counts, float)
    if counts.ndim == 1:
        counts = counts[None]
    if counts.shape[-1] != 4:
        raise ValueError("For 'ConfusionMatrix', the size of the last dimension of confusion_matrix must be 4, but got "
                         f"{counts.shape[-1]}.")
    with np.errstate(divide="ignore", invalid="ignore"):
        numerator, denominator = _fraction(*(counts[..., i] for i in range(4)))[name]()
        if isinstance(denominator, np.ndarray):
            return np.where(denominator != 0, numerator / np.where(denominator != 0, denominator, 1), np.nan)
        return numerator / denominator


def confusion_counts(y_pred, y, skip_channel=True):
    """(batch, class, 4) counts (tp, fp, tn, fn) of binary masks (batch, class, ...);
    skip_channel=False drops channel 0 (the background) when there are several."""
    if not skip_channel:
        y = y[:, 1:] if y.shape[1] > 1 else y
        y_pred = y_pred[:, 1:] if y_pred.shape[1] > 1 else y_pred
    y, y_pred = y.astype(float), y_pred.astype(float)
    if y.shape != y_pred.shape:
        raise ValueError(f"The 'y_shape' should be equal to 'y_pred_shape', but got {y.shape} and {y_pred.shape}.")
    batch, classes = y_pred.shape[:2]
    y_pred, y = y_pred.reshape(batch, classes, -1), y.reshape(batch, classes, -1)
    tp = (y_pred + y == 2).astype(float).sum(axis=2)
    tn = (y_pred + y == 0).astype(float).sum(axis=2)
    positives = y.sum(axis=2)
    negatives = y.shape[-1] - positives
    return np.stack([tp, negatives - tn, tn, positives - tp], axis=-1)


def reduce_metric(chart, decrease="mean"):
    """(chart, not_nans) of a (batch, class) chart reduced as `decrease` says, NaNs ignored."""
    chart = np.array(chart, float)
    not_nans = (~np.isnan(chart)).astype(float)
    chart[np.isnan(chart)] = 0
    with np.errstate(divide="ignore", invalid="ignore"):
        if decrease == "mean":
            per_sample = not_nans.sum(axis=1)
            chart = np.where(per_sample > 0, chart.sum(axis=1) / per_sample, np.zeros(1))
            not_nans = (per_sample > 0).astype(float).sum(axis=0)
            chart = np.where(not_nans > 0, chart.sum(axis=0) / not_nans, np.zeros(1))
        elif decrease == "sum":
            not_nans, chart = not_nans.sum(axis=(0, 1)), np.sum(chart, axis=(0, 1))
        elif decrease in ("mean_batch", "mean_channel"):
            axis = 0 if decrease == "mean_batch" else 1
            not_nans = not_nans.sum(axis=axis)
            chart = np.where(not_nans > 0, chart.sum(axis=axis) / not_nans, np.zeros(1))
        elif decrease in ("sum_batch", "sum_channel"):
            axis = 0 if decrease == "sum_batch" else 1
            not_nans, chart = not_nans.sum(axis=axis), chart.sum(axis=axis)
    return chart, not_nans


class ConfusionMatrixMetric(Metric):
    """From binary masks y_pred, y of shape (batch, class, ...): the confusion counts per
    sample and class. calculation_method=False sums the counts over everything seen and eval
    is `metric_name` of the totals; True computes the metric per update, reduced by `decrease`
    ('mean', 'sum', 'mean_batch', ...), and eval averages those weighted by their valid count."""

    def __init__(self, skip_channel=True, metric_name="sensitivity", calculation_method=False, decrease="mean"):
        super().__init__()
        for name, value in (("skip_channel", skip_channel), ("calculation_method", calculation_method)):
            if not isinstance(value, bool):
                raise TypeError(f"For 'ConfusionMatrixMetric', the type of '{name}' should be 'bool', but got type "
                                f"'{type(value).__name__}'.")
        for name, value in (("metric_name", metric_name), ("decrease", decrease)):
            if not isinstance(value, str):
                raise TypeError(f"For 'ConfusionMatrixMetric', the type of '{name}' should be 'str', but got type "
                                f"'{type(value).__name__}'.")
        if decrease not in DECREASES:
            raise ValueError(f"The 'decrease' must be str and must be in '{list(DECREASES)}', but got '{decrease}'.")
        self.skip_channel, self.metric_name = skip_channel, metric_name
        self.calculation_method, self.decrease = calculation_method, decrease
        self.clear()

    def clear(self):
        self._total_num, self._class_num = 0, 0
        self._total_tp = self._total_fp = self._total_tn = self._total_fn = 0.0

    @rearrange_inputs
    def update(self, *inputs):
        """inputs: (y_pred, y), binary masks of shape (batch, class, ...)."""
        check_inputs("ConfusionMatrixMetric", inputs)
        y_pred, y = to_numpy(inputs[0], "ConfusionMatrixMetric"), to_numpy(inputs[1], "ConfusionMatrixMetric")
        if not np.all(y.astype(np.uint8) == y):
            raise ValueError("For 'ConfusionMatrix.update', the true value (input[1]) must be a binarized ndarray.")
        if y_pred.ndim < 2:
            raise ValueError("For 'ConfusionMatrix.update', the predicted value (input[0]) must have at least 2 "
                             f"dimensions, but got {y_pred.ndim}.")
        if self.calculation_method and (y_pred.ndim == 2 or (y_pred.ndim == 3 and y_pred.shape[-1] == 1)):
            # MindSpore 2.10 fails here with a NumPy unpacking error; say what is wrong instead.
            raise ValueError("For 'ConfusionMatrixMetric', 'calculation_method=True' needs predictions with spatial "
                             f"dimensions (batch, class, ...), but got shape {y_pred.shape}.")
        counts = confusion_counts(y_pred, y, self.skip_channel)
        if self.calculation_method:
            score, valid = reduce_metric(metric_from_counts(self.metric_name, counts), self.decrease)
            valid = int(np.asarray(valid).item())
            self._total_num += np.asarray(score).item() * valid
            self._class_num += valid
            return
        counts, _ = reduce_metric(counts, "sum")
        self._total_tp += counts[0].item()
        self._total_fp += counts[1].item()
        self._total_tn += counts[2].item()
        self._total_fn += counts[3].item()

    def eval(self):
        if self.calculation_method:
            if self._class_num == 0:
                raise RuntimeError("The 'ConfusionMatrixMetric' can not be calculated, because the number of samples "
                                   "is 0, please check whether your inputs(predicted value, true value) are empty, or "
                                   "has called update method before calling eval method.")
            return self._total_num / self._class_num
        return metric_from_counts(self.metric_name,
                                  np.array([self._total_tp, self._total_fp, self._total_tn, self._total_fn]))
