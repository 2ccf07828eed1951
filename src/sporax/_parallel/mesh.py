"""The global device mesh that every strategy maps onto.

MindSpore describes a sharded tensor by a device matrix (ranks laid out row-major) and a
tensor map (which matrix axis splits each tensor dimension, counted from the right). Each
operator may use its own device matrix. JAX needs one mesh for a whole program, so sporax
factors the device count into primes — one mesh axis per factor, ranks row-major — and
maps every device-matrix axis onto a run of consecutive factor axes whose product is its
size. Row-major order is kept, so rank r holds exactly the block MindSpore's layout gives
rank r. (With a power-of-two device count every device matrix maps; otherwise one whose
axes do not line up with the factors is refused with a clear error.)
"""
from __future__ import annotations

import functools
import math

import jax
import numpy as np
from jax.sharding import Mesh, NamedSharding, PartitionSpec

from .. import context


def device_num() -> int:
    """The parallel context's device_num if set, else every device of the job."""
    count = len(jax.devices())
    if "device_num" in context._user_set:
        wanted = context.get_auto_parallel_context("device_num")
        if wanted > count:
            raise ValueError(f"The context configuration parameter 'device_num' ({wanted}) exceeds the "
                             f"{count} devices of this job.")
        return wanted
    return count


def _prime_factors(n: int) -> tuple[int, ...]:
    factors, p = [], 2
    while n > 1:
        while n % p == 0:
            factors.append(p)
            n //= p
        p += 1
    return tuple(factors)


@functools.lru_cache(maxsize=None)
def _mesh(count: int, devices: tuple) -> Mesh:
    factors = _prime_factors(count) or (1,)
    names = tuple(f"f{i}" for i in range(len(factors)))
    return Mesh(np.array(devices[:count], dtype=object).reshape(factors), names)


def mesh() -> Mesh:
    count = device_num()
    devices = tuple(sorted(jax.devices(), key=lambda d: (d.process_index, d.id)))
    return _mesh(count, devices)


def matrix_axes(device_matrix, what: str) -> list[tuple[str, ...]]:
    """For each device-matrix axis, the run of mesh axes that carries it."""
    the_mesh = mesh()
    sizes = [the_mesh.shape[name] for name in the_mesh.axis_names]
    total = math.prod(sizes)
    if math.prod(device_matrix) != total:
        raise ValueError(f"For '{what}', the device matrix {tuple(device_matrix)} has "
                         f"{math.prod(device_matrix)} devices, but the job has device_num={total}.")
    groups, position = [], 0
    for size in device_matrix:
        group, product = [], 1
        while product < size and position < len(sizes):
            group.append(the_mesh.axis_names[position])
            product *= sizes[position]
            position += 1
        if product != size:
            raise ValueError(f"For '{what}', the device matrix {tuple(device_matrix)} cannot be laid over "
                             f"{total} devices (factors {tuple(sizes)}): axis of size {size} does not line up.")
        groups.append(tuple(group))
    return groups


def named_sharding(device_matrix, tensor_map, what: str) -> NamedSharding:
    """The NamedSharding of MindSpore's (device_matrix, tensor_map)."""
    groups = matrix_axes(device_matrix, what)
    spec = []
    for entry in tensor_map:
        entries = entry if isinstance(entry, tuple) else (entry,)
        names = tuple(name for k in entries if k != -1 for name in groups[len(device_matrix) - 1 - k])
        spec.append(names if len(names) > 1 else (names[0] if names else None))
    return NamedSharding(mesh(), PartitionSpec(*spec))
