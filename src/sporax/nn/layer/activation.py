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
