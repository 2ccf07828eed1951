"""`sporax launch` / `msrun`: options, environment protocol, logs, and failure handling."""
import os
import subprocess
import sys
import time

import psutil
import pytest

from sporax._cli import launch
from tests.parallel import _jobs


def test_every_worker_gets_mindspores_environment_and_its_own_log(tmp_path):
    result = _jobs.launch("env_worker.py", 2, tmp_path, extra=["--cluster_time_out=77"])
    assert result.returncode == 0, result.stdout
    for rank in range(2):
        lines = (tmp_path / f"worker_{rank}.log").read_text().splitlines()
        env = dict(line.split("=", 1) for line in lines if "=" in line)
        assert env["RANK_ID"] == env["MS_NODE_ID"] == env["DEVICE_ID"] == str(rank)
        assert env["RANK_SIZE"] == env["MS_WORKER_NUM"] == "2"
        assert env["MS_SCHED_HOST"] == "127.0.0.1" and env["MS_ROLE"] == "MS_WORKER"
        assert int(env["MS_SCHED_PORT"]) >= 1024 and env["MS_TOPO_TIMEOUT"] == "77"
    assert "[worker 1] RANK_ID=1" in result.stdout  # --join True tails the logs


def test_a_killed_worker_stops_the_job_quickly_naming_it(tmp_path):
    start = time.monotonic()
    result = _jobs.launch("dying_worker.py", 2, tmp_path, tmp_path, timeout=120)
    elapsed = time.monotonic() - start
    assert result.returncode != 0
    assert elapsed < 60, elapsed
    assert "worker 1 failed with signal 9; the other workers were stopped." in result.stdout
    assert "rank 1 about to die" in result.stdout.split("Last lines of")[-1]
    for rank in range(2):
        pid = int((tmp_path / f"pid_{rank}").read_text())
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


def _args(**overrides):
    import argparse
    parser = argparse.ArgumentParser()
    launch.add_arguments(parser)
    args = parser.parse_args([os.path.join(_jobs.SCRIPTS, "env_worker.py")])
    for key, value in overrides.items():
        setattr(args, key, value)
    return args


@pytest.mark.parametrize("overrides, message", [
    ({"worker_num": 0}, "argument '--worker_num' must be >= 1, got 0."),
    ({"worker_num": 2, "local_worker_num": 3}, "argument '--local_worker_num' must be in [1, worker_num=2], got 3."),
    ({"master_port": 80}, "argument '--master_port' must be in [1024, 65535], got 80."),
    ({"worker_num": 4, "local_worker_num": 2}, "argument '--node_rank' must be given when this node starts 2 of 4"),
    ({"worker_num": 4, "local_worker_num": 2, "node_rank": 2}, "argument '--node_rank' must be in [0, 1]"),
    ({"task_script": "/nonexistent.py"}, "task_script '/nonexistent.py' is not a file."),
])
def test_bad_options_are_refused_before_anything_starts(overrides, message):
    with pytest.raises(ValueError) as error:
        launch.validate(_args(**overrides))
    assert message in str(error.value)


def test_msrun_console_script_has_msruns_options():
    msrun = os.path.join(os.path.dirname(sys.executable), "msrun")
    help_text = subprocess.run([msrun, "--help"], capture_output=True, text=True, timeout=60).stdout
    for option in ("--worker_num", "--local_worker_num", "--master_addr", "--master_port", "--node_rank",
                   "--log_dir", "--join", "--cluster_time_out", "--worker_log_name", "--tail_worker_log"):
        assert option in help_text


def test_msrun_refuses_bad_options_with_exit_code_2(capsys):
    assert launch.msrun_main(["--worker_num=0", os.path.join(_jobs.SCRIPTS, "env_worker.py")]) == 2
    assert "msrun: error: launch: argument '--worker_num' must be >= 1, got 0." in capsys.readouterr().err


def test_node_rank_offsets_the_ranks_of_this_nodes_workers(tmp_path):
    args = _args(worker_num=4, local_worker_num=2, node_rank=1, log_dir=str(tmp_path), join=True,
                 worker_log_name="node{hostname}")
    env = launch.worker_environment({}, 3, 1, args)
    assert (env["RANK_ID"], env["DEVICE_ID"], env["RANK_SIZE"]) == ("3", "1", "4")


def test_ps_mode_needs_the_parameter_server_package(monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_ps(name, globals=None, locals=None, fromlist=(), level=0):
        if name == "_ps" or (fromlist and "launcher" in fromlist and level == 2):
            raise ImportError(name)
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", no_ps)
    with pytest.raises(ValueError, match="'--ps' needs sporax's parameter-server package"):
        launch.launch(_args(ps=True, server_num=1))
