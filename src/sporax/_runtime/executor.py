"""When a primitive runs.

PyNative: run now, through a jitted kernel cached per (primitive class, attributes, static
arguments); JAX re-specialises it per input shape and dtype. Inside a compiled graph the
arguments are tracers and the primitive's JAX code is traced inline.
"""
from __future__ import annotations

import operator

import jax
import numpy as np

from . import call_replay, float_status, kernel_errors, state_frame

# `mindspore.runtime.launch_blocking()` sets this: each eager op waits for its result before returning.
_launch_blocking = False
# How many `mindspore._no_grad` contexts are open: while > 0, op outputs carry no gradient.
_no_grad_depth = 0
# Arguments that become kernel inputs; everything else is static, part of the kernel's key.
_DYNAMIC = (jax.Array, np.ndarray, np.generic)


def run(prim, args: tuple):
    """`prim._compute(*args)` where Tensors were replaced by arrays; other args are static."""
    if call_replay.active is not None and call_replay.recording() is not None:
        return _recorded(call_replay.active, prim, args)
    return launch(prim, args, _run)


def launch(prim, args: tuple, runner):
    """`runner(prim, args)` with what an eager op does around its kernel: errors in MindSpore's
    words, float status, no-grad and launch blocking. `runner` is `_run`, or what `kernel_of`
    found for a signature a caller runs again."""
    try:
        result = runner(prim, args)
    except (TypeError, ValueError) as error:
        translated = kernel_errors.mindspore_form(prim, args, error)
        if translated is None:
            raise
        raise translated from error
    if state_frame._active or float_status._eager.armed:  # float_status.observe's own test, inlined
        float_status.observe(result)
    if _no_grad_depth:
        result = jax.tree_util.tree_map(_stop_gradient, result)
    if _launch_blocking:
        jax.block_until_ready(result)
    return result


def _recorded(recorder, prim, args):
    """Run `prim` inside a call being recorded for replay, logging it unless another
    recorded primitive runs it (then it is part of that one)."""
    if recorder.depth:
        return _run(prim, args)
    attrs = getattr(prim, "attrs", None) or getattr(getattr(prim, "prim", None), "attrs", {})
    # A primitive whose only effects are writes through `_write` (`_writes_recorded`) is
    # recorded: the Recorder sees those writes (call_replay). Any other effect stays eager.
    if attrs.get("side_effect_io") or (attrs.get("side_effect_mem") and not getattr(prim, "_writes_recorded", False)):
        call_replay.refuse(f"{prim!r} has side effects")
    recorder.depth += 1
    try:
        result = _run(prim, args)
    finally:
        recorder.depth -= 1
    recorder.steps.append((prim, args, result))
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
# A plan per (primitive kernel key, argument types): what each argument is to a kernel (an
# input, or static and part of the kernel's key), decided on the first call of that signature
# so that a warm call only looks its plan up (isinstance against the jax.Array ABC is slow, and
# it would be asked for every argument of every eager call). The types are part of the key, so
# `1`, `1.0` and `True` as a static argument each get their own kernel.
_PLANS: dict = {}
_TRACE = "trace"  # an argument is a tracer: inside a graph, the op is traced inline


def _is_input(value) -> bool:
    return isinstance(value, _DYNAMIC) and not isinstance(value, jax.core.Tracer)


def _plan_of(prim, args):
    if any(isinstance(a, jax.core.Tracer) for a in args):
        return _TRACE
    # A primitive may take Python ints as inputs from some position on (an index's ints):
    # then one kernel serves every value of them, where as static arguments each value
    # would compile its own.
    first_input = getattr(prim, "_inputs_from", len(args))
    dynamic = tuple(i for i, a in enumerate(args) if i >= first_input or _is_input(a))
    if len(dynamic) == len(args):  # every argument an array: the common case, nothing to split
        return _build_kernel(prim, len(args), (), dynamic)
    static = tuple(i for i in range(len(args)) if i not in dynamic)
    return _Split(len(args), static, dynamic)


class _Split:
    """A signature with static arguments: one kernel per value of them."""

    __slots__ = ("arity", "static", "dynamic", "static_of", "dynamic_of", "kernels")

    def __init__(self, arity, static, dynamic):
        self.arity, self.static, self.dynamic = arity, static, dynamic
        # itemgetter picks the values in C; one position gives the value, several a tuple.
        self.static_of = operator.itemgetter(*static)
        self.dynamic_of = operator.itemgetter(*dynamic) if len(dynamic) > 1 else (
            (lambda args: (args[dynamic[0]],)) if dynamic else (lambda args: ()))
        self.kernels = {}

    def run(self, prim, args):
        return self.kernel(prim, args)(*self.dynamic_of(args))

    def kernel(self, prim, args):
        """The kernel for the static values in `args`."""
        values = self.static_of(args)
        kernel = self.kernels.get(values)
        if kernel is None:
            static = tuple(zip(self.static, values if len(self.static) > 1 else (values,)))
            kernel = self.kernels[values] = _build_kernel(prim, self.arity, static, self.dynamic)
        return kernel


def _run(prim, args):
    if not prim._jit:
        return prim._compute(*args)
    plan = _plan_for(prim, args)
    if plan.__class__ is _Split:
        return plan.run(prim, args)
    if plan is _TRACE:
        return prim._compute(*args)
    return plan(*args)


def _plan_for(prim, args):
    key = (prim._kernel_key(), tuple(map(type, args)))
    plan = _PLANS.get(key)
    if plan is None:
        plan = _PLANS[key] = _plan_of(prim, args)
    return plan


def kernel_of(prim, args):
    """A runner for `launch` that calls the kernel `_run(prim, args)` would, found now: for a
    caller that runs `prim` again on arguments like these (a replay: arrays where these are
    arrays, the same static values), skipping the lookups. It stays right while
    `prim._kernel_key()` is unchanged; the caller checks that."""
    if not prim._jit:
        return _run
    plan = _plan_for(prim, args)
    if plan.__class__ is _Split:
        kernel, dynamic_of = plan.kernel(prim, args), plan.dynamic_of
        return lambda _prim, args: kernel(*dynamic_of(args))
    if plan is _TRACE:
        return _run
    return lambda _prim, args: plan(*args)


def _build_kernel(prim, arity, static, dynamic_positions):
    # The kernel is kept under `prim`'s key of now and traces again for each new input shape:
    # it computes with a copy, which an attribute `prim` is given later cannot reach.
    copy_of = getattr(prim, "_kernel_copy", None)
    if copy_of is not None:
        prim = copy_of()

    def kernel(*dynamic):
        args = [None] * arity
        for i, value in static:
            args[i] = value
        for i, value in zip(dynamic_positions, dynamic):
            args[i] = value
        return prim._compute(*args)

    return jax.jit(kernel)
