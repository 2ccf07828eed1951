"""Generate tests/data/mindspore_2_10_ftrl.npz with real MindSpore 2.10 (run by hand, never in CI):

    /work/msvenv/bin/python tests/data/make_ftrl_outputs.py

For each case: the initial weight, five gradients, and nn.FTRL's weight, `moments` and
`linear` after each step (PYNATIVE, CPU).
"""
import pathlib

import mindspore as ms
import numpy as np
from mindspore import Parameter, Tensor, nn

CASES = {
    "default": {},
    "l1_l2": {"learning_rate": 0.1, "l1": 0.001, "l2": 0.001},
    "power": {"learning_rate": 0.05, "lr_power": -0.3, "l1": 0.05, "initial_accum": 0.2},
    "fixed_rate": {"learning_rate": 0.2, "lr_power": 0.0, "l2": 0.01},
    "decay_scale": {"learning_rate": 0.1, "weight_decay": 0.01, "loss_scale": 4.0},
}


def main():
    ms.set_context(mode=ms.PYNATIVE_MODE)
    out = {}
    rng = np.random.default_rng(2010)
    for case, kwargs in CASES.items():
        w0 = rng.standard_normal((3, 4)).astype(np.float32)
        grads = rng.standard_normal((5, 3, 4)).astype(np.float32)
        param = Parameter(Tensor(w0), name="w")
        opt = nn.FTRL([param], **kwargs)
        out[f"{case}/w0"] = w0
        out[f"{case}/grads"] = grads
        for step, grad in enumerate(grads):
            opt((Tensor(grad),))
            out[f"{case}/w/{step}"] = param.asnumpy().copy()  # asnumpy views the live buffer
            out[f"{case}/moments/{step}"] = opt.moments[0].asnumpy().copy()
            out[f"{case}/linear/{step}"] = opt.linear[0].asnumpy().copy()
    np.savez_compressed(pathlib.Path(__file__).with_name("mindspore_2_10_ftrl.npz"), **out)


if __name__ == "__main__":
    main()
