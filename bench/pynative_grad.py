"""PYNATIVE training-step time with the differentiated function compiled once per input
signature (compiled_grad.GradCache) against the op-by-op path, in one run:
LeNet-5 (batch 32, 1x32x32) and a ResNet basic block (batch 8, 64x56x56), Momentum.

    python bench/pynative_grad.py [--steps 20]

Two ways to write a step: `value_and_grad` + optimizer (the tutorials' loop) and
`TrainOneStepCell`. "first" is the first step (tracing and compiling included), "step"
the median of the steps after it; speed-up = op-by-op / cached.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sporax as ms  # noqa: E402
from sporax import Tensor, nn  # noqa: E402
from sporax.common.initializer import Normal  # noqa: E402
from sporax.models import LeNet5  # noqa: E402

from train_step import BasicBlock, BlockLoss  # noqa: E402


def _network(kind):
    ms.set_seed(0)
    if kind == "lenet":
        net = LeNet5(head_init=Normal(0.02))
        return net, nn.WithLossCell(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"))
    net = BasicBlock()
    return net, BlockLoss(net)


def _step(kind, style, cached):
    net, loss = _network(kind)
    loss.set_train()
    opt = nn.Momentum(net.trainable_params(), 0.01, 0.9)
    if style == "TrainOneStepCell":
        step = nn.TrainOneStepCell(loss, opt).set_train()
        step._grad_cache.enabled = cached
        return step
    grad_fn = ms.value_and_grad(loss, None, opt.parameters)
    grad_fn.__sporax_grad_cache__.enabled = cached

    def step(x, y):
        value, grads = grad_fn(x, y)
        opt(grads)
        return value

    return step


def _time(step, x, y, steps):
    start = time.perf_counter()
    step(x, y).asnumpy()
    first = time.perf_counter() - start
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        step(x, y).asnumpy()
        times.append(time.perf_counter() - start)
    return first, float(np.median(times))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=20)
    args = parser.parse_args()
    ms.set_context(mode=ms.PYNATIVE_MODE)
    rng = np.random.default_rng(0)
    cases = {
        "LeNet-5 b32 1x32x32": ("lenet", rng.standard_normal((32, 1, 32, 32)).astype(np.float32),
                                rng.integers(0, 10, 32).astype(np.int32)),
        "ResNet block b8 64x56x56": ("block", rng.standard_normal((8, 64, 56, 56)).astype(np.float32),
                                     rng.standard_normal((8, 64, 56, 56)).astype(np.float32)),
    }
    print(f"{'PYNATIVE step':26}{'style':18}{'op-by-op first s':>17}{'cached first s':>15}"
          f"{'op-by-op ms':>12}{'cached ms':>10}{'speed-up':>9}")
    for label, (kind, x, y) in cases.items():
        for style in ("value_and_grad", "TrainOneStepCell"):
            eager = _time(_step(kind, style, False), Tensor(x), Tensor(y), args.steps)
            cached = _time(_step(kind, style, True), Tensor(x), Tensor(y), args.steps)
            print(f"{label:26}{style:18}{eager[0]:17.2f}{cached[0]:15.2f}{eager[1] * 1e3:12.2f}"
                  f"{cached[1] * 1e3:10.2f}{eager[1] / cached[1]:9.1f}", flush=True)


if __name__ == "__main__":
    main()
