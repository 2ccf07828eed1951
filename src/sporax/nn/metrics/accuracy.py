"""Accuracy (`mindspore.train.metrics.Accuracy`)."""
from __future__ import annotations

import numpy as np

from .metric import Metric, _numpy

__all__ = ["Accuracy"]


class Accuracy(Metric):
    """Share of samples whose argmax prediction equals the label (index or one-hot)."""

    def __init__(self, eval_type="classification"):
        if eval_type not in ("classification", "multilabel"):
            raise ValueError(f"For 'Accuracy', the 'eval_type' must be 'classification' or 'multilabel', but got "
                             f"{eval_type!r}.")
        self.eval_type = eval_type
        super().__init__()

    def clear(self):
        self._correct, self._total = 0, 0

    def update(self, *inputs):
        if len(inputs) != 2:
            raise ValueError(f"For 'Accuracy.update', it needs 2 inputs (predicted value, true value), but got "
                             f"{len(inputs)}.")
        y_pred, y = _numpy(inputs[0]), _numpy(inputs[1])
        if self.eval_type == "multilabel":
            correct = np.all((y_pred > 0.5) == (y > 0.5), axis=-1)
        else:
            labels = y.argmax(-1) if y.ndim == y_pred.ndim else y
            correct = y_pred.argmax(-1) == labels
        self._correct += int(correct.sum())
        self._total += correct.size

    def eval(self):
        if self._total == 0:
            raise RuntimeError("The 'Accuracy' can not be calculated, because the number of samples is 0.")
        return self._correct / self._total
