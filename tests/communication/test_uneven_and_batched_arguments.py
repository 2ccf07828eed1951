"""P2POp, batch_isend_irecv, the uneven all-to-alls and their primitives refuse bad input in
MindSpore's words where MindSpore has them (one process: a world of one)."""
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


X = ms.Tensor(np.arange(6, dtype=np.float32).reshape(3, 2))


@pytest.mark.parametrize("build, error, message", [
    (lambda: comm_func.P2POp("send", X, 0), ValueError, "Expected ``op`` to be of type ``isend`` or `irecv``, but got send"),
    (lambda: comm_func.P2POp(3, X, 0), TypeError, "op must be type of string or function, but got type of <class 'int'>"),
    (lambda: comm_func.P2POp("isend", [1], 0), TypeError,
     "Expected ``tensor`` to be type of tuple or Tensor, but got <class 'list'>."),
    (lambda: comm_func.P2POp("isend", X, 0, tag=1), NotImplementedError, "``tag`` not support yet."),
    (lambda: comm_func.P2POp("isend", X, "0"), TypeError, "peer must be type of int, but got type of <class 'str'>"),
    (lambda: comm_func.P2POp("irecv", (2,), 0, recv_dtype=np.float32), TypeError,
     "recv_dtype must be type of mindspore dtype, but got type of <class 'type'>"),
])
def test_p2pop_refuses_what_mindspore_refuses(build, error, message):
    with pytest.raises(error) as caught:
        build()
    assert str(caught.value) == message


def test_batch_isend_irecv_in_a_world_of_one_receives_what_it_sent(world):
    sent = ms.Tensor(np.array([1, 2, 3], np.int32))
    out = comm_func.batch_isend_irecv([comm_func.P2POp(comm_func.isend, sent, 0),
                                       comm_func.P2POp("irecv", (3,), 0, recv_dtype=ms.int32)])
    assert out[0].shape == () and out[1].dtype == ms.int32 and out[1].asnumpy().tolist() == [1, 2, 3]
    with pytest.raises(TypeError, match="p2p_op_list can not be empty list."):
        comm_func.batch_isend_irecv([])
    with pytest.raises(ValueError, match=r"'recv_dtype' of 0th P2POp in p2p_op_list is None"):
        comm_func.batch_isend_irecv([comm_func.P2POp("irecv", (3,), 0)])
    with pytest.raises(ValueError, match=r"the peer 3 of P2POp 0 is not a member of group 'mccl_world_group' "
                                         r"with world ranks \[0\]"):
        comm_func.batch_isend_irecv([comm_func.P2POp("isend", sent, 3)])
    with pytest.raises(ValueError, match=r"For 'AlltoAllV', member 0 of the group expects \[8\] elements from the "
                                         r"members, but they send it \[12\]."):
        comm_func.batch_isend_irecv([comm_func.P2POp("isend", sent, 0),
                                     comm_func.P2POp("irecv", (2,), 0, recv_dtype=ms.int32)])


def test_uneven_all_to_all_arguments_are_checked(world):
    with pytest.raises(ValueError, match=r"'input_split_sizes' must have 1 sizes summing to 3, but got \[2\]"):
        comm_func.all_to_all_single_with_output_shape((3, 2), X, None, [2])
    with pytest.raises(TypeError, match="'output_shape' must be a Tensor or a tuple of ints, but got \\[3, 2\\]"):
        comm_func.all_to_all_single_with_output_shape([3, 2], X)
    with pytest.raises(TypeError, match="send_count_matrix must be square matrix, but got 2."):
        comm_func.all_to_all_v_c(ms.Tensor(np.zeros((3, 2), np.float32)), X, [3, 0])
    with pytest.raises(ValueError, match=r"the 'output' must hold the 3 rows arriving at group rank 0 \(column 0 of "
                                         r"'send_count_matrix'\), but has shape \(2, 2\)"):
        comm_func.all_to_all_v_c(ms.Tensor(np.zeros((2, 2), np.float32)), X, [3])
    with pytest.raises(TypeError, match="every Tensor of 'input_tensor_list' must have the same dtype"):
        comm_func.all_to_all_with_output_shape([(1,)], [X, ms.Tensor(np.zeros(1, np.int32))])


def test_uneven_primitives_check_their_inputs(world):
    assert repr(ops.AlltoAllV()) == "Prim[AlltoAllV]<group=hccl_world_group, block_size=1>"
    assert repr(ops.AlltoAllVC()) == ("Prim[AlltoAllVC]<group=hccl_world_group, block_size=1, transpose=False, "
                                      "rank_size=1, rank_id=0>")
    with pytest.raises(ValueError, match=r"the 'send_numel_list' must have one count per member of the group \(1\)"):
        ops.AlltoAllV()(X.reshape(-1), [3, 3], [6])
    with pytest.raises(ValueError, match=r"the 'input_x' must be flat with sum\(send_numel_list\) \* block_size = 6"):
        ops.AlltoAllV()(X, [6], [6])
    with pytest.raises(ValueError, match="the length of 'op_types' \\(2\\) and 'remote_ranks' \\(1\\) must be the same"):
        ops.BatchISendIRecv(("isend", "irecv"), (0,), ((2,),), (ms.float32,))
    with pytest.raises(RuntimeError, match=r"the number of input Tensors \(0\) must equal the number of 'isend' \(1\)"):
        ops.BatchISendIRecv(("isend",), (0,))(())
    np.testing.assert_array_equal(ops.AlltoAllV(block_size=2)(X.reshape(-1), [3], [3]).asnumpy(), np.arange(6))


def test_uneven_collectives_need_init():
    with pytest.raises(RuntimeError, match="For 'all_to_all_v_c': Distributed Communication has not been inited"):
        comm_func.all_to_all_v_c(X, X, [3])
