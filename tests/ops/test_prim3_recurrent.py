"""LSTM, BasicLSTMCell, DynamicRNN, DynamicGRUV2 (ops.operations.recurrent_ops).

LSTM is compared with MindSpore 2.10 CPU's own outputs (tests/data/make_prim3_fixtures.py) where
its CPU kernel runs (one layer, one direction, no bias, optional projection); MindSpore CPU has
no kernel for more layers, two directions, a bias, nor for BasicLSTMCell, DynamicRNN and
DynamicGRUV2 (Ascend only): those are compared with float64 NumPy references of MindSpore's
documented formulas.
"""
from __future__ import annotations

import pathlib

import numpy as np
import pytest

import sporax
from sporax import Tensor, ops

FIXTURES = np.load(pathlib.Path(__file__).resolve().parents[1] / "data" / "mindspore_2_10_prim3.npz")


def sigmoid(v):
    return 1 / (1 + np.exp(-v))


def lstm_reference(x, h0, c0, layers):
    """layers: per layer a list of directions (w_ih, w_hh, b, w_hr or None); gates i, f, g, o."""
    inp, hs, cs = x, [], []
    k = 0
    for directions in layers:
        outs = []
        for d, (w_ih, w_hh, b, w_hr) in enumerate(directions):
            h, c = h0[k], c0[k]
            steps = range(x.shape[0] - 1, -1, -1) if d == 1 else range(x.shape[0])
            ys = [None] * x.shape[0]
            for t in steps:
                i, f, g, o = np.split(inp[t] @ w_ih.T + h @ w_hh.T + b, 4, axis=1)
                c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
                h = sigmoid(o) * np.tanh(c)
                if w_hr is not None:
                    h = h @ w_hr.T
                ys[t] = h
            outs.append(np.stack(ys))
            hs.append(h)
            cs.append(c)
            k += 1
        inp = np.concatenate(outs, axis=-1)
    return inp, np.stack(hs), np.stack(cs)


@pytest.mark.parametrize("name, i, h, p", [("plain", 2, 3, 0), ("projected", 4, 5, 2), ("long", 3, 4, 0)])
def test_lstm_matches_mindspore_cpu(name, i, h, p):
    f = {k: FIXTURES[f"lstm/{name}/{k}"] for k in ("x", "h0", "c0", "w", "y", "hn", "cn")}
    y, hn, cn, reserve, state = ops.LSTM(i, h, 1, False, False, 0.0, p)(
        Tensor(f["x"]), Tensor(f["h0"]), Tensor(f["c0"]), Tensor(f["w"]))
    for got, want in ((y, f["y"]), (hn, f["hn"]), (cn, f["cn"])):
        assert got.dtype == sporax.float32
        np.testing.assert_allclose(got.asnumpy(), want, rtol=1e-5, atol=1e-6)
    assert reserve.shape == (1, 1) and state.shape == (1, 1)


def _random_lstm(rng, i, h, layers, bidirectional):
    d = 2 if bidirectional else 1
    flat_w, flat_b, ref = [], [], []
    for layer in range(layers):
        fan_in = i if layer == 0 else h * d
        dirs = []
        for _ in range(d):
            w_ih, w_hh = rng.uniform(-0.5, 0.5, (4 * h, fan_in)), rng.uniform(-0.5, 0.5, (4 * h, h))
            flat_w += [w_ih.ravel(), w_hh.ravel()]
            dirs.append([w_ih, w_hh])
        ref.append(dirs)
    for dirs in ref:
        for entry in dirs:
            b_ih, b_hh = rng.uniform(-0.5, 0.5, 4 * h), rng.uniform(-0.5, 0.5, 4 * h)
            flat_b += [b_ih, b_hh]
            entry += [b_ih + b_hh, None]
    return np.concatenate(flat_w + flat_b).reshape(-1, 1, 1), ref


@pytest.mark.parametrize("layers, bidirectional", [(1, True), (2, False), (2, True)])
def test_lstm_with_bias_layers_and_directions_matches_float64_reference(layers, bidirectional):
    rng = np.random.default_rng(layers * 10 + bidirectional)
    i, h, t, n = 3, 4, 5, 2
    d = 2 if bidirectional else 1
    w, ref = _random_lstm(rng, i, h, layers, bidirectional)
    x, h0, c0 = rng.standard_normal((t, n, i)), rng.standard_normal((layers * d, n, h)), \
        rng.standard_normal((layers * d, n, h))
    got = ops.LSTM(i, h, layers, True, bidirectional, 0.0)(Tensor(x), Tensor(h0), Tensor(c0), Tensor(w))
    want = lstm_reference(x, h0, c0, ref)
    for g, e in zip(got[:3], want):
        assert g.dtype == sporax.float64
        np.testing.assert_allclose(g.asnumpy(), e, rtol=1e-12, atol=1e-12)


