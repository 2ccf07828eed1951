"""One process's membership of a parameter-server job: its rank, its heartbeat, and the
job's state as the coordinator last reported it.

A background thread beats every HEARTBEAT_INTERVAL. When the job fails (a member died,
or this process lost the scheduler for longer than the heartbeat timeout) the failure
message is kept for the main thread (`check()` raises it) and, should the main thread not
end the process within a grace period, the thread prints it and exits the process with
status 1 — a job never hangs on a dead peer.
"""
from __future__ import annotations

import os
import sys
import threading
import time

from . import cluster

_GRACE = 5.0


class JobFailed(RuntimeError):
    """The parameter-server job failed elsewhere (a peer died or the scheduler was lost)."""


class Membership:
    def __init__(self, role: str, host: str, port: int, server_num: int, worker_num: int):
        self.role, self.host, self.port = role, host, port
        ray = cluster.connect(host, port)
        self._ray = ray
        self.coordinator = cluster.wait_for_actor(cluster.COORDINATOR, "scheduler (coordinator)", host, port)
        wanted = os.environ.get("RANK_ID") if role == "MS_WORKER" else None
        wanted = int(wanted) if wanted is not None and wanted.isdigit() else None
        self.rank = ray.get(self.coordinator.join.remote(role, os.getpid(), server_num, worker_num, wanted))
        self.status, self.failure = "running", None
        if self.rank < 0:
            self.status, self.failure = ray.get(self.coordinator.state.remote())
            raise JobFailed(f"The parameter-server job failed: {self.failure}.")
        self._last_answer = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="sporax-ps-heartbeat", daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        failed_at = None
        while not self._stop.wait(cluster.HEARTBEAT_INTERVAL):
            try:
                status, message = self._ray.get(self.coordinator.beat.remote(self.role, self.rank), timeout=5)
                self._last_answer = time.monotonic()
            except Exception:  # noqa: BLE001 - any Ray error means the scheduler did not answer
                silent = time.monotonic() - self._last_answer
                if silent <= cluster.heartbeat_timeout():
                    continue
                status, message = "failed", (f"lost the scheduler at {self.host}:{self.port} "
                                             f"(no answer for {silent:.0f} s)")
            self.status = status
            if status == "failed":
                self.failure = message
                failed_at = failed_at or time.monotonic()
                if time.monotonic() - failed_at > _GRACE:
                    print(f"sporax parameter server: the job failed: {message}.", file=sys.stderr, flush=True)
                    os._exit(1)

    def check(self) -> None:
        """Raise JobFailed if the job has failed."""
        if self.failure is not None:
            raise JobFailed(f"The parameter-server job failed: {self.failure}.")

    def report_failure(self, message: str) -> None:
        try:
            self._ray.get(self.coordinator.fail.remote(message), timeout=5)
        except Exception:  # noqa: BLE001 - the scheduler may be the thing that is gone
            pass

    def finish(self) -> None:
        """This member is done (a worker: its training ended); stop beating."""
        try:
            self._ray.get(self.coordinator.finish.remote(self.role, self.rank), timeout=5)
        finally:
            self._stop.set()

    def wait(self, ref, what: str):
        """`ray.get(ref)`, in slices, raising JobFailed as soon as the job fails."""
        while True:
            self.check()
            ready, _ = self._ray.wait([ref], timeout=cluster.HEARTBEAT_INTERVAL)
            if ready:
                try:
                    return self._ray.get(ref)
                except self._ray.exceptions.RayActorError:
                    raise JobFailed(f"The parameter-server job failed: {self._cause(what)}.") from None

    def _cause(self, what: str) -> str:
        """Why `what` is gone: the job's failure when the coordinator knows it (a server ends
        when a peer dies), else that `what` itself died."""
        deadline = time.monotonic() + 2 * cluster.HEARTBEAT_INTERVAL + 1.0
        while time.monotonic() < deadline:
            try:
                status, message = self._ray.get(self.coordinator.state.remote(), timeout=2)
            except Exception:  # noqa: BLE001 - the scheduler may be gone too
                break
            if status == "failed":
                return f"{message} ({what} stopped)"
            time.sleep(cluster.HEARTBEAT_INTERVAL)
        return f"{what} died"
