"""`ROC`: the receiver operating characteristic curve (false/true positive rates by threshold)."""
from __future__ import annotations

import numpy as np

from ._data import IndexedMetric, check_inputs, to_numpy
from .rearrange import rearrange_inputs

__all__ = ["ROC"]


def _binary_curve(preds, target, pos_label):
    """False and true positive counts at each distinct score, scores descending."""
    if preds.ndim > target.ndim:
        preds = preds[:, 0]
    order = np.argsort(-preds)
    preds, target = preds[order], target[order]
    distinct = np.where(preds[1:] - preds[:-1])[0]
    thresholds = np.pad(distinct, (0, 1), constant_values=target.shape[0] - 1)
    positive = np.array(target == pos_label).astype(np.int64)
    tps = np.cumsum(positive, axis=0)[thresholds]
    return 1 + thresholds - tps, tps, preds[thresholds]


def _prepare(y_pred, y, class_num, pos_label):
    if not (y_pred.ndim == y.ndim or y_pred.ndim == y.ndim + 1):
        raise ValueError("For 'ROC', predicted value (input[0]) and true value (input[1]) must have same dimensions, "
                         "or the dimension of predicted value equal the dimension of true value add 1, but got "
                         f"predicted value ndim: {y_pred.ndim}, true value ndim: {y.ndim}.")
    if y_pred.ndim == y.ndim:
        if class_num is not None and class_num != 1:
            raise ValueError("For 'ROC', when predicted value (input[0]) and true value (input[1]) have the same "
                             f"shape, the 'class_num' must be 1, but got {class_num}.")
        return y_pred.flatten(), y.flatten(), 1, 1 if pos_label is None else pos_label
    if pos_label is not None:
        raise ValueError("For 'ROC', when the dimension of predicted value (input[0]) equals the dimension of true "
                         f"value (input[1]) add 1, the 'pos_label' must be None, but got {pos_label}.")
    if class_num != y_pred.shape[1]:
        raise ValueError("For 'ROC', the 'class_num' must equal the number of classes from predicted value "
                         f"(input[0]), but got 'class_num' {class_num}, the number of classes from predicted value "
                         f"{y_pred.shape[1]}.")
    # MindSpore 2.10 reshapes the (N, C) scores to (C, N) in memory order (its transpose(0, 1) is
    # NumPy's identity) and then reads class c as column c of that: kept, so the curves match it.
    return y_pred.reshape(class_num, -1), y.flatten(), class_num, pos_label


class ROC(IndexedMetric):
    """For binary scores (y_pred shaped as y): fpr = FP / N, tpr = TP / P at each distinct
    threshold, from (0, 0) up (the first threshold is max score + 1). For (N, C) scores with
    `class_num` = C: one curve per class, class c positive, the scores laid out as MindSpore 2.10
    lays them (see `_prepare`). Returns (fpr, tpr, thresholds)."""

    def __init__(self, class_num=None, pos_label=None):
        for name, value in (("class_num", class_num), ("pos_label", pos_label)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise TypeError(f"For 'ROC', the '{name}' must be int or None, but got {type(value).__name__}.")
        self.class_num, self.pos_label = class_num, pos_label
        super().__init__()

    def clear(self):
        self.y_pred, self.y = 0, 0
        self._is_update = False

    @rearrange_inputs
    def update(self, *inputs):
        check_inputs("ROC", inputs)
        y_pred, y = to_numpy(inputs[0], "ROC"), to_numpy(inputs[1], "ROC")
        self.y_pred, self.y, self.class_num, self.pos_label = _prepare(y_pred, y, self.class_num, self.pos_label)
        self._is_update = True

    def _curve(self, y_pred, y, class_num, pos_label):
        if class_num == 1:
            fps, tps, thresholds = _binary_curve(y_pred, y, pos_label)
            tps = np.squeeze(np.hstack([np.zeros(1, dtype=tps.dtype), tps]))
            fps = np.squeeze(np.hstack([np.zeros(1, dtype=fps.dtype), fps]))
            thresholds = np.hstack([thresholds[0][None] + 1, thresholds])
            if fps[-1] <= 0:
                raise ValueError("For 'ROC.eval', there is no negative samples in true value, false positive value is "
                                 "meaningless.")
            if tps[-1] <= 0:
                raise ValueError("For 'ROC.eval', there is no positive samples in true value, true positive value is "
                                 "meaningless.")
            return fps / fps[-1], tps / tps[-1], thresholds
        curves = [self._curve(*_prepare(y_pred[:, c], y, 1, c)) for c in range(class_num)]
        return [c[0] for c in curves], [c[1] for c in curves], [c[2] for c in curves]

    def eval(self):
        if not self._is_update:
            raise RuntimeError("Please call the 'update' method before calling 'eval' method.")
        return self._curve(np.squeeze(self.y_pred), np.squeeze(self.y), self.class_num, self.pos_label)
