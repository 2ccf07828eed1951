"""Mixed-precision helpers (`mindspore.amp`)."""
from __future__ import annotations

from .common.tensor import Tensor
from .ops import functional as F


def all_finite(inputs) -> Tensor:
    """A Bool scalar Tensor: True when no Tensor in `inputs` holds inf or NaN."""
    if isinstance(inputs, Tensor):
        inputs = [inputs]
    if not isinstance(inputs, (list, tuple)) or not all(isinstance(t, Tensor) for t in inputs):
        raise TypeError(f"all_finite: argument 'inputs' must be a Tensor or a list/tuple of Tensors, got {inputs!r}.")
    if not inputs:
        return Tensor(True)
    return F.all(F.stack([F.all(F.isfinite(t)) for t in inputs]))
