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

import ctypes
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
# Linux >= 5.14: fault a range in with one call instead of one trap per page.
_POPULATE_WRITE = getattr(mmap, "MADV_POPULATE_WRITE", 23 if sys.platform.startswith("linux") else None)
_PAGE = mmap.PAGESIZE
_POPULATED_FROM = 1 << 20  # smaller writes fault their few pages in as they go
try:
    _madvise = ctypes.CDLL(None, use_errno=True).madvise if _POPULATE_WRITE is not None else None
    if _madvise is not None:
        _madvise.argtypes, _madvise.restype = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int), ctypes.c_int
except (OSError, AttributeError):
    _madvise = None

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

    From `_MAPPED_BYTES` on, the array is its own private anonymous mapping, not yet faulted
    in: whoever fills it calls `populate` on each step just before writing it, and freeing
    it returns the memory to the system at once.

    Faulting in a step at a time, not the whole mapping first. Making a large mapping's pages
    is slow on the VMs this is measured on (5 GB/s for 512 MiB: fresh memory there is a host
    fault too), and while a whole mapping is made up front the disk sits idle once the
    read-ahead in front of it is served. Filling a 512 MiB array from a dropped 512 MiB file
    in 16 MiB steps: median 1.45 GB/s with the mapping made first, 1.6-1.8 populating each
    step (10 alternating loads, load < 1); from the page cache the two
    are equal, and one populate call per step beats one trap per page on 32 MiB arrays
    (4.3 against 3.5-4.0 GB/s).

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
        return np.frombuffer(region, dtype=dtype).reshape(shape)
    raw = np.empty(nbytes + _ALIGNMENT, dtype=np.uint8)
    start = -raw.ctypes.data % _ALIGNMENT
    return raw[start:start + nbytes].view(dtype).reshape(shape)


def populate(view: memoryview) -> None:
    """Faults in, with one call, the pages that lie wholly inside the writable buffer `view`,
    about to be written (a no-op for small buffers, and where the kernel lacks
    MADV_POPULATE_WRITE: its pages are then faulted in one by one as they are written)."""
    global _madvise
    if _madvise is None or len(view) < _POPULATED_FROM:
        return
    start = ctypes.addressof(ctypes.c_char.from_buffer(view))
    first, end = -(-start // _PAGE) * _PAGE, (start + len(view)) // _PAGE * _PAGE
    if end > first and _madvise(first, end - first, _POPULATE_WRITE) != 0:
        _madvise = None  # an older kernel refuses it (EINVAL): never ask again


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
