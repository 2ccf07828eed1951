"""mint.nn.BatchNorm*d count the training batches they see, as MindSpore 2.10's do: an Int64
Parameter `num_batches_tracked`, listed (and so saved) with the layer's other Parameters."""
import numpy as np
import pytest

import sporax
from sporax import mint


@pytest.mark.parametrize("layer", ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "SyncBatchNorm"])
def test_parameters_are_mindspores(layer):
    cell = getattr(mint.nn, layer)(3)
    assert [p.name for p in cell.get_parameters()] == [
        "weight", "bias", "running_mean", "running_var", "num_batches_tracked"]
    count = cell.num_batches_tracked
    assert (count.shape, count.dtype, count.requires_grad, int(count.asnumpy())) == ((), sporax.int64, False, 0)


def test_training_calls_are_counted_in_eager_and_graph_but_not_inference():
    cell = mint.nn.BatchNorm2d(2)
    x = sporax.Tensor(np.random.default_rng(0).standard_normal((2, 2, 3, 3)).astype(np.float32))
    cell.set_train()
    cell(x)
    cell(x)
    assert int(cell.num_batches_tracked.asnumpy()) == 2
    sporax.jit(lambda t: cell(t))(x)
    assert int(cell.num_batches_tracked.asnumpy()) == 3
    cell.set_train(False)
    cell(x)
    assert int(cell.num_batches_tracked.asnumpy()) == 3


def test_no_count_without_running_statistics():
    cell = mint.nn.BatchNorm1d(3, track_running_stats=False)
    assert cell.num_batches_tracked is None
    assert "num_batches_tracked" not in [p.name for p in cell.get_parameters()]
