"""Parameter-server jobs on a local Ray cluster (127.0.0.1): training results, roles started
from the environment alone, a killed worker. Two jobs for the whole file (module fixtures);
every process has a time limit and is stopped at the end."""
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time

import numpy as np
import psutil
import pytest

from sporax._ps.launcher import launch_ps

JOB = str(pathlib.Path(__file__).with_name("ps_job.py"))
JOB_LIMIT = 300  # seconds: a hang cap, never a timing assertion
STEPS = 10


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _job_env(port, server_num, worker_num, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MS_")}
    env.update(MS_SERVER_NUM=str(server_num), MS_WORKER_NUM=str(worker_num), MS_SCHED_HOST="127.0.0.1",
               MS_SCHED_PORT=str(port), SPORAX_PS_HEARTBEAT_TIMEOUT="10", SPORAX_PS_JOIN_TIMEOUT="240",
               SPORAX_PS_CONNECT_TIMEOUT="120", **extra)
    return env


def _job_processes(port):
    """Processes of the job on `port`: the roles and Ray's, which inherit MS_SCHED_PORT."""
    found = []
    for process in psutil.process_iter():
        try:
            if process.environ().get("MS_SCHED_PORT") == str(port):
                found.append(process)
        except (psutil.Error, OSError):
            continue
    return found


def _reap(port, wait=15.0):
    """The job's processes still alive after `wait` seconds (then killed)."""
    deadline = time.monotonic() + wait
    alive = _job_processes(port)
    while alive and time.monotonic() < deadline:
        time.sleep(0.5)
        alive = _job_processes(port)
    for process in alive:
        try:
            process.kill()
        except psutil.Error:
            pass
    return alive


@pytest.fixture(scope="module")
def single_job(tmp_path_factory):
    """One scheduler, one server, one worker: three commands, only environment variables."""
    out = tmp_path_factory.mktemp("ps_single")
    port = _free_port()
    processes = {}
    try:
        for role in ("MS_SCHED", "MS_PSERVER", "MS_WORKER"):
            log = open(out / f"{role}.log", "wb")
            processes[role] = subprocess.Popen([sys.executable, JOB, str(out), "single"], stdout=log,
                                               stderr=subprocess.STDOUT, start_new_session=True,
                                               env=_job_env(port, 1, 1, MS_ROLE=role))
            log.close()
        deadline = time.monotonic() + JOB_LIMIT
        while any(p.poll() is None for p in processes.values()) and time.monotonic() < deadline:
            time.sleep(0.2)
        codes = {role: p.poll() for role, p in processes.items()}
    finally:
        for p in processes.values():
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
    leftover = _reap(port)
    logs = {role: (out / f"{role}.log").read_text(errors="replace") for role in processes}
    results = dict(np.load(out / "worker_0.npz")) if (out / "worker_0.npz").exists() else {}
    return {"codes": codes, "leftover": leftover, "logs": logs, "results": results}


def test_three_roles_from_environment_train_and_exit_0(single_job):
    assert single_job["codes"] == {"MS_SCHED": 0, "MS_PSERVER": 0, "MS_WORKER": 0}, single_job["logs"]
    assert single_job["leftover"] == []


def _tree(results, prefix):
    return {k[len(prefix):]: v for k, v in results.items() if k.startswith(prefix)}


@pytest.mark.parametrize("optimizer", ["Momentum", "Adam", "FTRL"])
def test_one_worker_one_server_is_bit_identical_to_local_training(single_job, optimizer):
    """10 steps of an MLP over an embedding: the table (made on the server) and fc1 on the
    server, fc2 local; FTRL's PS model runs in GRAPH_MODE."""
    results = single_job["results"]
    ps, local = _tree(results, f"{optimizer}/ps/"), _tree(results, f"{optimizer}/local/")
    assert sorted(ps) == ["embedding.embedding_table", "fc1.bias", "fc1.weight", "fc2.bias", "fc2.weight"]
    for name in local:
        np.testing.assert_array_equal(ps[name], local[name], err_msg=name)
    for step in range(STEPS):
        np.testing.assert_array_equal(results[f"{optimizer}/ps_loss/{step}"],
                                      results[f"{optimizer}/local_loss/{step}"])
    assert results[f"{optimizer}/ps_loss/{STEPS - 1}"] < results[f"{optimizer}/ps_loss/0"]


def test_save_checkpoint_writes_the_servers_values_and_loading_pushes_them_back(single_job):
    results = single_job["results"]
    assert bool(results["ckpt_equal"])
    ps, local = _tree(results, "ps_loaded/"), _tree(results, "local_loaded/")
    assert len(ps) == 5
    for name in local:  # a step after loading: equal only if the servers took the loaded values
        np.testing.assert_array_equal(ps[name], local[name], err_msg=name)


def test_init_in_server_keeps_a_2_gib_table_off_the_worker(single_job):
    results = single_job["results"]
    assert results["big_worker_rss_growth"] < 100 * 2**20
    assert results["big_server_rss_growth"] >= 2**31 - 2**26
    assert bool(results["big_still_lazy"])
    assert float(results["big_row_sum"]) == 256.0


@pytest.fixture(scope="module")
def sync_job(tmp_path_factory):
    """Two servers, two workers through launch_ps; worker 1 then kills itself mid-training."""
    out = tmp_path_factory.mktemp("ps_sync")
    port = _free_port()
    saved = {k: os.environ.get(k) for k in ("SPORAX_PS_HEARTBEAT_TIMEOUT", "KILL_WORKER")}
    os.environ.update(SPORAX_PS_HEARTBEAT_TIMEOUT="10", KILL_WORKER="1")
    try:
        code = launch_ps(JOB, [str(out), "sync2"], server_num=2, worker_num=2, sched_host="127.0.0.1",
                         sched_port=port, log_dir=str(out), timeout=JOB_LIMIT)
        ended = time.time()
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
    logs = {p.stem: p.read_text(errors="replace") for p in out.glob("*.log")}
    killed_at = float((out / "killed_at").read_text()) if (out / "killed_at").exists() else None
    return {"code": code, "ended": ended, "killed_at": killed_at, "logs": logs, "leftover": _reap(port),
            "results": [dict(np.load(out / f"worker_{r}.npz")) for r in range(2) if (out / f"worker_{r}.npz").exists()]}


def test_two_workers_two_servers_synchronous_equal_one_process_on_the_concatenated_batch(sync_job):
    assert len(sync_job["results"]) == 2, sync_job["logs"]
    worker0, worker1 = sync_job["results"]
    whole = _tree(worker0, "whole/")
    assert len(whole) == 5
    for name, value in whole.items():
        np.testing.assert_allclose(worker0[f"ps/{name}"], value, rtol=0, atol=1e-6, err_msg=name)
        np.testing.assert_array_equal(worker0[f"ps/{name}"], worker1[f"ps/{name}"])


def test_a_killed_worker_ends_the_job_nonzero_within_60_s_with_no_process_left(sync_job):
    assert sync_job["killed_at"] is not None, sync_job["logs"]
    assert sync_job["code"] != 0
    assert sync_job["ended"] - sync_job["killed_at"] < 60
    assert sync_job["leftover"] == []
    # the survivors ended by themselves, each with the reason
    reason = "worker 1 (pid"
    for role in ("scheduler", "server_0", "server_1", "worker_0"):
        assert reason in sync_job["logs"][role] and "has not answered" in sync_job["logs"][role], role
    assert "JobFailed" in sync_job["logs"]["worker_0"]
