"""Training utilities (`mindspore.train`): Model, callbacks, metrics, checkpoints."""
from . import callback, serialization
from ..nn.metrics import Accuracy, Loss, Metric
from .callback import Callback, LossMonitor, ProgressBar, RunContext, TimeMonitor
from .model import Model
from .serialization import load_checkpoint, load_param_into_net, save_checkpoint

__all__ = ["serialization", "save_checkpoint", "load_checkpoint", "load_param_into_net", "Model", "callback",
           "Callback", "RunContext", "LossMonitor", "TimeMonitor", "ProgressBar", "Accuracy", "Loss", "Metric"]
