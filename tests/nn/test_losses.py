import numpy as np
import pytest

from sporax import Tensor, nn

RNG = np.random.default_rng(4)


def t(a):
    return Tensor(np.asarray(a, np.float32) if np.asarray(a).dtype.kind == "f" else np.asarray(a))


def log_softmax(x, axis=-1):
    x = x - x.max(axis, keepdims=True)
    return x - np.log(np.exp(x).sum(axis, keepdims=True))


@pytest.mark.parametrize("reduction, fn", [("mean", np.mean), ("sum", np.sum), ("none", lambda a: a)])
def test_mse_and_l1(reduction, fn):
    x, y = RNG.standard_normal((3, 4)), RNG.standard_normal((3, 4))
    np.testing.assert_allclose(nn.MSELoss(reduction)(t(x), t(y)).asnumpy(), fn((x - y) ** 2), rtol=1e-5)
    np.testing.assert_allclose(nn.L1Loss(reduction)(t(x), t(y)).asnumpy(), fn(np.abs(x - y)), rtol=1e-5)


def test_softmax_cross_entropy_dense_and_sparse():
    x = RNG.standard_normal((5, 4))
    labels = np.array([0, 3, 1, 2, 3])
    one_hot = np.eye(4)[labels]
    expected = -(one_hot * log_softmax(x)).sum(-1)
    np.testing.assert_allclose(nn.SoftmaxCrossEntropyWithLogits()(t(x), t(one_hot)).asnumpy(), expected, rtol=1e-5)
    sparse = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")(t(x), Tensor(labels.astype(np.int32)))
    assert float(sparse) == pytest.approx(expected.mean(), rel=1e-5)


def test_bce_with_logits_weights():
    x, y = RNG.standard_normal((4, 3)), (RNG.random((4, 3)) > 0.5).astype(np.float64)
    w, pw = RNG.random(3) + 0.5, RNG.random(3) + 0.5
    sig = 1 / (1 + np.exp(-x))
    expected = (-(pw * y * np.log(sig) + (1 - y) * np.log(1 - sig)) * w).mean()
    got = nn.BCEWithLogitsLoss(weight=t(w), pos_weight=t(pw))(t(x), t(y))
    assert float(got) == pytest.approx(expected, rel=1e-5)


def test_cross_entropy_with_weights_ignore_index_and_smoothing():
    x = RNG.standard_normal((6, 4))
    y = np.array([0, 1, -100, 3, 2, 1])
    w = np.array([1.0, 2.0, 0.5, 1.5])
    lp = log_softmax(x)
    mask = y != -100
    picked = -lp[np.arange(6)[mask], y[mask]] * w[y[mask]]
    got = nn.CrossEntropyLoss(weight=t(w))(t(x), Tensor(y.astype(np.int32)))
    assert float(got) == pytest.approx(picked.sum() / w[y[mask]].sum(), rel=1e-5)
    probabilities = np.eye(4)[np.array([0, 1, 2, 3, 2, 1])] * 0.8 + 0.05
    expected = (-(lp * probabilities).sum(-1)).mean()
    assert float(nn.CrossEntropyLoss()(t(x), t(probabilities))) == pytest.approx(expected, rel=1e-5)
    smooth = nn.CrossEntropyLoss(label_smoothing=0.1)(t(x), Tensor(np.array([0, 1, 2, 3, 2, 1], np.int32)))
    hard = -lp[np.arange(6), [0, 1, 2, 3, 2, 1]]
    assert float(smooth) == pytest.approx((0.9 * hard + 0.1 * (-lp.mean(-1))).mean(), rel=1e-5)


def test_validation():
    with pytest.raises(ValueError, match="'reduction' must be in"):
        nn.MSELoss("avg")
    with pytest.raises(ValueError, match="must have the same shape"):
        nn.MSELoss()(t(np.ones(3)), t(np.ones(4)))
    with pytest.raises(TypeError, match="sparse labels must be an int Tensor"):
        nn.SoftmaxCrossEntropyWithLogits(sparse=True)(t(np.ones((2, 3))), t(np.ones(2)))
