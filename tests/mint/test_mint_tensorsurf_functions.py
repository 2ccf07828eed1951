"""mint's kthvalue, conv2d, addr_, and mint.nn.functional's in-place activations (MindSpore 2.10's
CPU backend has no kernel for these: Conv2DExt, the Inplace* kernels and kthvalue are Ascend
ones; clamp, sigmoid and softmax are in the differential table _tensor2)."""
from __future__ import annotations

import numpy as np
import pytest

import sporax as ms
from sporax import mint, ops
from sporax.mint.nn import functional as mf

RNG = np.random.default_rng(5)
X = RNG.standard_normal((3, 4)).astype(np.float32)


def t(a, dtype=np.float32):
    return ms.Tensor(np.asarray(a, dtype))


def test_kthvalue_overloads_bind_like_mindspores():
    x = RNG.permutation(12).reshape(3, 4).astype(np.float32)
    values, indices = mint.kthvalue(t(x), 2)
    np.testing.assert_array_equal(values.asnumpy(), np.sort(x, -1)[:, 1])
    np.testing.assert_array_equal(indices.asnumpy(), np.argsort(x, -1)[:, 1])
    values, _ = mint.kthvalue(t(x), 3, dim=0, keepdim=True)
    np.testing.assert_array_equal(values.asnumpy(), np.sort(x, 0)[2:3])
    with pytest.raises(TypeError, match="mint.kthvalue"):
        mint.kthvalue(t(x), 1, 0, False, 9)


def test_clamp_takes_numbers_or_tensors():
    np.testing.assert_array_equal(mint.clamp(t(X), max=0.0).asnumpy(), np.minimum(X, 0))
    with pytest.raises(TypeError, match="mint.clamp"):
        mint.clamp(t(X), 0.0, 1.0, 2.0)


def test_conv2d_is_mint_nn_functional_conv2d():
    x, w = RNG.standard_normal((1, 2, 5, 5)).astype(np.float32), RNG.standard_normal((3, 2, 3, 3)).astype(np.float32)
    np.testing.assert_array_equal(mint.conv2d(t(x), t(w), None, 2, 1).asnumpy(),
                                  mf.conv2d(t(x), t(w), None, 2, 1).asnumpy())
    assert mint.conv2d(t(x), t(w), padding=1).shape == (1, 3, 5, 5)


def test_addr_writes_the_outer_product_update_into_input():
    x = t(X[:2, :3])
    v1, v2 = RNG.standard_normal(2).astype(np.float32), RNG.standard_normal(3).astype(np.float32)
    assert mint.addr_(x, t(v1), t(v2), 0.5, 2) is x
    np.testing.assert_allclose(x.asnumpy(), 0.5 * X[:2, :3] + 2 * np.outer(v1, v2), rtol=1e-6)


INPLACE = [
    ("elu_", (0.5,), lambda x: mf.elu(x, 0.5)),
    ("hardtanh_", (-0.3, 0.4), lambda x: mf.hardtanh(x, -0.3, 0.4)),
    ("relu_", (), mf.relu),
    ("sigmoid_", (), mf.sigmoid),
    ("threshold_", (0.1, 20.0), lambda x: mf.threshold(x, 0.1, 20.0)),
]


@pytest.mark.parametrize("name, args, out_of_place", INPLACE, ids=[i[0] for i in INPLACE])
def test_inplace_activation_equals_the_out_of_place_one_and_writes_into_input(name, args, out_of_place):
    x = t(X)
    expected = out_of_place(t(X)).asnumpy()
    assert getattr(mf, name)(x, *args) is x
    np.testing.assert_array_equal(x.asnumpy(), expected)


@pytest.mark.parametrize("name", ["elu", "hardtanh", "relu", "relu6", "silu"])
def test_inplace_flag_writes_into_input_and_false_leaves_it(name):
    x = t(X)
    out = getattr(mf, name)(x)
    np.testing.assert_array_equal(x.asnumpy(), X)
    assert getattr(mf, name)(x, inplace=True) is x
    np.testing.assert_array_equal(x.asnumpy(), out.asnumpy())
    with pytest.raises(TypeError, match="inplace"):
        getattr(mf, name)(x, inplace=1)


def test_threshold_inplace_flag_and_bad_input():
    x = t(X)
    assert mf.threshold(x, 0.0, -1.0, True) is x
    np.testing.assert_array_equal(x.asnumpy(), np.where(X > 0, X, -1.0).astype(np.float32))
    with pytest.raises(TypeError):
        mf.relu_(X)
    assert ops.isfinite(x).all()
