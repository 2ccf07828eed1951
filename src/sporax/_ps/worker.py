"""The worker side: an optimizer whose Parameters include PS ones trains through the servers.

`WorkerStrategy` is installed as `nn.optim.optimizer.ParameterServerHook.strategy`. It
claims an optimizer on a worker (MS_ROLE=MS_WORKER) when any of its Parameters was marked
with `set_param_ps`. The first step attaches it: the worker joins the job, the PS
Parameters are spread over the servers by size (`placement.spread`), each server builds the
same optimizer over its share (rank 0 sends the values, or with `init_in_server` the
initializer, which then runs on the server only), and the worker builds the same optimizer
over the Parameters that stay local. Each step then pushes the PS gradients, updates the
local Parameters while the servers work, and pulls the PS values of after the step.

A value replaced on the worker between steps (load_checkpoint, set_data) is pushed to its
server before the next step, so loading a checkpoint on a worker loads it into the job;
the pulled values are the worker's own, so save_checkpoint writes the job's values.
"""
from __future__ import annotations

import atexit
import contextlib
import os
import sys

import numpy as np

from .. import context
from .._runtime import state_frame
from ..common.tensor import Tensor
from ..ops import functional as F
from . import cluster, placement
from .membership import JobFailed, Membership
from .recipe import Recipe


def _lazy_payload(param):
    """The Parameter's lazy initializer, detached from the worker's objects, to run on a server."""
    lazy = param._data
    copy = type(lazy).__new__(type(lazy))
    for slot in type(lazy).__slots__:
        setattr(copy, slot, getattr(lazy, slot))
    copy._owner = None
    copy.fixed_name = lazy.fixed_name or param.name
    return copy


class _Attached:
    """One optimizer trained through the servers."""

    def __init__(self, optimizer, group: int, member: Membership, servers: list):
        self.optimizer, self.group, self.member = optimizer, group, member
        params = list(optimizer.parameters)
        self.ps = [p for p in params if p.is_param_ps]
        names = [p.name for p in self.ps]
        if len(set(names)) != len(names):
            raise ValueError("For parameter-server training, the PS Parameters of one optimizer need distinct "
                             f"names, but got {names}.")
        sizes = {p.name: int(np.prod(p.shape, dtype=np.int64)) * np.dtype(p.dtype.to_numpy()).itemsize for p in self.ps}
        self.where = placement.spread(sizes, len(servers))
        self.servers = servers
        self.used = sorted({self.where[n] for n in names})
        recipe = Recipe(optimizer, key=lambda p: p.name if p.is_param_ps else None)
        refs = []
        for rank in self.used:
            specs = {}
            for p in self.ps:
                if self.where[p.name] != rank:
                    continue
                if member.rank != 0:
                    payload = None
                elif p.init_in_server and p.has_init:
                    payload = _lazy_payload(p)
                else:
                    payload = np.asarray(p.asnumpy())
                specs[p.name] = (tuple(p.shape), str(p.dtype), payload)
            refs.append(servers[rank].register.remote(group, member.rank, specs, recipe))
        for rank, ref in zip(self.used, refs):
            member.wait(ref, f"parameter server {rank}")
        self.local = Recipe(optimizer, key=lambda p: None if p.is_param_ps else p).build(lambda p: p)
        self.index = {id(p): i for i, p in enumerate(params)}
        self.pulled = {p.name: p._data for p in self.ps}
        self.steps = 0

    def fill_lazy(self) -> None:
        """Give the worker the servers' values of PS Parameters it holds lazily (init_in_server)."""
        lazy = [p for p in self.ps if p.has_init]
        for rank in sorted({self.where[p.name] for p in lazy}):
            values = self.member.wait(self.servers[rank].pull.remote(self.group), f"parameter server {rank}")
            self._store(values)

    def _store(self, values: dict) -> None:
        for p in self.ps:
            if p.name in values:
                p.set_data(Tensor(np.array(values[p.name])))
                self.pulled[p.name] = p._data

    def _push_replaced(self) -> None:
        changed = [p for p in self.ps if p._data is not self.pulled[p.name]]
        refs = []
        for rank in sorted({self.where[p.name] for p in changed}):
            values = {p.name: np.asarray(p.asnumpy()) for p in changed if self.where[p.name] == rank}
            refs.append((rank, self.servers[rank].set_values.remote(self.group, values)))
        for rank, ref in refs:
            self.member.wait(ref, f"parameter server {rank}")
        for p in changed:
            self.pulled[p.name] = p._data

    def step(self, gradients) -> bool:
        gradients = tuple(gradients)
        params = self.optimizer.parameters
        if len(gradients) != len(params):
            raise ValueError(f"For '{type(self.optimizer).__name__}', expected {len(params)} gradients (one per "
                             f"parameter), but got {len(gradients)}.")
        self._push_replaced()
        refs = []
        for rank in self.used:
            grads = {p.name: np.asarray(gradients[self.index[id(p)]].asnumpy())
                     for p in self.ps if self.where[p.name] == rank}
            refs.append((rank, self.servers[rank].push_pull.remote(self.group, self.member.rank, self.steps, grads)))
        if self.local is not None:
            self.local(tuple(gradients[self.index[id(p)]] for p in self.local.parameters))
        for rank, ref in refs:
            self._store(self.member.wait(ref, f"parameter server {rank}"))
        F.assign_add(self.optimizer.global_step, Tensor(np.int32([1])))
        self.steps += 1
        return True


