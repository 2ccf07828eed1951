"""Optimizers (`mindspore.nn.optim`)."""
from .ada_grad import Adagrad
from .adam import Adam, AdamWeightDecay, Lamb
from .ftrl import FTRL
from .momentum import Momentum
from .optimizer import Optimizer
from .sgd import SGD

__all__ = ["Optimizer", "Momentum", "SGD", "Adam", "AdamWeightDecay", "Lamb", "FTRL", "Adagrad"]
