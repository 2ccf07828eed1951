"""`Precision` and `Recall`: per-class TP / predicted positives and TP / actual positives."""
from __future__ import annotations

import sys

import numpy as np

from ._data import EvaluationBase, check_inputs, is_onehot, to_numpy
from .rearrange import rearrange_inputs

__all__ = ["Precision", "Recall"]


class _ClassRates(EvaluationBase):
    """precision_c = TP_c / (predicted_c + ε), recall_c = TP_c / (actual_c + ε), ε the smallest
    positive float; classification takes each sample's argmax; `eval(average=True)` gives the
    mean over classes (multilabel: over every sample and class)."""

    _NAME = ""
    _PERIOD = ""

    def __init__(self, eval_type="classification"):
        super().__init__(eval_type)
        self.eps = sys.float_info.min
        self.clear()

    def clear(self):
        self._class_num = 0
        if self._type == "multilabel":
            self._true_positives, self._counted = np.empty(0), np.empty(0)
            self._rate_sum, self._rate_count = 0, 0
        else:
            self._true_positives, self._counted = 0, 0

    @rearrange_inputs
    def update(self, *inputs):
        check_inputs(self._NAME, inputs)
        y_pred, y = to_numpy(inputs[0], self._NAME), to_numpy(inputs[1], self._NAME)
        if self._type == "classification" and y_pred.ndim == y.ndim and is_onehot(y):
            y = y.argmax(axis=1)
        self._check_shape(y_pred, y)
        self._check_value(y_pred, y)
        if self._class_num == 0:
            self._class_num = y_pred.shape[1]
        elif y_pred.shape[1] != self._class_num:
            raise ValueError(f"For '{self._NAME}.update', class number not match, last input predicted data contain "
                             f"{self._class_num} classes, but current predicted data contain {y_pred.shape[1]} "
                             "classes, please check your predicted value(inputs[0])" + self._PERIOD)
        classes = self._class_num
        if self._type == "classification":
            if y.max() + 1 > classes:
                raise ValueError(f"For '{self._NAME}.update', predicted value (input[0]) should have the same classes "
                                 f"number as true value (input[1]), but got predicted value classes {classes}, true "
                                 f"value classes {y.max() + 1}.")
            y = np.eye(classes)[y.reshape(-1).astype(int)]
            y_pred = np.eye(classes)[y_pred.argmax(axis=1).reshape(-1)]
        else:
            y_pred = y_pred.swapaxes(1, 0).reshape(classes, -1)
            y = y.swapaxes(1, 0).reshape(classes, -1)
        counted = self._counted_of(y_pred, y).sum(axis=0)
        true_positives = (y * y_pred).sum(axis=0)
        if self._type == "multilabel":
            self._rate_sum += np.sum(true_positives / (counted + self.eps))
            self._rate_count += len(counted)
            self._true_positives = np.concatenate((self._true_positives, true_positives), axis=0)
            self._counted = np.concatenate((self._counted, counted), axis=0)
        else:
            self._true_positives = self._true_positives + true_positives
            self._counted = self._counted + counted

    def eval(self, average=False):
        if self._class_num == 0:
            raise RuntimeError(f"The '{self._NAME}' can not be calculated, because the number of samples is 0, please "
                               "check whether your inputs (predicted value, true value) are empty, or has called "
                               "update method before calling eval method.")
        if not isinstance(average, bool):
            raise TypeError(f"For '{self._NAME}', the 'average' must be a bool, but got {type(average).__name__}.")
        result = self._true_positives / (self._counted + self.eps)
        if average:
            if self._type == "multilabel":
                result = self._rate_sum / (self._rate_count + self.eps)
            return result.mean()
        return result


class Precision(_ClassRates):
    """Per-class precision TP / (TP + FP)."""

    _NAME = "Precision"
    _PERIOD = ""

    @staticmethod
    def _counted_of(y_pred, y):
        return y_pred


class Recall(_ClassRates):
    """Per-class recall TP / (TP + FN)."""

    _NAME = "Recall"
    _PERIOD = "."

    @staticmethod
    def _counted_of(y_pred, y):
        return y
