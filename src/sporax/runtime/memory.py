"""Device memory statistics (`mindspore.runtime.memory`), from the JAX device's allocator.

On a GPU (or TPU) the numbers are XLA's allocator statistics for the current device
(`jax.Device.memory_stats()`): allocated = `bytes_in_use`, max allocated = `peak_bytes_in_use`,
reserved = `bytes_reserved` (or `pool_bytes` when the allocator reports that instead),
max reserved = `peak_bytes_reserved` (or `peak_pool_bytes`). JAX's CPU backend keeps no such
statistics: there every number is 0, as MindSpore reports on its CPU backend.
"""
from __future__ import annotations

import gc
import re

import jax

from .. import context

__all__ = ["memory_allocated", "max_memory_allocated", "memory_reserved", "max_memory_reserved", "memory_stats",
           "memory_summary", "reset_max_memory_allocated", "reset_max_memory_reserved", "reset_peak_memory_stats", "set_memory"]


def _device():
    devices = jax.local_devices()
    index = context.get_context("device_id") or 0
    return devices[index] if index < len(devices) else devices[0]


def _raw():
    try:
        return _device().memory_stats() or {}
    except (AttributeError, NotImplementedError, RuntimeError):  # a backend without allocator statistics
        return {}


def _first(stats, *keys):
    for key in keys:
        if key in stats:
            return int(stats[key])
    return 0


# toplevel (issue 10): resetting the peaks. XLA's allocator keeps one peak for the life of the
# process and cannot reset it, so after a reset sporax reports, as MindSpore does, the most seen
# since: XLA's peak once it has grown past its value at the reset (that new peak happened after
# the reset), otherwise the largest current usage observed at a query since the reset.
_resets = {}


def _peak(kind, xla_peak, current):
    reset = _resets.get(kind)
    if reset is None:
        return xla_peak
    if xla_peak > reset["xla_peak"]:
        return xla_peak
    reset["seen"] = max(reset["seen"], current)
    return reset["seen"]


def _reset(kind):
    stats = _raw()
    keys = ("peak_bytes_in_use",) if kind == "allocated" else ("peak_bytes_reserved", "peak_pool_bytes")
    _resets[kind] = {"xla_peak": _first(stats, *keys), "seen": 0}


def reset_max_memory_allocated():
    """Reset the peak of the memory held by Tensors: `max_memory_allocated()` counts from now."""
    _reset("allocated")


def reset_max_memory_reserved():
    """Reset the peak of the memory the allocator reserved: `max_memory_reserved()` counts from now."""
    _reset("reserved")


def reset_peak_memory_stats():
    """Reset both peaks (allocated and reserved)."""
    _reset("allocated")
    _reset("reserved")


def memory_stats():
    """MindSpore's statistics dict: total/max reserved and allocated bytes, idle bytes
    (reserved − allocated), and the memory pools' block statistics (XLA's allocator does not
    report blocks: empty)."""
    stats = _raw()
    allocated = _first(stats, "bytes_in_use")
    reserved = _first(stats, "bytes_reserved", "pool_bytes")
    return {
        "total_reserved_memory": reserved,
        "total_allocated_memory": allocated,
        "total_idle_memory": max(reserved - allocated, 0),
        "total_eager_free_memory": 0,
        "max_reserved_memory": _peak("reserved", _first(stats, "peak_bytes_reserved", "peak_pool_bytes"), reserved),
        "max_allocated_memory": _peak("allocated", _first(stats, "peak_bytes_in_use"), allocated),
        "common_mem_pool_stats": {"block_unit_size": 0, "block_counts": 0, "blocks_info": {}},
        "persistent_mem_pool_stats": {"block_counts": 0, "block_unit_size": 0, "blocks_info": {}},
    }


def memory_allocated():
    """Bytes held by live arrays on the current device."""
    return memory_stats()["total_allocated_memory"]


def max_memory_allocated():
    """The most bytes held at once on the current device since the process started."""
    return memory_stats()["max_allocated_memory"]


def memory_reserved():
    """Bytes the allocator has reserved from the device."""
    return memory_stats()["total_reserved_memory"]


