"""`Fbeta` and `F1`: the weighted harmonic mean of precision and recall, per class."""
from __future__ import annotations

import numbers
import sys

import numpy as np

from ._data import IndexedMetric, check_inputs, is_onehot, to_numpy
from .rearrange import rearrange_inputs

__all__ = ["Fbeta", "F1"]


class Fbeta(IndexedMetric):
    """F_β,c = (1 + β²) · TP_c / (β² · actual_c + predicted_c + ε), over each sample's argmax;
    `eval(average=True)` is the mean over classes."""

    def __init__(self, beta):
        if isinstance(beta, bool) or not isinstance(beta, numbers.Real) or not beta > 0:
            raise ValueError(f"For 'Fbeta', the argument 'beta' must be greater than 0, but got {beta}.")
        self.eps = sys.float_info.min
        self.beta = beta
        super().__init__()

    def clear(self):
        self._true_positives, self._actual_positives, self._positives, self._class_num = 0, 0, 0, 0

    @rearrange_inputs
    def update(self, *inputs):
        check_inputs("Fbeta", inputs)
        y_pred, y = to_numpy(inputs[0], "Fbeta"), to_numpy(inputs[1], "Fbeta")
        if y_pred.ndim == y.ndim and is_onehot(y):
            y = y.argmax(axis=1)
        if self._class_num == 0:
            self._class_num = y_pred.shape[1]
        elif y_pred.shape[1] != self._class_num:
            raise ValueError(f"For 'Fbeta.update', class number not match, last input predicted data contain "
                             f"{self._class_num} classes, but current predicted data contain {y_pred.shape[1]} "
                             "classes, please check your predicted value(inputs[0]).")
        classes = self._class_num
        if y.max() + 1 > classes:
            raise ValueError("For 'Fbeta.update', predicted value(inputs[0]) and true value(inputs[1]) should contain "
                             f"same classes, but got predicted value contains {classes} classes and true value "
                             f"contains {y.max() + 1} classes.")
        y = np.eye(classes)[y.reshape(-1).astype(int)]
        y_pred = np.eye(classes)[y_pred.argmax(axis=1).reshape(-1)]
        self._true_positives = self._true_positives + (y * y_pred).sum(axis=0)
        self._positives = self._positives + y_pred.sum(axis=0)
        self._actual_positives = self._actual_positives + y.sum(axis=0)

    def eval(self, average=False):
        if not isinstance(average, bool):
            raise TypeError(f"For 'Fbeta', the 'average' must be a bool, but got {type(average).__name__}.")
        if self._class_num == 0:
            raise RuntimeError("The 'Fbeta' can not be calculated, because the number of samples is 0, please check "
                               "whether your inputs(predicted value, true value) are empty, or has called update "
                               "method before calling eval method.")
        fbeta = (1.0 + self.beta ** 2) * self._true_positives / (
            self.beta ** 2 * self._actual_positives + self._positives + self.eps)
        return fbeta.mean() if average else fbeta


class F1(Fbeta):
    """F1 = Fbeta(β = 1)."""

    def __init__(self):
        super().__init__(1.0)
