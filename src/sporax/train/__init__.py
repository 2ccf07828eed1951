"""Training utilities (`mindspore.train`): Model, callbacks, metrics, loss scaling, checkpoints."""
from . import callback, loss_scale_manager, metrics, serialization, summary
from .callback import (Callback, CheckpointConfig, EarlyStopping, History, LambdaCallback, LearningRateScheduler,
                       LossMonitor, ModelCheckpoint, ProgressBar, ReduceLROnPlateau, RunContext, SummaryCollector,
                       TimeMonitor)
from ._export import export, load
from .loss_scale_manager import DynamicLossScaleManager, FixedLossScaleManager, LossScaleManager
from .metrics import (F1, MAE, MSE, Accuracy, ConfusionMatrix, CosineSimilarity, Dice, Fbeta, Loss, Metric, Perplexity, Precision,
                      Recall, ROC, Top1CategoricalAccuracy, Top5CategoricalAccuracy, TopKCategoricalAccuracy, auc,
                      get_metric_fn, names, rearrange_inputs)
from .model import Model
from .serialization import load_checkpoint, load_param_into_net, save_checkpoint
from .summary import SummaryRecord

__all__ = ["F1", "Fbeta", "Precision", "Recall", "Top1CategoricalAccuracy", "Top5CategoricalAccuracy",
           "TopKCategoricalAccuracy", "Perplexity", "Dice", "CosineSimilarity", "auc", "ConfusionMatrix", "ROC", "export", "load", "Accuracy", "Callback", "CheckpointConfig", "DynamicLossScaleManager", "EarlyStopping",
           "FixedLossScaleManager", "History", "LambdaCallback", "LearningRateScheduler", "Loss", "LossMonitor",
           "LossScaleManager", "MAE", "MSE", "Metric", "Model", "ModelCheckpoint", "ProgressBar", "ReduceLROnPlateau",
           "RunContext", "SummaryCollector", "SummaryRecord", "TimeMonitor", "callback", "get_metric_fn", "load_checkpoint", "load_param_into_net",
           "loss_scale_manager", "metrics", "names", "rearrange_inputs", "save_checkpoint", "serialization", "summary"]
