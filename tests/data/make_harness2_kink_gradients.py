"""Run by hand under MindSpore 2.10: gradients of the piecewise-linear activations at their
kinks and around them -> tests/data/mindspore_2_10_kink_gradients.npz.

    /work/msvenv/bin/python tests/data/make_harness2_kink_gradients.py
"""
import pathlib

import numpy as np
import mindspore as ms
from mindspore import nn, ops

HERE = pathlib.Path(__file__).resolve().parent
POINTS = np.array([-7, -6, -3.0000002, -3, -2.9999998, -1e-7, 0, 1e-7, 0.5, 2.9999998, 3, 3.0000002,
                   5.9999995, 6, 6.0000005, 7], np.float32)
WEIGHTS = np.linspace(0.5, 2.0, POINTS.size).astype(np.float32)
CASES = {"ReLU6": ops.ReLU6(), "relu6": ops.relu6, "nn.ReLU6": nn.ReLU6(), "HSigmoid": ops.HSigmoid(),
         "HSwish": ops.HSwish(), "hardswish": ops.hardswish, "nn.HSwish": nn.HSwish(), "nn.HSigmoid": nn.HSigmoid()}


def main():
    out = {"points": POINTS, "weights": WEIGHTS}
    for name, op in CASES.items():
        def loss(x, op=op):
            return (op(x) * ms.Tensor(WEIGHTS)).sum()

        out[name + "/forward"] = op(ms.Tensor(POINTS)).asnumpy()
        out[name + "/grad"] = ms.grad(loss)(ms.Tensor(POINTS)).asnumpy()
    np.savez(HERE / "mindspore_2_10_kink_gradients.npz", **out)


if __name__ == "__main__":
    main()