def max_memory_reserved():
    """The most bytes the allocator has reserved at once."""
    return memory_stats()["max_reserved_memory"]


def _size(nbytes):
    for unit in ("B", "KB", "MB", "GB"):
        if nbytes < 1024 or unit == "GB":
            return f"{nbytes:7.2f} {unit}" if unit != "B" else f"{nbytes:6d} B "
        nbytes /= 1024
    return f"{nbytes} B"


def memory_summary():
    """A table of memory_stats(), as MindSpore prints it."""
    stats = memory_stats()
    rows = [("Reserved memory", "total_reserved_memory"), ("Allocated memory", "total_allocated_memory"),
            ("Idle memory", "total_idle_memory"), ("Eager free memory", "total_eager_free_memory"),
            ("Max reserved memory", "max_reserved_memory"), ("Max allocated memory", "max_allocated_memory")]
    line = "|" + "=" * 45 + "|"
    rule = "|" + "-" * 45 + "|"
    out = [line, "|" + " " * 15 + "Memory summary" + " " * 16 + "|", line, f"| {'Metric':<20} | {'Data':<20} |", rule]
    for i, (label, key) in enumerate(rows):
        out.append(f"| {label:<20} | {_size(stats[key]):<20} |")
        out.append(rule if i < len(rows) - 1 else line)
    return "\n".join(out) + "\n"


def ms_memory_recycle():
    """Free the memory held by compiled graphs: every compiled JAX executable (they are compiled
    again on next use) and, after a garbage collection, the device buffers nothing refers to."""
    jax.clear_caches()
    gc.collect()


__all__ += ["ms_memory_recycle"]


_MEMORY_PATTERN = r'[1-9][0-9]*(\.)?[0-9]*GB|0\.[0-9]*GB'
_RESERVE_PATTERN = r'[0-9][0-9]*(\.)?[0-9]*GB|0\.[0-9]*GB'
_memory_settings: dict = {}


def _check_size(value, pattern):
    # MindSpore matches at the start only (re.match), so "2GB" and "2GBx" both pass.
    if re.match(pattern, value, re.ASCII) is None:
        raise ValueError(f"The '{value}' is illegal, it must be match regular'{pattern}' by flags'{re.ASCII}.'")


def set_memory(init_size="2GB", increase_size="2GB", max_size="1024GB", optimize_level="O0",
               huge_page_reserve_size="0GB"):
    """Set the device memory pool's sizes ("xxGB") and optimisation level ("O0"/"O1") once.

    Validated exactly as MindSpore does and stored (`get_memory_settings()` reads them back, in
    GB). JAX's XLA allocator is sized before start-up (`XLA_PYTHON_CLIENT_MEM_FRACTION`,
    `XLA_PYTHON_CLIENT_PREALLOCATE`), so the values do not resize it.
    """
    for name, value in (("init_size", init_size), ("increase_size", increase_size), ("max_size", max_size),
                        ("optimize_level", optimize_level), ("huge_page_reserve_size", huge_page_reserve_size)):
        if not isinstance(value, str):
            raise TypeError(f"The parameter '{name}' must be {str}, but got {type(value)}")
    if _memory_settings:
        raise RuntimeError("The 'set_memory' can not be set repeatedly.")
    for value in (init_size, increase_size, max_size):
        _check_size(value, _MEMORY_PATTERN)
    _check_size(huge_page_reserve_size, _RESERVE_PATTERN)
    levels = ["O0", "O1"]
    if optimize_level not in levels:
        raise ValueError(f"The optimize_level must be one of {levels}, but got {optimize_level}.")
    _memory_settings.update(init_size=float(init_size[:-2]), increase_size=float(increase_size[:-2]),
                            max_size=float(max_size[:-2]), optimize_level=levels.index(optimize_level),
                            huge_page_reserve_size=float(huge_page_reserve_size[:-2]))


def get_memory_settings():
    """sporax's addition: what `set_memory` stored (sizes in GB, optimize_level 0/1); {} before."""
    return dict(_memory_settings)
