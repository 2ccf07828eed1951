"""Mixed-precision helpers (`mindspore.amp`): the levels and training-network builder of
`sporax.train.amp`, loss scalers, loss-scale managers and `all_finite`."""
from __future__ import annotations

from ._amp.loss_scaler import DynamicLossScaler, LossScaler, StaticLossScaler, all_finite
from .train.amp import (auto_mixed_precision, build_train_network, custom_mixed_precision, get_black_list,
                        get_white_list)
from .train.loss_scale_manager import DynamicLossScaleManager, FixedLossScaleManager, LossScaleManager

__all__ = ["DynamicLossScaleManager", "LossScaleManager", "FixedLossScaleManager", "build_train_network",
           "DynamicLossScaler", "StaticLossScaler", "LossScaler", "auto_mixed_precision", "all_finite",
           "custom_mixed_precision", "get_white_list", "get_black_list"]
