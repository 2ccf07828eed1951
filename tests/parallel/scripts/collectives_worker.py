"""One rank of the collectives test: every comm_func and primitive, PyNative and GRAPH_MODE,
world and a created group; writes OUT/rank_R.npz."""
import os
import sys

import numpy as np

import mindspore as ms  # served by sporax (the launcher runs scripts through `sporax run`)
from mindspore import nn, ops
from mindspore.communication import (GlobalComm, comm_func, create_group, get_group_rank_from_world_rank,
                                     get_group_size, get_local_rank, get_local_rank_size, get_rank,
                                     get_world_rank_from_group_rank, init)

out_dir = sys.argv[1]
init()
rank, world = get_rank(), get_group_size()
x = ms.Tensor(np.arange(4, dtype=np.float32) + 10 * rank)
r = {"rank": rank, "world": world, "local": [get_local_rank(), get_local_rank_size()],
     "backend": GlobalComm.BACKEND, "world_group": GlobalComm.WORLD_COMM_GROUP, "env": os.environ["RANK_ID"]}
r["all_reduce"] = comm_func.all_reduce(x)[0].asnumpy()
r["all_reduce_max"] = comm_func.all_reduce(x, op="max")[0].asnumpy()
r["all_gather"] = comm_func.all_gather_into_tensor(x)[0].asnumpy()
r["reduce_scatter"] = comm_func.reduce_scatter_tensor(x)[0].asnumpy()
r["broadcast"] = comm_func.broadcast(x, 1).asnumpy()
r["all_to_all"] = ops.AlltoAll(world, 0, 0)(x).asnumpy()
r["reduce"] = comm_func.reduce(x, 0).asnumpy()
r["scatter"] = comm_func.scatter_tensor(x, 1).asnumpy()
if rank == 0:
    comm_func.send(x * 3, 1)
else:
    r["recv"] = comm_func.recv(x, 0).asnumpy()
comm_func.barrier()
create_group("pair", [1, 0])
r["group"] = [get_rank("pair"), get_group_rank_from_world_rank(0, "pair"), get_world_rank_from_group_rank("pair", 0)]
r["group_gather"] = ops.AllGather("pair")(x).asnumpy()  # group-rank order: world rank 1 first


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.all_reduce, self.all_gather = ops.AllReduce(), ops.AllGather()

    def construct(self, value):
        return self.all_gather(self.all_reduce(value * 2) + 1)


r["pynative_net"] = Net()(x).asnumpy()
ms.set_context(mode=ms.GRAPH_MODE)
r["graph_net"] = Net()(x).asnumpy()

# Gradients through the collectives (MindSpore's bprops): loss_r = sum(weight_r * op(x_r)),
# weight_r = (rank + 1) * arange, in PyNative and GRAPH_MODE.
def weighted(op):
    def loss(value):
        out = op(value)
        weights = ms.Tensor((rank + 1) * np.arange(out.size, dtype=np.float32).reshape(out.shape))
        return (out * weights).sum()
    return loss


GRADIENT_OPS = {"all_reduce": ops.AllReduce(), "all_reduce_max": ops.AllReduce(ops.ReduceOp.MAX),
                "all_reduce_prod": ops.AllReduce(ops.ReduceOp.PROD), "all_gather": ops.AllGather(),
                "reduce_scatter": ops.ReduceScatter(), "broadcast": lambda v: ops.Broadcast(1)((v,))[0],
                "all_to_all": ops.AlltoAll(world, 0, 0)}
for mode_name, mode in (("pynative", ms.PYNATIVE_MODE), ("graph", ms.GRAPH_MODE)):
    ms.set_context(mode=mode)
    for label, op in GRADIENT_OPS.items():
        r[f"grad/{mode_name}/{label}"] = ms.grad(weighted(op))(x + 1).asnumpy()
ms.set_context(mode=ms.PYNATIVE_MODE)

# Uneven exchanges: rank 0 sends 1 row to itself and 2 to rank 1; rank 1 sends 2 rows to rank 0.
rows = ms.Tensor(np.arange(6, dtype=np.float32).reshape(3, 2) + 100 * rank)
mine = rows if rank == 0 else rows[:2]
send_split, recv_split = ([1, 2], [1, 2]) if rank == 0 else ([2, 0], [2, 0])
r["single"] = comm_func.all_to_all_single_with_output_shape((sum(recv_split), 2), mine, recv_split,
                                                            send_split)[0].asnumpy()
pieces = [ms.Tensor(np.array([7.0 + rank], np.float32)), ms.Tensor(np.arange(4, dtype=np.float32) + 10 * rank)]
shapes = [(1,), (4,)] if rank == 0 else [(4,), (1,)]
received, handle = comm_func.all_to_all_with_output_shape(shapes, pieces if rank == 0 else pieces[::-1])
r["list_0"], r["list_1"] = received[0].asnumpy(), received[1].asnumpy()
output = ms.Tensor(np.zeros((sum(recv_split), 2), np.float32))
r["v_c_handle"] = str(comm_func.all_to_all_v_c(output, mine, [1, 2, 2, 0]))
r["v_c"] = output.asnumpy()
peer = 1 - rank
outgoing = ms.Tensor(np.array([1.5, 2.5], np.float32) * (rank + 1)) if rank == 0 else \
    ms.Tensor(np.array([4, 5, 6], np.int32))
incoming = comm_func.P2POp("irecv", (3,) if rank == 0 else (2,), peer,
                           recv_dtype=ms.int32 if rank == 0 else ms.float32)
results = comm_func.batch_isend_irecv([comm_func.P2POp(comm_func.isend, outgoing, peer), incoming])
r["batch_placeholder"], r["batch_received"] = results[0].asnumpy(), results[1].asnumpy()
r["batch_dtype"] = str(results[1].dtype)
try:  # rank 1 expects 3 rows from rank 0, which sends 2: every rank refuses with the same message
    comm_func.all_to_all_single_with_output_shape((3, 2) if rank else (3, 2), mine,
                                                  [1, 2] if rank == 0 else [3, 0], send_split)
    r["mismatch"] = "no error"
except ValueError as error:
    r["mismatch"] = str(error)
np.savez(os.path.join(out_dir, f"rank_{rank}.npz"), **{k: np.asarray(v) for k, v in r.items()})
