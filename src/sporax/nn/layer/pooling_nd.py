"""1-D and 3-D pooling, adaptive pooling, LP pooling and unpooling, and the torch-style
`*Ext` pooling layers (`mindspore.nn.layer.pooling`)."""
from __future__ import annotations

from ... import _validation
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops import operations as P
from ...ops.operations import nn_ops_ext as _ext
from ..cell import Cell

__all__ = ["MaxPool1d", "AvgPool1d", "MaxPool3d", "AvgPool3d", "AdaptiveAvgPool1d", "AdaptiveAvgPool3d",
           "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AdaptiveMaxPool3d", "LPPool1d", "LPPool2d", "MaxUnpool1d",
           "MaxUnpool2d", "MaxUnpool3d", "AvgPool1dExt", "AvgPool2dExt", "AvgPool3dExt", "MaxPool2dExt"]


def _check(layer, x, ranks):
    if not isinstance(x, Tensor):
        raise TypeError(f"For '{layer}', the input must be a Tensor, but got {type(x).__name__}.")
    if x.ndim not in ranks:
        raise ValueError(f"For '{layer}', the dimension of the input must be in {list(ranks)}, but got shape "
                         f"{x.shape}.")


def _mode(layer, pad_mode):
    return _validation.one_of(layer, "pad_mode", pad_mode.upper() if isinstance(pad_mode, str) else pad_mode,
                              ("VALID", "SAME", "PAD"))


class MaxPool1d(Cell):
    """Max over windows of (N, C, L) (or (C, L)), run as a 2-D pooling of height 1."""

    def __init__(self, kernel_size=1, stride=1, pad_mode="valid", padding=0, dilation=1, return_indices=False,
                 ceil_mode=False):
        super().__init__()
        k = _validation.positive_int("MaxPool1d", "kernel_size", kernel_size)
        s = _validation.positive_int("MaxPool1d", "stride", stride)
        self.pad_mode = _mode("MaxPool1d", pad_mode)
        self.padding = _validation.int_arg("MaxPool1d", "padding", padding, minimum=0)
        self.return_indices = _validation.bool_arg("MaxPool1d", "return_indices", return_indices)
        self.kernel_size, self.stride = (1, k), (1, s)
        if self.pad_mode == "PAD":
            d = _validation.positive_int("MaxPool1d", "dilation", dilation)
            self.max_pool = P.MaxPoolWithArgmaxV2((1, k), (1, s), (0, self.padding), (1, d), ceil_mode)
        else:
            self.max_pool = P.MaxPool((1, k), (1, s), self.pad_mode)

    def construct(self, x):
        _check("MaxPool1d", x, (2, 3))
        y = F.expand_dims(x, -2)
        out = self.max_pool(y)
        if self.pad_mode == "PAD":
            out, indices = out
            if self.return_indices:
                return F.squeeze(out, -2), F.squeeze(indices, -2)
        return F.squeeze(out, -2) if x.ndim == 3 else F.squeeze(out, -2)

    def extend_repr(self):
        return f"kernel_size={self.kernel_size}, stride={self.stride}, pad_mode={self.pad_mode}"


class AvgPool1d(Cell):
    """Mean over windows of (N, C, L) (or (C, L))."""

    def __init__(self, kernel_size=1, stride=1, pad_mode="valid", padding=0, ceil_mode=False, count_include_pad=True):
        super().__init__()
        k = _validation.positive_int("AvgPool1d", "kernel_size", kernel_size)
        s = _validation.positive_int("AvgPool1d", "stride", stride)
        self.pad_mode = _mode("AvgPool1d", pad_mode)
        self.padding = _validation.int_arg("AvgPool1d", "padding", padding, minimum=0)
        if self.pad_mode != "PAD" and self.padding:
            raise ValueError(f"For 'AvgPool1d', the 'padding' must be 0 when 'pad_mode' is not 'pad', but got "
                             f"{padding}.")
        self.kernel_size, self.stride = (1, k), (1, s)
        mode = self.pad_mode.lower()
        self.avg_pool = P.AvgPool3D((1, 1, k), (1, 1, s), mode, (0, 0, 0, 0, self.padding, self.padding),
                                    ceil_mode, count_include_pad)

    def construct(self, x):
        _check("AvgPool1d", x, (2, 3))
        batched = x.ndim == 3
        y = x if batched else F.expand_dims(x, 0)
        out = F.squeeze(self.avg_pool(F.expand_dims(F.expand_dims(y, 2), 2)), (2, 3))
        return out if batched else F.squeeze(out, 0)

    def extend_repr(self):
        return f"kernel_size={self.kernel_size}, stride={self.stride}, pad_mode={self.pad_mode}"


