"""Host buffers a load fills in place and hands to JAX without a copy.

A load reads each tensor's bytes from the file straight into an array it owns; on a CPU
device that array becomes the jax.Array itself, so loading costs the model's bytes once:
through DLPack (which needs 64-byte alignment) for the dtypes DLPack describes, and for
the others (bfloat16, float8...) through XLA's zero-copy host-buffer transfer, which adopts
the same aligned array. Elsewhere (an accelerator, or arrays under 64 KiB) the array is
copied once and then dropped.

`jax.device_put` spends ~30 us of Python per array before the copy, which is most of the
time of a checkpoint with 10^5 tiny tensors; the transfer it ends in,
`xla_client.batched_device_put`, is called directly with a cached sharding (the same call,
the same result; `jax.device_put` is the fallback should that internal ever change).
"""
from __future__ import annotations

import math
import mmap
import sys

import jax
import numpy as np

_ALIGNMENT = 64
_ZERO_COPY_BYTES = 1 << 16  # below this a copy is cheaper than a DLPack capsule
_MAPPED_BYTES = 1 << 22  # from here on, a mapping of its own (page-aligned, so 64-byte aligned too)
# Private, not mmap's default shared: a shared anonymous mapping is shmem, whose pages cost
# more to fault in and to free (1.07 GB/s against 1.51 reading a cached 256 MiB .ckpt).
_PRIVATE = {"flags": mmap.MAP_PRIVATE} if hasattr(mmap, "MAP_PRIVATE") else {}
# Linux >= 5.14: fault the whole mapping in with one call instead of one trap per page.
_POPULATE_WRITE = getattr(mmap, "MADV_POPULATE_WRITE", 23 if sys.platform.startswith("linux") else None)

try:
    from jax._src import core as _core
    from jax._src.lib import xla_client as _xla_client
except ImportError:  # a JAX without these internals: the public path only
    _core = _xla_client = None


def shape_problem(shape, itemsize: int) -> str | None:
    """Why no array can have `shape` (NumPy refuses dimensions whose product, zeros left out,
    times the item size passes the largest index), or None."""
    extent = math.prod(d for d in shape if d) * itemsize
    if extent > sys.maxsize:
        return (f"its dimensions multiply to {extent} bytes (leaving out the zeros), past the largest array "
                f"({sys.maxsize} bytes)")
    return None


def empty(shape, dtype) -> np.ndarray:
    """An uninitialised C-contiguous array; 64-byte aligned when large enough to be adopted.

    From `_MAPPED_BYTES` on, the array is its own private anonymous mapping, faulted in
    with one MADV_POPULATE_WRITE before the file's bytes are copied into it; freeing it
    returns the memory to the system at once.

    Small pages, not huge ones (MADV_HUGEPAGE), on purpose. Where a hypervisor takes free
    2 MiB blocks back from the guest (virtio-balloon free page reporting, order 9, as on the
    VMs this is measured on) a fresh huge page is a host fault per 4 KiB when first touched:
    reading a cached 256 MiB .ckpt ran at a median 0.35 GB/s into huge pages against 1.54
    into small ones and 1.46 for safetensors.numpy (process CPU time, interleaved rounds,
    load average 6.8), and a huge page is only faster (6 GB/s) when a block freed a moment
    before is reused.
    """
    dtype = np.dtype(dtype)
    nbytes = math.prod(shape) * dtype.itemsize
    if nbytes < _ZERO_COPY_BYTES:
        return np.empty(shape, dtype)
    if nbytes >= _MAPPED_BYTES:
        region = mmap.mmap(-1, nbytes, **_PRIVATE)
        if _POPULATE_WRITE is not None:
            try:
                region.madvise(_POPULATE_WRITE)
            except OSError:  # an older kernel: the same pages, faulted in one by one as they are written
                pass
        return np.frombuffer(region, dtype=dtype).reshape(shape)
    raw = np.empty(nbytes + _ALIGNMENT, dtype=np.uint8)
    start = -raw.ctypes.data % _ALIGNMENT
    return raw[start:start + nbytes].view(dtype).reshape(shape)


class Adopter:
    """Turns host arrays into jax.Arrays on the default device, for one load."""

    def __init__(self):
        self.device = jax.devices()[0]
        self.on_cpu = self.device.platform == "cpu"
        self.sharding = jax.sharding.SingleDeviceSharding(self.device)
        self.direct = _xla_client is not None and hasattr(_xla_client, "batched_device_put")

    def __call__(self, array: np.ndarray) -> jax.Array:
        """`array` as a jax.Array; `array` must not be written afterwards."""
        if self.on_cpu and array.nbytes >= _ZERO_COPY_BYTES and array.dtype.kind in "biufc":
            try:
                return jax.dlpack.from_dlpack(array, copy=False)
            except (ValueError, TypeError, RuntimeError):
                pass
        if self.direct:
            try:
                aval = _core.ShapedArray(array.shape, array.dtype)
                return _xla_client.batched_device_put(aval, self.sharding, [array], [self.device], False)
            except Exception:  # an internal that changed: never again, use the public call
                self.direct = False
        return jax.device_put(array)
