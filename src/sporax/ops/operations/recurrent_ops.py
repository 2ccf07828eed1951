"""Recurrent primitives (issue 10, prim3): LSTM (the fused multi-layer kernel behind nn.LSTM),
BasicLSTMCell (one step), DynamicRNN (an LSTM over a sequence) and DynamicGRUV2 (a GRU over
a sequence). Each runs its recurrence with `jax.lax.scan`.

LSTM gates, with σ the sigmoid:
    i = σ(W_i·[x, h] + b_i), f = σ(W_f·[x, h] + b_f + forget_bias), g = tanh(W_g·[x, h] + b_g),
    o = σ(W_o·[x, h] + b_o); c' = f·c + i·g; h' = o·tanh(c').
GRU gates: r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
    n = tanh(W_in x + b_in + r·(W_hn h + b_hn)); h' = (1 − z)·n + z·h.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..primitive import Primitive, _wrap, prim_attr_register
from . import _arg_checks as check

__all__ = ["LSTM", "BasicLSTMCell", "DynamicRNN", "DynamicGRUV2"]

_FLOATS = (mstype.float16, mstype.float32, mstype.float64)


def _float_tensor(op, arg, value):
    check.tensor(op, arg, value)
    if value.dtype not in _FLOATS:
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor of float16, float32 or float64, but got "
                        f"{value.dtype}.")
    return value


def _shape(op, arg, value, shape):
    if tuple(value.shape) != tuple(shape):
        raise ValueError(f"For '{op}', the '{arg}' must have shape {tuple(shape)}, but got {tuple(value.shape)}.")


def _bool(op, arg, value):
    if not isinstance(value, bool):
        raise TypeError(f"For '{op}', the '{arg}' must be a bool, but got {type(value).__name__}.")


def _float(op, arg, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"For '{op}', the '{arg}' must be a float, but got {type(value).__name__}.")
    return float(value)


def _lstm_cell(gates, c, forget_bias, cell_clip):
    """gates (N, 4H) in order i, j (= g), f, o -> (h', c', i, j, f, o, tanh c')."""
    i, j, f, o = jnp.split(gates, 4, axis=-1)
    i, j, f, o = jax.nn.sigmoid(i), jnp.tanh(j), jax.nn.sigmoid(f + forget_bias), jax.nn.sigmoid(o)
    c_new = f * c + i * j
    if cell_clip > 0:
        c_new = jnp.clip(c_new, -cell_clip, cell_clip)
    tanh_c = jnp.tanh(c_new)
    return o * tanh_c, c_new, i, j, f, o, tanh_c


class LSTM(Primitive):
    """A stacked, optionally bidirectional LSTM over x (seq_len, batch, input_size) from h, c
    (num_layers·D, batch, ·) and one flat weight `w` (its elements in this order: per layer
    and direction W_ih (4H, in), W_hh (4H, H_real); then per layer and direction b_ih (4H),
    b_hh (4H) when `has_bias`; then per layer and direction W_hr (proj_size, H) when
    proj_size > 0), gate order i, f, g, o. Returns (output, h_n, c_n, reserve, state); the last
    two are the kernel's workspace in MindSpore (zeros of shape (1, 1) here, nothing reads them).
    MindSpore's CPU kernel supports one layer, one direction, no bias; this one all."""

    @prim_attr_register
    def __init__(self, input_size, hidden_size, num_layers, has_bias, bidirectional, dropout, proj_size=0):
        check.int_value("LSTM", "input_size", input_size, minimum=1)
        check.int_value("LSTM", "hidden_size", hidden_size, minimum=1)
        check.int_value("LSTM", "num_layers", num_layers, minimum=1)
        _bool("LSTM", "has_bias", has_bias)
        _bool("LSTM", "bidirectional", bidirectional)
        if not isinstance(dropout, float):
            raise TypeError(f"For 'LSTM', the 'dropout' must be a float, but got {type(dropout).__name__}.")
        if not 0.0 <= dropout <= 1.0:
            raise ValueError(f"For 'LSTM', the 'dropout' must be in range [0.0, 1.0], but got {dropout}.")
        if dropout > 0 and num_layers > 1:
            raise ValueError("For 'LSTM', a 'dropout' between layers needs a random stream this primitive does not "
                             "take; use nn.LSTM (which applies it in training), or dropout=0.0.")
        check.int_value("LSTM", "proj_size", proj_size, minimum=0)
        if proj_size >= hidden_size:
            raise ValueError(f"For 'LSTM', the 'proj_size' must be in range [0, {hidden_size}), but got {proj_size}.")

    def _sizes(self):
        a = self.attrs
        hidden, proj = a["hidden_size"], a["proj_size"]
        real = proj or hidden
        directions = 2 if a["bidirectional"] else 1
        weights = []
        for layer in range(a["num_layers"]):
            fan_in = a["input_size"] if layer == 0 else real * directions
            for _ in range(directions):
                weights.append(((4 * hidden, fan_in), (4 * hidden, real)))
        count = sum(a_ * b_ + c_ * d_ for (a_, b_), (c_, d_) in weights)
        if a["has_bias"]:
            count += 8 * hidden * len(weights)
        if proj:
            count += proj * hidden * len(weights)
        return weights, count

    def __call__(self, input, h, c, w):  # noqa: A002
        a = self.attrs
        for arg, value in (("input", input), ("h", h), ("c", c), ("w", w)):
            _float_tensor(self.name, arg, value)
        if input.ndim != 3 or input.shape[2] != a["input_size"]:
            raise ValueError(f"For '{self.name}', the 'input' must have shape (seq_len, batch, {a['input_size']}), "
                             f"but got {input.shape}.")
        directions = 2 if a["bidirectional"] else 1
        real = a["proj_size"] or a["hidden_size"]
        batch = input.shape[1]
        _shape(self.name, "h", h, (a["num_layers"] * directions, batch, real))
        _shape(self.name, "c", c, (a["num_layers"] * directions, batch, a["hidden_size"]))
        _, count = self._sizes()
        if w.size != count:
            raise ValueError(f"For '{self.name}', the 'w' must hold {count} elements, but got {w.size}.")
        return super().__call__(input, h, c, w)

    def _compute(self, x, h0, c0, w):
        a = self.attrs
        hidden, proj = a["hidden_size"], a["proj_size"]
        directions = 2 if a["bidirectional"] else 1
        flat = w.reshape(-1).astype(x.dtype)
        shapes, _ = self._sizes()
        offset = 0
        mats = []
        for (wi, wh) in shapes:
            n_i, n_h = wi[0] * wi[1], wh[0] * wh[1]
            mats.append([flat[offset:offset + n_i].reshape(wi), flat[offset + n_i:offset + n_i + n_h].reshape(wh)])
            offset += n_i + n_h
        for m in mats:
            if a["has_bias"]:
                m.append(flat[offset:offset + 4 * hidden] + flat[offset + 4 * hidden:offset + 8 * hidden])
                offset += 8 * hidden
            else:
                m.append(jnp.zeros((4 * hidden,), x.dtype))
        for m in mats:
            if proj:
                m.append(flat[offset:offset + proj * hidden].reshape(proj, hidden))
                offset += proj * hidden
            else:
                m.append(None)

        def run(seq, h, c, w_ih, w_hh, b, w_hr, reverse):
            def step(carry, xt):
                h, c = carry
                gates = xt @ w_ih.T + h @ w_hh.T + b
                i, f, g, o = jnp.split(gates, 4, axis=-1)  # MindSpore's (PyTorch's) order i, f, g, o
                c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
                h = jax.nn.sigmoid(o) * jnp.tanh(c)
                if w_hr is not None:
                    h = h @ w_hr.T
                return (h, c), h

            (h, c), ys = jax.lax.scan(step, (h, c), seq, reverse=reverse)
            return ys, h, c

        layer_input, hs, cs = x, [], []
        for layer in range(a["num_layers"]):
            outs = []
            for d in range(directions):
                k = layer * directions + d
                ys, h, c = run(layer_input, h0[k], c0[k], *mats[k], reverse=d == 1)
                outs.append(ys)
                hs.append(h)
                cs.append(c)
            layer_input = jnp.concatenate(outs, axis=-1) if directions == 2 else outs[0]
        workspace = jnp.zeros((1, 1), x.dtype)
        return layer_input, jnp.stack(hs), jnp.stack(cs), workspace, workspace


class BasicLSTMCell(Primitive):
    """One LSTM step: x (N, I), h (N, H), c (N, H), w (I + H, 4H), b (4H,), gates
    [x, h]·w + b in order i, j, f, o with `forget_bias` added to f. Returns
    (ct, ht, it, jt, ft, ot, tanhct). keep_prob must be 1.0 (MindSpore's Ascend kernel would
    drop out the input with a random stream this primitive does not take)."""

    @prim_attr_register
    def __init__(self, keep_prob=1.0, forget_bias=1.0, state_is_tuple=True, activation="tanh"):
        keep_prob = _float("BasicLSTMCell", "keep_prob", keep_prob)
        if keep_prob != 1.0:
            raise ValueError(f"For 'BasicLSTMCell', the 'keep_prob' must be 1.0 here (dropout needs a random stream "
                             f"the primitive does not take), but got {keep_prob}.")
        _float("BasicLSTMCell", "forget_bias", forget_bias)
        _bool("BasicLSTMCell", "state_is_tuple", state_is_tuple)
        if activation != "tanh":
            raise ValueError(f"For 'BasicLSTMCell', the 'activation' must be 'tanh', but got {activation!r}.")

    def __call__(self, x, h, c, w, b):
        for arg, value in (("x", x), ("h", h), ("c", c), ("w", w), ("b", b)):
            _float_tensor(self.name, arg, value)
        if x.ndim != 2 or h.ndim != 2:
            raise ValueError(f"For '{self.name}', the 'x' and 'h' must be 2-D, but got {x.shape} and {h.shape}.")
        n, hidden = h.shape
        _shape(self.name, "c", c, (n, hidden))
        _shape(self.name, "w", w, (x.shape[1] + hidden, 4 * hidden))
        _shape(self.name, "b", b, (4 * hidden,))
        return super().__call__(x, h, c, w, b)

    def _compute(self, x, h, c, w, b):
        gates = jnp.concatenate([x, h.astype(x.dtype)], axis=1) @ w + b
        ht, ct, i, j, f, o, tanh_c = _lstm_cell(gates, c, self.attrs["forget_bias"], -1.0)
        return ct, ht, i, j, f, o, tanh_c


def _sequence_input(op, x, seq_length):
    """The checks DynamicRNN and DynamicGRUV2 share: a time-major 3-D x and no seq_length."""
    if seq_length is not None:
        raise ValueError(f"For '{op}', the 'seq_length' must be None, but got {seq_length!r}.")
    if x.ndim != 3:
        raise ValueError(f"For '{op}', the 'x' must be 3-D (num_step, batch, input_size), but got {x.shape}.")


class DynamicRNN(Primitive):
    """An LSTM over x (num_step, batch, input_size) with w (input_size + hidden, 4·hidden) and
    b (4·hidden,), gates [x, h]·w + b in order i, j, f, o, `forget_bias` added to f, cell
    state clipped to ±cell_clip when cell_clip > 0. Returns (y, output_h, output_c, i, j, f, o,
    tanhct), each (num_step, batch, hidden): every step's values. seq_length must be None and
    keep_prob 1.0, num_proj 0, use_peephole False (as MindSpore's kernel supports)."""

    @prim_attr_register
    def __init__(self, cell_type="LSTM", direction="UNIDIRECTIONAL", cell_depth=1, use_peephole=False,
                 keep_prob=1.0, cell_clip=-1.0, num_proj=0, time_major=True, activation="tanh", forget_bias=0.0,
                 is_training=True):
        op = "DynamicRNN"
        for arg, value, allowed in (("cell_type", cell_type, "LSTM"), ("direction", direction, "UNIDIRECTIONAL"),
                                    ("activation", activation, "tanh")):
            if value != allowed:
                raise ValueError(f"For '{op}', the '{arg}' must be {allowed!r}, but got {value!r}.")
        check.int_value(op, "cell_depth", cell_depth, minimum=1)
        _bool(op, "use_peephole", use_peephole)
        if use_peephole:
            raise ValueError(f"For '{op}', the 'use_peephole' must be False (the primitive takes no peephole "
                             "weights).")
        if _float(op, "keep_prob", keep_prob) != 1.0:
            raise ValueError(f"For '{op}', the 'keep_prob' must be 1.0, but got {keep_prob}.")
        _float(op, "cell_clip", cell_clip)
        if check.int_value(op, "num_proj", num_proj, minimum=0) != 0:
            raise ValueError(f"For '{op}', the 'num_proj' must be 0 (the primitive takes no projection weight), "
                             f"but got {num_proj}.")
        _bool(op, "time_major", time_major)
        if not time_major:
            raise ValueError(f"For '{op}', the 'time_major' must be True, but got False.")
        _float(op, "forget_bias", forget_bias)
        _bool(op, "is_training", is_training)

    def __call__(self, x, w, b, seq_length=None, init_h=None, init_c=None):
        for arg, value in (("x", x), ("w", w), ("b", b)):
            _float_tensor(self.name, arg, value)
        _sequence_input(self.name, x, seq_length)
        if w.ndim != 2 or w.shape[1] % 4:
            raise ValueError(f"For '{self.name}', the 'w' must be (input_size + hidden_size, 4 * hidden_size), but "
                             f"got {w.shape}.")
        hidden = w.shape[1] // 4
        _shape(self.name, "w", w, (x.shape[2] + hidden, 4 * hidden))
        _shape(self.name, "b", b, (4 * hidden,))
        zeros = Tensor._wrap(jnp.zeros((1, x.shape[1], hidden), x._value().dtype))
        init_h = zeros if init_h is None else init_h
        init_c = zeros if init_c is None else init_c
        for arg, value in (("init_h", init_h), ("init_c", init_c)):
            _float_tensor(self.name, arg, value)
            _shape(self.name, arg, value, (1, x.shape[1], hidden))
        return _wrap(self._dispatch((x._value(), w._value(), b._value(), init_h._value(), init_c._value())))

    def _compute(self, x, w, b, h0, c0):
        forget_bias, cell_clip = self.attrs["forget_bias"], self.attrs["cell_clip"]
        out_dtype = b.dtype

        def step(carry, xt):
            h, c = carry
            gates = jnp.concatenate([xt, h.astype(xt.dtype)], axis=1) @ w + b
            h, c, i, j, f, o, tanh_c = _lstm_cell(gates, c, forget_bias, cell_clip)
            return (h, c), (h, c, i, j, f, o, tanh_c)

        _, (hs, cs, i, j, f, o, tanh_c) = jax.lax.scan(step, (h0[0].astype(out_dtype), c0[0].astype(out_dtype)), x)
        return tuple(v.astype(out_dtype) for v in (hs, hs, cs, i, j, f, o, tanh_c))


class DynamicGRUV2(Primitive):
    """A GRU over x (num_step, batch, input_size): weight_input (input_size, 3H), weight_hidden
    (H, 3H), biases (3H,) or None, init_h (batch, H); gate columns in `gate_order` ('rzh':
    reset, update, new; 'zrh': update, reset, new). `reset_after` applies r after the hidden
    matmul (n = tanh(W_in x + b_in + r·(W_hn h + b_hn))), else before (W_hn (r·h) + b_hn).
    Returns (y, output_h, update, reset, new, hidden_new), each (num_step, batch, H);
    hidden_new is W_hn h + b_hn. seq_length must be None, keep_prob 1.0, num_proj 0."""

    @prim_attr_register
    def __init__(self, direction="UNIDIRECTIONAL", cell_depth=1, keep_prob=1.0, cell_clip=-1.0, num_proj=0,
                 time_major=True, activation="tanh", gate_order="rzh", reset_after=True, is_training=True):
        op = "DynamicGRUV2"
        if direction != "UNIDIRECTIONAL":
            raise ValueError(f"For '{op}', the 'direction' must be 'UNIDIRECTIONAL', but got {direction!r}.")
        if activation != "tanh":
            raise ValueError(f"For '{op}', the 'activation' must be 'tanh', but got {activation!r}.")
        if gate_order not in ("rzh", "zrh"):
            raise ValueError(f"For '{op}', the 'gate_order' must be 'rzh' or 'zrh', but got {gate_order!r}.")
        check.int_value(op, "cell_depth", cell_depth, minimum=1)
        if _float(op, "keep_prob", keep_prob) != 1.0:
            raise ValueError(f"For '{op}', the 'keep_prob' must be 1.0, but got {keep_prob}.")
        _float(op, "cell_clip", cell_clip)
        if check.int_value(op, "num_proj", num_proj, minimum=0) != 0:
            raise ValueError(f"For '{op}', the 'num_proj' must be 0, but got {num_proj}.")
        for arg, value in (("time_major", time_major), ("reset_after", reset_after), ("is_training", is_training)):
            _bool(op, arg, value)
        if not time_major:
            raise ValueError(f"For '{op}', the 'time_major' must be True, but got False.")

    def __call__(self, x, weight_input, weight_hidden, bias_input=None, bias_hidden=None, seq_length=None,
                 init_h=None):
        for arg, value in (("x", x), ("weight_input", weight_input), ("weight_hidden", weight_hidden)):
            _float_tensor(self.name, arg, value)
        _sequence_input(self.name, x, seq_length)
        if weight_hidden.ndim != 2 or weight_hidden.shape[1] != 3 * weight_hidden.shape[0]:
            raise ValueError(f"For '{self.name}', the 'weight_hidden' must be (hidden_size, 3 * hidden_size), but "
                             f"got {weight_hidden.shape}.")
        hidden = weight_hidden.shape[0]
        _shape(self.name, "weight_input", weight_input, (x.shape[2], 3 * hidden))
        if init_h is None:
            raise TypeError(f"For '{self.name}', the 'init_h' must be a Tensor, but got None.")
        _float_tensor(self.name, "init_h", init_h)
        _shape(self.name, "init_h", init_h, (x.shape[1], hidden))
        dtype = next((v.dtype for v in (bias_input, bias_hidden) if v is not None), init_h.dtype)
        biases = []
        for arg, value in (("bias_input", bias_input), ("bias_hidden", bias_hidden)):
            if value is None:
                biases.append(jnp.zeros((3 * hidden,), dtype.to_numpy()))
                continue
            _float_tensor(self.name, arg, value)
            _shape(self.name, arg, value, (3 * hidden,))
            biases.append(value._value())
        return _wrap(self._dispatch((x._value(), weight_input._value(), weight_hidden._value(), *biases,
                                     init_h._value())))

    def _compute(self, x, w_i, w_h, b_i, b_h, h0):
        out_dtype = b_i.dtype
        reset_first = self.attrs["gate_order"] == "rzh"
        reset_after = self.attrs["reset_after"]
        cell_clip = self.attrs["cell_clip"]

        def split(v):
            a, b_, n = jnp.split(v, 3, axis=-1)
            return (a, b_, n) if reset_first else (b_, a, n)

        w_hr, w_hz, w_hn = split(w_h)
        b_hr, b_hz, b_hn = split(b_h)

        def step(h, xt):
            xr, xz, xn = split(xt @ w_i + b_i)
            hf = h.astype(w_h.dtype)
            r = jax.nn.sigmoid(xr + hf @ w_hr + b_hr)
            z = jax.nn.sigmoid(xz + hf @ w_hz + b_hz)
            hidden_new = hf @ w_hn + b_hn
            n = jnp.tanh(xn + (r * hidden_new if reset_after else (r * hf) @ w_hn + b_hn))
            h_new = (1 - z) * n + z * hf
            if cell_clip > 0:
                h_new = jnp.clip(h_new, -cell_clip, cell_clip)
            return h_new.astype(out_dtype), (h_new, z, r, n, hidden_new)

        _, (hs, z, r, n, hidden_new) = jax.lax.scan(step, h0.astype(out_dtype), x)
        return tuple(v.astype(out_dtype) for v in (hs, hs, z, r, n, hidden_new))
