"""The process-group collectives MindSpore 2.10 exports in `mindspore.ops` (its
`mindspore.mint.distributed` API, shaped like `torch.distributed`), on sporax's collectives.

Differences from `comm_func`: results are written into the Tensors passed in (`all_reduce(t)`
changes `t`; `all_gather(tensor_list, t)` fills `tensor_list`), as MindSpore does by default,
and the functions return a handle (a `CommHandle` with `async_op=True`, else None). Ranks
(`src`, `dst`, `peer`) are world ranks; `group` None is the world group. Python objects travel
as pickled bytes in uint8 Tensors, their lengths first. These run in PYNATIVE_MODE (they write
into their arguments); in a graph use the `comm_func` functions or the collective primitives.
"""
from __future__ import annotations

import hashlib
import pickle

import numpy as np

from ..common.tensor import Tensor
from ..ops import functional as _functional
from ..ops.operations import comm_ops as _comm_ops
from . import _world, comm_func as _cf, management as _management
from .comm_func import CommHandle
from .management import GlobalComm

__all__ = ["init_process_group", "destroy_process_group", "is_initialized", "is_available", "get_rank",
           "get_world_size", "get_backend", "new_group", "get_group_rank", "get_global_rank",
           "get_process_group_ranks", "all_reduce", "all_gather", "all_gather_into_tensor", "reduce_scatter",
           "reduce_scatter_tensor", "broadcast", "reduce", "gather_into_tensor", "scatter_tensor", "all_to_all",
           "all_to_all_single", "barrier", "send", "recv", "isend", "irecv", "P2POp", "batch_isend_irecv",
           "all_gather_object", "broadcast_object_list", "gather_object", "scatter_object_list",
           "send_object_list", "recv_object_list"]

_REDUCTIONS = ("sum", "prod", "min", "max", "avg")


def _group(group):
    if group is None:
        return GlobalComm.WORLD_COMM_GROUP
    if not isinstance(group, str):
        raise TypeError(f"The argument 'group' must be type of string, but got 'group' type : {type(group)}.")
    return group


def _handle(async_op):
    if not isinstance(async_op, bool):
        raise TypeError(f"The argument 'async_op' must be a bool, but got {type(async_op)}.")
    return CommHandle() if async_op else None


def _tensor(function, name, value):
    if not isinstance(value, Tensor):
        raise TypeError(f"For {function}, the input '{name}' must be a Tensor, but got {type(value).__name__}.")


def _tensors(function, name, values):
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, Tensor) for v in values):
        raise TypeError(f"For {function}, the '{name}' must be a list of Tensors, but got {values!r}.")


def _write(function, target, value):
    """Write `value` into the Tensor `target`, which must have its shape and dtype."""
    if tuple(target.shape) != tuple(value.shape) or target.dtype != value.dtype:
        raise ValueError(f"For {function}, the output must have shape {tuple(value.shape)} and dtype {value.dtype}, "
                         f"but got {tuple(target.shape)} and {target.dtype}.")
    target._write(value._value())


def _size(group, function):
    return len(_world.members(group, function))


# --- the process group ---------------------------------------------------------------------------
def is_available():
    """Whether distributed communication can be used: always (JAX's collectives)."""
    return True


def is_initialized():
    """Whether `init_process_group` (or `communication.init`) has run."""
    return bool(GlobalComm.INITED)


def init_process_group(backend="hccl", init_method=None, timeout=None, world_size=-1, rank=-1, store=None,
                       group_name="", pg_options=None, device_id=None):
    """Join the job the launcher's environment describes (`sporax launch` / msrun), as
    `communication.init(backend)`. `world_size`/`rank`, when given, must agree with it.
    `init_method` and `store` (a TCP rendezvous) are not supported: the launcher's environment is."""
    if backend != "hccl":  # MindSpore's refusal (its comm_func joins HCCL's world only)
        raise ValueError("Only support hccl now, please setting backend to hccl or using default value")
    if init_method is not None or store is not None:
        raise ValueError("For 'init_process_group', 'init_method' and 'store' are not supported: sporax joins the job "
                         "that the launcher's environment (sporax launch / msrun) describes.")
    for name, value in (("world_size", world_size), ("rank", rank)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"For 'init_process_group', the '{name}' must be an int, but got {type(value).__name__}.")
    if not isinstance(group_name, str):
        raise TypeError(f"For 'init_process_group', the 'group_name' must be a str, but got {type(group_name).__name__}.")
    _management.init(backend)
    size = _size(group_name or GlobalComm.WORLD_COMM_GROUP, "init_process_group")
    me = _world.state.rank
    if world_size not in (-1, size):
        raise ValueError(f"world_size is wrong, please using default value or setting: {size}")
    if rank not in (-1, me):
        raise ValueError(f"For 'init_process_group', the 'rank' {rank} differs from this process's rank {me}.")


