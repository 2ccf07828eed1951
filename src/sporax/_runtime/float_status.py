"""The float-status register: Ascend's overflow detection, on every backend.

Allocated (armed) by NPUAllocFloatStatus, zeroed by NPUClearFloatStatus, read by
NPUGetFloatStatus: while armed, every primitive's floating output is checked for inf/NaN
and the result or-ed into the register (8 float32 values; nonzero means overflow).

There is one register for eager execution; a compiled graph (and an autodiff pass) threads
its own `Register` through the traced program as state, in its StateFrame, starting from
and ending in the eager one, so both modes see the same status. Every operation acts on
the active register: the innermost frame's, else the eager one.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from . import call_replay, state_frame

SIZE = 8


@jax.jit
def _overflowed(arrays):
    flags = [jnp.any(~jnp.isfinite(a)) for a in arrays]
    return jnp.any(jnp.stack(flags)) if flags else jnp.asarray(False)


def _floating(outputs):
    leaves = jax.tree_util.tree_leaves(outputs)
    return [a for a in leaves if hasattr(a, "dtype") and jnp.issubdtype(a.dtype, jnp.inexact)]


class Register:
    """`armed` and the 8-value status; `value` is None until first allocated (reads as zeros)."""

    def __init__(self, armed: bool = False, value=None):
        self.armed = armed
        self.value = value

    def current(self):
        return self.value if self.value is not None else jnp.zeros(SIZE, jnp.float32)

    def copy(self) -> "Register":
        return Register(self.armed, self.current())

    def observe(self, outputs) -> None:
        if not self.armed:
            return
        floats = _floating(outputs)
        if floats:
            self.value = jnp.maximum(self.current(), _overflowed(floats).astype(jnp.float32))

    def clear(self):
        self.value = jnp.zeros(SIZE, jnp.float32)
        return self.value

    def allocate(self):
        self.armed = True
        return self.clear()

    def assign(self, other: "Register") -> None:
        self.armed, self.value = other.armed, other.value


_eager = Register()


def active() -> Register:
    """The register operations act on now."""
    call_replay.refuse("uses the float-status register")  # it changes between calls
    frame = state_frame.active()
    return frame.status if frame is not None and frame.status is not None else _eager


def eager() -> Register:
    return _eager


def observe(outputs) -> None:
    """Or the overflow state of `outputs` into the active register, if it is armed."""
    # Every eager primitive passes here: outside any frame, with the eager register unarmed
    # (the usual case), that is one list and one flag test.
    if state_frame._active or _eager.armed:
        active().observe(outputs)


def armed() -> bool:
    return active().armed


def allocate():
    return active().allocate()


def read():
    return active().current()


def clear():
    return active().clear()


def reset() -> None:
    """Disarm and forget the eager register (tests start from here)."""
    _eager.assign(Register())
