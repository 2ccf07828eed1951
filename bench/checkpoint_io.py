"""Checkpoint save/load throughput (GB/s) and peak extra memory, per format, sporax side by
side with torch.save/torch.load and the safetensors library, on the same tensors, in one run.

    python bench/checkpoint_io.py [--gib 1.0] [--rounds 5] [--dir /tmp] [--layouts "1 tensor"] [--ops load]

Formats: sporax .ckpt plain, with CRC, encrypted (AES-GCM), and safetensors; peers
torch.save/torch.load and safetensors.numpy save_file/load_file. Layouts: 16 float32
tensors, and one tensor of the whole size, which sporax's .ckpt writes as slices of one tag
(MindSpore slices above 512 MiB; here the slice is min(512 MiB, a quarter of the model), so
that a small run reads and writes slices too).

Durability. sporax's saves start the writeback as they write (sync_file_range), fsync the
file once, rename it into place and fsync the directory; the peers do none of it. So every
save is measured twice: "durable" (sporax as it ships; each peer followed by the same
fsync + rename + directory fsync) and "page cache" (sporax with its writeback starts and
fsyncs skipped; each peer writing a temporary renamed into place: atomic, not durable). Within one row both sides do the
same work. The target is on the durable rows (issue 15: "durability kept").

Page cache. Every load reads a file in the same state for every contender: "cached" loads
first read the whole file through once (its pages all in the page cache), "disk" loads
first sync and drop the file's pages (posix_fadvise DONTNEED), so they read from the disk.

Noise. The machine this runs on may be shared, so the contenders are interleaved: one
process per (layout, save|load) holds the tensors, warms every contender up on a 1 MiB
model (no row pays for importing its libraries), then runs `--rounds` rounds, each round
every contender once, in turn. A ratio is taken within each round (the same moment's
load on the machine for both sides) and its median printed; the GB/s are medians too,
with their spread. Large allocations are fresh mappings in every round (FRESH_MEMORY), and
every operation starts after an os.sync(), so none waits behind the previous one's writeback.
Wall time, process CPU time (all threads) and busy time are taken: on a shared machine
wall time includes waiting for the cores, CPU time does not (but a wait for the disk shows
only in wall time); busy time is wall time less the time the main thread (where every
contender does its work) was runnable but waiting for a core (Linux schedstat), so it keeps
the disk waits and drops the other processes' share of the cores. Peak extra memory is
the peak RSS during one operation (the kernel's VmHWM, reset just before) minus the RSS
just before, over the model's bytes: a load's result is the model, so 1.00x is the floor
there; a save's floor is 0.

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
CACHES = ("cached", "disk")
# Every allocation of 1 MiB or more is its own mapping, returned when freed: each round's
# result lands in fresh pages, as a first load in a new process does, whichever library
# allocated the previous round's (glibc otherwise raises its threshold after the first free
# and reuses pages already faulted in, favouring whoever allocates like its predecessor).
FRESH_MEMORY = {"MALLOC_MMAP_THRESHOLD_": str(1 << 20)}


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _run_queue_wait() -> float:
    """Seconds this thread has spent runnable but waiting for a core (Linux schedstat; 0.0
    where it is missing)."""
    try:
        with open("/proc/thread-self/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


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
    """`write(temporary)`, then fsync it, rename it to `path` and fsync the directory: what
    sporax's saves do."""
    temporary = f"{path}.tmp"
    write(temporary)
    _fsync(temporary)
    os.replace(temporary, path)
    _fsync(os.path.dirname(path))


def _atomically(write, path):
    """`write(temporary)`, then rename it to `path`: the atomic replace every sporax save
    does, without its fsyncs. ext4 (auto_da_alloc) starts the writeback of a file renamed
    over another at the rename, and waits for its submission: 0.23-0.56 s of a 512 MiB save
    whose fsync was skipped, none after an fsync."""
    temporary = f"{path}.tmp"
    write(temporary)
    os.replace(temporary, path)


