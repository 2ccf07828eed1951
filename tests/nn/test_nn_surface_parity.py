"""The nn-surface layers and losses against real MindSpore 2.10: outputs and input gradients
with MindSpore's own initial weights (tests/data/make_nn_surface_outputs.py wrote them; never
run in CI), 1e-5 in float32. Where MindSpore 2.10 has no CPU kernel (InstanceNorm,
SoftMarginLoss, TripletMarginLoss, MultilabelMarginLoss) the reference is the formula in
float64."""
import importlib
import pathlib
import sys

import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, nn, ops

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
sys.path.insert(0, str(DATA))
from nn_surface_cases import CASES  # noqa: E402

STORED = np.load(DATA / "mindspore_2_10_nn_surface.npz")


def _build(name):
    module, cls, kwargs, inputs, _ = CASES[name]
    cell = getattr(importlib.import_module(f"sporax.{module}"), cls)(**kwargs)
    cell.set_train(False)
    names = [p for p, _ in cell.parameters_and_names()]
    stored = sorted(k.split("/", 2)[2] for k in STORED.files if k.startswith(f"param/{name}/"))
    assert sorted(names) == stored, f"parameter names {sorted(names)}, MindSpore {stored}"
    for pname, param in cell.parameters_and_names():
        param.set_data(Tensor(STORED[f"param/{name}/{pname}"]))
    return cell, [Tensor(a) if isinstance(a, np.ndarray) else a for a in inputs]


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_equals_mindsporess(name):
    cell, args = _build(name)
    out = cell(*args)
    outs = out if isinstance(out, tuple) else (out,)
    expected = sorted(k for k in STORED.files if k.startswith(f"out/{name}/"))
    assert len(expected) == sum(o is not None for o in outs)
    for i, o in enumerate(outs):
        if o is None:
            continue
        e = STORED[f"out/{name}/{i}"]
        assert o.shape == e.shape, f"output {i}: shape {o.shape}, MindSpore {e.shape}"
        np.testing.assert_allclose(o.asnumpy(), e, rtol=1e-5, atol=1e-5, err_msg=f"output {i}")


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c[4]))
def test_input_gradient_equals_mindsporess(name):
    cell, args = _build(name)
    inputs = CASES[name][3]
    floats = [i for i, a in enumerate(inputs) if isinstance(a, np.ndarray) and a.dtype == np.float32]
    sens = Tensor(STORED[f"sens/{name}"])

    def fn(*xs):
        full = list(args)
        for i, x in zip(floats, xs):
            full[i] = x
        o = cell(*full)
        o = o[0] if isinstance(o, tuple) else o
        return (o * sens).sum()

    grads = ops.grad(fn, grad_position=tuple(range(len(floats))))(*[args[i] for i in floats])
    grads = (grads,) if isinstance(grads, Tensor) else grads  # one position: a Tensor
    for i, g in zip(floats, grads):
        np.testing.assert_allclose(g.asnumpy(), STORED[f"grad/{name}/{i}"], rtol=1e-5, atol=1e-5,
                                   err_msg=f"gradient of input {i}")


# --- where MindSpore CPU has no kernel: the formula in float64 ------------------------------------

RNG = np.random.default_rng(3)
X = RNG.standard_normal((2, 3, 4, 5)).astype(np.float32)


def test_instance_norm_normalises_each_sample_and_channel():
    cell = nn.InstanceNorm2d(3, gamma_init=Tensor(np.float32([1.0, 2.0, 0.5])), beta_init=Tensor(np.float32([0, 1, -1])))
    x = X.astype(np.float64)
    mean = x.mean(axis=(2, 3), keepdims=True)
    var = x.var(axis=(2, 3), keepdims=True)
    expected = (x - mean) / np.sqrt(var + 1e-5) * np.array([1, 2, 0.5]).reshape(1, 3, 1, 1) + \
        np.array([0, 1, -1]).reshape(1, 3, 1, 1)
    np.testing.assert_allclose(cell(Tensor(X)).asnumpy(), expected, rtol=1e-5, atol=1e-5)


def test_soft_margin_loss_is_mean_log1p_exp():
    x, y = RNG.standard_normal((4, 5)), np.sign(RNG.standard_normal((4, 5)))
    expected = np.mean(np.log1p(np.exp(-y * x)))
    got = nn.SoftMarginLoss()(Tensor(x.astype(np.float32)), Tensor(y.astype(np.float32)))
    np.testing.assert_allclose(got.asnumpy(), expected, rtol=1e-6)


def test_triplet_margin_loss_matches_the_pairwise_distance_formula():
    a, p, n = (RNG.standard_normal((4, 5)) for _ in range(3))

    def dist(u, v):
        return np.sqrt(np.sum((u - v + 1e-6) ** 2, axis=-1))

    expected = np.mean(np.maximum(dist(a, p) - dist(a, n) + 0.5, 0))
    got = nn.TripletMarginLoss(margin=0.5)(*(Tensor(t.astype(np.float32)) for t in (a, p, n)))
    np.testing.assert_allclose(got.asnumpy(), expected, rtol=1e-6)


def test_multilabel_margin_loss_stops_at_the_first_negative_target():
    x = np.array([[0.1, 0.2, 0.4, 0.8]], np.float32)
    y = np.array([[3, 0, -1, 1]], np.int32)
    # PyTorch's documented example: targets 3 and 0 only.
    expected = (1 - (0.8 - 0.2) + 1 - (0.8 - 0.4) + 1 - (0.1 - 0.2) + 1 - (0.1 - 0.4)) / 4
    np.testing.assert_allclose(nn.MultilabelMarginLoss()(Tensor(x), Tensor(y)).asnumpy(), expected, rtol=1e-6)


def test_dropout_repr_prints_p_as_a_float():
    assert repr(nn.Dropout(p=0.5)) == "Dropout(p=0.5)"
    assert repr(nn.Dropout(keep_prob=1.0)) == "Dropout(p=0.0)"