def test_lstm_gradient_matches_finite_differences():
    rng = np.random.default_rng(3)
    x, h0, c0 = rng.standard_normal((3, 1, 2)), rng.standard_normal((1, 1, 3)), rng.standard_normal((1, 1, 3))
    w = rng.uniform(-0.5, 0.5, (60, 1, 1))
    lstm = ops.LSTM(2, 3, 1, False, False, 0.0)

    def loss(x_):
        return ops.ReduceSum()(lstm(x_, Tensor(h0), Tensor(c0), Tensor(w))[0])

    grad = ops.GradOperation()(loss)(Tensor(x)).asnumpy()
    eps = 1e-6
    numeric = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[idx] += eps
        down[idx] -= eps
        numeric[idx] = (loss(Tensor(up)).asnumpy() - loss(Tensor(down)).asnumpy()) / (2 * eps)
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-8)


def test_lstm_graph_mode_equals_eager():
    f = {k: FIXTURES[f"lstm/plain/{k}"] for k in ("x", "h0", "c0", "w")}
    lstm = ops.LSTM(2, 3, 1, False, False, 0.0)
    args = [Tensor(f[k]) for k in ("x", "h0", "c0", "w")]
    eager = lstm(*args)[0]
    graph = sporax.jit(lambda *a: lstm(*a)[0])(*args)
    np.testing.assert_array_equal(graph.asnumpy(), eager.asnumpy())


def test_lstm_repr_and_bad_arguments():
    assert repr(ops.LSTM(2, 3, 1, True, False, 0.0)) == \
        "Prim[LSTM]<input_size=2, hidden_size=3, num_layers=1, has_bias=True, bidirectional=False, dropout=0.0, " \
        "proj_size=0>"
    with pytest.raises(TypeError, match="'LSTM', the 'dropout' must be a float"):
        ops.LSTM(2, 3, 1, True, False, 0)
    with pytest.raises(ValueError, match="'LSTM', the 'proj_size' must be in range"):
        ops.LSTM(2, 3, 1, True, False, 0.0, 3)
    with pytest.raises(ValueError, match="'LSTM', the 'w' must hold 60 elements, but got 61"):
        ops.LSTM(2, 3, 1, False, False, 0.0)(Tensor(np.zeros((4, 2, 2), np.float32)),
                                            Tensor(np.zeros((1, 2, 3), np.float32)),
                                            Tensor(np.zeros((1, 2, 3), np.float32)),
                                            Tensor(np.zeros((61, 1, 1), np.float32)))


def lstm_tf_step(x, h, c, w, b, forget_bias, clip=-1.0):
    i, j, f, o = np.split(np.concatenate([x, h], 1) @ w + b, 4, axis=1)
    i, j, f, o = sigmoid(i), np.tanh(j), sigmoid(f + forget_bias), sigmoid(o)
    c = f * c + i * j
    if clip > 0:
        c = np.clip(c, -clip, clip)
    return o * np.tanh(c), c, i, j, f, o, np.tanh(c)


def test_basic_lstm_cell_matches_float64_reference():
    rng = np.random.default_rng(5)
    x, h, c = rng.standard_normal((2, 3)), rng.standard_normal((2, 4)), rng.standard_normal((2, 4))
    w, b = rng.uniform(-0.5, 0.5, (7, 16)), rng.uniform(-0.5, 0.5, 16)
    got = ops.BasicLSTMCell(forget_bias=0.5)(*(Tensor(v) for v in (x, h, c, w, b)))
    ht, ct, i, j, f, o, tanh_c = lstm_tf_step(x, h, c, w, b, 0.5)
    for g, e in zip(got, (ct, ht, i, j, f, o, tanh_c)):
        np.testing.assert_allclose(g.asnumpy(), e, rtol=1e-12, atol=1e-12)
    assert repr(ops.BasicLSTMCell()) == \
        "Prim[BasicLSTMCell]<keep_prob=1.0, forget_bias=1.0, state_is_tuple=True, activation=tanh>"
    with pytest.raises(ValueError, match="'BasicLSTMCell', the 'keep_prob' must be 1.0"):
        ops.BasicLSTMCell(keep_prob=0.5)


