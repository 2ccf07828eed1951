"""The global seed's state: the value `set_seed` stored, and who restarts when it changes.

The public `sporax.common.seed` validates and seeds NumPy; this module only holds the
value, so that the runtime (random op keys) can read it without importing `common`.
"""
from __future__ import annotations

from . import call_replay

_global_seed: int | None = None
_hooks: list = []


def get() -> int | None:
    call_replay.refuse("reads the global seed")  # random draws depend on more than the arguments
    return _global_seed


def set(seed: int | None) -> None:  # noqa: A001 - the module's verb
    """Store `seed` and restart every registered random sequence."""
    global _global_seed
    _global_seed = seed
    for hook in _hooks:
        hook()


def on_change(hook) -> None:
    """Call `hook()` whenever the seed is set (random sequences restart)."""
    _hooks.append(hook)
