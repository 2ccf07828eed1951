"""Primitives that functional ops and layers build on every call, kept per (class, arguments).

`ops.batch_norm(...)` or a pooling layer's construct builds its primitive from its arguments on
each call: binding the constructor's arguments, validating them and computing the primitive's
kernel key cost more than the dispatch of a small op. A primitive built from the same class and
arguments is the same primitive (its kernel key is its class and attributes), and these private
instances are never handed out or changed, so the first is kept and reused.

The key holds each argument's type beside its value, down into tuples: `1`, `1.0` and `True`
are equal in Python, but a constructor may accept one and refuse another, and a bad argument
must raise on every call. A constructor that raises keeps nothing. Arguments that cannot be
hashed (a list) build a fresh primitive each time, as before.
"""
from __future__ import annotations

_KEPT_MAX = 2048
_kept: dict = {}


def _typed(value):
    if value.__class__ is tuple:
        return tuple, tuple(map(_typed, value))
    return value.__class__, value


def kept(cls, *args):
    """`cls(*args)`, built once per (cls, args, their types) and reused."""
    try:
        key = (cls, tuple(map(_typed, args)))
        prim = _kept.get(key)
    except TypeError:  # an unhashable argument
        return cls(*args)
    if prim is None:
        prim = cls(*args)
        if len(_kept) >= _KEPT_MAX:
            _kept.clear()
        _kept[key] = prim
    return prim
