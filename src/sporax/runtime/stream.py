"""`synchronize` (`mindspore.runtime.synchronize`): wait for the device to finish."""
from __future__ import annotations

import jax

__all__ = ["synchronize"]


def synchronize():
    """Block until every computation sporax has dispatched, on every device, has finished
    (JAX runs operations asynchronously; MindSpore's streams are JAX's dispatch queue)."""
    jax.effects_barrier()
    for array in jax.live_arrays():
        array.block_until_ready()
