"""`sporax.jit` (MindSpore's `ms.jit`): compile a function or method as one graph."""
from __future__ import annotations

import functools

from . import graph


def jit(function=None, *, capture_mode="ast", jit_level="O0", dynamic=0, fullgraph=False, backend="", **options):
    """Decorator: run `function` as a compiled graph (traced once per input signature).

    Tensor arguments are inputs; other arguments (including `self`) are part of the
    signature. Parameters it reads or writes are threaded through the graph in program
    order. Works as `@jit` and `@jit(...)`, on functions and on methods.
    """
    if function is None:
        return functools.partial(jit, capture_mode=capture_mode, jit_level=jit_level, dynamic=dynamic,
                                 fullgraph=fullgraph, backend=backend, **options)
    if not callable(function):
        raise TypeError(f"jit: argument 'function' must be callable, got {function!r}.")
    cache: dict = {}

    @functools.wraps(function)
    def compiled(*args, **kwargs):
        return graph.call(function, args, kwargs, cache)

    compiled.__sporax_graph_cache__ = cache
    return compiled
