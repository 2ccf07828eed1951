"""Collectives as functions (`mindspore.communication.comm_func`), on the comm_ops primitives.

`all_reduce`, `all_gather_into_tensor` and `reduce_scatter_tensor` return
`(output, handle)`: the handle is None, or with `async_op=True` a CommHandle whose
`wait()` returns at once (sporax's collectives complete before they return).
"""
from __future__ import annotations

from ..common.tensor import Tensor
from ..ops.operations import comm_ops as _comm_ops
from . import _world
from .management import GlobalComm

__all__ = ["all_reduce", "all_gather_into_tensor", "reduce_scatter_tensor", "broadcast", "barrier", "send",
           "recv", "isend", "irecv", "reduce", "gather_into_tensor", "scatter_tensor", "CommHandle"]


class CommHandle:
    """The handle of an asynchronous collective; `wait()` blocks until it is done."""

    def __init__(self, value=None):
        self._value = value

    def wait(self):
        if self._value is not None:
            self._value._value().block_until_ready()

    def __repr__(self):
        return "CommHandle(handle=None)"


def _check_tensor(function, tensor, name="tensor"):
    if not isinstance(tensor, Tensor):
        raise TypeError(f"For '{function}', the input '{name}' must be a Tensor, but got {type(tensor).__name__}.")


def _check_group(function, group):
    if not isinstance(group, str):
        raise TypeError(f"For '{function}', the input 'group' must be type of string, but got {type(group)}")


def _check_rank(function, name, value, group):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"For '{function}', the input '{name}' must be an int, but got {type(value).__name__}.")
    ranks = _world.members(group, function)
    if value not in ranks:
        raise ValueError(f"For '{function}', the '{name}' {value} is not a member of group '{group}' with world "
                         f"ranks {list(ranks)}.")


def _outputs(output, async_op):
    if not isinstance(async_op, bool):
        raise TypeError(f"The input 'async_op' must be a bool, but got {type(async_op).__name__}.")
    return output, (CommHandle(output) if async_op else None)


def all_reduce(tensor, op="sum", group=GlobalComm.WORLD_COMM_GROUP, async_op=False):
    """(the reduction of `tensor` over `group`, handle)."""
    _check_tensor("all_reduce", tensor)
    _check_group("all_reduce", group)
    return _outputs(_comm_ops.AllReduce(op, group)(tensor), async_op)


def all_gather_into_tensor(tensor, group=GlobalComm.WORLD_COMM_GROUP, async_op=False):
    """(every member's `tensor` concatenated along axis 0, handle)."""
    _check_tensor("all_gather_into_tensor", tensor)
    _check_group("all_gather_into_tensor", group)
    return _outputs(_comm_ops.AllGather(group)(tensor), async_op)


def reduce_scatter_tensor(tensor, op="sum", group=GlobalComm.WORLD_COMM_GROUP, async_op=False):
    """(block `group rank` of axis 0 of the reduction over `group`, handle)."""
    _check_tensor("reduce_scatter_tensor", tensor)
    _check_group("reduce_scatter_tensor", group)
    return _outputs(_comm_ops.ReduceScatter(op, group)(tensor), async_op)


def broadcast(tensor, src=0, group=GlobalComm.WORLD_COMM_GROUP):
    """World rank `src`'s `tensor`, on every member."""
    _check_tensor("broadcast", tensor)
    _check_group("broadcast", group)
    _check_rank("broadcast", "src", src, group)
    return _comm_ops.Broadcast(src, group)((tensor,))[0]


def barrier(group=GlobalComm.WORLD_COMM_GROUP):
    """Return once every member of `group` has called barrier."""
    _check_group("barrier", group)
    _comm_ops.Barrier(group)()


def reduce(tensor, dst, op="sum", group=GlobalComm.WORLD_COMM_GROUP):
    """The reduction over `group` on world rank `dst`; the other members get their input back."""
    _check_tensor("reduce", tensor)
    _check_group("reduce", group)
    _check_rank("reduce", "dst", dst, group)
    output = _comm_ops.AllReduce(op, group)(tensor)
    return output if _world.state.rank == dst else tensor


def gather_into_tensor(tensor, dst=0, group=GlobalComm.WORLD_COMM_GROUP):
    """Every member's `tensor` concatenated along axis 0 on world rank `dst`; the others get zeros of shape (1,)."""
    _check_tensor("gather_into_tensor", tensor)
    _check_group("gather_into_tensor", group)
    _check_rank("gather_into_tensor", "dst", dst, group)
    output = _comm_ops.AllGather(group)(tensor)
    if _world.state.rank == dst:
        return output
    return Tensor([0], tensor.dtype)


def scatter_tensor(tensor, src=0, group=GlobalComm.WORLD_COMM_GROUP):
    """Block `group rank` of axis 0 of world rank `src`'s `tensor`."""
    _check_tensor("scatter_tensor", tensor)
    _check_group("scatter_tensor", group)
    _check_rank("scatter_tensor", "src", src, group)
    whole = _comm_ops.Broadcast(src, group)((tensor,))[0]
    size = len(_world.members(group, "scatter_tensor"))
    if whole.ndim == 0 or whole.shape[0] % size:
        raise ValueError(f"For 'scatter_tensor', the first dimension of 'tensor' must be divisible by the group "
                         f"size {size}, but got shape {whole.shape}.")
    block = whole.shape[0] // size
    index = _world.group_rank(group, "scatter_tensor")
    return whole[index * block:(index + 1) * block]


def send(tensor, dst=0, group=GlobalComm.WORLD_COMM_GROUP, tag=0):
    """Send `tensor` to world rank `dst` (which calls recv)."""
    _check_tensor("send", tensor)
    _check_group("send", group)
    _check_rank("send", "dst", dst, group)
    _comm_ops.Send(tag, dst, group, group)(tensor)


def recv(tensor, src=0, group=GlobalComm.WORLD_COMM_GROUP, tag=0):
    """A Tensor shaped like `tensor`, received from world rank `src` (which calls send)."""
    _check_tensor("recv", tensor)
    _check_group("recv", group)
    _check_rank("recv", "src", src, group)
    return _comm_ops.Receive(tag, src, list(tensor.shape), tensor.dtype, group, group)()


def isend(tensor, dst=0, group=GlobalComm.WORLD_COMM_GROUP, tag=0):
    """`send`, returning a CommHandle."""
    send(tensor, dst, group, tag)
    return CommHandle()


def irecv(tensor, src=0, group=GlobalComm.WORLD_COMM_GROUP, tag=0):
    """(`recv`'s Tensor, a CommHandle)."""
    output = recv(tensor, src, group, tag)
    return output, CommHandle(output)
