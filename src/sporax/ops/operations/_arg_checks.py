"""Argument checks shared by the operator primitives: Tensor, axis, int and shape arguments.

Messages keep MindSpore 2.10's form (`For 'Tile', the 'dims' must be ..., but got ...`):
types raise TypeError, values and shapes ValueError.
"""
from __future__ import annotations

import numbers

from ...common import dtype as mstype
from ...common.tensor import Tensor


def tensor(op: str, arg: str, value) -> Tensor:
    if not isinstance(value, Tensor):
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor, but got {type(value).__name__}.")
    return value


def is_int(value) -> bool:
    # The exact-type test first (as `_validation.is_int`): axes and shapes are checked on every
    # eager call, and the numbers.Integral ABC check costs several times more.
    return type(value) is int or (isinstance(value, numbers.Integral) and not isinstance(value, bool))


def int_value(op: str, arg: str, value, minimum: int | None = None) -> int:
    if not is_int(value):
        raise TypeError(f"For '{op}', the '{arg}' must be an int, but got {type(value).__name__}.")
    if minimum is not None and value < minimum:
        raise ValueError(f"For '{op}', the '{arg}' must be >= {minimum}, but got {value}.")
    return int(value)


def axis(op: str, arg: str, value, ndim: int) -> int:
    """One axis in [-ndim, ndim) (a scalar counts as rank 1), normalised to [0, ndim)."""
    if not is_int(value):
        raise TypeError(f"For '{op}', the '{arg}' must be an int, but got {type(value).__name__}.")
    rank = max(ndim, 1)
    if not -rank <= value < rank:
        raise ValueError(f"For '{op}', the '{arg}' must be in range [{-rank}, {rank}), but got {value}.")
    return int(value) % rank


def axes(op: str, arg: str, value, ndim: int) -> tuple:
    """None/() (all axes), an int, or a tuple/list of distinct ints, normalised."""
    if value is None or value == ():
        return tuple(range(ndim))
    if is_int(value):
        return (axis(op, arg, value, ndim),)
    if not isinstance(value, (tuple, list)):
        raise TypeError(f"For '{op}', the '{arg}' must be an int, a tuple of ints or None, but got {value!r}.")
    out = tuple(axis(op, arg, v, ndim) for v in value)
    if len(set(out)) != len(out):
        raise ValueError(f"For '{op}', the '{arg}' must not repeat an axis, but got {tuple(value)}.")
    return out


def int_tuple(op: str, arg: str, value, allow_int: bool = True) -> tuple:
    if allow_int and is_int(value):
        return (int(value),)
    if isinstance(value, Tensor) and value.dtype.kind in ("int", "uint") and value.ndim <= 1:
        return tuple(int(v) for v in value.asnumpy().reshape(-1))
    if not isinstance(value, (tuple, list)) or not all(is_int(v) for v in value):
        raise TypeError(f"For '{op}', the '{arg}' must be a tuple of ints, but got {value!r}.")
    return tuple(int(v) for v in value)


def index_tensor(op: str, arg: str, value) -> Tensor:
    tensor(op, arg, value)
    if value.dtype not in (mstype.int32, mstype.int64):
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor of Int32 or Int64, but got {value.dtype}.")
    return value


def dtype_value(op: str, arg: str, value) -> mstype.Type:
    if not isinstance(value, mstype.Type):
        raise TypeError(f"For '{op}', the '{arg}' must be a sporax dtype, but got {value!r}.")
    return value


def tensor_of(op: str, arg: str, value, dtypes) -> Tensor:
    """A Tensor whose dtype is one of `dtypes`, refused in the words of MindSpore's primitive
    argument checker."""
    tensor(op, arg, value)
    if value.dtype not in dtypes:
        names = ", ".join(f"Tensor[{d}]" for d in dtypes)
        raise TypeError(f"For primitive[{op}], the input argument[{arg}] must be a type of {{{names}}}, "
                        f"but got Tensor[{value.dtype}].")
    return value


# Up to this many elements, Python's min and max over the array's list beat NumPy's reductions,
# which cost a microsecond or more each on a few elements: an index check runs on every call.
_LISTED_UP_TO = 256


def column_extremes(values, columns: int) -> tuple[list, list]:
    """The smallest and the largest value of each column of the non-empty array `values` read
    as rows of `columns` values, as two lists of Python numbers."""
    rows = values.reshape(-1, columns)
    if values.size <= _LISTED_UP_TO:
        by_column = list(zip(*rows.tolist()))
        return [min(c) for c in by_column], [max(c) for c in by_column]
    return rows.min(0).tolist(), rows.max(0).tolist()
