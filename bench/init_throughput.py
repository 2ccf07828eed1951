"""Materialising a 256 MiB float32 Parameter: GB/s per initializer and generator, side by side
with PyTorch CPU (`torch.nn.init.*`, if installed) and NumPy, in one process run.

    python bench/init_throughput.py [--mib 256] [--repeat 2]

Ratios are sporax GB/s over the peer's GB/s (above 1: sporax is faster), next to the
targets of issue 15: default generator normal/uniform/xavier/he >= 2x torch, truncated
normal >= 10x torch, threefry >= 1x torch, zeros/ones >= 0.8x the fill bandwidth measured
here (`np.full` into fresh memory, page faults included, as materialising pays them).
"""
from __future__ import annotations

import argparse
import math
import time

import numpy as np

import sporax as ms
from sporax import Parameter
from sporax.common import initializer as I

try:
    import torch
except ImportError:  # optional peer
    torch = None

CASES = {
    "zeros": (lambda: I.Zero(), lambda t: torch.nn.init.zeros_(t), lambda rng, n: np.zeros(n, np.float32)),
    "ones": (lambda: I.One(), lambda t: torch.nn.init.ones_(t), lambda rng, n: np.ones(n, np.float32)),
    "normal": (lambda: I.Normal(0.01), lambda t: torch.nn.init.normal_(t, 0, 0.01),
               lambda rng, n: rng.standard_normal(n, np.float32) * np.float32(0.01)),
    "uniform": (lambda: I.Uniform(0.07), lambda t: torch.nn.init.uniform_(t, -0.07, 0.07),
                lambda rng, n: rng.uniform(-0.07, 0.07, n).astype(np.float32)),
    "truncated_normal": (lambda: I.TruncatedNormal(1.0, 0.0, -2.0, 2.0), lambda t: torch.nn.init.trunc_normal_(t, 0, 1, -2, 2),
                         None),
    "xavier_uniform": (lambda: I.XavierUniform(), lambda t: torch.nn.init.xavier_uniform_(t),
                       lambda rng, n: rng.uniform(-0.01, 0.01, n).astype(np.float32)),
    "he_normal": (lambda: I.HeNormal(), lambda t: torch.nn.init.kaiming_normal_(t),
                  lambda rng, n: rng.standard_normal(n, np.float32) * np.float32(0.01)),
    "he_uniform": (lambda: I.HeUniform(), lambda t: torch.nn.init.kaiming_uniform_(t),
                   lambda rng, n: rng.uniform(-0.01, 0.01, n).astype(np.float32)),
}
TARGETS = {"normal": 2.0, "uniform": 2.0, "xavier_uniform": 2.0, "he_normal": 2.0, "he_uniform": 2.0,
           "truncated_normal": 10.0}
GENERATORS = ["mindspore", "threefry", "mindspore-r1.6"]


def best_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def sporax_time(generator, make_init, shape, repeat):
    ms.set_context(init_generator=generator)

    def run():
        p = Parameter(I.initializer(make_init(), shape, ms.float32), name="w")
        p.init_data()
        p._value().block_until_ready()

    run()  # compile / warm caches
    return best_time(run, repeat)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--r16-mib", type=int, default=64,
                        help="size for mindspore-r1.6 Normal (a sequential generator, measured smaller)")
    args = parser.parse_args()
    rows = 4096
    cols = args.mib * 2**20 // 4 // rows
    shape = (rows, cols)
    gb = rows * cols * 4 / 1e9
    ms.set_seed(1)
    rng = np.random.default_rng(0)
    fill_rate = gb / best_time(lambda: np.full(rows * cols, 1.0, np.float32), args.repeat)
    print(f"materialise {args.mib} MiB float32 ({rows}x{cols}); GB/s, best of {args.repeat}; "
          f"fill bandwidth (np.full, fresh memory) {fill_rate:.2f} GB/s")
    header = f"{'initializer':18}" + "".join(f"{g:>16}" for g in GENERATORS) + f"{'torch':>9}{'numpy':>9}" \
        + f"{'ms/torch':>10}{'target':>8}{'threefry/torch':>16}{'ms/fill':>9}"
    print(header)
    for name, (make_init, torch_init, numpy_init) in CASES.items():
        results = {}
        for generator in GENERATORS:
            if generator == "mindspore-r1.6" and name in ("normal",):
                small_rows = max(1, args.r16_mib * 2**20 // 4 // cols)
                t = sporax_time(generator, make_init, (small_rows, cols), 1)
                results[generator] = small_rows * cols * 4 / 1e9 / t
            else:
                results[generator] = gb / sporax_time(generator, make_init, shape, args.repeat)
        torch_rate = numpy_rate = math.nan
        if torch is not None:
            tensor = torch.empty(shape)
            torch_rate = gb / best_time(lambda: torch_init(tensor), args.repeat)
        if numpy_init is not None:
            numpy_rate = gb / best_time(lambda: numpy_init(rng, rows * cols), args.repeat)
        target = TARGETS.get(name, 0.8 if name in ("zeros", "ones") else math.nan)
        print(f"{name:18}" + "".join(f"{results[g]:16.3f}" for g in GENERATORS)
              + f"{torch_rate:9.3f}{numpy_rate:9.3f}"
              + f"{results['mindspore'] / torch_rate:10.2f}{target:8.1f}{results['threefry'] / torch_rate:16.2f}"
              + f"{results['mindspore'] / fill_rate:9.2f}")
    print("ms/torch, threefry/torch: sporax GB/s over torch GB/s; ms/fill: over the fill bandwidth "
          "(the zeros/ones target); target: issue 15's ms/torch (ms/fill for zeros/ones)")


if __name__ == "__main__":
    main()
