"""The issue-13 device check, prepared for a GPU machine (it also runs on CPU):

    python bench/parallel_on_gpu.py            # everything below, on GPUs if JAX sees any
    python bench/parallel_on_gpu.py --quick    # shorter benchmark

1. The CI semi-auto-parallel tests (`tests/parallel/test_semi_auto.py`, 8 virtual CPU devices
   and 2 loopback processes, as in CI).
2. A sharded transformer-style MLP block on this machine's accelerator devices (all GPUs, or
   8 virtual CPU devices when there is no GPU): Megatron split of both matmuls over every
   device, 3 Momentum steps, compared with the same block on one device (1e-5), and the bytes
   each device holds for each weight.
3. `bench/data_parallel.py`: sporax data parallel at 1..N processes (N = GPUs, at most 4; on
   CPU 1/2/4) beside torch.distributed DDP (gloo, CPU).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _gpu_count() -> int:
    probe = "import jax; print(len([d for d in jax.devices() if d.platform == 'gpu']))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, JAX_PLATFORMS="cuda"))
    return int(done.stdout.strip() or 0) if done.returncode == 0 else 0


def block_on_devices(platform: str) -> dict:
    """Step 2, in this process (the environment picks the platform before JAX starts)."""
    import jax
    import numpy as np

    import sporax as ms
    from sporax import nn, ops
    from sporax.common import initializer as init

    devices = jax.devices()
    n = len(devices)

    class Block(nn.Cell):
        def __init__(self, shard):
            super().__init__()
            ms.set_seed(3)
            self.w1 = ms.Parameter(init.initializer("normal", (256, 1024), ms.float32), name="w1")
            self.w2 = ms.Parameter(init.initializer("xavier_uniform", (1024, 256), ms.float32), name="w2")
            self.norm = nn.LayerNorm((256,))
            self.mm1, self.mm2, self.relu, self.add = ops.MatMul(), ops.MatMul(), ops.ReLU(), ops.Add()
            if shard:
                self.mm1.shard(((1, 1), (1, n)))
                self.relu.shard(((1, n),))
                self.mm2.shard(((1, n), (n, 1)))

        def construct(self, x):
            return self.add(x, self.mm2(self.relu(self.mm1(self.norm(x), self.w1)), self.w2))

    def train(shard):
        net = Block(shard)
        step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), nn.Momentum(net.trainable_params(), 0.01, 0.9))
        rng = np.random.default_rng(0)
        losses = []
        for _ in range(3):
            x = rng.standard_normal((32, 256)).astype(np.float32)
            y = rng.standard_normal((32, 256)).astype(np.float32)
            losses.append(float(step(ms.Tensor(x), ms.Tensor(y)).asnumpy()))
        return net, losses

    ms.set_context(mode=ms.GRAPH_MODE)
    reference, reference_losses = train(False)
    ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.SEMI_AUTO_PARALLEL)
    net, losses = train(True)
    ms.reset_auto_parallel_context()
    worst = max(float(np.abs(a.asnumpy() - b.asnumpy()).max())
                for a, b in zip(net.trainable_params(), reference.trainable_params()))
    held = {p.name: sorted({int(np.prod(s.data.shape)) * 4 for s in p._value().addressable_shards})
            for p in (net.w1, net.w2)}
    return {"platform": platform, "devices": n, "device_kind": devices[0].device_kind,
            "losses": losses, "reference_losses": reference_losses,
            "max_loss_difference": max(abs(a - b) for a, b in zip(losses, reference_losses)),
            "max_weight_difference": worst, "bytes_per_device": held,
            "whole_bytes": {"w1": 256 * 1024 * 4, "w2": 1024 * 256 * 4}}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--block-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--platform", default="cpu", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.block_only:
        print(json.dumps(block_on_devices(args.platform)))
        return 0
    gpus = _gpu_count()
    platform = "cuda" if gpus else "cpu"
    print(f"GPUs seen by JAX: {gpus}; running on {platform}", flush=True)
    failures = 0

    print("\n== 1. CI semi-auto-parallel tests ==", flush=True)
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "tests/parallel/test_semi_auto.py"], cwd=ROOT,
                           timeout=1200)
    failures += tests.returncode != 0

    print(f"\n== 2. sharded MLP block on the {platform} devices vs one device ==", flush=True)
    env = dict(os.environ, JAX_PLATFORMS=platform, PYTHONPATH=str(ROOT))
    if not gpus:
        env["XLA_FLAGS"] = "--xla_force_host_platform_device_count=8"
    block = subprocess.run([sys.executable, __file__, "--block-only", "--platform", platform], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=1200)
    if block.returncode:
        print(block.stdout[-3000:], block.stderr[-3000:])
        failures += 1
    else:
        found = json.loads(block.stdout.strip().splitlines()[-1])
        print(json.dumps(found, indent=1))
        ok = found["max_loss_difference"] <= 1e-5 and found["max_weight_difference"] <= 1e-5
        ok &= all(sizes == [found["whole_bytes"][name] // found["devices"]]
                  for name, sizes in found["bytes_per_device"].items())
        print("block: sharded step == one-device step to 1e-5, each device holds 1/N of each weight:",
              "OK" if ok else "FAILED")
        failures += not ok

    print("\n== 3. data-parallel benchmark ==", flush=True)
    worlds = ",".join(str(n) for n in (1, 2, 4) if not gpus or n <= gpus) if gpus else "1,2,4"
    bench = subprocess.run([sys.executable, "bench/data_parallel.py", "--processes", worlds, "--platform", platform,
                            "--steps", "10" if args.quick else "30"], cwd=ROOT, timeout=1800)
    failures += bench.returncode != 0
    print("\nall checks passed" if not failures else f"\n{failures} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
