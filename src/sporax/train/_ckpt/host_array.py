"""Host buffers a load fills in place and hands to JAX without a copy.

A load reads each tensor's bytes from the file straight into an array it owns; on a CPU
device that array becomes the jax.Array itself (DLPack, which needs 64-byte alignment), so
loading costs the model's bytes once. Elsewhere (an accelerator, or bfloat16, which DLPack
cannot describe) the array is copied once and then dropped.
"""
from __future__ import annotations

import jax
import numpy as np

_ALIGNMENT = 64


def empty(shape, dtype) -> np.ndarray:
    """An uninitialised C-contiguous array, its data 64-byte aligned."""
    dtype = np.dtype(dtype)
    nbytes = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    raw = np.empty(nbytes + _ALIGNMENT, dtype=np.uint8)
    start = -raw.ctypes.data % _ALIGNMENT
    return raw[start:start + nbytes].view(dtype).reshape(shape)


def to_jax(array: np.ndarray) -> jax.Array:
    """`array` as a jax.Array on the default device; it must not be written afterwards."""
    if array.dtype.kind in "biufc" and jax.devices()[0].platform == "cpu" and array.nbytes >= 4096:
        try:
            return jax.dlpack.from_dlpack(array, copy=False)
        except (ValueError, TypeError, RuntimeError):
            pass
    return jax.device_put(array)
