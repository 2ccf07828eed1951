"""Errors sporax raises for misuse that MindSpore users can meet (`sporax.errors`).

Each names one kind of misuse, so that every place detecting it raises the same class.
"""
from __future__ import annotations

__all__ = ["GraphModeError", "ParameterInGraphError", "ValueShapedOpInGraphError"]


class GraphModeError(RuntimeError):
    """Something a compiled graph (GRAPH_MODE or `sporax.jit`) cannot do: read a Tensor's
    Python value while tracing, create a Parameter after the first trace, reach a Parameter
    the first trace did not. A RuntimeError, as MindSpore's graph compiler raises."""


class ParameterInGraphError(GraphModeError, ValueError):
    """A Parameter created while a graph is traced: a ValueError, as MindSpore 2.10's graph
    compiler raises ("creating ... Parameter instances is not supported in 'construct'")."""


class ValueShapedOpInGraphError(GraphModeError, TypeError):
    """An op whose output shape depends on its input values (NonZero, MaskedSelect, Unique, ...)
    met inside a compiled graph, which knows shapes only: a TypeError, as sporax has always
    raised it, and a GraphModeError, so that compiled differentiation falls back to running
    op by op."""
