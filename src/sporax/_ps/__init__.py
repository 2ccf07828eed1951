"""Parameter-server training (`Parameter.set_param_ps`, `Cell.set_param_ps`) on Ray.

MindSpore's protocol: the same script runs once per role, chosen by MS_ROLE (MS_SCHED,
MS_PSERVER, MS_WORKER) with MS_SERVER_NUM, MS_WORKER_NUM, MS_SCHED_HOST and MS_SCHED_PORT,
after `set_ps_context(enable_ps=True)`. The scheduler hosts the Ray head and the job's
coordinator (service, coordinator), servers host the actors that own the PS Parameters and
their optimizer state (server), workers train and exchange gradients and values with them
each step (worker). `launcher.launch_ps` starts every role of a job on this machine.

Importing this package installs two hooks and nothing else (Ray is imported when a job
starts): the scheduler and server roles' serving at `set_ps_context(enable_ps=True)`, and
the worker's optimizer strategy.
"""
from __future__ import annotations

from .. import context
from ..nn.optim.optimizer import ParameterServerHook
from . import service, worker

if service.on_enable not in context.ps_enable_hooks:
    context.ps_enable_hooks.append(service.on_enable)
ParameterServerHook.strategy = worker.STRATEGY
