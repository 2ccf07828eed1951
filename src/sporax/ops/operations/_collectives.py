"""Collectives on process-local arrays, run by XLA over a group's mesh (the JAX side of the
comm_ops primitives).

Each member process contributes its local array as one row of a global array sharded over
the group's mesh (one device per process); one jitted program reduces, gathers or routes
the rows and GSPMD emits the collective (gloo on CPU, NCCL on GPU). Every member must call
the same collective with the same shape and dtype, as with MindSpore's HCCL/NCCL.

Inside a traced program (GRAPH_MODE, sporax.jit) the collective runs as an ordered
`io_callback`: the compiled program of one process cannot contain other processes'
devices, so the exchange happens on the host, in program order.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
from jax.experimental import io_callback
from jax.sharding import NamedSharding, PartitionSpec

from ..._runtime import call_replay
from ...communication import _world

# the input's dtype is kept: jnp.sum / jnp.prod widen int32 to int64 where MindSpore's stay Int32
REDUCTIONS = {"sum": lambda a, axis: jnp.sum(a, axis=axis, dtype=a.dtype), "max": jnp.max, "min": jnp.min,
              "prod": lambda a, axis: jnp.prod(a, axis=axis, dtype=a.dtype)}


def _rows(local, ranks):
    """The global (len(ranks), *shape) array whose row i lives on member i's device."""
    mesh = _world.mesh(ranks)
    row = jax.device_put(jnp.asarray(local)[None], _world.process_device(_world.state.rank))
    return jax.make_array_from_single_device_arrays((len(ranks),) + tuple(local.shape),
                                                    NamedSharding(mesh, PartitionSpec("group")), [row])


@functools.lru_cache(maxsize=None)
def _program(kind, ranks, params):
    mesh = _world.mesh(ranks)
    replicated = NamedSharding(mesh, PartitionSpec())
    by_member = NamedSharding(mesh, PartitionSpec("group"))
    n = len(ranks)
    if kind == "all_reduce":
        return jax.jit(lambda a: REDUCTIONS[params](a, axis=0), out_shardings=replicated)
    if kind == "all_gather":
        return jax.jit(lambda a: a.reshape((-1,) + a.shape[2:]), out_shardings=replicated)
    if kind == "reduce_scatter":
        return jax.jit(lambda a: REDUCTIONS[params](a, axis=0), out_shardings=by_member)
    if kind == "broadcast":
        return jax.jit(lambda a: a[params], out_shardings=replicated)
    if kind == "all_to_all":
        split_dim, concat_dim = params

        def route(a):  # a[i] is member i's input; member j receives chunk j of every input
            chunks = jnp.stack(jnp.split(a, n, axis=split_dim + 1), axis=1)  # (src, dst, ...)
            received = jnp.swapaxes(chunks, 0, 1)  # (dst, src, ...)
            return jnp.concatenate([received[:, i] for i in range(n)], axis=concat_dim + 1)

        return jax.jit(route, out_shardings=by_member)
    raise ValueError(kind)


def _local_result(out):
    return out.addressable_data(0)


def _run_now(kind, local, ranks, params):
    local = jnp.asarray(local)
    result = _local_result(_program(kind, ranks, params)(_rows(local, ranks)))
    if kind == "all_to_all":
        result = result[0]
    return result


