"""Argument checks with one message form:
`<function>: argument '<name>' must be <expected>, got <actual>.`

Where MindSpore's own message is part of the observed behaviour (spec/), callers pass
it verbatim instead; everything else goes through these helpers.
"""
from __future__ import annotations

import numbers


def message(function: str, name: str, expected: str, actual) -> str:
    return f"{function}: argument '{name}' must be {expected}, got {actual!r}."


def check_bool(function: str, name: str, value) -> bool:
    if not isinstance(value, bool):
        raise TypeError(message(function, name, "a bool", value))
    return value


def check_int(function: str, name: str, value, minimum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(message(function, name, "an int", value))
    if minimum is not None and value < minimum:
        raise ValueError(message(function, name, f"an int >= {minimum}", value))
    return int(value)


def check_real(function: str, name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(message(function, name, "a real number", value))
    return float(value)


def check_choice(function: str, name: str, value, choices) -> str:
    if value not in choices:
        raise ValueError(message(function, name, f"one of {list(choices)}", value))
    return value
