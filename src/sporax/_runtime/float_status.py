"""The float-status register: Ascend's overflow detection, on every backend.

Allocated (armed) by NPUAllocFloatStatus, zeroed by NPUClearFloatStatus, read by
NPUGetFloatStatus: while armed, every primitive's floating output is checked for inf/NaN
and the result or-ed into the register (8 float32 values; nonzero means overflow). Eager
ops update the register here; inside a compiled graph it is threaded through the graph as
state (see StateFrame), so both modes see the same status.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from . import state_frame

SIZE = 8
_armed = False
_value = None


@jax.jit
def _overflowed(arrays):
    flags = [jnp.any(~jnp.isfinite(a)) for a in arrays]
    return jnp.any(jnp.stack(flags)) if flags else jnp.asarray(False)


def _floating(outputs):
    leaves = jax.tree_util.tree_leaves(outputs)
    return [a for a in leaves if hasattr(a, "dtype") and jnp.issubdtype(a.dtype, jnp.inexact)]


def armed() -> bool:
    frame = state_frame.active()
    return frame.status_armed if frame is not None and frame.status is not None else _armed


def observe(outputs) -> None:
    """Or the overflow state of `outputs` into the register, if it is armed."""
    frame = state_frame.active()
    if frame is not None and frame.status is not None:
        if frame.status_armed:
            floats = _floating(outputs)
            if floats:
                frame.observe(jnp.any(jnp.stack([jnp.any(~jnp.isfinite(a)) for a in floats])))
        return
    global _value
    if not _armed:
        return
    floats = _floating(outputs)
    if floats:
        _value = jnp.maximum(_value, _overflowed(floats).astype(jnp.float32))


def allocate():
    global _armed, _value
    frame = state_frame.active()
    if frame is not None and frame.status is not None:
        frame.status_armed = True
        frame.status = jnp.zeros(SIZE, jnp.float32)
        return frame.status
    _armed = True
    _value = jnp.zeros(SIZE, jnp.float32)
    return _value


def read():
    frame = state_frame.active()
    if frame is not None and frame.status is not None:
        return frame.status
    return _value if _value is not None else jnp.zeros(SIZE, jnp.float32)


def clear():
    global _value
    frame = state_frame.active()
    if frame is not None and frame.status is not None:
        frame.status = jnp.zeros(SIZE, jnp.float32)
        return frame.status
    _value = jnp.zeros(SIZE, jnp.float32)
    return _value


def snapshot():
    """(armed, value) to thread into a compiled call."""
    return _armed, (_value if _value is not None else jnp.zeros(SIZE, jnp.float32))


def restore(armed_now: bool, value) -> None:
    global _armed, _value
    _armed, _value = armed_now, value
