"""Metrics (`mindspore.train.metrics` / `mindspore.nn.metrics`): Accuracy and Loss."""
from .accuracy import Accuracy
from .loss import Loss
from .metric import Metric
from .registry import get_metric

__all__ = ["Metric", "Accuracy", "Loss", "get_metric"]
