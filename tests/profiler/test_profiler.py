"""Profiler: jax.profiler traces that TensorBoard (xplane.pb) and Perfetto (trace.json.gz) open."""
import gzip
import json
import os

import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, nn
from sporax.profiler import Profiler, ProfilerAction, ProfilerActivity, schedule, tensorboard_trace_handler


def perfetto_events(files):
    (trace,) = [f for f in files if f.endswith("perfetto_trace.json.gz")]
    with gzip.open(trace, "rt") as f:
        return json.load(f)["traceEvents"]


def work(net, times=3):
    for _ in range(times):
        net(Tensor(np.ones((4, 8), np.float32))).asnumpy()


def test_trace_files_parse_and_hold_the_work(tmp_path):
    net = nn.Dense(8, 4)
    with Profiler(output_path=str(tmp_path), activities=[ProfilerActivity.CPU]) as prof:
        work(net)
    files = prof.trace_files()
    names = sorted(os.path.basename(f) for f in files)
    assert "perfetto_trace.json.gz" in names and any(n.endswith(".xplane.pb") for n in names)
    assert all(os.path.dirname(f).startswith(str(tmp_path / "plugins" / "profile")) for f in files)
    (xplane,) = [f for f in files if f.endswith(".xplane.pb")]
    assert os.path.getsize(xplane) > 0
    events = [e for e in perfetto_events(files) if e]  # (Chrome's format ends with an empty event)
    assert events and all("ph" in e for e in events)
    executions = [e for e in events if e["ph"] == "X" and "Execute" in e["name"]]
    assert executions and all(e["dur"] >= 0 for e in executions)
    assert not any(e["name"].startswith("$") for e in events)  # no Python frames without with_stack
    for viewer in [f for f in files if f.endswith(".trace.json.gz")]:  # TensorBoard's trace viewer, when written
        with gzip.open(viewer, "rt") as f:
            assert "traceEvents" in json.load(f)


def test_schedule_actions_match_mindspore():
    s = schedule(wait=1, active=2, warmup=1, repeat=1, skip_first=1)
    assert repr(s) == "Schedule(wait=1, active=2, warmup=1, repeat=1, skip_first=1)"
    assert [s(i).name for i in range(8)] == ["NONE", "NONE", "WARM_UP", "RECORD", "RECORD_AND_SAVE", "NONE", "NONE",
                                             "NONE"]
    with pytest.raises(ValueError, match="'active' must be >= 1"):
        schedule(wait=0, active=0)
    with pytest.raises(TypeError, match="'wait' must be an int"):
        schedule(wait="a", active=1)


def test_stepped_profiler_saves_one_trace_per_cycle(tmp_path):
    handler = tensorboard_trace_handler(str(tmp_path))
    net = nn.Dense(8, 4)
    prof = Profiler(schedule=schedule(wait=1, active=1, warmup=0, repeat=2), on_trace_ready=handler)
    assert prof.output_path == str(tmp_path) and prof.current_action == ProfilerAction.NONE
    for _ in range(5):
        work(net, 1)
        prof.step()
    prof.stop()
    assert len([f for f in handler.trace_files if f.endswith("perfetto_trace.json.gz")]) == 2
    assert len(os.listdir(tmp_path / "plugins" / "profile")) == 2


def test_profiler_argument_errors(tmp_path):
    with pytest.raises(ValueError, match="the parameter 'bogus' is not supported"):
        Profiler(bogus=1)
    with pytest.raises(TypeError, match="'with_stack' must be a bool"):
        Profiler(with_stack=1)
    with pytest.raises(TypeError, match="each of 'activities' must be a ProfilerActivity"):
        Profiler(activities=["CPU"])
    prof = Profiler(output_path=str(tmp_path), start_profile=False)
    with pytest.raises(RuntimeError, match="a 'schedule' is needed"):
        prof.step()
    prof.start()
    try:
        with pytest.raises(RuntimeError, match="already been started"):
            prof.start()
        with pytest.raises(RuntimeError, match="another Profiler is already tracing"):
            Profiler(output_path=str(tmp_path / "b"))
    finally:
        prof.stop()


def test_top_level_profiler_name():
    assert ms.Profiler is Profiler
