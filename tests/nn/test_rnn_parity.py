"""RNN/LSTM/GRU and their cells against real MindSpore 2.10 (tests/data/make_rnn_outputs.py):
initial values under set_seed(1), parameter names, outputs and gradients to 1e-5."""
import pathlib
import sys

import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, nn, ops

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
sys.path.insert(0, str(DATA))
from rnn_cases import ARRAYS, CASES, I, H  # noqa: E402

STORED = np.load(DATA / "mindspore_2_10_rnn.npz")


def flat(value):
    return [value] if not isinstance(value, tuple) else [v for item in value for v in flat(item)]


def arg(key):
    if key is None:
        return None
    if isinstance(key, tuple):
        return tuple(Tensor(ARRAYS[k]) for k in key)
    return Tensor(ARRAYS[key])


def build(name):
    cls, kwargs, x, hx, seq = CASES[name]
    ms.set_seed(1)
    cell = getattr(nn, cls)(**kwargs)
    args = [Tensor(x), arg(hx)] + ([arg(seq)] if seq is not None else [])
    return cell, args


@pytest.mark.parametrize("name", sorted(CASES))
def test_initial_parameters_and_names_equal_mindsporess(name):
    cell, _ = build(name)
    expected = sorted(k.split("/", 2)[2] for k in STORED.files if k.startswith(f"init/{name}/"))
    names = [n for n, _ in cell.parameters_and_names()]
    assert sorted(names) == expected
    for pname, p in cell.parameters_and_names():
        np.testing.assert_array_equal(p.asnumpy(), STORED[f"init/{name}/{pname}"])


@pytest.mark.parametrize("name", sorted(CASES))
def test_outputs_and_gradients_equal_mindsporess(name):
    cell, args = build(name)
    params = list(cell.parameters_and_names())
    outs = flat(cell(*args))
    weights = [np.linspace(-1, 1, o.size, dtype=np.float32).reshape(o.shape) for o in outs]
    for i, o in enumerate(outs):
        np.testing.assert_allclose(o.asnumpy(), STORED[f"out/{name}/{i}"], rtol=1e-5, atol=1e-5)

    def objective(*a):
        total = None
        for o, w in zip(flat(cell(*a)), weights):
            term = ops.sum(o * Tensor(w))
            total = term if total is None else total + term
        return total
    gx, gw = ops.grad(objective, grad_position=0, weights=cell.trainable_params())(*args)
    np.testing.assert_allclose(gx.asnumpy(), STORED[f"grad_x/{name}"], rtol=1e-5, atol=1e-5)
    for (pname, _), g in zip(params, gw):
        np.testing.assert_allclose(g.asnumpy(), STORED[f"grad/{name}/{pname}"], rtol=1e-5, atol=1e-5)


def test_lstm_parameter_order_and_repr_match_mindspore():
    net = nn.LSTM(3, 4, num_layers=2, bidirectional=True)
    assert [n for n, _ in net.parameters_and_names()][:4] == [
        "weight_ih_l0", "weight_ih_l0_reverse", "weight_ih_l1", "weight_ih_l1_reverse"]
    assert net.w_ih_list[2].shape == (16, 8)
    assert repr(nn.GRUCell(3, 4)) == "GRUCell()"
    assert repr(nn.RNN(3, 4)).splitlines()[:2] == ["RNN(", "  (rnn): _DynamicRNNTanh()"]


def test_bad_arguments_raise_named_errors():
    with pytest.raises(ValueError, match="'dropout'"):
        nn.LSTM(I, H, dropout=1.0)
    with pytest.raises(TypeError, match="'dropout'"):
        nn.GRU(I, H, dropout=0)
    with pytest.raises(ValueError, match="'nonlinearity'"):
        nn.RNN(I, H, nonlinearity="gelu")
    with pytest.raises(ValueError, match="'nonlinearity'"):
        nn.RNNCell(I, H, nonlinearity="gelu")
    with pytest.raises(TypeError, match="'has_bias'"):
        nn.GRUCell(I, H, has_bias=1)
    net = nn.LSTM(I, H)
    with pytest.raises(TypeError, match="'hx'"):
        net(Tensor(ARRAYS["X"]), Tensor(ARRAYS["H0_1"]))
    with pytest.raises(ValueError, match="'hx\\[0\\]'"):
        net(Tensor(ARRAYS["X"]), (Tensor(ARRAYS["H0_4"]), Tensor(ARRAYS["H0_4"])))
    with pytest.raises(TypeError, match="'seq_length'"):
        nn.GRU(I, H)(Tensor(ARRAYS["X"]), None, Tensor(ARRAYS["SEQ"].astype(np.float32)))
    with pytest.raises(ValueError, match="seq_length"):
        nn.GRU(I, H)(Tensor(ARRAYS["X"]), None, Tensor(ARRAYS["SEQ"][:2]))
