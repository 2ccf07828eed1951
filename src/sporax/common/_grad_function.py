"""`mindspore._Function`: a function with its own backward pass, PyTorch's autograd.Function API.

Subclass it with static `forward(ctx, *args)` and `backward(ctx, *grad_outputs)` (or
`forward(*args)` plus `setup_context(ctx, inputs, output)`) and call `apply(*args)`. `ctx` is an
instance of the subclass: `ctx.save_for_backward(*tensors)` keeps Tensors for backward
(`ctx.saved_tensors`); other attributes set on it in forward are there in backward. backward
returns one gradient per input (None for a non-Tensor input or no gradient). On JAX this is a
`jax.custom_vjp`, so it also works inside a compiled graph.
"""
from __future__ import annotations

from .._runtime import custom_function
from .tensor import Tensor

__all__ = ["_Function"]


class _Function:
    """Base class of functions with a custom backward pass (see the module docstring)."""

    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError("forward function should be customized.")

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError("backward function should be customized.")

    @staticmethod
    def setup_context(ctx, inputs, output):
        """Save context information needed for the backward pass."""
        raise NotImplementedError("setup_context is not implemented.")

    def save_for_backward(self, *tensors):
        for t in tensors:
            if t is not None and not isinstance(t, Tensor):
                raise TypeError(f"For 'save_for_backward', every argument must be a Tensor or None, but got "
                                f"{type(t).__name__}.")
        self.saved_tensors = tensors

    def mark_non_differentiable(self, *args):
        self.non_differentiable = args

    def mark_dirty(self, *args):
        self.dirty_tensors = args

    def set_materialize_grads(self, value):
        self.materialize_grads = value

    @classmethod
    def apply(cls, *args, **kwargs):
        """Run forward on `args` (gradients flow to the Tensor arguments through backward)."""
        if cls.forward is _Function.forward or cls.backward is _Function.backward:
            raise NotImplementedError(f"For '{cls.__name__}', 'forward' and 'backward' must both be defined.")
        ctx = cls.__new__(cls)
        ctx.saved_tensors = ()
        with_setup = cls.setup_context is not _Function.setup_context
        tensor_positions = [i for i, a in enumerate(args) if isinstance(a, Tensor)]

        def forward(call):
            ctx.saved_tensors = ()
            if with_setup:
                out = cls.forward(*call, **kwargs)
                cls.setup_context(ctx, tuple(call), out)
            else:
                out = cls.forward(ctx, *call, **kwargs)
            return out, tuple(ctx.saved_tensors)

        def backward(residuals, cotangents):
            ctx.saved_tensors = residuals
            grads = cls.backward(ctx, *(cotangents if isinstance(cotangents, tuple) else (cotangents,)))
            grads = grads if isinstance(grads, tuple) else (grads,)
            if len(grads) != len(args):
                raise ValueError(f"For '{cls.__name__}', the 'backward' must return {len(args)} gradients (one per "
                                 f"input of forward), but returned {len(grads)}.")
            return tuple(grads[i] for i in tensor_positions)

        return custom_function.apply(forward, backward, args, lambda a: isinstance(a, Tensor))
