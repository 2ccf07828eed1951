"""`launch_ps`: start every role of a parameter-server job on this machine.

One scheduler, `server_num` servers and `worker_num` workers, each `python script
*script_args` with MindSpore's environment protocol (MS_ROLE, MS_SERVER_NUM, MS_WORKER_NUM,
MS_SCHED_HOST, MS_SCHED_PORT; workers also get RANK_ID), each writing one log in `log_dir`
(scheduler.log, server_<i>.log, worker_<i>.log). The job succeeds when every process exits
with status 0. When one fails, the others are given the time the job's own fault handling
needs (the heartbeat timeout and a margin) to end by themselves; whatever is still running
then, or when `timeout` seconds have passed, is stopped (SIGTERM, then SIGKILL), so the
call always returns within a bounded time, with no process of the job left.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import warnings

from . import cluster

_POLL = 0.2
_KILL_AFTER = 5.0


def _check(name, value, low=None):
    if isinstance(value, bool) or not isinstance(value, int) or (low is not None and value < low):
        raise ValueError(f"For 'launch_ps', the '{name}' must be an int >= {low}, but got {value!r}.")


def _processes(script, script_args, server_num, worker_num, sched_host, sched_port, log_dir):
    base = {**os.environ, "MS_SERVER_NUM": str(server_num), "MS_WORKER_NUM": str(worker_num),
            "MS_SCHED_HOST": sched_host, "MS_SCHED_PORT": str(sched_port), "PYTHONUNBUFFERED": "1"}
    roles = [("scheduler", {"MS_ROLE": "MS_SCHED"})]
    roles += [(f"server_{i}", {"MS_ROLE": "MS_PSERVER"}) for i in range(server_num)]
    roles += [(f"worker_{i}", {"MS_ROLE": "MS_WORKER", "RANK_ID": str(i)}) for i in range(worker_num)]
    started = []
    for name, env in roles:
        log = open(os.path.join(log_dir, f"{name}.log"), "wb")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # JAX's fork warning: this is fork+exec
            process = subprocess.Popen([sys.executable, script, *script_args], env={**base, **env}, stdout=log,
                                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        started.append((name, process))
    return started


def _stop(started) -> None:
    for sig, wait in ((signal.SIGTERM, _KILL_AFTER), (signal.SIGKILL, None)):
        alive = [(n, p) for n, p in started if p.poll() is None]
        for _, process in alive:
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + (wait or _KILL_AFTER)
        while any(p.poll() is None for _, p in alive) and time.monotonic() < deadline:
            time.sleep(_POLL)


def launch_ps(script, script_args=(), server_num=1, worker_num=1, sched_host="127.0.0.1", sched_port=6667,
              log_dir=".", timeout=None) -> int:
    """Run the job; 0 if every process exited with 0, else the first failing status (1 on timeout)."""
    if not isinstance(script, str) or not os.path.isfile(script):
        raise ValueError(f"For 'launch_ps', the 'script' must be an existing file, but got {script!r}.")
    if isinstance(script_args, str) or not all(isinstance(a, str) for a in script_args):
        raise TypeError(f"For 'launch_ps', the 'script_args' must be a sequence of str, but got {script_args!r}.")
    _check("server_num", server_num, 1)
    _check("worker_num", worker_num, 1)
    _check("sched_port", sched_port, 1)
    if sched_port > 65535:
        raise ValueError(f"For 'launch_ps', the 'sched_port' must be <= 65535, but got {sched_port}.")
    if not isinstance(sched_host, str) or not sched_host:
        raise ValueError(f"For 'launch_ps', the 'sched_host' must be a host name or address, but got {sched_host!r}.")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0):
        raise ValueError(f"For 'launch_ps', the 'timeout' must be a number of seconds > 0 or None, but got {timeout!r}.")
    os.makedirs(log_dir, exist_ok=True)
    started = _processes(script, list(script_args), server_num, worker_num, sched_host, sched_port, log_dir)
    deadline = None if timeout is None else time.monotonic() + timeout
    failure = None
    grace_end = None
    try:
        while any(p.poll() is None for _, p in started):
            now = time.monotonic()
            if failure is None:
                failed = [(n, p.returncode) for n, p in started if p.poll() not in (None, 0)]
                if failed:
                    failure = failed[0]
                    print(f"sporax launch --ps: {failure[0]} exited with status {failure[1]}; waiting for the "
                          "others to stop", file=sys.stderr, flush=True)
                    grace_end = now + cluster.heartbeat_timeout() + 15.0
            if deadline is not None and now > deadline:
                print(f"sporax launch --ps: the job ran past its timeout of {timeout} s; stopping it",
                      file=sys.stderr, flush=True)
                failure = failure or ("timeout", 1)
                break
            if grace_end is not None and now > grace_end:
                break
            time.sleep(_POLL)
    finally:
        _stop(started)
    if failure is not None:
        return failure[1] if failure[1] > 0 else 1
    codes = [p.returncode for _, p in started]
    return next((c if c > 0 else 1 for c in codes if c != 0), 0)