@pytest.mark.parametrize("clip", [-1.0, 0.4])
def test_dynamic_rnn_matches_float64_reference(clip):
    rng = np.random.default_rng(6)
    t, n, i, hidden = 4, 2, 3, 5
    x, w, b = rng.standard_normal((t, n, i)), rng.uniform(-0.5, 0.5, (i + hidden, 4 * hidden)), \
        rng.uniform(-0.5, 0.5, 4 * hidden)
    h0, c0 = rng.standard_normal((1, n, hidden)), rng.standard_normal((1, n, hidden))
    got = ops.DynamicRNN(cell_clip=clip, forget_bias=1.0)(Tensor(x), Tensor(w), Tensor(b), None, Tensor(h0),
                                                          Tensor(c0))
    h, c, steps = h0[0], c0[0], []
    for s in range(t):
        h, c, ii, j, f, o, tc = lstm_tf_step(x[s], h, c, w, b, 1.0, clip)
        steps.append((h, h, c, ii, j, f, o, tc))
    want = [np.stack(v) for v in zip(*steps)]
    assert len(got) == 8
    for g, e in zip(got, want):
        np.testing.assert_allclose(g.asnumpy(), e, rtol=1e-12, atol=1e-12)


def test_dynamic_rnn_refuses_what_its_inputs_cannot_express():
    with pytest.raises(ValueError, match="'DynamicRNN', the 'use_peephole' must be False"):
        ops.DynamicRNN(use_peephole=True)
    with pytest.raises(ValueError, match="'DynamicRNN', the 'cell_type' must be 'LSTM'"):
        ops.DynamicRNN(cell_type="GRU")
    x = Tensor(np.zeros((2, 1, 3), np.float16))
    with pytest.raises(ValueError, match="'DynamicRNN', the 'w' must have shape"):
        ops.DynamicRNN()(x, Tensor(np.zeros((6, 8), np.float16)), Tensor(np.zeros(8, np.float16)))


@pytest.mark.parametrize("gate_order, reset_after", [("rzh", True), ("zrh", True), ("rzh", False)])
def test_dynamic_gru_v2_matches_float64_reference(gate_order, reset_after):
    rng = np.random.default_rng(7)
    t, n, i, h = 3, 2, 4, 3
    x, wi, wh = rng.standard_normal((t, n, i)), rng.uniform(-0.5, 0.5, (i, 3 * h)), rng.uniform(-0.5, 0.5, (h, 3 * h))
    bi, bh, h0 = rng.uniform(-0.5, 0.5, 3 * h), rng.uniform(-0.5, 0.5, 3 * h), rng.standard_normal((n, h))
    got = ops.DynamicGRUV2(gate_order=gate_order, reset_after=reset_after)(
        Tensor(x), Tensor(wi), Tensor(wh), Tensor(bi), Tensor(bh), None, Tensor(h0))

    def split(v):
        a, b, c = np.split(v, 3, axis=-1)
        return (a, b, c) if gate_order == "rzh" else (b, a, c)

    (whr, whz, whn), (bhr, bhz, bhn) = split(wh), split(bh)
    hcur, steps = h0, []
    for s in range(t):
        xr, xz, xn = split(x[s] @ wi + bi)
        r, z = sigmoid(xr + hcur @ whr + bhr), sigmoid(xz + hcur @ whz + bhz)
        hidden_new = hcur @ whn + bhn
        new = np.tanh(xn + (r * hidden_new if reset_after else (r * hcur) @ whn + bhn))
        hcur = (1 - z) * new + z * hcur
        steps.append((hcur, hcur, z, r, new, hidden_new))
    for g, e in zip(got, [np.stack(v) for v in zip(*steps)]):
        np.testing.assert_allclose(g.asnumpy(), e, rtol=1e-12, atol=1e-12)


def test_dynamic_gru_v2_repr_and_bad_gate_order():
    assert repr(ops.DynamicGRUV2()) == (
        "Prim[DynamicGRUV2]<direction=UNIDIRECTIONAL, cell_depth=1, keep_prob=1.0, cell_clip=-1.0, num_proj=0, "
        "time_major=True, activation=tanh, gate_order=rzh, reset_after=True, is_training=True>")
    with pytest.raises(ValueError, match="'DynamicGRUV2', the 'gate_order' must be 'rzh' or 'zrh'"):
        ops.DynamicGRUV2(gate_order="hzr")
