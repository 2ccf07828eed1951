"""Semi-auto parallel on 8 virtual devices in one process (XLA_FLAGS set by the test):
writes OUT/semi_auto.npz (values) and OUT/semi_auto.json (layouts, bytes, reprs)."""
import json
import os
import sys

import jax
import numpy as np

import sporax as ms
from sporax import nn, ops
from sporax.common import initializer as init
from sporax._parallel import sharding as _sharding

out_dir = sys.argv[1]
assert len(jax.devices()) == 8, jax.devices()
values, facts = {}, {}


class Block(nn.Cell):
    """A transformer-style MLP block: x + W2·relu(W1·norm(x)), both matmuls sharded (Megatron split)."""

    def __init__(self, shard):
        super().__init__()
        ms.set_seed(3)
        self.w1 = ms.Parameter(init.initializer("normal", (16, 32), ms.float32), name="w1")
        self.b1 = ms.Parameter(init.initializer("uniform", (32,), ms.float32), name="b1")
        self.w2 = ms.Parameter(init.initializer("xavier_uniform", (32, 16), ms.float32), name="w2")
        self.norm = nn.LayerNorm((16,))
        self.mm1, self.mm2 = ops.MatMul(), ops.MatMul()
        self.add_bias, self.relu, self.residual = ops.Add(), ops.ReLU(), ops.Add()
        if shard:
            self.mm1.shard(((2, 1), (1, 4)))
            self.add_bias.shard(((2, 4), (4,)))
            self.relu.shard(((2, 4),))
            self.mm2.shard(((2, 4), (4, 1)))

    def construct(self, x):
        h = self.relu(self.add_bias(self.mm1(self.norm(x), self.w1), self.b1))
        return self.residual(x, self.mm2(h, self.w2))


def train(shard, steps=3):
    net = Block(shard)
    step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), nn.Momentum(net.trainable_params(), 0.1, 0.9))
    rng = np.random.default_rng(0)
    losses = []
    for _ in range(steps):
        x = rng.standard_normal((8, 16)).astype(np.float32)
        y = rng.standard_normal((8, 16)).astype(np.float32)
        losses.append(float(step(ms.Tensor(x), ms.Tensor(y)).asnumpy()))
    return net, step, losses


for mode_name, mode in (("graph", ms.GRAPH_MODE), ("pynative", ms.PYNATIVE_MODE)):
    ms.set_context(mode=mode)
    ms.reset_auto_parallel_context()
    reference, _, reference_losses = train(False)
    ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.SEMI_AUTO_PARALLEL)
    net, step, losses = train(True)
    facts[f"{mode_name}/losses"] = [losses, reference_losses]
    for param in reference.trainable_params():
        values[f"{mode_name}/reference/{param.name}"] = param.asnumpy()
    for param in net.trainable_params():
        values[f"{mode_name}/sharded/{param.name}"] = param.asnumpy()
    facts[f"{mode_name}/layouts"] = net.parameter_layout_dict
    # Bytes each device holds for each Parameter (and its Momentum state).
    held = {}
    for param in step.get_parameters():
        data = param._data
        held[param.name] = {"total": int(np.prod(param.shape)) * 4,
                            "per_device": [int(np.prod(s.data.shape)) * 4 for s in data.addressable_shards],
                            "sliced": param.sliced}
    facts[f"{mode_name}/bytes"] = held

# Optimizer parallel: the copies of each Parameter and its Momentum state are split along axis 0.
for mode_name, mode in (("graph", ms.GRAPH_MODE), ("pynative", ms.PYNATIVE_MODE)):
    ms.set_context(mode=mode)
    ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.SEMI_AUTO_PARALLEL, enable_parallel_optimizer=True)
    net, step, losses = train(True)
    facts[f"optimizer_parallel/{mode_name}/losses"] = losses
    for param in net.trainable_params():
        values[f"optimizer_parallel/{mode_name}/{param.name}"] = param.asnumpy()
    facts[f"optimizer_parallel/{mode_name}/bytes"] = {
        p.name: sorted({int(np.prod(s.data.shape)) * 4 for s in p._data.addressable_shards})
        for p in step.get_parameters()}
    facts[f"optimizer_parallel/{mode_name}/layouts"] = net.parameter_layout_dict
    ms.reset_auto_parallel_context()

# AUTO_PARALLEL: sharding_propagation runs the user's strategies; other search modes are refused.
ms.set_context(mode=ms.GRAPH_MODE)
ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.AUTO_PARALLEL, search_mode="sharding_propagation")
net, _, losses = train(True, steps=1)
facts["auto/losses"] = losses
ms.set_auto_parallel_context(search_mode="dynamic_programming")
try:
    train(True, steps=1)
    facts["auto/other_search_mode"] = "no error"
except ValueError as error:
    facts["auto/other_search_mode"] = str(error)

# ms.shard on a function: inputs laid out and pinned by in_strategy, the output by out_strategy.
ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.SEMI_AUTO_PARALLEL)
rng = np.random.default_rng(4)
fx, fw = rng.standard_normal((8, 16)).astype(np.float32), rng.standard_normal((16, 8)).astype(np.float32)


def product(a, b):
    return ops.matmul(a, b) * 2


