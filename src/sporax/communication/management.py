"""Communication management (`mindspore.communication.management`): init, ranks, groups.

A rank is a process of the job (`sporax launch`/msrun, mpirun or started by hand with
`RANK_ID`, `RANK_SIZE`, `MS_SCHED_HOST`, `MS_SCHED_PORT`). A group is a named list of
world ranks; `*_WORLD_COMM_GROUP` is every rank. Without a launcher, `init()` makes a
world of one process.
"""
from __future__ import annotations

from .. import context
from . import _world
from ._world import HCCL_WORLD_COMM_GROUP, MCCL_WORLD_COMM_GROUP, NCCL_WORLD_COMM_GROUP

__all__ = ["GlobalComm", "init", "release", "get_rank", "get_local_rank", "get_group_size",
           "get_local_rank_size", "get_world_rank_from_group_rank", "get_comm_name",
           "get_group_rank_from_world_rank", "create_group", "destroy_group", "get_process_group_ranks",
           "HCCL_WORLD_COMM_GROUP", "NCCL_WORLD_COMM_GROUP", "MCCL_WORLD_COMM_GROUP"]

_DEVICE_TO_BACKEND = {"Ascend": "hccl", "GPU": "nccl", "CPU": "mccl"}


class GlobalComm:
    """World communication information: BACKEND ('hccl'/'nccl'/'mccl'), WORLD_COMM_GROUP,
    INITED, CHECK_ENVS."""
    BACKEND = "hccl"
    WORLD_COMM_GROUP = HCCL_WORLD_COMM_GROUP
    INITED = False
    CHECK_ENVS = True


def _check_group(function, group):
    if not isinstance(group, str):
        raise TypeError(f"For '{function}', the argument 'group' must be type of string, "
                        f"but got 'group' type : {type(group)}.")


def _check_int(function, name, value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"For '{function}', the argument '{name}' must be type of int, but got "
                        f"'{name}' type : {type(value)}.")


def init(backend_name=None):
    """Initialise communication: join the job the launcher's environment describes.

    `backend_name` defaults to the device target's ('hccl' Ascend, 'nccl' GPU, 'mccl' CPU);
    the data moves through XLA's collectives either way (gloo on CPU, NCCL on GPU).
    """
    if backend_name is None:
        backend_name = _DEVICE_TO_BACKEND[context.get_context("device_target")]
    if not isinstance(backend_name, str):
        raise TypeError("For 'init', the argument 'backend_name' must be a string, "
                        f"but got the type : {type(backend_name)}")
    if backend_name not in _world.BACKENDS:
        raise RuntimeError("For 'init', the argument 'backend_name' must be one of 'hccl', 'nccl' and 'mccl', "
                           f"but got 'backend_name' : {backend_name}")
    _world.init(_world.BACKENDS[backend_name])
    GlobalComm.BACKEND = backend_name
    GlobalComm.WORLD_COMM_GROUP = _world.BACKENDS[backend_name]
    GlobalComm.INITED = True
    context._set_parallel_world(_world.state.rank, _world.state.size)


def release():
    """Release communication resources: leave the job."""
    _world.check_inited("release")
    _world.release()
    GlobalComm.INITED = False
    context._set_parallel_world(0, 1)


def get_rank(group=GlobalComm.WORLD_COMM_GROUP):
    """This process's rank in `group`."""
    _check_group("get_rank", group)
    return _world.group_rank(group, "get_rank")


def get_local_rank(group=GlobalComm.WORLD_COMM_GROUP):
    """This process's rank among the processes of its node."""
    _check_group("get_local_rank", group)
    _world.members(group, "get_local_rank")
    return _world.state.local_rank


def get_group_size(group=GlobalComm.WORLD_COMM_GROUP):
    """The number of ranks in `group`."""
    _check_group("get_group_size", group)
    return len(_world.members(group, "get_group_size"))


def get_local_rank_size(group=GlobalComm.WORLD_COMM_GROUP):
    """The number of ranks on this node."""
    _check_group("get_local_rank_size", group)
    _world.members(group, "get_local_rank_size")
    return _world.state.local_size


def get_world_rank_from_group_rank(group, group_rank_id):
    """The world rank of rank `group_rank_id` of `group`."""
    _check_group("get_world_rank_from_group_rank", group)
    _check_int("get_world_rank_from_group_rank", "group_rank_id", group_rank_id)
    ranks = _world.members(group, "get_world_rank_from_group_rank")
    if not 0 <= group_rank_id < len(ranks):
        raise ValueError(f"For 'get_world_rank_from_group_rank', the argument 'group_rank_id' must be in "
                         f"[0, {len(ranks) - 1}] for group '{group}' of {len(ranks)} ranks, but got {group_rank_id}.")
    return ranks[group_rank_id]


def get_group_rank_from_world_rank(world_rank_id, group):
    """The rank in `group` of world rank `world_rank_id`."""
    _check_group("get_group_rank_from_world_rank", group)
    _check_int("get_group_rank_from_world_rank", "world_rank_id", world_rank_id)
    ranks = _world.members(group, "get_group_rank_from_world_rank")
    if world_rank_id not in ranks:
        raise ValueError(f"For 'get_group_rank_from_world_rank', the argument 'world_rank_id' {world_rank_id} "
                         f"is not a member of group '{group}' with world ranks {list(ranks)}.")
    return ranks.index(world_rank_id)


def get_process_group_ranks(group=GlobalComm.WORLD_COMM_GROUP):
    """The world ranks of `group`, in group-rank order."""
    _check_group("get_process_group_ranks", group)
    return list(_world.members(group, "get_process_group_ranks"))


def get_comm_name(group=GlobalComm.WORLD_COMM_GROUP):
    """The communicator name of `group` (its group name)."""
    _check_group("get_comm_name", group)
    _world.members(group, "get_comm_name")
    return group


def create_group(group, rank_ids, options=None):
    """Create the group `group` of the world ranks `rank_ids` (at least 2, no duplicates)."""
    _check_group("create_group", group)
    _world.check_inited("create_group")
    if not isinstance(rank_ids, list):
        raise TypeError(f"For 'create_group', the argument 'rank_ids' must be type of list, "
                        f"but got 'rank_ids' type : {type(rank_ids)}.")
    if group in _world.WORLD_GROUPS or group in _world.state.groups:
        raise ValueError(f"For 'create_group', the group '{group}' already exists.")
    if len(rank_ids) < 2:
        raise ValueError(f"For 'create_group', the argument 'rank_ids' must hold more than 1 rank, but got {rank_ids}.")
    if len(set(rank_ids)) != len(rank_ids):
        raise ValueError(f"For 'create_group', the argument 'rank_ids' must not hold duplicates, but got {rank_ids}.")
    for rank in rank_ids:
        _check_int("create_group", "rank_ids", rank)
        if not 0 <= rank < _world.state.size:
            raise ValueError(f"For 'create_group', the rank {rank} in 'rank_ids' is outside the world of "
                             f"{_world.state.size} ranks [0, {_world.state.size - 1}].")
    _world.state.groups[group] = tuple(rank_ids)


def destroy_group(group):
    """Forget the group `group` (the world group cannot be destroyed)."""
    _check_group("destroy_group", group)
    _world.members(group, "destroy_group")
    if group in _world.WORLD_GROUPS:
        raise ValueError(f"For 'destroy_group', the world group '{group}' cannot be destroyed.")
    del _world.state.groups[group]
