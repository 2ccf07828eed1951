"""`SummaryRecord` (`mindspore.SummaryRecord`, `mindspore.train.SummaryRecord`): values by
step into a TensorBoard event file.

`add_value(plugin, name, value)` queues a value ('scalar', 'tensor', 'image' as (N, C, H, W),
'histogram'); `record(step)` writes everything queued — and, in 'train' mode, every value
the summary operators (`ops.ScalarSummary`, `TensorSummary`, `ImageSummary`,
`HistogramSummary`) recorded since — as that step. MindSpore writes MindInsight's own
format (`{prefix}.out.events.summary.{time}.{host}{suffix}`); sporax writes TensorBoard's
event format, named `{prefix}.out.tfevents.{time}.{host}{suffix}`, which TensorBoard reads.
Graph and lineage plugins are MindInsight's and are not written.
"""
from __future__ import annotations

import os
import re
import warnings

import numpy as np

from ..._runtime import summary_cache
from ...common.tensor import Tensor
from ...nn.cell import Cell

__all__ = ["SummaryRecord"]

_PLUGINS = ("tensor", "scalar", "image", "histogram")
_NAME_PATTERN = r"^\w+[0-9a-zA-Z\_\.]*$"
_TAG = r"^(?P<name>.+)\[:(?P<plugin>Scalar|Tensor|Image|Histogram)\]$"


def _check_name_part(argument, value):
    if not isinstance(value, str):
        raise TypeError(f"For 'SummaryRecord', the '{argument}' must be a str, but got {type(value).__name__}.")
    if not re.match(_NAME_PATTERN, value):
        raise ValueError(f"For 'SummaryRecord', the '{argument}' must match the regular expression "
                         f"'{_NAME_PATTERN}', but got {value!r}.")


def _to_numpy(plugin, value):
    array = value.asnumpy()
    if plugin == "scalar" and array.size != 1:
        raise ValueError(f"For 'SummaryRecord.add_value', a 'scalar' value must have one element, but got shape "
                         f"{array.shape}.")
    if plugin == "image" and array.ndim != 4:
        raise ValueError(f"For 'SummaryRecord.add_value', an 'image' value must be 4-D (N, C, H, W), but got shape "
                         f"{array.shape}.")
    if plugin == "histogram" and array.size == 0:
        raise ValueError("For 'SummaryRecord.add_value', a 'histogram' value must not be empty.")
    return array


