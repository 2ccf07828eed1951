"""Training utilities (`mindspore.train`): Model, callbacks, metrics, loss scaling, checkpoints."""
from . import callback, loss_scale_manager, metrics, serialization, summary
from .callback import (Callback, CheckpointConfig, EarlyStopping, History, LambdaCallback, LearningRateScheduler,
                       LossMonitor, ModelCheckpoint, ProgressBar, ReduceLROnPlateau, RunContext, SummaryCollector,
                       TimeMonitor)
from .loss_scale_manager import DynamicLossScaleManager, FixedLossScaleManager, LossScaleManager
from .metrics import MAE, MSE, Accuracy, Loss, Metric, get_metric_fn, names, rearrange_inputs
from .model import Model
from .serialization import load_checkpoint, load_param_into_net, save_checkpoint
from .summary import SummaryRecord

__all__ = ["Accuracy", "Callback", "CheckpointConfig", "DynamicLossScaleManager", "EarlyStopping",
           "FixedLossScaleManager", "History", "LambdaCallback", "LearningRateScheduler", "Loss", "LossMonitor",
           "LossScaleManager", "MAE", "MSE", "Metric", "Model", "ModelCheckpoint", "ProgressBar", "ReduceLROnPlateau",
           "RunContext", "SummaryCollector", "SummaryRecord", "TimeMonitor", "callback", "get_metric_fn", "load_checkpoint", "load_param_into_net",
           "loss_scale_manager", "metrics", "names", "rearrange_inputs", "save_checkpoint", "serialization", "summary"]
