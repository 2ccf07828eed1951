"""Metric base (`mindspore.train.metrics.Metric`): `clear()`, `update(*inputs)`, `eval()`."""
from __future__ import annotations

import numpy as np

from ...common.tensor import Tensor

__all__ = ["Metric"]


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
