"""What the call-cache and dispatch tests share: results as bytes, running calls with the cache
off, and the JAX primitives a call binds outside its kernels."""
from __future__ import annotations

import contextlib

from jax._src import core as jax_core

from sporax import Tensor
from sporax.ops import _call_cache


def bits(value):
    """A result as comparable bytes: each Tensor's dtype, shape and raw data."""
    if isinstance(value, (tuple, list)):
        return [bits(v) for v in value]
    if isinstance(value, Tensor):
        array = value.asnumpy()
        return (array.dtype.str, array.shape, array.tobytes())
    return value


@contextlib.contextmanager
def every_call_eager():
    """Calls inside run their Python code, as they would with no cache at all."""
    saved = _call_cache._bypassed
    _call_cache._bypassed = lambda: True
    try:
        yield
    finally:
        _call_cache._bypassed = saved


def bound_outside_kernels(call):
    """The JAX primitives a warm call binds outside its compiled kernels: each one is a
    dispatch of its own (a warm jitted kernel runs through JAX's C++ path and binds nothing).
    Warm means past the call cache's recording too, which traces the call (and binds as it traces)."""
    for _ in range(_call_cache.EAGER_CALLS + 1):
        call()
    bound, original = [], jax_core.Primitive.bind

    def recording(self, *args, **params):
        bound.append(self.name)
        return original(self, *args, **params)

    jax_core.Primitive.bind = recording
    try:
        call()
    finally:
        jax_core.Primitive.bind = original
    return bound
