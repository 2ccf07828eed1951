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
np.savez(os.path.join(out_dir, f"rank_{rank}.npz"), **{k: np.asarray(v) for k, v in r.items()})
