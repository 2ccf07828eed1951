"""More basic layers: Linear, BiDense, the channel and torch-style dropouts, LRN,
L1Regularizer (`mindspore.nn.layer.basic`)."""
from __future__ import annotations

import math

from ... import _validation
from ...common import dtype as mstype
from ...common.initializer import HeUniform, Uniform
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops import operations as P
from ..cell import Cell
from ._parameters import layer_parameter

__all__ = ["Linear", "BiDense", "Dropout1d", "Dropout2d", "Dropout3d", "DropoutExt", "Dropout2dExt", "LRN",
           "L1Regularizer", "ClipByNorm"]


class Linear(Cell):
    """y = x·Wᵀ + b, W (out_features, in_features) HeUniform(√5), b U(±1/√in_features)."""

    def __init__(self, in_features, out_features, bias=True, weight_init=None, bias_init=None, dtype=None):
        super().__init__()
        self.in_features = _validation.positive_int("Linear", "in_features", in_features)
        self.out_features = _validation.positive_int("Linear", "out_features", out_features)
        self.has_bias = _validation.bool_arg("Linear", "bias", bias)
        dtype = dtype or mstype.float32
        self.weight = layer_parameter(weight_init, (out_features, in_features), dtype, "weight",
                                      default=HeUniform(math.sqrt(5)))
        self.bias = (layer_parameter(bias_init, (out_features,), dtype, "bias",
                                     default=Uniform(1 / math.sqrt(in_features))) if bias else None)
        self.dense = P.Dense()

    def construct(self, x):
        return self.dense(x, self.weight, self.bias)

    def extend_repr(self):
        return f"input_features={self.in_features}, output_features={self.out_features}, has_bias={self.has_bias}"


class BiDense(Cell):
    """y_o = x1ᵀ·W_o·x2 + b_o, W (out, in1, in2) and b U(±1/√in1)."""

    def __init__(self, in1_channels, in2_channels, out_channels, weight_init=None, bias_init=None, has_bias=True,
                 dtype=mstype.float32):
        super().__init__()
        self.in1_channels = _validation.positive_int("BiDense", "in1_channels", in1_channels)
        self.in2_channels = _validation.positive_int("BiDense", "in2_channels", in2_channels)
        self.out_channels = _validation.positive_int("BiDense", "out_channels", out_channels)
        self.has_bias = _validation.bool_arg("BiDense", "has_bias", has_bias)
        bound = 1 / math.sqrt(in1_channels)
        self.weight = layer_parameter(weight_init, (out_channels, in1_channels, in2_channels), dtype, "weight",
                                      default=Uniform(bound))
        self.bias = layer_parameter(bias_init, (out_channels,), dtype, "bias", default=Uniform(bound)) \
            if has_bias else None

    def construct(self, input1, input2):
        return F.bidense(input1, input2, self.weight, self.bias)

    def extend_repr(self):
        return (f"in1_channels={self.in1_channels}, in2_channels={self.in2_channels}, "
                f"output_channels={self.out_channels}, has_bias={self.has_bias}")


def _probability(layer, p):
    if isinstance(p, bool) or not isinstance(p, (int, float)):
        raise TypeError(f"For '{layer}', the 'p' must be a float, but got {type(p).__name__}.")
    if not 0 <= p <= 1:
        raise ValueError(f"For '{layer}', the 'p' must be in range [0, 1], but got {p}.")
    return float(p)


class _ChannelDropout(Cell):
    _fn = None

    def __init__(self, p=0.5):
        super().__init__()
        self.p = _probability(type(self).__name__, p)

    def construct(self, x):
        if not self.training or self.p == 0:
            return x
        return type(self)._fn(x, self.p, True)

    def extend_repr(self):
        return f"p={self.p}"


class Dropout1d(_ChannelDropout):
    """Zero whole channels of (N, C, L) with probability p; scale the rest by 1/(1 − p)."""
    _fn = staticmethod(F.dropout1d)


class Dropout2d(_ChannelDropout):
    _fn = staticmethod(F.dropout2d)


class Dropout3d(_ChannelDropout):
    _fn = staticmethod(F.dropout3d)


class DropoutExt(Cell):
    """Elementwise dropout with probability p (PyTorch's arguments)."""

    def __init__(self, p=0.5, inplace=False):
        super().__init__()
        self.p = _probability("DropoutExt", p)
        self.inplace = inplace

    def construct(self, x):
        if not self.training or self.p == 0:
            return x
        return F.dropout(x, self.p, True)

    def extend_repr(self):
        return f"p={self.p}"


class Dropout2dExt(_ChannelDropout):
    _fn = staticmethod(F.dropout2d)

    def __init__(self, p=0.5, inplace=False):
        super().__init__(p)
        self.inplace = inplace


class LRN(Cell):
    """Local response normalisation across channels (P.LRN)."""

    def __init__(self, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, norm_region="ACROSS_CHANNELS"):
        super().__init__()
        self.lrn = P.LRN(depth_radius, bias, alpha, beta, norm_region)

    def construct(self, input_x):
        return self.lrn(input_x)


class L1Regularizer(Cell):
    """scale·Σ|w|."""

    def __init__(self, scale):
        super().__init__()
        if isinstance(scale, bool) or not isinstance(scale, (int, float)):
            raise TypeError(f"For 'L1Regularizer', the 'scale' must be int or float, but got {type(scale).__name__}.")
        if scale <= 0 or math.isinf(scale) or math.isnan(scale):
            raise ValueError(f"For 'L1Regularizer', the 'scale' must be a finite number greater than 0, but got "
                             f"{scale}.")
        self.scale = Tensor(scale, mstype.float32)

    def construct(self, weights):
        return F.mul(F.sum(F.abs(weights)), F.cast(self.scale, weights.dtype))


class ClipByNorm(Cell):
    """x·clip_norm / max(‖x‖₂ over `axis`, clip_norm): x unchanged where its norm is within clip_norm."""

    def __init__(self, axis=None):
        super().__init__()
        self.axis = () if axis is None else axis

    def construct(self, x, clip_norm):
        if not isinstance(clip_norm, Tensor):
            clip_norm = Tensor(clip_norm, x.dtype)
        norm = F.sqrt(P.ReduceSum(keep_dims=True)(F.square(x), self.axis))
        return F.div(F.mul(x, F.cast(clip_norm, x.dtype)), F.maximum(norm, F.cast(clip_norm, x.dtype)))
