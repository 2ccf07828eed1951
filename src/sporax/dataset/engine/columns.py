"""Argument checks shared by the dataset nodes and iterators: column lists, worker counts."""
from __future__ import annotations

import numbers

_INT32_MAX = 2**31 - 1


def check_columns(columns, name: str) -> list[str]:
    """`columns` as a list of distinct non-empty strings (a single str is one column)."""
    if isinstance(columns, str):
        columns = [columns]
    if not isinstance(columns, (list, tuple)):
        raise TypeError(f"{name} should be a str or a list of str, but got {type(columns).__name__}.")
    if not columns:
        raise ValueError(f"{name} should not be empty.")
    for i, column in enumerate(columns):
        if not isinstance(column, str):
            raise TypeError(f"Argument {name}[{i}] with value {column!r} is not of type [<class 'str'>], "
                            f"but got {type(column)}.")
        if not column:
            raise ValueError(f"{name}[{i}] should not be empty.")
    duplicates = sorted({c for c in columns if list(columns).count(c) > 1})
    if duplicates:
        raise ValueError(f"{name} should not contain duplicate column names, but got {duplicates}.")
    return list(columns)


def check_num_parallel_workers(value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"num_parallel_workers should be an int, but got {type(value).__name__}.")
    if not 1 <= value <= _INT32_MAX:
        raise ValueError(f"num_parallel_workers exceeds the boundary between 1 and {_INT32_MAX}, but got {value}.")
    return int(value)


def check_type(value, types, name):
    if isinstance(value, bool) and bool not in types:
        raise TypeError(f"Argument {name} with value {value!r} is not of type {list(types)}, but got {type(value)}.")
    if not isinstance(value, types):
        raise TypeError(f"Argument {name} with value {value!r} is not of type {list(types)}, but got {type(value)}.")
    return value


def check_count(value, name, allow_minus_one, minimum):
    check_type(value, (int,), name)
    if allow_minus_one and value == -1:
        return value
    if not minimum <= value <= _INT32_MAX:
        if allow_minus_one:
            raise ValueError(f"{name} should be either -1 or within the required interval of "
                             f"({minimum - 1}, {_INT32_MAX}], got {value}.")
        raise ValueError(f"Input {name} is not within the required interval of [{minimum}, {_INT32_MAX}].")
    return value


def missing_columns(wanted, available, operation):
    missing = [c for c in wanted if c not in available]
    if missing:
        raise ValueError(f"{operation}: column {missing[0]!r} does not exist in the dataset columns "
                         f"{list(available)}.")
