"""Mutable state's one read and one write, and StateFrame: Parameter values during a
compiled-graph trace (MindSpore's auto-monad as functional state threading).

A *holder* is the object whose value changes in place (a Parameter). It keeps its own
storage (`holder._data`, possibly lazy) and offers `_stored_value()` (the stored value,
materialised), `_store(value)` and `_array_of(storage)` (storage as an array). Everyone else reads and writes it through `read` and
`write` here, so the execution mode is decided in one place:

- outside any frame, `read` is the stored value and `write` replaces it;
- while a frame is active, a read returns the frame's current value for the holder and a
  write rebinds that value; the holder itself is untouched until the compiled call returns
  and its final value is written back. So reads and writes happen in program order,
  inside the graph exactly as in PyNative.

A frame in `discover` mode (the first trace of a graph) records which holders the program
touches, serving their stored values; a `run` frame binds exactly those to tracers; an
`overlay` frame (autodiff) binds the weights being differentiated and serves every other
holder from the enclosing frame. A frame also carries the float-status register and the
random key of the call.
"""
from __future__ import annotations

import jax

from ..errors import GraphModeError, ParameterInGraphError
from . import call_replay

_active: list["StateFrame"] = []


def active() -> "StateFrame | None":
    return _active[-1] if _active else None


def random_source() -> "StateFrame | None":
    """The innermost frame that carries a random key (a compiled graph's), if any."""
    for frame in reversed(_active):
        if frame.rng_key is not None:
            return frame
    return None


def read(holder):
    """The holder's current value: the active frame's binding, else its stored value."""
    return read_in(active(), holder)


def read_in(frame, holder):
    """The holder's value as `frame` (or, for None, the holder itself) holds it; in a call
    being recorded for replay, as its Recorder holds it."""
    if frame is not None:
        call_replay.refuse("reads a Parameter inside a graph")  # a graph run within the call
        return frame.read(holder)
    if call_replay.active is not None:
        recorder = call_replay.recording()
        if recorder is not None:
            return recorder.read(holder)
    return holder._stored_value()


def write(holder, value) -> None:
    """Replace the holder's value: in the active frame, else in the holder (in a call being
    recorded, in its Recorder: the replays store it)."""
    frame = active()
    if frame is not None:
        call_replay.refuse("writes a Parameter inside a graph")
        frame.write(holder, value)
        return
    if call_replay.active is not None:
        recorder = call_replay.recording()
        if recorder is not None:
            recorder.write(holder, value)
            return
    holder._store(value)


def peek(holder):
    """What describes the holder's shape and dtype now, without materialising it: the
    active frame's binding, else its storage (possibly lazy)."""
    frame = active()
    if frame is not None:
        call_replay.refuse("reads a Parameter inside a graph")
        return frame.read(holder)
    if call_replay.active is not None:
        recorder = call_replay.recording()
        if recorder is not None:
            return recorder.read(holder)
    return holder._data


def check_new_state(name) -> None:
    """New mutable state cannot appear inside a traced program: a ValueError, as MindSpore
    2.10's graph compiler raises (also a GraphModeError, sporax's class for graph misuse)."""
    if _active:
        raise ParameterInGraphError(
            f"Failed to compile in GRAPH_MODE because creating Parameter '{name}' is not supported in 'construct' "
            "or a @jit decorated function (GRAPH_MODE or sporax.jit). Create it in the method '__init__' and "
            "assign to it in construct.")


class StateFrame:
    def __init__(self, mode: str, params=(), values=(), status=None, rng_key=None, parent=None):
        self.mode = mode
        self.parent = parent
        self.written: dict[int, object] = {}
        self.params: list = list(params)
        self.values: dict[int, object] = {id(p): v for p, v in zip(params, values)}
        self.status = status  # a float_status.Register threaded through this program, or None
        self.rng_key = rng_key
        self.rng_count = 0
        self.has_io = False

    def __enter__(self):
        _active.append(self)
        return self

    def __exit__(self, *exc):
        _active.pop()

    def _bind(self, holder):
        key = id(holder)
        if key not in self.values:
            if self.mode == "overlay":  # a holder this frame does not differentiate: a constant here
                value = read_in(self.parent, holder)
            elif self.mode == "discover":
                value = holder._stored_value()
            else:
                raise GraphModeError(
                    f"Parameter '{holder.name}' was reached in a compiled graph but not when the graph was first "
                    "traced: Python control flow that depends on call-time state decides which Parameters are "
                    "used. Make the choice static or use PYNATIVE_MODE.")
            self.params.append(holder)
            self.values[key] = value
        return key

    def read(self, holder):
        return self.values[self._bind(holder)]

    def write(self, holder, value) -> None:
        # A lazy value (set_data with an initializer) becomes data: a traced program holds arrays.
        self.values[self._bind(holder)] = holder._array_of(value)
        self.written[id(holder)] = holder

    def final_values(self) -> tuple:
        return tuple(self.values[id(p)] for p in self.params)

    def next_key(self, seed0: int, seed1: int):
        """A traced key for a random op: distinct per op call in this graph, and per graph call."""
        key = jax.random.wrap_key_data(self.rng_key)
        for word in (seed0, seed1, self.rng_count):
            key = jax.random.fold_in(key, word)
        self.rng_count += 1
        return jax.random.key_data(key)
