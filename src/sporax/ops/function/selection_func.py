"""Order statistics along one axis (`Tensor.kthvalue`, `mint.kthvalue`)."""
from __future__ import annotations

from ...common import dtype as mstype
from .. import functional as F
from .. import operations as P
from ..operations import _arg_checks as check

__all__ = []


def kthvalue(input, k, dim=-1, keepdim=False):  # noqa: A002
    """(values, indices): the k-th smallest element along `dim` (k counts from 1) and its Int64
    position; ties keep the first position (the sort is stable), NaN sorts last."""
    check.tensor("kthvalue", "input", input)
    if not isinstance(keepdim, bool):
        raise TypeError(f"For 'kthvalue', the 'keepdim' must be a bool, but got {type(keepdim).__name__}.")
    axis = check.axis("kthvalue", "dim", dim, input.ndim)
    length = input.shape[axis] if input.ndim else 1
    k = check.int_value("kthvalue", "k", k)
    if not 1 <= k <= length:
        raise ValueError(f"For 'kthvalue', the 'k' must be in range [1, {length}], but got {k}.")
    x = F.reshape(input, (1,)) if input.ndim == 0 else input
    values, indices = P.Sort(axis)(x)
    values, indices = F.narrow(values, axis, k - 1, 1), P.Cast()(F.narrow(indices, axis, k - 1, 1), mstype.int64)
    if input.ndim == 0:
        return F.reshape(values, ()), F.reshape(indices, ())
    if not keepdim:
        values, indices = F.squeeze(values, axis), F.squeeze(indices, axis)
    return values, indices
