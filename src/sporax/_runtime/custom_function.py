"""A function with a user-written backward pass (`mindspore._Function`), as a `jax.custom_vjp`.

`apply(forward, backward, args, is_tensor)`: the Tensor arguments are the differentiable
inputs; `forward()` returns the outputs and the residuals to keep (what the user saved);
`backward(residuals, cotangents)` returns one gradient per Tensor argument (None: zeros).
"""
from __future__ import annotations

import jax
import jax.numpy as jnp


def apply(forward, backward, args, is_tensor):
    dynamic = [i for i, a in enumerate(args) if is_tensor(a)]

    def full(tensors):
        call = list(args)
        for i, t in zip(dynamic, tensors):
            call[i] = t
        return call

    @jax.custom_vjp
    def run(*tensors):
        return forward(full(tensors))[0]

    def fwd(*tensors):
        out, residuals = forward(full(tensors))
        return out, (residuals, tensors)

    def bwd(saved, cotangents):
        residuals, tensors = saved
        grads = backward(residuals, cotangents)
        if len(grads) != len(tensors):
            raise ValueError(f"The 'backward' of a custom function must return one gradient per Tensor input "
                             f"({len(tensors)}), but returned {len(grads)}.")
        return tuple(jax.tree_util.tree_map(jnp.zeros_like, t) if g is None else g for g, t in zip(grads, tensors))

    run.defvjp(fwd, bwd)
    return run(*[args[i] for i in dynamic])
