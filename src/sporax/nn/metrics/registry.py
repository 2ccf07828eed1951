"""Metrics by name, as `Model(metrics={'accuracy'})` names them."""
from __future__ import annotations

from .accuracy import Accuracy
from .loss import Loss

__all__ = ["get_metric"]

_BY_NAME = {"accuracy": Accuracy, "acc": Accuracy, "loss": Loss}


def get_metric(name):
    if name not in _BY_NAME:
        raise KeyError(f"Unknown metric {name!r}; known: {sorted(_BY_NAME)}.")
    return _BY_NAME[name]()
