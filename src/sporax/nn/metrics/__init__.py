"""Metrics (`mindspore.train.metrics` / `mindspore.nn.metrics`): Accuracy and Loss."""
from __future__ import annotations

import numpy as np

from ...common.tensor import Tensor

__all__ = ["Metric", "Accuracy", "Loss", "get_metric"]


def _numpy(x):
    return x.asnumpy() if isinstance(x, Tensor) else np.asarray(x)


class Metric:
    """Base: `clear()`, `update(*inputs)`, `eval()`."""

    def __init__(self):
        self.clear()

    def clear(self):
        raise NotImplementedError

    def update(self, *inputs):
        raise NotImplementedError

    def eval(self):
        raise NotImplementedError


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


class Loss(Metric):
    """Mean of the losses seen."""

    def clear(self):
        self._sum, self._count = 0.0, 0

    def update(self, *inputs):
        self._sum += float(_numpy(inputs[0]).mean())
        self._count += 1

    def eval(self):
        if self._count == 0:
            raise RuntimeError("The 'Loss' can not be calculated, because the number of samples is 0.")
        return self._sum / self._count


_BY_NAME = {"accuracy": Accuracy, "acc": Accuracy, "loss": Loss}


def get_metric(name):
    if name not in _BY_NAME:
        raise KeyError(f"Unknown metric {name!r}; known: {sorted(_BY_NAME)}.")
    return _BY_NAME[name]()
