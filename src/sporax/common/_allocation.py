"""Can a tensor of this shape and dtype be allocated? Asked before any buffer is requested.

XLA aborts the whole process (SIGABRT) when an array's byte count overflows, and NumPy or
the device allocator fail with messages that name neither the tensor nor its size. Every
materialisation therefore asks `check(shape, dtype)` first (and a random draw, which
counts elements, asks `check_draw`):

    bytes = prod(shape) * itemsize(dtype)
    bytes > sys.maxsize            -> ValueError  (no address space can hold it)
    bytes > allocatable_bytes()    -> MemoryError (more than this machine can give)

where `allocatable_bytes()` is the least of the host's physical memory, the process's
address-space and data-segment limits (`resource.RLIMIT_AS`, `RLIMIT_DATA`) and, when the
default JAX device is an accelerator, that device's memory. Both errors name the shape,
the dtype and the bytes.
"""
from __future__ import annotations

import math
import os
import sys

import jax

from . import dtype as mstype


def _host_bytes() -> int:
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):  # not POSIX: no cheap answer, no host bound
        return sys.maxsize


def _limit_bytes() -> int:
    try:
        import resource
    except ImportError:
        return sys.maxsize
    limits = [resource.getrlimit(kind)[0] for kind in (resource.RLIMIT_AS, resource.RLIMIT_DATA)]
    return min([sys.maxsize] + [n for n in limits if n != resource.RLIM_INFINITY and n >= 0])


def _device_bytes() -> int:
    try:
        device = jax.devices()[0]
        if device.platform == "cpu":
            return sys.maxsize
        return int((device.memory_stats() or {}).get("bytes_limit", sys.maxsize))
    except Exception:  # a backend without memory statistics: no device bound
        return sys.maxsize


def allocatable_bytes() -> int:
    """The most bytes one tensor could be given on this machine (see the module docstring)."""
    return min(_host_bytes(), _limit_bytes(), _device_bytes())


def _region_shape(shape, index) -> tuple:
    if index is None:
        return tuple(shape)
    return tuple(len(range(*s.indices(n))) if isinstance(s, slice) else n for s, n in zip(index, shape))


def check_addressable(shape, dtype: mstype.Type) -> None:
    """ValueError if a whole `shape` tensor of `dtype` has more bytes than any address space;
    asked when a lazy value takes its random draw (generators count elements in int64)."""
    nbytes = math.prod(int(n) for n in shape) * dtype.to_numpy().itemsize
    if nbytes > sys.maxsize:
        raise ValueError(f"Cannot allocate a tensor of shape {tuple(shape)} and dtype {dtype}: it needs {nbytes} "
                         f"bytes, which overflows the largest possible allocation ({sys.maxsize} bytes).")


def check_draw(shape, dtype: mstype.Type, generator) -> None:
    """Before a lazy value takes its random draw from `generator` (None: no draw): the bytes
    must be addressable; and a generator that is not elementwise (it makes every value
    whatever region is asked for, and may burn the global RNG for each one now) must be able
    to hold the whole tensor."""
    check_addressable(shape, dtype)
    if generator is not None and not generator.elementwise:
        check(shape, dtype)


def check(shape, dtype: mstype.Type, index=None) -> int:
    """The bytes of a `shape` (or of its region `index`, a tuple of slices) tensor of `dtype`;
    ValueError if they overflow, MemoryError if they exceed `allocatable_bytes()`."""
    shape = _region_shape(shape, index)
    check_addressable(shape, dtype)
    nbytes = math.prod(int(n) for n in shape) * dtype.to_numpy().itemsize
    if nbytes > 1 << 26:  # below 64 MiB no machine that runs sporax refuses; skip the queries
        limit = allocatable_bytes()
        if nbytes > limit:
            raise MemoryError(f"Cannot allocate a tensor of shape {shape} and dtype {dtype}: it needs {nbytes} bytes "
                              f"({nbytes / 2**30:.1f} GiB), more than this machine can allocate ({limit} bytes).")
    return nbytes
