"""The global seed (`mindspore.common.seed`).

`set_seed(s)` does what MindSpore's does, in MindSpore's order: seeds NumPy's legacy
global RandomState (MindSpore 2.10 draws every initializer's seed from it), resets the
per-(kernel, op_seed) graph-seed counters (MindSpore r1.6's Normal used them), stores the
seed, then calls the `on_set_seed` hooks (sporax's generators and random ops restart their
own streams there).
"""
from __future__ import annotations

import numpy as np

from .._runtime import seed_state

__all__ = ["set_seed", "get_seed"]

# MindSpore's graph-seed step: 3528531795 XOR 3449720151.
_GRAPH_SEED_STEP = 533697028
_MAXINT32 = 2**31 - 1
_graph_seed_counters: dict[tuple[str, int], int] = {}
# Random sequences that restart at every `set_seed` register here.
on_set_seed = seed_state.on_change


def set_seed(seed):
    """Set the global seed. `seed` must be an int in [0, 2**32 - 1]."""
    if not isinstance(seed, int):
        raise TypeError(f"The argument 'seed' must be type of int, but got {type(seed)}.")
    if isinstance(seed, bool) or seed < 0:
        raise _invalid_seed_error(seed)
    if seed > 2**32 - 1:
        # Raised before anything changes: NumPy rejects it first in MindSpore too.
        raise ValueError("Seed must be between 0 and 2**32 - 1")
    np.random.seed(seed)
    _graph_seed_counters.clear()
    seed_state.set(seed)


def _invalid_seed_error(seed) -> Exception:
    """MindSpore's error for a bool (TypeError) or negative (ValueError) seed."""
    text = (f"For 'global_seed', the 'seed' must be int and must >= 0, "
            f"but got '{seed}' with type '{type(seed).__name__}'.")
    return TypeError(text) if isinstance(seed, bool) else ValueError(text)


def get_seed():
    """The global seed, or None until `set_seed` is called."""
    return seed_state.get()


def _get_graph_seed(op_seed, kernel_name: str) -> tuple[int, int]:
    """MindSpore's `(global seed, op seed)` pair for a random kernel, advancing its counter.

    `(0, 0)` means "no seed set": MindSpore then seeds from the clock.
    """
    global_seed = seed_state.get() or 0
    op_seed = op_seed or 0
    if global_seed == 0 and op_seed == 0:
        return 0, 0
    key = (kernel_name, op_seed)
    counter = _graph_seed_counters.get(key, op_seed)
    _graph_seed_counters[key] = counter + _GRAPH_SEED_STEP
    return global_seed % _MAXINT32, counter % _MAXINT32