class MaxPool3d(Cell):
    """Max over (kd, kh, kw) windows of (N, C, D, H, W) (or (C, D, H, W))."""

    def __init__(self, kernel_size=1, stride=1, pad_mode="valid", padding=0, dilation=1, return_indices=False,
                 ceil_mode=False):
        super().__init__()
        self.kernel_size, self.stride = kernel_size, stride
        self.pad_mode = _mode("MaxPool3d", pad_mode)
        self.return_indices = _validation.bool_arg("MaxPool3d", "return_indices", return_indices)
        if self.pad_mode == "PAD":
            self.max_pool = P.MaxPool3DWithArgmax(kernel_size, stride, padding, dilation, ceil_mode)
        else:
            if return_indices:
                raise ValueError("For 'MaxPool3d', 'return_indices' needs pad_mode='pad'.")
            self.max_pool = P.MaxPool3D(kernel_size, stride, self.pad_mode)

    def construct(self, x):
        _check("MaxPool3d", x, (4, 5))
        batched = x.ndim == 5
        y = x if batched else F.expand_dims(x, 0)
        out = self.max_pool(y)
        indices = None
        if self.pad_mode == "PAD":
            out, indices = out
        if not batched:
            out = F.squeeze(out, 0)
            indices = None if indices is None else F.squeeze(indices, 0)
        return (out, indices) if self.return_indices else out

    def extend_repr(self):
        return f"kernel_size={self.kernel_size}, stride={self.stride}, pad_mode={self.pad_mode}"


class AvgPool3d(Cell):
    """Mean over (kd, kh, kw) windows of (N, C, D, H, W) (or (C, D, H, W))."""

    def __init__(self, kernel_size=1, stride=1, pad_mode="valid", padding=0, ceil_mode=False, count_include_pad=True,
                 divisor_override=None):
        super().__init__()
        self.kernel_size, self.stride = kernel_size, stride
        self.pad_mode = _mode("AvgPool3d", pad_mode)
        self.avg_pool = P.AvgPool3D(kernel_size, stride, self.pad_mode.lower(), padding, ceil_mode, count_include_pad,
                                    divisor_override or 0)

    def construct(self, x):
        _check("AvgPool3d", x, (4, 5))
        if x.ndim == 4:
            return F.squeeze(self.avg_pool(F.expand_dims(x, 0)), 0)
        return self.avg_pool(x)

    def extend_repr(self):
        return f"kernel_size={self.kernel_size}, stride={self.stride}, pad_mode={self.pad_mode}"


class AdaptiveAvgPool1d(Cell):
    """Mean over adaptive bins of (N, C, L): cell i of n spans [⌊i·L/n⌋, ⌈(i+1)·L/n⌉)."""

    def __init__(self, output_size):
        super().__init__()
        self.output_size = _validation.positive_int("AdaptiveAvgPool1d", "output_size", output_size)
        self.pool = _ext._AdaptiveAvg(output_size, 1)

    def construct(self, x):
        _check("AdaptiveAvgPool1d", x, (2, 3))
        if x.shape[-1] % self.output_size:
            raise ValueError(f"For AdaptiveAvgPool1d, the input's last dimension must be divisible by output size "
                             f"{self.output_size}, but got {x.shape[-1]}.")
        return self.pool(x)


class AdaptiveAvgPool3d(Cell):
    """Mean over adaptive bins of (…, D, H, W)."""

    def __init__(self, output_size):
        super().__init__()
        self.adaptive_avg_pool3d = P.AdaptiveAvgPool3D(output_size)
        self.output_size = self.adaptive_avg_pool3d._output_size

    def construct(self, x):
        return self.adaptive_avg_pool3d(x)


class AdaptiveMaxPool1d(Cell):
    """Max over adaptive bins of (N, C, L)."""

    def __init__(self, output_size):
        super().__init__()
        self.output_size = _validation.positive_int("AdaptiveMaxPool1d", "output_size", output_size)
        self.pool = _ext._AdaptiveMax(output_size, 1)

    def construct(self, x):
        _check("AdaptiveMaxPool1d", x, (2, 3))
        if x.shape[-1] % self.output_size:
            raise ValueError(f"For AdaptiveMaxPool1d, the input's last dimension must be divisible by output size "
                             f"{self.output_size}, but got {x.shape[-1]}.")
        return self.pool(x)[0]


class AdaptiveMaxPool2d(Cell):
    """Max over adaptive bins of (…, H, W); with `return_indices` also the flat (H·W) indices."""

    def __init__(self, output_size, return_indices=False):
        super().__init__()
        self.return_indices = _validation.bool_arg("AdaptiveMaxPool2d", "return_indices", return_indices)
        self.adaptive_max_pool2d = P.AdaptiveMaxPool2D(output_size)
        self.output_size = self.adaptive_max_pool2d._output_size

    def construct(self, x):
        out, indices = self.adaptive_max_pool2d(x)
        return (out, indices) if self.return_indices else out


