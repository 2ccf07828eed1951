"""Eager dispatch cost of every op in the differential tables, per primitive it runs.

    python bench/op_overhead_all.py [--only SUBSTRING] [--ops a,b] [--worst 25] [--every N [--offset K]]

For each op name in `tests/data/differential_table*.py`, the first float32 case MindSpore
answered (its stored inputs, so the op sees the shapes the tests use: small), called in
PYNATIVE_MODE: microseconds of process CPU time per call (the best of several timed batches,
timeit's rule; CPU time rather than wall time, so that other work on a shared machine does not
count) and the number of primitives the call dispatches through the executor. The figure issue
10 bounds is microseconds per dispatched primitive (target <= 15 us per small op: one whose
kernels take at most SMALL_KERNEL_US each). The floor beside it is a jitted `jnp.add` on a
small array: what one call into a cached XLA executable costs on this machine, whatever the
framework.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np

import sporax
import sporax.mint  # noqa: F401
import sporax.numpy  # noqa: F401
from sporax._runtime import executor
from jax._src import core as jax_core

DATA = pathlib.Path(__file__).resolve().parents[1] / "tests" / "data"
# A small op's kernels run in about the floor. A kernel that computes for longer (a 10^4-element
# random fill: ~200 us) is not a small op, and its dispatch, the difference of two timings of
# that size, is mostly their noise (process CPU time counts XLA's worker threads too).
SMALL_KERNEL_US = 25.0
sys.path.insert(0, str(DATA))
import differential_cases  # noqa: E402
from differential_cases import Runner  # noqa: E402

RUNNER = Runner(sporax)


def best_microseconds(fn, calls: int, rounds: int = 5) -> float:
    """CPU microseconds per call of `fn`: the best batch of `rounds`."""
    for _ in range(20):
        fn()
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(calls):
            fn()
        best = min(best, (time.process_time() - start) / calls * 1e6)
    return best


def dispatches_of(fn) -> int:
    """How many primitives one call runs through the executor."""
    count = 0
    original = executor.launch

    def counting(prim, args, runner):
        nonlocal count
        count += 1
        return original(prim, args, runner)

    executor.launch = counting
    try:
        fn()
    finally:
        executor.launch = original
    return count


def kernels_of(fn) -> list:
    """The compiled kernels one call runs, each with the arguments it got: calling them straight
    through JAX is what the op costs without sporax (XLA's execution plus jit's own dispatch),
    so the rest of the call is sporax's overhead. A primitive that runs op by op (no kernel:
    a value-shaped op) is replayed as it runs."""
    calls = []
    original = executor.launch

    def recording(prim, args, runner):
        result = original(prim, args, runner)
        calls.append(_kernel_call(prim, args))
        return result

    executor.launch = recording
    try:
        fn()
    finally:
        executor.launch = original
    return calls


def _kernel_call(prim, args):
    if not prim._jit:
        return lambda: prim._compute(*args)
    plan = executor._PLANS[(prim._kernel_key(), tuple(map(type, args)))]
    if isinstance(plan, executor._Split):
        kernel, dynamic = plan.kernels[plan.static_of(args)], plan.dynamic_of(args)
        return lambda: kernel(*dynamic)
    return lambda: plan(*args)


def eager_jax_ops_of(fn) -> list:
    """The JAX primitives one warm call binds outside a compiled kernel: work done op by op
    around the kernel (a cast, a broadcast) that costs a dispatch each. A warm jitted kernel
    runs through JAX's C++ fast path and binds nothing."""
    bound = []
    original = jax_core.Primitive.bind

    def recording(self, *args, **params):
        bound.append(self.name)
        return original(self, *args, **params)

    jax_core.Primitive.bind = recording
    try:
        fn()
    finally:
        jax_core.Primitive.bind = original
    return bound


def arrays_of(result):
    """The arrays of an op's result, to wait for as the kernels' outputs are waited for (a list):
    the harness's own cost stays about what it is on the kernels' side (jax.tree_util.tree_map
    with an is_leaf test cost ~4 us for a 3-Tensor result, which counted as sporax's)."""
    if isinstance(result, sporax.Tensor):
        return result._value()
    if isinstance(result, (tuple, list)):  # namedtuples too: their Tensors must be waited for
        return [arrays_of(r) for r in result]
    if isinstance(result, dict):
        return [arrays_of(r) for r in result.values()]
    return result


def first_cases():
    """(npz, case, key) per op target: its first float32 case MindSpore answered."""
    return differential_cases.first_cases(DATA)


