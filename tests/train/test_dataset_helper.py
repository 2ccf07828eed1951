"""DatasetHelper, connect_network_with_dataset and data_sink: sink mode reads the same batches,
in the same order, as iterating the dataset."""
import numpy as np
import pytest

import sporax as ms
from sporax import nn, train
from sporax.dataset import NumpySlicesDataset

X = np.arange(24, dtype=np.float32).reshape(6, 4)
Y = np.arange(6, dtype=np.float32)


def dataset():
    return NumpySlicesDataset({"x": X, "y": Y}, shuffle=False).batch(2)


class Pair(nn.Cell):
    def construct(self, x, y):
        return x.sum() + y.sum()


def test_without_sink_each_item_is_a_batch():
    batches = list(train.DatasetHelper(dataset(), dataset_sink_mode=False))
    assert len(batches) == 3
    np.testing.assert_array_equal(batches[1][0].asnumpy(), X[2:4])
    np.testing.assert_array_equal(batches[2][1].asnumpy(), Y[4:6])


def test_sink_mode_items_are_empty_and_the_connected_network_reads_the_batches():
    helper = train.DatasetHelper(dataset(), dataset_sink_mode=True)
    assert helper.sink_size() == 3
    net = train.connect_network_with_dataset(Pair(), helper)
    outputs = [float(net(*inputs).asnumpy()) for inputs in helper]
    expected = [float(X[i:i + 2].sum() + Y[i:i + 2].sum()) for i in (0, 2, 4)]
    assert [inputs for inputs in helper] == [(), (), ()] and outputs == expected
    assert train.connect_network_with_dataset(net.network, helper) is net
    with pytest.raises(ValueError, match="The dataset has been connected to other network"):
        train.connect_network_with_dataset(Pair(), helper)


def test_connect_needs_sink_mode_and_sink_size_is_checked():
    with pytest.raises(RuntimeError, match="should be called in dataset sink mode"):
        train.connect_network_with_dataset(Pair(), train.DatasetHelper(dataset(), dataset_sink_mode=False))
    with pytest.raises(ValueError, match="The 'sink_size' must be -1 or positive, but got sink_size 0."):
        train.DatasetHelper(dataset(), sink_size=0)
    assert train.DatasetHelper(dataset(), sink_size=2).sink_size() == 2


def test_data_sink_runs_sink_size_steps_per_call_in_order():
    seen = []

    def step(x, y):
        seen.append(float(y.asnumpy()[0]))
        return x.sum()

    sunk = train.data_sink(step, dataset(), sink_size=2)
    out = sunk()
    assert seen == [0.0, 2.0] and float(out.asnumpy()) == float(X[2:4].sum())
    sunk()
    assert seen == [0.0, 2.0, 4.0, 0.0]  # the dataset repeats across epochs
    with pytest.raises(ValueError, match="For 'data_sink', the 'sink_size' must be a positive int, but got 0."):
        train.data_sink(step, dataset(), sink_size=0)
    with pytest.raises(TypeError, match="the sink function takes no inputs"):
        sunk(1)
