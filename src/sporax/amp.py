"""Mixed-precision helpers (`mindspore.amp`)."""
from __future__ import annotations

import jax.numpy as jnp

from .common.tensor import Tensor


def all_finite(inputs) -> Tensor:
    """A Bool scalar Tensor: True when no Tensor in `inputs` holds inf or NaN."""
    if isinstance(inputs, Tensor):
        inputs = [inputs]
    if not isinstance(inputs, (list, tuple)) or not all(isinstance(t, Tensor) for t in inputs):
        raise TypeError(f"all_finite: argument 'inputs' must be a Tensor or a list/tuple of Tensors, got {inputs!r}.")
    flags = [jnp.all(jnp.isfinite(t._value())) for t in inputs]
    return Tensor._wrap(jnp.all(jnp.stack(flags)) if flags else jnp.asarray(True))
