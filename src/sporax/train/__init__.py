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

# --- issue 11 (train3): the rest of mindspore.train's names -------------------------------------
from . import dataset_helper  # noqa: E402
from .amp import build_train_network  # noqa: E402
from .callback import OnRequestExit  # noqa: E402
from .checkpoint_conversion import (async_ckpt_thread_status, ckpt_to_safetensors, load_checkpoint_async,  # noqa: E402
                                    safetensors_to_ckpt)
from .checkpoint_recovery import get_ckpt_path_with_strategy  # noqa: E402
from .dataset_helper import DatasetHelper, connect_network_with_dataset, data_sink  # noqa: E402
from .metrics import (BleuScore, ConfusionMatrixMetric, HausdorffDistance, MeanSurfaceDistance,  # noqa: E402
                      OcclusionSensitivity, RootMeanSquareDistance)

__all__ += ["BleuScore", "ConfusionMatrixMetric", "HausdorffDistance", "MeanSurfaceDistance", "OcclusionSensitivity",
            "RootMeanSquareDistance", "OnRequestExit", "DatasetHelper", "connect_network_with_dataset", "data_sink",
            "build_train_network", "ckpt_to_safetensors", "safetensors_to_ckpt", "load_checkpoint_async",
            "async_ckpt_thread_status", "get_ckpt_path_with_strategy"]
