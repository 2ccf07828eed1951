"""Materialise a LLaMA-7B-shaped network on the accelerator under each generator: GB/s against
the device's measured copy bandwidth, and peak device memory against the network's bytes.

    python bench/gpu_materialise.py [--layers 32] [--generators mindspore,threefry]
    python bench/gpu_materialise.py --small      # a tiny configuration (what the tests run, on the CPU)

Each generator runs in a child process of its own, so each peak is its own. On a GPU the
elementwise generators ('mindspore', 'threefry') make the values on the device, piece by
piece into each Parameter's buffer (`_generators.device_pieces`): peak device memory should
stay within the network's bytes plus one piece. 'mindspore-r1.6' samples on the host and is
not measured by default. On the CPU (no device memory statistics) the peak is the process's
RSS growth instead, and the copy bandwidth is host memory's.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lazy_build import CONFIGS, llama_shapes  # noqa: E402

SMALL = dict(dim=256, layers=2, hidden=688, vocab=2048, kv_dim=256)


def copy_bandwidth(nbytes: int) -> float:
    """GB/s of a device-to-device copy of `nbytes` (bytes written per second; best of 5)."""
    import jax
    import jax.numpy as jnp

    source = jnp.ones((nbytes // 4,), jnp.float32)
    copy = jax.jit(lambda x: x + 0.0)
    copy(source).block_until_ready()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        copy(source).block_until_ready()
        times.append(time.perf_counter() - start)
    return nbytes / 1e9 / min(times)


def device_memory():
    """(bytes in use, peak bytes in use) on the default device, or None where it keeps no statistics."""
    import jax

    stats = jax.devices()[0].memory_stats()
    if not stats or "peak_bytes_in_use" not in stats:
        return None
    return stats["bytes_in_use"], stats["peak_bytes_in_use"]


def materialise(generator: str, config: dict) -> dict:
    """One generator in this process: build lazily, materialise every Parameter, measure."""
    import jax

    import sporax as ms
    from sporax import Parameter
    from sporax.common import initializer as I

    ms.set_context(init_generator=generator, progress_bar=False)
    for init in (I.Normal(0.02), "ones"):  # compile the kernels before measuring
        Parameter(I.initializer(init, (4, 1 << 16), ms.float32), name="warm").init_data()
    ms.set_seed(0)
    params = [Parameter(I.initializer(I.Normal(0.02) if init == "normal" else init, shape, ms.float32), name=name)
              for name, shape, init in llama_shapes(**config)]
    nbytes = sum(p.nbytes for p in params)
    before = device_memory()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    start = time.perf_counter()
    for p in params:
        p.init_data()
        p._value().block_until_ready()
    elapsed = time.perf_counter() - start
    after = device_memory()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"generator": generator, "backend": jax.default_backend(), "device": str(jax.devices()[0]),
            "bytes": nbytes, "seconds": elapsed, "gb_per_s": nbytes / 1e9 / elapsed,
            "peak_growth": (after[1] - before[0]) if after else rss_after - rss_before,
            "peak_kind": "device" if after else "host RSS"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--layers", type=int, default=CONFIGS["7B"]["layers"])
    parser.add_argument("--generators", default="mindspore,threefry")
    parser.add_argument("--small", action="store_true", help="a tiny network (for tests on the CPU)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    config = dict(SMALL) if args.small else dict(CONFIGS["7B"], layers=args.layers)
    if args.child:
        print(json.dumps(materialise(args.child, config)))
        return
    rows = []
    for generator in args.generators.split(","):
        child = [sys.executable, __file__, "--child", generator, "--layers", str(args.layers)] + (["--small"] if args.small else [])
        done = subprocess.run(child, capture_output=True, text=True, timeout=3600)
        if done.returncode != 0:
            raise SystemExit(f"{generator}: child failed:\n{done.stderr[-4000:]}")
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    nbytes = rows[0]["bytes"]
    bandwidth = copy_bandwidth(min(nbytes, 1 << 30))
    shape = "small" if args.small else "7B"
    print(f"network: {shape} shapes, {config['layers']} layers, {nbytes / 2**20:.1f} MiB float32 on {rows[0]['device']} "
          f"({rows[0]['backend']}); device copy bandwidth {bandwidth:.1f} GB/s (bytes written per second)")
    print(f"{'generator':12}{'seconds':>10}{'GB/s':>10}{'of copy':>10}{'peak kind':>11}{'peak MiB':>11}{'/ network':>11}")
    for row in rows:
        print(f"{row['generator']:12}{row['seconds']:10.3f}{row['gb_per_s']:10.4f}{row['gb_per_s'] / bandwidth:10.4f}"
              f"{row['peak_kind']:>11}{row['peak_growth'] / 2**20:11.1f}{row['peak_growth'] / nbytes:11.3f}")


if __name__ == "__main__":
    main()
