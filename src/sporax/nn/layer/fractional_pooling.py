"""Fractional max pooling layers (`mindspore.nn.FractionalMaxPool2d`, `FractionalMaxPool3d`):
`ops.fractional_max_pool2d/3d` as cells.

Each output cell takes the maximum over a `kernel_size` window whose start along an axis of
input size n and output size m is ⌊(i + u)·α⌋ − ⌊u·α⌋ for i < m − 1 and n − k for the last,
with α = (n − k)/(m − 1) and u ∈ [0, 1) the axis' entry of `_random_samples` ((u_w, u_h) in 2-D,
(u_d, u_h, u_w) in 3-D; drawn uniformly when None). `output_size` wins over `output_ratio` (m = ⌊n·ratio⌋); one of them is required.
"""
from __future__ import annotations

from ...ops import functional as F
from ..cell import Cell

__all__ = ["FractionalMaxPool2d", "FractionalMaxPool3d"]


class FractionalMaxPool2d(Cell):
    """Fractional max pooling of (N, C, H, W) or (C, H, W) (see this module's docstring)."""

    def __init__(self, kernel_size, output_size=None, output_ratio=None, return_indices=False, _random_samples=None):
        super().__init__()
        self.kernel_size, self.output_size, self.output_ratio = kernel_size, output_size, output_ratio
        self.return_indices, self._random_samples = return_indices, _random_samples

    def construct(self, input):  # noqa: A002 - MindSpore's argument name
        return F.fractional_max_pool2d(input, self.kernel_size, self.output_size, self.output_ratio,
                                       self.return_indices, self._random_samples)


class FractionalMaxPool3d(Cell):
    """Fractional max pooling of (N, C, D, H, W) or (C, D, H, W) (see this module's docstring)."""

    def __init__(self, kernel_size, output_size=None, output_ratio=None, return_indices=False, _random_samples=None):
        super().__init__()
        self.kernel_size, self.output_size, self.output_ratio = kernel_size, output_size, output_ratio
        self.return_indices, self._random_samples = return_indices, _random_samples

    def construct(self, input):  # noqa: A002 - MindSpore's argument name
        return F.fractional_max_pool3d(input, self.kernel_size, self.output_size, self.output_ratio,
                                       self.return_indices, self._random_samples)