class AdaptiveMaxPool3d(Cell):
    """Max over adaptive bins of (…, D, H, W); with `return_indices` also the flat indices (Int32)."""

    def __init__(self, output_size, return_indices=False):
        super().__init__()
        self.return_indices = _validation.bool_arg("AdaptiveMaxPool3d", "return_indices", return_indices)
        self.pool = _ext._AdaptiveMax(output_size, 3)
        self.output_size = self.pool._output_size

    def construct(self, x):
        out, indices = self.pool(x)
        return (out, F.cast(indices, mstype.int32)) if self.return_indices else out


class _LPPool(Cell):
    _rank = 2

    def __init__(self, norm_type, kernel_size, stride=None, ceil_mode=False):
        super().__init__()
        layer = type(self).__name__
        self.norm_type = _validation.positive_real(layer, "norm_type", norm_type)
        self.kernel_size = kernel_size
        self.stride = stride
        self.ceil_mode = _validation.bool_arg(layer, "ceil_mode", ceil_mode)

    def construct(self, x):
        fn = F.lp_pool1d if self._rank == 1 else F.lp_pool2d
        return fn(x, self.norm_type, self.kernel_size, self.stride, self.ceil_mode)


class LPPool1d(_LPPool):
    """(Σ_window x^p)^(1/p) over (N, C, L)."""
    _rank = 1


class LPPool2d(_LPPool):
    """(Σ_window x^p)^(1/p) over (N, C, H, W)."""


class _MaxUnpool(Cell):
    _fn = None

    def __init__(self, kernel_size, stride=None, padding=0):
        super().__init__()
        self.kernel_size, self.stride, self.padding = kernel_size, stride, padding

    def construct(self, x, indices, output_size=None):
        return type(self)._fn(x, indices, self.kernel_size, self.stride, self.padding, output_size)


class MaxUnpool1d(_MaxUnpool):
    """The inverse of MaxPool1d: each value at its index, zeros elsewhere."""
    _fn = staticmethod(F.max_unpool1d)


class MaxUnpool2d(_MaxUnpool):
    _fn = staticmethod(F.max_unpool2d)


class MaxUnpool3d(_MaxUnpool):
    _fn = staticmethod(F.max_unpool3d)


class _TorchAvgPool(Cell):
    """PyTorch-style average pooling: stride defaults to kernel_size, symmetric zero padding."""
    _rank = 2

    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
                 divisor_override=None):
        super().__init__()
        layer = type(self).__name__
        n = self._rank
        self.kernel_size = _validation.int_tuple(layer, "kernel_size", kernel_size, n)
        self.stride = self.kernel_size if stride is None else _validation.int_tuple(layer, "stride", stride, n)
        pads = _validation.int_tuple(layer, "padding", padding, n, minimum=0)
        self.ceil_mode = _validation.bool_arg(layer, "ceil_mode", ceil_mode)
        self.count_include_pad = _validation.bool_arg(layer, "count_include_pad", count_include_pad)
        self.divisor_override = divisor_override
        lead = (1,) * (3 - n)
        pad = (0, 0) * (3 - n) + tuple(p for p in pads for _ in range(2))
        self.avg_pool = P.AvgPool3D(lead + self.kernel_size, lead + self.stride, "pad", pad, ceil_mode,
                                    count_include_pad, divisor_override or 0)

    def construct(self, x):
        n = self._rank
        _check(type(self).__name__, x, (n + 1, n + 2))
        batched = x.ndim == n + 2
        y = x if batched else F.expand_dims(x, 0)
        for _ in range(3 - n):
            y = F.expand_dims(y, 2)
        out = self.avg_pool(y)
        for _ in range(3 - n):
            out = F.squeeze(out, 2)
        return out if batched else F.squeeze(out, 0)


class AvgPool1dExt(_TorchAvgPool):
    _rank = 1

    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
        super().__init__(kernel_size, stride, padding, ceil_mode, count_include_pad)


class AvgPool2dExt(_TorchAvgPool):
    pass


class AvgPool3dExt(_TorchAvgPool):
    _rank = 3


class MaxPool2dExt(Cell):
    """PyTorch-style max pooling: stride defaults to kernel_size, symmetric -inf padding."""

    def __init__(self, kernel_size=1, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False):
        super().__init__()
        self.kernel_size, self.stride, self.padding = kernel_size, stride, padding
        self.dilation, self.ceil_mode = dilation, ceil_mode
        self.return_indices = _validation.bool_arg("MaxPool2dExt", "return_indices", return_indices)
        self.max_pool = P.MaxPoolWithArgmaxV2(kernel_size, kernel_size if stride is None else stride, padding,
                                              dilation, ceil_mode)

    def construct(self, x):
        _check("MaxPool2dExt", x, (3, 4))
        batched = x.ndim == 4
        out, indices = self.max_pool(x if batched else F.expand_dims(x, 0))
        if not batched:
            out, indices = F.squeeze(out, 0), F.squeeze(indices, 0)
        return (out, indices) if self.return_indices else out
