"""The cyclic garbage collector held off while `import sporax` builds its modules.

Importing JAX and sporax creates ~10^5 objects that live as long as the process: modules,
functions, classes, Primitive instances. Each counts towards the collector's thresholds,
so the import ran ~300 collections, two of them full ones, that traversed everything made
so far and freed nothing (0.17-0.29 s of a 1.2 s import, measured with gc.callbacks).

`paused()` disables the collector for the block. On the way out (a failing import
included) everything the collector tracks goes to its oldest generation in one step
(gc.freeze then gc.unfreeze: no traversal; where it would otherwise land after surviving
the young collections), unless someone has frozen objects of their own (gc.get_freeze_count()
> 0), whose freeze this must not undo; then the collector is enabled again iff it was
enabled before. Thresholds and the freeze count are never changed. Nothing is lost: the
objects stay tracked, and a full collection looks at them as it would have.
"""
from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused():
    """The collector disabled inside the block; afterwards enabled again iff it was before,
    what the block made in the oldest generation (see the module docstring)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()
