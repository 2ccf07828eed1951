"""More activation cells (`mindspore.nn.layer.activation`): PReLU, GLU, HShrink, SoftShrink,
Threshold, FastGelu, RReLU, Softmax2d, LogSoftmaxExt, PReLUExt."""
from __future__ import annotations

from ... import _validation
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops import operations as P
from ..cell import Cell
from ._parameters import layer_parameter

__all__ = ["PReLU", "PReLUExt", "GLU", "HShrink", "SoftShrink", "Threshold", "FastGelu", "RReLU", "Softmax2d",
           "LogSoftmaxExt"]


class PReLU(Cell):
    """x where x > 0, w·x elsewhere; w a Parameter of `channel` slopes (initially `w`)."""

    def __init__(self, channel=1, w=0.25):
        super().__init__()
        self.channel = _validation.positive_int("PReLU", "channel", channel)
        if isinstance(w, (int, float)) and not isinstance(w, bool):
            w = Tensor([float(w)] * channel, mstype.float32)
        elif not isinstance(w, Tensor):
            raise TypeError(f"For 'PReLU', the 'w' must be a float or a Tensor, but got {type(w).__name__}.")
        self.w = layer_parameter(w, (channel,), mstype.float32, "a")
        self.prelu = P.PReLU()

    def construct(self, x):
        return self.prelu(x, F.cast(self.w, x.dtype))


class PReLUExt(Cell):
    """PReLU with PyTorch's arguments: `num_parameters` slopes, each `init`."""

    def __init__(self, num_parameters=1, init=0.25, dtype=None):
        super().__init__()
        self.num_parameters = _validation.positive_int("PReLUExt", "num_parameters", num_parameters)
        self.weight = layer_parameter(float(init), (num_parameters,), dtype or mstype.float32, "weight")
        self.prelu = P.PReLU()

    def construct(self, input):  # noqa: A002
        return self.prelu(input, F.cast(self.weight, input.dtype))

    def extend_repr(self):
        return f"num_parameters={self.num_parameters}"


class GLU(Cell):
    """a·σ(b), (a, b) the halves of x along `axis`."""

    def __init__(self, axis=-1):
        super().__init__()
        self.glu = P.GLU(axis)

    def construct(self, x):
        return self.glu(x)


class HShrink(Cell):
    """x where |x| > lambd, else 0."""

    def __init__(self, lambd=0.5):
        super().__init__()
        self.hshrink = P.HShrink(lambd)

    def construct(self, input_x):
        return self.hshrink(input_x)


class SoftShrink(Cell):
    """x ∓ lambd outside [−lambd, lambd], else 0."""

    def __init__(self, lambd=0.5):
        super().__init__()
        self.softshrink = P.SoftShrink(lambd)

    def construct(self, input_x):
        return self.softshrink(input_x)


class Threshold(Cell):
    """x where x > threshold, else value."""

    def __init__(self, threshold, value):
        super().__init__()
        for name, v in (("threshold", threshold), ("value", value)):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise TypeError(f"For 'Threshold', the '{name}' must be a float or an int, but got {type(v).__name__}.")
        self.threshold, self.value = threshold, value

    def construct(self, input_x):
        return F.threshold(input_x, self.threshold, self.value)


class FastGelu(Cell):
    """x/(1 + e^(−1.702|x|))·e^(0.851(x − |x|))."""

    def __init__(self):
        super().__init__()
        self.fast_gelu = P.FastGeLU()

    def construct(self, x):
        return self.fast_gelu(x)


class RReLU(Cell):
    """x for x ≥ 0, a·x elsewhere: a ~ U(lower, upper) per element in training, (lower + upper)/2
    in evaluation."""

    def __init__(self, lower=1 / 8, upper=1 / 3):
        super().__init__()
        for name, v in (("lower", lower), ("upper", upper)):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise TypeError(f"For 'RReLU', the '{name}' must be a float or an int, but got {type(v).__name__}.")
        if lower > upper:
            raise ValueError(f"For 'RReLU', the value of 'upper' must be greater than or equal to 'lower', but got "
                             f"upper: {upper}, lower: {lower}.")
        self.lower, self.upper = float(lower), float(upper)

    def construct(self, x):
        if self.training:
            return F.rrelu(x, self.lower, self.upper)
        return F.leaky_relu(x, (self.lower + self.upper) / 2)


class Softmax2d(Cell):
    """softmax over the channel axis of (C, H, W) or (N, C, H, W)."""

    def __init__(self):
        super().__init__()
        self.softmax = P.Softmax(-3)

    def construct(self, x):
        if x.ndim not in (3, 4):
            raise ValueError(f"For 'Softmax2d', the input must be 3-D or 4-D, but got shape {x.shape}.")
        return self.softmax(x)


class LogSoftmaxExt(Cell):
    """log softmax along `dim` (PyTorch's default dim: 0 for rank 0, 1 and 3, else 1)."""

    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def construct(self, input):  # noqa: A002
        dim = self.dim
        if dim is None:
            dim = 0 if input.ndim in (0, 1, 3) else 1
        return F.log_softmax(input, dim)
