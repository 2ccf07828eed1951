"""Collectives as functions (`mindspore.communication.comm_func`), on the comm_ops primitives.

`all_reduce`, `all_gather_into_tensor` and `reduce_scatter_tensor` return
`(output, handle)`: the handle is None, or with `async_op=True` a CommHandle whose
`wait()` returns at once (sporax's collectives complete before they return).
"""
from __future__ import annotations

import math

from ..common import dtype as mstype
from ..common.tensor import Tensor
from ..ops import functional as _functional
from ..ops.operations import comm_ops as _comm_ops
from . import _world
from .management import GlobalComm

__all__ = ["all_reduce", "all_gather_into_tensor", "reduce_scatter_tensor", "broadcast", "barrier", "send",
           "recv", "isend", "irecv", "reduce", "gather_into_tensor", "scatter_tensor", "CommHandle", "P2POp",
           "batch_isend_irecv", "all_to_all_single_with_output_shape", "all_to_all_with_output_shape",
           "all_to_all_v_c"]


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


# --- point-to-point batches and uneven all-to-all ----------------------------------------------
class P2POp:
    """One send ('isend') or receive ('irecv') of a `batch_isend_irecv`: `tensor` is what to send,
    or for 'irecv' a Tensor (or shape tuple, with `recv_dtype`) describing what arrives; `peer` is
    the remote world rank."""

    def __new__(cls, op, tensor, peer, group=None, tag=0, recv_dtype=None):
        if not (isinstance(op, str) or callable(op)):
            raise TypeError(f"op must be type of string or function, but got type of {type(op)}")
        op_name = op if isinstance(op, str) else getattr(op, "__name__", "")
        if op_name not in ("isend", "irecv"):
            raise ValueError(f"Expected ``op`` to be of type ``isend`` or `irecv``, but got {op_name}")
        if not isinstance(tensor, (Tensor, tuple)):
            raise TypeError(f"Expected ``tensor`` to be type of tuple or Tensor, but got {type(tensor)}.")
        if tag != 0:
            raise NotImplementedError("``tag`` not support yet.")
        return object.__new__(cls)

    def __init__(self, op, tensor, peer, group=None, tag=0, recv_dtype=None):
        if isinstance(peer, bool) or not isinstance(peer, int):
            raise TypeError(f"peer must be type of int, but got type of {type(peer)}")
        if recv_dtype is not None and not isinstance(recv_dtype, mstype.Type):
            raise TypeError(f"recv_dtype must be type of mindspore dtype, but got type of {type(recv_dtype)}")
        if group is not None:
            _check_group("P2POp", group)
        self.op = op
        self.tensor = tensor
        self.peer = peer
        self.group = group
        self.tag = tag
        self.recv_dtype = recv_dtype


def batch_isend_irecv(p2p_op_list):
    """Run every send and receive of `p2p_op_list` (P2POps of one group) at once; returns one
    Tensor per op: the received Tensor for 'irecv', a scalar placeholder for 'isend'."""
    if not isinstance(p2p_op_list, list):
        raise TypeError(f"p2p_op_list must be type of list, but got type of {p2p_op_list}.")
    if not p2p_op_list:
        raise TypeError("p2p_op_list can not be empty list.")
    if not all(isinstance(op, P2POp) for op in p2p_op_list):
        raise TypeError("must be type of P2POp")
    groups = {op.group for op in p2p_op_list}
    if len(groups) != 1:
        raise ValueError(f"For 'batch_isend_irecv', every P2POp must use the same group, but got {sorted(map(str, groups))}.")
    group = p2p_op_list[0].group or GlobalComm.WORLD_COMM_GROUP
    members = _world.members(group, "batch_isend_irecv")
    op_types, remote_ranks, shapes, dtypes, sends = [], [], [], [], []
    for i, op in enumerate(p2p_op_list):
        kind = op.op if isinstance(op.op, str) else op.op.__name__
        if op.peer not in members:
            raise ValueError(f"For 'batch_isend_irecv', the peer {op.peer} of P2POp {i} is not a member of group "
                             f"'{group}' with world ranks {list(members)}.")
        op_types.append(kind)
        remote_ranks.append(members.index(op.peer))
        if kind == "isend":
            if not isinstance(op.tensor, Tensor):
                raise TypeError(f"For 'batch_isend_irecv', the tensor of 'isend' P2POp {i} must be a Tensor, but got "
                                f"{type(op.tensor).__name__}.")
            sends.append(op.tensor)
        elif isinstance(op.tensor, Tensor):
            shapes.append(tuple(op.tensor.shape))
            dtypes.append(op.tensor.dtype)
        else:
            if op.recv_dtype is None:
                raise ValueError(f"'recv_dtype' of {i}th P2POp in p2p_op_list is None but op_types is'irecv' and "
                                 "P2POp.tensor is a tuple type.")
            shapes.append(op.tensor)
            dtypes.append(op.recv_dtype)
    return _comm_ops.BatchISendIRecv(op_types, remote_ranks, shapes, dtypes, group)(tuple(sends))


