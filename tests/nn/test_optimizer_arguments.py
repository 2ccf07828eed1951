"""nn optimizers added for issue 11: bad input raises MindSpore 2.10's errors (messages observed
with the oracle); LARS (no CPU kernel in MindSpore) against its documented formula."""
import re

import numpy as np
import pytest

import sporax as ms
from sporax import nn


def params():
    return nn.Dense(3, 2).trainable_params()


BAD = [
    (lambda p: nn.RMSProp(p, decay=1), TypeError, "For 'RMSProp', the type of 'decay' should be 'float', but got type 'int'."),
    (lambda p: nn.RMSProp(p, decay=-0.1), ValueError,
     "For 'RMSProp', the 'decay' must be float and must >= 0, but got '-0.1' with type 'float'."),
    (lambda p: nn.RMSProp(p, epsilon=0.0), ValueError,
     "For 'RMSProp', the 'epsilon' must be float and must > 0, but got '0.0' with type 'float'."),
    (lambda p: nn.RMSProp(p, centered=1), TypeError, "For 'RMSProp', the type of 'centered' should be 'bool', but got type 'int'."),
    (lambda p: nn.ProximalAdagrad(p, l1=-1.0), ValueError,
     "For 'ProximalAdagrad', the 'l1' must be float and must >= 0, but got '-1.0' with type 'float'."),
    (lambda p: nn.ProximalAdagrad(p, accum=1), TypeError,
     "For 'ProximalAdagrad', the type of 'accum' should be 'float', but got type 'int'."),
    (lambda p: nn.AdaMax(p, beta1=1.0), ValueError,
     "For 'AdaMax', the 'beta1' must be in range of (0.0, 1.0), but got 1.0 with type 'float'."),
    (lambda p: nn.AdaMax(p, eps=0.0), ValueError, "For 'AdaMax', the 'eps' must be float and must > 0, but got '0.0' with type 'float'."),
    (lambda p: nn.Adadelta(p, rho=1.5), ValueError,
     "For 'Adadelta', the 'rho' must be in range of [0.0, 1.0], but got 1.5 with type 'float'."),
    (lambda p: nn.Adadelta(p, epsilon=-1.0), ValueError,
     "For 'Adadelta', the 'epsilon' must be float and must >= 0, but got '-1.0' with type 'float'."),
    (lambda p: nn.Rprop(p, etas=[0.5, 1.2]), TypeError, "For Rprop, etas must be a tuple, but got <class 'list'>."),
    (lambda p: nn.Rprop(p, etas=(0.5, 1.0)), ValueError, "For Rprop, etaplus must be greater than 1.0, but got etaplus 1.0."),
    (lambda p: nn.Rprop(p, step_sizes=(1.0, 0.5)), ValueError,
     "For Rprop, maximal step size should not be less than minimal step size, but got 1.0 > 0.5."),
    (lambda p: nn.Rprop(p, etas=(1.5, 1.2)), ValueError,
     "For 'Rprop', the 'etaminus' must be in range of (0.0, 1.0), but got 1.5 with type 'float'."),
    (lambda p: nn.ASGD(p, lambd=1), TypeError, "For 'ASGD', the type of 'lambd' should be 'float', but got type 'int'."),
    (lambda p: nn.LazyAdam(p, weight_decay=1), TypeError,
     "For 'LazyAdam', the type of 'weight_dacay' should be 'float', but got type 'int'."),
    (lambda p: nn.Adam(p, use_lazy=True, use_offload=True), ValueError,
     "For 'Adam', 'use_lazy' and 'use_offload' can not both be True.But got use_lazy=True, use_offload=True."),
    (lambda p: nn.Adam(p, foo=1), KeyError, "For 'Adam', invalid keys are passed as kwargs"),
    (lambda p: nn.Adam(p, use_amsgrad=True, use_lazy=True), ValueError,
     "For lazy Adam and Adam with offload, there is no parameter named 'use_amsgrad'.but got 'use_amsgrad'=True."),
    (lambda p: nn.LARS(p), TypeError, "For 'LARS', the type of 'optimizer' should be 'Optimizer'"),
    (lambda p: nn.NaturalExpDecayLR(0.1, 0.9, 0), ValueError,
     "For 'NaturalExpDecayLR', the 'decay_steps' must be int and must > 0, but got '0' with type 'int'."),
    (lambda p: nn.InverseDecayLR(-0.1, 0.9, 2), ValueError,
     "For 'InverseDecayLR', the 'learning_rate' must be float and must > 0, but got '-0.1' with type 'float'."),
    (lambda p: nn.natural_exp_decay_lr(0.1, 0.9, 0, 2, 3), ValueError,
     "The 'total_step' must be int and must > 0, but got '0' with type 'int'."),
    (lambda p: nn.inverse_decay_lr(0.1, 0.9, 10, 2, 3, 1), TypeError,
     "The type of 'is_stair' should be 'bool', but got type 'int'."),
]


