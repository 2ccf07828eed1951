"""`Perplexity`: exp of the mean negative log-probability of the labels."""
from __future__ import annotations

import math

import numpy as np

from ._data import IndexedMetric, check_inputs, to_numpy
from .rearrange import rearrange_inputs

__all__ = ["Perplexity"]


class Perplexity(IndexedMetric):
    """PPL = exp(−Σ log max(p(label), 1e−10) / n) over every label seen (probabilities along the
    last axis of the prediction); labels equal to `ignore_label` do not count."""

    def __init__(self, ignore_label=None):
        if ignore_label is not None and (isinstance(ignore_label, bool) or not isinstance(ignore_label, int)):
            raise TypeError(f"For 'Perplexity', the 'ignore_label' must be an int or None, but got "
                            f"{type(ignore_label).__name__}.")
        self.ignore_label = ignore_label
        super().__init__()

    def clear(self):
        self._sum_metric, self._num_inst = 0.0, 0

    @rearrange_inputs
    def update(self, *inputs):
        check_inputs("Perplexity", inputs, what="(predicted value, label)")
        pred, label = to_numpy(inputs[0], "Perplexity"), to_numpy(inputs[1], "Perplexity")
        if label.size != pred.size / pred.shape[-1]:
            raise RuntimeError("For 'Perplexity.update', predicted value (input[0]) and label (input[1]) should have "
                               f"the same shape, but got predicted value shape {pred.shape}, label shape "
                               f"{label.shape}.")
        label = label.reshape((label.size,))
        picked = np.squeeze(pred.reshape(-1, pred.shape[-1])[np.arange(label.size)[:, None],
                                                            label.astype(int)[:, None]])
        count = 0
        if self.ignore_label is not None:
            ignore = (label == self.ignore_label).astype(picked.dtype)
            count -= np.sum(ignore)
            picked = picked * (1 - ignore) + ignore
        self._sum_metric -= np.sum(np.log(np.maximum(1e-10, picked)))
        self._num_inst += count + picked.size

    def eval(self):
        if self._num_inst == 0:
            raise RuntimeError("The 'Perplexity' can not be calculated, because the number of samples is 0, please "
                               "check whether the update method has been called before calling eval method.")
        return math.exp(self._sum_metric / self._num_inst)
