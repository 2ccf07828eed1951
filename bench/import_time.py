"""`import sporax` against `import jax` (issue 15's target: at most 1.2x), in fresh processes.

    python bench/import_time.py [--runs 7]

Each run starts `python -c "import X"` for jax and for sporax in turn and takes the child's
CPU seconds (user + system: on a shared machine far steadier than wall time, which is
printed too). Bytecode is written once first, as `pip install` does (an environment with
PYTHONDONTWRITEBYTECODE=1 would otherwise compile every sporax module on every import
while jax's come compiled).
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _child(module: str, env) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {module}"], check=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    writing = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", "import sporax"], check=True, env=writing)  # bytecode, once
    times = {"jax": [], "sporax": []}
    for _ in range(args.runs):
        for module in times:
            times[module].append(_child(module, env))
    cpu = {m: statistics.median(c for c, _ in t) for m, t in times.items()}
    wall = {m: statistics.median(w for _, w in t) for m, t in times.items()}
    for module in times:
        print(f"import {module:7} {cpu[module]:.3f} s CPU, {wall[module]:.3f} s wall (median of {args.runs})")
    print(f"sporax / jax: {cpu['sporax'] / cpu['jax']:.2f}x CPU, {wall['sporax'] / wall['jax']:.2f}x wall "
          "(target <= 1.2x)")


if __name__ == "__main__":
    main()
