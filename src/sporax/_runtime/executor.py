"""When a primitive runs.

PyNative: run now, through a jitted kernel cached per (primitive class, attributes, static
arguments); JAX re-specialises it per input shape and dtype. Inside a compiled graph the
arguments are tracers and the primitive's JAX code is traced inline.
"""
from __future__ import annotations

import jax

from . import float_status

_KERNELS: dict = {}


def _is_traced(values) -> bool:
    return any(isinstance(v, jax.core.Tracer) for v in values)


def run(prim, args: tuple):
    """`prim._compute(*args)` where Tensors were replaced by arrays; other args are static."""
    result = _run(prim, args)
    float_status.observe(result)
    return result


def _run(prim, args):
    dynamic_positions = tuple(i for i, a in enumerate(args) if isinstance(a, jax.Array))
    dynamic = tuple(args[i] for i in dynamic_positions)
    if _is_traced(dynamic) or not prim._jit:
        return prim._compute(*args)
    static = tuple((i, a) for i, a in enumerate(args) if i not in dynamic_positions)
    key = (type(prim), prim._kernel_key(), static, dynamic_positions)
    kernel = _KERNELS.get(key)
    if kernel is None:
        kernel = _KERNELS[key] = _build_kernel(prim, len(args), static, dynamic_positions)
    return kernel(*dynamic)


def _build_kernel(prim, arity, static, dynamic_positions):
    def kernel(*dynamic):
        args = [None] * arity
        for i, value in static:
            args[i] = value
        for i, value in zip(dynamic_positions, dynamic):
            args[i] = value
        return prim._compute(*args)

    return jax.jit(kernel)
