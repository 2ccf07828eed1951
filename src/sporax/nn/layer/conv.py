"""Convolutions: Conv1d, Conv2d, Conv3d, Conv1dTranspose, Conv2dTranspose (NCHW / NCDHW).

Weights are (out, in/group, *kernel) — (in, out/group, *kernel) for transposed ones —
and MindSpore 2.10's default init: weight HeUniform(negative_slope=√5), i.e.
U(±1/√fan_in) with fan_in = shape[1]·prod(kernel); bias U(±1/√fan_in).
Output sizes: 'same' ⌈n/s⌉; 'valid' ⌊(n − d(k−1) − 1)/s⌋ + 1; 'pad' adds the padding first.
"""
from __future__ import annotations

import math

from ...common import dtype as mstype
from ...common.initializer import HeUniform, Uniform
from ...ops import functional as F
from ...ops import operations as P
from ..cell import Cell
from ... import _validation
from ._parameters import layer_parameter


class _Conv(Cell):
    _rank = 2
    _primitive_name = "Conv2D"
    _transposed = False

    def __init__(self, layer, in_channels, out_channels, kernel_size, stride, pad_mode, padding, dilation, group,
                 has_bias, weight_init, bias_init, data_format, dtype):
        super().__init__()
        n = self._rank
        self.in_channels = _validation.positive_int(layer, "in_channels", in_channels)
        self.out_channels = _validation.positive_int(layer, "out_channels", out_channels)
        self.kernel_size = _validation.int_tuple(layer, "kernel_size", kernel_size, n)
        self.stride = _validation.int_tuple(layer, "stride", stride, n)
        self.dilation = _validation.int_tuple(layer, "dilation", dilation, n)
        self.pad_mode = _validation.pad_mode(self._primitive_name, pad_mode, case_sensitive=True)
        if isinstance(padding, int) and not isinstance(padding, bool):
            if padding < 0:
                raise ValueError(f"For '{layer}', the 'padding' must be >= 0, but got {padding}.")
        else:
            _validation.int_tuple(layer, "padding", padding, 2 * n, minimum=0)
        if pad_mode != "pad" and padding != 0 and padding != (0,) * (2 * n):
            raise ValueError(f"For '{self._primitive_name}', the 'pad' must be zero when 'pad_mode' is not 'pad', "
                             f"but got 'pad': {padding} and 'pad_mode': {pad_mode}.")
        self.padding = padding
        if not _validation.is_int(group) or group <= 0:
            raise ValueError(f"For '{layer}', the 'group' must be a positive int, but got {group!r}.")
        if in_channels % group or out_channels % group:
            raise ValueError("The argument 'group' should be divisible by 'in_channels' and 'out_channels', but got "
                             f"group:{group}, in_channels:{in_channels}, out_channels:{out_channels}.")
        self.group = group
        self.has_bias = _validation.bool_arg(layer, "has_bias", has_bias)
        self.data_format = data_format
        if self._transposed:
            shape = (in_channels, out_channels // group) + self.kernel_size
        else:
            shape = (out_channels, in_channels // group) + self.kernel_size
        fan_in = shape[1] * math.prod(self.kernel_size)
        self.weight_init = HeUniform(math.sqrt(5)) if weight_init is None else weight_init
        self.weight = layer_parameter(self.weight_init, shape, dtype, "weight")
        if has_bias:
            self.bias_init = Uniform(1 / math.sqrt(fan_in)) if bias_init is None else bias_init
            self.bias = layer_parameter(self.bias_init, (out_channels,), dtype, "bias")
        else:
            self.bias_init = None
            self.bias = None
        self.bias_add = P.BiasAdd()

    def _pad(self):
        n = self._rank
        return (self.padding,) * (2 * n) if isinstance(self.padding, int) else tuple(self.padding)

    def _weight_for(self, x):
        w = self.weight
        return F.cast(w, x.dtype) if self._compute_dtype is not None and w.dtype != x.dtype else w

    def _add_bias(self, out):
        return self.bias_add(out, self.bias) if self.has_bias else out

    def extend_repr(self):
        return (f"input_channels={self.in_channels}, output_channels={self.out_channels}, "
                f"kernel_size={self.kernel_size}, stride={self.stride}, pad_mode={self.pad_mode}, "
                f"padding={self.padding}, dilation={self.dilation}, group={self.group}, has_bias={self.has_bias}, "
                f"weight_init={self.weight_init}, bias_init={self.bias_init}, format={self.data_format}")


class Conv2d(_Conv):
    """2-D convolution over (N, C, H, W)."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, pad_mode="same", padding=0, dilation=1,
                 group=1, has_bias=False, weight_init=None, bias_init=None, data_format="NCHW",
                 dtype=mstype.float32):
        if data_format != "NCHW":
            raise ValueError(f"For 'Conv2d', the 'data_format' must be 'NCHW' (NHWC is GPU-only in MindSpore), "
                             f"but got {data_format!r}.")
        super().__init__("Conv2d", in_channels, out_channels, kernel_size, stride, pad_mode, padding, dilation, group,
                         has_bias, weight_init, bias_init, data_format, dtype)
        self.conv2d = P.Conv2D(out_channels, self.kernel_size, pad_mode=pad_mode, pad=self._pad(),
                               stride=self.stride, dilation=self.dilation, group=group)

    def construct(self, x):
        return self._add_bias(self.conv2d(x, self._weight_for(x)))


class Conv3d(_Conv):
    """3-D convolution over (N, C, D, H, W)."""

    _rank = 3
    _primitive_name = "Conv3D"

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, pad_mode="same", padding=0, dilation=1,
                 group=1, has_bias=False, weight_init=None, bias_init=None, data_format="NCDHW",
                 dtype=mstype.float32):
        super().__init__("Conv3d", in_channels, out_channels, kernel_size, stride, pad_mode, padding, dilation, group,
                         has_bias, weight_init, bias_init, data_format, dtype)
        self.conv3d = P.Conv3D(out_channels, self.kernel_size, pad_mode=pad_mode, pad=self._pad(),
                               stride=self.stride, dilation=self.dilation, group=group)

    def construct(self, x):
        return self._add_bias(self.conv3d(x, self._weight_for(x)))


def _widen_1d(layer, name, value, fill):
    """Conv1d runs as Conv2d over a height of 1: (k,) becomes (fill, k)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return (fill, value)
    if isinstance(value, (tuple, list)) and len(value) == 1:
        return (fill, value[0])
    raise TypeError(f"For '{layer}', the '{name}' must be an int, but got {value!r}.")


class Conv1d(Conv2d):
    """1-D convolution over (N, C, L); MindSpore runs it as a 2-D one of height 1, so the
    weight is (out, in/group, 1, k)."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, pad_mode="same", padding=0, dilation=1,
                 group=1, has_bias=False, weight_init=None, bias_init=None, dtype=mstype.float32):
        if not isinstance(padding, int) or isinstance(padding, bool):
            if not (isinstance(padding, (tuple, list)) and len(padding) == 2):
                raise TypeError(f"For 'Conv1d', the 'padding' must be an int or a tuple of 2 ints, but got {padding!r}.")
            padding = (0, 0) + tuple(padding)
        else:
            padding = (0, 0, padding, padding)
        super().__init__(in_channels, out_channels, _widen_1d("Conv1d", "kernel_size", kernel_size, 1),
                         _widen_1d("Conv1d", "stride", stride, 1), pad_mode, padding,
                         _widen_1d("Conv1d", "dilation", dilation, 1), group, has_bias, weight_init, bias_init,
                         "NCHW", dtype)

    def construct(self, x):
        if x.ndim != 3:
            raise ValueError(f"For 'Conv1d', the input must be 3-D (N, C, L), but got shape {x.shape}.")
        return F.squeeze(super().construct(F.expand_dims(x, 2)), 2)


def _deconv_length(pad_mode, length, kernel, stride, dilation, padding, output_padding):
    kernel = kernel + (kernel - 1) * (dilation - 1)
    if pad_mode == "valid":
        return length * stride + max(kernel - stride, 0)
    if pad_mode == "same":
        return length * stride
    return length * stride - padding + kernel - stride + output_padding


class Conv2dTranspose(_Conv):
    """Transposed 2-D convolution (the gradient of Conv2d with respect to its input).
    Weight (in_channels, out_channels/group, kh, kw)."""

    _transposed = True

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, pad_mode="same", padding=0,
                 output_padding=0, dilation=1, group=1, has_bias=False, weight_init=None, bias_init=None,
                 dtype=mstype.float32):
        super().__init__("Conv2dTranspose", in_channels, out_channels, kernel_size, stride, pad_mode, padding,
                         dilation, group, has_bias, weight_init, bias_init, "NCHW", dtype)
        self.output_padding = _validation.int_tuple("Conv2dTranspose", "output_padding", output_padding, 2, minimum=0)
        self.conv2d_transpose = P.Conv2DBackpropInput(in_channels, self.kernel_size, pad_mode=pad_mode,
                                                      pad=self._pad(), stride=self.stride, dilation=self.dilation,
                                                      group=group)

    def _output_size(self, x):
        pad = self._pad()
        spatial = tuple(_deconv_length(self.pad_mode, n, k, s, d, pad[2 * i] + pad[2 * i + 1], op)
                        for i, (n, k, s, d, op) in enumerate(zip(x.shape[2:], self.kernel_size, self.stride,
                                                                 self.dilation, self.output_padding)))
        return (x.shape[0], self.out_channels) + spatial

    def construct(self, x):
        return self._add_bias(self.conv2d_transpose(x, self._weight_for(x), self._output_size(x)))


class Conv1dTranspose(Conv2dTranspose):
    """Transposed 1-D convolution over (N, C, L), run as a 2-D one of height 1."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, pad_mode="same", padding=0, dilation=1,
                 group=1, has_bias=False, weight_init=None, bias_init=None, dtype=mstype.float32):
        padding = (0, 0, padding, padding) if isinstance(padding, int) and not isinstance(padding, bool) \
            else (0, 0) + tuple(padding)
        super().__init__(in_channels, out_channels, _widen_1d("Conv1dTranspose", "kernel_size", kernel_size, 1),
                         _widen_1d("Conv1dTranspose", "stride", stride, 1), pad_mode, padding, 0,
                         _widen_1d("Conv1dTranspose", "dilation", dilation, 1), group, has_bias, weight_init,
                         bias_init, dtype)

    def construct(self, x):
        if x.ndim != 3:
            raise ValueError(f"For 'Conv1dTranspose', the input must be 3-D (N, C, L), but got shape {x.shape}.")
        return F.squeeze(super().construct(F.expand_dims(x, 2)), 2)


class Conv3dTranspose(_Conv):
    """Transposed 3-D convolution over (N, C, D, H, W); weight (in_channels, out_channels/group,
    kd, kh, kw); `output_padding` adds to the high side of each axis (P.Conv3DTranspose)."""

    _rank = 3
    _primitive_name = "Conv3DTranspose"
    _transposed = True

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, pad_mode="same", padding=0, dilation=1,
                 group=1, output_padding=0, has_bias=False, weight_init=None, bias_init=None, data_format="NCDHW",
                 dtype=mstype.float32):
        super().__init__("Conv3dTranspose", in_channels, out_channels, kernel_size, stride, pad_mode, padding,
                         dilation, group, has_bias, weight_init, bias_init, data_format, dtype)
        self.output_padding = _validation.int_tuple("Conv3dTranspose", "output_padding", output_padding, 3, minimum=0)
        self.conv3d_transpose = P.Conv3DTranspose(in_channels, out_channels, self.kernel_size, pad_mode=pad_mode,
                                                  pad=self._pad(), stride=self.stride, dilation=self.dilation,
                                                  group=group, output_padding=self.output_padding)

    def construct(self, x):
        return self._add_bias(self.conv3d_transpose(x, self._weight_for(x)))
