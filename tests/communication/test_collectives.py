"""Collectives over 2 processes (loopback, gloo): exact values on every rank, PyNative == GRAPH_MODE."""
import numpy as np
import pytest

from tests.parallel import _jobs


@pytest.fixture(scope="module")
def ranks(tmp_path_factory):
    out = tmp_path_factory.mktemp("collectives")
    result = _jobs.launch("collectives_worker.py", 2, out, out)
    assert result.returncode == 0, result.stdout[-3000:]
    return [np.load(out / f"rank_{r}.npz") for r in range(2)]


X = [np.arange(4, dtype=np.float32), np.arange(4, dtype=np.float32) + 10]


def test_each_process_is_one_rank_of_the_world(ranks):
    for rank, found in enumerate(ranks):
        assert int(found["rank"]) == rank and int(found["world"]) == 2
        assert found["local"].tolist() == [rank, 2]
        assert str(found["env"]) == str(rank)
        assert str(found["backend"]) == "mccl" and str(found["world_group"]) == "mccl_world_group"


def test_reductions_gathers_and_scatters(ranks):
    total = X[0] + X[1]
    for rank, found in enumerate(ranks):
        np.testing.assert_array_equal(found["all_reduce"], total)
        np.testing.assert_array_equal(found["all_reduce_max"], X[1])
        np.testing.assert_array_equal(found["all_gather"], np.concatenate(X))
        np.testing.assert_array_equal(found["reduce_scatter"], total[2 * rank:2 * rank + 2])
        np.testing.assert_array_equal(found["broadcast"], X[1])
        np.testing.assert_array_equal(found["all_to_all"], np.concatenate([X[0][2 * rank:2 * rank + 2],
                                                                           X[1][2 * rank:2 * rank + 2]]))
        np.testing.assert_array_equal(found["scatter"], X[1][2 * rank:2 * rank + 2])
    np.testing.assert_array_equal(ranks[0]["reduce"], total)
    np.testing.assert_array_equal(ranks[1]["reduce"], X[1])  # not the destination: its input back


def test_send_and_recv(ranks):
    np.testing.assert_array_equal(ranks[1]["recv"], X[0] * 3)


def test_created_group_orders_ranks_as_given(ranks):
    assert ranks[0]["group"].tolist() == [1, 1, 1]
    assert ranks[1]["group"].tolist() == [0, 1, 1]
    for found in ranks:
        np.testing.assert_array_equal(found["group_gather"], np.concatenate([X[1], X[0]]))


def test_graph_mode_collectives_equal_pynative(ranks):
    expected = np.concatenate([(X[0] + X[1]) * 2 + 1] * 2)
    for found in ranks:
        np.testing.assert_array_equal(found["pynative_net"], expected)
        np.testing.assert_array_equal(found["graph_net"], expected)
