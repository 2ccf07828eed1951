"""`jit_class`, `lazy_inline`, `no_inline`, `set_recursion_limit` (`mindspore.jit_class`, ...):
MindSpore's graph compilation markers and limits, as sporax honours them.

sporax compiles a graph by tracing Python: any class's objects and methods can be used inside
`construct` or `@jit`, and XLA decides inlining itself. So `jit_class` marks the class as
MindSpore does (`__ms_class__`) and returns it; `lazy_inline` and `no_inline` check their
arguments, mark the function or Cell `__init__` (`__lazy_inline__`, `__no_inline__`) and
return it unchanged: the program computes exactly what it computes under MindSpore, compiled
as XLA chooses.
"""
from __future__ import annotations

import functools
import inspect

from . import context

__all__ = ["jit_class", "lazy_inline", "no_inline", "set_recursion_limit"]


def jit_class(cls):
    """Mark `cls` usable in graphs (all classes are, in sporax); returns it."""
    if not inspect.isclass(cls):
        raise TypeError(f"Decorator jit_class can only be used for class type, but got {cls}.")
    setattr(cls, "__ms_class__", True)
    return cls


def _mark(fn, flag, value):
    if not callable(fn):
        raise TypeError(f"The decorated object must be callable, but got {type(fn).__name__}.")

    @functools.wraps(fn)
    def marked(*args, **kwargs):
        return fn(*args, **kwargs)

    setattr(marked, flag, value)
    return marked


def lazy_inline(fn=None, attrs=None, policy=None):
    """Mark a Cell's `__init__` for MindSpore's lazy inlining (reusing one compiled sub-graph);
    `attrs` names the constructor arguments it depends on (a str or a list/tuple of str)."""
    if attrs is not None and not isinstance(attrs, (str, list, tuple)):
        raise TypeError(f"The 'attrs' of lazy_inline must be a str, list or tuple, but got {type(attrs).__name__}.")
    if isinstance(attrs, (list, tuple)) and not all(isinstance(a, str) for a in attrs):
        raise TypeError(f"The elements of 'attrs' of lazy_inline must be str, but got {attrs!r}.")
    if policy is not None and not isinstance(policy, str):
        raise TypeError(f"The 'policy' of lazy_inline must be a str, but got {type(policy).__name__}.")

    def decorate(function):
        return _mark(function, "__lazy_inline__", {"attrs": attrs, "policy": policy})

    return decorate(fn) if fn is not None else decorate


def no_inline(fn=None):
    """Mark a function or Cell not to be inlined into its caller's graph."""

    def decorate(function):
        return _mark(function, "__no_inline__", True)

    return decorate(fn) if fn is not None else decorate


def set_recursion_limit(recursion_limit=1000):
    """The deepest chain of calls a compiled graph may make: the context's `max_call_depth`."""
    if isinstance(recursion_limit, bool) or not isinstance(recursion_limit, int) or recursion_limit <= 0:
        raise ValueError(f"The 'recursion_limit' must be int and must > 0, but got '{recursion_limit}' with type "
                         f"'{type(recursion_limit).__name__}'.")
    context.set_context(max_call_depth=recursion_limit)
