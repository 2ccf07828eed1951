"""`Generator` and the default generator (`mindspore.common.generator`, re-exported at the top
level as `mindspore.Generator`, `manual_seed`, `seed`, `initial_seed`, `get_rng_state`,
`set_rng_state`, `default_generator`).

A Generator is MindSpore 2.10's philox-style random state: a 64-bit `seed` and a 64-bit
`offset` (how many random values have been consumed since seeding). `manual_seed(s)` sets
seed s and offset 0; `seed()` seeds from the operating system's entropy and returns the new
seed; `get_state()` is the 16 bytes (seed, then offset, little-endian Int64s) as a UInt8
Tensor, `set_state` restores them. Random operators that take a `generator` reserve their
values with `_step(n)`: they receive (seed, offset) and the offset advances by n. As in
MindSpore 2.10, `set_seed` (the initializers' global seed) does not touch it.
"""
from __future__ import annotations

import random

import numpy as np

from . import dtype as mstype
from .parameter import Parameter
from .tensor import Tensor

__all__ = ["Generator", "default_generator", "seed", "manual_seed", "initial_seed", "set_rng_state", "get_rng_state"]

_UINT64 = 1 << 64


class Generator:
    """A random-number state: (seed, offset), see the module docstring."""

    def __init__(self):
        self._state = None  # (seed, offset) Parameters, made on first use: the default generator
        # exists from `import sporax`, which must not start the XLA backend (jax.distributed
        # can only be initialised before that).

    @property
    def _seed(self):
        return self._parameters()[0]

    @property
    def _offset(self):
        return self._parameters()[1]

    def _parameters(self):
        if self._state is None:
            self._state = (Parameter(Tensor(np.int64(0), mstype.int64), name="seed", requires_grad=False),
                           Parameter(Tensor(np.int64(0), mstype.int64), name="offset", requires_grad=False))
        return self._state

    def _values(self):
        return int(self._seed.asnumpy()), int(self._offset.asnumpy())

    def _store(self, seed_value, offset):
        # Int64 holds them as MindSpore's kernel does: two's complement of the 64 bits.
        for param, value in ((self._seed, seed_value), (self._offset, offset)):
            param.set_data(Tensor(np.array(value % _UINT64, np.uint64).astype(np.int64), mstype.int64))

    def set_state(self, state):
        """Restore a state from `get_state()` (a UInt8 Tensor of 16 bytes)."""
        if not isinstance(state, Tensor) or state.dtype != mstype.uint8 or tuple(state.shape) != (16,):
            raise TypeError("For 'Generator.set_state', the 'state' must be a UInt8 Tensor of shape (16,) (seed and "
                            f"offset), but got {state!r}.")
        seed_value, offset = np.frombuffer(state.asnumpy().tobytes(), "<i8")
        self._store(int(seed_value), int(offset))

    def get_state(self):
        """(seed, offset) as 16 bytes, little-endian Int64s, in a UInt8 Tensor."""
        seed_value, offset = self._values()
        return Tensor(np.frombuffer(np.array([seed_value, offset], "<i8").tobytes(), np.uint8).copy())

    def seed(self):
        """Seed from the operating system's entropy (offset 0); return the seed."""
        new_seed = random.SystemRandom().getrandbits(32)
        self._store(new_seed, 0)
        return new_seed

    def manual_seed(self, seed):  # noqa: A003 - MindSpore's name
        """Seed with `seed` (an int; offset 0); return the generator."""
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise TypeError("Seed must be an integer.")
        self._store(seed, 0)
        return self

    def initial_seed(self):
        """The seed last set."""
        return self._values()[0]

    def _step(self, step):
        """Reserve `step` values: the (seed, offset) Int64 Tensors to draw them from; offset += step."""
        step = int(step.asnumpy()) if isinstance(step, Tensor) else step
        if isinstance(step, bool) or not isinstance(step, int) or step < 0:
            raise ValueError(f"For 'Generator', the 'step' must be an int >= 0, but got {step!r}.")
        seed_value, offset = self._values()
        self._store(seed_value, offset + step)
        return (Tensor(np.int64(seed_value), mstype.int64),
                Tensor(np.array(offset % _UINT64, np.uint64).astype(np.int64), mstype.int64))


default_generator = Generator()


def seed():
    """Seed the default generator from the operating system's entropy; return the seed."""
    return default_generator.seed()


def manual_seed(seed):  # noqa: A002 - MindSpore's name
    """Seed the default generator; return it."""
    return default_generator.manual_seed(seed)


def initial_seed():
    """The default generator's seed."""
    return default_generator.initial_seed()


def get_rng_state():
    """The default generator's state (UInt8 Tensor of 16 bytes)."""
    return default_generator.get_state()


def set_rng_state(state):
    """Restore the default generator's state."""
    default_generator.set_state(state)
