"""Training-step time in GRAPH_MODE vs hand-written jax.jit of the same math and PyTorch CPU
(eager), in one run: LeNet-5 and a ResNet basic block, float32, batch 32, SGD with momentum.

    python bench/train_step.py [--steps 5] [--rounds 4] [--no-torch] [--sweep [--options FLAG ...]]

Each runner does `--rounds` rounds of `--steps` synchronised steps, the runners taking turns
round by round (so a change in the machine's load falls on all of them); a time is the
median over all steps: wall milliseconds and the process's CPU milliseconds (all threads;
on a shared machine wall time is noisy and CPU time is the steadier measure). `jax NHWC` is
the same jax.jit step with activations kept channels-last end to end and HWIO kernels: what
a layout choice could buy at most. `GRAPH/jax` is the ratio of CPU times (target <= 1.2).
`max|GRAPH-jax|` is the largest difference of any parameter after three steps from the same
initial values: the two compute the same math. The load average (1 min) is printed before
and after.

`--sweep` reruns the table in child processes, one per XLA CPU option in XLA_OPTIONS, and
prints, per option, each runner's time against the default's and the largest difference of
sporax's parameters after three steps from the default's (the option must not change results
beyond float32 round-off).

Findings (jax/jaxlib 0.10.2, torch 2.14.1, 2 AMD EPYC cores with AVX-512 shared by other
jobs; 2026-12-02):
- GRAPH_MODE's program is the hand-written one's (same convolutions and fusions; parameters
  equal after three steps: 0 for LeNet, 4e-9 for the block). CPU ms per step, GRAPH vs
  jax.jit: LeNet 9.6 vs 8.9 (1.08), block 188 vs 181 (1.04) at load 2 (9 samples each);
  LeNet 12.2 vs 11.0 (1.11), block 180 vs 197 (0.92) at load 14 (50 samples each);
  LeNet 9.5 vs 9.2 (1.03), block 171 vs 179 (0.95) at load 17 (40 samples each). The
  LeNet gap is the Python of the call: 0.8 ms a step under cProfile (the training-flag key,
  the input signature, storing the results; the executable's dispatch is the rest).
- Found and fixed in sporax/_runtime/graph.py: every GRAPH program compiled twice (the
  learning_rate Parameter, made from a float, was not committed to a device until the first
  call's result replaced it, and jax.jit keys executables on that), and each call read the
  float status back to the host, a sync that kept steps from queuing.
- XLA already runs the NCHW convolutions channels-last: layout assignment transposes to NHWC
  (`dim_labels=b01f_01io->b01f`), and every convolution (forward and both backward ones)
  and most reductions run as YNNPACK fusions (`__ynn_fusion`, on by default). The
  NHWC-end-to-end jax step costs within noise of the NCHW one (LeNet 8.7 vs 8.9 ms, block
  156 vs 181 ms at load 2; 179 vs 197 at load 14): no layout choice is worth making in
  sporax.
- `--sweep` (load 1-3 but for the last two options, 9 samples a runner), CPU / wall time
  relative to the default options, GRAPH | jax.jit | jax NHWC:
      option                                      LeNet-5                      ResNet block
      xla_cpu_use_thunk_runtime=false     1.00/0.65 1.06/0.66 1.01/0.62   0.95/0.92 1.02/0.99 1.10/1.13
      xla_cpu_multi_thread_eigen=false    1.14/0.73 1.14/0.71 1.12/0.70   0.95/0.76 1.13/0.91 1.11/0.95
      xla_cpu_enable_fast_math=true       0.91/0.59 0.92/0.55 0.94/0.57   0.94/0.76 1.10/0.85 1.10/0.95
      pinned to one CPU (1 intra-op thread) 0.90/0.90 0.90/0.90 1.00/1.00 0.85/0.82 1.00/0.98 1.03/1.03
      xla_cpu_experimental_ynn_fusion_type= 0.91/0.91 0.92/1.01 1.08/1.08 1.10/1.07 1.18/1.17 1.66/1.66
      xla_cpu_use_onednn=true             1.02/1.08 1.02/1.08 1.02/1.06   0.92/0.73 1.02/0.82 1.11/0.92
      xla_cpu_experimental_onednn_custom_call=true 0.93/0.83 0.95/0.99 0.90/0.83 0.83/0.88 0.99/1.04 0.99/1.02
      xla_cpu_experimental_onednn_fusion_type=dot,eltwise 1.26/1.15 1.25/1.20 1.31/1.21 0.96/0.93 1.08/1.05 1.16/1.18
      xla_cpu_use_xnnpack=true            1.17/1.27 1.16/1.83 1.20/1.17   0.97/1.85 1.06/1.96 1.14/2.68
      xla_cpu_prefer_vector_width=512     1.10/1.15 0.99/1.12 1.14/1.36   1.00/2.39 1.12/2.55 1.07/2.68
  (the last two ran at load 5-10: their wall ratios are the load's). What each buys here:
  * thunk runtime: `xla_cpu_use_thunk_runtime` "is no longer supported" (XLA's warning) and
    is ignored: the thunk runtime is the only one. The row is the noise (about +-10% CPU).
  * oneDNN: all three flags are accepted and change nothing: the block's optimised HLO is
    identical to the default's (same md5) and holds no oneDNN call (this wheel is built
    without oneDNN); the rows are noise as well. So is `xla_cpu_use_xnnpack` (same HLO:
    YNNPACK has the convolutions).
  * YNNPACK off (`ynn_fusion_type=`, XLA's own Eigen convolutions): block +10-18% CPU,
    NHWC +66%: the default is the fastest path this jaxlib has.
  * `multi_thread_eigen=false`, fast math, vector width 512: within noise (fast math moves
    the parameters by 7.5e-9 after three steps, within float32 tolerance, and buys nothing
    measurable).
  * one intra-op thread: CPU -10-15% for the block, wall the same: on 2 shared cores the
    second thread buys no wall time. torch pinned to one CPU: LeNet 5.3 ms, block 136 ms,
    so GRAPH is 1.6x / 1.2x torch's time there (issue 15 measured 1.8-2.5x before YNNPACK);
    torch with its two OpenMP threads on the loaded machine took 86-98 / 375-407 ms CPU
    (load 14-17; its threads spin waiting for each other), 7-10x / 2.2x GRAPH's.
  Nothing is applied in sporax: no option buys time beyond noise, and XLA_FLAGS are the
  user's (a per-program `compiler_options` would make GRAPH differ from the user's jax.jit).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
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


ONE_THREAD = "one-cpu"  # not an XLA flag: the sweep's child is pinned to one CPU (intra-op threads 1)
XLA_OPTIONS = [
    "xla_cpu_use_thunk_runtime=false",
    "xla_cpu_multi_thread_eigen=false",
    "xla_cpu_enable_fast_math=true",
    ONE_THREAD,
    "xla_cpu_experimental_ynn_fusion_type=",  # YNNPACK off: XLA's own (Eigen) convolutions and dots
    "xla_cpu_use_onednn=true",
    "xla_cpu_experimental_onednn_custom_call=true",
    "xla_cpu_experimental_onednn_fusion_type=dot,eltwise",
    "xla_cpu_use_xnnpack=true",
    "xla_cpu_prefer_vector_width=512",
]
RUNNERS = ("sporax GRAPH", "jax.jit", "jax NHWC", "torch")


def _cases():
    rng = np.random.default_rng(0)
    return {
        "LeNet-5 b32 1x32x32": ("lenet", rng.standard_normal((32, 1, 32, 32)).astype(np.float32),
                                rng.integers(0, 10, 32).astype(np.int32)),
        "ResNet block b32 64x28x28": ("block", rng.standard_normal((32, 64, 28, 28)).astype(np.float32),
                                      rng.standard_normal((32, 64, 28, 28)).astype(np.float32)),
    }


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


def _trainable(net):
    return {k: p._value() for k, p in net.parameters_and_names() if p.requires_grad}


def jax_step(kind, nhwc=False):
    """The same step written directly in JAX: params {name: array} (sporax's names and OIHW
    kernels), Momentum as MindSpore's (m = 0.9 m + g; w -= 0.01 m). With `nhwc`, activations
    are channels-last and the kernels are taken as HWIO (transposed once, outside the step)."""
    dn = ("NHWC", "HWIO", "NHWC") if nhwc else ("NCHW", "OIHW", "NCHW")
    channel_axis = 3 if nhwc else 1
    spatial = (0, 1, 2) if nhwc else (0, 2, 3)

    def conv(x, w, padding):
        return jax.lax.conv_general_dilated(x, w, (1, 1), padding, dimension_numbers=dn)

    def per_channel(v):
        shape = [1, 1, 1, 1]
        shape[channel_axis] = -1
        return v.reshape(shape)

    def bn(x, gamma, beta):
        mean, var = x.mean(spatial, keepdims=True), x.var(spatial, keepdims=True)
        return (x - mean) * jax.lax.rsqrt(var + 1e-5) * per_channel(gamma) + per_channel(beta)

    def pool(x):
        window = (1, 2, 2, 1) if nhwc else (1, 1, 2, 2)
        return jax.lax.reduce_window(x, -np.inf, jax.lax.max, window, window, "VALID")

    def lenet_loss(p, x, y):
        x = pool(jax.nn.relu(conv(x, p["conv1.weight"], "VALID")))
        x = pool(jax.nn.relu(conv(x, p["conv2.weight"], "VALID")))
        if nhwc:
            x = x.transpose(0, 3, 1, 2)  # flatten in NCHW order, as fc1's weight expects
        x = x.reshape(x.shape[0], -1)
        x = jax.nn.relu(x @ p["fc1.weight"].T + p["fc1.bias"])
        x = jax.nn.relu(x @ p["fc2.weight"].T + p["fc2.bias"])
        logits = x @ p["fc3.weight"].T + p["fc3.bias"]
        return -jnp.mean(jnp.take_along_axis(jax.nn.log_softmax(logits), y[:, None], 1))

    def block_loss(p, x, target):
        out = jax.nn.relu(bn(conv(x, p["conv1.weight"], "SAME"), p["bn1.gamma"], p["bn1.beta"]))
        out = jax.nn.relu(bn(conv(out, p["conv2.weight"], "SAME"), p["bn2.gamma"], p["bn2.beta"])
                          + x)
        return jnp.mean((out - target) ** 2)

    loss_fn = lenet_loss if kind == "lenet" else block_loss

    @jax.jit
    def step(p, moments, x, y):
        loss, grads = jax.value_and_grad(loss_fn)(p, x, y)
        moments = jax.tree_util.tree_map(lambda m, g: 0.9 * m + g, moments, grads)
        p = jax.tree_util.tree_map(lambda w, m: w - 0.01 * m, p, moments)
        return p, moments, loss

    return step


def _to_nhwc(params, x, y, kind):
    params = {k: (v.transpose(2, 3, 1, 0) if v.ndim == 4 else v) for k, v in params.items()}
    x = x.transpose(0, 2, 3, 1)
    return params, x, (y if kind == "lenet" else y.transpose(0, 2, 3, 1))


def torch_step(kind):
    tnn = torch.nn
    if kind == "lenet":
        model = tnn.Sequential(tnn.Conv2d(1, 6, 5, bias=False), tnn.ReLU(), tnn.MaxPool2d(2),
                               tnn.Conv2d(6, 16, 5, bias=False), tnn.ReLU(), tnn.MaxPool2d(2), tnn.Flatten(),
                               tnn.Linear(400, 120), tnn.ReLU(), tnn.Linear(120, 84), tnn.ReLU(), tnn.Linear(84, 10))
        loss_fn = tnn.CrossEntropyLoss()
    else:
        class Block(tnn.Module):
            def __init__(self):
                super().__init__()
                self.c1, self.b1 = tnn.Conv2d(64, 64, 3, padding=1, bias=False), tnn.BatchNorm2d(64)
                self.c2, self.b2 = tnn.Conv2d(64, 64, 3, padding=1, bias=False), tnn.BatchNorm2d(64)

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


class _Runner:
    """One way to run the step: `call()` runs one step and waits for it."""

    def __init__(self, call):
        self.call = call
        self.wall, self.cpu = [], []

    def round(self, steps):
        for _ in range(steps):
            wall, cpu = time.perf_counter(), time.process_time()
            self.call()
            self.wall.append(time.perf_counter() - wall)
            self.cpu.append(time.process_time() - cpu)

    def medians(self):
        return float(np.median(self.wall)) * 1e3, float(np.median(self.cpu)) * 1e3


def _jax_runner(step, params, x, y):
    state = {"p": params, "m": jax.tree_util.tree_map(jnp.zeros_like, params)}
    x, y = jnp.asarray(x), jnp.asarray(y)

    def call():
        state["p"], state["m"], loss = step(state["p"], state["m"], x, y)
        loss.block_until_ready()

    return _Runner(call), state


def _runners(kind, x, y, with_torch=True):
    step, net = sporax_step(kind)
    tx, ty = Tensor(x), Tensor(y)
    runners = {"sporax GRAPH": _Runner(lambda: step(tx, ty)._value().block_until_ready())}
    params = _trainable(net)
    runners["jax.jit"], _ = _jax_runner(jax_step(kind), params, x, y)
    runners["jax NHWC"], _ = _jax_runner(jax_step(kind, nhwc=True), *_to_nhwc(params, x, y, kind))
    if torch is not None and with_torch:
        tstep = torch_step(kind)
        xt = torch.from_numpy(x)
        yt = torch.from_numpy(y.astype(np.int64)) if kind == "lenet" else torch.from_numpy(y)
        runners["torch"] = _Runner(lambda: tstep(xt, yt).item())
    return runners


def three_steps(kind, x, y):
    """sporax's trainable parameters after three GRAPH_MODE steps, and the hand-written jax
    step's from the same initial values."""
    step, net = sporax_step(kind)
    runner, state = _jax_runner(jax_step(kind), _trainable(net), x, y)
    tx, ty = Tensor(x), Tensor(y)
    for _ in range(3):
        step(tx, ty)
        runner.call()
    return ({k: np.asarray(v) for k, v in _trainable(net).items()},
            {k: np.asarray(v) for k, v in state["p"].items()})


