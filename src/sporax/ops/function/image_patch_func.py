"""Patches back into images (`mindspore.ops.col2im`)."""
from __future__ import annotations

from .. import operations as P
from ..operations import _arg_checks as check

__all__ = ["col2im"]


def col2im(input_x, output_size, kernel_size, dilation, padding_value, stride):
    """(N, C, kh·kw, L) columns summed back into their windows of an (N, C, H, W) image, H×W =
    `output_size` (a 2-element int Tensor): the adjoint of unfold (Im2Col)."""
    check.tensor("col2im", "input_x", input_x)
    check.tensor("col2im", "output_size", output_size)
    return P.Col2Im(kernel_size, dilation, padding_value, stride)(input_x, output_size)
