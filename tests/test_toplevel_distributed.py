"""`mindspore.ops`' process-group collectives (MindSpore's mint.distributed API) over 2 processes
on loopback: results written into the arguments, exact on every rank, objects included."""
import ast
import hashlib

import numpy as np
import pytest

from tests.parallel import _jobs


@pytest.fixture(scope="module")
def ranks(tmp_path_factory):
    return _jobs.rank_outputs("distributed_api_worker.py", 2, tmp_path_factory.mktemp("distributed_api"))


X = [np.arange(4, dtype=np.float32), np.arange(4, dtype=np.float32) + 10]


def test_process_group_state(ranks):
    for rank, found in enumerate(ranks):
        assert bool(found["available"]) and not bool(found["inited_before"]) and bool(found["inited"])
        assert int(found["rank"]) == rank and int(found["world"]) == 2 and str(found["backend"]) == "hccl"
        assert not bool(found["inited_after"])


def test_reductions_write_into_the_tensor(ranks):
    for found in ranks:
        assert str(found["all_reduce_handle"]) == "None"
        np.testing.assert_array_equal(found["all_reduce"], X[0] + X[1])
        np.testing.assert_array_equal(found["all_reduce_avg"], (X[0] + X[1]) / 2)
        np.testing.assert_array_equal(found["all_reduce_max"], X[1])
    np.testing.assert_array_equal(ranks[0]["reduce"], X[0] + X[1])
    np.testing.assert_array_equal(ranks[1]["reduce"], X[1])  # not the destination: unchanged


def test_gathers_scatters_and_exchanges(ranks):
    total = X[0] + X[1]
    for rank, found in enumerate(ranks):
        np.testing.assert_array_equal(found["all_gather_into_tensor"], np.concatenate(X))
        np.testing.assert_array_equal(found["all_gather"], np.stack(X))
        np.testing.assert_array_equal(found["reduce_scatter_tensor"], total[2 * rank:2 * rank + 2])
        np.testing.assert_array_equal(found["reduce_scatter"], total[2 * rank:2 * rank + 2])
        np.testing.assert_array_equal(found["broadcast"], X[1])
        np.testing.assert_array_equal(found["scatter_tensor"], X[1][2 * rank:2 * rank + 2])
        np.testing.assert_array_equal(found["all_to_all"], np.stack([X[0][2 * rank:2 * rank + 2],
                                                                     X[1][2 * rank:2 * rank + 2]]))
        np.testing.assert_array_equal(found["all_to_all_single"], np.concatenate([X[0][2 * rank:2 * rank + 2],
                                                                                  X[1][2 * rank:2 * rank + 2]]))
        np.testing.assert_array_equal(found["batch"], X[1 - rank] + 100)
        assert int(found["batch_handles"]) == 1
    np.testing.assert_array_equal(ranks[1]["gather_into_tensor"], np.concatenate(X))
    np.testing.assert_array_equal(ranks[0]["gather_into_tensor"], np.zeros(8))  # not the destination


def test_point_to_point(ranks):
    assert int(ranks[1]["recv_returns"]) == 0
    np.testing.assert_array_equal(ranks[1]["recv"], X[0] * 3)
    np.testing.assert_array_equal(ranks[1]["irecv"], X[0] * 5)


def test_objects(ranks):
    for found in ranks:
        assert str(found["all_gather_object"]) == "[{'rank': 0, 'name': 'r0'}, {'rank': 1, 'name': 'r1'}]"
        assert str(found["broadcast_object_list"]) == "['from 1', 7]"
    assert str(ranks[0]["gather_object"]) == "[('g', 0), ('g', 1)]" and str(ranks[1]["gather_object"]) == "None"
    assert str(ranks[0]["scatter_object_list"]) == "[['a']]" and str(ranks[1]["scatter_object_list"]) == "[['b']]"
    assert str(ranks[1]["recv_object_list"]) == "[{'k': 1}, 'two']"


def test_groups_are_named_as_mindspore_names_them(ranks):
    name = "hccl_2_" + hashlib.sha1(b"0_1").hexdigest()
    for rank, found in enumerate(ranks):
        group = ast.literal_eval(str(found["group"]))
        assert group[0] == name and group[1] == 2 and group[2] == 1 and group[3] == 0
        assert group[4] == [0, 1] and group[5] == "hccl" and group[6] is True


def test_bad_input_names_the_function(ranks):
    for found in ranks:
        assert str(found["bad_op"]) == "For all_reduce, the input op value must be one of sum, prod, min, max, avg"
        assert "For all_gather_into_tensor, the output must have shape (8,)" in str(found["bad_output"])


def test_uneven_gather_and_reduce_scatter_primitives(ranks):
    total = X[0] + X[1]
    for rank, found in enumerate(ranks):
        np.testing.assert_array_equal(found["all_gather_v"], np.concatenate([X[0][:1], X[1][1:]]))
        assert "For 'AllGatherV', the 'input_x' must be flat with output_split_sizes" in str(found["bad_v"])
    np.testing.assert_array_equal(ranks[0]["reduce_scatter_v"], total[:1])
    np.testing.assert_array_equal(ranks[1]["reduce_scatter_v"], total[1:])
    np.testing.assert_array_equal(ranks[0]["reduce_scatter_v_max"], X[1][:3])
    np.testing.assert_array_equal(ranks[1]["reduce_scatter_v_max"], X[1][3:])


def test_uneven_primitives_check_their_arguments_without_a_job():
    from sporax import ops
    with pytest.raises(ValueError, match="For 'ReduceScatterV', the 'op' PROD is not supported."):
        ops.ReduceScatterV("prod")
    with pytest.raises(TypeError, match="AllGatherV"):
        ops.AllGatherV(group=3)
