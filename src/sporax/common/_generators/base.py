"""The interface every initializer generator implements (a strategy object).

Callers read capabilities instead of testing which generator they hold:

- `elementwise`: `sample` computes only the requested elements, so any region of a tensor
  costs its own size and regions can be produced in any order, in parallel.
- `samples_on_device`: `sample` returns a jax.Array made by XLA on the default device;
  otherwise it returns a NumPy float32 array computed on the host.

A generator owns its stream state (if any) and restarts it in `reset`, which `set_seed`
calls through `seed.on_set_seed`.
"""
from __future__ import annotations

import numpy as np


class Generator:
    name: str = ""
    elementwise: bool = False
    samples_on_device: bool = False

    def draw(self, initializer, distribution, shape, name=None):
        """Take whatever global random state the reference takes, at the moment it takes it;
        returns a record that `sample` replays."""
        raise NotImplementedError

    def sample(self, record, distribution, index, name=None):
        """float32 values of the flat elements `index` (a `range` or an int64 array):
        a pure function of its arguments."""
        raise NotImplementedError

    def sample_into(self, record, distribution, index, out, name=None) -> None:
        """`out[...] = sample(...)` (cast as `astype` casts); generators that can write the
        float32 values straight into `out` override it to save a temporary and a copy."""
        out[...] = np.asarray(self.sample(record, distribution, index, name))

    def reset(self) -> None:
        """Restart this generator's own stream state (`set_seed` calls it)."""

    def __repr__(self) -> str:
        return f"<generator {self.name!r}>"
