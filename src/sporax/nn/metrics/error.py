"""Regression errors: `MAE` (mean absolute error) and `MSE` (mean squared error)."""
from __future__ import annotations

import numpy as np

from ...common.tensor import Tensor
from .metric import Metric
from .rearrange import rearrange_inputs

__all__ = ["MAE", "MSE"]


def _numpy(x, owner):
    if isinstance(x, Tensor):
        return x.asnumpy()
    if isinstance(x, (list, np.ndarray)):
        return np.asarray(x)
    raise TypeError(f"For '{owner}.update', the input data type must be Tensor, list or numpy.ndarray, but got "
                    f"{type(x)}.")


class _Error(Metric):
    _NAME = ""

    def clear(self):
        self._sum = 0.0
        self._samples = 0

    @rearrange_inputs
    def update(self, *inputs):
        if len(inputs) != 2:
            raise ValueError(f"For '{self._NAME}.update', it needs 2 inputs (predicted value, true value), but got "
                             f"{len(inputs)}.")
        y_pred, y = _numpy(inputs[0], self._NAME), _numpy(inputs[1], self._NAME)
        y = y.reshape(y_pred.shape)
        self._sum += self._error(y_pred, y).sum()
        self._samples += y.shape[0]

    def eval(self):
        if self._samples == 0:
            raise RuntimeError(f"The '{self._NAME}' can not be calculated, because the number of samples is 0, "
                               "please check whether your inputs(predicted value, true value) are empty, or has "
                               "called update method before calling eval method.")
        return self._sum / self._samples


class MAE(_Error):
    """MAE = Σ |y_pred − y| / n over all samples seen (each sample's absolute errors summed
    over its elements, as MindSpore's `abs(y - y_pred).sum() / n`)."""

    _NAME = "MAE"

    @staticmethod
    def _error(y_pred, y):
        return np.abs(y.reshape(y_pred.shape) - y_pred)


class MSE(_Error):
    """MSE = Σ (y_pred − y)² / n over all samples seen."""

    _NAME = "MSE"

    @staticmethod
    def _error(y_pred, y):
        return np.power(y.reshape(y_pred.shape) - y_pred, 2)
