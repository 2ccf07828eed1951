"""`mindspore.tensor` and `mindspore.is_tensor`: the function forms of Tensor creation and test."""
from __future__ import annotations

from .tensor import Tensor

__all__ = ["tensor", "is_tensor"]


def tensor(input_data=None, dtype=None, shape=None, init=None, const_arg=False, device=None):
    """`Tensor(input_data, dtype, shape, init, const_arg=const_arg, device=device)`."""
    return Tensor(input_data, dtype, shape, init, const_arg=const_arg, device=device)


def is_tensor(obj):
    """True for a Tensor (a Parameter is one)."""
    return isinstance(obj, Tensor)
