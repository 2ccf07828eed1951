"""torch-style optimizers (`mindspore.experimental.optim`) and their schedulers (`lr_scheduler`)."""
from . import lr_scheduler
from .adadelta import Adadelta
from .adagrad import Adagrad
from .adam import Adam
from .adamax import Adamax
from .adamw import AdamW
from .asgd import ASGD
from .nadam import NAdam
from .optimizer import Optimizer
from .radam import RAdam
from .rmsprop import RMSprop
from .rprop import Rprop
from .sgd import SGD

__all__ = ["Optimizer", "Adadelta", "Adagrad", "Adam", "Adamax", "AdamW", "SGD", "ASGD", "NAdam", "RAdam",
           "RMSprop", "Rprop", "lr_scheduler"]
