"""Random generators for initializers; one module each, one interface:

- `draw(initializer, distribution, shape, name)`: take whatever global random state the
  reference implementation takes, at the moment it takes it; returns a record.
- `sample(record, distribution, index, name)`: float32 values of the flat elements
  `index` (a `range` or an int64 array), a pure function of its arguments.
- `ELEMENTWISE`: True when `sample` computes only the requested elements.
"""
from __future__ import annotations

from . import mindspore_2_10, mindspore_r1_6, threefry

GENERATORS = {m.NAME: m for m in (mindspore_2_10, mindspore_r1_6, threefry)}
_current = mindspore_2_10


def current():
    return _current


def set_current(name: str) -> None:
    global _current
    if name not in GENERATORS:
        raise ValueError(
            f"set_context: argument 'init_generator' must be one of {sorted(GENERATORS)}, got {name!r}.")
    _current = GENERATORS[name]
