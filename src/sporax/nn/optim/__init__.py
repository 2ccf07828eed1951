"""Optimizers (`mindspore.nn.optim`)."""
from .adam import Adam, AdamWeightDecay, Lamb
from .ftrl import FTRL
from .momentum import Momentum
from .optimizer import Optimizer
from .sgd import SGD

__all__ = ["Optimizer", "Momentum", "SGD", "Adam", "AdamWeightDecay", "Lamb", "FTRL"]
