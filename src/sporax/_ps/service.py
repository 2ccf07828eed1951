"""What the scheduler and server roles do: serve the job until the workers finish, then exit.

`set_ps_context(enable_ps=True)` calls `on_enable(role)`. The scheduler (MS_SCHED) starts
the Ray head on MS_SCHED_HOST:MS_SCHED_PORT and the coordinator; a server (MS_PSERVER)
joins and starts its ParameterServer actor. Both then watch the job: when every worker has
finished they exit with status 0; when it fails (a member died or hangs) they print the
reason and exit with status 1. A worker (MS_WORKER) goes on with its script; at its exit
the job hears that it finished (or failed).
"""
from __future__ import annotations

import sys
import time

from .. import context
from . import cluster
from .coordinator import Coordinator
from .membership import JobFailed, Membership
from .server import ParameterServer
from . import worker

_POLL = 0.5
_SETTLE = 10.0  # how long the scheduler waits for the servers to see the end before stopping Ray


def _cluster_shape():
    return (context.get_ps_context("scheduler_ip"), context.get_ps_context("scheduler_port"),
            context.get_ps_context("server_num"), context.get_ps_context("worker_num"))


def on_enable(role: str) -> None:
    if role == "MS_SCHED":
        sys.exit(run_scheduler(*_cluster_shape()))
    if role == "MS_PSERVER":
        sys.exit(run_server(*_cluster_shape()))
    if role == "MS_WORKER":
        worker.STRATEGY.watch()


def _say(message: str) -> None:
    print(f"sporax parameter server: {message}", file=sys.stderr, flush=True)


def run_scheduler(host: str, port: int, server_num: int, worker_num: int) -> int:
    """Host the job's Ray head and coordinator until the job ends; the exit status."""
    head = cluster.Head(host, port)
    ray = None
    try:
        ray = cluster.connect(host, port)
        coordinator = ray.remote(Coordinator).options(
            name=cluster.COORDINATOR, namespace=cluster.NAMESPACE, num_cpus=0, max_restarts=0).remote(
            server_num, worker_num, cluster.heartbeat_timeout(), cluster.join_timeout())
        while True:
            status, message = ray.get(coordinator.state.remote())
            if status != "running":
                break
            time.sleep(_POLL)
        deadline = time.monotonic() + _SETTLE
        while time.monotonic() < deadline and status == "done":
            members = ray.get(coordinator.unfinished_servers.remote())
            if not members:
                break
            time.sleep(_POLL)
        if status == "failed":
            _say(f"the job failed: {message}.")
            time.sleep(3 * _POLL + 1)  # let the members read the failure before Ray goes away
            return 1
        return 0
    finally:
        if ray is not None and ray.is_initialized():
            ray.shutdown()
        head.stop()


def run_server(host: str, port: int, server_num: int, worker_num: int) -> int:
    """Join the job, run this server's ParameterServer actor until the job ends; the exit status."""
    try:
        member = Membership("MS_PSERVER", host, port, server_num, worker_num)
    except JobFailed as error:
        _say(str(error))
        return 1
    ray = cluster.ray_module()
    actor = ray.remote(ParameterServer).options(
        name=cluster.server_actor_name(member.rank), namespace=cluster.NAMESPACE, num_cpus=0,
        max_concurrency=worker_num + 8, max_restarts=0).remote(member.rank, worker_num)
    try:
        member.wait(actor.ready.remote(), f"parameter server {member.rank}'s actor")
        while member.status == "running":
            time.sleep(_POLL)
            ready, _ = ray.wait([actor.ready.remote()], timeout=cluster.heartbeat_timeout())
            if not ready:
                raise JobFailed(f"parameter server {member.rank}'s actor stopped answering")
            ray.get(ready[0])
        if member.status == "failed":
            raise JobFailed(f"The parameter-server job failed: {member.failure}.")
        member.finish()
        return 0
    except (JobFailed, ray.exceptions.RayError) as error:
        member.report_failure(f"server {member.rank} stopped: {error}")
        _say(str(error))
        return 1
    finally:
        ray.shutdown()
