"""Index dtypes: mint returns Int64 indices (torch's), where some ops functions give Int32."""
from __future__ import annotations

from ..common import dtype as mstype
from ..ops import functional as F


def _int64(tensor):
    return tensor if tensor.dtype == mstype.int64 else F.cast(tensor, mstype.int64)


def _int64_second(pair):
    values, indices = pair
    return values, _int64(indices)
