"""Distributed checkpoints on 8 virtual devices: save under layout A (integrated and per rank),
load under layout B, into a stand-alone network, transform A -> B; writes OUT/checkpoint.json."""
import json
import os
import subprocess
import sys

import jax
import numpy as np

import sporax as ms
from sporax import nn, ops
from sporax.common import initializer as init

out = sys.argv[1]
assert len(jax.devices()) == 8
ms.set_context(mode=ms.GRAPH_MODE)
LAYOUTS = {"A": (((2, 1), (1, 4)), ((2, 4), (4, 1))), "B": (((4, 1), (1, 2)), ((4, 2), (2, 1)))}
facts = {}


class Block(nn.Cell):
    def __init__(self, layout=None):
        super().__init__()
        ms.set_seed(3)
        self.w1 = ms.Parameter(init.initializer("normal", (16, 32), ms.float32), name="w1")
        self.w2 = ms.Parameter(init.initializer("xavier_uniform", (32, 16), ms.float32), name="w2")
        self.mm1, self.relu, self.mm2 = ops.MatMul(), ops.ReLU(), ops.MatMul()
        if layout is not None:
            self.mm1.shard(LAYOUTS[layout][0])
            self.mm2.shard(LAYOUTS[layout][1])

    def construct(self, x):
        return self.mm2(self.relu(self.mm1(x, self.w1)), self.w2)


x = ms.Tensor(np.random.default_rng(0).standard_normal((8, 16)).astype(np.float32))
y = ms.Tensor(np.random.default_rng(1).standard_normal((8, 16)).astype(np.float32))

# Train under layout A, save whole (integrated) and per rank (sliced), with A's strategy file.
strategy_a = os.path.join(out, "A.json")
ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.SEMI_AUTO_PARALLEL,
                             strategy_ckpt_config={"save_file": strategy_a})
net = Block("A")
step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), nn.SGD(net.trainable_params(), 0.1))
step(x, y)
step(x, y)
reference = {p.name: p.asnumpy() for p in net.trainable_params()}
np.savez(os.path.join(out, "reference.npz"), **reference)
ms.save_checkpoint(net, os.path.join(out, "whole.ckpt"))
for rank in range(8):
    ms.set_auto_parallel_context(global_rank=rank)
    os.makedirs(os.path.join(out, "A", f"rank_{rank}"), exist_ok=True)
    ms.save_checkpoint(net, os.path.join(out, "A", f"rank_{rank}", f"net{rank}.ckpt"), integrated_save=False)
ms.reset_auto_parallel_context()
rank_files = [os.path.join(out, "A", f"rank_{r}", f"net{r}.ckpt") for r in range(8)]
facts["slice_shapes"] = {k: list(v.shape) for k, v in ms.load_checkpoint(rank_files[5]).items()}
facts["strategy_a"] = ms.build_searched_strategy(strategy_a)


def same(network):
    return {p.name: bool(np.array_equal(p.asnumpy(), reference[p.name])) for p in network.trainable_params()}


# Load the slices into a network laid out by B (planned by one forward call first).
strategy_b = os.path.join(out, "B.json")
ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.SEMI_AUTO_PARALLEL,
                             strategy_ckpt_config={"save_file": strategy_b})
net_b = Block("B")
net_b(x)
ms.load_distributed_checkpoint(net_b, rank_files, train_strategy_filename=strategy_a)
facts["into_B"] = same(net_b)
facts["B_blocks"] = {p.name: sorted({tuple(s.data.shape) for s in p._data.addressable_shards})
                     for p in net_b.trainable_params()}
facts["B_forward_equal"] = bool(np.allclose(net_b(x).asnumpy(), np.maximum(x.asnumpy() @ reference["w1"], 0)
                                            @ reference["w2"], atol=1e-5))
ms.reset_auto_parallel_context()

# The whole file and the slices, into a stand-alone network.
plain = Block()
ms.load_checkpoint(os.path.join(out, "whole.ckpt"), plain)
facts["whole_into_stand_alone"] = same(plain)
plain = Block()
ms.load_distributed_checkpoint(plain, rank_files, train_strategy_filename=strategy_a)
facts["slices_into_stand_alone"] = same(plain)

# merge_sliced_parameter, transform_checkpoints A -> B, and `sporax ckpt merge`.
slices = [ms.load_checkpoint(f)["w1"] for f in rank_files]
facts["merge_sliced_parameter"] = bool(np.array_equal(
    ms.merge_sliced_parameter(slices, ms.build_searched_strategy(strategy_a)).asnumpy(), reference["w1"]))
ms.transform_checkpoints(os.path.join(out, "A"), os.path.join(out, "B"), "net", strategy_a, strategy_b)
b_files = [os.path.join(out, "B", f"rank_{r}", f"net{r}.ckpt") for r in range(8)]
facts["transformed_shapes"] = {k: list(v.shape) for k, v in ms.load_checkpoint(b_files[3]).items()}
plain = Block()
ms.load_distributed_checkpoint(plain, b_files, train_strategy_filename=strategy_b)
facts["transformed_into_stand_alone"] = same(plain)
ms.transform_checkpoints(os.path.join(out, "A"), os.path.join(out, "whole_dir"), "net", strategy_a, None)
plain = Block()
ms.load_checkpoint(os.path.join(out, "whole_dir", "rank_0", "net0.ckpt"), plain)
facts["transformed_to_whole"] = same(plain)
merged = os.path.join(out, "merged.ckpt")
cli = subprocess.run([sys.executable, "-m", "sporax.cli", "ckpt", "merge", *rank_files, "--strategy", strategy_a,
                      "-o", merged], capture_output=True, text=True, timeout=120)
facts["cli"] = cli.stdout.strip()
plain = Block()
ms.load_checkpoint(merged, plain)
facts["cli_merged"] = same(plain)
with open(os.path.join(out, "checkpoint.json"), "w") as f:
    json.dump(facts, f)
print("done")

# A whole checkpoint loaded with load_checkpoint into a laid-out network: split back into shards.
ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.SEMI_AUTO_PARALLEL)
net_b = Block("B")
net_b(x)
ms.load_checkpoint(os.path.join(out, "whole.ckpt"), net_b)
net_b(x)
facts["load_checkpoint_into_B"] = {p.name: [bool(np.array_equal(p.asnumpy(), reference[p.name])),
                                            sorted({tuple(s.data.shape) for s in p._data.addressable_shards})]
                                   for p in net_b.trainable_params()}
with open(os.path.join(out, "checkpoint.json"), "w") as f:
    json.dump(facts, f)
