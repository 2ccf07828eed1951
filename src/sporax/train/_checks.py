"""Argument checks shared by the training tools, in MindSpore's message forms."""
from __future__ import annotations


def non_negative_int(owner: str, name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"For '{owner}', the '{name}' must be int and must >= 0, but got '{value}' with type "
                        f"'{type(value).__name__}'.")
    if value < 0:
        raise ValueError(f"For '{owner}', the '{name}' must be int and must >= 0, but got '{value}' with type 'int'.")
    return value


def positive_int(owner: str, name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"For '{owner}', the '{name}' must be int and must > 0, but got '{value}' with type "
                        f"'{type(value).__name__}'.")
    if value <= 0:
        raise ValueError(f"For '{owner}', the '{name}' must be int and must > 0, but got '{value}' with type 'int'.")
    return value


def boolean(owner: str, name: str, value) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"For '{owner}', the '{name}' must be a bool, but got {type(value).__name__}.")
    return value


def of_type(owner: str, name: str, value, types):
    if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
        raise TypeError(f"For '{owner}', the '{name}' must be {_names(types)}, but got 'bool'.")
    if not isinstance(value, types):
        raise TypeError(f"For '{owner}', the '{name}' must be {_names(types)}, but got '{type(value).__name__}'.")
    return value


def _names(types) -> str:
    types = types if isinstance(types, tuple) else (types,)
    return " or ".join(f"'{t.__name__}'" for t in types)
