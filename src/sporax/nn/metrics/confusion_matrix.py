"""`ConfusionMatrix`: counts of (true class, predicted class) pairs."""
from __future__ import annotations

import numpy as np

from ._data import IndexedMetric, check_inputs, to_numpy
from .rearrange import rearrange_inputs

__all__ = ["ConfusionMatrix"]

_NORMALIZE = ("target", "prediction", "all", "no_norm")


class ConfusionMatrix(IndexedMetric):
    """M[t, p] = number of samples of true class t predicted p (argmax over axis 1 of the
    prediction, or `prediction >= threshold` for float predictions shaped as the labels).
    `normalize`: 'no_norm' (counts), 'target' (rows sum to 1), 'prediction' (columns), 'all'."""

    def __init__(self, num_classes, normalize="no_norm", threshold=0.5):
        if isinstance(num_classes, bool) or not isinstance(num_classes, int):
            raise TypeError(f"For 'ConfusionMatrix', the 'num_classes' must be int, but got "
                            f"{type(num_classes).__name__}.")
        if normalize not in _NORMALIZE:
            raise ValueError("For 'ConfusionMatrix', the argument 'normalize' must be in ['all', 'prediction', "
                             f"'label', 'no_norm'(None)], but got {normalize}.")
        if not isinstance(threshold, float):
            raise TypeError(f"For 'ConfusionMatrix', the 'threshold' must be float, but got "
                            f"{type(threshold).__name__}.")
        self.num_classes, self.normalize, self.threshold = num_classes, normalize, threshold
        super().__init__()

    def clear(self):
        self.confusion_matrix = np.zeros((self.num_classes, self.num_classes))
        self._is_update = False

    @rearrange_inputs
    def update(self, *inputs):
        check_inputs("ConfusionMatrix", inputs)
        y_pred, y = to_numpy(inputs[0], "ConfusionMatrix"), to_numpy(inputs[1], "ConfusionMatrix")
        if not (y_pred.ndim == y.ndim or y_pred.ndim == y.ndim + 1):
            raise ValueError("For 'ConfusionMatrix.update', predicted value (input[0]) and true value (input[1]) "
                             "should have same dimensions, or the dimension of predicted value equals the dimension "
                             f"of true value add 1, but got predicted value ndim: {y_pred.ndim}, true value ndim: "
                             f"{y.ndim}.")
        if y_pred.ndim == y.ndim + 1:
            y_pred = np.argmax(y_pred, axis=1)
        if y_pred.ndim == y.ndim and y_pred.dtype in (np.float16, np.float32, np.float64):
            y_pred = (y_pred >= self.threshold).astype(int)
        pairs = (y.reshape(-1) * self.num_classes + y_pred.reshape(-1)).astype(int)
        if pairs.size and (pairs.min() < 0 or pairs.max() >= self.num_classes ** 2):
            raise ValueError(f"For 'ConfusionMatrix.update', every class must be in [0, {self.num_classes}), "
                             f"but got labels {np.unique(y).tolist()} and predictions {np.unique(y_pred).tolist()}.")
        self.confusion_matrix += np.bincount(pairs, minlength=self.num_classes ** 2).reshape(self.num_classes,
                                                                                           self.num_classes)
        self._is_update = True

    def eval(self):
        if not self._is_update:
            raise RuntimeError("Please call the 'update' method before calling 'eval' method.")
        matrix = self.confusion_matrix.astype(float)
        if self.normalize == "no_norm":
            return matrix
        with np.errstate(invalid="ignore", divide="ignore"):
            matrix = {"target": lambda m: m / m.sum(axis=1, keepdims=True),
                      "prediction": lambda m: m / m.sum(axis=0, keepdims=True),
                      "all": lambda m: m / m.sum()}[self.normalize](matrix)
        matrix[np.isnan(matrix)] = 0
        return matrix
