"""Rematerialisation (`mindspore.recompute`): run a block so that its activations are not kept
for the backward pass but computed again there (`jax.checkpoint`).

The block's Tensor arguments are the checkpoint's inputs; any other argument is static. The
values and gradients are exactly those of calling the block; only what autodiff stores
differs. Parameters the block reads are captured like any other value; a block that writes a
Parameter (an Assign, BatchNorm's moving statistics in training) cannot be rematerialised:
the write would happen in both passes.
"""
from __future__ import annotations

import jax

from . import state_frame


def run(block, args, kwargs, is_tensor):
    dynamic = [i for i, a in enumerate(args) if is_tensor(a)]
    static = {i: a for i, a in enumerate(args) if i not in dynamic}

    def pure(*tensors):
        call = [None] * len(args)
        for i, t in zip(dynamic, tensors):
            call[i] = t
        for i, a in static.items():
            call[i] = a
        # An overlay frame reads Parameters from the enclosing state and catches any write.
        with state_frame.StateFrame("overlay", parent=state_frame.active()) as frame:
            out = block(*call, **kwargs)
        if frame.written:
            raise ValueError("For 'recompute', the block must not write Parameters (Assign, BatchNorm statistics): "
                             "the write would run again when the block is recomputed.")
        return out

    return jax.checkpoint(pure)(*[args[i] for i in dynamic])
