"""Differentiation outside a graph, compiled once per input signature (MindSpore's PyNative
grad-graph cache).

Run eagerly, `autodiff.value_and_grad` differentiates op by op: every primitive, its
linearisation and its transpose dispatch (and, the first time, compile) one small XLA
program each. A `GradCache` instead runs the same `autodiff.value_and_grad` inside one
compiled graph (`graph.call`): forward and backward become one program, traced on the first
call of a signature and reused after. Parameters read and written (BatchNorm's moving
statistics), `Print` and the float status go through the graph's state threading, so they
act in program order as in the eager run.

The key of a compiled program: the arguments' pytree structure, shapes and dtypes, their
static (non-array) leaves, the Parameters' shapes and dtypes (checked by the graph), the
execution mode, and the *guards* the trace recorded: state read while tracing that decides
the program (a Cell records its training flag). A guard that reads otherwise on a later
call traces a new program.

Not every function can be traced. The first call's trace detects what cannot be, and that
signature then runs eagerly (the uncached path), before any effect happened twice:
- Python control flow or conversions on Tensor values (`if loss > 0`, `asnumpy()`,
  `float(x)`): the trace raises on the traced value;
- Python-level side effects: writing to `sys.stdout` (a `print`), setting a Cell attribute
  (`self.steps += 1`), which in the eager run happen on every call and in a compiled program
  only when tracing; the write is refused before it happens (`refuse_python_effect`);
- random ops (Dropout): their keys come from the eager random stream, call by call;
- creating a Parameter while tracing.
Other Python effects (appending to a list the function closes over, reading a global that
changes between calls) cannot be seen; they happen when tracing only, as in GRAPH_MODE.
"""
from __future__ import annotations

import sys

import jax

from .. import context
from ..errors import GraphModeError
from . import autodiff, graph, state_frame

__all__ = ["GradCache", "PythonEffect", "refuse_python_effect", "note_guard"]


class PythonEffect(Exception):
    """A Python-level side effect while a differentiated function was traced for the cache."""


_UNTRACEABLE = (GraphModeError, PythonEffect, jax.errors.ConcretizationTypeError,
                jax.errors.TracerArrayConversionError, jax.errors.TracerBoolConversionError,
                jax.errors.TracerIntegerConversionError, jax.errors.UnexpectedTracerError)

_tracing: list["_Trace"] = []


class _Trace:
    """What one first call's traces recorded: the guards, and whether Python effects were refused."""

    def __init__(self):
        self.guards: dict[int, tuple] = {}


def tracing() -> bool:
    return bool(_tracing)


def refuse_python_effect(what: str) -> None:
    """Called before a Python-level side effect (a Cell attribute write): while a function is
    traced for the cache, abort the trace (the call then runs eagerly, the effect once)."""
    if _tracing:
        raise PythonEffect(what)


def note_guard(owner, read) -> None:
    """While tracing for the cache: the program depends on `read()` (e.g. a Cell's training
    flag); a later call where it reads otherwise compiles another program."""
    if _tracing:
        _tracing[-1].guards.setdefault(id(owner), (owner, read, read()))


class _RefusingStream:
    """sys.stdout while tracing: a write is a Python effect the compiled program would lose."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        if text:
            raise PythonEffect("a write to sys.stdout (print)")
        return 0

    def __getattr__(self, name):
        return getattr(self._stream, name)


class _Variant:
    """The programs traced under one reading of the guards."""

    def __init__(self, guards, graphs):
        self.guards = list(guards.values())
        self.graphs = graphs

    def holds(self) -> bool:
        return all(read() == value for _, read, value in self.guards)


class GradCache:
    """The compiled programs of one differentiated function (and weight list), per signature."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self._variants: dict = {}  # signature key -> [_Variant]; None: runs eagerly
        self.compiles = 0  # programs traced (for tests and benchmarks)

    def value_and_grad(self, fn, args, positions, weights, sens=None, has_aux=False):
        """`autodiff.value_and_grad(...)`, compiled when outside a graph and traceable."""
        if not self.enabled or state_frame.active() is not None or _tracing:  # in a graph: inline
            return autodiff.value_and_grad(fn, args, positions, weights, sens, has_aux)
        weights = tuple(weights)

        def whole(call_args, call_sens):
            return autodiff.value_and_grad(fn, call_args, positions, weights, call_sens, has_aux)

        inputs = (tuple(args), sens)
        key = (graph._Signature(inputs, {}).key, tuple(positions), has_aux, context.get_context("mode"))
        variants = self._variants.get(key, [])
        if variants is None:
            return autodiff.value_and_grad(fn, args, positions, weights, sens, has_aux)
        variant = next((v for v in variants if v.holds()), None)
        trace = _Trace()
        graphs = variant.graphs if variant is not None else {}
        program = self._traced(trace, whole, inputs, graphs)
        if program is None:  # untraceable: this signature runs eagerly from now on
            self._variants[key] = None
            return autodiff.value_and_grad(fn, args, positions, weights, sens, has_aux)
        if variant is None:
            self._variants[key] = variants + [_Variant(trace.guards, graphs)]
        compiled, signature = program
        return compiled(signature.dynamic)

    def _traced(self, trace, whole, inputs, graphs):
        """(the program for `inputs`, their signature), traced now if it is new; None when the
        trace met something a compiled program cannot do (and nothing of it ran)."""
        _tracing.append(trace)
        stdout, sys.stdout = sys.stdout, _RefusingStream(sys.stdout)
        try:
            compiled, signature = graph._graph_for(whole, inputs, {}, graphs, ())
            if compiled.uses_random:
                raise PythonEffect("a random op (its keys come from the eager random stream)")
            if not getattr(compiled, "traced", False):
                compiled.trace(signature.dynamic)
                compiled.traced = True
                self.compiles += 1
        except _UNTRACEABLE:
            return None
        finally:
            sys.stdout = stdout
            _tracing.pop()
        return compiled, signature
