"""StateFrame: Parameter values during a compiled-graph trace (MindSpore's auto-monad as
functional state threading).

While a frame is active, a Parameter read returns the frame's current value for it and a
write rebinds that value; the Parameter object itself is untouched until the compiled call
returns and its final value is written back. So reads and writes happen in program order,
inside the graph exactly as in PyNative.

A frame in `discover` mode (the first trace of a graph) records which Parameters the
program touches, serving their concrete values; a `run` frame binds exactly those to
tracers. The frame also carries the float-status register and the random key of the call.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

_active: list["StateFrame"] = []


def active() -> "StateFrame | None":
    return _active[-1] if _active else None


def random_source() -> "StateFrame | None":
    """The innermost frame that carries a random key (a compiled graph's), if any."""
    for frame in reversed(_active):
        if frame.rng_key is not None:
            return frame
    return None


class StateFrame:
    def __init__(self, mode: str, params=(), values=(), status=None, status_armed=False, rng_key=None,
                 parent=None):
        self.mode = mode
        self.parent = parent
        self.written: dict[int, object] = {}
        self.params: list = list(params)
        self.values: dict[int, object] = {id(p): v for p, v in zip(params, values)}
        self.status = status
        self.status_armed = status_armed
        self.rng_key = rng_key
        self.rng_count = 0
        self.has_io = False

    def __enter__(self):
        _active.append(self)
        return self

    def __exit__(self, *exc):
        _active.pop()

    def _bind(self, param):
        key = id(param)
        if key not in self.values:
            if self.mode == "overlay":  # a Parameter this frame does not differentiate: a constant here
                self.params.append(param)
                self.values[key] = param._outer_value(self.parent)
                return key
            if self.mode != "discover":
                raise RuntimeError(f"Parameter '{param.name}' was reached in a compiled graph but not when the graph "
                                   "was first traced: Python control flow that depends on call-time state decides "
                                   "which Parameters are used. Make the choice static or use PYNATIVE_MODE.")
            self.params.append(param)
            self.values[key] = param._concrete_value()
        return key

    def read(self, param):
        return self.values[self._bind(param)]

    def write(self, param, value) -> None:
        self.values[self._bind(param)] = value
        self.written[id(param)] = param

    def final_values(self) -> tuple:
        return tuple(self.values[id(p)] for p in self.params)

    def next_key(self, seed0: int, seed1: int):
        """A traced key for a random op: distinct per op call in this graph, and per graph call."""
        key = jax.random.wrap_key_data(self.rng_key)
        for word in (seed0, seed1, self.rng_count):
            key = jax.random.fold_in(key, word)
        self.rng_count += 1
        return jax.random.key_data(key)

    def observe(self, flag) -> None:
        self.status = jnp.maximum(self.status, flag.astype(jnp.float32))
