"""Loss (`mindspore.train.metrics.Loss`): the mean of the losses seen."""
from __future__ import annotations

from .metric import Metric, _numpy

__all__ = ["Loss"]


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
