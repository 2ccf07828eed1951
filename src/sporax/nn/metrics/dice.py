"""`Dice`: the overlap coefficient of two sets (segmentation masks)."""
from __future__ import annotations

import numbers

import numpy as np

from ._data import IndexedMetric, check_inputs, to_numpy
from .rearrange import rearrange_inputs

__all__ = ["Dice"]


class Dice(IndexedMetric):
    """Per update, 2 · ⟨y_pred, y⟩ / (⟨y_pred, y_pred⟩ + ⟨y, y⟩ + smooth); eval is the sum of
    those over the samples seen (batch sizes summed), as MindSpore."""

    def __init__(self, smooth=1e-5):
        if isinstance(smooth, bool) or not isinstance(smooth, numbers.Real) or not smooth > 0:
            raise ValueError(f"For 'Dice', the 'smooth' must be a positive float, but got {smooth!r}.")
        self.smooth = float(smooth)
        super().__init__()

    def clear(self):
        self._dice_coeff_sum, self._samples_num = 0, 0

    @rearrange_inputs
    def update(self, *inputs):
        check_inputs("Dice", inputs)
        y_pred, y = to_numpy(inputs[0], "Dice"), to_numpy(inputs[1], "Dice")
        if y_pred.shape != y.shape:
            raise ValueError("For 'Dice.update', predicted value (input[0]) and true value (input[1]) should have "
                             f"same shape, but got predicted value shape: {y_pred.shape}, true value shape: "
                             f"{y.shape}.")
        self._samples_num += y.shape[0]
        intersection = np.dot(y_pred.flatten(), y.flatten())
        union = np.dot(y_pred.flatten(), y_pred.flatten()) + np.dot(y.flatten(), y.flatten())
        self._dice_coeff_sum += 2 * float(intersection) / float(union + self.smooth)

    def eval(self):
        if self._samples_num == 0:
            raise RuntimeError("The 'Dice coefficient' can not be calculated, because the number of samples is 0, "
                               "please check whether your inputs(predicted value, true value) are empty, or has "
                               "called update method before calling eval method.")
        return self._dice_coeff_sum / float(self._samples_num)
