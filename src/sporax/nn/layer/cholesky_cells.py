"""Determinant and inverse of symmetric positive-definite matrices through their Cholesky
factor (`mindspore.nn.MatDet`, `mindspore.nn.MatInverse`).

With A = L·Lᵀ (L lower triangular):  det A = (∏ᵢ Lᵢᵢ)²  and  A⁻¹ = L⁻ᵀ·L⁻¹.
Both take float16/float32 (…, n, n) input; A must be positive-definite (MindSpore does not
check it either: its result for other matrices is not a determinant or an inverse).
MindSpore 2.10 runs these on GPU only (its CPU has no DetTriangle / CholeskyTrsm kernel);
sporax runs them everywhere.
"""
from __future__ import annotations

from ...common import dtype as mstype
from ...ops import functional as F
from ...ops import operations as P
from ..cell import Cell
from .math_cells import MatMul

__all__ = ["MatDet", "MatInverse"]


def _check_float(owner, a):
    if a.dtype not in (mstype.float16, mstype.float32):
        raise TypeError(f"For '{owner}', the 'input_a' should be one of [mindspore.float16, mindspore.float32], but "
                        f"got 'mindspore.{str(a.dtype).lower()}'.")
    if a.ndim < 2 or a.shape[-1] != a.shape[-2]:
        raise ValueError(f"For '{owner}', the 'input_a' must be a (batch of) square matrix, but got shape "
                         f"{tuple(a.shape)}.")


class MatInverse(Cell):
    """A⁻¹ = L⁻ᵀ·L⁻¹ of a positive-definite A = L·Lᵀ."""

    def __init__(self):
        super().__init__()
        self.matmul = MatMul(transpose_x1=True)

    def construct(self, a):
        _check_float("MatInverse", a)
        lower_inverse = F.inverse(F.cholesky(a))
        return self.matmul(lower_inverse, lower_inverse)


class MatDet(Cell):
    """det A = (∏ᵢ Lᵢᵢ)² of a positive-definite A = L·Lᵀ."""

    def __init__(self):
        super().__init__()

    def construct(self, a):
        _check_float("MatDet", a)
        diagonal = F.diagonal(F.cholesky(a), 0, -2, -1)
        return F.square(P.ReduceProd()(diagonal, -1))
