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
`refuse`, and the call keeps running eagerly. What a replay takes part in, beyond the primitives:
- a random op's key: drawn while recording, it is a placeholder logged as a `KeyDraw` step, and
  each replay draws afresh where the eager call would have (`drawn_key`);
- a check of argument values (an index in range): while recording it is a `ValueCheck` step,
  and each replay runs it on its own values, raising what the eager call would (`check_values`);
- a small Tensor argument whose value the call reads on the host (a size, paddings, a shape:
  what the output's shape or a static attribute comes from): while recording the read gets
  the argument's concrete value (`read_argument`), and the recording holds only for that value,
  so a replay first compares its argument's value with it (a guard) and runs eagerly when it
  differs;
- a Parameter given as an argument: its value is an input of the recording (`bind`), what the
  call writes to it is kept by the Recorder instead of stored, and a replay reads the value when
  the call starts and stores the last value written when it ends (`read`, `write`). A Parameter
  the call was not given (a closure's) still refuses;
- a Tensor argument written in place (`x.mul_(2)`): the write lands on the recording's own
  Tensor of that argument, and a replay writes the caller's Tensor at the end
  (`tensor_written`). A Tensor the call was not given is never written while recording.
"""
from __future__ import annotations

import itertools
import threading

import jax
import numpy as np


class NotReplayable(Exception):
    """Raised inside a recording: the call depends on more than its arguments."""


class Recorder:
    """The primitives a call being recorded runs: (primitive, arguments, result) each; and the
    Parameters it was given, each with its value now (its traced input, or what was written last)."""

    __slots__ = ("steps", "depth", "thread", "bound", "written", "arguments", "concrete", "guards")

    def __init__(self):
        self.steps: list = []
        self.depth = 0  # > 0 while a recorded primitive runs (primitives it runs are its own)
        self.thread = threading.get_ident()  # other threads' ops (a dataset's workers) are not its own
        self.bound: dict = {}  # id(holder) -> [holder, value]
        self.written: dict = {}  # id(holder) -> holder, in the order of first writes
        self.arguments: set = set()  # ids of the Tensors standing for the call's Tensor arguments
        self.concrete: dict = {}  # id(tracer of a Tensor argument) -> its concrete array
        self.guards: list = []  # (tracer, NumPy value) per argument value read on the host

    def bind(self, holder, value) -> None:
        """The call was given `holder`; `value` (a tracer) is its value when the call starts."""
        self.bound.setdefault(id(holder), [holder, value])

    def read(self, holder):
        entry = self.bound.get(id(holder))
        if entry is None:
            raise NotReplayable("reads a Parameter it was not given")  # a closure's: it changes unseen
        return entry[1]

    def write(self, holder, value) -> None:
        entry = self.bound.get(id(holder))
        if entry is None:
            raise NotReplayable("writes a Parameter it was not given")
        if not isinstance(value, (jax.Array, jax.core.Tracer)):
            raise NotReplayable("writes a Parameter a value that is not an array")  # an initializer
        entry[1] = value
        self.written[id(holder)] = holder

    def final_writes(self) -> list:
        """(holder, last value written) for every Parameter the call wrote."""
        return [(holder, self.bound[key][1]) for key, holder in self.written.items()]


# The Recorder of the call being traced for replay, else None. Read on every eager dispatch.
active: Recorder | None = None


def recording() -> Recorder | None:
    """The Recorder of a call this thread is recording, else None."""
    recorder = active
    return recorder if recorder is not None and recorder.thread == threading.get_ident() else None


def tensor_written(tensor) -> None:
    """Called before a Tensor's value is replaced in place: while recording, only a Tensor
    standing for one of the call's arguments may be (its new value is a tracer)."""
    recorder = recording()
    if recorder is not None and id(tensor) not in recorder.arguments:
        raise NotReplayable("writes a Tensor it was not given")


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


# The largest argument a recording reads on the host and a replay compares (bytes): sizes,
# paddings and shapes are a few numbers; a larger read is data, which changes from call to call.
_LARGEST_READ_BYTES = 1024


def read_argument(value):
    """The concrete array of `value`, a tracer, when a call being recorded reads it on the host
    and it stands for a small Tensor argument of the call (the read is then logged as a guard);
    else None, and the caller refuses the read as it would in a compiled graph."""
    recorder = recording() if active is not None else None
    if recorder is None or recorder.depth:
        return None
    array = recorder.concrete.get(id(value))
    if array is None or array.nbytes > _LARGEST_READ_BYTES:
        return None
    recorder.guards.append((value, np.asarray(array)))
    return array


class KeyDraw:
    """A recorded call's random draw: a replay calls `draw(*args)`, the function the eager call
    drew its key with, at the same point of the call, so the draw counters move as they would
    eagerly and the replay's values are the eager call's, bit for bit."""

    __slots__ = ("draw", "args")

    def __init__(self, draw, args: tuple):
        self.draw, self.args = draw, args

    def _kernel_key(self):
        return (KeyDraw, self.draw, self.args)


# Each placeholder key holds a number never used before: two recordings of one call then see
# different keys, so a call that computes anything from its key's value outside a primitive
# (which a replay could not redo) records two different programs and stays eager.
_placeholder_numbers = itertools.count(1)


def drawn_key(recorder: Recorder, draw, args: tuple) -> np.ndarray:
    """The key a random op gets while `recorder` records its call: a placeholder (uint32 key
    data, as a real draw's), logged as a `KeyDraw` step. Nothing is drawn, no counter moves."""
    if recorder.depth:
        refuse("draws random numbers inside a primitive")
    number = next(_placeholder_numbers)
    key = np.array([number & 0xFFFFFFFF, number >> 32 & 0xFFFFFFFF], np.uint32)
    recorder.steps.append((KeyDraw(draw, args), (), key))
    return key


class ValueCheck:
    """A recorded call's check of argument values: a replay runs `check(*values, *static)` on
    its own values (NumPy), where the eager call checked, before the primitives after it."""

    __slots__ = ("check", "static")

    def __init__(self, check, static: tuple):
        self.check, self.static = check, static

    def _kernel_key(self):
        return (ValueCheck, self.check, self.static)

    def run(self, arrays) -> None:
        self.check(*[np.asarray(a) for a in arrays], *self.static)


def check_values(check, arrays: tuple, *static) -> None:
    """`check(*values, *static)` on the arrays' values (NumPy; it raises on bad values):
    now, eagerly; not inside a compiled graph, where the values are not known; and in a call
    being recorded, on every replay (a `ValueCheck` step). `check` must be a module-level
    function and `static` plain values: both are compared between recordings."""
    recorder = recording() if active is not None else None
    if recorder is not None:
        if recorder.depth:
            refuse("checks values inside a primitive")
        recorder.steps.append((ValueCheck(check, static), tuple(arrays), None))
        return
    if not any(isinstance(a, jax.core.Tracer) for a in arrays):
        ValueCheck(check, static).run(arrays)
