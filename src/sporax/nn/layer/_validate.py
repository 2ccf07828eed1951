"""Layer argument checks with MindSpore 2.10's messages (spec §8)."""
from __future__ import annotations

import numbers

from ...common.initializer import initializer
from ...common.parameter import Parameter


def positive_int(layer: str, name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"For '{layer}', the '{name}' must be int, but got {type(value).__name__}.")
    if value <= 0:
        raise ValueError(f"For '{layer}', the '{name}' must be int and must > 0, but got '{value}' with type "
                         f"'{type(value).__name__}'.")
    return int(value)


def bool_arg(layer: str, name: str, value) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"For '{layer}', the '{name}' must be a bool, but got {type(value).__name__}.")
    return value


def int_tuple(layer: str, name: str, value, n: int, minimum: int = 1) -> tuple:
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = (int(value),) * n
    if (not isinstance(value, (tuple, list)) or len(value) != n
            or not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in value)):
        raise TypeError(f"For '{layer}', the '{name}' must be an int or a tuple of {n} ints, but got {value!r}.")
    if any(v < minimum for v in value):
        raise ValueError(f"For '{layer}', the '{name}' must be >= {minimum}, but got {tuple(value)}.")
    return tuple(int(v) for v in value)


def real_in(layer: str, name: str, value, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"For '{layer}', the '{name}' must be a float, but got {type(value).__name__}.")
    if not low <= value <= high:
        raise ValueError(f"For '{layer}', the '{name}' must be in range [{low}, {high}], but got {value}.")
    return float(value)


def parameter(init, shape, dtype, name: str, default=None, requires_grad=True) -> Parameter:
    """A Parameter from a layer's `*_init` argument: a name (any case), an Initializer, a
    number (Constant in `dtype`), or a Tensor of exactly `shape` (its own dtype wins, copied).
    `initializer` does the type and shape checks."""
    return Parameter(initializer(default if init is None else init, shape, dtype), name=name,
                     requires_grad=requires_grad)
