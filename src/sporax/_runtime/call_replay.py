"""Recording an eager op call so that later calls can replay it without its Python code.

A public op's Python code (argument checks, dtype promotion, building a primitive) costs
more than the compiled kernel it ends in, and for given argument types, shapes, dtypes and
Python values it does the same every time. `sporax.ops._call_cache` therefore traces such a
call once with `Recorder` active: the executor logs each primitive it runs with its
arguments, and the call is replayed from then on as those primitives on the new arrays,
through the same executor and the same cached kernels, so a replayed call returns what the
eager call would, bit for bit.

A call is replayable only if nothing in it depends on more than its arguments' types,
shapes and values: code that reads mutable state (a Parameter, the random-key counters),
writes it, or branches on whether a value is traced (to check values only eagerly) calls
`refuse`, and the call keeps running eagerly.
"""
from __future__ import annotations

import threading

import jax


class NotReplayable(Exception):
    """Raised inside a recording: the call depends on more than its arguments."""


class Recorder:
    """The primitives a call being recorded runs: (primitive, arguments, result) each."""

    __slots__ = ("steps", "depth", "thread")

    def __init__(self):
        self.steps: list = []
        self.depth = 0  # > 0 while a recorded primitive runs (primitives it runs are its own)
        self.thread = threading.get_ident()  # other threads' ops (a dataset's workers) are not its own


# The Recorder of the call being traced for replay, else None. Read on every eager dispatch.
active: Recorder | None = None


def recording() -> Recorder | None:
    """The Recorder of a call this thread is recording, else None."""
    recorder = active
    return recorder if recorder is not None and recorder.thread == threading.get_ident() else None


def refuse(why: str) -> None:
    """Called where behaviour depends on state or on tracing: a recording in progress stops."""
    if active is not None and recording() is not None:
        raise NotReplayable(why)


def traced(value) -> bool:
    """Whether `value` is a tracer. Ops branch on it to check values only eagerly, which a
    recording (where every argument is traced) would skip: asking refuses the recording."""
    if isinstance(value, jax.core.Tracer):
        refuse("branches on whether a value is traced")
        return True
    return False
