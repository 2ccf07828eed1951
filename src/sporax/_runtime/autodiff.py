"""Gradients of functions that read Parameters (GradOperation, grad, value_and_grad).

The function runs once under `jax.vjp`, in an `overlay` StateFrame that binds the weights
being differentiated to traced values; every other Parameter it reads is a constant (its
value in the enclosing frame, or its data), and every Parameter it writes (BatchNorm's
moving statistics, an Assign) is written for real after the call, exactly once, as in
MindSpore. The same code runs in PYNATIVE_MODE and inside a compiled graph.

Arguments and results are pytrees (a Tensor flattens to its array); the arguments at
`positions` are differentiated leaf by leaf, and their gradients come back in their shape
(a Tensor's gradient is a Tensor).
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from . import float_status, state_frame


def _is_float(array) -> bool:
    return jnp.issubdtype(array.dtype, jnp.inexact)


def _arrays(value) -> list:
    return [leaf for leaf in jax.tree_util.tree_leaves(value) if isinstance(leaf, (jax.Array, jax.core.Tracer))]


def value_and_grad(fn, args, positions, weights, sens=None, has_aux=False):
    """(output, input gradients, weight gradients) of `fn(*args)`.

    `positions`: indices of the arguments to differentiate; `weights`: Parameters. The
    output differentiated is `fn`'s result (its first element with `has_aux`); its
    cotangent is `sens` (default ones). Non-float inputs get zero gradients.
    """
    weights = list(weights)
    parent = state_frame.active()
    register = float_status.active()
    weight_values = tuple(state_frame.read_in(parent, w) for w in weights)
    flat_inputs = [jax.tree_util.tree_flatten(args[i]) for i in positions]
    inputs = tuple(leaf for leaves, _ in flat_inputs for leaf in leaves)
    float_positions = [k for k, a in enumerate(inputs) if _is_float(a)]
    structure = {}

    def call_args(input_values):
        values, call = iter(input_values), list(args)
        for i, (leaves, treedef) in zip(positions, flat_inputs):
            call[i] = jax.tree_util.tree_unflatten(treedef, [next(values) for _ in leaves])
        return call

    def pure(weight_values, float_inputs):
        input_values = list(inputs)
        for k, value in zip(float_positions, float_inputs):
            input_values[k] = value
        inner = register.copy()
        frame = state_frame.StateFrame("overlay", weights, weight_values, status=inner, parent=parent)
        with frame:
            out = fn(*call_args(input_values))
            primal = tuple(_arrays(out[0] if has_aux else out))
            out_leaves, out_treedef = jax.tree_util.tree_flatten(out)
        if not primal or not all(_is_float(p) for p in primal):
            raise TypeError("The function being differentiated must return floating Tensors, but it returned "
                            f"{out!r}.")
        is_array = [isinstance(leaf, (jax.Array, jax.core.Tracer)) for leaf in out_leaves]
        structure.update(treedef=out_treedef, static=[None if a else leaf for a, leaf in zip(is_array, out_leaves)],
                         written=list(frame.written.values()), armed=inner.armed)
        aux = (tuple(leaf for a, leaf in zip(is_array, out_leaves) if a),
               tuple(frame.values[id(p)] for p in structure["written"]), inner.current())
        return primal, aux

    primal, vjp, (out_arrays, written_values, new_status) = jax.vjp(
        pure, weight_values, tuple(inputs[k] for k in float_positions), has_aux=True)
    if sens is None or isinstance(sens, (int, float)):
        cotangent = tuple(jnp.full_like(p, 1.0 if sens is None else sens) for p in primal)
    else:
        cotangent = tuple(jnp.asarray(s, p.dtype).reshape(p.shape) for s, p in zip(_arrays(sens), primal))
    weight_grads, float_grads = vjp(cotangent)
    for param, value in zip(structure["written"], written_values):
        state_frame.write(param, value)
    register.assign(float_status.Register(structure["armed"], new_status))
    input_grads = [jnp.zeros_like(a) for a in inputs]
    for k, g in zip(float_positions, float_grads):
        input_grads[k] = g
    arrays = iter(out_arrays)
    output = jax.tree_util.tree_unflatten(
        structure["treedef"], [next(arrays) if leaf is None else leaf for leaf in structure["static"]])
    grads = iter(input_grads)
    input_grads = tuple(jax.tree_util.tree_unflatten(treedef, [next(grads) for _ in leaves])
                        for leaves, treedef in flat_inputs)
    return output, input_grads, tuple(weight_grads)
