"""A user's Initializer that fills with NumPy's global RNG runs its draws when MindSpore
would (at Parameter construction, at set_data), so a network re-initialised the model
zoo's way starts from MindSpore's weights, while the Parameter itself stays lazy."""
import math
import pathlib

import numpy as np

import sporax as ms
from sporax import nn
from sporax.common import initializer as init

FIXTURE = pathlib.Path(__file__).resolve().parents[1] / "data" / "custom_init_reinit.npz"


class KaimingNormal(init.Initializer):
    def __init__(self, gain=math.sqrt(2.0)):
        super().__init__()
        self.gain = gain
        self.calls = 0

    def _initialize(self, arr):
        self.calls += 1
        fan_in = arr.shape[1] * (int(np.prod(arr.shape[2:])) if arr.ndim > 2 else 1)
        arr[...] = np.random.normal(0, self.gain / math.sqrt(fan_in), arr.shape)


def test_reinitialising_with_a_numpy_custom_initializer_gives_mindspores_weights():
    expected = np.load(FIXTURE)
    ms.set_seed(11)
    net = nn.SequentialCell([nn.Conv2d(3, 4, 3, has_bias=True), nn.Conv2d(4, 2, 1), nn.Dense(8, 3)])
    for _, cell in net.cells_and_names():
        if isinstance(cell, nn.Conv2d):
            cell.weight.set_data(init.initializer(KaimingNormal(), cell.weight.shape, cell.weight.dtype))
        elif isinstance(cell, nn.Dense):
            cell.weight.set_data(init.initializer(init.Normal(0.01), cell.weight.shape, cell.weight.dtype))
    fresh = ms.Parameter(init.initializer(KaimingNormal(), [5, 6], ms.float32), name="fresh")
    next_draw = np.random.randint(0, 2**31, size=4)  # before anything is materialised
    np.testing.assert_array_equal(next_draw, expected["next_numpy_draw"])
    for name, param in net.parameters_and_names():
        np.testing.assert_array_equal(param.asnumpy(), expected[name], err_msg=name)
    np.testing.assert_array_equal(fresh.asnumpy(), expected["fresh"])


def test_the_parameter_stays_lazy_and_replays_the_same_values():
    ms.set_seed(5)
    custom = KaimingNormal()
    param = ms.Parameter(init.initializer(custom, [4, 3]), name="w")
    after_construction = np.random.get_state()[1].copy()
    assert param.has_init
    first = param.asnumpy()
    np.testing.assert_array_equal(np.random.get_state()[1], after_construction)  # replay takes nothing
    ms.set_seed(5)
    np.testing.assert_array_equal(first, np.random.normal(0, math.sqrt(2.0) / math.sqrt(3), (4, 3)).astype(np.float32))