class SummaryRecord:
    """Writes summaries of training to `log_dir` (created when missing) as a TensorBoard event file.

    `file_prefix`/`file_suffix` frame the file name; `max_file_size` (bytes) stops writing,
    with one warning, once the file would grow past it; `raise_exception` makes write errors
    raise instead of warn. `num_process` (MindSpore's writer processes), `network` (graph
    summaries) and `export_options` are accepted; sporax writes in-process and no graph.
    Use as a context manager, or call `close()`."""

    def __init__(self, log_dir, file_prefix="events", file_suffix="_MS", num_process=32, network=None,
                 max_file_size=None, raise_exception=False, export_options=None):
        if not isinstance(log_dir, str) or not log_dir:
            raise TypeError(f"For 'SummaryRecord', the 'log_dir' must be a non-empty str, but got {log_dir!r}.")
        _check_name_part("file_prefix", file_prefix)
        _check_name_part("file_suffix", file_suffix)
        if max_file_size is not None and (isinstance(max_file_size, bool) or not isinstance(max_file_size, int)
                                          or max_file_size <= 0):
            raise ValueError(f"For 'SummaryRecord', the 'max_file_size' must be a positive int or None, but got "
                             f"{max_file_size!r}.")
        if isinstance(num_process, bool) or not isinstance(num_process, int) or num_process <= 0:
            raise ValueError(f"For 'SummaryRecord', the 'num_process' must be a positive int, but got {num_process!r}.")
        if network is not None and not isinstance(network, Cell):
            raise TypeError(f"For 'SummaryRecord', the 'network' must be a Cell or None, but got "
                            f"{type(network).__name__}.")
        if not isinstance(raise_exception, bool):
            raise TypeError(f"For 'SummaryRecord', the 'raise_exception' must be a bool, but got "
                            f"{type(raise_exception).__name__}.")
        if export_options is not None and not isinstance(export_options, dict):
            raise TypeError(f"For 'SummaryRecord', the 'export_options' must be a dict or None, but got "
                            f"{type(export_options).__name__}.")
        try:  # tensorboardX is an optional dependency (the 'summary' extra)
            from . import _event_file
        except ImportError as error:
            raise ImportError("SummaryRecord writes TensorBoard files with tensorboardX: "
                              "pip install 'sporax[summary]' (or tensorboardX).") from error
        self._summary_value = _event_file.summary_value
        self._log_dir = os.path.realpath(log_dir)
        os.makedirs(self._log_dir, exist_ok=True)
        self._raise_exception = raise_exception
        self._file = _event_file.EventFile(self._log_dir, file_prefix, file_suffix, max_file_size)
        self._pool = []
        self._mode = "train"
        self._closed = False
        self._warned_full = False
        summary_cache.record_opened()

    def __enter__(self):
        if self._closed:
            raise ValueError("For 'SummaryRecord', SummaryRecord has been closed.")
        return self

    def __exit__(self, *err):
        self.close()

    @property
    def log_dir(self):
        """The folder the event file is in."""
        return self._log_dir

    @property
    def event_file(self):
        """The path of the event file (a sporax addition)."""
        return self._file.path

    def set_mode(self, mode):
        """'train' (summary operators' values are recorded) or 'eval' (they are not)."""
        if mode not in ("train", "eval"):
            raise ValueError(f"For 'SummaryRecord.set_mode', the argument 'mode' should be one of ['train', 'eval'], "
                             f"but got {mode!r}.")
        self._mode = mode

    def add_value(self, plugin, name, value):
        """Queue `value` (a Tensor) under tag `name` for the next `record`."""
        if plugin not in _PLUGINS:
            raise ValueError(f"For 'SummaryRecord.add_value', no such 'plugin' of {plugin!r}, expect value is one of "
                             f"{list(_PLUGINS)}.")
        if not name or not isinstance(name, str):
            raise ValueError(f"For 'SummaryRecord', the parameter 'name' type should be str, but got {type(name)}.")
        if not isinstance(value, Tensor):
            raise TypeError(f"For 'SummaryRecord', the parameter 'value' expect to be Tensor, but got "
                            f"{type(value).__name__}")
        array = _to_numpy(plugin, value)
        if any(tag == name and kind == plugin for tag, kind, _ in self._pool):
            warnings.warn(f"For 'SummaryRecord.add_value', '{name}/{plugin}' has duplicate values. Only the newest "
                          "one will be recorded.", stacklevel=2)
            self._pool = [item for item in self._pool if not (item[0] == name and item[1] == plugin)]
        self._pool.append((name, plugin, array))

    def record(self, step, train_network=None, plugin_filter=None):
        """Write what is queued as `step`; True when written, False once closed."""
        if isinstance(step, bool) or not isinstance(step, int):
            raise TypeError(f"For 'SummaryRecord.record', the 'step' must be int, but got {type(step).__name__}.")
        if train_network is not None and not isinstance(train_network, Cell):
            raise TypeError(f"For 'SummaryRecord.record', the 'train_network' must be a Cell or None, but got "
                            f"{type(train_network).__name__}.")
        if plugin_filter is not None and not callable(plugin_filter):
            raise TypeError("For 'SummaryRecord.record', the 'plugin_filter' must be callable or None.")
        if self._closed:
            warnings.warn("For 'SummaryRecord', The record writer is closed, please check if close() method is "
                          "called", stacklevel=2)
            return False
        pool, self._pool = self._pool, []
        if self._mode == "train":
            for tag, plugin, array in summary_cache.take():
                match = re.match(_TAG, tag)
                pool.append((match.group("name") if match else tag, plugin, array))
        for name, plugin, array in pool:
            if plugin_filter is not None and not plugin_filter(plugin):
                continue
            try:
                written = self._file.write(step, self._summary_value(plugin, name, array))
            except (OSError, ValueError) as error:
                if self._raise_exception:
                    raise
                warnings.warn(f"For 'SummaryRecord', writing {name!r} failed: {error}", stacklevel=2)
                continue
            if not written and not self._warned_full:
                self._warned_full = True
                warnings.warn(f"For 'SummaryRecord', the summary file {self._file.path} reached 'max_file_size': "
                              "no more data is written.", stacklevel=2)
        return True

    def flush(self):
        """Make everything written so far reach the disk."""
        if not self._closed:
            self._file.flush()

    def close(self):
        """Flush and close the file; further `record` calls write nothing."""
        if not self._closed:
            self._file.close()
            self._closed = True
            summary_cache.record_closed()
