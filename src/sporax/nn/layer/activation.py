"""Activation cells and the name registry used by `Dense(activation='relu')`."""
from __future__ import annotations

from ... import _validation
from ...ops import functional as F
from ...ops import operations as P
from ..cell import Cell


class ReLU(Cell):
    """max(x, 0)."""

    def __init__(self):
        super().__init__()
        self.relu = P.ReLU()

    def construct(self, x):
        return self.relu(x)


class ReLU6(Cell):
    """min(max(x, 0), 6)."""

    def __init__(self):
        super().__init__()
        self.relu6 = P.ReLU6()

    def construct(self, x):
        return self.relu6(x)


class LeakyReLU(Cell):
    """x if x > 0 else alpha·x."""

    def __init__(self, alpha=0.2):
        super().__init__()
        self.alpha = _validation.real_in_range("LeakyReLU", "alpha", alpha, float("-inf"), float("inf"))

    def construct(self, x):
        return F.leaky_relu(x, self.alpha)


class GELU(Cell):
    """x·Φ(x); `approximate=True` uses the tanh form."""

    def __init__(self, approximate=True):
        super().__init__()
        self.approximate = _validation.bool_arg("GELU", "approximate", approximate)

    def construct(self, x):
        return F.gelu(x, "tanh" if self.approximate else "none")


class SiLU(Cell):
    """x·sigmoid(x)."""

    def __init__(self):
        super().__init__()

    def construct(self, x):
        return F.silu(x)


class Sigmoid(Cell):
    def __init__(self):
        super().__init__()
        self.sigmoid = P.Sigmoid()

    def construct(self, x):
        return self.sigmoid(x)


class Tanh(Cell):
    def __init__(self):
        super().__init__()
        self.tanh = P.Tanh()

    def construct(self, x):
        return self.tanh(x)


class Softmax(Cell):
    def __init__(self, axis=-1):
        super().__init__()
        self.softmax = P.Softmax(axis)

    def construct(self, x):
        return self.softmax(x)


class LogSoftmax(Cell):
    def __init__(self, axis=-1):
        super().__init__()
        self.log_softmax = P.LogSoftmax(axis)

    def construct(self, x):
        return self.log_softmax(x)


_ACTIVATIONS = {"relu": ReLU, "relu6": ReLU6, "leakyrelu": LeakyReLU, "gelu": GELU, "silu": SiLU,
                "sigmoid": Sigmoid, "tanh": Tanh, "softmax": Softmax, "logsoftmax": LogSoftmax}


def get_activation(name, prim_name=None):
    """The activation Cell registered under `name` (None for None)."""
    if name is None:
        return None
    if not isinstance(name, str):
        raise TypeError(f"For 'get_activation', the 'name' must be a str, but got {type(name).__name__}.")
    if name not in _ACTIVATIONS:
        raise KeyError(f"The 'name' must be in {list(_ACTIVATIONS)}, but got {name}.")
    return _ACTIVATIONS[name]()


# --- more activations (issue 11): composed from existing primitives ---------------------------

def _softplus(x):
    """log(1 + eˣ) = max(x, 0) + log(1 + e^(−|x|)) (no overflow)."""
    return F.maximum(x, 0.0) + F.log(F.exp(F.neg(F.abs(x))) + 1.0)


class ELU(Cell):
    """x if x > 0 else alpha·(eˣ − 1)."""

    def __init__(self, alpha=1.0):
        super().__init__()
        if isinstance(alpha, bool) or not isinstance(alpha, (int, float)):
            raise TypeError(f"For 'ELU', the 'alpha' must be float, but got {type(alpha).__name__}.")
        self.alpha = float(alpha)

    def construct(self, x):
        return F.maximum(x, 0.0) + F.minimum((F.exp(F.minimum(x, 0.0)) - 1.0) * self.alpha, 0.0)