def _shape_of(function, name, value):
    if isinstance(value, Tensor):
        return tuple(value.shape)
    if isinstance(value, tuple) and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value):
        return value
    raise TypeError(f"For '{function}', the '{name}' must be a Tensor or a tuple of ints, but got {value!r}.")


def _split_sizes(function, name, sizes, length, size):
    """Split sizes along axis 0: given, or `length` split evenly over the group."""
    if sizes is None or (isinstance(sizes, (list, tuple)) and not sizes):
        if length % size:
            raise ValueError(f"{name.split('_')[0]} shape at dim 0 must be divided by world_size, but got {length} and "
                             f"{size}.")
        return (length // size,) * size
    if not isinstance(sizes, (list, tuple)) or not all(isinstance(n, int) and n >= 0 for n in sizes):
        raise TypeError(f"For '{function}', the '{name}' must be a list or tuple of ints >= 0, but got {sizes!r}.")
    if len(sizes) != size or sum(sizes) != length:
        raise ValueError(f"For '{function}', the '{name}' must have {size} sizes summing to {length}, but got "
                         f"{list(sizes)}.")
    return tuple(sizes)


def all_to_all_single_with_output_shape(output_shape, tensor, output_split_sizes=None, input_split_sizes=None,
                                        group=None, async_op=False):
    """(rows `input_split_sizes[j]` of `tensor` go to member j; the rows from every member, concatenated
    along axis 0 into `output_shape`, handle). Even splits over the group by default."""
    function = "all_to_all_single_with_output_shape"
    _check_tensor(function, tensor)
    out_shape = _shape_of(function, "output_shape", output_shape)
    group = GlobalComm.WORLD_COMM_GROUP if group is None else group
    _check_group(function, group)
    size = len(_world.members(group, function))
    if tensor.ndim == 0 or not out_shape:
        raise ValueError(f"For '{function}', 'tensor' and 'output_shape' must have at least one dimension, but got "
                         f"{tuple(tensor.shape)} and {out_shape}.")
    send_rows = _split_sizes(function, "input_split_sizes", input_split_sizes, tensor.shape[0], size)
    recv_rows = _split_sizes(function, "output_split_sizes", output_split_sizes, out_shape[0], size)
    send_row, recv_row = math.prod(tensor.shape[1:]), math.prod(out_shape[1:])
    flat = _comm_ops.AlltoAllV(group)(tensor.reshape(-1), [n * send_row for n in send_rows],
                                      [n * recv_row for n in recv_rows])
    if sum(recv_rows):
        flat = flat.reshape((-1,) + tuple(out_shape[1:]))
    return _outputs(flat, async_op)


def all_to_all_with_output_shape(output_shape_list, input_tensor_list, group=None, async_op=False):
    """((the Tensor from each member, shaped by `output_shape_list`), handle): `input_tensor_list[j]`
    goes to member j."""
    function = "all_to_all_with_output_shape"
    if not isinstance(input_tensor_list, (list, tuple)) or not all(isinstance(t, Tensor) for t in input_tensor_list):
        raise TypeError(f"For '{function}', the 'input_tensor_list' must be a list of Tensors, but got "
                        f"{input_tensor_list!r}.")
    if not isinstance(output_shape_list, (list, tuple)):
        raise TypeError(f"For '{function}', the 'output_shape_list' must be a list of Tensors or shape tuples, but "
                        f"got {output_shape_list!r}.")
    shapes = [_shape_of(function, "output_shape_list", s) for s in output_shape_list]
    if len({t.dtype for t in input_tensor_list}) > 1:
        raise TypeError(f"For '{function}', every Tensor of 'input_tensor_list' must have the same dtype, but got "
                        f"{[str(t.dtype) for t in input_tensor_list]}.")
    group = GlobalComm.WORLD_COMM_GROUP if group is None else group
    _check_group(function, group)
    size = len(_world.members(group, function))
    if len(input_tensor_list) != size or len(shapes) != size:
        raise ValueError(f"For '{function}', 'input_tensor_list' and 'output_shape_list' must have one entry per "
                         f"member of the group ({size}), but got {len(input_tensor_list)} and {len(shapes)}.")
    numels = [math.prod(s) for s in shapes]
    flat_input = _functional.concat([t.reshape(-1) for t in input_tensor_list])
    flat = _comm_ops.AlltoAllV(group)(flat_input, [t.size for t in input_tensor_list], numels)
    result, offset = [], 0
    for shape, numel in zip(shapes, numels):
        if numel:
            result.append(flat[offset:offset + numel].reshape(shape))
        else:
            result.append(_functional.zeros(shape, flat.dtype))
        offset += numel
    return _outputs(tuple(result), async_op)


def all_to_all_v_c(output, input, send_count_matrix, group=None, async_op=False):  # noqa: A002 (MindSpore's name)
    """Route rows of `input` by the whole group's counts (`send_count_matrix[i * size + j]` rows from
    member i to member j) and write what arrives, in member order, into `output` in place; returns
    the handle (None unless `async_op`)."""
    function = "all_to_all_v_c"
    _check_tensor(function, input, "input")
    _check_tensor(function, output, "output")
    group = GlobalComm.WORLD_COMM_GROUP if group is None else group
    if not isinstance(group, str):
        raise TypeError(f"The argument 'group' must be type of string, but got 'group' type : {type(group)}.")
    if not isinstance(async_op, bool):
        raise TypeError(f"The argument 'async_op' must be a bool, but got {type(async_op)}.")
    if not isinstance(send_count_matrix, list):
        raise TypeError(f"send_count_matrix must be list, but got {type(send_count_matrix)}")
    if not all(isinstance(x, int) for x in send_count_matrix):
        raise TypeError("send_count_matrix elements must be of type int")
    size = len(_world.members(group, function))
    if size * size != len(send_count_matrix):
        raise TypeError(f"send_count_matrix must be square matrix, but got {len(send_count_matrix)}.")
    row_in, row_out = math.prod(input.shape[1:]), math.prod(output.shape[1:])
    if row_in != row_out:
        raise ValueError("The input and output dimensions except 0 must be of equal size, "
                         f"but got {row_in} and {row_out}.")
    me = _world.group_rank(group, function)
    arriving = sum(send_count_matrix[i * size + me] for i in range(size))
    if arriving * row_out != output.size:
        raise ValueError(f"For '{function}', the 'output' must hold the {arriving} rows arriving at group rank {me} "
                         f"(column {me} of 'send_count_matrix'), but has shape {tuple(output.shape)}.")
    flat = _comm_ops.AlltoAllVC(group, row_in)(input.reshape(-1), send_count_matrix)
    if output.size:
        output[...] = flat.reshape(output.shape)
    return CommHandle(output) if async_op else None
