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

from ...communication import _world

REDUCTIONS = {"sum": jnp.sum, "max": jnp.max, "min": jnp.min, "prod": jnp.prod}


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


def run(kind: str, local, ranks: tuple[int, ...], params=None):
    """The collective `kind` of this process's `local` array over the members `ranks`."""
    if isinstance(local, jax.core.Tracer):
        shape = _out_shape(kind, local.shape, len(ranks), params)
        host = lambda value: np.asarray(_run_now(kind, value, ranks, params))  # noqa: E731
        return io_callback(host, jax.ShapeDtypeStruct(shape, local.dtype), local, ordered=True)
    if kind == "all_gather" and local.ndim == 0:
        local = local.reshape(1)
    return _run_now(kind, local, ranks, params)