def destroy_process_group(group=None):
    """Destroy `group`; None or the world group: every group, and leave the job."""
    if group is None or group == GlobalComm.WORLD_COMM_GROUP:
        _management.release()
        return
    if not isinstance(group, str):
        raise TypeError("For 'destroy_group', the argument 'group' must be type of string or None, but got 'group' "
                        f"type : {type(group)}.")
    _management.destroy_group(group)


def get_rank(group=None):
    """This process's rank in `group`."""
    return _management.get_rank(_group(group))


def get_world_size(group=None):
    """The number of ranks in `group`."""
    return _management.get_group_size(_group(group))


def get_backend(group=None):
    """The backend of `group`: 'hccl' for None (MindSpore's answer whatever the device), else the
    one its name carries."""
    if group is None:
        return "hccl"
    group = _group(group)
    for backend in _world.BACKENDS:
        if backend in group:
            return backend
    return GlobalComm.BACKEND


def new_group(ranks=None, timeout=None, backend=None, pg_options=None, use_local_synchronization=False,
              group_desc=None):
    """A group of the world ranks `ranks` (sorted), named `<backend>_<n>_<sha1 of the ranks>` as
    MindSpore names it; None: the world group."""
    if ranks is None:
        return GlobalComm.WORLD_COMM_GROUP
    if not isinstance(ranks, list):
        raise TypeError(f"ranks must be list, but got {type(ranks)}")
    ranks = sorted(ranks)
    backend = GlobalComm.BACKEND if backend is None else backend
    if backend not in _world.BACKENDS:
        raise TypeError(f"the input backend must be one of {list(_world.BACKENDS)}, but got {backend}")
    name = f"{backend}_{len(ranks)}_" + hashlib.sha1("_".join(map(str, ranks)).encode()).hexdigest()
    if name not in _world.state.groups:
        _management.create_group(name, ranks)
    return name


def get_group_rank(group, global_rank):
    """The rank in `group` of world rank `global_rank`."""
    return _management.get_group_rank_from_world_rank(global_rank, _group(group))


def get_global_rank(group, group_rank):
    """The world rank of rank `group_rank` of `group`."""
    return _management.get_world_rank_from_group_rank(_group(group), group_rank)


def get_process_group_ranks(group=None):
    """The world ranks of `group`, in group-rank order."""
    return _management.get_process_group_ranks(_group(group))


# --- collectives, written into their arguments ------------------------------------------------------
def _reduced(function, tensor, op, group):
    if op not in _REDUCTIONS:
        raise TypeError(f"For {function}, the input op value must be one of sum, prod, min, max, avg")
    out = _comm_ops.AllReduce("sum" if op == "avg" else op, group)(tensor)
    return _functional.div(out, _size(group, function)).astype(tensor.dtype) if op == "avg" else out


def all_reduce(tensor, op="sum", group=None, async_op=False):
    """`tensor` becomes the reduction ('sum', 'prod', 'min', 'max', 'avg') over `group`."""
    _tensor("all_reduce", "tensor", tensor)
    group = _group(group)
    handle = _handle(async_op)
    _write("all_reduce", tensor, _reduced("all_reduce", tensor, op, group))
    return handle


def all_gather_into_tensor(output_tensor, input_tensor, group=None, async_op=False):
    """`output_tensor` becomes every member's `input_tensor`, concatenated along axis 0."""
    _tensor("all_gather_into_tensor", "output_tensor", output_tensor)
    _tensor("all_gather_into_tensor", "input_tensor", input_tensor)
    group = _group(group)
    handle = _handle(async_op)
    _write("all_gather_into_tensor", output_tensor, _comm_ops.AllGather(group)(input_tensor))
    return handle


