"""Stacked, optionally bidirectional recurrent layers: RNN, LSTM, GRU (`mindspore.nn.layer.rnns`).

Input x is (T, N, I) ((N, T, I) with batch_first); the initial state hx is (L·D, N, H)
(LSTM: a tuple (h0, c0)), zeros when omitted. Layer l > 0 reads the concatenated outputs of
layer l − 1 (dropout between layers in training). With `seq_length` (N,), sequence n only
runs its first seq_length[n] steps: the state stops there, the outputs after it are zero, and
the reverse direction starts at step seq_length[n] − 1.
"""
from __future__ import annotations

import math

import numpy as np

from ... import _validation
from ...common import dtype as mstype
from ...common.parameter import Parameter, ParameterTuple
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops import operations as P
from ..cell import Cell
from .basic import Dropout
from .rnn_cells import _check_float, _check_tensor, gru_step, lstm_step, rnn_relu_step, rnn_tanh_step


class _DynamicRecurrence(Cell):
    """One direction of one layer over a whole sequence: (x (T, N, I), h0) -> (outputs (T, N, H), h_T)."""
    _step = None
    _is_lstm = False

    def __init__(self):
        super().__init__()
        self._matmul = P.MatMul(transpose_b=True)

    def construct(self, x, h, seq_length, w_ih, w_hh, b_ih, b_hh, reverse=False):
        steps = x.shape[0]
        order = range(steps - 1, -1, -1) if reverse else range(steps)
        lengths = None if seq_length is None else F.reshape(seq_length, (-1, 1))
        outputs = [None] * steps
        for t in order:
            new = type(self)._step(self._matmul, x[t], h, w_ih, w_hh, b_ih, b_hh)
            if lengths is not None:
                keep = F.cast(F.greater(lengths, t), x.dtype)
                if self._is_lstm:
                    new = tuple(keep * n + (1 - keep) * o for n, o in zip(new, h))
                else:
                    new = keep * new + (1 - keep) * h
                out = (new[0] if self._is_lstm else new) * keep
            else:
                out = new[0] if self._is_lstm else new
            h = new
            outputs[t] = out
        return F.stack(outputs, 0), h


class _DynamicRNNTanh(_DynamicRecurrence):
    _step = staticmethod(rnn_tanh_step)


class _DynamicRNNRelu(_DynamicRecurrence):
    _step = staticmethod(rnn_relu_step)


class _DynamicGRUCPUGPU(_DynamicRecurrence):
    _step = staticmethod(gru_step)


class _DynamicLSTMCPUGPU(_DynamicRecurrence):
    _step = staticmethod(lstm_step)
    _is_lstm = True


_RECURRENCES = {"RNN_TANH": (_DynamicRNNTanh, 1), "RNN_RELU": (_DynamicRNNRelu, 1),
                "GRU": (_DynamicGRUCPUGPU, 3), "LSTM": (_DynamicLSTMCPUGPU, 4)}


