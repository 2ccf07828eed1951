"""Streams (`mindspore.runtime.stream`): `synchronize`, `Stream`, `StreamCtx`, the current stream.

What a stream is on JAX: each device has one in-order dispatch queue. Every operation sporax
dispatches joins it and runs after the ones before it, so there is exactly one real stream per
device. A `Stream` object names that queue: work "on" any Stream runs in program order, `wait_event`
and `wait_stream` are already satisfied by that order, and `synchronize()` waits for the queue to
drain. MindSpore's streams exist on Ascend and GPU only (its CPU backend returns None from
`current_stream()`); sporax gives every backend its queue as a Stream.
"""
from __future__ import annotations

import itertools
import threading
import time

import jax

from .. import context

__all__ = ["synchronize", "Stream", "StreamCtx", "current_stream", "default_stream", "communication_stream",
           "set_cur_stream", "Event"]


def synchronize():
    """Block until every computation sporax has dispatched, on every device, has finished
    (JAX runs operations asynchronously; MindSpore's streams are JAX's dispatch queue)."""
    jax.effects_barrier()
    for array in jax.live_arrays():
        array.block_until_ready()


def _pending():
    """The arrays whose computation may still be queued."""
    return [a for a in jax.live_arrays() if not a.is_deleted()]


_ids = itertools.count(1)  # 0 is the default stream's, as in MindSpore


class Stream:
    """A handle on the device's in-order dispatch queue (see the module docstring).

    priority: kept for MindSpore's signature (lower is higher priority); one queue has no
    priorities to choose between.
    """

    def __init__(self, priority=0, **kwargs):
        if isinstance(priority, bool) or not isinstance(priority, int):
            raise TypeError(f"For 'Stream', the argument 'priority' must be int, but got {type(priority)}.")
        unknown = set(kwargs) - {"stream"}
        if unknown:
            raise TypeError(f"For 'Stream', the keyword arguments {sorted(unknown)} are not supported.")
        self.priority = priority
        self.id = next(_ids)
        self.device_id = context.get_context("device_id") or 0
        self.device_name = jax.default_backend().upper()

    stream_id = property(lambda self: self.id)

    def query(self):
        """True when everything dispatched so far has finished."""
        return all(a.is_ready() for a in _pending())

    def synchronize(self):
        """Wait until everything dispatched so far has finished."""
        synchronize()

    def wait_event(self, event):
        """Make later work wait for `event`: already so, since the queue runs in order."""
        if not isinstance(event, Event):
            raise TypeError(f"For 'wait_event', the argument 'event' should be Event, but got {type(event)}.")

    def wait_stream(self, stream):
        """Make later work wait for `stream`'s work: already so (one in-order queue)."""
        if not isinstance(stream, Stream):
            raise TypeError(f"For 'wait_stream', the argument 'stream' should be Stream, but got {type(stream)}.")

    def record_event(self, event=None):
        """Record `event` (a new Event when None) at this point of the queue and return it."""
        event = Event() if event is None else event
        if not isinstance(event, Event):
            raise TypeError(f"For 'record_event', the argument 'event' should be Event, but got {type(event)}.")
        event.record(self)
        return event

    def __eq__(self, other):
        return isinstance(other, Stream) and other.id == self.id

    def __hash__(self):
        return hash(("Stream", self.id))

    def __repr__(self):
        return f"Stream(device_name={self.device_name}, device_id:{self.device_id}, stream id:{self.id})"


_default = None
_state = threading.local()


def default_stream():
    """The device's default stream (the dispatch queue)."""
    global _default
    if _default is None:
        _default = Stream()
        _default.id = 0
    return _default


def communication_stream():
    """The stream collectives run on: JAX runs them in the same in-order queue, so the default stream."""
    return default_stream()


def current_stream():
    """The stream selected for this thread (`set_cur_stream`, `StreamCtx`), else the default one."""
    return getattr(_state, "stream", None) or default_stream()


def set_cur_stream(stream):
    """Select `stream` for this thread."""
    if not isinstance(stream, Stream):
        raise TypeError(f"For 'set_cur_stream', the argument 'stream' should be Stream, but got {type(stream)}.")
    _state.stream = stream


class StreamCtx:
    """`with StreamCtx(stream):` selects `stream` for the block and restores the previous one after."""

    def __init__(self, ctx_stream):
        if ctx_stream is not None and not isinstance(ctx_stream, Stream):
            raise TypeError(f"For 'StreamCtx', the argument 'ctx_stream' should be Stream, but got "
                            f"{type(ctx_stream)}.")
        self.stream = ctx_stream

    def __enter__(self):
        self._previous = getattr(_state, "stream", None)
        if self.stream is not None:
            _state.stream = self.stream

    def __exit__(self, *exc):
        _state.stream = self._previous
        return False


# --- events: markers in the queue ---------------------------------------------------------------
# An Event records the point of the queue (one in-order queue per device, above) that
# the program had reached: the arrays dispatched so far. `query()` says whether they have all
# finished, `synchronize()` waits for them. With `enable_timing=True`, `record()` waits for that
# work to finish and stamps the wall-clock time, so `start.elapsed_time(end)` is the time the
# device spent between the two points, in milliseconds (JAX exposes no device-side timestamps;
# the wait makes the host clock an upper-bound measure of the same interval).


class Event:
    """A marker in the dispatch queue. enable_timing: record() stamps completion times for
    elapsed_time(); blocking: wait() blocks the host until the marked work is done."""

    def __init__(self, enable_timing=False, blocking=False):
        for name, value in (("enable_timing", enable_timing), ("blocking", blocking)):
            if not isinstance(value, bool):
                raise TypeError(f"For 'Event', the argument '{name}' must be bool, but got {type(value)}.")
        self.enable_timing, self.blocking = enable_timing, blocking
        self._arrays = None
        self._time = None

    def record(self, stream=None):
        """Mark the work dispatched so far (on `stream`, default the current one: the same queue)."""
        if stream is not None and not isinstance(stream, Stream):
            raise TypeError(f"For 'record', the argument 'stream' should be Stream, but got {type(stream)}.")
        self._arrays = _pending()
        if self.enable_timing:
            self.synchronize()
            self._time = time.perf_counter()

    def query(self):
        """True when the marked work has finished (or nothing was recorded)."""
        return self._arrays is None or all(a.is_deleted() or a.is_ready() for a in self._arrays)

    def synchronize(self):
        """Wait until the marked work has finished."""
        for array in self._arrays or ():
            if not array.is_deleted():
                array.block_until_ready()

    def wait(self, stream=None):
        """Make `stream`'s later work wait for this event: the in-order queue already does; with
        `blocking=True` the host waits too."""
        if stream is not None and not isinstance(stream, Stream):
            raise TypeError(f"For 'wait', the argument 'stream' should be Stream, but got {type(stream)}.")
        if self.blocking:
            self.synchronize()

    def elapsed_time(self, end_event):
        """Milliseconds from this event's point of the queue to `end_event`'s."""
        if not isinstance(end_event, Event):
            raise TypeError(f"For 'elapsed_time', the argument 'end_event' should be Event, but got "
                            f"{type(end_event)}.")
        if not (self.enable_timing and end_event.enable_timing):
            raise ValueError("For 'elapsed_time', both events must be created with enable_timing=True.")
        if self._time is None or end_event._time is None:
            raise ValueError("For 'elapsed_time', both events must be recorded before measuring the time between them.")
        return (end_event._time - self._time) * 1000.0

    def __repr__(self):
        return (f"Event(enable_timing={int(self.enable_timing)}, blocking:{int(self.blocking)}, "
                f"is_created:{int(self._arrays is not None)})")

