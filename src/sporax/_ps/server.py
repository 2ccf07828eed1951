"""The parameter server: a Ray actor owning PS Parameters and their optimizer state.

Each worker optimizer registers as a group: the server makes its own Parameters (from the
values rank 0 sends, or, with `init_in_server`, by running the initializer here) and builds
the same optimizer over them (`recipe.Recipe`). A step is synchronous: the server keeps
each worker's step-t gradients, and when every active worker's have arrived it applies
their mean, g = (1/W)·Σ_w g_w (with one worker: g itself), through that optimizer, then
every worker gets the values after step t. A worker that finishes leaves; the others go on.
"""
from __future__ import annotations

import os
import threading

import numpy as np

from ..common.parameter import Parameter
from ..common.tensor import Tensor

_WAIT_SLICE = 0.5


def _rss() -> int:
    with open(f"/proc/{os.getpid()}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class _Group:
    def __init__(self, names, params, optimizer):
        self.names = names            # optimizer order
        self.params = params          # name -> Parameter
        self.optimizer = optimizer
        self.step = 0                 # steps applied
        self.pending = {}             # worker rank -> {name: ndarray}
        self.values = self._snapshot()

    def _snapshot(self):
        return {name: np.asarray(self.params[name]._value()) for name in self.names}


class ParameterServer:
    def __init__(self, rank: int, worker_num: int):
        self.rank = rank
        self.active = set(range(worker_num))
        self.groups: dict[int, _Group] = {}
        self.specs: dict[int, dict] = {}
        self.cond = threading.Condition()
        self.closed = None

    def ready(self):
        return os.getpid()

    def rss(self) -> int:
        return _rss()

    def close(self, message: str) -> None:
        with self.cond:
            self.closed = message
            self.cond.notify_all()

    def _wait(self, done) -> None:
        while not done():
            if self.closed is not None:
                raise RuntimeError(f"parameter server {self.rank} stopped: {self.closed}")
            self.cond.wait(_WAIT_SLICE)

    def register(self, group: int, worker: int, specs: dict, recipe) -> dict:
        """Create group `group` from `specs` (name -> (shape, dtype, payload)); a payload is an
        ndarray, a lazy initializer (run here) or None (a later worker: wait for rank 0's).
        Returns name -> the server's value when `init_in_server` made it here, else nothing."""
        with self.cond:
            if group not in self.groups and any(spec[2] is not None for spec in specs.values()):
                params = {}
                for name, (shape, dtype, payload) in specs.items():
                    data = Tensor(payload) if isinstance(payload, np.ndarray) else Tensor._wrap(payload)
                    param = Parameter(data, name=name)
                    param.init_data()  # `init_in_server`: the initializer runs here, once
                    params[name] = param
                optimizer = recipe.build(lambda key: params.get(key))
                names = [p.name for p in optimizer.parameters]
                self.groups[group] = _Group(names, params, optimizer)
                self.specs[group] = {n: (tuple(s[0]), s[1]) for n, s in specs.items()}
                self.cond.notify_all()
            self._wait(lambda: group in self.groups)
            mine = {n: (tuple(s[0]), s[1]) for n, s in specs.items()}
            if mine != self.specs[group]:
                raise ValueError(f"For parameter server {self.rank}, worker {worker} registered optimizer group "
                                 f"{group} with Parameters {mine}, but worker 0 registered {self.specs[group]}.")
            return {}

    def push_pull(self, group: int, worker: int, step: int, grads: dict) -> dict:
        """Worker `worker`'s gradients of step `step`; returns the values after that step."""
        with self.cond:
            state = self.groups[group]
            if step != state.step:
                raise RuntimeError(f"For parameter server {self.rank}, worker {worker} pushed step {step} of "
                                   f"group {group}, but the server is at step {state.step}.")
            state.pending[worker] = grads
            self._apply_if_complete(state)
            self._wait(lambda: state.step > step)
            return state.values

    def _apply_if_complete(self, state: _Group) -> None:
        if not state.pending or not self.active <= set(state.pending):
            return
        contributions = [state.pending[w] for w in sorted(state.pending)]
        gradients = []
        for name in state.names:
            total = Tensor(contributions[0][name])
            for other in contributions[1:]:
                total = total + Tensor(other[name])
            gradients.append(total if len(contributions) == 1 else total / len(contributions))
        state.optimizer(tuple(gradients))
        state.pending = {}
        state.step += 1
        state.values = state._snapshot()
        self.cond.notify_all()

    def leave(self, worker: int) -> None:
        """Worker `worker` finished: later steps wait only for the others."""
        with self.cond:
            self.active.discard(worker)
            for state in self.groups.values():
                self._apply_if_complete(state)
            self.cond.notify_all()

    def set_values(self, group: int, values: dict) -> None:
        """A worker replaced values (a loaded checkpoint, set_data): the server takes them."""
        with self.cond:
            state = self.groups[group]
            for name, value in values.items():
                state.params[name].set_data(Tensor(value))
            state.values = state._snapshot()

    def pull(self, group: int) -> dict:
        with self.cond:
            return self.groups[group].values
