"""mint's torch-style array functions whose MindSpore signature is `(*args, **kwargs)`:
each binds torch's argument names, then calls sporax.ops' functions."""
from __future__ import annotations

import numbers

from ..common import dtype as mstype
from ..ops import functional as F


def _size_of(size):
    if len(size) == 1 and not isinstance(size[0], numbers.Integral):
        return tuple(size[0])
    return tuple(size)


def _empty(*size, dtype=None, device=None):
    return F.zeros(_size_of(size), mstype.float32 if dtype is None else dtype)


def _empty_like(input, *, dtype=None, device=None):  # noqa: A002
    return F.zeros(input.shape, input.dtype if dtype is None else dtype)


def _flatten(input, start_dim=0, end_dim=-1):  # noqa: A002
    return F.flatten(input, start_dim=start_dim, end_dim=end_dim)


def _index_add(input, dim, index, source, *, alpha=1):  # noqa: A002
    if alpha != 1:
        source = F.mul(source, alpha)
    return F.index_add(input, F.cast(index, mstype.int32), source, dim)


def _repeat_interleave(input, repeats, dim=None, *, output_size=None):  # noqa: A002
    return F.repeat_interleave(input, repeats, dim)


def _reshape(input, shape):  # noqa: A002
    return F.reshape(input, shape)


def _squeeze(input, dim=None):  # noqa: A002
    return F.squeeze(input, dim)


def _where(condition, input=None, other=None):  # noqa: A002
    if input is None and other is None:
        return F.nonzero(condition, True)
    return F.where(condition, input, other)


def _t(input):  # noqa: A002
    return F.t(input)