def _max_difference(a: dict, b: dict) -> float:
    return max(float(np.max(np.abs(a[k] - b[k]))) for k in a)


def measure(steps, rounds, dump=None, with_torch=True):
    """{case: {runner: (wall ms, cpu ms)}, and 'max|GRAPH-jax|'}; with `dump`, sporax's
    parameters after three steps go to that .npz (for the sweep's result check)."""
    results, dumped = {}, {}
    for label, (kind, x, y) in _cases().items():
        ours, theirs = three_steps(kind, x, y)
        dumped.update({f"{kind}/{k}": v for k, v in ours.items()})
        runners = _runners(kind, x, y, with_torch)
        for runner in runners.values():
            runner.round(2)  # compile and warm up
            runner.wall.clear()
            runner.cpu.clear()
        for _ in range(rounds):
            for runner in runners.values():
                runner.round(steps)
        results[label] = {name: runner.medians() for name, runner in runners.items()}
        results[label]["max|GRAPH-jax|"] = _max_difference(ours, theirs)
    if dump is not None:
        np.savez(dump, **dumped)
    ms.set_context(mode=ms.PYNATIVE_MODE)
    return results


def print_table(results):
    print(f"{'training step, ms wall / ms CPU':34}" + "".join(f"{name:>16}" for name in RUNNERS)
          + f"{'GRAPH/jax':>11}{'torch/GRAPH':>13}{'max|GRAPH-jax|':>16}")
    for label, row in results.items():
        cells = "".join(f"{'%.1f / %.1f' % tuple(row[name]) if name in row else '-':>16}" for name in RUNNERS)
        torch_ratio = row["torch"][1] / row["sporax GRAPH"][1] if "torch" in row else float("nan")
        print(f"{label:34}{cells}{row['sporax GRAPH'][1] / row['jax.jit'][1]:11.2f}{torch_ratio:13.2f}"
              f"{row['max|GRAPH-jax|']:16.1e}")


