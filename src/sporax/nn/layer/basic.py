"""Dense, Flatten, Dropout, Identity."""
from __future__ import annotations

import math


from ...common import dtype as mstype
from ...common.initializer import HeUniform, Uniform
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops import operations as P
from ...ops.primitive import Primitive
from ..cell import Cell
from ... import _validation
from ._parameters import layer_parameter
from .activation import get_activation


class Dense(Cell):
    """y = activation(x @ Wᵀ + b), W (out_channels, in_channels). Inputs of rank != 2 are
    flattened to (-1, in_channels) and their leading dimensions restored.

    Default init (MindSpore 2.10): weight HeUniform(negative_slope=√5), i.e. U(±1/√in_channels);
    bias U(±1/√in_channels). The weight is drawn before the bias.
    """

    def __init__(self, in_channels, out_channels, weight_init=None, bias_init=None, has_bias=True,
                 activation=None, dtype=mstype.float32):
        super().__init__()
        self.in_channels = _validation.positive_int("Dense", "in_channels", in_channels)
        self.out_channels = _validation.positive_int("Dense", "out_channels", out_channels)
        self.has_bias = _validation.bool_arg("Dense", "has_bias", has_bias)
        if activation is not None and not isinstance(activation, (str, Cell, Primitive)):
            raise TypeError(f"For 'Dense', the 'activation' must be str or Cell or Primitive, but got "
                            f"{type(activation).__name__}.")
        if isinstance(weight_init, Tensor) and (weight_init.ndim != 2 or weight_init.shape != (out_channels, in_channels)):
            raise ValueError("For 'Dense', weight init shape error. The ndim of 'weight_init' must be equal to 2, and "
                             "the first dim must be equal to 'out_channels', and the second dim must be equal to "
                             f"'in_channels'. But got 'weight_init': {weight_init}, 'out_channels': {out_channels}, "
                             f"'in_channels': {in_channels}.")
        if has_bias and isinstance(bias_init, Tensor) and (bias_init.ndim != 1 or bias_init.shape[0] != out_channels):
            raise ValueError("For 'Dense', bias init shape error. The ndim of 'bias_init' must be equal to 1, and the "
                             f"first dim must be equal to 'out_channels'. But got 'bias_init': {bias_init}, "
                             f"'out_channels': {out_channels}.")
        bound = 1 / math.sqrt(in_channels)
        self.weight = layer_parameter(weight_init, (out_channels, in_channels), dtype, "weight",
                                          default=HeUniform(math.sqrt(5)))
        self.bias = (layer_parameter(bias_init, (out_channels,), dtype, "bias", default=Uniform(bound))
                     if has_bias else None)
        self.activation = get_activation(activation) if isinstance(activation, str) else activation
        self.activation_flag = self.activation is not None
        self.matmul = P.MatMul(transpose_b=True)
        self.bias_add = P.BiasAdd()

    def construct(self, x):
        shape = x.shape
        if len(shape) != 2:
            x = F.reshape(x, (-1, shape[-1]))
        weight = self.weight
        if self._compute_dtype is not None and weight.dtype != x.dtype:
            weight = F.cast(weight, x.dtype)
        x = self.matmul(x, weight)
        if self.has_bias:
            x = self.bias_add(x, self.bias)
        if self.activation_flag:
            x = self.activation(x)
        if len(shape) != 2:
            x = F.reshape(x, shape[:-1] + (x.shape[-1],))
        return x

    def extend_repr(self):
        text = f"input_channels={self.in_channels}, output_channels={self.out_channels}"
        if self.has_bias:
            text += f", has_bias={self.has_bias}"
        if self.activation_flag:
            text += f", activation={self.activation}"
        return text


class Flatten(Cell):
    """Flatten dimensions start_dim..end_dim into one."""

    def __init__(self, start_dim=1, end_dim=-1):
        super().__init__()
        for name, value in (("start_dim", start_dim), ("end_dim", end_dim)):
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"For 'Flatten', the '{name}' must be an int, but got {type(value).__name__}.")
        self.start_dim, self.end_dim = start_dim, end_dim

    def construct(self, x):
        ndim = max(x.ndim, 1)
        for name, dim in (("start_dim", self.start_dim), ("end_dim", self.end_dim)):
            if not -ndim <= dim < ndim:
                raise ValueError(f"For 'Flatten', the '{name}' must be in [{-ndim}, {ndim}) for an input of rank "
                                 f"{x.ndim}, but got {dim}.")
        start, end = self.start_dim % ndim, self.end_dim % ndim
        if start > end:
            raise ValueError(f"For 'Flatten', 'start_dim' {self.start_dim} must not be after 'end_dim' {self.end_dim} "
                             f"for an input of rank {x.ndim}.")
        shape = x.shape[:start] + (-1,) + x.shape[end + 1:]
        return F.reshape(x, shape)


class Dropout(Cell):
    """In training, zero each element with probability p and scale the rest by 1/(1-p);
    identity in evaluation. `p` (if given) wins over the older `keep_prob`."""

    def __init__(self, keep_prob=0.5, p=None, dtype=mstype.float32):
        super().__init__()
        if p is None:
            if isinstance(keep_prob, bool) or not isinstance(keep_prob, (int, float)) or not 0 < keep_prob <= 1:
                raise ValueError(f"For 'Dropout', the 'keep_prob' must be a number in range (0, 1], but got {keep_prob!r}.")
            p = 1.0 - keep_prob
        elif isinstance(p, bool) or not isinstance(p, (int, float)) or not 0 <= p < 1:
            raise ValueError(f"For 'Dropout', the 'p' must be a number in range [0, 1), but got {p!r}.")
        self.p = float(p)
        self.keep_prob = 1.0 - self.p
        self.dropout = P.Dropout(self.keep_prob) if self.p > 0 else None

    def construct(self, x):
        if not self.training or self.dropout is None:
            return x
        return self.dropout(x)[0]

    def extend_repr(self):
        return f"p={self.p}"  # MindSpore prints the float: p=0.0, p=0.5


class Identity(Cell):
    """Returns its input."""

    def __init__(self, *args, **kwargs):
        super().__init__()

    def construct(self, x):
        return x