def _out_shape(kind, shape, n, params):
    if kind == "all_gather":
        return (shape[0] * n,) + tuple(shape[1:]) if shape else (n,)
    if kind == "reduce_scatter":
        return (shape[0] // n,) + tuple(shape[1:])
    if kind == "all_to_all":
        split_dim, concat_dim = params
        out = list(shape)
        out[split_dim] //= n
        out[concat_dim] *= n
        return tuple(out)
    return tuple(shape)


def _run_here(kind, local, ranks, params):
    """The collective, now (a concrete array) or as an ordered host callback (inside a trace)."""
    if call_replay.traced(local):
        shape = _out_shape(kind, local.shape, len(ranks), params)
        host = lambda value: np.asarray(_run_now(kind, value, ranks, params))  # noqa: E731
        return io_callback(host, jax.ShapeDtypeStruct(shape, local.dtype), local, ordered=True)
    if kind == "all_gather" and local.ndim == 0:
        local = local.reshape(1)
    return _run_now(kind, local, ranks, params)


def _backward(kind, ranks, params, x, out, dout):
    """The gradient of one collective, as MindSpore defines it (ops/_grad_experimental/grad_comm_ops):
    AllReduce(sum) -> AllReduce(sum) of dout; prod -> AllReduce(sum)(dout * out) / x; max/min ->
    AllReduce(sum)(dout) where x == out; AllGather -> ReduceScatter(sum); ReduceScatter(sum) ->
    AllGather; Broadcast -> dout itself; AlltoAll -> AlltoAll with split and concat swapped."""
    if kind == "all_reduce":
        if params == "sum":
            return _run_here("all_reduce", dout, ranks, "sum")
        if params == "prod":
            return _run_here("all_reduce", dout * out, ranks, "sum") / x
        return _run_here("all_reduce", dout, ranks, "sum") * (x == out).astype(dout.dtype)
    if kind == "all_gather":
        return _run_here("reduce_scatter", dout, ranks, "sum").reshape(x.shape)
    if kind == "reduce_scatter":
        if params != "sum":
            raise RuntimeError("The reducescatter bprop only support ReduceOp.SUM until now.")
        return _run_here("all_gather", dout, ranks, None)
    if kind == "broadcast":
        return dout
    if kind == "all_to_all":
        split_dim, concat_dim = params
        return _run_here("all_to_all", dout, ranks, (concat_dim, split_dim))
    raise ValueError(kind)


@functools.lru_cache(maxsize=None)
def _differentiable(kind, ranks, params):
    @jax.custom_vjp
    def collective(local):
        return _run_here(kind, local, ranks, params)

    def forward(local):
        out = _run_here(kind, local, ranks, params)
        return out, (local, out)

    def backward(residuals, dout):
        x, out = residuals
        return (_backward(kind, ranks, params, x, out, dout),)

    collective.defvjp(forward, backward)
    return collective


def run(kind: str, local, ranks: tuple[int, ...], params=None):
    """The collective `kind` of this process's `local` array over the members `ranks`
    (differentiable, with MindSpore's gradients)."""
    if len(ranks) == 1:  # a group of one: every collective gives the input back, with no exchange
        return local.reshape(1) if kind == "all_gather" and local.ndim == 0 else local
    if not jnp.issubdtype(jnp.result_type(local), jnp.inexact):
        return _run_here(kind, local, ranks, params)  # integers and bools carry no gradient
    return _differentiable(kind, ranks, params)(local)


# --- uneven exchanges (AlltoAllV, AlltoAllVC, BatchISendIRecv) ------------------------------------
def _host(value) -> np.ndarray:
    return np.asarray(value)


def _route_padded(local, counts, ranks):
    """Member i sends `counts[i][j]` elements of its flat `local` to member j (in order j = 0..n-1);
    returns what arrived here, member by member, concatenated. Every chunk is padded to the
    largest one, so one fixed-shape all-to-all (XLA's collective) moves them all."""
    n, me = len(ranks), ranks.index(_world.state.rank)
    widest = int(counts.max()) if counts.size else 0
    if widest == 0:
        return np.zeros((0,), local.dtype)
    padded = np.zeros((n, widest), local.dtype)
    offsets = np.concatenate([[0], np.cumsum(counts[me])])
    for j in range(n):
        padded[j, :counts[me][j]] = local[offsets[j]:offsets[j + 1]]
    arrived = _host(_run_now("all_to_all", padded.reshape(-1), ranks, (0, 0))).reshape(n, widest)
    return np.concatenate([arrived[j, :counts[j][me]] for j in range(n)])


def _all_to_all_v_now(local, ranks, send, recv, what):
    local = _host(local).reshape(-1)
    n = len(ranks)
    lists = _host(_run_now("all_gather", np.asarray(list(send) + list(recv), np.int64), ranks, None)).reshape(n, 2, n)
    counts = lists[:, 0, :]  # counts[i][j]: what member i sends to member j
    for j in range(n):
        if not np.array_equal(lists[j, 1, :], counts[:, j]):
            raise ValueError(f"For '{what}', member {j} of the group expects {lists[j, 1, :].tolist()} elements from "
                             f"the members, but they send it {counts[:, j].tolist()}.")
    return _route_padded(local, counts, ranks)


def _all_to_all_vc_now(local, ranks, matrix):
    return _route_padded(_host(local).reshape(-1), np.asarray(matrix, np.int64).reshape(len(ranks), len(ranks)), ranks)


def all_to_all_v(local, ranks, send, recv, what):
    """Flat `local` split by `send` (counts per member) to the members; `recv` counts arrive from each,
    concatenated in member order. Every member's lists are checked against the others'."""
    total = int(sum(recv))
    if call_replay.traced(local):
        host = lambda value: _all_to_all_v_now(value, ranks, send, recv, what)  # noqa: E731
        return io_callback(host, jax.ShapeDtypeStruct((total,), local.dtype), local, ordered=True)
    return jnp.asarray(_all_to_all_v_now(local, ranks, send, recv, what))


def all_to_all_vc(local, ranks, matrix):
    """Flat `local` routed by the whole job's count matrix (`matrix[i][j]`: member i to member j)."""
    me = ranks.index(_world.state.rank)
    total = int(np.asarray(matrix).reshape(len(ranks), len(ranks))[:, me].sum())
    if call_replay.traced(local):
        host = lambda value: _all_to_all_vc_now(value, ranks, matrix)  # noqa: E731
        return io_callback(host, jax.ShapeDtypeStruct((total,), local.dtype), local, ordered=True)
    return jnp.asarray(_all_to_all_vc_now(local, ranks, matrix))
