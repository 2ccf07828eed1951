"""Wrappers (`mindspore.nn.wrap`)."""
from .cell_wrapper import TrainOneStepCell, WithEvalCell, WithLossCell
from .grad_reducer import DistributedGradReducer
from .loss_scale import DynamicLossScaleUpdateCell, FixedLossScaleUpdateCell, TrainOneStepWithLossScaleCell

__all__ = ["WithLossCell", "WithEvalCell", "TrainOneStepCell", "TrainOneStepWithLossScaleCell",
           "DynamicLossScaleUpdateCell", "FixedLossScaleUpdateCell", "DistributedGradReducer"]

# --- issue 11 (nn surface) ----------------------------------------------------------------------
from . import wrappers_more  # noqa: E402
from .wrappers_more import *  # noqa: E402,F401,F403

__all__ += wrappers_more.__all__
