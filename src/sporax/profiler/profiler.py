"""`Profiler` (`mindspore.Profiler`, `mindspore.profiler.Profiler`) on `jax.profiler`.

Between `start()` and `stop()` (or inside `with Profiler(...)`) JAX traces the host and the
device; the trace lands in `{output_path}/plugins/profile/{run}/` as `{host}.xplane.pb`
(TensorBoard's profile plugin, XProf) and `perfetto_trace.json.gz` (ui.perfetto.dev,
chrome://tracing). With a `schedule`, `step()` advances it: tracing starts at the first
recorded step and a trace is saved — `on_trace_ready(profiler)` is called — after each
cycle's last active step. MindSpore's Ascend options (`profiler_level`, `aic_metrics`,
`l2_cache`, `hbm_ddr`, `pcie`, `mstx`, ...) are taken and checked; a JAX trace has no such
counters.
"""
from __future__ import annotations

import glob
import json
import os

import jax

from .constant import AicoreMetrics, ExportType, ProfilerActivity, ProfilerLevel
from .schedule import ProfilerAction, Schedule, default_schedule

__all__ = ["Profiler", "profile", "tensorboard_trace_handler"]

_BOOL_OPTIONS = ("with_stack", "profile_memory", "data_process", "parallel_strategy", "start_profile", "l2_cache",
                 "hbm_ddr", "pcie", "sys_io", "sys_interconnection", "sync_enable", "data_simplification",
                 "record_shapes", "mstx")
_LIST_OPTIONS = ("activities", "host_sys", "export_type", "mstx_domain_include", "mstx_domain_exclude")
_OPTIONS = (("output_path", "profiler_level", "aic_metrics", "schedule", "on_trace_ready", "experimental_config")
            + _BOOL_OPTIONS + _LIST_OPTIONS)

# Only one JAX trace can run in a process.
_active = None


class _TraceHandler:
    """What `tensorboard_trace_handler(dir_name)` returns: the profiler writes its traces into
    `dir_name`; each call (when a trace is saved) adds that trace's files to `trace_files`."""

    def __init__(self, dir_name):
        self.dir_name = dir_name
        self.trace_files = []

    def __call__(self, prof):
        self.trace_files.extend(prof.trace_files())


def tensorboard_trace_handler(dir_name: str = None, worker_name: str = None, analyse_flag: bool = True,
                              async_mode: bool = False):
    """An `on_trace_ready` that puts the traces in `dir_name` (default './data'), in the layout
    TensorBoard's profile plugin reads (`plugins/profile/{run}/`)."""
    if dir_name is not None and not isinstance(dir_name, str):
        raise TypeError(f"For 'tensorboard_trace_handler', the 'dir_name' must be a str, but got "
                        f"{type(dir_name).__name__}.")
    for name, value in (("analyse_flag", analyse_flag), ("async_mode", async_mode)):
        if not isinstance(value, bool):
            raise TypeError(f"For 'tensorboard_trace_handler', the '{name}' must be a bool, but got "
                            f"{type(value).__name__}.")
    if worker_name is not None and not isinstance(worker_name, str):
        raise TypeError(f"For 'tensorboard_trace_handler', the 'worker_name' must be a str, but got "
                        f"{type(worker_name).__name__}.")
    return _TraceHandler(dir_name or "./data")