@contextlib.contextmanager
def _eagerly():
    """PYNATIVE_MODE for the duration: a PS step is the same eager computation in either mode."""
    mode = context.get_context("mode")
    context.set_context(mode=context.PYNATIVE_MODE)
    try:
        yield
    finally:
        context.set_context(mode=mode)


class WorkerStrategy:
    """Claims and runs the optimizers of a worker that hold PS Parameters."""

    def __init__(self):
        self.member = None
        self.servers = None
        self.attached: dict[int, _Attached] = {}
        self.watching = False
        self.finished = False
        self.failure = None

    def claims(self, optimizer) -> bool:
        if not context.get_ps_context("enable_ps") or context.get_ps_context("ms_role") != "MS_WORKER":
            return False
        return any(p.is_param_ps for p in optimizer.parameters)

    def _join(self) -> Membership:
        if self.member is None:
            host = context.get_ps_context("scheduler_ip")
            port = context.get_ps_context("scheduler_port")
            server_num = context.get_ps_context("server_num")
            self.member = Membership("MS_WORKER", host, port, server_num, context.get_ps_context("worker_num"))
            self.servers = [cluster.wait_for_actor(cluster.server_actor_name(r), f"parameter server {r}", host, port)
                            for r in range(server_num)]
            for rank, server in enumerate(self.servers):
                self.member.wait(server.ready.remote(), f"parameter server {rank}")
            atexit.register(self._finish)  # after ray.init: runs before Ray's own exit handler
        return self.member

    def watch(self) -> None:
        """From `set_ps_context(enable_ps=True)` on a worker: at exit, tell the job this worker
        is done (joining first if it never trained: the job still completes), or that it failed
        (an uncaught exception)."""
        if self.watching:
            return
        self.watching = True
        atexit.register(self._finish)
        previous = sys.excepthook

        def report(kind, value, tb):
            self.failure = f"worker {os.environ.get('RANK_ID', '?')} raised {kind.__name__}: {value}"
            previous(kind, value, tb)

        sys.excepthook = report

    def _finish(self) -> None:
        if self.finished or not context.get_ps_context("enable_ps") or \
                context.get_ps_context("ms_role") != "MS_WORKER":
            return  # done already, or parameter-server mode was switched off since
        self.finished = True
        if self.member is not None and not cluster.ray_module().is_initialized():
            return  # Ray is gone already: the job hears of this worker through its heartbeat
        try:
            member = self._join()
        except Exception as error:  # noqa: BLE001 - at exit: say why the job could not be told
            print(f"sporax parameter server: could not report this worker's end: {error}", file=sys.stderr)
            return
        if self.failure is not None:
            member.report_failure(self.failure.replace("worker ?", f"worker {member.rank}"))
        for rank, server in enumerate(self.servers):
            try:
                member.wait(server.leave.remote(member.rank), f"parameter server {rank}")
            except JobFailed:
                return
        try:
            member.finish()
        except Exception:  # noqa: BLE001 - the scheduler may already be gone
            pass

    def attach(self, optimizer) -> _Attached:
        """Register `optimizer` with the servers (once) and return its PS driver."""
        attached = self.attached.get(id(optimizer))
        if attached is None:
            if state_frame.active() is not None:
                raise RuntimeError("Parameter-server training runs its step eagerly: call the optimizer outside "
                                   "compiled code (TrainOneStepCell does so in either mode).")
            member = self._join()
            attached = _Attached(optimizer, len(self.attached), member, self.servers)
            self.attached[id(optimizer)] = attached
        return attached

    def step(self, optimizer, gradients) -> bool:
        if state_frame.active() is not None:
            raise RuntimeError("Parameter-server training runs its step eagerly: the optimizer of PS Parameters "
                               "cannot run inside compiled code (GRAPH_MODE or sporax.jit). Call it from "
                               "TrainOneStepCell (eager in either mode) or in PYNATIVE_MODE.")
        with _eagerly():
            return self.attach(optimizer).step(gradients)

    def train_step(self, cell, inputs):
        """TrainOneStepCell's step: the servers' values first where the worker has none, then
        forward, backward and the PS optimizer step, eagerly."""
        with _eagerly():
            self.attach(cell.optimizer).fill_lazy()
            return cell.construct(*inputs)


STRATEGY = WorkerStrategy()
