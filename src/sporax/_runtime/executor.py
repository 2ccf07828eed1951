"""When a primitive runs.

PyNative: run now, through a jitted kernel cached per (primitive class, attributes, static
arguments); JAX re-specialises it per input shape and dtype. Inside a compiled graph the
arguments are tracers and the primitive's JAX code is traced inline.
"""
from __future__ import annotations

import jax
import numpy as np

from . import float_status

_KERNELS: dict = {}
# `mindspore.runtime.launch_blocking()` sets this: each eager op waits for its result before returning.
_launch_blocking = False
# How many `mindspore._no_grad` contexts are open: while > 0, op outputs carry no gradient.
_no_grad_depth = 0
# Arguments that become kernel inputs; everything else is static, part of the kernel's key.
_DYNAMIC = (jax.Array, np.ndarray, np.generic)


def run(prim, args: tuple):
    """`prim._compute(*args)` where Tensors were replaced by arrays; other args are static."""
    result = _run(prim, args)
    float_status.observe(result)
    if _no_grad_depth:
        result = jax.tree_util.tree_map(_stop_gradient, result)
    if _launch_blocking:
        jax.block_until_ready(result)
    return result


def _stop_gradient(leaf):
    # Only traced values can carry a gradient (grad traces the whole function); concrete
    # results pass through without a dispatch.
    return jax.lax.stop_gradient(leaf) if isinstance(leaf, jax.core.Tracer) else leaf


def enter_no_grad() -> None:
    """Ops run from now until the matching `exit_no_grad` give outputs no gradient flows through."""
    global _no_grad_depth
    _no_grad_depth += 1


def no_grad_active() -> bool:
    return _no_grad_depth > 0


def exit_no_grad() -> None:
    global _no_grad_depth
    _no_grad_depth -= 1


def set_launch_blocking() -> None:
    """From now on every eager op completes before `run` returns (an error surfaces at its op)."""
    global _launch_blocking
    _launch_blocking = True


def launch_blocking_enabled() -> bool:
    return _launch_blocking


def _run(prim, args):
    if not prim._jit:
        return prim._compute(*args)
    dynamic, static = [], []
    for i, a in enumerate(args):
        if isinstance(a, _DYNAMIC):
            if isinstance(a, jax.core.Tracer):  # inside a graph: trace the op inline
                return prim._compute(*args)
            dynamic.append(a)
        else:
            static.append((i, a))
    key = (prim._kernel_key(), len(args), tuple(static))
    kernel = _KERNELS.get(key)
    if kernel is None:
        dynamic_positions = tuple(i for i, a in enumerate(args) if isinstance(a, _DYNAMIC))
        kernel = _KERNELS[key] = _build_kernel(prim, len(args), tuple(static), dynamic_positions)
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