def _check_options(kwargs):
    for key in kwargs:
        if key not in _OPTIONS:
            raise ValueError(f"For 'Profiler', the parameter '{key}' is not supported; supported parameters are "
                             f"{sorted(_OPTIONS)}.")
    for key in _BOOL_OPTIONS:
        if key in kwargs and not isinstance(kwargs[key], bool):
            raise TypeError(f"For 'Profiler', the '{key}' must be a bool, but got {type(kwargs[key]).__name__}.")
    for key in _LIST_OPTIONS:
        if key in kwargs and kwargs[key] is not None and not isinstance(kwargs[key], list):
            raise TypeError(f"For 'Profiler', the '{key}' must be a list, but got {type(kwargs[key]).__name__}.")
    for activity in kwargs.get("activities") or []:
        if not isinstance(activity, ProfilerActivity):
            raise TypeError(f"For 'Profiler', each of 'activities' must be a ProfilerActivity, but got {activity!r}.")
    for export in kwargs.get("export_type") or []:
        if not isinstance(export, ExportType):
            raise TypeError(f"For 'Profiler', each of 'export_type' must be an ExportType, but got {export!r}.")
    for key, kind in (("profiler_level", ProfilerLevel), ("aic_metrics", AicoreMetrics)):
        if kwargs.get(key) is not None and not isinstance(kwargs[key], kind):
            raise TypeError(f"For 'Profiler', the '{key}' must be a {kind.__name__}, but got {kwargs[key]!r}.")
    if "output_path" in kwargs and not isinstance(kwargs["output_path"], str):
        raise TypeError(f"For 'Profiler', the 'output_path' must be a str, but got "
                        f"{type(kwargs['output_path']).__name__}.")
    if kwargs.get("schedule") is not None and not callable(kwargs["schedule"]):
        raise TypeError(f"For 'Profiler', the 'schedule' must be a schedule, but got {kwargs['schedule']!r}.")
    if kwargs.get("on_trace_ready") is not None and not callable(kwargs["on_trace_ready"]):
        raise TypeError(f"For 'Profiler', the 'on_trace_ready' must be callable, but got {kwargs['on_trace_ready']!r}.")


