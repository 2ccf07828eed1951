"""The Ray cluster a parameter-server job runs on: the head the scheduler hosts, connecting
to it, the names of the job's actors and the time limits every role keeps.

The head is `ray start --head --block` in its own process group, listening on
MS_SCHED_HOST:MS_SCHED_PORT; stopping it ends that group (Ray's workers exit with their
raylet). Every other role connects as a Ray driver after checking that the port answers,
so an unreachable scheduler is one clear error naming host and port.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings

NAMESPACE = "sporax_ps"
COORDINATOR = "coordinator"


def server_actor_name(rank: int) -> str:
    return f"server_{rank}"


def _seconds(variable: str, default: float) -> float:
    text = os.environ.get(variable)
    if text is None:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise ValueError(f"The environment variable '{variable}' must be a number of seconds > 0, but got {text!r}.")
    return value


def connect_timeout() -> float:
    """How long a role waits for the scheduler (and the workers for all servers) to appear."""
    return _seconds("SPORAX_PS_CONNECT_TIMEOUT", 60.0)


def heartbeat_timeout() -> float:
    """A member silent this long is declared dead and the job fails."""
    return _seconds("SPORAX_PS_HEARTBEAT_TIMEOUT", 30.0)


def join_timeout() -> float:
    """How long the scheduler waits for every server and worker to join (workers join at
    their first training step)."""
    return _seconds("SPORAX_PS_JOIN_TIMEOUT", 600.0)


HEARTBEAT_INTERVAL = 0.5


def ray_module():
    """`ray`, or an ImportError saying how to install it.

    Ray's token authentication keeps one token per user (~/.ray/auth_token) that roles
    started separately cannot be handed; a job's roles find each other by MS_SCHED_HOST and
    MS_SCHED_PORT alone, as MindSpore's do, so it is off unless RAY_AUTH_MODE says otherwise.
    """
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    try:
        import ray
    except ImportError as error:  # pragma: no cover - the extra is installed in CI
        raise ImportError("Parameter-server training needs Ray: pip install 'sporax[ps]'.") from error
    return ray


class Head:
    """A Ray head on host:port, started by the scheduler role."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.temp_dir = tempfile.mkdtemp(prefix="sporax-ps-")
        ray_cli = os.path.join(os.path.dirname(sys.executable), "ray")
        store = int(_seconds("SPORAX_PS_OBJECT_STORE_MB", 256.0)) * 2**20
        command = [ray_cli, "start", "--head", "--block", f"--port={port}", f"--node-ip-address={host}",
                   "--include-dashboard=false", "--disable-usage-stats", f"--temp-dir={self.temp_dir}",
                   f"--num-cpus={os.cpu_count() or 1}", f"--object-store-memory={store}",
                   "--min-worker-port=0", "--max-worker-port=0", "--dashboard-agent-listen-port=0"]
        if _port_answers(host, port):
            raise RuntimeError(f"The parameter-server scheduler cannot listen on {host}:{port} "
                               "(MS_SCHED_HOST:MS_SCHED_PORT): something already listens there.")
        self.log_path = os.path.join(self.temp_dir, "head.log")
        self._log = open(self.log_path, "wb")
        # Ray's memory monitor would kill a server holding a large table whenever the machine
        # runs short, whoever uses the memory; the kernel's OOM killer stays the last word.
        ray_module()  # settles RAY_AUTH_MODE
        env = {**os.environ, "RAY_memory_monitor_refresh_ms": "0"}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # JAX's fork warning: this is fork+exec
            self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT, env=env,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + connect_timeout()
        while not _port_answers(host, port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                tail = self._tail()
                self.stop()
                raise RuntimeError(f"The parameter-server scheduler could not start Ray on {host}:{port}:\n{tail}")
            time.sleep(0.2)

    def _tail(self) -> str:
        with open(self.log_path, "rb") as log:
            return log.read()[-2000:].decode(errors="replace")

    def stop(self) -> None:
        """End the head's process group: SIGTERM, then SIGKILL for whatever is left."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(2)
            except subprocess.TimeoutExpired:
                pass
            except ProcessLookupError:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()
        self._log.close()
        shutil.rmtree(self.temp_dir, ignore_errors=True)


def _port_answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.0):
            return True
    except OSError:
        return False


def connect(host: str, port: int):
    """Join the job's Ray cluster as a driver; RuntimeError naming host:port if nobody answers."""
    ray = ray_module()
    deadline = time.monotonic() + connect_timeout()
    while not _port_answers(host, port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"Cannot reach the parameter-server scheduler at {host}:{port} "
                               f"(MS_SCHED_HOST:MS_SCHED_PORT) within {connect_timeout():g} s: is the "
                               "MS_SCHED role running there?")
        time.sleep(0.2)
    if not ray.is_initialized():
        ray.init(address=f"{host}:{port}", namespace=NAMESPACE, _node_ip_address=host,
                 logging_level="ERROR", log_to_driver=False, configure_logging=True)
    return ray


def wait_for_actor(name: str, what: str, host: str, port: int):
    """The named actor, waiting up to the connect timeout for it to be created."""
    ray = ray_module()
    deadline = time.monotonic() + connect_timeout()
    while True:
        try:
            return ray.get_actor(name, namespace=NAMESPACE)
        except ValueError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"The parameter-server job at {host}:{port} has no {what} after "
                                   f"{connect_timeout():g} s.") from None
            time.sleep(0.2)
