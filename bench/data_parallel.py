"""Data-parallel step time and scaling efficiency at 1/2/4 processes on this machine, sporax
(`sporax launch`, gloo all-reduce through jax.distributed) side by side with PyTorch 2.13
DistributedDataParallel (gloo), same model, same per-rank batch, in one run:

    python bench/data_parallel.py [--steps 30] [--processes 1,2,4]

An MLP 256-1024-1024-10 (about 1.3 M parameters), batch 64 per rank, SGD, GRAPH_MODE.
Step times are medians over the steps (each step waits for its loss), which keeps other load
on the machine from skewing one side. Weak scaling: every rank does the same work, so
efficiency = t(1 process) / t(N processes)
(1.0: perfect; below it, the all-reduce and the shared cores cost). Each process computes on
one thread in both frameworks, so the comparison is per core; on a machine with fewer cores
than processes the processes share cores and efficiency falls for both frameworks alike.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH, BATCH, IN, OUT = 1024, 64, 256, 10


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sporax_worker(steps, result_file):
    import numpy as np

    import sporax as ms
    from sporax import nn
    from sporax.communication import get_group_size, get_rank, init

    ms.set_context(mode=ms.GRAPH_MODE)
    init()
    ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.DATA_PARALLEL, gradients_mean=True)
    net = nn.SequentialCell([nn.Dense(IN, WIDTH), nn.ReLU(), nn.Dense(WIDTH, WIDTH), nn.ReLU(), nn.Dense(WIDTH, OUT)])
    step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), nn.SGD(net.trainable_params(), 0.01))
    rng = np.random.default_rng(get_rank())
    x = ms.Tensor(rng.standard_normal((BATCH, IN)).astype(np.float32))
    y = ms.Tensor(rng.standard_normal((BATCH, OUT)).astype(np.float32))
    for _ in range(5):
        step(x, y).asnumpy()
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        step(x, y).asnumpy()
        times.append(time.perf_counter() - start)
    elapsed = float(np.median(times))
    if get_rank() == 0:
        Path(result_file).write_text(json.dumps({"step_s": elapsed, "world": get_group_size()}))


def torch_worker(steps, result_file):
    import torch
    import torch.distributed as dist

    torch.set_num_threads(1)
    dist.init_process_group("gloo", rank=int(os.environ["RANK"]), world_size=int(os.environ["WORLD_SIZE"]))
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(IN, WIDTH), torch.nn.ReLU(), torch.nn.Linear(WIDTH, WIDTH),
                              torch.nn.ReLU(), torch.nn.Linear(WIDTH, OUT))
    model = torch.nn.parallel.DistributedDataParallel(net)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    generator = torch.Generator().manual_seed(dist.get_rank())
    x, y = torch.randn(BATCH, IN, generator=generator), torch.randn(BATCH, OUT, generator=generator)

    def step():
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        return loss

    for _ in range(5):
        step()
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        step().item()
        times.append(time.perf_counter() - start)
    elapsed = sorted(times)[len(times) // 2]
    if dist.get_rank() == 0:
        Path(result_file).write_text(json.dumps({"step_s": elapsed, "world": dist.get_world_size()}))
    dist.destroy_process_group()


def run_sporax(world, steps, workdir, platform="cpu") -> float:
    result = workdir / f"sporax_{world}.json"
    command = [sys.executable, "-m", "sporax.cli", "launch", f"--worker_num={world}", f"--local_worker_num={world}",
               f"--master_port={_free_port()}", f"--log_dir={workdir / f'sporax_logs_{world}'}", "--join=True",
               "--tail_worker_log=999", str(Path(__file__).resolve()), "--role", "sporax", "--steps", str(steps),
               "--result", str(result)]
    env = dict(os.environ, JAX_PLATFORMS=platform, PYTHONPATH=str(ROOT),
               XLA_FLAGS="--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise RuntimeError(f"sporax job of {world} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return json.loads(result.read_text())["step_s"]


def run_torch(world, steps, workdir) -> float:
    result = workdir / f"torch_{world}.json"
    port = _free_port()
    processes = []
    for rank in range(world):
        env = dict(os.environ, RANK=str(rank), WORLD_SIZE=str(world), MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port),
)
        processes.append(subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--role", "torch",
                                           "--steps", str(steps), "--result", str(result)], env=env,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
    for process in processes:
        _, err = process.communicate(timeout=600)
        if process.returncode:
            raise RuntimeError(f"torch job of {world} failed:\n{err[-2000:]}")
    return json.loads(result.read_text())["step_s"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--processes", default="1,2,4")
    parser.add_argument("--role", choices=["sporax", "torch"])
    parser.add_argument("--result")
    parser.add_argument("--platform", default="cpu", choices=["cpu", "cuda"],
                        help="where the sporax processes compute (torch DDP stays on CPU/gloo)")
    args = parser.parse_args()
    if args.role == "sporax":
        return sporax_worker(args.steps, args.result)
    if args.role == "torch":
        return torch_worker(args.steps, args.result)
    import tempfile

    worlds = [int(n) for n in args.processes.split(",")]
    print(f"data parallel, MLP {IN}-{WIDTH}-{WIDTH}-{OUT}, batch {BATCH}/rank, {args.steps} steps, "
          f"{os.cpu_count()} CPUs, sporax on {args.platform}")
    print(f"{'processes':>9} | {'sporax ms':>9} {'eff':>5} | {'torch DDP ms':>12} {'eff':>5} | torch/sporax")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        base = {}
        for world in worlds:
            ours, theirs = run_sporax(world, args.steps, workdir, args.platform), run_torch(world, args.steps, workdir)
            base.setdefault("sporax", ours)
            base.setdefault("torch", theirs)
            print(f"{world:>9} | {ours * 1e3:9.2f} {base['sporax'] / ours:5.2f} | {theirs * 1e3:12.2f} "
                  f"{base['torch'] / theirs:5.2f} | {theirs / ours:6.2f}", flush=True)


if __name__ == "__main__":
    main()
