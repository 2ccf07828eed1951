"""Run by hand under real MindSpore 2.10 (never in CI): a network whose weights are set again
with a NumPy-drawing custom Initializer (the model zoo's KaimingNormal pattern, VGG's
re-initialisation), recording the values and NumPy's global RNG afterwards.

    /path/to/mindspore-venv/bin/python tests/data/make_custom_init_fixture.py
"""
import math
import pathlib

import numpy as np
import mindspore as ms
from mindspore import nn
from mindspore.common import initializer as init


class KaimingNormal(init.Initializer):
    """The model zoo's custom initializer: fills with np.random.normal (NumPy's global RNG)."""

    def __init__(self, gain=math.sqrt(2.0)):
        super().__init__()
        self.gain = gain

    def _initialize(self, arr):
        fan_in = arr.shape[1] * (int(np.prod(arr.shape[2:])) if arr.ndim > 2 else 1)
        arr[...] = np.random.normal(0, self.gain / math.sqrt(fan_in), arr.shape)


def main():
    ms.set_seed(11)
    net = nn.SequentialCell([nn.Conv2d(3, 4, 3, has_bias=True), nn.Conv2d(4, 2, 1), nn.Dense(8, 3)])
    for _, cell in net.cells_and_names():
        if isinstance(cell, nn.Conv2d):
            cell.weight.set_data(init.initializer(KaimingNormal(), cell.weight.shape, cell.weight.dtype))
        elif isinstance(cell, nn.Dense):
            cell.weight.set_data(init.initializer(init.Normal(0.01), cell.weight.shape, cell.weight.dtype))
    fresh = ms.Parameter(init.initializer(KaimingNormal(), [5, 6], ms.float32), name="fresh")
    values = {name: p.asnumpy() for name, p in net.parameters_and_names()}
    values["fresh"] = fresh.asnumpy()
    values["next_numpy_draw"] = np.random.randint(0, 2**31, size=4)
    np.savez(pathlib.Path(__file__).with_name("custom_init_reinit.npz"), **values)


if __name__ == "__main__":
    main()
