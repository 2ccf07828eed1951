"""MaxPool2d, AvgPool2d, AdaptiveAvgPool2d over (N, C, H, W) (or (C, H, W))."""
from __future__ import annotations

from ... import _validation
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops import operations as P
from ..cell import Cell

def _pool_args(layer, kernel_size, stride, pad_mode, padding):
    kernel = _validation.int_tuple(layer, "kernel_size", kernel_size, 2)
    stride = _validation.int_tuple(layer, "stride", kernel if stride is None else stride, 2)
    pad_mode = _validation.one_of(layer, "pad_mode", pad_mode.upper() if isinstance(pad_mode, str) else pad_mode,
                                  ("VALID", "SAME", "PAD"))
    padding = _validation.int_tuple(layer, "padding", padding, 2, minimum=0)
    if pad_mode != "PAD" and any(padding):
        raise ValueError(f"For '{layer}', the 'padding' must be 0 when 'pad_mode' is not 'pad', but got {padding}.")
    return kernel, stride, pad_mode, padding


def _batched(layer, x):
    """(N, C, H, W) from (C, H, W) or (N, C, H, W); whether a batch axis was added."""
    if not isinstance(x, Tensor):
        raise TypeError(f"For '{layer}', the input must be a Tensor, but got {type(x).__name__}.")
    if x.ndim == 3:
        return F.expand_dims(x, 0), True
    if x.ndim != 4:
        raise ValueError(f"For '{layer}', the input must be 3-D or 4-D (N, C, H, W), but got shape {x.shape}.")
    return x, False


def _unbatched(out, unbatched):
    return F.squeeze(out, 0) if unbatched else out


class MaxPool2d(Cell):
    """Max over kernel windows. 'valid' and 'same' as Conv2d; 'pad' pads by `padding` with
    -inf, honours `dilation` and `ceil_mode`, and with `return_indices` also returns each
    maximum's flat index in its (H·W) plane."""

    def __init__(self, kernel_size=1, stride=1, pad_mode="valid", padding=0, dilation=1, return_indices=False,
                 ceil_mode=False, data_format="NCHW"):
        super().__init__()
        self.kernel_size, self.stride, self.pad_mode, self.padding = _pool_args(
            "MaxPool2d", kernel_size, stride, pad_mode, padding)
        self.dilation = _validation.int_tuple("MaxPool2d", "dilation", dilation, 2)
        self.return_indices = _validation.bool_arg("MaxPool2d", "return_indices", return_indices)
        self.ceil_mode = _validation.bool_arg("MaxPool2d", "ceil_mode", ceil_mode)
        if self.pad_mode != "PAD" and (self.dilation != (1, 1) or return_indices or ceil_mode):
            raise ValueError("For 'MaxPool2d', 'dilation', 'return_indices' and 'ceil_mode' need pad_mode='pad'.")
        self.data_format = data_format
        if self.pad_mode == "PAD":
            self.max_pool = P.MaxPoolWithArgmaxV2(self.kernel_size, self.stride, self.padding, self.dilation,
                                                  self.ceil_mode)
        else:
            self.max_pool = P.MaxPool(self.kernel_size, self.stride, self.pad_mode)

    def construct(self, x):
        x, unbatched = _batched("MaxPool2d", x)
        if self.pad_mode != "PAD":
            return _unbatched(self.max_pool(x), unbatched)
        out, indices = self.max_pool(x)
        if self.return_indices:
            return _unbatched(out, unbatched), _unbatched(indices, unbatched)
        return _unbatched(out, unbatched)

    def extend_repr(self):
        return f"kernel_size={_plain(self.kernel_size)}, stride={_plain(self.stride)}, pad_mode={self.pad_mode}"


class AvgPool2d(Cell):
    """Mean over kernel windows. In 'pad' mode `count_include_pad` counts the padding and
    `divisor_override` replaces the count."""

    def __init__(self, kernel_size=1, stride=1, pad_mode="valid", padding=0, ceil_mode=False, count_include_pad=True,
                 divisor_override=None, data_format="NCHW"):
        super().__init__()
        self.kernel_size, self.stride, self.pad_mode, self.padding = _pool_args(
            "AvgPool2d", kernel_size, stride, pad_mode, padding)
        self.ceil_mode = _validation.bool_arg("AvgPool2d", "ceil_mode", ceil_mode)
        self.count_include_pad = _validation.bool_arg("AvgPool2d", "count_include_pad", count_include_pad)
        if divisor_override is not None:
            _validation.positive_int("AvgPool2d", "divisor_override", divisor_override)
        self.divisor_override = divisor_override
        self.data_format = data_format
        # MindSpore's rule: anything beyond plain 'valid'/'same' runs as a 3-D pooling of depth 1.
        self.is_expand = (self.pad_mode == "PAD" or ceil_mode or not count_include_pad
                          or divisor_override is not None)
        if self.is_expand:
            pad_mode = "pad" if self.pad_mode == "PAD" else self.pad_mode.lower()
            pad = (0, 0) + tuple(p for p in self.padding for _ in range(2))
            self.avg_pool = P.AvgPool3D((1,) + self.kernel_size, (1,) + self.stride, pad_mode, pad, ceil_mode,
                                        count_include_pad, divisor_override or 0)
        else:
            self.avg_pool = P.AvgPool(self.kernel_size, self.stride, self.pad_mode)

    def construct(self, x):
        x, unbatched = _batched("AvgPool2d", x)
        if self.is_expand:
            return _unbatched(F.squeeze(self.avg_pool(F.expand_dims(x, 2)), 2), unbatched)
        return _unbatched(self.avg_pool(x), unbatched)

    def extend_repr(self):
        return f"kernel_size={_plain(self.kernel_size)}, stride={_plain(self.stride)}, pad_mode={self.pad_mode}"


def _plain(pair):
    return pair[0] if pair[0] == pair[1] else pair


class AdaptiveAvgPool2d(Cell):
    """Average into an `output_size` grid: output cell i of n spans
    [floor(i·H/n), ceil((i+1)·H/n)) (PyTorch's and MindSpore's bins). None keeps that size."""

    def __init__(self, output_size):
        super().__init__()
        self.adaptive_avgpool2d = P.AdaptiveAvgPool2D(output_size)
        self.output_size = self.adaptive_avgpool2d._output_size

    def construct(self, x):
        return self.adaptive_avgpool2d(x)
