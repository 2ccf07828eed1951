"""Oracle fixture: a tiny Dense net trained 5 steps on fixed inputs; parameters after each step.

Run by hand with real MindSpore 2.10:  /work/msvenv/bin/python tests/data/optim/gen_optimizers_more.py
"""
import pathlib

import numpy as np
import mindspore as ms
from mindspore import nn

W0 = np.array([[0.5, -0.25, 0.1], [0.3, 0.2, -0.4]], np.float32)
B0 = np.array([0.05, -0.1], np.float32)
X = np.array([[1.0, 2.0, -1.0], [0.5, -1.5, 2.0], [-0.3, 0.8, 0.1], [2.0, 0.0, -0.5]], np.float32)
Y = np.array([[1.0, -1.0], [0.0, 2.0], [0.5, 0.5], [-1.0, 1.0]], np.float32)
CASES = {
    "Adagrad_default": (nn.Adagrad, {}),
    "Adagrad_lr_wd": (nn.Adagrad, {"accum": 0.3, "learning_rate": 0.05, "weight_decay": 0.01, "loss_scale": 2.0}),
    "Adagrad_no_slots": (nn.Adagrad, {"accum": 1.0, "learning_rate": 0.1, "update_slots": False}),
}


def trace(cls, kwargs):
    net = nn.Dense(3, 2, weight_init=ms.Tensor(W0), bias_init=ms.Tensor(B0))
    optimizer = cls(net.trainable_params(), **kwargs)
    step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), optimizer,
                               sens=float(kwargs.get("loss_scale", 1.0)))
    steps = []
    for _ in range(5):
        step(ms.Tensor(X), ms.Tensor(Y))
        steps.append(np.concatenate([net.weight.asnumpy().ravel(), net.bias.asnumpy().ravel()]))
    return np.stack(steps)


out = {name: trace(cls, kwargs) for name, (cls, kwargs) in CASES.items()}
np.savez_compressed(pathlib.Path(__file__).resolve().with_name("optimizers_more.npz"), W0=W0, B0=B0, X=X, Y=Y, **out)
print({k: v[-1] for k, v in out.items()})