@pytest.mark.parametrize("index", range(len(BAD)))
def test_bad_arguments_raise_mindspore_errors(index):
    make, error, message = BAD[index]
    with pytest.raises(error, match=re.escape(message)):
        make(params())


def test_state_parameters_have_mindspore_names_and_starts():
    net = nn.Dense(3, 2)
    rms = nn.RMSProp(net.trainable_params(), centered=True)
    assert [p.name for p in rms.ms] == ["mean_square.weight", "mean_square.bias"]
    assert [p.name for p in rms.mg] == ["mean_grad.weight", "mean_grad.bias"]
    assert np.all(rms.ms[0].asnumpy() == 1.0) and np.all(rms.moment[0].asnumpy() == 0.0)
    asgd = nn.ASGD(net.trainable_params())
    assert [p.name for p in asgd.eta] == ["eta_weight", "eta_bias"] and asgd.ax[0].name == "ax_.weight"
    assert nn.AdaMax(net.trainable_params()).beta1_power.shape == (1,)
    assert nn.LazyAdam(net.trainable_params()).beta1_power.shape == (1,)
    assert nn.Adam(net.trainable_params()).beta1_power.shape == ()
    assert [p.name for p in nn.Adam(net.trainable_params(), use_amsgrad=True).vhat] == ["vhat.weight", "vhat.bias"]


def _lars_reference(w, g, wd, coefficient, eps, lr, clip):
    w_norm, g_norm = np.linalg.norm(w), np.linalg.norm(g)
    trust = coefficient * w_norm / (g_norm + wd * w_norm + eps) if w_norm > 0 and g_norm > 0 else 1.0
    if clip:
        trust = min(trust / lr, 1.0)
    return trust * (g + wd * w)


@pytest.mark.parametrize("clip", [False, True])
def test_lars_scales_the_gradient_then_steps_the_wrapped_momentum(clip):
    rng = np.random.RandomState(3)
    w0, b0 = rng.randn(2, 3).astype(np.float32), rng.randn(2).astype(np.float32)
    net = nn.Dense(3, 2, weight_init=ms.Tensor(w0), bias_init=ms.Tensor(b0))
    inner = nn.Momentum(net.trainable_params(), learning_rate=0.1, momentum=0.9, weight_decay=0.01)
    lars = nn.LARS(inner, epsilon=1e-5, coefficient=0.5, use_clip=clip)
    w, b = w0.astype(np.float64), b0.astype(np.float64)
    mw, mb = np.zeros_like(w), np.zeros_like(b)
    for step in range(3):
        gw, gb = rng.randn(2, 3).astype(np.float32), rng.randn(2).astype(np.float32)
        lars((ms.Tensor(gw), ms.Tensor(gb)))
        # the weight goes through LARS (with the inner optimizer's decay); the bias is filtered out
        gw = _lars_reference(w, gw.astype(np.float64), 0.01, 0.5, 1e-5, 0.1, clip)
        mw, mb = 0.9 * mw + gw, 0.9 * mb + gb
        w, b = w - 0.1 * mw, b - 0.1 * mb
        np.testing.assert_allclose(net.weight.asnumpy(), w, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(net.bias.asnumpy(), b, rtol=1e-5, atol=1e-6)
    assert int(inner.global_step.asnumpy()[0]) == 3 and lars.global_step is inner.global_step


def test_lars_update_primitive_follows_its_formula():
    rng = np.random.RandomState(5)
    w, g = rng.randn(2, 3).astype(np.float32), rng.randn(2, 3).astype(np.float32)
    w2, g2 = ms.ops.SquareSumAll()(ms.Tensor(w), ms.Tensor(g))
    got = ms.ops.LARSUpdate(1e-5, 0.5, False)(ms.Tensor(w), ms.Tensor(g), w2, g2, 0.01, 0.1)
    np.testing.assert_allclose(got.asnumpy(), _lars_reference(w.astype(np.float64), g.astype(np.float64), 0.01, 0.5,
                                                              1e-5, 0.1, False), rtol=1e-5)
