"""Training-step time in GRAPH_MODE vs hand-written jax.jit and PyTorch 2.13 CPU, in one run:
LeNet-5 (batch 32, 1x32x32) and a ResNet basic block (batch 8, 64x56x56), SGD with momentum.

    python bench/train_step.py [--steps 20] [--sweep]

Ratios are time / sporax GRAPH_MODE time (above 1: sporax is faster). Each time is the
median over steps, every step synchronised (the machine may be shared). `--sweep` reruns the
table in child processes under each XLA CPU option worth trying (oneDNN and XNNPACK paths,
vector width, fast math, Eigen threading), so what each buys is measured in one run.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sporax as ms  # noqa: E402
from sporax import Tensor, nn  # noqa: E402
from sporax.common.initializer import Normal  # noqa: E402
from sporax.models import LeNet5  # noqa: E402

try:
    import torch
except ImportError:
    torch = None


class BasicBlock(nn.Cell):
    """ResNet basic block: conv-bn-relu-conv-bn + identity, relu."""

    def __init__(self, channels=64):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, pad_mode="same")
        self.bn1 = nn.BatchNorm2d(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, pad_mode="same")
        self.bn2 = nn.BatchNorm2d(channels)
        self.relu = nn.ReLU()

    def construct(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        return self.relu(self.bn2(self.conv2(out)) + x)


class BlockLoss(nn.Cell):
    def __init__(self, block):
        super().__init__()
        self.block = block

    def construct(self, x, target):
        return ((self.block(x) - target) ** 2).mean()


def timed(fn, steps, sync):
    """Median milliseconds per step, each step synchronised."""
    for _ in range(3):
        sync(fn())
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        sync(fn())
        times.append(time.perf_counter() - start)
    return float(np.median(times)) * 1e3


HEADER = (f"{'training step (ms)':26}{'sporax GRAPH':>14}{'jax.jit':>10}{'torch CPU':>11}{'jax/sporax':>12}"
          f"{'torch/sporax':>14}")
XLA_OPTIONS = ["", "--xla_cpu_use_onednn=true", "--xla_cpu_experimental_onednn_custom_call=true",
               "--xla_cpu_use_xnnpack=true", "--xla_cpu_experimental_xnn_graph_fusion_mode=XNN_GRAPH_FUSION_MODE_GREEDY",
               "--xla_cpu_prefer_vector_width=512", "--xla_cpu_enable_fast_math=true",
               "--xla_cpu_multi_thread_eigen=false"]


def sweep(steps):
    print(f"    {HEADER}")
    for flags in XLA_OPTIONS:
        env = dict(os.environ, XLA_FLAGS=flags)
        done = subprocess.run([sys.executable, __file__, "--steps", str(steps)], env=env, capture_output=True,
                              text=True, timeout=1800)
        rows = [line for line in done.stdout.splitlines() if line and not line.startswith("training step")]
        print(f"XLA_FLAGS={flags!r}" + ("" if done.returncode == 0 else f" failed: {done.stderr.strip()[-300:]}"))
        for row in rows:
            print("    " + row)


def sporax_step(kind):
    ms.set_context(mode=ms.GRAPH_MODE)
    ms.set_seed(0)
    if kind == "lenet":
        net = LeNet5(head_init=Normal(0.02))
        loss = nn.WithLossCell(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"))
    else:
        net = BasicBlock()
        loss = BlockLoss(net)
    step = nn.TrainOneStepCell(loss, nn.Momentum(net.trainable_params(), 0.01, 0.9)).set_train()
    return step, net


def jax_step(kind, params):
    dn = ("NCHW", "OIHW", "NCHW")

    def conv(x, w, padding):
        return jax.lax.conv_general_dilated(x, w, (1, 1), padding, dimension_numbers=dn)

    def bn(x, gamma, beta):
        mean, var = x.mean((0, 2, 3), keepdims=True), x.var((0, 2, 3), keepdims=True)
        return (x - mean) * jax.lax.rsqrt(var + 1e-5) * gamma.reshape(1, -1, 1, 1) + beta.reshape(1, -1, 1, 1)

    def pool(x):
        return jax.lax.reduce_window(x, -np.inf, jax.lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID")

    def lenet_loss(p, x, y):
        x = pool(jax.nn.relu(conv(x, p["conv1.weight"], "VALID")))
        x = pool(jax.nn.relu(conv(x, p["conv2.weight"], "VALID"))).reshape(x.shape[0], -1)
        x = jax.nn.relu(x @ p["fc1.weight"].T + p["fc1.bias"])
        x = jax.nn.relu(x @ p["fc2.weight"].T + p["fc2.bias"])
        logits = x @ p["fc3.weight"].T + p["fc3.bias"]
        return -jnp.mean(jnp.take_along_axis(jax.nn.log_softmax(logits), y[:, None], 1))

    def block_loss(p, x, target):
        out = jax.nn.relu(bn(conv(x, p["conv1.weight"], "SAME"), p["bn1.gamma"], p["bn1.beta"]))
        out = jax.nn.relu(bn(conv(out, p["conv2.weight"], "SAME"), p["bn2.gamma"], p["bn2.beta"]) + x)
        return jnp.mean((out - target) ** 2)

    loss_fn = lenet_loss if kind == "lenet" else block_loss

    @jax.jit
    def step(p, moments, x, y):
        loss, grads = jax.value_and_grad(loss_fn)(p, x, y)
        moments = jax.tree_util.tree_map(lambda m, g: 0.9 * m + g, moments, grads)
        p = jax.tree_util.tree_map(lambda w, m: w - 0.01 * m, p, moments)
        return p, moments, loss

    return step


def torch_step(kind):
    tnn = torch.nn
    if kind == "lenet":
        model = tnn.Sequential(tnn.Conv2d(1, 6, 5), tnn.ReLU(), tnn.MaxPool2d(2), tnn.Conv2d(6, 16, 5), tnn.ReLU(),
                               tnn.MaxPool2d(2), tnn.Flatten(), tnn.Linear(400, 120), tnn.ReLU(), tnn.Linear(120, 84),
                               tnn.ReLU(), tnn.Linear(84, 10))
        loss_fn = tnn.CrossEntropyLoss()
    else:
        class Block(tnn.Module):
            def __init__(self):
                super().__init__()
                self.c1, self.b1 = tnn.Conv2d(64, 64, 3, padding=1), tnn.BatchNorm2d(64)
                self.c2, self.b2 = tnn.Conv2d(64, 64, 3, padding=1), tnn.BatchNorm2d(64)

            def forward(self, x):
                return torch.relu(self.b2(self.c2(torch.relu(self.b1(self.c1(x))))) + x)

        model = Block()
        loss_fn = tnn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def step(x, y):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        return loss

    return step


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--sweep", action="store_true", help="the table under each option in XLA_OPTIONS")
    args = parser.parse_args()
    if args.sweep:
        sweep(args.steps)
        return
    rng = np.random.default_rng(0)
    cases = {
        "LeNet-5 b32 1x32x32": ("lenet", rng.standard_normal((32, 1, 32, 32)).astype(np.float32),
                                rng.integers(0, 10, 32).astype(np.int32)),
        "ResNet block b8 64x56x56": ("block", rng.standard_normal((8, 64, 56, 56)).astype(np.float32),
                                     rng.standard_normal((8, 64, 56, 56)).astype(np.float32)),
    }
    print(HEADER)
    for label, (kind, x, y) in cases.items():
        step, net = sporax_step(kind)
        tx, ty = Tensor(x), Tensor(y)
        ours = timed(lambda: step(tx, ty), args.steps, lambda o: o._value().block_until_ready())
        params = {k: p._value() for k, p in net.parameters_and_names() if p.requires_grad}
        moments = jax.tree_util.tree_map(jnp.zeros_like, params)
        jstep = jax_step(kind, params)
        state = {"p": params, "m": moments}
        xj, yj = jnp.asarray(x), jnp.asarray(y)

        def run_jax():
            state["p"], state["m"], loss = jstep(state["p"], state["m"], xj, yj)
            return loss

        jax_ms = timed(run_jax, args.steps, lambda o: o.block_until_ready())
        torch_ms = float("nan")
        if torch is not None:
            torch.set_num_threads(max(1, torch.get_num_threads()))
            tstep = torch_step(kind)
            xt = torch.from_numpy(x)
            yt = torch.from_numpy(y.astype(np.int64)) if kind == "lenet" else torch.from_numpy(y)
            torch_ms = timed(lambda: tstep(xt, yt), args.steps, lambda o: o.item())
        print(f"{label:26}{ours:14.2f}{jax_ms:10.2f}{torch_ms:11.2f}{jax_ms / ours:12.2f}{torch_ms / ours:14.2f}")
    ms.set_context(mode=ms.PYNATIVE_MODE)


if __name__ == "__main__":
    main()
