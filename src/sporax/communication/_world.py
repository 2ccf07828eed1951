"""The process world of a distributed job, on `jax.distributed`.

One process is one rank (MindSpore's worker). `init()` reads the launcher's environment
(msrun's `MS_WORKER_NUM`, `MS_SCHED_HOST`, `MS_SCHED_PORT`, `RANK_ID`; hand-started jobs'
`RANK_SIZE`; mpirun's `OMPI_COMM_WORLD_*`) and joins JAX's coordination service, with
gloo collectives on CPU. Communication groups are lists of world ranks; each collective
runs over a mesh of one device per member process, so XLA's own collectives (gloo on CPU,
NCCL on GPU) move the data.
"""
from __future__ import annotations

import os

import jax
import numpy as np
from jax.sharding import Mesh

HCCL_WORLD_COMM_GROUP = "hccl_world_group"
NCCL_WORLD_COMM_GROUP = "nccl_world_group"
MCCL_WORLD_COMM_GROUP = "mccl_world_group"
WORLD_GROUPS = (HCCL_WORLD_COMM_GROUP, NCCL_WORLD_COMM_GROUP, MCCL_WORLD_COMM_GROUP)
BACKENDS = {"hccl": HCCL_WORLD_COMM_GROUP, "nccl": NCCL_WORLD_COMM_GROUP, "mccl": MCCL_WORLD_COMM_GROUP}

NOT_INITED = ("Distributed Communication has not been inited.You can't invoke this interface yet. "
              "Please call `init()` method first.")


class _State:
    inited = False
    distributed = False  # whether jax.distributed was initialised by us
    rank = 0
    size = 1
    local_rank = 0
    local_size = 1
    groups: dict[str, tuple[int, ...]] = {}
    meshes: dict[tuple[int, ...], Mesh] = {}


state = _State()


def _env_int(names, default=None):
    for name in names:
        value = os.environ.get(name)
        if value not in (None, ""):
            try:
                return int(value)
            except ValueError:
                raise RuntimeError(f"init: environment variable {name} must be an integer, got {value!r}.") from None
    return default


def environment() -> dict:
    """(rank, size, local_rank, local_size, host, port) from the launcher's environment."""
    size = _env_int(("MS_WORKER_NUM", "RANK_SIZE", "OMPI_COMM_WORLD_SIZE", "WORLD_SIZE"), 1)
    rank = _env_int(("RANK_ID", "MS_NODE_ID", "OMPI_COMM_WORLD_RANK", "RANK"), 0)
    local_rank = _env_int(("MS_LOCAL_RANK", "OMPI_COMM_WORLD_LOCAL_RANK", "LOCAL_RANK", "DEVICE_ID"), rank)
    local_size = _env_int(("MS_LOCAL_WORKER_NUM", "OMPI_COMM_WORLD_LOCAL_SIZE", "LOCAL_WORLD_SIZE"), size)
    host = os.environ.get("MS_SCHED_HOST") or os.environ.get("MASTER_ADDR") or "127.0.0.1"
    port = _env_int(("MS_SCHED_PORT", "MASTER_PORT"), 8118)
    timeout = _env_int(("MS_TOPO_TIMEOUT",), 600)
    if size < 1:
        raise RuntimeError(f"init: the number of workers (MS_WORKER_NUM/RANK_SIZE) must be >= 1, got {size}.")
    if not 0 <= rank < size:
        raise RuntimeError(f"init: RANK_ID {rank} is outside the job's {size} workers [0, {size - 1}].")
    return dict(rank=rank, size=size, local_rank=local_rank, local_size=local_size, host=host, port=port,
                timeout=timeout)


def init(world_group: str) -> None:
    """Join the job described by the environment (a single process when it names none)."""
    if state.inited:
        return
    env = environment()
    if env["size"] > 1 and not jax.distributed.is_initialized():
        # CPU processes exchange data through gloo; GPUs use NCCL whatever this says.
        jax.config.update("jax_cpu_collectives_implementation", "gloo")
        # Several workers on one node: each takes the accelerator of its local rank (msrun's
        # DEVICE_ID), as MindSpore's one-device-per-process workers do; a lone worker keeps all
        # of them, and a user's own JAX_LOCAL_DEVICE_IDS / CUDA_VISIBLE_DEVICES win.
        own_device = None
        if env["local_size"] > 1 and not (os.environ.get("JAX_LOCAL_DEVICE_IDS")
                                          or os.environ.get("CUDA_VISIBLE_DEVICES")):
            own_device = [env["local_rank"]]
        try:
            jax.distributed.initialize(coordinator_address=f"{env['host']}:{env['port']}",
                                       num_processes=env["size"], process_id=env["rank"],
                                       local_device_ids=own_device,
                                       initialization_timeout=max(1, env["timeout"]))
        except (RuntimeError, ValueError) as error:
            raise RuntimeError(f"init: could not join the distributed job at {env['host']}:{env['port']} as rank "
                               f"{env['rank']} of {env['size']}: {error}") from None
        state.distributed = True
    if jax.distributed.is_initialized():
        env["rank"], env["size"] = jax.process_index(), jax.process_count()
    state.rank, state.size = env["rank"], env["size"]
    state.local_rank, state.local_size = env["local_rank"], env["local_size"]
    state.groups = {name: tuple(range(state.size)) for name in WORLD_GROUPS}
    state.inited = True


def release() -> None:
    """Leave the job: groups are forgotten and jax.distributed is shut down."""
    if state.distributed:
        jax.distributed.shutdown()
    state.inited = state.distributed = False
    state.groups, state.meshes = {}, {}
    state.rank, state.size, state.local_rank, state.local_size = 0, 1, 0, 1


def check_inited(what: str) -> None:
    if not state.inited:
        raise RuntimeError(f"For '{what}': {NOT_INITED}")


def members(group: str, what: str) -> tuple[int, ...]:
    """The world ranks of `group` (RuntimeError before init, ValueError for an unknown group)."""
    check_inited(what)
    if not isinstance(group, str):
        raise TypeError(f"For '{what}', the argument 'group' must be type of string, but got 'group' type : "
                        f"{type(group)}.")
    if group not in state.groups:
        raise ValueError(f"For '{what}', the group '{group}' does not exist: create it with create_group first "
                         f"(known groups: {sorted(state.groups)}).")
    return state.groups[group]


def group_rank(group: str, what: str) -> int:
    ranks = members(group, what)
    if state.rank not in ranks:
        raise ValueError(f"For '{what}', this process (world rank {state.rank}) is not a member of group "
                         f"'{group}' with world ranks {list(ranks)}.")
    return ranks.index(state.rank)


def process_device(rank: int):
    """The device that carries world rank `rank`'s collectives: its first local device."""
    if jax.distributed.is_initialized():
        return min((d for d in jax.devices() if d.process_index == rank), key=lambda d: d.id)
    return jax.local_devices()[0]


def mesh(ranks: tuple[int, ...]) -> Mesh:
    """A one-axis ('group') mesh of one device per member process."""
    found = state.meshes.get(ranks)
    if found is None:
        found = state.meshes[ranks] = Mesh(np.array([process_device(r) for r in ranks]), ("group",))
    return found
