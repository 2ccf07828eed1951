"""Materialising a 256 MiB float32 Parameter: GB/s per initializer and generator, side by side
with PyTorch CPU (`torch.nn.init.*`, if installed) and NumPy, in one process run.

    python bench/init_throughput.py [--mib 256] [--rounds 3]

The machine may be shared, so every round measures every peer once, interleaved, and the
table prints the median over rounds. Ratios are sporax GB/s over the peer's GB/s (above 1:
sporax is faster), next to the targets of issue 15: default generator normal/uniform/
xavier/he >= 2x torch, truncated normal >= 10x torch, threefry >= 1x torch, zeros/ones >=
0.8x the fill bandwidth measured here (`np.full` into fresh memory, page faults included,
as materialising pays them). `cpu` ratios compare process CPU time (all threads) instead
of wall time: the work per element, whatever the load and the thread count. A second table
gives that CPU time per GB, with `torch fresh` (`torch.empty` + the init: new memory, page
faults included, as materialising pays them) next to torch on its reused tensor, and the
load average before and after (the machine may be shared).

Fairness. Every peer that allocates (sporax, `torch fresh`, numpy, the fill) pays its first
touch of new memory, and what that costs depends on the memory the process was handed last:
on a VM with free page reporting (virtio-balloon, this machine: order-9 free blocks are handed
back to the host about 2 s after they are freed) a block that has been free a while faults in
the host again, 3-20x dearer than a block freed just now (256 MiB: 0.03-0.06 s of kernel time
right after a free, 0.3-0.7 s after 4 s; huge pages pay it most). Measured in a fixed order,
a peer then pays for what the previous one freed or held (xavier_uniform, right after torch's
trunc_normal_ and its gigabytes of temporaries, spent 1.4 of its 2.3 CPU s/GB in page faults
with the same kernel that makes `uniform` at 6x torch). So every timed call is preceded by
the same primer (`warm_memory`: touch and free a buffer of the measured size: each peer finds
recently freed, host-backed pages, as a model materialised in a running process does), and
each round measures the initializers and their peers in an order rotated by one, so no peer
always follows the same one. The second table gives each peer's minor page faults too.
"""
from __future__ import annotations

import argparse
import math
import os
import resource
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


def warm_memory(nbytes: int) -> None:
    """Touch `nbytes` of new memory and free it: the next allocation of that size finds pages
    the host backs now (see the module docstring), whichever peer ran before."""
    np.empty(nbytes, np.uint8).fill(0)


def timed(fn, nbytes: int) -> tuple[float, float, float, int]:
    """(wall seconds, process CPU seconds, of which in the kernel, minor page faults) of one
    call on warmed memory (`getrusage`: the kernel's share is mostly first-touch faults)."""
    warm_memory(nbytes)
    before = resource.getrusage(resource.RUSAGE_SELF)
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_SELF)
    return wall, cpu, after.ru_stime - before.ru_stime, after.ru_minflt - before.ru_minflt


def rotated(items: list, by: int) -> list:
    """`items` rotated left by `by` (round r measures in the order rotated by r)."""
    by %= max(1, len(items))
    return items[by:] + items[:by]


def sporax_run(generator, make_init, shape):
    def run():
        ms.set_context(init_generator=generator)
        p = Parameter(I.initializer(make_init(), shape, ms.float32), name="w")
        p.init_data()
        p._value().block_until_ready()
    return run


