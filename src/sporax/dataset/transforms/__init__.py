"""`sporax.dataset.transforms` (MindSpore: `mindspore.dataset.transforms`)."""
from . import py_transforms_util, transforms
from .transforms import (Compose, Concatenate, Duplicate, Fill, Mask, OneHot, PadEnd, RandomApply, RandomChoice,
                         RandomOrder, Relational, Slice, TypeCast, Unique, not_random)

__all__ = transforms.__all__

from .. import vision  # noqa: E402  (MindSpore keeps `transforms.vision` for old imports)
