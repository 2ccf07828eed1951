"""Forward step time of a small network (LeNet-5, batch 32, 1x32x32) in PYNATIVE_MODE,
GRAPH_MODE and a hand-written jax.jit of the same computation, in one run.

    python bench/graph_vs_eager.py [--batch 32] [--steps 100] [--rounds 5]

Target: GRAPH_MODE within 1.2x of hand-written jax.jit.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sporax as ms  # noqa: E402
from sporax import Tensor  # noqa: E402
from sporax.models import LeNet5  # noqa: E402


def timed(fn, steps):
    for _ in range(10):
        out = fn()
    jax.block_until_ready(out)
    start = time.perf_counter()
    for _ in range(steps):
        out = fn()
    jax.block_until_ready(out)
    return (time.perf_counter() - start) / steps * 1e3


def best_of(runs, rounds, steps):
    """ms per step of each named run: the best of `rounds` rounds, the runs interleaved within
    a round so a load spike on a shared machine hits them alike (timeit's min rule)."""
    best = {name: float("inf") for name in runs}
    for _ in range(rounds):
        for name, (mode, fn) in runs.items():
            ms.set_context(mode=mode)
            best[name] = min(best[name], timed(fn, steps))
    ms.set_context(mode=ms.PYNATIVE_MODE)
    return best


def hand_written(params):
    dn = ("NCHW", "OIHW", "NCHW")

    def pool(x):
        return jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID")

    @jax.jit
    def forward(p, x):
        x = pool(jax.nn.relu(jax.lax.conv_general_dilated(x, p["conv1.weight"], (1, 1), "VALID", dimension_numbers=dn)))
        x = jax.lax.conv_general_dilated(x, p["conv2.weight"], (1, 1), "VALID", dimension_numbers=dn)
        shape = (1, -1, 1, 1)
        x = (x - p["bn.moving_mean"].reshape(shape)) * jax.lax.rsqrt(p["bn.moving_variance"].reshape(shape) + 1e-5)
        x = x * p["bn.gamma"].reshape(shape) + p["bn.beta"].reshape(shape)
        x = pool(jax.nn.relu(x)).reshape(x.shape[0], -1)
        x = jax.nn.relu(x @ p["fc1.weight"].T + p["fc1.bias"])
        x = jax.nn.relu(x @ p["fc2.weight"].T + p["fc2.bias"])
        return x @ p["fc3.weight"].T + p["fc3.bias"]

    return forward


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    x_np = np.random.default_rng(0).standard_normal((args.batch, 1, 32, 32)).astype(np.float32)
    x = Tensor(x_np)
    ms.set_seed(1)
    net = LeNet5(batch_norm=True)
    params = {p.name: p._value() for p in net.get_parameters()}
    forward = hand_written(params)
    xj = jnp.asarray(x_np)
    best = best_of({"eager": (ms.PYNATIVE_MODE, lambda: net(x)._value()),
                    "graph": (ms.GRAPH_MODE, lambda: net(x)._value()),
                    "jitted": (ms.PYNATIVE_MODE, lambda: forward(params, xj))}, args.rounds, args.steps)
    eager, graph, jitted = best["eager"], best["graph"], best["jitted"]
    np.testing.assert_allclose(np.asarray(forward(params, xj)), net(x).asnumpy(), rtol=1e-4, atol=1e-5)
    print(f"LeNet-5 forward, batch {args.batch} (ms per step, best of {args.rounds} interleaved rounds)")
    print(f"{'PYNATIVE_MODE':16}{eager:10.3f}")
    print(f"{'GRAPH_MODE':16}{graph:10.3f}")
    print(f"{'jax.jit by hand':16}{jitted:10.3f}")
    print(f"GRAPH/jax.jit = {graph / jitted:.2f}x (target <= 1.2x); PYNATIVE/GRAPH = {eager / graph:.1f}x")


if __name__ == "__main__":
    main()
