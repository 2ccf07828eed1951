"""Profiling (`mindspore.profiler`) on `jax.profiler`: traces TensorBoard and Perfetto open."""
from .constant import AicoreMetrics, ExportType, HostSystem, ProfilerActivity, ProfilerLevel
from .profiler import Profiler, profile, tensorboard_trace_handler
from .schedule import ProfilerAction, schedule

__all__ = ["Profiler", "profile", "schedule", "tensorboard_trace_handler", "ProfilerLevel", "ProfilerActivity",
           "AicoreMetrics", "ExportType", "HostSystem", "ProfilerAction"]