def _load():
    return f"{os.getloadavg()[0]:.1f}"


def sweep(steps, rounds, options=XLA_OPTIONS):
    """The table per XLA option, each in a child process; times relative to the default's
    (CPU time; below 1: the option is faster), and sporax's parameters after three steps
    against the default's."""
    tables, base = {}, None
    with tempfile.TemporaryDirectory(prefix="train_step_sweep") as folder:
        for i, flags in enumerate(options):
            dump = os.path.join(folder, f"{i}.npz")
            one_cpu = flags == "--" + ONE_THREAD
            env = dict(os.environ, XLA_FLAGS="" if one_cpu else flags)
            # One CPU: XLA sizes its intra-op thread pool, and torch its OpenMP one, by the
            # CPUs the process may run on.
            pin = (lambda: os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:1])) if one_cpu else None
            command = [sys.executable, __file__, "--steps", str(steps), "--rounds", str(rounds), "--json", dump]
            done = subprocess.run(command + ([] if one_cpu else ["--no-torch"]), env=env, capture_output=True,
                                  text=True, timeout=1800, preexec_fn=pin)
            print(f"\n{'pinned to one CPU' if one_cpu else 'XLA_FLAGS=' + repr(flags)} (load {_load()})")
            if done.returncode != 0:
                print(f"    failed: {done.stderr.strip().splitlines()[-1][:300] if done.stderr.strip() else ''}")
                continue
            tables[flags] = json.loads(done.stdout.strip().splitlines()[-1])
            print_table(tables[flags])
            params = dict(np.load(dump))
            if base is None:
                base = params
            else:
                print(f"    max |params - default's| after three steps: {_max_difference(base, params):.1e}")
    if "" in tables:
        print_relative(tables)


