"""PyTorch-style functions (`mindspore.mint`), on sporax.ops' primitives."""
from ._functions import *  # noqa: F401,F403
from ._functions import __all__
from . import nn  # noqa: E402,F401  (mindspore.mint.nn, mint.nn.functional)

from ..ops import _call_cache  # noqa: E402

_call_cache.install(globals(), __all__)  # eager calls replay per argument signature
