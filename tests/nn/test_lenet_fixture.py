"""A sporax LeNet-5 against MindSpore 2.10's (fixtures/mindspore-2.10/lenet5_*)."""
import numpy as np

from sporax import Tensor
from tests.nn.lenet import build


def test_same_seed_gives_mindspore_2_10_initial_weights_bit_for_bit(fixtures_dir):
    net = build(seed=7)
    values = np.load(fixtures_dir / "lenet5_values.npz")
    names = [p.name for p in net.get_parameters()]
    assert names == list(values.keys())
    for param in net.get_parameters():
        np.testing.assert_array_equal(param.asnumpy(), values[param.name])


def test_values_loaded_by_set_data_reproduce_mindspores_output(fixtures_dir):
    net = build(seed=0)
    values = np.load(fixtures_dir / "lenet5_values.npz")
    for param in net.get_parameters():
        param.set_data(Tensor(values[param.name]))
    out = net(Tensor(np.load(fixtures_dir / "lenet5_input.npy"))).asnumpy()
    expected = np.load(fixtures_dir / "lenet5_output.npy")
    assert np.abs(out - expected).max() <= 1e-5


def test_parameters_stay_lazy_until_the_forward():
    net = build()
    assert all(p.has_init for p in net.get_parameters() if p.name.endswith("weight"))
    net(Tensor(np.zeros((1, 1, 32, 32), np.float32)))
    assert not any(p.has_init for p in net.get_parameters())