class CELU(Cell):
    """max(0, x) + min(0, alpha·(e^(x/alpha) − 1)); alpha ≠ 0."""

    def __init__(self, alpha=1.0):
        super().__init__()
        if isinstance(alpha, bool) or not isinstance(alpha, (int, float)):
            raise TypeError(f"For 'CELU', the 'alpha' must be float, but got {type(alpha).__name__}.")
        if alpha == 0:
            raise ValueError(f"For 'CELU', the 'alpha' must not be 0, but got {alpha}.")
        self.alpha = float(alpha)

    def construct(self, x):
        neg = (F.exp(F.minimum(x, 0.0) / self.alpha) - 1.0) * self.alpha
        return F.maximum(x, 0.0) + F.minimum(neg, 0.0)


class SeLU(Cell):
    """scale·(max(0, x) + min(0, alpha·(eˣ − 1))), alpha = 1.67326324, scale = 1.05070098."""

    def __init__(self):
        super().__init__()
    _alpha, _scale = 1.67326324, 1.05070098

    def construct(self, x):
        neg = (F.exp(F.minimum(x, 0.0)) - 1.0) * self._alpha
        return (F.maximum(x, 0.0) + F.minimum(neg, 0.0)) * self._scale


class Softsign(Cell):
    """x / (1 + |x|)."""

    def __init__(self):
        super().__init__()

    def construct(self, x):
        return x / (F.abs(x) + 1.0)


class Tanhshrink(Cell):
    """x − tanh(x)."""

    def __init__(self):
        super().__init__()

    def construct(self, x):
        return x - F.tanh(x)


class LogSigmoid(Cell):
    """log σ(x) = −softplus(−x)."""

    def __init__(self):
        super().__init__()

    def construct(self, x):
        return F.neg(_softplus(F.neg(x)))


class Softmin(Cell):
    """softmax(−x) along `axis`."""

    def __init__(self, axis=-1):
        super().__init__()
        if isinstance(axis, bool) or not isinstance(axis, (int, tuple)):
            raise TypeError(f"For 'Softmin', the 'axis' must be int or tuple, but got {type(axis).__name__}.")
        self.axis = axis

    def construct(self, x):
        return F.softmax(F.neg(x), self.axis)


class Hardtanh(Cell):
    """clip(x, min_val, max_val)."""

    def __init__(self, min_val=-1.0, max_val=1.0):
        super().__init__()
        for name, value in (("min_val", min_val), ("max_val", max_val)):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"For 'Hardtanh', the '{name}' must be float, but got {type(value).__name__}.")
        if min_val > max_val:
            raise ValueError(f"For 'Hardtanh', the 'min_val' must not be greater than 'max_val', but got "
                             f"min_val {min_val} and max_val {max_val}.")
        self.min_val, self.max_val = float(min_val), float(max_val)

    def construct(self, x):
        return F.minimum(F.maximum(x, self.min_val), self.max_val)


class Mish(Cell):
    """x·tanh(softplus(x))."""

    def __init__(self):
        super().__init__()

    def construct(self, x):
        return x * F.tanh(_softplus(x))


class HSigmoid(Cell):
    """relu6(x + 3) / 6 (the HSigmoid Primitive, whose gradient stops at x = ±3 as MindSpore's)."""

    def __init__(self):
        super().__init__()
        self.hsigmoid = P.HSigmoid()

    def construct(self, x):
        return self.hsigmoid(x)


class HSwish(Cell):
    """x·relu6(x + 3) / 6 (the HSwish Primitive, differentiated at x = ±3 as MindSpore's)."""

    def __init__(self):
        super().__init__()
        self.hswish = P.HSwish()

    def construct(self, x):
        return self.hswish(x)


_ACTIVATIONS.update({"elu": ELU, "softsign": Softsign, "tanhshrink": Tanhshrink,
                     "logsigmoid": LogSigmoid, "softmin": Softmin, "hardtanh": Hardtanh, "mish": Mish,
                     "hsigmoid": HSigmoid, "hswish": HSwish})
