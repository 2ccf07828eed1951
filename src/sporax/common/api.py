"""`mindspore.common.api`: where MindSpore keeps `jit` (and its older name `ms_function`
is not kept: MindSpore 2.10 removed it). Ported code imports `jit` from here."""
from __future__ import annotations

from .._runtime.jit import jit

__all__ = ["jit"]
