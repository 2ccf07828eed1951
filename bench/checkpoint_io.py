"""Checkpoint save/load throughput (GB/s) and peak extra memory, for 1 GiB of float32
parameters, sporax (.ckpt, safetensors) side by side with torch.save/torch.load and
safetensors.numpy, in one run. Also: sporax's memory-mapped .ckpt reader against a
whole-message protobuf parse (why sporax reads the wire format itself).

    python bench/checkpoint_io.py [--gib 1.0] [--dir /tmp]

Peak extra memory is the highest RSS seen during the operation minus the RSS before it;
each operation runs twice: the best time and the second run's memory are reported.
"""
from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sporax as ms  # noqa: E402
from sporax import Parameter, Tensor  # noqa: E402
from sporax.train._ckpt.proto import Checkpoint  # noqa: E402

try:
    import torch
except ImportError:
    torch = None
from safetensors.numpy import load_file, save_file  # noqa: E402


class PeakRSS:
    """Samples RSS in a thread; `extra` is the peak minus the RSS at entry."""

    def __enter__(self):
        gc.collect()
        self.process = psutil.Process()
        self.start = self.peak = self.process.memory_info().rss
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        self.t0 = time.perf_counter()
        return self

    def _sample(self):
        while self.running:
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.002)

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)
        self.extra = self.peak - self.start


def touched(result):
    """Read every value once, so lazily mapped data is really loaded."""
    values = result.values() if isinstance(result, dict) else []
    for value in values:
        array = np.asarray(value._value() if hasattr(value, "_value") else value)
        float(array.reshape(-1)[:: 4096].sum())
    return result


def measure(label, fn, nbytes, rows, repeat=2):
    """Best time of `repeat` runs; peak extra memory of the last (steady state)."""
    seconds = []
    for _ in range(repeat):
        with PeakRSS() as m:
            result = touched(fn())
        del result
        seconds.append(m.seconds)
    rows.append((label, nbytes / min(seconds) / 1e9, m.extra / 2**20))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gib", type=float, default=1.0)
    parser.add_argument("--dir", default=tempfile.gettempdir())
    args = parser.parse_args()
    ms.set_context(progress_bar=False)
    count = 16
    per = int(args.gib * 2**30 / 4 / count)
    rng = np.random.default_rng(0)
    arrays = {f"layer{i}.weight": rng.standard_normal(per, dtype=np.float32).reshape(-1, 1024) for i in range(count)}
    nbytes = sum(a.nbytes for a in arrays.values())
    params = {k: Parameter(Tensor(v), name=k) for k, v in arrays.items()}
    touched(params)
    work = Path(tempfile.mkdtemp(dir=args.dir))
    rows = []
    try:
        measure("sporax save .ckpt", lambda: ms.save_checkpoint(params, str(work / "s.ckpt")), nbytes, rows)
        measure("sporax load .ckpt", lambda: ms.load_checkpoint(str(work / "s.ckpt")), nbytes, rows)
        measure("sporax save safetensors",
                lambda: ms.save_checkpoint(params, str(work / "s"), format="safetensors"), nbytes, rows)
        measure("sporax load safetensors",
                lambda: ms.load_checkpoint(str(work / "s.safetensors"), format="safetensors"), nbytes, rows)
        measure("safetensors.numpy save", lambda: save_file(arrays, str(work / "n.safetensors")), nbytes, rows)
        measure("safetensors.numpy load", lambda: load_file(str(work / "n.safetensors")), nbytes, rows)
        if torch is not None:
            tensors = {k: torch.from_numpy(v) for k, v in arrays.items()}
            measure("torch.save", lambda: torch.save(tensors, str(work / "t.pt")), nbytes, rows)
            measure("torch.load", lambda: torch.load(str(work / "t.pt")), nbytes, rows)
        measure("protobuf whole parse .ckpt",
                lambda: Checkpoint.FromString((work / "s.ckpt").read_bytes()), nbytes, rows)
    finally:
        shutil.rmtree(work)
    print(f"{nbytes / 2**30:.2f} GiB of float32 in {count} tensors")
    print(f"{'operation':30}{'GB/s':>8}{'peak extra MiB':>16}")
    for label, rate, extra in rows:
        print(f"{label:30}{rate:8.2f}{extra:16.0f}")
    by = {label: (rate, extra) for label, rate, extra in rows}
    for op in ("save", "load"):
        ours = by[f"sporax {op} .ckpt"][0]
        peers = [f"safetensors.numpy {op}"] + ([f"torch.{op}"] if torch is not None else [])
        print(f"{op}: " + ", ".join(f"sporax .ckpt / {p} = {ours / by[p][0]:.2f}x" for p in peers))


if __name__ == "__main__":
    main()
