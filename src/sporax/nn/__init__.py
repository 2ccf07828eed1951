"""Neural-network building blocks (`mindspore.nn`)."""
from .cell import Cell
from .layer import *  # noqa: F401,F403
from .layer import __all__ as _layers

__all__ = ["Cell"] + list(_layers)
