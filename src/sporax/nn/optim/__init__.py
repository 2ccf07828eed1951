"""Optimizers (`mindspore.nn.optim`)."""
from .ada_grad import Adagrad
from .ada_max import AdaMax
from .adadelta import Adadelta
from .adam import Adam, AdamOffload, AdamWeightDecay, Lamb
from .asgd import ASGD
from .ftrl import FTRL
from .lars import LARS
from .lazyadam import LazyAdam
from .momentum import Momentum
from .optimizer import Optimizer
from .proximal_ada_grad import ProximalAdagrad
from .rmsprop import RMSProp
from .rprop import Rprop
from .sgd import SGD

__all__ = ["Optimizer", "Momentum", "SGD", "Adam", "AdamWeightDecay", "Lamb", "FTRL", "Adagrad", "RMSProp",
           "ProximalAdagrad", "AdaMax", "Adadelta", "Rprop", "ASGD", "LazyAdam", "LARS", "AdamOffload"]
