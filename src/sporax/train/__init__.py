"""Training utilities (`mindspore.train`): Model, callbacks, metrics, loss scaling, checkpoints."""
from . import callback, loss_scale_manager, metrics, serialization, summary
from ._export import export, load
from .callback import (BackupAndRestore, Callback, CheckpointConfig, EarlyStopping, History, LambdaCallback,
                       LearningRateScheduler, LossMonitor, ModelCheckpoint, ProgressBar, ReduceLROnPlateau, RunContext,
                       SummaryCollector, TimeMonitor)
from .loss_scale_manager import DynamicLossScaleManager, FixedLossScaleManager, LossScaleManager
from .metrics import (F1, MAE, MSE, ROC, Accuracy, ConfusionMatrix, CosineSimilarity, Dice, Fbeta, Loss, Metric,
                      Perplexity, Precision, Recall, Top1CategoricalAccuracy, Top5CategoricalAccuracy,
                      TopKCategoricalAccuracy, auc, get_metric_fn, names, rearrange_inputs)
from .model import Model
from .serialization import (build_searched_strategy, load_checkpoint, load_distributed_checkpoint,
                            load_param_into_net, merge_sliced_parameter, save_checkpoint)
from .summary import SummaryRecord

__all__ = ["Accuracy", "BackupAndRestore", "Callback", "CheckpointConfig", "ConfusionMatrix", "CosineSimilarity",
           "Dice", "DynamicLossScaleManager", "build_searched_strategy", "load_distributed_checkpoint",
           "merge_sliced_parameter", "EarlyStopping", "F1", "Fbeta", "FixedLossScaleManager", "History",
           "LambdaCallback", "LearningRateScheduler", "Loss", "LossMonitor", "LossScaleManager", "MAE", "MSE",
           "Metric", "Model", "ModelCheckpoint", "Perplexity", "Precision", "ProgressBar", "ROC", "Recall",
           "ReduceLROnPlateau", "RunContext", "SummaryCollector", "SummaryRecord", "TimeMonitor",
           "Top1CategoricalAccuracy", "Top5CategoricalAccuracy", "TopKCategoricalAccuracy", "auc", "callback",
           "export", "get_metric_fn", "load", "load_checkpoint", "load_param_into_net", "loss_scale_manager",
           "metrics", "names", "rearrange_inputs", "save_checkpoint", "serialization", "summary"]