class _RNNBase(Cell):
    """Parameters weight_ih_l{k}[_reverse] (G·H, I_k), weight_hh_l{k}[_reverse] (G·H, H), biases
    (G·H), held in ParameterTuples w_ih_list, w_hh_list, b_ih_list, b_hh_list.

    Init as MindSpore 2.10: NumPy's global uniform(±1/√H), per layer and direction in the order
    w_ih, w_hh, b_ih, b_hh (so `set_seed` reproduces MindSpore's values bit for bit).
    """

    def __init__(self, mode, input_size, hidden_size, num_layers=1, has_bias=True, batch_first=False, dropout=0.,
                 bidirectional=False, dtype=mstype.float32):
        super().__init__()
        name = type(self).__name__
        _validation.positive_int(name, "hidden_size", hidden_size)
        _validation.positive_int(name, "input_size", input_size)
        _validation.positive_int(name, "num_layers", num_layers)
        if not isinstance(dropout, float):
            raise TypeError(f"For '{name}', the 'dropout' must be float, but got {type(dropout).__name__}.")
        for arg, value in (("has_bias", has_bias), ("batch_first", batch_first), ("bidirectional", bidirectional)):
            _validation.bool_arg(name, arg, value)
        if not 0 <= dropout < 1:
            raise ValueError(f"For '{name}', the 'dropout' must be a number in range [0, 1) representing the "
                             f"probability of an element being zeroed, but got {dropout}.")
        recurrence, gates = _RECURRENCES[mode]
        self.rnn = recurrence()
        self.hidden_size = hidden_size
        self.batch_first = batch_first
        self.num_layers = num_layers
        self.dropout = dropout
        self.dropout_op = Dropout(p=float(dropout))
        self.bidirectional = bidirectional
        self.has_bias = has_bias
        self.is_lstm = mode == "LSTM"
        num_directions = 2 if bidirectional else 1
        stdv = 1 / math.sqrt(hidden_size)
        gate_size = gates * hidden_size
        lists = {"w_ih": [], "w_hh": [], "b_ih": [], "b_hh": []}
        for layer in range(num_layers):
            layer_input = input_size if layer == 0 else hidden_size * num_directions
            for direction in range(num_directions):
                suffix = "_reverse" if direction == 1 else ""
                shapes = [("w_ih", "weight_ih", (gate_size, layer_input)), ("w_hh", "weight_hh", (gate_size, hidden_size))]
                if has_bias:
                    shapes += [("b_ih", "bias_ih", (gate_size,)), ("b_hh", "bias_hh", (gate_size,))]
                for key, pname, shape in shapes:
                    value = np.random.uniform(-stdv, stdv, shape).astype(np.float32)
                    lists[key].append(Parameter(Tensor(value, dtype=dtype), name=f"{pname}_l{layer}{suffix}"))
        self.w_ih_list = ParameterTuple(lists["w_ih"])
        self.w_hh_list = ParameterTuple(lists["w_hh"])
        self.b_ih_list = ParameterTuple(lists["b_ih"])
        self.b_hh_list = ParameterTuple(lists["b_hh"])

    def _weights(self, index):
        if self.has_bias:
            return self.w_ih_list[index], self.w_hh_list[index], self.b_ih_list[index], self.b_hh_list[index]
        return self.w_ih_list[index], self.w_hh_list[index], None, None

    def _check_state(self, name, value, expected):
        _check_float(name, value, type(self).__name__)
        if value.shape != expected:
            raise ValueError(f"For '{type(self).__name__}', the '{name}' must be of shape {expected}, "
                             f"but got {value.shape}.")

    def construct(self, x, hx=None, seq_length=None):
        name = type(self).__name__
        _check_float("x", x, name)
        if x.ndim != 3 or x.shape[2] != self.w_ih_list[0].shape[1]:
            raise ValueError(f"For '{name}', the 'x' must be of shape (seq_len, batch, {self.w_ih_list[0].shape[1]}) "
                             f"(batch first if 'batch_first'), but got {x.shape}.")
        batch = x.shape[0] if self.batch_first else x.shape[1]
        directions = 2 if self.bidirectional else 1
        state_shape = (self.num_layers * directions, batch, self.hidden_size)
        if hx is None:
            zeros = F.zeros(state_shape, x.dtype)
            hx = (zeros, zeros) if self.is_lstm else zeros
        elif self.is_lstm:
            if not isinstance(hx, tuple) or len(hx) != 2:
                raise TypeError(f"For '{name}', the 'hx' must be a tuple of two Tensors (h0, c0), but got {hx!r}.")
            self._check_state("hx[0]", hx[0], state_shape)
            self._check_state("hx[1]", hx[1], state_shape)
        else:
            self._check_state("hx", hx, state_shape)
        if seq_length is not None:
            _check_tensor("seq_length", seq_length, name)
            if seq_length.dtype not in (mstype.int32, mstype.int64):
                raise TypeError(f"For '{name}', the 'seq_length' must be one of [Int32, Int64], "
                                f"but got {seq_length.dtype}.")
            if seq_length.shape != (batch,):
                raise ValueError(f"For '{name}' batch size of x and seq_length must be equal, but got {batch} of x "
                                 f"and {seq_length.shape[0] if seq_length.ndim else seq_length.shape} of seq_length.")
        if self.batch_first:
            x = F.transpose(x, (1, 0, 2))
        finals = []
        layer_input = x
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(directions):
                index = layer * directions + direction
                h0 = (hx[0][index], hx[1][index]) if self.is_lstm else hx[index]
                out, h_t = self.rnn(layer_input, h0, seq_length, *self._weights(index), reverse=direction == 1)
                outputs.append(out)
                finals.append(h_t)
            output = outputs[0] if directions == 1 else F.concat(outputs, 2)
            layer_input = (self.dropout_op(output) if self.dropout != 0 and layer < self.num_layers - 1
                           else output)
        output = layer_input
        if self.batch_first:
            output = F.transpose(output, (1, 0, 2))
        if self.is_lstm:
            return output, (F.stack([h for h, _ in finals], 0), F.stack([c for _, c in finals], 0))
        return output, F.stack(finals, 0)


class RNN(_RNNBase):
    """Stacked Elman RNN: h_t = nonlinearity(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh), nonlinearity
    'tanh' (default) or 'relu'. Returns (output, h_n)."""

    def __init__(self, *args, **kwargs):
        mode = "RNN_TANH"
        if "nonlinearity" in kwargs:
            nonlinearity = kwargs.pop("nonlinearity")
            if nonlinearity not in ("tanh", "relu"):
                raise ValueError(f"For 'RNN', the 'nonlinearity' must be in ['tanh', 'relu'], but got {nonlinearity}.")
            mode = "RNN_TANH" if nonlinearity == "tanh" else "RNN_RELU"
        super().__init__(mode, *args, **kwargs)


class GRU(_RNNBase):
    """Stacked GRU (gates r, z, n as GRUCell). Returns (output, h_n)."""

    def __init__(self, *args, **kwargs):
        super().__init__("GRU", *args, **kwargs)


class LSTM(_RNNBase):
    """Stacked LSTM (gates i, f, g, o as LSTMCell). Returns (output, (h_n, c_n))."""

    def __init__(self, *args, **kwargs):
        super().__init__("LSTM", *args, **kwargs)
