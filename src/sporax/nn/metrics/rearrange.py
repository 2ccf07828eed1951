"""`Metric` (the base class) and `rearrange_inputs`."""
from __future__ import annotations

import functools

from .metric import Metric

__all__ = ["Metric", "rearrange_inputs"]


def rearrange_inputs(func):
    """Decorates a Metric's `update`: when the metric has `indexes` (set by `set_indexes`),
    `update(*inputs)` receives `inputs[i] for i in indexes` instead."""

    @functools.wraps(func)
    def wrapper(self, *inputs):
        indexes = getattr(self, "indexes", None) or getattr(self, "_indexes", None)
        if indexes:
            inputs = [inputs[i] for i in indexes]
        return func(self, *inputs)

    return wrapper
