"""Parameter-server cost, in one run: push+pull round trips per second for one PS Parameter
of several sizes (the server applies Momentum), and the step time of an MLP over an
embedding trained through one server against the same model trained locally.

    python bench/parameter_server.py [--steps 30] [--port 26699]

Started without MS_ROLE it launches a local job (1 scheduler, 1 server, 1 worker on
127.0.0.1, `launch_ps`) running this same file, and prints the worker's table.
Ratios are PS time / local time (above 1: the parameter server costs that much more).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import sporax as ms  # noqa: E402
from sporax import Parameter, Tensor, nn  # noqa: E402


class Net(nn.Cell):
    def __init__(self, vocab, dim):
        super().__init__()
        self.embedding = nn.Embedding(vocab, dim)
        self.fc1 = nn.Dense(dim, 256)
        self.relu = nn.ReLU()
        self.fc2 = nn.Dense(256, 10)

    def construct(self, ids):
        return self.fc2(self.relu(self.fc1(self.embedding(ids).mean(axis=1))))


def _timed(fn, steps):
    fn()  # first call: registration / compilation
    start = time.perf_counter()
    for _ in range(steps):
        fn()
    return (time.perf_counter() - start) / steps


def worker(out, steps):
    rows = []
    for elements in (1_000, 250_000, 4_000_000):
        grad = (Tensor(np.full((elements,), 1e-3, np.float32)),)
        timings = {}
        for where in ("ps", "local"):
            param = Parameter(Tensor(np.zeros((elements,), np.float32)), name=f"p{elements}_{where}")
            if where == "ps":
                param.set_param_ps()
            opt = nn.Momentum([param], learning_rate=0.1, momentum=0.9)
            timings[where] = _timed(lambda: opt(grad), steps)
        rows.append({"what": f"Momentum step, {elements * 4 / 2**20:.3g} MiB Parameter", "ps": timings["ps"],
                     "local": timings["local"], "round_trips_per_s": 1 / timings["ps"],
                     "mib_per_s": 2 * elements * 4 / 2**20 / timings["ps"]})
    ids = Tensor(np.random.default_rng(0).integers(0, 20_000, (64, 8)).astype(np.int32))
    labels = Tensor(np.random.default_rng(1).integers(0, 10, (64,)).astype(np.int32))
    timings = {}
    for where in ("ps", "local"):
        ms.set_seed(1)
        net = Net(20_000, 64)
        if where == "ps":
            net.embedding.set_param_ps()
            net.fc1.set_param_ps()
        loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
        step = nn.TrainOneStepCell(nn.WithLossCell(net, loss), nn.Adam(net.trainable_params(), 1e-3))
        timings[where] = _timed(lambda: step(ids, labels), steps)
    rows.append({"what": "MLP train step (20000x64 embedding + fc1 on the server, Adam)", "ps": timings["ps"],
                 "local": timings["local"], "round_trips_per_s": 1 / timings["ps"], "mib_per_s": None})
    with open(os.path.join(out, "bench.json"), "w") as f:
        json.dump(rows, f)


def report(rows):
    print(f"{'measure':<64} {'PS ms':>9} {'local ms':>9} {'ratio':>7} {'trips/s':>8} {'MiB/s':>8}")
    for r in rows:
        mib = f"{r['mib_per_s']:.0f}" if r["mib_per_s"] else "-"
        print(f"{r['what']:<64} {r['ps'] * 1e3:9.2f} {r['local'] * 1e3:9.2f} {r['ps'] / r['local']:7.2f} "
              f"{r['round_trips_per_s']:8.0f} {mib:>8}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--port", type=int, default=26699)
    parser.add_argument("--out", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if "MS_ROLE" in os.environ:
        ms.set_ps_context(enable_ps=True)  # the scheduler and server serve here and exit
        worker(args.out, args.steps)
        return
    from sporax._ps.launcher import launch_ps
    with tempfile.TemporaryDirectory(prefix="sporax-ps-bench-") as out:
        code = launch_ps(__file__, ["--steps", str(args.steps), "--out", out], server_num=1, worker_num=1,
                         sched_host="127.0.0.1", sched_port=args.port, log_dir=out, timeout=600)
        if code != 0:
            for log in sorted(Path(out).glob("*.log")):
                print(f"== {log.name}\n{log.read_text()[-3000:]}", file=sys.stderr)
            sys.exit(code)
        with open(os.path.join(out, "bench.json")) as f:
            report(json.load(f))


if __name__ == "__main__":
    main()
