"""Data parallel over 2 and 4 processes == one process on the concatenated batch (1e-6, 10 steps);
layerwise_parallel Parameters are neither broadcast nor reduced."""
import numpy as np
import pytest

import sporax as ms
from sporax import nn
from tests.parallel import _jobs, _net


@pytest.fixture(autouse=True)
def _stand_alone():
    yield
    ms.reset_auto_parallel_context()


def _job(tmp_path_factory, world, mode, sections):
    return _jobs.rank_outputs("data_parallel_worker.py", world, tmp_path_factory.mktemp(f"dp{world}{mode}"), mode,
                              sections)


@pytest.fixture(scope="module")
def two_graph(tmp_path_factory):
    return _job(tmp_path_factory, 2, "graph", "model,value_and_grad")


@pytest.fixture(scope="module")
def four_pynative(tmp_path_factory):
    return _job(tmp_path_factory, 4, "pynative", "value_and_grad")


def _single_process(world):
    """The same training on one process over every rank's rows at once."""
    data, label = _net.batches(world)
    expected = {}
    net = _net.mlp()
    train = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), nn.SGD(net.trainable_params(), 0.1))
    for step in range(_net.STEPS):
        train(ms.Tensor(data[step]), ms.Tensor(label[step]))
    expected.update({f"train_one_step/{p.name}": p.asnumpy() for p in net.trainable_params()})
    expected.update({f"value_and_grad/{p.name}": p.asnumpy() for p in net.trainable_params()})
    net = _net.mlp()
    model = ms.train.Model(net, nn.MSELoss(), nn.Momentum(net.trainable_params(), 0.1, 0.9))
    model.train(1, [(data[s], label[s]) for s in range(_net.STEPS)])
    expected.update({f"model/{p.name}": p.asnumpy() for p in net.trainable_params()})
    return expected


@pytest.mark.parametrize("job, path", [("two_graph", "train_one_step"), ("two_graph", "model"),
                                       ("two_graph", "value_and_grad"), ("four_pynative", "train_one_step"),
                                       ("four_pynative", "value_and_grad")])
def test_n_process_training_equals_one_process_on_the_concatenated_batch(request, job, path):
    ranks = request.getfixturevalue(job)
    expected = _single_process(len(ranks))
    names = [k for k in expected if k.startswith(path + "/")]
    assert len(names) == 4
    for name in names:
        np.testing.assert_allclose(ranks[0][name], expected[name], rtol=0, atol=1e-6, err_msg=name)
        for other in ranks[1:]:
            assert np.array_equal(other[name], ranks[0][name]), name  # every rank holds the same bits


@pytest.mark.parametrize("job", ["two_graph", "four_pynative"])
def test_layerwise_parallel_parameters_are_neither_broadcast_nor_reduced(request, job):
    ranks = request.getfixturevalue(job)
    for name in ("layerwise/dense.weight", "layerwise/dense.bias"):
        assert all(np.array_equal(r[name], ranks[0][name]) for r in ranks), name
    offsets = [r["layerwise/offset"] for r in ranks]
    # Different start (0.5*rank, not broadcast) and different batches (not reduced): all distinct,
    # and not merely the start shifted by a shared update.
    assert len({o.tobytes() for o in offsets}) == len(ranks)
    drift = [o - 0.5 * r for r, o in enumerate(offsets)]
    assert not np.allclose(drift[0], drift[1], atol=1e-6)


def test_grad_reducer_needs_communication():
    ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.DATA_PARALLEL)
    net = _net.mlp()
    with pytest.raises(RuntimeError, match="DistributedGradReducer.*init"):
        nn.DistributedGradReducer(net.trainable_params())


def test_grad_reducer_rejects_bad_arguments():
    from sporax.communication import _world, init, release
    init()
    try:
        net = _net.mlp()
        with pytest.raises(TypeError, match="'parameters' must be Parameters"):
            nn.DistributedGradReducer([1, 2])
        with pytest.raises(ValueError, match="'degree' must be a positive int, but got 0"):
            nn.DistributedGradReducer(net.trainable_params(), degree=0)
        with pytest.raises(TypeError, match="'mean' must be a bool"):
            nn.DistributedGradReducer(net.trainable_params(), mean=1)
        reducer = nn.DistributedGradReducer(net.trainable_params())
        with pytest.raises(ValueError, match="expected 4 gradients"):
            reducer((ms.Tensor([1.0]),))
    finally:
        release()
    assert not _world.state.inited
