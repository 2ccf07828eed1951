"""`recompute` (`mindspore.recompute`): trade compute for memory in the backward pass."""
from __future__ import annotations

from .._runtime import remat
from .tensor import Tensor

__all__ = ["recompute"]


def recompute(block, *args, use_reentrant=True, output_recompute=False, early_stop=True, context_fn=None, **kwargs):
    """`block(*args, **kwargs)` (a Cell, or a function of Tensors), with its intermediate
    activations not stored for the backward pass but recomputed there (`jax.checkpoint`). The
    results and gradients equal calling `block` directly.

    use_reentrant, output_recompute and early_stop choose between MindSpore's two PyNative
    implementations; on JAX there is one (rematerialisation of the traced block), so they are
    checked and otherwise change nothing. context_fn: a callable returning two context
    managers; the first wraps the block's run (JAX's remat replays the recorded computation, so
    the second, MindSpore's recomputation context, is not entered).
    """
    if not callable(block):
        raise TypeError(f"For 'recompute', the 'block' must be a Cell or a function, but got {type(block).__name__}.")
    for name, value in (("use_reentrant", use_reentrant), ("output_recompute", output_recompute),
                        ("early_stop", early_stop)):
        if not isinstance(value, bool):
            raise TypeError(f"For 'recompute', the '{name}' must be a bool, but got {type(value).__name__}.")
    if context_fn is None:
        return remat.run(block, args, kwargs, lambda a: isinstance(a, Tensor))
    if not callable(context_fn):
        raise TypeError(f"For 'recompute', the 'context_fn' must be callable, but got {type(context_fn).__name__}.")
    forward, _ = context_fn()
    with forward:
        return remat.run(block, args, kwargs, lambda a: isinstance(a, Tensor))
