"""Runtime queries (`mindspore.runtime`): device memory statistics and synchronisation."""
from .executor import (dispatch_threads_num, launch_blocking, set_cpu_affinity, set_kernel_launch_capture,
                       set_kernel_launch_group)
from .memory import (set_memory, max_memory_allocated, max_memory_reserved, memory_allocated, memory_reserved, memory_stats,
                     memory_summary, reset_max_memory_allocated, reset_max_memory_reserved, reset_peak_memory_stats)
from .stream import (Event, Stream, StreamCtx, communication_stream, current_stream, default_stream, set_cur_stream,
                     synchronize)

__all__ = ["memory_allocated", "max_memory_allocated", "memory_reserved", "max_memory_reserved", "memory_stats",
           "memory_summary", "synchronize", "reset_max_memory_allocated", "reset_max_memory_reserved",
           "reset_peak_memory_stats", "Stream", "StreamCtx", "Event", "current_stream", "default_stream",
           "communication_stream", "set_cur_stream", "launch_blocking", "dispatch_threads_num", "set_cpu_affinity",
           "set_kernel_launch_group", "set_kernel_launch_capture", "set_memory"]