def all_gather(tensor_list, tensor, group=None, async_op=False):
    """`tensor_list[i]` becomes member i's `tensor`."""
    _tensor("all_gather", "tensor", tensor)
    _tensors("all_gather", "tensor_list", tensor_list)
    group = _group(group)
    handle = _handle(async_op)
    size = _size(group, "all_gather")
    if len(tensor_list) != size:
        raise ValueError(f"For all_gather, the 'tensor_list' must hold {size} Tensors (one per member), but got "
                         f"{len(tensor_list)}.")
    whole = _comm_ops.AllGather(group)(tensor.reshape((1,) + tuple(tensor.shape)))
    for i, target in enumerate(tensor_list):
        _write("all_gather", target, whole[i])
    return handle


def reduce_scatter_tensor(output, input, op="sum", group=None, async_op=False):  # noqa: A002 (MindSpore's)
    """`output` becomes this member's block (axis 0) of the reduction of `input` over `group`."""
    _tensor("reduce_scatter_tensor", "output", output)
    _tensor("reduce_scatter_tensor", "input", input)
    group = _group(group)
    handle = _handle(async_op)
    if op not in _REDUCTIONS:
        raise TypeError("For reduce_scatter_tensor, the input op value must be one of sum, prod, min, max, avg")
    out = _comm_ops.ReduceScatter("sum" if op == "avg" else op, group)(input)
    if op == "avg":
        out = _functional.div(out, _size(group, "reduce_scatter_tensor")).astype(input.dtype)
    _write("reduce_scatter_tensor", output, out)
    return handle


def reduce_scatter(output, input_list, op="sum", group=None, async_op=False):
    """`output` becomes the reduction over `group` of every member's `input_list[my rank]`."""
    _tensors("reduce_scatter", "input_list", input_list)
    _tensor("reduce_scatter", "output", output)
    whole = _functional.concat([t.reshape((1,) + tuple(t.shape)) for t in input_list])
    target = Tensor._wrap(output._value().reshape((1,) + tuple(output.shape)))
    handle = reduce_scatter_tensor(target, whole, op, group, async_op)
    output._write(target._value().reshape(tuple(output.shape)))
    return handle


def broadcast(tensor, src, group=None, async_op=False):
    """`tensor` becomes world rank `src`'s `tensor`."""
    group = _group(group)
    handle = _handle(async_op)
    _write("broadcast", tensor, _cf.broadcast(tensor, src, group))
    return handle


def reduce(tensor, dst, op="sum", group=None, async_op=False):
    """On world rank `dst`, `tensor` becomes the reduction over `group`; the others keep theirs."""
    _tensor("reduce", "tensor", tensor)
    group = _group(group)
    handle = _handle(async_op)
    _cf._check_rank("reduce", "dst", dst, group)
    out = _reduced("reduce", tensor, op, group)
    if _world.state.rank == dst:
        _write("reduce", tensor, out)
    return handle


def gather_into_tensor(output_tensor, input_tensor, dst=0, group=None, async_op=False):
    """On world rank `dst`, `output_tensor` becomes every member's `input_tensor` concatenated along axis 0."""
    _tensor("gather_into_tensor", "input_tensor", input_tensor)
    group = _group(group)
    handle = _handle(async_op)
    _cf._check_rank("gather_into_tensor", "dst", dst, group)
    whole = _comm_ops.AllGather(group)(input_tensor)
    if _world.state.rank == dst:
        _tensor("gather_into_tensor", "output_tensor", output_tensor)
        _write("gather_into_tensor", output_tensor, whole)
    return handle


def scatter_tensor(output_tensor, input_tensor, src=0, group=None, async_op=False):
    """`output_tensor` becomes this member's block (axis 0) of world rank `src`'s `input_tensor`."""
    _tensor("scatter_tensor", "output_tensor", output_tensor)
    group = _group(group)
    handle = _handle(async_op)
    _write("scatter_tensor", output_tensor, _cf.scatter_tensor(input_tensor, src, group))
    return handle


