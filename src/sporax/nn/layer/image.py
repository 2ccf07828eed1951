"""Resampling and rearranging layers: Upsample, PixelShuffle, PixelUnshuffle, ChannelShuffle,
Unflatten."""
from __future__ import annotations

from ... import _validation
from ...ops import functional as F
from ..cell import Cell

__all__ = ["Upsample", "PixelShuffle", "PixelUnshuffle", "ChannelShuffle", "Unflatten"]


class Upsample(Cell):
    """`ops.interpolate` as a layer."""

    def __init__(self, size=None, scale_factor=None, mode="nearest", align_corners=None,
                 recompute_scale_factor=None):
        super().__init__()
        self.size, self.scale_factor, self.mode = size, scale_factor, mode
        self.align_corners, self.recompute_scale_factor = align_corners, recompute_scale_factor

    def construct(self, x):
        return F.interpolate(x, self.size, self.scale_factor, self.mode, self.align_corners,
                             self.recompute_scale_factor)


class PixelShuffle(Cell):
    """(…, C·r², H, W) -> (…, C, H·r, W·r)."""

    def __init__(self, upscale_factor):
        super().__init__()
        self.upscale_factor = _validation.positive_int("PixelShuffle", "upscale_factor", upscale_factor)

    def construct(self, x):
        return F.pixel_shuffle(x, self.upscale_factor)


class PixelUnshuffle(Cell):
    """(…, C, H·r, W·r) -> (…, C·r², H, W)."""

    def __init__(self, downscale_factor):
        super().__init__()
        self.downscale_factor = _validation.positive_int("PixelUnshuffle", "downscale_factor", downscale_factor)

    def construct(self, x):
        return F.pixel_unshuffle(x, self.downscale_factor)


class ChannelShuffle(Cell):
    """Channels (axis 1) regrouped: (N, g, C/g, …) → (N, C/g, g, …)."""

    def __init__(self, groups):
        super().__init__()
        self.groups = _validation.positive_int("ChannelShuffle", "groups", groups)

    def construct(self, x):
        return F.channel_shuffle(x, self.groups)


class Unflatten(Cell):
    """Axis `axis` reshaped to `unflattened_size`."""

    def __init__(self, axis, unflattened_size):
        super().__init__()
        self.axis = _validation.int_arg("Unflatten", "axis", axis)
        if not isinstance(unflattened_size, (tuple, list)) or not all(_validation.is_int(s)
                                                                      for s in unflattened_size):
            raise TypeError(f"For 'Unflatten', the 'unflattened_size' must be a tuple or list of ints, but got "
                            f"{unflattened_size!r}.")
        self.unflattened_size = tuple(unflattened_size)

    def construct(self, x):
        axis = self.axis % x.ndim
        return F.reshape(x, x.shape[:axis] + self.unflattened_size + x.shape[axis + 1:])
