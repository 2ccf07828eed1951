"""Collectives over 2 processes (loopback, gloo): exact values on every rank, PyNative == GRAPH_MODE."""
import numpy as np
import pytest

from tests.parallel import _jobs


@pytest.fixture(scope="module")
def ranks(tmp_path_factory):
    return _jobs.rank_outputs("collectives_worker.py", 2, tmp_path_factory.mktemp("collectives"))


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


@pytest.mark.parametrize("mode", ["pynative", "graph"])
def test_gradients_through_collectives_follow_mindspores_bprops(ranks, mode):
    """loss_r = sum((r + 1) * arange * op(x_r)) on each rank r, x_r = arange(4) + 10 r + 1: each rank
    gets the gradient of the whole job's loss with respect to its own input."""
    x = [X[0] + 1, X[1] + 1]
    ramp = np.arange(4, dtype=np.float32)
    expected = {
        "all_reduce": [3 * ramp] * 2,
        "all_reduce_max": [0 * ramp, 3 * ramp],                       # only where x_r is the max
        "all_reduce_prod": [3 * ramp * x[1], 3 * ramp * x[0]],
        "all_gather": [3 * ramp, 3 * (ramp + 4)],                      # ReduceScatter of the gradient
        "reduce_scatter": [np.array([0, 1, 0, 2], np.float32)] * 2,    # AllGather of the gradient
        "broadcast": [ramp, 2 * ramp],                                 # the gradient itself
        "all_to_all": [np.array([0, 1, 0, 2], np.float32), np.array([2, 3, 4, 6], np.float32)],
    }
    for label, per_rank in expected.items():
        for rank, found in enumerate(ranks):
            np.testing.assert_array_equal(found[f"grad/{mode}/{label}"], per_rank[rank], err_msg=label)


def test_uneven_all_to_all_routes_rows_by_the_split_sizes(ranks):
    rows = [np.arange(6, dtype=np.float32).reshape(3, 2), np.arange(6, dtype=np.float32).reshape(3, 2) + 100]
    expected = [np.concatenate([rows[0][:1], rows[1][:2]]), rows[0][1:3]]
    for rank, found in enumerate(ranks):
        np.testing.assert_array_equal(found["single"], expected[rank])
        np.testing.assert_array_equal(found["v_c"], expected[rank])  # written into 'output' in place
        assert str(found["v_c_handle"]) == "None"
    np.testing.assert_array_equal(ranks[0]["list_0"], [7.0])
    np.testing.assert_array_equal(ranks[0]["list_1"], [10, 11, 12, 13])
    np.testing.assert_array_equal(ranks[1]["list_0"], [0, 1, 2, 3])
    np.testing.assert_array_equal(ranks[1]["list_1"], [8.0])


def test_batch_isend_irecv_exchanges_tensors_of_different_dtypes(ranks):
    assert ranks[0]["batch_received"].tolist() == [4, 5, 6] and str(ranks[0]["batch_dtype"]) == "Int32"
    assert ranks[1]["batch_received"].tolist() == [1.5, 2.5] and str(ranks[1]["batch_dtype"]) == "Float32"
    assert all(float(found["batch_placeholder"]) == 0.0 for found in ranks)


def test_mismatched_split_sizes_are_refused_on_every_rank_alike(ranks):
    for found in ranks:
        assert str(found["mismatch"]) == ("For 'AlltoAllV', member 1 of the group expects [6, 0] elements from the "
                                          "members, but they send it [4, 0].")