def median(values):
    return float(np.median(values)) if values else math.nan


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=int, default=256)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--r16-mib", type=int, default=32,
                        help="size for mindspore-r1.6 (a sequential generator, measured smaller, once)")
    args = parser.parse_args()
    rows = 4096
    cols = max(1, args.mib * 2**20 // 4 // rows)
    shape = (rows, cols)
    gb = rows * cols * 4 / 1e9
    ms.set_seed(1)
    rng = np.random.default_rng(0)
    tensor = torch.empty(shape) if torch is not None else None
    peers = {}
    for name, (make_init, torch_init, numpy_init) in CASES.items():
        peers[name] = {"mindspore": sporax_run("mindspore", make_init, shape),
                       "threefry": sporax_run("threefry", make_init, shape)}
        if torch is not None:
            peers[name]["torch"] = lambda torch_init=torch_init: torch_init(tensor)
            if name != "truncated_normal":  # its seconds of arithmetic dwarf the page faults
                peers[name]["torch fresh"] = lambda torch_init=torch_init: torch_init(torch.empty(shape))
        if numpy_init is not None:
            peers[name]["numpy"] = lambda numpy_init=numpy_init: numpy_init(rng, rows * cols)
    fill = lambda: np.full(rows * cols, 1.0, np.float32)  # noqa: E731
    load_before = os.getloadavg()
    for runs in peers.values():  # compile kernels, warm caches
        for run in runs.values():
            run()
    wall = {(n, p): [] for n in peers for p in peers[n]}
    cpu = {key: [] for key in wall}
    system = {key: [] for key in wall}
    faults = {key: [] for key in wall}
    fills = []
    nbytes = rows * cols * 4
    for round_ in range(args.rounds):
        fills.append(timed(fill, nbytes)[0])
        for name in rotated(list(peers), round_):
            for peer in rotated(list(peers[name]), round_):
                w, c, k, f = timed(peers[name][peer], nbytes)
                wall[name, peer].append(w)
                cpu[name, peer].append(c)
                system[name, peer].append(k)
                faults[name, peer].append(f)
    r16_rows = max(1, args.r16_mib * 2**20 // 4 // cols)
    r16 = {}
    for name, (make_init, _, _) in CASES.items():
        run = sporax_run("mindspore-r1.6", make_init, (r16_rows, cols))
        run()
        r16[name] = r16_rows * cols * 4 / 1e9 / timed(run, r16_rows * cols * 4)[0]
    ms.set_context(init_generator="mindspore")
    rate = {key: gb / median(times) for key, times in wall.items()}
    cpu_time = {key: median(times) for key, times in cpu.items()}
    system_time = {key: median(times) for key, times in system.items()}
    fault_count = {key: median(counts) for key, counts in faults.items()}
    fill_rate = gb / median(fills)
    print(f"materialise {args.mib} MiB float32 ({rows}x{cols}); GB/s, median of {args.rounds} interleaved rounds; "
          f"fill bandwidth (np.full, fresh memory) {fill_rate:.2f} GB/s; mindspore-r1.6 at {args.r16_mib} MiB, once")
    print(f"{'initializer':18}{'mindspore':>10}{'threefry':>10}{'r1.6':>8}{'torch':>8}{'numpy':>8}"
          f"{'ms/torch':>10}{'target':>8}{'cpu':>6}{'tf/torch':>10}{'cpu':>6}{'ms/fill':>9}{'ms/fresh':>10}")
    for name in CASES:
        torch_rate = rate.get((name, "torch"), math.nan)
        numpy_rate = rate.get((name, "numpy"), math.nan)
        torch_cpu = cpu_time.get((name, "torch"), math.nan)
        target = TARGETS.get(name, 0.8 if name in ("zeros", "ones") else math.nan)
        print(f"{name:18}{rate[name, 'mindspore']:10.3f}{rate[name, 'threefry']:10.3f}{r16[name]:8.3f}"
              f"{torch_rate:8.3f}{numpy_rate:8.3f}{rate[name, 'mindspore'] / torch_rate:10.2f}{target:8.1f}"
              f"{torch_cpu / cpu_time[name, 'mindspore']:6.2f}{rate[name, 'threefry'] / torch_rate:10.2f}"
              f"{torch_cpu / cpu_time[name, 'threefry']:6.2f}{rate[name, 'mindspore'] / fill_rate:9.2f}"
              f"{rate[name, 'mindspore'] / rate.get((name, 'torch fresh'), math.nan):10.2f}")
    print(f"\nprocess CPU seconds per GB (all threads; median; total / of it in the kernel, mostly page faults) "
          f"and minor page faults per GB (k: thousands; 2 MiB huge pages count one each); "
          f"load average before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f} (1 min) on {os.cpu_count()} CPUs")
    cpu_peers = ("mindspore", "threefry", "torch", "torch fresh", "numpy")
    print(f"{'initializer':18}" + "".join(f"{peer:>20}" for peer in cpu_peers))
    for name in CASES:
        cells = (f"{cpu_time.get((name, peer), math.nan) / gb:.3f}/{system_time.get((name, peer), math.nan) / gb:.3f}"
                 f" {fault_count.get((name, peer), math.nan) / gb / 1e3:.1f}k" for peer in cpu_peers)
        print(f"{name:18}" + "".join(f"{cell:>20}" for cell in cells))
    print("\nms/torch, tf/torch: sporax ('mindspore', 'threefry') GB/s over torch GB/s, wall time; cpu: the same "
          "ratio in process CPU time; ms/fill: over the fill bandwidth (the zeros/ones target); target: "
          "issue 15's ms/torch (ms/fill for zeros/ones); ms/fresh: over torch fresh (both allocate and "
          "first-touch their memory); every timed call runs after the same memory primer, in an order "
          "rotated per round")


if __name__ == "__main__":
    main()
