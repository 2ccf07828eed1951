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
# --- opsmath ---
from .linalg_func import *  # noqa: E402,F401,F403
from .random_func import *  # noqa: E402,F401,F403
from .special_func import *  # noqa: E402,F401,F403
from .spectral_func import *  # noqa: E402,F401,F403
from . import linalg_func, random_func, special_func, spectral_func  # noqa: E402,F401

__all__ = __all__ + linalg_func.__all__ + random_func.__all__ + special_func.__all__ + spectral_func.__all__
# --- issue 10/11 (nn surface) ---------------------------------------------------------------------
from .nn_func import *  # noqa: E402,F401,F403
from . import nn_func  # noqa: E402,F401

__all__ = __all__ + nn_func.__all__
# --- prim2: linalg / spectral / selection / sampling functions ------------------------------------
from .linalg_random_func import *  # noqa: E402,F401,F403
from . import linalg_random_func  # noqa: E402,F401

__all__ = __all__ + linalg_random_func.__all__
# --- prim1: image and detection functions ---------------------------------------------------------
from .image_func import *  # noqa: E402,F401,F403
from . import image_func  # noqa: E402,F401

__all__ = __all__ + image_func.__all__
# --- prim3: nn / sequence / control functions ------------------------------------------------------
from .nn_control_func import *  # noqa: E402,F401,F403
from . import nn_control_func  # noqa: E402,F401

__all__ = __all__ + nn_control_func.__all__
# --- tensorsurf: in-place ops and device moves ---------------------------------------------------
from .inplace_func import *  # noqa: E402,F401,F403
from .device_func import *  # noqa: E402,F401,F403
from .image_patch_func import *  # noqa: E402,F401,F403
from . import device_func, image_patch_func, inplace_func, selection_func  # noqa: E402,F401

__all__ = __all__ + inplace_func.__all__ + device_func.__all__ + image_patch_func.__all__
