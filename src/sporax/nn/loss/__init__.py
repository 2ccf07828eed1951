"""Losses (`mindspore.nn.loss`)."""
from .loss import (BCEWithLogitsLoss, CrossEntropyLoss, L1Loss, LossBase, MSELoss,
                   SoftmaxCrossEntropyWithLogits)

__all__ = ["LossBase", "MSELoss", "L1Loss", "BCEWithLogitsLoss", "SoftmaxCrossEntropyWithLogits", "CrossEntropyLoss"]
