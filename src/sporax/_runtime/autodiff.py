"""Gradients of functions that read Parameters (GradOperation, grad, value_and_grad).

The function runs once under `jax.vjp`, in an `overlay` StateFrame that binds the weights
being differentiated to traced values; every other Parameter it reads is a constant (its
value in the enclosing frame, or its data), and every Parameter it writes (BatchNorm's
moving statistics, an Assign) is written for real after the call, exactly once, as in
MindSpore. The same code runs in PYNATIVE_MODE and inside a compiled graph.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from ..common.tensor import Tensor
from . import float_status, state_frame
from .tensor_tree import leaves, rebuild


def _is_float(array) -> bool:
    return jnp.issubdtype(array.dtype, jnp.inexact)


def value_and_grad(fn, args, positions, weights, sens=None, has_aux=False):
    """(output, input gradients, weight gradients) of `fn(*args)`.

    `positions`: indices of the Tensor arguments to differentiate; `weights`: Parameters.
    The output differentiated is `fn`'s result (its first element with `has_aux`); its
    cotangent is `sens` (default ones). Non-float inputs get zero gradients.
    """
    weights = list(weights)
    parent = state_frame.active()
    armed, status = ((parent.status_armed, parent.status) if parent is not None and parent.status is not None
                     else float_status.snapshot())
    weight_values = tuple(w._outer_value(parent) for w in weights)
    inputs = tuple(args[i]._value() for i in positions)
    float_positions = [k for k, a in enumerate(inputs) if _is_float(a)]
    structure = {}

    def pure(weight_values, float_inputs):
        frame = state_frame.StateFrame("overlay", weights, weight_values, status=status, status_armed=armed,
                                       parent=parent)
        call_args = list(args)
        for k, i in enumerate(positions):
            call_args[i] = Tensor._wrap(inputs[k])
        for k, value in zip(float_positions, float_inputs):
            call_args[positions[k]] = Tensor._wrap(value)
        with frame:
            out = fn(*call_args)
            differentiated = out[0] if has_aux else out
            primal = tuple(leaves(differentiated))
            out_leaves = tuple(leaves(out))
        if not primal or not all(_is_float(p) for p in primal):
            raise TypeError("The function being differentiated must return floating Tensors, but it returned "
                            f"{out!r}.")
        structure.update(out=out, written=list(frame.written.values()), armed=frame.status_armed)
        aux = (out_leaves, tuple(frame.values[id(p)] for p in structure["written"]), frame.status)
        return primal, aux

    primal, vjp, (out_leaves, written_values, new_status) = jax.vjp(
        pure, weight_values, tuple(inputs[k] for k in float_positions), has_aux=True)
    if sens is None or isinstance(sens, (int, float)):
        cotangent = tuple(jnp.full_like(p, 1.0 if sens is None else sens) for p in primal)
    else:
        cotangent = tuple(jnp.asarray(s, p.dtype).reshape(p.shape) for s, p in zip(leaves(sens), primal))
    weight_grads, float_grads = vjp(cotangent)
    for param, value in zip(structure["written"], written_values):
        param._write(value)
    if parent is not None and parent.status is not None:
        parent.status, parent.status_armed = new_status, structure["armed"]
    else:
        float_status.restore(structure["armed"], new_status)
    input_grads = [jnp.zeros_like(a) for a in inputs]
    for k, g in zip(float_positions, float_grads):
        input_grads[k] = g
    output = rebuild(structure["out"], iter(out_leaves))
    return (output, tuple(Tensor._wrap(g) for g in input_grads), tuple(Tensor._wrap(g) for g in weight_grads))