sharded_product = ms.shard(product, in_strategy=((2, 1), (1, 4)), out_strategy=((2, 4),))
for mode_name, mode in (("pynative", ms.PYNATIVE_MODE), ("graph", ms.GRAPH_MODE)):
    ms.set_context(mode=mode)
    call = sharded_product if mode == ms.PYNATIVE_MODE else ms.jit(sharded_product)
    out = call(ms.Tensor(fx), ms.Tensor(fw))
    facts[f"function_shard/{mode_name}"] = {
        "max_error": float(np.abs(out.asnumpy() - (fx @ fw) * 2).max()),
        "blocks": sorted({tuple((i.start, i.stop) for i in shard.index) for shard in out._value().addressable_shards}),
        "block_shape": sorted({tuple(shard.data.shape) for shard in out._value().addressable_shards})}
# ms.shard on a Cell: its input laid out by in_strategy, its Parameter by parameter_plan.
ms.set_context(mode=ms.GRAPH_MODE)
plain_block, shard_block = Block(False), Block(False)
sharded_block = ms.shard(shard_block, in_strategy=((2, 1),), parameter_plan={"w1": (1, 8)})
block_x = ms.Tensor(rng.standard_normal((8, 16)).astype(np.float32))
facts["cell_shard/max_error"] = float(np.abs(sharded_block(block_x).asnumpy() - plain_block(block_x).asnumpy()).max())
facts["cell_shard/w1_layout"] = shard_block.parameter_layout_dict["w1"]
facts["cell_shard/w1_blocks"] = sorted({tuple(s.data.shape) for s in shard_block.w1._data.addressable_shards})
ms.reset_auto_parallel_context()
facts["function_shard/stand_alone_is_plain"] = ms.shard(product, ((2, 1), (1, 4)))(ms.Tensor(fx), ms.Tensor(fw)).shape

# A strategy that does not divide the shape, or the device count.
ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.SEMI_AUTO_PARALLEL)
errors = {}
for label, strategy in (("shape", ((2, 1), (1, 4))), ("devices", ((3, 1), (1, 1))), ("rank", ((2, 1, 1), (1, 4)))):
    x = ms.Tensor(np.ones((6 if label == "devices" else 8, 16), np.float32))
    try:
        ops.MatMul().shard(strategy)(x, ms.Tensor(np.ones((16, 6), np.float32)))
        errors[label] = "no error"
    except ValueError as error:
        errors[label] = str(error)
facts["errors"] = errors

# Lazy shards: every initializer and generator, bit-identical to the single-process slices.
INITS = {"zeros": ((8, 12), "zeros"), "ones": ((8, 12), "ones"), "constant": ((8, 12), init.Constant(0.7)),
         "normal": ((8, 12), init.Normal(0.2, 0.1)), "uniform": ((8, 12), init.Uniform(0.3)),
         "truncated_normal": ((8, 12), init.TruncatedNormal(0.02)), "xavier_uniform": ((8, 12), "xavier_uniform"),
         "xavier_normal": ((8, 12), "xavier_normal"), "he_uniform": ((8, 12), "he_uniform"),
         "he_normal": ((8, 12), "he_normal"), "identity": ((8, 12), "identity"),
         "sparse": ((8, 12), init.Sparse(0.5)), "orthogonal": ((8, 12), "orthogonal"),
         "dirac": ((8, 4, 3), init.Dirac(1)),
         "variance_scaling": ((8, 12), init.VarianceScaling(distribution="untruncated_normal"))}
STRATEGIES = {2: (2, 4), 3: (2, 4, 1)}
lazy = {}
for generator in ("mindspore", "mindspore-r1.6", "threefry"):
    ms.set_context(init_generator=generator)
    for name, (shape, how) in INITS.items():
        ms.set_seed(21)
        whole = ms.Parameter(init.initializer(how, shape, ms.float32), name="p").asnumpy()
        ms.set_seed(21)
        param = ms.Parameter(init.initializer(how, shape, ms.float32), name="p")
        layout = _sharding.layout_of(STRATEGIES[len(shape)], shape, "test", "p")
        _sharding.assign_layout(param, layout)
        assert param.has_init  # still lazy: laid out, nothing generated yet
        data = param._stored_value()
        same = all(np.array_equal(np.asarray(s.data), whole[s.index]) for s in data.addressable_shards)
        blocks = {tuple((i.start, i.stop) for i in s.index) for s in data.addressable_shards}
        # init_data(layout) on a fresh lazy Parameter gives rank r exactly device r's block.
        agree = True
        for rank in range(8):
            ms.set_auto_parallel_context(global_rank=rank)
            ms.set_seed(21)
            fresh = ms.Parameter(init.initializer(how, shape, ms.float32), name="p")
            fresh.init_data(layout=list(layout[:3]))
            device_block = next(s for s in data.addressable_shards if s.device.id == jax.devices()[rank].id)
            agree &= np.array_equal(fresh.asnumpy(), np.asarray(device_block.data))
        ms.reset_auto_parallel_context()
        ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.SEMI_AUTO_PARALLEL)
        lazy[f"{generator}/{name}"] = {"bit_identical": bool(same), "blocks": len(blocks),
                                      "init_data_agrees": bool(agree)}
facts["lazy"] = lazy
ms.set_context(init_generator="mindspore")

np.savez(os.path.join(out_dir, "semi_auto.npz"), **values)
with open(os.path.join(out_dir, "semi_auto.json"), "w") as f:
    json.dump(facts, f)
print("done")
