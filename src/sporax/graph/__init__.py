"""Graph compilation settings (`mindspore.graph`)."""
from . import jit_config

__all__ = ["jit_config"]
