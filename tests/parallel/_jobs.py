"""Run a script as an N-process job through `sporax launch`, on loopback, with a time limit."""
from __future__ import annotations

import os
import socket
import subprocess
import sys

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPTS = os.path.join(REPO, "tests", "parallel", "scripts")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def launch(script, workers, log_dir, *script_args, timeout=240, extra=()):
    """The finished launcher process (stdout+stderr in .stdout); the job is killed after `timeout` s."""
    command = [sys.executable, "-m", "sporax.cli", "launch", f"--worker_num={workers}",
               f"--local_worker_num={workers}", "--master_addr=127.0.0.1", f"--master_port={free_port()}",
               f"--log_dir={log_dir}", "--join=True", *extra, os.path.join(SCRIPTS, script), *map(str, script_args)]
    env = dict(os.environ, JAX_PLATFORMS="cpu", PYTHONPATH=REPO + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("XLA_FLAGS", None)
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout,
                          env=env, cwd=REPO)


def rank_outputs(script, workers, out, *script_args):
    """Run `script` as a `workers`-process job writing into `out`; each rank's `rank_<r>.npz`, as dicts."""
    result = launch(script, workers, out, out, *script_args)
    assert result.returncode == 0, result.stdout[-3000:]
    return [dict(np.load(os.path.join(out, f"rank_{r}.npz"))) for r in range(workers)]


def run_python(script, *args, env_extra=None, timeout=240):
    """`python script args` in a fresh process (e.g. with XLA_FLAGS for virtual devices)."""
    env = dict(os.environ, JAX_PLATFORMS="cpu", PYTHONPATH=REPO + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.update(env_extra or {})
    return subprocess.run([sys.executable, os.path.join(SCRIPTS, script), *map(str, args)], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=timeout, env=env, cwd=REPO)