def all_to_all(output_tensor_list, input_tensor_list, group=None, async_op=False):
    """`input_tensor_list[j]` goes to member j; `output_tensor_list[i]` becomes what member i sent here."""
    _tensors("all_to_all", "output_tensor_list", output_tensor_list)
    group = _group(group)
    handle = _handle(async_op)
    received, _ = _cf.all_to_all_with_output_shape(list(output_tensor_list), list(input_tensor_list), group)
    for target, value in zip(output_tensor_list, received):
        _write("all_to_all", target, value)
    return handle


def all_to_all_single(output, input, output_split_sizes=None, input_split_sizes=None, group=None,  # noqa: A002
                      async_op=False):
    """Rows `input_split_sizes[j]` of `input` go to member j; `output` becomes the rows from every
    member, in member order (even splits by default)."""
    _tensor("all_to_all_single", "output", output)
    group = _group(group)
    handle = _handle(async_op)
    out, _ = _cf.all_to_all_single_with_output_shape(tuple(output.shape), input, output_split_sizes,
                                                     input_split_sizes, group)
    _write("all_to_all_single", output, out.reshape(tuple(output.shape)))
    return handle


def barrier(group=None, async_op=False, device_ids=None):
    """Return once every member of `group` has called barrier."""
    group = _group(group)
    handle = _handle(async_op)
    _cf.barrier(group)
    return handle


def send(tensor, dst=0, group=None, tag=0):
    """Send `tensor` to world rank `dst` (which calls recv)."""
    _cf.send(tensor, dst, _group(group), tag)


def recv(tensor, src=0, group=None, tag=0):
    """`tensor` becomes what world rank `src` sends; returns 0, as MindSpore does."""
    _tensor("recv", "tensor", tensor)
    _write("recv", tensor, _cf.recv(tensor, src, _group(group), tag))
    return 0


def isend(tensor, dst=0, group=None, tag=0):
    """`send`, returning a CommHandle."""
    send(tensor, dst, group, tag)
    return CommHandle()


def irecv(tensor, src=0, group=None, tag=0):
    """`recv`, returning a CommHandle."""
    recv(tensor, src, group, tag)
    return CommHandle()


class P2POp:
    """One send (`isend`) or receive (`irecv`) of a `batch_isend_irecv`: `tensor` is sent to, or
    written with what arrives from, world rank `peer`."""

    def __init__(self, op, tensor, peer, group=None, tag=0):
        name = op if isinstance(op, str) else getattr(op, "__name__", None)
        if name not in ("isend", "irecv"):
            raise TypeError(f"Expected ``op`` to be of type ``isend`` or ``irecv``, but got {op!r}")
        if not isinstance(tensor, Tensor):
            raise TypeError(f"Expected ``tensor`` to be type of Tensor, but got {type(tensor)}.")
        if isinstance(peer, bool) or not isinstance(peer, int):
            raise TypeError(f"peer must be type of int, but got type of {type(peer)}")
        self.op, self.tensor, self.peer, self.group, self.tag = name, tensor, peer, group, tag


def batch_isend_irecv(p2p_op_list):
    """Run every send and receive of `p2p_op_list` at once; the receive Tensors are written.
    Returns a list holding one CommHandle."""
    if not isinstance(p2p_op_list, list) or not p2p_op_list or not all(isinstance(p, P2POp) for p in p2p_op_list):
        raise TypeError(f"p2p_op_list must be a non-empty list of P2POp, but got {p2p_op_list!r}.")
    ops = [_cf.P2POp(p.op, p.tensor, p.peer, p.group, 0) for p in p2p_op_list]
    results = _cf.batch_isend_irecv(ops)
    received = iter(r for p, r in zip(p2p_op_list, results) if p.op == "irecv")
    for p in p2p_op_list:
        if p.op == "irecv":
            _write("batch_isend_irecv", p.tensor, next(received))
    return [CommHandle()]


# --- Python objects, as pickled bytes ----------------------------------------------------------------
def _to_bytes(obj):
    data = np.frombuffer(pickle.dumps(obj), np.uint8)
    return Tensor(data), len(data)


def _from_bytes(tensor, length):
    return pickle.loads(tensor.asnumpy()[:length].tobytes())