class Profiler:
    """Traces host and device activity with `jax.profiler` into TensorBoard/Perfetto files.

    Keyword arguments as MindSpore's: `start_profile` (start now; default True),
    `output_path` (default './data'; a `tensorboard_trace_handler`'s folder wins),
    `schedule` and `on_trace_ready` (with `step()`), `with_stack` (Python frames in the trace),
    `activities`,
    `profile_memory` and the Ascend-only options (checked, no effect on a JAX trace).
    """

    def __init__(self, **kwargs) -> None:
        _check_options(kwargs)
        self._on_trace_ready = kwargs.get("on_trace_ready")
        handler_dir = getattr(self._on_trace_ready, "dir_name", None)
        self._output_path = os.path.realpath(handler_dir or kwargs.get("output_path", "./data"))
        self._schedule = kwargs.get("schedule") or default_schedule
        self._stepped = kwargs.get("schedule") is not None
        self._with_stack = kwargs.get("with_stack", False)
        self._metadata = {}
        self._tracing = False
        self._runs_before = set()
        self._trace_files = []
        self._trace_count = 0
        self.step_num = 0
        self.current_action = self._schedule(self.step_num)
        if kwargs.get("start_profile", True):
            self.start()

    @property
    def output_path(self):
        """The folder traces are written to (a sporax addition)."""
        return self._output_path

    def __enter__(self):
        if not self._tracing and (not self._stepped or self._records(self.current_action)):
            self.start()
        return self

    def __exit__(self, *err):
        self.stop()

    @staticmethod
    def _records(action):
        return action in (ProfilerAction.RECORD, ProfilerAction.RECORD_AND_SAVE)

    def _runs(self):
        return set(glob.glob(os.path.join(self._output_path, "plugins", "profile", "*")))

    def _start_trace(self):
        global _active
        if _active is not None and _active is not self:
            raise RuntimeError("For 'Profiler', another Profiler is already tracing in this process; stop it first.")
        os.makedirs(self._output_path, exist_ok=True)
        self._runs_before = self._runs()
        options = jax.profiler.ProfileOptions()
        options.python_tracer_level = 1 if self._with_stack else 0  # Python frames only with with_stack=True
        jax.profiler.start_trace(self._output_path, create_perfetto_trace=True, profiler_options=options)
        _active = self
        self._tracing = True

    def _stop_trace(self):
        global _active
        jax.profiler.stop_trace()
        _active = None
        self._tracing = False
        # JAX names a run by the second it started; give each its own name so that a second
        # trace in the same second does not land in the first one's folder.
        new_runs = []
        for run in sorted(self._runs() - self._runs_before):
            self._trace_count += 1
            renamed = f"{run}_{os.getpid()}_{self._trace_count}"
            os.rename(run, renamed)
            new_runs.append(renamed)
        self._trace_files = sorted(path for run in new_runs for path in glob.glob(os.path.join(run, "*")))
        if self._on_trace_ready is not None:
            self._on_trace_ready(self)

    def start(self) -> None:
        """Start tracing (with a schedule: only once a recorded step is reached)."""
        if self._tracing:
            raise RuntimeError("For 'Profiler', the profiler has already been started.")
        if self._stepped and not self._records(self.current_action):
            return
        self._start_trace()

    def stop(self) -> None:
        """Stop tracing and write the trace; `on_trace_ready` then runs."""
        if self._tracing:
            self._stop_trace()

    def step(self) -> None:
        """The end of one training step: the schedule decides whether tracing starts, continues,
        or stops and saves."""
        if not self._stepped:
            raise RuntimeError("For 'Profiler.step', a 'schedule' is needed: without one every step is traced.")
        previous = self.current_action
        self.step_num += 1
        self.current_action = self._schedule(self.step_num)
        if previous == ProfilerAction.RECORD_AND_SAVE and self._tracing:
            self._stop_trace()
        if self._records(self.current_action) and not self._tracing:
            self._start_trace()

    def trace_files(self):
        """The files of the last saved trace: `{host}.xplane.pb` and `perfetto_trace.json.gz`."""
        return list(self._trace_files)

    def analyse(self, offline_path=None, pretty=False, step_list=None, mode="sync") -> None:
        """MindSpore turns its raw data into reports here; a JAX trace is already in its final
        form, so this stops a trace still running and checks its arguments."""
        if offline_path is not None and not isinstance(offline_path, str):
            raise TypeError(f"For 'Profiler.analyse', the 'offline_path' must be a str, but got "
                            f"{type(offline_path).__name__}.")
        if mode not in ("sync", "async"):
            raise ValueError(f"For 'Profiler.analyse', the 'mode' must be 'sync' or 'async', but got {mode!r}.")
        self.stop()

    def add_metadata(self, key: str, value: str):
        """Keep a (key, value) pair with the profile: written to `profiler_metadata.json`
        beside the traces when tracing stops."""
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError("For 'Profiler.add_metadata', the 'key' and 'value' must be str.")
        self._metadata[key] = value
        self._write_metadata()

    def add_metadata_json(self, key: str, value: str):
        """As `add_metadata`, the value a JSON string."""
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError("For 'Profiler.add_metadata_json', the 'key' and 'value' must be str.")
        try:
            self._metadata[key] = json.loads(value)
        except ValueError as error:
            raise ValueError(f"For 'Profiler.add_metadata_json', the 'value' must be JSON: {error}") from None
        self._write_metadata()

    def _write_metadata(self):
        os.makedirs(self._output_path, exist_ok=True)
        with open(os.path.join(self._output_path, "profiler_metadata.json"), "w", encoding="utf-8") as f:
            json.dump(self._metadata, f, indent=1)


class profile(Profiler):  # noqa: N801 (MindSpore's name)
    """`mindspore.profiler.profile`: the Profiler with explicit arguments."""

    def __init__(self, activities=None, with_stack=False, profile_memory=False, data_process=False,
                 parallel_strategy=False, start_profile=True, hbm_ddr=False, pcie=False, sync_enable=True,
                 record_shapes=False, schedule: Schedule = None, on_trace_ready=None, experimental_config=None):
        super().__init__(activities=activities, with_stack=with_stack, profile_memory=profile_memory,
                         data_process=data_process, parallel_strategy=parallel_strategy, start_profile=start_profile,
                         hbm_ddr=hbm_ddr, pcie=pcie, sync_enable=sync_enable, record_shapes=record_shapes,
                         schedule=schedule, on_trace_ready=on_trace_ready, experimental_config=experimental_config)
