"""Training callbacks (`mindspore.train.callback`)."""
from ._backup_and_restore import BackupAndRestore
from ._callback import Callback, RunContext
from ._checkpoint import CheckpointConfig, ModelCheckpoint
from ._early_stop import EarlyStopping
from ._history import History
from ._lambda_callback import LambdaCallback
from ._loss_monitor import LossMonitor
from ._on_request_exit import OnRequestExit
from ._lr_scheduler_callback import LearningRateScheduler
from ._progress_bar import ProgressBar
from ._reduce_lr_on_plateau import ReduceLROnPlateau
from ._summary_collector import SummaryCollector
from ._time_monitor import TimeMonitor

__all__ = ["BackupAndRestore", "Callback", "RunContext", "CheckpointConfig", "ModelCheckpoint", "EarlyStopping",
           "History", "LambdaCallback", "LossMonitor", "LearningRateScheduler", "OnRequestExit", "ProgressBar", "ReduceLROnPlateau",
           "SummaryCollector", "TimeMonitor"]
