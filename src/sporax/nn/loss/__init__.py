"""Losses (`mindspore.nn.loss`)."""
from .loss import (BCEWithLogitsLoss, CrossEntropyLoss, L1Loss, LossBase, MSELoss,
                   SoftmaxCrossEntropyWithLogits)
from .loss import HuberLoss, SmoothL1Loss

__all__ = ["LossBase", "MSELoss", "L1Loss", "BCEWithLogitsLoss", "SoftmaxCrossEntropyWithLogits", "CrossEntropyLoss"]
__all__ += ["SmoothL1Loss", "HuberLoss"]

# --- issue 11 (nn surface) ----------------------------------------------------------------------
from . import loss_more  # noqa: E402
from .loss_more import *  # noqa: E402,F401,F403

__all__ += loss_more.__all__
