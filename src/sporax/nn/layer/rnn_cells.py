"""Single-step recurrent cells: RNNCell, LSTMCell, GRUCell (`mindspore.nn.layer.rnn_cells`).

With W_ih (k·H, I), W_hh (k·H, H) and gates split in MindSpore's order:
  RNN:  h' = act(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)
  LSTM: i, f, g, o = split(x W_ihᵀ + h W_hhᵀ + b_ih + b_hh); c' = σ(f)c + σ(i)tanh(g); h' = σ(o)tanh(c')
  GRU:  r = σ(i_r + h_r); z = σ(i_z + h_z); n = tanh(i_n + r·h_n); h' = n + z(h − n)
"""
from __future__ import annotations

import math

import numpy as np

from ... import _validation
from ...common import dtype as mstype
from ...common.initializer import Uniform, initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops import operations as P
from ..cell import Cell

_FLOATS = (mstype.float32, mstype.float16)


def _check_tensor(name, value, cls_name):
    if not isinstance(value, Tensor):
        raise TypeError(f"For '{cls_name}', the '{name}' must be a Tensor, but got {type(value).__name__}.")


def _check_float(name, value, cls_name):
    _check_tensor(name, value, cls_name)
    if value.dtype not in _FLOATS:
        raise TypeError(f"For '{cls_name}', the '{name}' must be one of [Float32, Float16], but got {value.dtype}.")


def _affine(matmul, x, w, b):
    """x Wᵀ (+ b)."""
    y = matmul(x, w)
    return y if b is None else y + b


def rnn_tanh_step(matmul, x, h, w_ih, w_hh, b_ih, b_hh):
    return F.tanh(_affine(matmul, x, w_ih, b_ih) + _affine(matmul, h, w_hh, b_hh))


def rnn_relu_step(matmul, x, h, w_ih, w_hh, b_ih, b_hh):
    return F.relu(_affine(matmul, x, w_ih, b_ih) + _affine(matmul, h, w_hh, b_hh))


def lstm_step(matmul, x, state, w_ih, w_hh, b_ih, b_hh):
    h, c = state
    gates = matmul(x, w_ih) + matmul(h, w_hh)
    if b_ih is not None:
        gates = gates + b_ih + b_hh
    size = gates.shape[1] // 4
    i, f, g, o = F.split(gates, size, axis=1)
    c_next = F.sigmoid(f) * c + F.sigmoid(i) * F.tanh(g)
    return F.sigmoid(o) * F.tanh(c_next), c_next


def gru_step(matmul, x, h, w_ih, w_hh, b_ih, b_hh):
    gi = _affine(matmul, x, w_ih, b_ih)
    gh = _affine(matmul, h, w_hh, b_hh)
    size = gi.shape[1] // 3
    i_r, i_z, i_n = F.split(gi, size, axis=1)
    h_r, h_z, h_n = F.split(gh, size, axis=1)
    reset = F.sigmoid(i_r + h_r)
    update = F.sigmoid(i_z + h_z)
    new = F.tanh(i_n + reset * h_n)
    return new + update * (h - new)


class RNNCellBase(Cell):
    """Holds weight_ih (k·H, I), weight_hh (k·H, H), bias_ih, bias_hh (k·H).

    Init as MindSpore 2.10: each is first filled from NumPy's global `randn` (weights, then
    biases), then every one is redrawn from Uniform(1/√H) in the same order.
    """

    def __init__(self, input_size: int, hidden_size: int, has_bias: bool, num_chunks: int, dtype=mstype.float32):
        super().__init__()
        name = type(self).__name__
        self.has_bias = _validation.bool_arg(name, "has_bias", has_bias)
        self.hidden_size = _validation.positive_int(name, "hidden_size", hidden_size)
        self.input_size = _validation.positive_int(name, "input_size", input_size)
        shapes = {"weight_ih": (num_chunks * hidden_size, input_size),
                  "weight_hh": (num_chunks * hidden_size, hidden_size)}
        if has_bias:
            shapes.update(bias_ih=(num_chunks * hidden_size,), bias_hh=(num_chunks * hidden_size,))
        for attr, shape in shapes.items():
            setattr(self, attr, Parameter(Tensor(np.random.randn(*shape), dtype=dtype), name=attr))
        if not has_bias:
            self.bias_ih = None
            self.bias_hh = None
        self._matmul = P.MatMul(transpose_b=True)
        self.reset_parameters(dtype=dtype)

    def reset_parameters(self, dtype=mstype.float32):
        stdv = 1 / math.sqrt(self.hidden_size)
        for weight in self.get_parameters():
            weight.set_data(initializer(Uniform(stdv), weight.shape, dtype))

    def _check_inputs(self, x, hx):
        name = type(self).__name__
        _check_float("x", x, name)
        _check_float("hx", hx, name)
        if x.ndim != 2 or x.shape[1] != self.input_size:
            raise ValueError(f"For '{name}', the 'x' must be of shape (batch, {self.input_size}), but got {x.shape}.")
        if hx.shape != (x.shape[0], self.hidden_size):
            raise ValueError(f"For '{name}', the 'hx' must be of shape ({x.shape[0]}, {self.hidden_size}), "
                             f"but got {hx.shape}.")


class RNNCell(RNNCellBase):
    """Elman cell, h' = nonlinearity(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)."""
    _non_linearity = ["tanh", "relu"]

    def __init__(self, input_size: int, hidden_size: int, has_bias: bool = True, nonlinearity: str = "tanh",
                 dtype=mstype.float32):
        super().__init__(input_size, hidden_size, has_bias, num_chunks=1, dtype=dtype)
        if not isinstance(nonlinearity, str):
            raise TypeError(f"For 'RNNCell', the 'nonlinearity' must be str, but got {type(nonlinearity).__name__}.")
        if nonlinearity not in self._non_linearity:
            raise ValueError(f"For 'RNNCell', the 'nonlinearity' must be str and must be in ['tanh', 'relu'], "
                             f"but got {nonlinearity}.")
        self.nonlinearity = nonlinearity

    def construct(self, x, hx):
        self._check_inputs(x, hx)
        step = rnn_tanh_step if self.nonlinearity == "tanh" else rnn_relu_step
        return step(self._matmul, x, hx, self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh)


class LSTMCell(RNNCellBase):
    """One LSTM step; `hx` is (h, c); returns (h', c')."""

    def __init__(self, input_size: int, hidden_size: int, has_bias: bool = True, dtype=mstype.float32):
        super().__init__(input_size, hidden_size, has_bias, num_chunks=4, dtype=dtype)
        self.support_non_tensor_inputs = True

    def construct(self, x, hx):
        if not isinstance(hx, tuple) or len(hx) != 2:
            raise TypeError(f"For 'LSTMCell', the 'hx' must be a tuple of two Tensors (h, c), but got {hx!r}.")
        self._check_inputs(x, hx[0])
        self._check_inputs(x, hx[1])
        return lstm_step(self._matmul, x, hx, self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh)


class GRUCell(RNNCellBase):
    """One GRU step."""

    def __init__(self, input_size: int, hidden_size: int, has_bias: bool = True, dtype=mstype.float32):
        super().__init__(input_size, hidden_size, has_bias, num_chunks=3, dtype=dtype)

    def construct(self, x, hx):
        self._check_inputs(x, hx)
        return gru_step(self._matmul, x, hx, self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh)
