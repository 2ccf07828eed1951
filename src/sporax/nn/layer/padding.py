"""Padding layers (`mindspore.nn.layer.padding`): constant, reflection, replication and zero
padding of the last 1, 2 or 3 axes. `padding` is an int (every side) or a tuple
(left, right[, top, bottom[, front, back]]) starting at the last axis; negative values crop."""
from __future__ import annotations

from ... import _validation
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops.operations import nn_ops_ext as _ext
from ..cell import Cell

__all__ = ["Pad", "ConstantPad1d", "ConstantPad2d", "ConstantPad3d", "ReflectionPad1d", "ReflectionPad2d",
           "ReflectionPad3d", "ReplicationPad1d", "ReplicationPad2d", "ReplicationPad3d", "ZeroPad2d"]


class _PadNd(Cell):
    _rank = 1
    _mode = "constant"

    def __init__(self, padding, value=0.0):
        super().__init__()
        layer = type(self).__name__
        n = 2 * self._rank
        if _validation.is_int(padding):
            padding = (padding,) * n
        if not isinstance(padding, (tuple, list)) or len(padding) != n or not all(_validation.is_int(p)
                                                                                    for p in padding):
            raise TypeError(f"For '{layer}', the 'padding' must be an int or a tuple of {n} ints, but got {padding!r}.")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"For '{layer}', the 'value' must be an int or float, but got {type(value).__name__}.")
        self.padding = tuple(padding)
        self.value = value
        self._pad = _ext.padding(self._mode)

    def construct(self, x):
        layer = type(self).__name__
        if not isinstance(x, Tensor):
            raise TypeError(f"For '{layer}', the input must be a Tensor, but got {type(x).__name__}.")
        if x.ndim not in (self._rank + 1, self._rank + 2):
            raise ValueError(f"For '{layer}', the input must be {self._rank + 1}-D or {self._rank + 2}-D, but got "
                             f"shape {x.shape}.")
        pads = _ext.torch_style_pads(layer, x, self.padding)
        if self._mode == "reflect":
            for (lo, hi), n in zip(pads, x.shape):
                if max(lo, hi) >= n:
                    raise ValueError(f"For '{layer}', each padding must be less than the dimension it pads, but got "
                                     f"{self.padding} for shape {x.shape}.")
        if self._mode == "constant":
            return self._pad(x, pads, self.value)
        return self._pad(x, pads)


class ConstantPad1d(_PadNd):
    """Pad the last axis with `value`."""

    def __init__(self, padding, value):
        super().__init__(padding, value)


class ConstantPad2d(ConstantPad1d):
    _rank = 2


class ConstantPad3d(ConstantPad1d):
    _rank = 3


class ReflectionPad1d(_PadNd):
    """Pad the last axis by reflection (the edge not repeated)."""
    _mode = "reflect"

    def __init__(self, padding):
        super().__init__(padding)


class ReflectionPad2d(ReflectionPad1d):
    _rank = 2


class ReflectionPad3d(ReflectionPad1d):
    _rank = 3


class ReplicationPad1d(_PadNd):
    """Pad the last axis by repeating the edge value."""
    _mode = "replicate"

    def __init__(self, padding):
        super().__init__(padding)


class ReplicationPad2d(ReplicationPad1d):
    _rank = 2


class ReplicationPad3d(ReplicationPad1d):
    _rank = 3


class ZeroPad2d(ConstantPad2d):
    """Pad the last two axes with zeros."""

    def __init__(self, padding):
        super().__init__(padding, 0.0)


class Pad(Cell):
    """Pad by `paddings` ((low, high) per axis from the first) in mode 'CONSTANT' (zeros),
    'REFLECT' (edge not repeated) or 'SYMMETRIC' (edge repeated)."""

    def __init__(self, paddings, mode="CONSTANT"):
        super().__init__()
        self.mode = _validation.one_of("Pad", "mode", mode, ("CONSTANT", "REFLECT", "SYMMETRIC"))
        if not isinstance(paddings, tuple) or not all(
                isinstance(p, tuple) and len(p) == 2 and all(_validation.is_int(v) and v >= 0 for v in p)
                for p in paddings):
            raise TypeError(f"For 'Pad', the 'paddings' must be a tuple of (low, high) int pairs, but got {paddings!r}.")
        self.paddings = paddings
        self._pad = _ext.padding(mode.lower())

    def construct(self, x):
        if len(self.paddings) != x.ndim:
            raise ValueError(f"For 'Pad', the length of 'paddings' must equal the input's dimension {x.ndim}, but "
                             f"got {len(self.paddings)}.")
        for (lo, hi), n in zip(self.paddings, x.shape):
            limit = n if self.mode == "SYMMETRIC" else n - 1
            if self.mode != "CONSTANT" and max(lo, hi) > limit:
                raise ValueError(f"For 'Pad', in mode {self.mode} each padding must be at most {limit} for a "
                                 f"dimension of {n}, but got {self.paddings}.")
        if self.mode == "CONSTANT":
            return self._pad(x, self.paddings, 0)
        return self._pad(x, self.paddings)
