"""One rank of the data-parallel tests: TrainOneStepCell, Model, a value_and_grad loop with
DistributedGradReducer, and layerwise_parallel; writes its final Parameters to OUT/rank_R.npz."""
import os
import sys

import numpy as np

import sporax as ms
from sporax import nn
from sporax.communication import get_group_size, get_rank, init
from tests.parallel import _net

out_dir, mode = sys.argv[1], sys.argv[2]
sections = sys.argv[3].split(",")
ms.set_context(mode=ms.GRAPH_MODE if mode == "graph" else ms.PYNATIVE_MODE)
init()
rank, world = get_rank(), get_group_size()
ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.DATA_PARALLEL, gradients_mean=True,
                             parameter_broadcast=True)
data, label = _net.batches(world)
data, label = _net.rank_rows(data, rank), _net.rank_rows(label, rank)
results = {}


def perturb(net):
    """Ranks other than 0 start from other values: the broadcast must undo it."""
    if rank:
        for p in net.trainable_params():
            p.set_data(ms.Tensor(p.asnumpy() + rank))


# 1. TrainOneStepCell
net = _net.mlp()
perturb(net)
train = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), nn.SGD(net.trainable_params(), 0.1))
for step in range(_net.STEPS):
    train(ms.Tensor(data[step]), ms.Tensor(label[step]))
results.update({f"train_one_step/{p.name}": p.asnumpy() for p in net.trainable_params()})

# 2. Model
net = _net.mlp() if "model" in sections else None
if net is not None:
    perturb(net)
    model = ms.train.Model(net, nn.MSELoss(), nn.Momentum(net.trainable_params(), 0.1, 0.9))
    model.train(1, [(data[s], label[s]) for s in range(_net.STEPS)])
    results.update({f"model/{p.name}": p.asnumpy() for p in net.trainable_params()})

# 3. value_and_grad loop with DistributedGradReducer
if "value_and_grad" in sections:
    net = _net.mlp()
    perturb(net)
    loss_fn = nn.MSELoss()
    optimizer = nn.SGD(net.trainable_params(), 0.1)
    reducer = nn.DistributedGradReducer(optimizer.parameters)
    step_fn = ms.value_and_grad(lambda x, y: loss_fn(net(x), y), None, optimizer.parameters)
    for step in range(_net.STEPS):
        loss, grads = step_fn(ms.Tensor(data[step]), ms.Tensor(label[step]))
        optimizer(reducer(grads))
    results.update({f"value_and_grad/{p.name}": p.asnumpy() for p in net.trainable_params()})

# 4. layerwise_parallel: neither broadcast nor reduced
net = _net.WithLayerwise()
net.offset.set_data(ms.Tensor(np.full(3, 0.5 * rank, np.float32)))
if rank:
    net.dense.weight.set_data(ms.Tensor(net.dense.weight.asnumpy() * (1 + rank)))
train = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), nn.SGD(net.trainable_params(), 0.1))
for step in range(_net.STEPS):
    train(ms.Tensor(data[step]), ms.Tensor(label[step]))
results.update({f"layerwise/{p.name}": p.asnumpy() for p in net.trainable_params()})

np.savez(os.path.join(out_dir, f"rank_{rank}.npz"), **results)
print("done", rank, flush=True)
