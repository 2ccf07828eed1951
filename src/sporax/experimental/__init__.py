"""Experimental APIs (`mindspore.experimental`): the torch-style optimizers and schedulers."""
from . import optim

__all__ = ["optim"]
