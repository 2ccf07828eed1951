"""`mindspore.nn.IGamma`: the lower regularised incomplete gamma function as a cell.

    P(a, x) = γ(a, x) / Γ(a),   γ(a, x) = ∫₀ˣ t^{a−1} e^{−t} dt

for float32 `a` and `x` (broadcast together); as MindSpore's kernel: NaN where a < 0, x < 0,
x = +inf or a = 0 < x ≤ 1, and 0 where x = 0 otherwise.
"""
from __future__ import annotations

from ...common import dtype as mstype
from ...ops import functional as F
from ..cell import Cell
from .math_cells import LGamma

__all__ = ["IGamma"]


class IGamma(Cell):
    """P(a, x) elementwise (the formula in this module's docstring)."""

    def __init__(self):
        super().__init__()
        # MindSpore's IGamma holds an LGamma cell for log Γ(a); the ops.igamma kernel computes it
        # itself, and the child stays so the cell tree (repr, cells_and_names) is MindSpore's.
        self.lgamma = LGamma()

    def construct(self, a, x):
        if a.dtype != mstype.float32:
            raise TypeError(f"For 'IGamma', the 'a' should be Float32, but got 'mindspore.{str(a.dtype).lower()}'.")
        if x.dtype != a.dtype:
            raise TypeError(f"For 'IGamma', the 'x' should be Float32, but got 'mindspore.{str(x.dtype).lower()}'.")
        # MindSpore's series / continued-fraction kernel is NaN where a < 0, x < 0, x = +inf or
        # a = 0 < x ≤ 1 (its series branch); there a becomes −1 so the kernel below is NaN too.
        nan_where = F.logical_or(F.logical_or(F.less(a, 0.0), F.less(x, 0.0)), F.equal(x, float("inf")))
        series_at_zero = F.logical_and(F.equal(a, 0.0), F.logical_and(F.greater(x, 0.0), F.less_equal(x, 1.0)))
        nan_where = F.logical_or(nan_where, series_at_zero)
        a_used = F.select(nan_where, F.full_like(F.add(a, F.zeros_like(x)), -1.0), F.add(a, F.zeros_like(x)))
        value = F.igamma(a_used, x)
        return F.select(F.logical_and(F.equal(x, 0.0), F.logical_not(nan_where)), F.zeros_like(value), value)
