"""Losses (`mindspore.nn.loss`)."""
from .loss import (BCEWithLogitsLoss, CrossEntropyLoss, L1Loss, LossBase, MSELoss,
                   SoftmaxCrossEntropyWithLogits)
from .loss import HuberLoss, SmoothL1Loss

__all__ = ["LossBase", "MSELoss", "L1Loss", "BCEWithLogitsLoss", "SoftmaxCrossEntropyWithLogits", "CrossEntropyLoss"]
__all__ += ["SmoothL1Loss", "HuberLoss"]
