"""The job's coordinator: a Ray actor in the scheduler that hands out ranks, hears every
member's heartbeat and decides the job's state.

`running` until every one of the MS_WORKER_NUM workers has joined and finished (`done`),
or until something goes wrong (`failed`, with a message naming the member): a member
silent for longer than the heartbeat timeout, a member reporting its own failure, or more
members of a role than the environment announced.
"""
from __future__ import annotations

import time

ROLE_NAMES = {"MS_WORKER": "worker", "MS_PSERVER": "server"}


class Coordinator:
    def __init__(self, server_num: int, worker_num: int, heartbeat_timeout: float, join_timeout: float):
        self.expected = {"MS_PSERVER": server_num, "MS_WORKER": worker_num}
        self.heartbeat_timeout = heartbeat_timeout
        self.join_deadline = time.monotonic() + join_timeout
        self.members: dict[tuple[str, int], dict] = {}
        self.failure: str | None = None

    def join(self, role: str, pid: int, server_num: int, worker_num: int, wanted=None) -> int:
        """This member's rank: `wanted` (a worker's RANK_ID) if given, else the lowest free one."""
        if (server_num, worker_num) != (self.expected["MS_PSERVER"], self.expected["MS_WORKER"]):
            self._fail(f"a {ROLE_NAMES[role]} (pid {pid}) was started with MS_SERVER_NUM={server_num}, "
                       f"MS_WORKER_NUM={worker_num}, but the scheduler has MS_SERVER_NUM="
                       f"{self.expected['MS_PSERVER']}, MS_WORKER_NUM={self.expected['MS_WORKER']}")
            return -1
        taken = {r for kind, r in self.members if kind == role}
        if wanted is not None and (wanted in taken or not 0 <= wanted < self.expected[role]):
            self._fail(f"a {ROLE_NAMES[role]} (pid {pid}) asked for rank {wanted} (RANK_ID), which is taken or "
                       f"outside [0, {self.expected[role]})")
            return -1
        rank = wanted if wanted is not None else min(set(range(self.expected[role] + 1)) - taken)
        if rank >= self.expected[role]:
            self._fail(f"more {ROLE_NAMES[role]}s joined than MS_{ROLE_NAMES[role].upper()}_NUM="
                       f"{self.expected[role]} (pid {pid} is one too many)")
            return -1
        self.members[(role, rank)] = {"pid": pid, "beat": time.monotonic(), "finished": False}
        return rank

    def _fail(self, message: str) -> None:
        if self.failure is None:
            self.failure = message

    def fail(self, message: str) -> None:
        self._fail(message)

    def beat(self, role: str, rank: int):
        member = self.members.get((role, rank))
        if member is not None:
            member["beat"] = time.monotonic()
        return self.state()

    def finish(self, role: str, rank: int) -> None:
        member = self.members.get((role, rank))
        if member is not None:
            member["finished"] = True

    def unfinished_servers(self) -> list:
        return [rank for (role, rank), m in self.members.items() if role == "MS_PSERVER" and not m["finished"]]

    def joined(self, role: str) -> int:
        return sum(1 for r, _ in self.members if r == role)

    def state(self):
        """('running' | 'done' | 'failed', message)."""
        now = time.monotonic()
        for (role, rank), member in self.members.items():
            silent = now - member["beat"]
            if not member["finished"] and silent > self.heartbeat_timeout:
                self._fail(f"{ROLE_NAMES[role]} {rank} (pid {member['pid']}) has not answered for {silent:.0f} s: "
                           "it died or hangs")
        if now > self.join_deadline:
            for role, expected in self.expected.items():
                if self.joined(role) < expected:
                    self._fail(f"only {self.joined(role)} of MS_{ROLE_NAMES[role].upper()}_NUM={expected} "
                               f"{ROLE_NAMES[role]}s joined in time")
        if self.failure is not None:
            return "failed", self.failure
        workers = [m for (role, _), m in self.members.items() if role == "MS_WORKER"]
        if len(workers) == self.expected["MS_WORKER"] and all(m["finished"] for m in workers):
            return "done", ""
        return "running", ""
