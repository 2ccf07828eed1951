"""One process of a semi-auto-parallel job over processes (one CPU device each): trains the
block and writes OUT/rank_R.npz with its shards' bytes and values."""
import os
import sys

import numpy as np

import sporax as ms
from sporax import nn, ops
from sporax.common import initializer as init
from sporax.communication import get_group_size, get_rank, init as comm_init

out_dir = sys.argv[1]
ms.set_context(mode=ms.GRAPH_MODE)
comm_init()
rank, world = get_rank(), get_group_size()
ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.SEMI_AUTO_PARALLEL, full_batch=True,
                             strategy_ckpt_config={"save_file": os.path.join(out_dir, "strategy.json")})


class Block(nn.Cell):
    def __init__(self):
        super().__init__()
        ms.set_seed(3)
        self.w1 = ms.Parameter(init.initializer("normal", (16, 32), ms.float32), name="w1")
        self.w2 = ms.Parameter(init.initializer("xavier_uniform", (32, 16), ms.float32), name="w2")
        self.mm1 = ops.MatMul().shard(((1, 1), (1, world)))
        self.relu = ops.ReLU().shard(((1, world),))
        self.mm2 = ops.MatMul().shard(((1, world), (world, 1)))

    def construct(self, x):
        return self.mm2(self.relu(self.mm1(x, self.w1)), self.w2)


net = Block()
step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), nn.SGD(net.trainable_params(), 0.1))
rng = np.random.default_rng(0)
losses = []
for _ in range(3):
    x, y = rng.standard_normal((8, 16)).astype(np.float32), rng.standard_normal((8, 16)).astype(np.float32)
    losses.append(float(np.asarray(step(ms.Tensor(x), ms.Tensor(y))._value().addressable_data(0))))
result = {"losses": np.array(losses)}
for param in net.trainable_params():
    shards = param._data.addressable_shards
    result[f"bytes/{param.name}"] = np.array(sum(s.data.nbytes for s in shards))
    result[f"shard/{param.name}"] = np.asarray(shards[0].data)
    result[f"index/{param.name}"] = np.array([[s.start or 0, s.stop or n] for s, n in
                                              zip(shards[0].index, param.shape)])
np.savez(os.path.join(out_dir, f"rank_{rank}.npz"), **result)
# Whole tensors gathered across the processes (one Parameter at a time), and this rank's slices.
ms.save_checkpoint(net, os.path.join(out_dir, f"whole_{rank}.ckpt"))
ms.save_checkpoint(net, os.path.join(out_dir, f"slices_{rank}.ckpt"), integrated_save=False)
print("done", rank)