def call_of(npz, case, key):
    count = sum(1 for k in npz.files if k.startswith(f"{key}/a"))
    args, kwargs = RUNNER.inputs(case, {i: npz[f"{key}/a{i}"] for i in range(count)})
    fn = RUNNER.resolve(case)
    return lambda: fn(*args, **kwargs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="")
    parser.add_argument("--worst", type=int, default=25)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--list-eager", action="store_true", help="every op with work outside its kernels")
    parser.add_argument("--every", type=int, default=1,
                        help="time every N-th op only (a sample: the whole table compiles ~2000 kernels)")
    parser.add_argument("--offset", type=int, default=0, help="with --every: start the sample at this op")
    parser.add_argument("--ops", default="", help="comma-separated op names to time (exactly these)")
    options = parser.parse_args()
    chosen = set(filter(None, options.ops.split(",")))
    x = jnp.ones(16, jnp.float32)
    jit_add = jax.jit(jnp.add)
    floor = best_microseconds(lambda: jit_add(x, x).block_until_ready(), 2000)
    rows, failed = [], []
    for index, (target, (npz, case, key)) in enumerate(sorted(first_cases().items())):
        if options.only not in target or (index - options.offset) % options.every:
            continue
        if chosen and target not in chosen:
            continue
        try:
            call = call_of(npz, case, key)
            call()
            n = dispatches_of(call)
            eager = eager_jax_ops_of(call)
            if n == 0:
                continue  # not a primitive call (a Python-level helper, a dtype query)
            us = best_microseconds(lambda: jax.block_until_ready(arrays_of(call())), options.calls)
            kernels = kernels_of(call)
            kernel_us = best_microseconds(lambda: jax.block_until_ready([k() for k in kernels]), options.calls)
        except Exception as error:  # noqa: BLE001 - a benchmark reports and goes on
            failed.append((target, f"{type(error).__name__}: {error}"[:100]))
            continue
        # Dispatch per primitive: the floor (one jitted call) plus what sporax adds around its
        # kernels, per primitive; XLA's own execution time beyond the floor is the op's
        # computation, not its dispatch.
        dispatch = floor + max(us - kernel_us, 0.0) / n
        rows.append((target, us, n, us / n, eager, kernel_us, dispatch))
    print(f"load average {os.getloadavg()[0]:.2f}; floor: jitted jnp.add on 16 floats = {floor:.2f} us per call")
    small = [r for r in rows if r[5] / r[2] <= SMALL_KERNEL_US]
    for title, chosen in ((f"small ops (XLA's own time <= {SMALL_KERNEL_US:g} us per kernel)", small),
                          ("all ops", rows)):
        per_prim, dispatch = [r[3] for r in chosen], [r[6] for r in chosen]
        print(f"{title}: {len(chosen)} timed; us per dispatched primitive (all of the call): median "
              f"{statistics.median(per_prim):.2f}, p90 {np.percentile(per_prim, 90):.2f}, max {max(per_prim):.2f}; "
              f"{sum(p > 15 for p in per_prim)} above 15 us")
        print(f"  dispatch us per primitive (floor + sporax's overhead around the kernels): median "
              f"{statistics.median(dispatch):.2f}, p90 {np.percentile(dispatch, 90):.2f}, max {max(dispatch):.2f}; "
              f"{sum(p > 15 for p in dispatch)} above 15 us")
    print(f"{sum(bool(r[4]) for r in rows)} ops bind JAX primitives outside their kernels")
    for title, chosen in (("small op", small), ("op", rows)):
        print(f"\n{title + ' (worst dispatch first)':44}{'us/call':>9}{'kernels':>9}{'prims':>7}{'us/prim':>9}"
              f"{'dispatch':>10}  eager JAX ops outside kernels")
        for target, us, n, each, eager, kernel_us, per in sorted(chosen, key=lambda r: -r[6])[:options.worst]:
            print(f"{target:44}{us:9.2f}{kernel_us:9.2f}{n:7d}{each:9.2f}{per:10.2f}  "
                  f"{' '.join(eager[:6])}{' ...' if len(eager) > 6 else ''}")
    if options.list_eager:
        for target, us, n, each, eager, kernel_us, per in rows:
            if eager:
                print(f"eager: {target} {per:.1f} us/prim: {' '.join(sorted(set(eager)))}")
    for target, why in failed:
        print(f"not timed: {target}: {why}")


if __name__ == "__main__":
    main()