def _fsync(name):
    descriptor = os.open(name, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _cached(path):
    """Every page of the file in the page cache: read it through once."""
    buffer = bytearray(1 << 24)
    with open(path, "rb", buffering=0) as file:
        while file.readinto(buffer):
            pass


def _dropped(path):
    """None of the file's pages in the page cache (written back first, so they can go)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
        os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(descriptor)


class _NoFsync:
    """sporax's save with its durability skipped (the page-cache rows): no fsync, and no
    writeback started as it writes (sync_file_range, which only serves the fsync: the peers'
    page-cache saves leave the writeback to the kernel's flusher threads, outside their time)."""

    def __enter__(self):
        from sporax.train._ckpt import atomic_file
        self.atomic_file = atomic_file
        self.fsync, os.fsync = os.fsync, lambda descriptor: None
        self.start_writeback, atomic_file._start_writeback = atomic_file._start_writeback, None

    def __exit__(self, *exc):
        os.fsync = self.fsync
        self.atomic_file._start_writeback = self.start_writeback


def _contenders(op, stem, arrays, formats):
    """{(format, mode): (run, file)} for one layout; `arrays` (None for loads) are the
    tensors; `file` is what a load reads (None for saves)."""
    import jax
    import sporax as ms
    ms.set_context(progress_bar=False)
    runs = {}
    if "torch" in formats:
        import torch
        path = stem + ".pt"
        if op == "load":
            for cache in CACHES:
                runs["torch", cache] = (lambda path=path: torch.load(path)), path
        else:
            data = {k: torch.from_numpy(v) for k, v in arrays.items()}
            runs["torch", "durable"] = (lambda path=path: _durably(lambda p: torch.save(data, p), path)), None
            runs["torch", "page cache"] = (lambda path=path: _atomically(lambda p: torch.save(data, p), path)), None
    from safetensors.numpy import load_file, save_file
    library_path = stem + ".lib.safetensors"
    if op == "load":
        for cache in CACHES:
            runs["safetensors.numpy", cache] = (lambda: load_file(library_path)), library_path
    else:
        runs["safetensors.numpy", "durable"] = (lambda: _durably(lambda p: save_file(arrays, p), library_path)), None
        runs["safetensors.numpy", "page cache"] = (
            lambda: _atomically(lambda p: save_file(arrays, p), library_path)), None
        tensors = {k: ms.Tensor(v) for k, v in arrays.items()}
        for tensor in tensors.values():  # the copy into JAX is asynchronous: let it land
            jax.block_until_ready(tensor._value())
    for fmt, (kind, kwargs) in SPORAX.items():
        path = f"{stem}-{fmt}.{kind}"
        if op == "load":
            load_kwargs = {"dec_key": KEY} if fmt == "encrypted" else {"crc_check": True} if fmt == "crc" else {}
            for cache in CACHES:
                runs[fmt, cache] = (lambda path=path, kind=kind, kw=load_kwargs: ms.load_checkpoint(
                    path, format=kind, **kw)), path
            continue
        save = lambda path=path, kind=kind, kw=kwargs: ms.save_checkpoint(tensors, path, format=kind, **kw)  # noqa: E731
        runs[fmt, "durable"] = save, None

        def without_fsync(save=save):
            with _NoFsync():
                save()
        runs[fmt, "page cache"] = without_fsync, None
    return runs


def child(op, layout, nbytes, rounds, directory, formats) -> dict:
    """Warm up, then `rounds` rounds of every contender of one (layout, op), in this process."""
    from sporax.train._ckpt import ckpt_file
    ckpt_file.SLICE_BYTES = _slice_bytes(nbytes)
    stem = os.path.join(directory, layout.replace(" ", "_"))
    warm = _contenders(op, stem + "-warm", _arrays(1 << 20, layout) if op == "save" else None, formats)
    for run, _ in warm.values():
        run()
    del warm
    gc.collect()
    runs = _contenders(op, stem, _arrays(nbytes, layout) if op == "save" else None, formats)
    out = {f"{fmt}|{mode}": {"seconds": [], "cpu": [], "busy": [], "extra": []} for fmt, mode in runs}
    for _ in range(rounds):
        for (fmt, mode), (run, file) in runs.items():
            gc.collect()
            if file is not None:
                (_cached if mode == "cached" else _dropped)(file)
            os.sync()  # the disk idle at the start: no contender waits behind another's writeback
            _reset_peak()
            before = _rss()
            start, start_cpu, start_wait = time.perf_counter(), time.process_time(), _run_queue_wait()
            result = run()
            seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            waited = _run_queue_wait() - start_wait
            extra = max(0, _peak() - before)
            del result
            out[f"{fmt}|{mode}"]["seconds"].append(seconds)
            out[f"{fmt}|{mode}"]["cpu"].append(cpu)
            out[f"{fmt}|{mode}"]["busy"].append(max(seconds - waited, 1e-9))
            out[f"{fmt}|{mode}"]["extra"].append(extra / nbytes)
    return out


def _slice_bytes(nbytes: int) -> int:
    return min(512 << 20, max(1 << 20, nbytes // 4 // 64 * 64))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gib", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dir", default=tempfile.gettempdir())
    parser.add_argument("--child", nargs=2, metavar=("OP", "LAYOUT"))
    parser.add_argument("--formats", default="")
    parser.add_argument("--layouts", default=",".join(LAYOUTS), help="of: " + ", ".join(LAYOUTS))
    parser.add_argument("--ops", default="save,load")
    args = parser.parse_args()
    nbytes = int(args.gib * 2**30) // 64 * 64
    if args.child:
        print(json.dumps(child(*args.child, nbytes, args.rounds, args.dir, args.formats.split(","))))
        return
    formats = list(SPORAX) + list(PEERS)
    try:
        import torch  # noqa: F401
    except ImportError:
        formats.remove("torch")
        print("(torch not installed: pip install torch==2.13.0 to compare)")
    peers = [p for p in PEERS if p in formats]
    sys.path.insert(0, str(ROOT / "src"))
    from sporax.train._ckpt import crc
    if crc.IMPLEMENTATION != "isal":
        print("(isal not installed: the CRC rows measure zlib's crc32, 6x slower; pip install isal)")
    work = tempfile.mkdtemp(dir=args.dir, prefix="checkpoint_io-")
    load = os.getloadavg()
    print(f"{args.gib:.2f} GiB of float32, {args.rounds} interleaved rounds, load average {load[0]:.2f} "
          f"{load[1]:.2f} {load[2]:.2f}; the 1 tensor is {nbytes // _slice_bytes(nbytes)} .ckpt slices; "
          f"CRC32 through {crc.IMPLEMENTATION}; "
          "GB/s median [min-max] of wall time, then of process CPU time, then of busy time (wall time less "
          "the main thread's wait for a core); ratio = median over rounds of (peer's time / sporax's time), "
          "wall, CPU, busy, >= 1.00 meets the target")
    def run_child(op, layout, rounds):
        out = subprocess.run(
            [sys.executable, __file__, "--gib", str(args.gib), "--rounds", str(rounds), "--dir", work,
             "--child", op, layout, "--formats", ",".join(formats)], capture_output=True, text=True,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(
                [str(ROOT / "src")] + [p for p in [os.environ.get("PYTHONPATH")] if p]), **FRESH_MEMORY},
            timeout=3600)
        if out.returncode:
            raise SystemExit(f"{op} {layout} failed:\n{out.stderr}")
        return out.stdout

    ops = args.ops.split(",")
    try:
        for layout in args.layouts.split(","):
            if "load" in ops and "save" not in ops[:ops.index("load")]:
                run_child("save", layout, 1)  # the files the loads read, not timed
            for op in ops:
                stdout = run_child(op, layout, args.rounds)
                results = {tuple(k.split("|")): v for k, v in json.loads(stdout.strip().splitlines()[-1]).items()}
                for (fmt, mode), r in sorted(results.items(), key=lambda item: item[0][1]):
                    rates = [nbytes / s / 1e9 for s in r["seconds"]]
                    cpu_rates = [nbytes / s / 1e9 for s in r["cpu"]]
                    busy_rates = [nbytes / s / 1e9 for s in r["busy"]]
                    line = (f"{layout:10} {op:4} {mode:10} {fmt:17} {statistics.median(rates):5.2f} GB/s "
                            f"[{min(rates):.2f}-{max(rates):.2f}] cpu {statistics.median(cpu_rates):5.2f} "
                            f"[{min(cpu_rates):.2f}-{max(cpu_rates):.2f}] "
                            f"busy {statistics.median(busy_rates):5.2f}  peak extra "
                            f"{statistics.median(r['extra']):.2f}x")
                    if fmt in SPORAX:
                        for peer in peers:
                            theirs = results[peer, mode]
                            ratio = statistics.median(t / s for t, s in zip(theirs["seconds"], r["seconds"]))
                            cpu_ratio = statistics.median(t / s for t, s in zip(theirs["cpu"], r["cpu"]))
                            busy_ratio = statistics.median(t / s for t, s in zip(theirs["busy"], r["busy"]))
                            line += f"  vs {peer} {ratio:.2f}x {cpu_ratio:.2f}x {busy_ratio:.2f}x"
                    print(line, flush=True)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
