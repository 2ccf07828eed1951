"""Each optimizer: N steps equal a NumPy re-implementation of MindSpore's update rule (1e-6),
with groups, schedules, weight decay and loss scale."""
import numpy as np
import pytest

from sporax import Parameter, Tensor, nn

STEPS = 6


def f32(x):
    """MindSpore holds hyperparameters as float32 Tensors: the reference uses those values."""
    return float(np.float32(x))
RNG = np.random.default_rng(3)
SHAPES = {"dense.weight": (3, 4), "dense.bias": (3,), "bn.gamma": (3,)}


def make_params():
    return {n: Parameter(Tensor(RNG.standard_normal(s).astype(np.float32)), name=n) for n, s in SHAPES.items()}


def gradient_sequence():
    rng = np.random.default_rng(11)
    return [{n: rng.standard_normal(s).astype(np.float32) for n, s in SHAPES.items()} for _ in range(STEPS)]


def run(optimizer, params, grads, scale=1.0):
    for step in grads:
        optimizer(tuple(Tensor(step[p.name] * np.float32(scale)) for p in optimizer.parameters))
    return {n: p.asnumpy().astype(np.float64) for n, p in params.items()}


def start(params):
    return {n: p.asnumpy().astype(np.float64) for n, p in params.items()}


def decays(names, wd):
    return {n: (wd if "beta" not in n and "gamma" not in n else 0.0) for n in names}


@pytest.mark.parametrize("nesterov", [False, True])
def test_momentum_with_weight_decay_and_loss_scale(nesterov):
    params, grads = make_params(), gradient_sequence()
    p = start(params)
    opt = nn.Momentum(list(params.values()), 0.05, 0.9, weight_decay=0.01, loss_scale=128.0, use_nesterov=nesterov)
    got = run(opt, params, grads, scale=128.0)
    wd = decays(p, 0.01)
    accum = {n: np.zeros_like(v) for n, v in p.items()}
    for step in grads:
        for n in p:
            g = step[n] + wd[n] * p[n]
            accum[n] = 0.9 * accum[n] + g
            p[n] -= 0.05 * (g + 0.9 * accum[n] if nesterov else accum[n])
    for n in p:
        np.testing.assert_allclose(got[n], p[n], rtol=1e-6, atol=1e-6)
    assert int(opt.global_step.asnumpy()[0]) == STEPS and opt.moments[0].name == "moments.dense.weight"


def test_sgd_with_momentum_dampening_and_list_learning_rate():
    params, grads = make_params(), gradient_sequence()
    p = start(params)
    lrs = [0.1, 0.05, 0.05, 0.02, 0.01, 0.01]
    got = run(nn.SGD(list(params.values()), lrs, momentum=0.8, dampening=0.1, weight_decay=0.02), params, grads)
    wd = decays(p, 0.02)
    accum = {n: np.zeros_like(v) for n, v in p.items()}
    for t, step in enumerate(grads):
        for n in p:
            g = step[n] + wd[n] * p[n]
            accum[n] = g if t == 0 else 0.8 * accum[n] + 0.9 * g
            p[n] -= lrs[t] * accum[n]
    for n in p:
        np.testing.assert_allclose(got[n], p[n], rtol=1e-6, atol=1e-6)


def adam_reference(p, grads, lr, b1, b2, eps, wd=0.0, nesterov=False, lr_at=None):
    m = {n: np.zeros_like(v) for n, v in p.items()}
    v = {n: np.zeros_like(v) for n, v in p.items()}
    for t, step in enumerate(grads, 1):
        rate = lr_at(t - 1) if lr_at else lr
        for n in p:
            g = step[n] + wd.get(n, 0.0) * p[n] if wd else step[n]
            m[n] = b1 * m[n] + (1 - b1) * g
            v[n] = b2 * v[n] + (1 - b2) * g * g
            lr_t = rate * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
            numerator = b1 * m[n] + (1 - b1) * g if nesterov else m[n]
            p[n] -= lr_t * numerator / (np.sqrt(v[n]) + eps)
    return p


def test_adam_with_a_schedule():
    params, grads = make_params(), gradient_sequence()
    p = start(params)
    schedule = nn.ExponentialDecayLR(0.01, 0.9, 2)
    got = run(nn.Adam(list(params.values()), schedule, eps=1e-8), params, grads)
    expected = adam_reference(p, grads, 0.01, f32(0.9), f32(0.999), f32(1e-8), lr_at=lambda s: 0.01 * 0.9 ** (s / 2))
    for n in p:
        np.testing.assert_allclose(got[n], expected[n], rtol=1e-6, atol=1e-6)


def test_adam_weight_decay_skips_gamma_and_beta():
    params, grads = make_params(), gradient_sequence()
    p = start(params)
    got = run(nn.AdamWeightDecay(list(params.values()), 0.01, weight_decay=0.1), params, grads)
    wd = decays(p, 0.1)
    m = {n: np.zeros_like(v) for n, v in p.items()}
    v = {n: np.zeros_like(v) for n, v in p.items()}
    b1, b2, eps = f32(0.9), f32(0.999), f32(1e-6)
    for step in grads:
        for n in p:
            g = step[n]
            m[n] = b1 * m[n] + (1 - b1) * g
            v[n] = b2 * v[n] + (1 - b2) * g * g
            p[n] -= f32(0.01) * (m[n] / (np.sqrt(v[n]) + eps) + f32(wd[n]) * p[n])
    for n in p:
        np.testing.assert_allclose(got[n], p[n], rtol=1e-6, atol=1e-6)


