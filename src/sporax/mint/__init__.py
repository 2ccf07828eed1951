"""PyTorch-style functions (`mindspore.mint`), on sporax.ops' primitives."""
from ._functions import *  # noqa: F401,F403
from ._functions import __all__
