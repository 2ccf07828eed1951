"""Argument checks: every user-facing TypeError/ValueError about a bad argument is built here.

A leaf module (it imports nothing from sporax), so every layer can use it. Each check takes
the name of the public thing being called (`owner`: a layer, primitive or function, e.g.
'Conv2d') and the argument's name, and returns the normalised value. Messages keep
MindSpore 2.10's form, `For 'Conv2d', the 'kernel_size' must be ..., but got ...`, since
the callers are MindSpore names and ported code may match on the wording. Types are
TypeError, values and shapes ValueError, as MindSpore's validator raises them.
"""
from __future__ import annotations

import math
import numbers

__all__ = ["is_int", "int_arg", "positive_int", "bool_arg", "int_tuple", "real_in_range", "positive_real",
           "non_negative_real", "one_of", "pad_mode", "instance_of", "shape_tuple", "reshape_fits"]


def is_int(value) -> bool:
    """An integer that is not a bool (Python ints and NumPy integer scalars)."""
    # The exact-type test first: shapes and axes are checked on every eager call, and the
    # numbers.Integral ABC check costs several times more.
    return type(value) is int or (isinstance(value, numbers.Integral) and not isinstance(value, bool))


def int_arg(owner: str, name: str, value, minimum: int | None = None) -> int:
    """An int (not bool), optionally >= `minimum`."""
    if not is_int(value):
        raise TypeError(f"For '{owner}', the '{name}' must be an int, but got {type(value).__name__}.")
    if minimum is not None and value < minimum:
        raise ValueError(f"For '{owner}', the '{name}' must be an int >= {minimum}, but got {value!r}.")
    return int(value)


def positive_int(owner: str, name: str, value) -> int:
    """An int > 0 (MindSpore's `check_positive_int` wording)."""
    if not is_int(value):
        raise TypeError(f"For '{owner}', the '{name}' must be int, but got {type(value).__name__}.")
    if value <= 0:
        raise ValueError(f"For '{owner}', the '{name}' must be int and must > 0, but got '{value}' with type "
                         f"'{type(value).__name__}'.")
    return int(value)


def bool_arg(owner: str, name: str, value) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"For '{owner}', the '{name}' must be a bool, but got {type(value).__name__}.")
    return value


def int_tuple(owner: str, name: str, value, n: int, minimum: int = 1) -> tuple:
    """An int (repeated n times) or a tuple/list of n ints, each >= `minimum`."""
    # Layers and functional ops build primitives on every call: plain ints skip the general checks.
    kind = type(value)
    if kind is int and value >= minimum:
        return (value,) * n
    if kind is tuple and len(value) == n and set(map(type, value)) <= {int} and min(value, default=minimum) >= minimum:
        return value
    if is_int(value):
        value = (int(value),) * n
    if not isinstance(value, (tuple, list)) or len(value) != n or not all(is_int(v) for v in value):
        raise TypeError(f"For '{owner}', the '{name}' must be an int or a tuple of {n} ints, but got {value!r}.")
    if any(v < minimum for v in value):
        raise ValueError(f"For '{owner}', the '{name}' must be >= {minimum}, but got {tuple(value)}.")
    return tuple(int(v) for v in value)


def real_in_range(owner: str, name: str, value, low: float, high: float) -> float:
    """A real number (not bool) in the closed range [low, high]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"For '{owner}', the '{name}' must be a float, but got {type(value).__name__}.")
    if not low <= value <= high:
        raise ValueError(f"For '{owner}', the '{name}' must be in range [{low}, {high}], but got {value}.")
    return float(value)


def positive_real(owner: str, name: str, value, integer: bool = False):
    """A number > 0 (an int with `integer`); bools are refused. Returns it unchanged."""
    kinds = (numbers.Integral,) if integer else (numbers.Real,)
    if isinstance(value, bool) or not isinstance(value, kinds) or value <= 0:
        kind = "a positive int" if integer else "a positive float"
        raise ValueError(f"For '{owner}', the '{name}' must be {kind}, but got {value!r}.")
    return value


def non_negative_real(owner: str, name: str, value, minimum: float = 0.0) -> float:
    """A number >= `minimum` (0 by default); bools are refused."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or value < minimum:
        raise ValueError(f"For '{owner}', the '{name}' must be a float >= {minimum}, but got {value!r}.")
    return float(value)


