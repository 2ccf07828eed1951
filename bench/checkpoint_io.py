"""Checkpoint save/load throughput (GB/s) and peak extra memory, per format, sporax side by
side with torch.save/torch.load and the safetensors library, on the same tensors, in one run.

    python bench/checkpoint_io.py [--gib 1.0] [--repeat 3] [--dir /tmp]

Formats: sporax .ckpt plain, with CRC, encrypted (AES-GCM), and safetensors; peers
torch.save/torch.load and safetensors.numpy save_file/load_file. Layouts: 16 float32
tensors, and one tensor of the whole size (above 512 MiB sporax's .ckpt splits it into
slices, as MindSpore does).

Durability. sporax's saves fsync the file once and rename it into place; the peers do
neither. So every save is measured twice: "durable" (sporax as it ships; each peer followed
by the same fsync + rename) and "page cache" (sporax with its fsync skipped; each peer as it
ships). Within one row both sides do the same work.

Each (layout, format, operation) runs in a fresh child process that first does a small
warm-up of the same operation (so no row pays for importing the format's libraries), then
repeats the operation `--repeat` times. Time is wall time; peak extra memory is the peak
RSS during the operation (the kernel's VmHWM, reset just before) minus the RSS just before,
as a ratio of the model's bytes: a load's result is the model, so 1.00x is the floor there.
The machine this runs on may be shared: medians are printed, with the spread.

Targets (issue 15): sporax saves >= torch.save and the safetensors library, loads >=
safetensors.numpy, peak extra RSS <= 1.1x of the model bytes in every format.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEY = b"0123456789abcdef"
SPORAX = {"plain": ("ckpt", {}), "crc": ("ckpt", {"crc_check": True}), "encrypted": ("ckpt", {"enc_key": KEY}),
          "safetensors": ("safetensors", {})}
PEERS = ("torch", "safetensors.numpy")
LAYOUTS = ("16 tensors", "1 tensor")
DURABILITY = ("durable", "page cache")


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _reset_peak() -> None:
    """Start the kernel's peak-RSS count (VmHWM) afresh from the current RSS."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def _peak() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def _arrays(nbytes: int, layout: str):
    import numpy as np
    total = nbytes // 4
    count = 16 if layout == "16 tensors" else 1
    rng = np.random.default_rng(0)
    out = {}
    for i in range(count):
        array = np.empty(total // count, np.float32)
        for start in range(0, array.size, 1 << 22):  # no full-size temporary
            rng.random(out=array[start:start + (1 << 22)], dtype=np.float32)
        out[f"layer{i}.weight"] = array
    return out


def _durably(write, path):
    """`write(temporary)`, then fsync it and rename it to `path`: what sporax's saves do."""
    temporary = f"{path}.tmp"
    write(temporary)
    descriptor = os.open(temporary, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(temporary, path)


def _operation(op, fmt, durability, stem, nbytes, layout):
    """(run, cleanup) for one operation; `run()` returns what must stay alive while measured."""
    durable = durability == "durable"
    if fmt == "torch":
        import torch
        path = stem + ".pt"
        if op == "load":
            return (lambda: torch.load(path)), None
        data = {k: torch.from_numpy(v) for k, v in _arrays(nbytes, layout).items()}
        save = lambda p: torch.save(data, p)  # noqa: E731
        return (lambda: _durably(save, path) if durable else save(path)), data
    if fmt == "safetensors.numpy":
        from safetensors.numpy import load_file, save_file
        path = stem + ".lib.safetensors"
        if op == "load":
            return (lambda: load_file(path)), None
        data = _arrays(nbytes, layout)
        save = lambda p: save_file(data, p)  # noqa: E731
        return (lambda: _durably(save, path) if durable else save(path)), data
    import jax
    import sporax as ms
    ms.set_context(progress_bar=False)
    kind, kwargs = SPORAX[fmt]
    path = f"{stem}.{kind}"
    if op == "load":
        kwargs = {"dec_key": KEY} if fmt == "encrypted" else {"crc_check": True} if fmt == "crc" else {}
        return (lambda: ms.load_checkpoint(path, format=kind, **kwargs)), None
    arrays = _arrays(nbytes, layout)
    data = {k: ms.Tensor(v) for k, v in arrays.items()}
    for tensor in data.values():  # the copy into JAX is asynchronous: let it land, drop the NumPy originals
        jax.block_until_ready(tensor._value())
    del arrays
    if not durable:
        os.fsync = lambda descriptor: None  # the same save, without its one fsync
    return (lambda: ms.save_checkpoint(data, path, format=kind, **kwargs)), data


def child(op, fmt, durability, layout, nbytes, repeat, directory) -> dict:
    """Warm up, then `repeat` timed runs of one operation in this (fresh) process."""
    stem = os.path.join(directory, f"{fmt}-{layout.replace(' ', '_')}")
    # warm-up: the same operation on a 1 MiB model (a load reads the side file its save child wrote)
    warm, _ = _operation(op, fmt, durability, stem + "-warm", 1 << 20, layout)
    warm()
    run, keep = _operation(op, fmt, durability, stem, nbytes, layout)
    seconds, extra = [], []
    for _ in range(repeat):
        gc.collect()
        _reset_peak()
        before = _rss()
        start = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - start)
        extra.append(max(0, _peak() - before) / nbytes)
        del result
    del keep
    return {"seconds": seconds, "extra": extra}


def _row(results, key, nbytes):
    r = results[key]
    rates = [nbytes / s / 1e9 for s in r["seconds"]]
    return statistics.median(rates), min(rates), max(rates), statistics.median(r["extra"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gib", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", default=tempfile.gettempdir())
    parser.add_argument("--child", nargs=4, metavar=("OP", "FORMAT", "DURABILITY", "LAYOUT"))
    args = parser.parse_args()
    nbytes = int(args.gib * 2**30) // 64 * 64
    if args.child:
        print(json.dumps(child(*args.child, nbytes, args.repeat, args.dir)))
        return
    formats = list(SPORAX) + list(PEERS)
    try:
        import torch  # noqa: F401
    except ImportError:
        formats.remove("torch")
        print("(torch not installed: pip install torch==2.13.0 to compare)")
    work = tempfile.mkdtemp(dir=args.dir, prefix="checkpoint_io-")
    results = {}
    print(f"{args.gib:.2f} GiB of float32, median of {args.repeat} runs [min-max]; peak extra RSS / model bytes")
    try:
        for layout in LAYOUTS:
            for fmt in formats:
                jobs = [("save", d) for d in DURABILITY] + [("load", "page cache")]
                if fmt in ("crc", "encrypted"):  # the same save-with-fsync question as plain: durable only
                    jobs = [("save", "durable"), ("load", "page cache")]
                for op, durability in jobs:
                    out = subprocess.run(
                        [sys.executable, __file__, "--gib", str(args.gib), "--repeat", str(args.repeat), "--dir",
                         work, "--child", op, fmt, durability, layout], capture_output=True, text=True,
                        env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, timeout=1800)
                    if out.returncode:
                        raise SystemExit(f"{op} {fmt} {durability} {layout} failed:\n{out.stderr}")
                    key = (layout, op, durability, fmt)
                    results[key] = json.loads(out.stdout.strip().splitlines()[-1])
                    median, low, high, extra = _row(results, key, nbytes)
                    print(f"{layout:10} {op:4} {durability:10} {fmt:17} {median:6.2f} GB/s [{low:.2f}-{high:.2f}]  "
                          f"peak extra {extra:.2f}x", flush=True)
    finally:
        shutil.rmtree(work)
    peers = [p for p in PEERS if p in formats]
    print("\nratios: sporax's median GB/s over the peer's, same layout, same durability (>= 1.00 meets the target)")
    for layout in LAYOUTS:
        for op, durability in [("save", "durable"), ("save", "page cache"), ("load", "page cache")]:
            for fmt in SPORAX:
                key = (layout, op, durability, fmt)
                if key not in results:
                    continue
                median, _, _, extra = _row(results, key, nbytes)
                ratios = "  ".join(f"/{p} {median / _row(results, (layout, op, durability, p), nbytes)[0]:5.2f}x"
                                   for p in peers)
                print(f"{layout:10} {op:4} {durability:10} {fmt:11} {median:6.2f} GB/s  {ratios}  "
                      f"peak extra {extra:.2f}x")


if __name__ == "__main__":
    main()
