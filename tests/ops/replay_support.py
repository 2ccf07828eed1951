"""What the call-cache tests share: results as bytes, and running calls with the cache off."""
from __future__ import annotations

import contextlib

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
