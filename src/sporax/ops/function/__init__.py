"""Operator functions (`mindspore.ops.function`), one module per MindSpore family; each
function is a primitive (or a short composition of primitives) with MindSpore's signature."""
from .array_func import *  # noqa: F401,F403
from .clip_func import *  # noqa: F401,F403
from .grad_func import *  # noqa: F401,F403
from .math_func import *  # noqa: F401,F403
from . import array_func, clip_func, grad_func, math_func  # noqa: F401

__all__ = array_func.__all__ + clip_func.__all__ + grad_func.__all__ + math_func.__all__

# --- opsarray ---
from .array_func_more import *  # noqa: E402,F401,F403
from . import array_func_more  # noqa: E402,F401

__all__ = __all__ + array_func_more.__all__
from .sparse_func import *  # noqa: E402,F401,F403
from . import sparse_func  # noqa: E402,F401

__all__ = __all__ + sparse_func.__all__
from .sequence_func import *  # noqa: E402,F401,F403
from . import sequence_func  # noqa: E402,F401

__all__ = __all__ + sequence_func.__all__