def test_lamb():
    params, grads = make_params(), gradient_sequence()
    p = start(params)
    got = run(nn.Lamb(list(params.values()), 0.01, weight_decay=0.01), params, grads)
    wd = decays(p, 0.01)
    m = {n: np.zeros_like(v) for n, v in p.items()}
    v = {n: np.zeros_like(v) for n, v in p.items()}
    b1, b2, eps = f32(0.9), f32(0.999), f32(1e-6)
    for t, step in enumerate(grads, 1):
        for n in p:
            g = step[n]
            m[n] = b1 * m[n] + (1 - b1) * g
            v[n] = b2 * v[n] + (1 - b2) * g * g
            u = (m[n] / (1 - b1 ** t)) / (np.sqrt(v[n] / (1 - b2 ** t)) + eps) + wd[n] * p[n]
            ratio = np.linalg.norm(p[n]) / np.linalg.norm(u)
            p[n] -= 0.01 * ratio * u
    for n in p:
        np.testing.assert_allclose(got[n], p[n], rtol=1e-6, atol=1e-6)


def test_groups_with_their_own_lr_and_weight_decay_and_order():
    params, grads = make_params(), gradient_sequence()
    p = start(params)
    w, b, gamma = params["dense.weight"], params["dense.bias"], params["bn.gamma"]
    groups = [{"params": [w], "lr": 0.1, "weight_decay": 0.05}, {"params": [b, gamma]},
              {"order_params": [gamma, w, b]}]
    opt = nn.Momentum(groups, 0.01, 0.5, weight_decay=0.0)
    assert [x.name for x in opt.parameters] == ["bn.gamma", "dense.weight", "dense.bias"]
    got = run(opt, params, grads)
    lr = {"dense.weight": 0.1, "dense.bias": 0.01, "bn.gamma": 0.01}
    wd = {"dense.weight": 0.05, "dense.bias": 0.0, "bn.gamma": 0.0}
    accum = {n: np.zeros_like(v) for n, v in p.items()}
    for step in grads:
        for n in p:
            g = step[n] + wd[n] * p[n]
            accum[n] = 0.5 * accum[n] + g
            p[n] -= lr[n] * accum[n]
    for n in p:
        np.testing.assert_allclose(got[n], p[n], rtol=1e-6, atol=1e-6)


def test_frozen_parameters_get_no_state_and_no_update():
    net = nn.Dense(4, 3)
    net.bias.requires_grad = False
    frozen = net.bias.asnumpy().copy()
    opt = nn.Adam(net.get_parameters(), 0.1)
    assert [p.name for p in opt.parameters] == ["weight"] and len(opt.moment1) == 1
    step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), opt)
    for _ in range(5):
        step(Tensor(np.ones((2, 4), np.float32)), Tensor(np.zeros((2, 3), np.float32)))
    assert net.bias.asnumpy().tobytes() == frozen.tobytes()


@pytest.mark.parametrize("make, error, match", [
    (lambda p: nn.Momentum(p, 0.1, -1.0), ValueError, "'momentum' must be a float >= 0"),
    (lambda p: nn.Momentum([], 0.1, 0.9), ValueError, "must not be empty"),
    (lambda p: nn.Momentum([1, 2], 0.1, 0.9), TypeError, "must be 'Parameter' or 'dict'"),
    (lambda p: nn.Momentum(p, -0.1, 0.9), ValueError, "'learning_rate' must be >= 0"),
    (lambda p: nn.Momentum(p, "fast", 0.9), TypeError, "'learning_rate' must be a number"),
    (lambda p: nn.Momentum(p, 0.1, 0.9, loss_scale=0.0), ValueError, "'loss_scale' must be a float > 0"),
    (lambda p: nn.Adam(p, beta1=1.5), ValueError, "'beta1' must be a float in range"),
    (lambda p: nn.SGD(p, nesterov=True), ValueError, "'nesterov' is true, 'momentum' must be > 0.0"),
    (lambda p: nn.Momentum([{"params": p, "bogus": 1}], 0.1, 0.9), ValueError, "each group dict needs 'params'"),
])
def test_validation(make, error, match):
    with pytest.raises(error, match=match):
        make(list(make_params().values()))


def test_learning_rate_schedules_and_lists():
    step = Tensor(np.int32([3]))
    assert float(nn.ExponentialDecayLR(0.1, 0.5, 2)(step)) == pytest.approx(0.1 * 0.5 ** 1.5, rel=1e-6)
    assert float(nn.ExponentialDecayLR(0.1, 0.5, 2, is_stair=True)(step)) == pytest.approx(0.05, rel=1e-6)
    assert float(nn.CosineDecayLR(0.01, 0.1, 4)(step)) == pytest.approx(0.01 + 0.045 * (1 + np.cos(np.pi * 0.75)), rel=1e-6)
    assert float(nn.WarmUpLR(0.1, 6)(step)) == pytest.approx(0.05, rel=1e-6)
    assert float(nn.PolynomialDecayLR(0.1, 0.01, 4, 2.0)(step)) == pytest.approx(0.09 * 0.25 ** 2 + 0.01, rel=1e-6)
    assert nn.piecewise_constant_lr([2, 5], [0.1, 0.05]) == [0.1, 0.1, 0.05, 0.05, 0.05]
    assert nn.warmup_lr(0.1, 4, 2, 2) == [0.0, 0.0, 0.05, 0.05]
    assert nn.exponential_decay_lr(0.1, 0.5, 4, 1, 2, is_stair=True) == [0.1, 0.1, 0.05, 0.05]
    assert nn.cosine_decay_lr(0.0, 0.1, 3, 1, 2)[1] == pytest.approx(0.05)
    with pytest.raises(ValueError, match="'milestone' must be increasing"):
        nn.piecewise_constant_lr([3, 2], [0.1, 0.2])
