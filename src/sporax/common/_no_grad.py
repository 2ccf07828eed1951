"""`mindspore._no_grad`: a context manager (and decorator) inside which gradients are off.

Every op run inside gives outputs that gradients do not flow through (`stop_gradient`
applied by the executor), so a value computed there is a constant to `grad`/`GradOperation`
around it: d/dx [no_grad(2x) * x] = 2x. On leaving, the previous state comes back (contexts
nest). It works in PYNATIVE_MODE and inside compiled graphs (MindSpore's GRAPH_MODE rejects it
with a TypeError; sporax accepts it there as an addition, with the same meaning).
"""
from __future__ import annotations

import contextlib

from .._runtime import executor

__all__ = ["_no_grad"]


class _no_grad(contextlib.ContextDecorator):  # noqa: N801 (MindSpore's name)
    """Context manager and decorator disabling gradient calculation while it is entered."""

    def __init__(self):
        self.prev_state = False  # whether gradients were on when last entered (as MindSpore keeps it)

    def __enter__(self):
        self.prev_state = not executor.no_grad_active()
        executor.enter_no_grad()

    def __exit__(self, exc_type, exc_val, exc_tb):
        executor.exit_no_grad()
        return False
