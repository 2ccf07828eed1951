"""mindspore.experimental.optim: bad input raises MindSpore 2.10's errors (messages observed with
the oracle), groups behave as torch's, the repr is MindSpore's."""
import re

import numpy as np
import pytest

import sporax as ms
from sporax import nn
from sporax.experimental import optim
from sporax.experimental.optim import lr_scheduler as L


def params():
    return nn.Dense(3, 2).trainable_params()


BAD = [
    (lambda p: optim.SGD(p, lr=-0.1), ValueError, "Invalid learning rate: -0.1"),
    (lambda p: optim.SGD(p, lr="a"), TypeError,
     "For 'SGD', the type of 'lr' should be one of '['float', 'int', 'Tensor']', but got type 'str'."),
    (lambda p: optim.Adam(p, betas=(1.0, 0.9)), ValueError, "Invalid beta parameter at index 0: 1.0"),
    (lambda p: optim.Adam(p, eps=-1.0), ValueError, "Invalid epsilon value: -1.0"),
    (lambda p: optim.Adagrad(p, lr=0.0), ValueError, "For Adagrad, the lr must be greater than 0.0, but got 0.0."),
    (lambda p: optim.NAdam(p, betas=(1.0, 0.9)), ValueError,
     "For 'NAdam', the 'betas[0]' must be in range of [0.0, 1.0), but got 1.0 with type 'float'."),
    (lambda p: optim.RMSprop(p, alpha=-1.0), ValueError,
     "For RMSprop, the alpha must be greater than or equal to 0.0, but got -1.0."),
    (lambda p: optim.Rprop(p, etas=(0.5, 1.0)), ValueError, "For Rprop, the etas[1] must be greater than 1.0, but got 1.0."),
    (lambda p: optim.ASGD(p, lambd=1), TypeError, "For 'ASGD', the type of lambd must be float, but got <class 'int'>."),
    (lambda p: optim.SGD([{"params": p}, {"params": p}], lr=0.1), ValueError,
     "some parameters appear in more than one parameter group."),
    (lambda p: optim.SGD(p, lr=0.1, weight_decay="x"), TypeError,
     "For 'Optimizer', the argument 'Weight_decay' must be int or float.but got <class 'str'>"),
    (lambda p: optim.SGD(p, lr=0.1, nesterov=True), ValueError,
     "For 'SGD', if 'nesterov' is true, 'momentum' must be > 0.0 and 'dampening' must equal to 0.0"),
    (lambda p: optim.SGD(None, lr=0.1), ValueError, "For 'Optimizer', the argument params can not be None."),
    (lambda p: optim.SGD([], lr=0.1), ValueError, "For 'Optimizer', the argument params must not be empty."),
    (lambda p: L.StepLR(optim.SGD(p, lr=0.1), step_size=1.5), TypeError,
     "For 'StepLR', the 'step_size' must be int, but got <class 'float'>."),
    (lambda p: L.StepLR(nn.SGD(p), step_size=1), TypeError, "SGD is not an Optimizer"),
    (lambda p: L.LinearLR(optim.SGD(p, lr=0.1), start_factor=0.0), ValueError,
     "Starting multiplicative factor expected to be greater than 0 and less than or equal to 1."),
    (lambda p: L.CosineAnnealingWarmRestarts(optim.SGD(p, lr=0.1), T_0=0), ValueError,
     "T_0 should be an integer and equal or greater than 0, but got 0"),
    (lambda p: L.ReduceLROnPlateau(optim.SGD(p, lr=0.1), factor=1.0), ValueError,
     "The lr factor should be less than 1.0."),
    (lambda p: L.ReduceLROnPlateau(optim.SGD(p, lr=0.1), mode="avg"), ValueError,
     "`mode` should be 'min' or 'max', but got avg."),
    (lambda p: L.StepLR(optim.SGD(p, lr=0.1), step_size=1, last_epoch=-2), ValueError, "Invalid last_epoch: -2"),
    (lambda p: L.StepLR(optim.SGD(p, lr=0.1), step_size=1, last_epoch=3), KeyError,
     "param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer"),
]


@pytest.mark.parametrize("index", range(len(BAD)))
def test_bad_arguments_raise_mindspore_errors(index):
    make, error, message = BAD[index]
    with pytest.raises(error, match=re.escape(message)):
        make(params())


def test_repr_lists_each_group_sorted_without_params():
    net = nn.Dense(3, 2)
    opt = optim.Adam([{"params": [net.weight], "lr": 0.05}, {"params": [net.bias]}], lr=0.1)
    assert repr(opt) == ("Adam (\nParameter Group 0\n    amsgrad: False\n    betas: (0.9, 0.999)\n    eps: 1e-08\n"
                         "    lr: 0.05\n    maximize: False\n    weight_decay: 0.0\n\nParameter Group 1\n"
                         "    amsgrad: False\n    betas: (0.9, 0.999)\n    eps: 1e-08\n    lr: 0.1\n"
                         "    maximize: False\n    weight_decay: 0.0\n)")


def test_groups_take_defaults_and_learning_rates_become_parameters():
    net = nn.Dense(3, 2)
    opt = optim.SGD([{"params": [net.weight], "lr": 0.05}, {"params": net.bias, "momentum": 0.5}], lr=0.1)
    assert [g["momentum"] for g in opt.param_groups] == [0.0, 0.5]
    assert [lr.name for lr in opt.lrs] == ["learning_rate_group_0", "learning_rate_group_1"]
    np.testing.assert_allclose([float(lr.asnumpy()) for lr in opt.lrs], [0.05, 0.1], rtol=1e-7)
    assert opt.group_start_id == [0, 1, 2] and list(opt.parameters) == [net.weight, net.bias]


def test_scheduler_writes_the_optimizers_learning_rate_in_place():
    net = nn.Dense(3, 2)
    opt = optim.SGD(net.trainable_params(), lr=0.1)
    scheduler = L.StepLR(opt, step_size=1, gamma=0.5)
    scheduler.step()
    assert opt.param_groups[0]["lr"] is opt.lrs[0]
    np.testing.assert_allclose(float(opt.lrs[0].asnumpy()), 0.05, rtol=1e-7)
    np.testing.assert_allclose(float(scheduler.get_last_lr()[0].asnumpy()), 0.05, rtol=1e-7)
    scheduler.step(4)  # closed form: 0.1 * 0.5**4
    np.testing.assert_allclose(float(opt.lrs[0].asnumpy()), 0.1 * 0.5 ** 4, rtol=1e-6)


def test_learning_rate_change_reaches_the_next_step():
    net = nn.Dense(1, 1, weight_init="ones", bias_init="zeros")
    opt = optim.SGD(net.trainable_params(), lr=1.0)
    L.ExponentialLR(opt, gamma=0.5).step()  # lr 0.5
    grads = (ms.Tensor(np.float32([[2.0]])), ms.Tensor(np.float32([1.0])))
    opt(grads)
    np.testing.assert_allclose(net.weight.asnumpy(), [[0.0]])
    np.testing.assert_allclose(net.bias.asnumpy(), [-0.5])


def test_wrong_number_of_gradients_is_a_clear_error():
    opt = optim.Adam(params())
    with pytest.raises(ValueError, match="For 'Adam', expected 2 gradients"):
        opt((ms.Tensor(np.zeros((2, 3), np.float32)),))
