"""The primitives and functions the nn layers compose, against MindSpore 2.10's outputs and
reprs (tests/data/make_op_outputs.py wrote them from tests/data/op_cases.py)."""
import json
import pathlib
import sys

import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, ops
from sporax.ops import operations as P

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
sys.path.insert(0, str(DATA))
from op_cases import CASES, REPRS, V, X  # noqa: E402

STORED = np.load(DATA / "mindspore_2_10_op_outputs.npz")
STORED_REPRS = json.loads((DATA / "mindspore_2_10_op_reprs.json").read_text())


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_equals_mindsporess(name):
    result = CASES[name](ms, ops, P, Tensor)
    results = result if isinstance(result, (tuple, list)) else (result,)
    assert len(results) == sum(key.startswith(f"{name}/") for key in STORED.files)
    for i, r in enumerate(results):
        expected = STORED[f"{name}/{i}"]
        got = r.asnumpy()
        assert got.shape == expected.shape and got.dtype == expected.dtype, (got.shape, got.dtype, expected.dtype)
        if expected.dtype.kind in "biu":
            np.testing.assert_array_equal(got, expected)
        else:
            np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", sorted(REPRS))
def test_repr_equals_mindsporess(name):
    assert repr(REPRS[name](ms, P)) == STORED_REPRS[name]


@pytest.mark.parametrize("mode", [ms.PYNATIVE_MODE, ms.GRAPH_MODE], ids=["pynative", "graph"])
def test_max_pool_with_argmax_is_differentiable_and_graph_equals_eager(mode):
    ms.set_context(mode=mode)
    pool = P.MaxPoolWithArgmaxV2(3, 2, 1, 1, True)

    def loss(x):
        return ops.sum(ops.mul(pool(x)[0], 2.0))

    x = Tensor(X)
    grad = ops.grad(loss)(x).asnumpy()
    out, idx = pool(x)
    # d/dx of 2·Σ max: 2 at each window's argmax, summed over the windows that pick it.
    expected = np.zeros(X.shape[0] * X.shape[1] * X.shape[2] * X.shape[3], np.float32)
    planes = np.arange(X.shape[0] * X.shape[1]).reshape(X.shape[0], X.shape[1], 1, 1) * (X.shape[2] * X.shape[3])
    np.add.at(expected, (idx.asnumpy() + planes).ravel(), 2.0)
    np.testing.assert_array_equal(grad, expected.reshape(X.shape))


def test_gelu_rejects_an_unknown_approximation():
    with pytest.raises(ValueError, match="'approximate' must be 'none' or 'tanh', but got 'exact'"):
        ops.gelu(Tensor(V), approximate="exact")


def test_gelu_default_is_exact_erf_form():
    exact = ops.gelu(Tensor(V)).asnumpy()
    from math import erf, sqrt
    np.testing.assert_allclose(exact, [v * 0.5 * (1 + erf(v / sqrt(2))) for v in V], rtol=1e-6, atol=1e-7)
    assert not np.allclose(exact, ops.gelu(Tensor(V), "tanh").asnumpy(), rtol=0, atol=1e-6)


@pytest.mark.parametrize("make, error, match", [
    (lambda: P.MaxPoolWithArgmaxV2(2, argmax_type=ms.float32), TypeError, "'argmax_type' must be Int32 or Int64"),
    (lambda: P.MaxPoolWithArgmaxV2(0), ValueError, "'kernel_size' must be >= 1"),
    (lambda: P.AvgPool3D(2, pad_mode="bad"), ValueError, "'pad_mode' must be str and must be in"),
    (lambda: P.AvgPool3D(2, pad=1), ValueError, "'pad' must be zero when 'pad_mode' is not 'pad'"),
    (lambda: P.AvgPool3D(2, divisor_override=-1), ValueError, "'divisor_override' must be an int >= 0"),
    (lambda: P.AdaptiveAvgPool2D((0, 2)), ValueError, "'output_size' must be a positive int"),
    (lambda: P.BCEWithLogitsLoss("avg"), ValueError, "'reduction' must be in \\['sum', 'mean', 'none'\\]"),
    (lambda: P.MaxPoolWithArgmaxV2(2)(Tensor(X[0])), ValueError, "the dimension of 'x' must be in \\[4\\]"),
    (lambda: ops.mse_loss(Tensor(V), Tensor(V), reduction="avg"), ValueError, "'reduction' must be in"),
    (lambda: ops.leaky_relu(Tensor(V), "0.1"), TypeError, "'alpha' must be a float or an int"),
])
def test_bad_arguments_raise_clear_errors(make, error, match):
    with pytest.raises(error, match=match):
        make()
