"""Checkpoint save/load throughput (GB/s) and peak extra memory, per format, sporax side by
side with torch.save/torch.load and the safetensors library, in one run.

    python bench/checkpoint_io.py [--gib 1.0] [--dir /tmp]

Formats: sporax .ckpt plain, with CRC, encrypted (AES-GCM), and safetensors; peers
torch.save/torch.load and safetensors.numpy save_file/load_file. Layouts: 16 float32
tensors, and one tensor of the whole size (sporax .ckpt splits it into 512 MiB slices).
Every operation runs in its own child process: the time is the operation's wall time
(sporax's saves include their fsync; the peers do not sync: "plain (no fsync)" shows the
same save without it), the peak extra memory is the child's peak RSS during the operation
(the kernel's VmHWM, reset just before it) minus its RSS just before, as a ratio of the
model's bytes. Targets (issue 15): sporax saves >= torch.save and the safetensors library,
loads >= safetensors.numpy, peak extra RSS <= 1.1x for loads.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEY = b"0123456789abcdef"
FORMATS = {"plain": ("ckpt", {}), "plain (no fsync)": ("ckpt", {}), "crc": ("ckpt", {"crc_check": True}), "encrypted": ("ckpt", {"enc_key": KEY}),
           "safetensors": ("safetensors", {})}


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
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _arrays(gib: float, layout: str):
    import numpy as np
    total = int(gib * 2**30) // 4
    count = 16 if layout == "16 tensors" else 1
    rng = np.random.default_rng(0)
    out = {}
    for i in range(count):
        array = np.empty(total // count, np.float32)
        for start in range(0, array.size, 1 << 22):  # no full-size temporary
            rng.standard_normal(out=array[start:start + (1 << 22)], dtype=np.float32)
        out[f"layer{i}.weight"] = array
    return out


def child(op: str, fmt: str, layout: str, gib: float, directory: str) -> dict:
    """One operation in this (fresh) process: seconds and peak extra bytes."""
    file = os.path.join(directory, f"{fmt.replace(' (no fsync)', '')}-{layout.replace(' ', '_')}")
    if op == "save":
        arrays = _arrays(gib, layout)
        nbytes = sum(a.nbytes for a in arrays.values())
        if fmt.startswith("torch"):
            import torch
            data = {k: torch.from_numpy(v) for k, v in arrays.items()}
            run = lambda: torch.save(data, file + ".pt")  # noqa: E731
        elif fmt.startswith("safetensors.numpy"):
            from safetensors.numpy import save_file
            data = arrays
            run = lambda: save_file(data, file + ".lib.safetensors")  # noqa: E731
        else:
            import sporax as ms
            ms.set_context(progress_bar=False)
            data = {k: ms.Tensor(v) for k, v in arrays.items()}
            del arrays
            kind, kwargs = FORMATS[fmt]
            run = lambda: ms.save_checkpoint(data, file, format=kind, **kwargs)  # noqa: E731
    else:
        if fmt.startswith("torch"):
            import torch
            run = lambda: torch.load(file + ".pt")  # noqa: E731
        elif fmt.startswith("safetensors.numpy"):
            from safetensors.numpy import load_file
            run = lambda: load_file(file + ".lib.safetensors")  # noqa: E731
        else:
            import sporax as ms
            ms.set_context(progress_bar=False)
            kind, kwargs = FORMATS[fmt]
            kwargs = {"dec_key": KEY} if fmt == "encrypted" else kwargs
            file = file.replace("_(no_fsync)", "").replace(" (no fsync)", "")
            suffix = ".safetensors" if kind == "safetensors" else ".ckpt"
            run = lambda: ms.load_checkpoint(file + suffix, format=kind, **kwargs)  # noqa: E731
        nbytes = int(gib * 2**30) // 4 * 4
    if fmt.endswith("(no fsync)"):  # where the time goes: the same save without its one fsync
        os.fsync = lambda fd: None
    _reset_peak()
    before = _rss()
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    extra = max(0, _peak() - before)
    del result
    return {"seconds": seconds, "extra": extra, "nbytes": nbytes}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gib", type=float, default=1.0)
    parser.add_argument("--dir", default=tempfile.gettempdir())
    parser.add_argument("--child", nargs=3, metavar=("OP", "FORMAT", "LAYOUT"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child, args.gib, args.dir)))
        return
    work = tempfile.mkdtemp(dir=args.dir)
    peers = ["safetensors.numpy"]
    try:
        import torch  # noqa: F401
        peers.append("torch")
    except ImportError:
        print("(torch not installed: pip install torch==2.13.0 to compare)")
    rows = {}
    try:
        for layout in ("16 tensors", "1 tensor"):
            for fmt in list(FORMATS) + peers:
                for op in ("save", "load"):
                    out = subprocess.run([sys.executable, __file__, "--gib", str(args.gib), "--dir", work,
                                          "--child", op, fmt, layout], capture_output=True, text=True,
                                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, timeout=900)
                    if out.returncode:
                        raise SystemExit(f"{op} {fmt} {layout} failed:\n{out.stderr}")
                    rows[op, fmt, layout] = json.loads(out.stdout.strip().splitlines()[-1])
                    r = rows[op, fmt, layout]
                    print(f"{layout:11} {op:5} {fmt:18} {r['nbytes'] / r['seconds'] / 1e9:6.2f} GB/s   "
                          f"peak extra {r['extra'] / r['nbytes']:.2f}x", flush=True)
    finally:
        shutil.rmtree(work)
    print(f"\n{args.gib:.2f} GiB of float32; ratios are sporax's GB/s over the peer's (>= 1 meets the target)")
    for layout in ("16 tensors", "1 tensor"):
        for op in ("save", "load"):
            for fmt in FORMATS:
                ours = rows[op, fmt, layout]
                rate = ours["nbytes"] / ours["seconds"]
                ratios = ", ".join(f"/ {p} {rate / (rows[op, p, layout]['nbytes'] / rows[op, p, layout]['seconds']):.2f}x"
                                   for p in peers)
                print(f"{layout:11} {op:5} {fmt:12} {ratios}; peak extra RSS {ours['extra'] / ours['nbytes']:.2f}x "
                      f"of the model")


if __name__ == "__main__":
    main()
