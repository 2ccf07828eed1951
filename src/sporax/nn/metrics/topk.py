"""Top-k categorical accuracy: the share of samples whose label is among the k largest predictions."""
from __future__ import annotations

import numpy as np

from ._data import IndexedMetric, check_inputs, is_onehot, to_numpy
from .rearrange import rearrange_inputs

__all__ = ["TopKCategoricalAccuracy", "Top1CategoricalAccuracy", "Top5CategoricalAccuracy"]


class TopKCategoricalAccuracy(IndexedMetric):
    """correct / samples, a sample correct when its label is one of its `k` highest scores."""

    def __init__(self, k):
        if isinstance(k, bool) or not isinstance(k, int):
            raise TypeError(f"For 'TopKCategoricalAccuracy', the type of the argument 'k' should be int, but got 'k' "
                            f"type: {type(k)}.")
        if k < 1:
            raise ValueError(f"For 'TopKCategoricalAccuracy', the argument 'k' must be at least 1, but got 'k' value: "
                             f"{k}.")
        self.k = k
        super().__init__()

    def clear(self):
        self._correct_num, self._samples_num = 0, 0

    @rearrange_inputs
    def update(self, *inputs):
        check_inputs("TopKCategoricalAccuracy", inputs)
        y_pred = to_numpy(inputs[0], "TopKCategoricalAccuracy")
        y = to_numpy(inputs[1], "TopKCategoricalAccuracy")
        if y_pred.ndim == y.ndim and is_onehot(y):
            y = y.argmax(axis=1)
        if y_pred.ndim != 2 or self.k > y_pred.shape[1]:
            raise ValueError(f"For 'TopKCategoricalAccuracy.update', the predicted value (inputs[0]) must be (N, C) "
                             f"with C >= k = {self.k}, but got shape {y_pred.shape}.")
        indices = np.argsort(-y_pred, axis=1)[:, :self.k]
        repeated = y.reshape(-1, 1).repeat(self.k, axis=1)
        self._correct_num += np.equal(indices, repeated).sum(axis=1).sum()
        self._samples_num += repeated.shape[0]

    def eval(self):
        if self._samples_num == 0:
            raise RuntimeError("The 'TopKCategoricalAccuracy' can not be calculated, because the number of samples is "
                               "0, please check whether your inputs (predicted value, true value) are empty, or has "
                               "called update method before calling eval method.")
        return self._correct_num / self._samples_num


class Top1CategoricalAccuracy(TopKCategoricalAccuracy):
    """Top-1 accuracy."""

    def __init__(self):
        super().__init__(1)


class Top5CategoricalAccuracy(TopKCategoricalAccuracy):
    """Top-5 accuracy."""

    def __init__(self):
        super().__init__(5)
