"""`str()` and `repr()` of Tensors, in MindSpore 2.10's forms (spec §1.2).

`str` is NumPy's `str` of the array. `repr` is MindSpore's C++ printer, observed:
floats in scientific notation (8 digits; 4 for Float16) with a sign column, items joined
by ', '; a 1-D tensor is cut to 3+3 items past 1000 elements and otherwise wraps after
12 floats or 24 other items a line; in 2-D and up every axis longer than 6 is cut to 3+3.
"""
from __future__ import annotations

import numpy as np

_EDGE = 3
_MAX_1D = 1000
_MAX_AXIS = 2 * _EDGE


def uninitialized(shape, dtype) -> str:
    return f"Tensor(shape={list(shape)}, dtype={dtype}, value=\n<uninitialized>)"


def tensor_repr(array: np.ndarray, dtype) -> str:
    head = f"Tensor(shape={list(array.shape)}, dtype={dtype}, value="
    if array.ndim == 0:
        return f"{head} {array[()]!s})"
    if array.size == 0 and array.ndim > 1:
        return f"{head}\n)"
    items = _format_items(array)
    if array.ndim == 1:
        return f"{head} {_format_1d(items)})"
    return f"{head}\n{_format_nd(items, depth=0)})"


def _format_items(array: np.ndarray) -> np.ndarray:
    """Each element as text, right-aligned to one width (MindSpore pads the sign column)."""
    flat = array.reshape(-1)
    kind = array.dtype.kind
    if kind == "f" and array.dtype.itemsize >= 4 or array.dtype == np.float16:
        precision = 4 if array.dtype == np.float16 else 8
        texts = [_scientific(float(v), precision) for v in flat]
    elif kind == "b":
        texts = ["True" if v else "False" for v in flat]
    elif kind == "V" or array.dtype.name == "bfloat16":
        texts = [np.format_float_positional(np.float32(v), trim="-") for v in flat]
    else:
        texts = [str(v) for v in flat]
    width = max((len(t) for t in texts), default=0)
    if kind == "f" and array.dtype.name != "bfloat16":
        width = max(width, len(_scientific(1.0, precision)))
    return np.array([t.rjust(width) for t in texts], dtype=object).reshape(array.shape)


def _scientific(value: float, precision: int) -> str:
    if np.isnan(value) or np.isinf(value):
        return str(value)
    text = np.format_float_scientific(value, precision=precision, unique=False)
    return text if text.startswith("-") else " " + text


def _format_1d(items: np.ndarray) -> str:
    values = list(items)
    if len(values) > _MAX_1D:
        return "[" + ", ".join(values[:_EDGE]) + " ... " + ", ".join(values[-_EDGE:]) + "]"
    per_line = 12 if items.size and _is_float_text(values[0]) else 24
    lines = [", ".join(values[i:i + per_line]) for i in range(0, len(values), per_line)]
    return "[" + ", \n ".join(lines) + "]"


def _is_float_text(text: str) -> bool:
    return "e" in text or "nan" in text or "inf" in text


def _format_nd(items: np.ndarray, depth: int) -> str:
    if items.ndim == 1:
        values = list(items)
        if len(values) > _MAX_AXIS:
            return "[" + ", ".join(values[:_EDGE]) + " ... " + ", ".join(values[-_EDGE:]) + "]"
        return "[" + ", ".join(values) + "]"
    rows = [_format_nd(sub, depth + 1) for sub in _edge_rows(items)]
    separator = ",\n" + " " * (depth + 1)
    if len(items) > _MAX_AXIS:
        head, tail = separator.join(rows[:_EDGE]), separator.join(rows[_EDGE:])
        return "[" + head + separator + "...\n" + " " * (depth + 1) + tail + "]"
    return "[" + separator.join(rows) + "]"


def _edge_rows(items: np.ndarray):
    if len(items) > _MAX_AXIS:
        return list(items[:_EDGE]) + list(items[-_EDGE:])
    return list(items)