def print_relative(tables):
    """Each option's CPU / wall time per step over the default options' (below 1: faster)."""
    names = [name for name in RUNNERS if name in tables[""][next(iter(tables[""]))]]
    print("\nCPU / wall time per step relative to the default options' (below 1: faster)\n"
          + f"{'XLA_FLAGS':52}" + "".join(f"{label.split(' b32')[0][:12] + ' ' + name:>26}"
                                        for label in tables[""] for name in names))
    for flags, table in tables.items():
        cells = []
        for label in tables[""]:
            for name in names:
                (wall, cpu), (base_wall, base_cpu) = table[label][name], tables[""][label][name]
                cells.append(f"{f'{cpu / base_cpu:.2f} / {wall / base_wall:.2f}':>26}")
        print(f"{flags or '(default)':52}" + "".join(cells))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=5, help="steps per round")
    parser.add_argument("--rounds", type=int, default=4, help="rounds, the runners taking turns")
    parser.add_argument("--sweep", action="store_true", help="the table under each option in XLA_OPTIONS")
    parser.add_argument("--options", nargs="*", default=XLA_OPTIONS, help="XLA flags to sweep, without their leading dashes (the default options are the baseline)")
    parser.add_argument("--no-torch", action="store_true", help="leave PyTorch out (the sweep does, but for the one-CPU run: XLA flags do not touch it)")
    parser.add_argument("--json", metavar="NPZ", help=argparse.SUPPRESS)  # a sweep's child: JSON out, params to NPZ
    args = parser.parse_args()
    if args.sweep:
        print(f"load average {_load()} on {os.cpu_count()} CPUs; torch {torch.__version__ if torch else 'absent'}, "
              f"jax {jax.__version__}")
        sweep(args.steps, args.rounds, [""] + ["--" + o.lstrip("-") for o in args.options if o])
        print(f"load average {_load()}")
        return
    if args.json:
        print(json.dumps(measure(args.steps, args.rounds, dump=args.json, with_torch=not args.no_torch)))
        return
    before = _load()
    results = measure(args.steps, args.rounds, with_torch=not args.no_torch)
    print_table(results)
    print(f"load average before {before}, after {_load()} on {os.cpu_count()} CPUs; "
          f"XLA_FLAGS={os.environ.get('XLA_FLAGS', '')!r}")


if __name__ == "__main__":
    main()
