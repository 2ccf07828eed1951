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
# What each argument type is to a kernel, decided once per type (isinstance against the
# jax.Array ABC is slow, and it is asked for every argument of every eager call).
_STATIC, _INPUT, _TRACED = 1, 2, 3
_KINDS: dict = {}


def _kind_of(value) -> int:
    kind = _KINDS.get(type(value))
    if kind is None:
        if isinstance(value, jax.core.Tracer):
            kind = _TRACED
        elif isinstance(value, _DYNAMIC):
            kind = _INPUT
        else:
            kind = _STATIC
        _KINDS[type(value)] = kind
    return kind


def _run(prim, args):
    if not prim._jit:
        return prim._compute(*args)
    kinds = tuple(map(_kind_of, args))
    if _TRACED in kinds:  # inside a graph: trace the op inline
        return prim._compute(*args)
    if _STATIC not in kinds:  # every argument an array: the common case, nothing to split
        key = (prim._kernel_key(), kinds)
        kernel = _KERNELS.get(key)
        if kernel is None:
            kernel = _KERNELS[key] = _build_kernel(prim, len(args), (), tuple(range(len(args))))
        return kernel(*args)
    static = tuple((i, a) for i, (a, kind) in enumerate(zip(args, kinds)) if kind == _STATIC)
    key = (prim._kernel_key(), kinds, static)
    kernel = _KERNELS.get(key)
    if kernel is None:
        dynamic_positions = tuple(i for i, kind in enumerate(kinds) if kind == _INPUT)
        kernel = _KERNELS[key] = _build_kernel(prim, len(args), static, dynamic_positions)
    return kernel(*(a for a, kind in zip(args, kinds) if kind == _INPUT))


def _build_kernel(prim, arity, static, dynamic_positions):
    def kernel(*dynamic):
        args = [None] * arity
        for i, value in static:
            args[i] = value
        for i, value in zip(dynamic_positions, dynamic):
            args[i] = value
        return prim._compute(*args)

    return jax.jit(kernel)