def one_of(owner: str, name: str, value, choices) -> str:
    """`value` is one of `choices` (exact match)."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"For '{owner}', the '{name}' must be in {list(choices)}, but got {value!r}.")
    return value


_CONV_PAD_MODES = ("valid", "same", "pad")


def pad_mode(owner: str, value, choices=_CONV_PAD_MODES, case_sensitive: bool = False) -> str:
    """A padding mode, lower-cased: 'valid', 'same' or 'pad' unless `choices` says otherwise.
    Layers (nn.Conv2d) take the lower-case spelling only; primitives any case."""
    if isinstance(value, str) and (value in choices or not case_sensitive and value.lower() in choices):
        return value.lower()
    raise ValueError(f"For '{owner}', the 'pad_mode' must be str and must be in '{list(choices)}', "
                     f"but got '{value}'.")


def instance_of(owner: str, name: str, value, cls, expected: str | None = None):
    """`value` is an instance of `cls` (a class or tuple of classes)."""
    if not isinstance(value, cls):
        expected = expected or (cls.__name__ if isinstance(cls, type) else " or ".join(c.__name__ for c in cls))
        raise TypeError(f"For '{owner}', the '{name}' must be a {expected}, but got {type(value).__name__}.")
    return value


def shape_tuple(owner: str, name: str, value) -> tuple:
    """A shape: an int or a tuple/list of ints, as a tuple of Python ints."""
    if type(value) is tuple and all(type(n) is int for n in value):  # already one (the usual case)
        return value
    if is_int(value):
        value = (value,)
    if not isinstance(value, (tuple, list)) or not all(is_int(n) for n in value):
        raise TypeError(f"For '{owner}', the '{name}' must be a tuple of ints, but got {value!r}.")
    return tuple(int(n) for n in value)


def reshape_fits(shape: tuple, size: int) -> bool:
    """Whether `shape` (ints, at most one -1, none below -1) can hold exactly `size` elements."""
    if shape.count(-1) > 1 or any(n < -1 for n in shape):
        return False
    known = math.prod(n for n in shape if n != -1)
    if -1 in shape:
        return known != 0 and size % known == 0
    return known == size


def real_number(owner: str, name: str, value):
    """A real number (not bool), returned unchanged (an Initializer's arguments)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"For '{owner}', the argument '{name}' must be a real number, "
                        f"but got {value!r} of type {type(value).__name__}.")
    return value


def tensor_shape(owner: str, value) -> tuple:
    """A Tensor's shape: an int or a list/tuple of ints >= 0 (MindSpore's 'negative
    dimensions' ValueError for a negative or None entry)."""
    if is_int(value):
        value = (value,)
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"{owner}: argument 'shape' must be an int, list or tuple, got {value!r}.")
    if any(n is None or (isinstance(n, numbers.Integral) and n < 0) for n in value):
        raise ValueError("negative dimensions are not allowed")
    if not all(is_int(n) for n in value):
        raise TypeError(f"{owner}: argument 'shape' must hold ints, got {value!r}.")
    return tuple(int(n) for n in value)


def positive_shape(owner: str, value) -> tuple:
    """A shape of positive ints (a number or list is accepted), MindSpore's `initializer` rule."""
    if isinstance(value, list):
        value = tuple(value)
    elif isinstance(value, numbers.Number):
        value = (value,)
    if not isinstance(value, tuple) or not all(type(n) in (int, bool) and n > 0 for n in value):
        raise ValueError(f"For '{owner}', the argument 'shape' is invalid, the value of 'shape' "
                         f"must be positive integer, but got {value}")
    return tuple(int(n) for n in value)
