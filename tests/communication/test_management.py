"""Communication management in one process: MindSpore's names, reprs and errors."""
import numpy as np
import pytest

import sporax as ms
from sporax import communication as comm
from sporax import ops
from sporax.communication import comm_func


@pytest.fixture
def world():
    comm.init()
    yield
    comm.release()


def test_world_group_names_are_mindsporess():
    assert (comm.HCCL_WORLD_COMM_GROUP, comm.NCCL_WORLD_COMM_GROUP, comm.MCCL_WORLD_COMM_GROUP) == (
        "hccl_world_group", "nccl_world_group", "mccl_world_group")


def test_calls_before_init_raise_runtime_error_naming_the_call():
    with pytest.raises(RuntimeError, match="For 'get_rank': Distributed Communication has not been inited"):
        comm.get_rank()
    with pytest.raises(RuntimeError, match="For 'AllReduce': Distributed Communication has not been inited"):
        ops.AllReduce()(ms.Tensor([1.0]))
    with pytest.raises(RuntimeError, match="For 'create_group'"):
        comm.create_group("g", [0, 1])


def test_single_process_world(world):
    assert comm.GlobalComm.INITED and comm.GlobalComm.BACKEND == "mccl"
    assert (comm.get_rank(), comm.get_group_size(), comm.get_local_rank(), comm.get_local_rank_size()) == (0, 1, 0, 1)
    assert comm.get_process_group_ranks() == [0]
    x = ms.Tensor(np.array([1.0, 2.0], np.float32))
    out, handle = comm_func.all_reduce(x)
    assert handle is None
    np.testing.assert_array_equal(out.asnumpy(), [1.0, 2.0])
    _, handle = comm_func.all_gather_into_tensor(x, async_op=True)
    assert repr(handle) == "CommHandle(handle=None)" and handle.wait() is None


def test_group_arguments_are_checked(world):
    with pytest.raises(ValueError, match=r"the rank 3 in 'rank_ids' is outside the world of 1 ranks \[0, 0\]"):
        comm.create_group("g", [0, 3])
    with pytest.raises(ValueError, match="must hold more than 1 rank"):
        comm.create_group("g", [0])
    with pytest.raises(ValueError, match="must not hold duplicates"):
        comm.create_group("g", [0, 0])
    with pytest.raises(TypeError, match="'rank_ids' must be type of list"):
        comm.create_group("g", (0, 1))
    with pytest.raises(TypeError, match="the argument 'group' must be type of string"):
        comm.get_rank(1)
    with pytest.raises(ValueError, match="the group 'nope' does not exist"):
        comm.get_group_size("nope")
    with pytest.raises(ValueError, match=r"'group_rank_id' must be in \[0, 0\] .* but got 5"):
        comm.get_world_rank_from_group_rank("hccl_world_group", 5)
    with pytest.raises(ValueError, match="'world_rank_id' 2 is not a member of group 'hccl_world_group'"):
        comm.get_group_rank_from_world_rank(2, "hccl_world_group")
    with pytest.raises(ValueError, match="the world group 'hccl_world_group' cannot be destroyed"):
        comm.destroy_group("hccl_world_group")
    with pytest.raises(ValueError, match="the 'src' 1 is not a member of group 'hccl_world_group'"):
        comm_func.broadcast(ms.Tensor([1.0]), src=1)


def test_init_checks_the_backend():
    with pytest.raises(RuntimeError, match="must be one of 'hccl', 'nccl' and 'mccl', but got 'backend_name' : gloo"):
        comm.init("gloo")
    with pytest.raises(TypeError, match="'backend_name' must be a string"):
        comm.init(1)
    assert not comm.GlobalComm.INITED


def test_primitive_reprs_match_mindspore():
    assert repr(ops.AllReduce()) == "Prim[AllReduce]<op=sum, group=hccl_world_group, fusion=0, index=0, no_eliminate=True>"
    assert repr(ops.AllGather()) == ("Prim[AllGather]<group=hccl_world_group, rank_size=1, fusion=0, mean_flag=False, "
                                     "no_eliminate=True>")
    assert repr(ops.ReduceScatter()) == ("Prim[ReduceScatter]<op=sum, group=hccl_world_group, rank_size=1, fusion=0, "
                                         "no_eliminate=True>")
    assert repr(ops.Broadcast(0)) == "Prim[Broadcast]<root_rank=0, group=hccl_world_group, no_eliminate=True>"
    assert repr(ops.AlltoAll(2, 0, 1)) == ("Prim[AlltoAll]<split_count=2, split_dim=0, concat_dim=1, "
                                           "group=hccl_world_group, no_eliminate=True, rank_size=1>")
    assert ops.ReduceOp.SUM == "sum" and ops.ReduceOp.PROD == "prod"


def test_primitive_arguments_are_checked(world):
    with pytest.raises(ValueError, match=r"For 'AllReduce', the 'op' must be one of \['sum', 'max', 'min', 'prod'\], but got 'avg'"):
        ops.AllReduce("avg")
    with pytest.raises(TypeError, match="For 'AllReduce', the 'x' must be a Tensor, but got list"):
        ops.AllReduce()([1.0])
    with pytest.raises(ValueError, match="For 'AlltoAll', the 'split_count' must equal the group size 1, but got 2"):
        ops.AlltoAll(2, 0, 0)(ms.Tensor(np.ones(4, np.float32)))
    with pytest.raises(ValueError, match="For 'ReduceScatter', the first dimension of 'x' must be divisible"):
        ops.ReduceScatter()(ms.Tensor(np.float32(1.0)))
    with pytest.raises(TypeError, match="For 'Broadcast', the 'input_x' must be a tuple of Tensors"):
        ops.Broadcast(0)(ms.Tensor([1.0]))
