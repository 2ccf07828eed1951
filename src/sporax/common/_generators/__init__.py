"""Random generators for initializers: one strategy object per `init_generator` name
(`base.Generator` is the interface). The context stores only the chosen name; `current()`
resolves it when a tensor draws."""
from __future__ import annotations

from ... import context
from .. import seed as _seed
from .mindspore_2_10 import MINDSPORE_2_10
from .mindspore_r1_6 import MINDSPORE_R1_6
from .threefry import THREEFRY

GENERATORS = {g.name: g for g in (MINDSPORE_2_10, MINDSPORE_R1_6, THREEFRY)}
for _generator in GENERATORS.values():
    _seed.on_set_seed(_generator.reset)


def current():
    """The generator `set_context(init_generator=...)` selected."""
    return GENERATORS[context.get_context("init_generator")]
