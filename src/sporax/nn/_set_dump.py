"""`mindspore.set_dump`: mark Cells and Primitives whose data a dump run should save.

MindSpore's dump writes operator inputs/outputs to disk on Ascend only; on any other device
target it warns and still sets the marks, which is what sporax does (there is no dump writer
on JAX: the marks are readable as the Cell flag `dump` and the Primitive attribute
`attrs['dump']`, "true"/"false"). A Cell's mark is set on it and on every sub-cell; a Primitive
held by a Cell is re-marked only if it already carries a `dump` attribute, as in MindSpore.
"""
from __future__ import annotations

import warnings

from .. import context
from ..log import logger
from ..ops.primitive import Primitive
from .cell import Cell

__all__ = ["set_dump"]

_deprecation_logged = False


def _mark(target, enabled):
    if not isinstance(target, (Cell, Primitive)):
        raise ValueError(f'The "target" parameter must be an instance of Cell or Primitive, '
                         f"but got an instance of {type(target)}.")
    if not isinstance(enabled, bool):
        raise ValueError('The "enabled" parameter must be bool.')
    current_target = context.get_context("device_target")
    if current_target != "Ascend":
        warnings.warn(f"Current device_target is {current_target}, which is not supported by set_dump. "
                      "Only Ascend device target is supported currently. If you have Ascend device, consider set "
                      "device_target to Ascend before calling set_dump.", UserWarning, stacklevel=3)
    if isinstance(target, Cell):
        target.add_flags(dump=enabled)
        for cell in target.cells():
            _mark(cell, enabled)
        for value in list(vars(target).values()):
            if isinstance(value, Primitive) and "dump" in value.attrs:
                _mark(value, enabled)
    else:
        target.add_prim_attr("dump", "true" if enabled else "false")


def set_dump(target, enabled=True):
    """Enable (`enabled=True`) or disable the dump mark of `target`, a Cell or a Primitive
    (deprecated since MindSpore 2.7.1 in favour of `mindspore.tools.set_dump`; logged once)."""
    global _deprecation_logged
    if not _deprecation_logged:
        logger.warning("'mindspore.set_dump' is deprecated from version 2.7.1 and will be removed in a future "
                       "version, use 'mindspore.tools.set_dump' instead.")
        _deprecation_logged = True
    _mark(target, enabled)