def _gather_bytes(obj, group):
    """Every member's pickled `obj`, as a list of Python objects, in member order."""
    payload, length = _to_bytes(obj)
    lengths = _comm_ops.AllGather(group)(Tensor(np.array([length], np.int64))).asnumpy().tolist()
    padded = _functional.concat([payload, Tensor(np.zeros(max(lengths) - length, np.uint8))]) \
        if max(lengths) > length else payload
    whole = _comm_ops.AllGather(group)(padded.reshape((1, -1)))
    return [_from_bytes(whole[i], n) for i, n in enumerate(lengths)]


def _check_list(function, name, value):
    if not isinstance(value, list):
        raise TypeError(f"For {function}, the '{name}' must be a list, but got {type(value).__name__}.")


def all_gather_object(object_list, obj, group=None):
    """`object_list[i]` becomes member i's `obj` (any picklable object)."""
    _check_list("all_gather_object", "object_list", object_list)
    group = _group(group)
    size = _size(group, "all_gather_object")
    if len(object_list) != size:
        raise ValueError(f"For all_gather_object, the 'object_list' must have {size} entries, but got "
                         f"{len(object_list)}.")
    object_list[:] = _gather_bytes(obj, group)


def gather_object(obj, object_gather_list=None, dst=0, group=None):
    """On world rank `dst`, `object_gather_list[i]` becomes member i's `obj`."""
    group = _group(group)
    _cf._check_rank("gather_object", "dst", dst, group)
    gathered = _gather_bytes(obj, group)
    if _world.state.rank == dst:
        _check_list("gather_object", "object_gather_list", object_gather_list)
        if len(object_gather_list) != len(gathered):
            raise ValueError(f"For gather_object, the 'object_gather_list' must have {len(gathered)} entries, but "
                             f"got {len(object_gather_list)}.")
        object_gather_list[:] = gathered


def broadcast_object_list(object_list, src=0, group=None, device=None):
    """`object_list` becomes world rank `src`'s `object_list` (same length on every member)."""
    _check_list("broadcast_object_list", "object_list", object_list)
    group = _group(group)
    _cf._check_rank("broadcast_object_list", "src", src, group)
    index = _world.members(group, "broadcast_object_list").index(src)
    object_list[:] = _gather_bytes(list(object_list), group)[index]


def scatter_object_list(scatter_object_output_list, scatter_object_input_list, src=0, group=None):
    """`scatter_object_output_list[0]` becomes entry `my group rank` of world rank `src`'s input list."""
    _check_list("scatter_object_list", "scatter_object_output_list", scatter_object_output_list)
    if not scatter_object_output_list:
        raise ValueError("For scatter_object_list, the 'scatter_object_output_list' must have at least one entry.")
    group = _group(group)
    _cf._check_rank("scatter_object_list", "src", src, group)
    members = _world.members(group, "scatter_object_list")
    inputs = _gather_bytes(scatter_object_input_list if _world.state.rank == src else None,
                           group)[members.index(src)]
    if not isinstance(inputs, list) or len(inputs) != len(members):
        raise ValueError(f"For scatter_object_list, the source's 'scatter_object_input_list' must be a list of "
                         f"{len(members)} objects.")
    scatter_object_output_list[0] = inputs[members.index(_world.state.rank)]


def send_object_list(object_list, dst, group=None, device=None):
    """Send the objects of `object_list` to world rank `dst` (which calls recv_object_list)."""
    _check_list("send_object_list", "object_list", object_list)
    group = _group(group)
    payload, length = _to_bytes(list(object_list))
    _cf.send(Tensor(np.array([length], np.int64)), dst, group)
    _cf.send(payload, dst, group)


def recv_object_list(object_list, src=0, group=None, device=None):
    """`object_list` (of the sender's length) becomes the objects world rank `src` sent."""
    _check_list("recv_object_list", "object_list", object_list)
    group = _group(group)
    length = int(_cf.recv(Tensor(np.zeros(1, np.int64)), src, group).asnumpy()[0])
    received = _from_bytes(_cf.recv(Tensor(np.zeros(length, np.uint8)), src, group), length)
    if len(received) != len(object_list):
        raise ValueError(f"For recv_object_list, the 'object_list' must have {len(received)} entries (as sent), but "
                         f"got {len(object_list)}.")
    object_list[:] = received

