"""Runtime queries (`mindspore.runtime`): device memory statistics and synchronisation."""
from .memory import (max_memory_allocated, max_memory_reserved, memory_allocated, memory_reserved, memory_stats,
                     memory_summary)
from .stream import synchronize

__all__ = ["memory_allocated", "max_memory_allocated", "memory_reserved", "max_memory_reserved", "memory_stats",
           "memory_summary", "synchronize"]
