"""CIFAR-style input pipeline throughput (images/s): decode JPEG -> RandomCrop(32, pad 4) ->
RandomHorizontalFlip -> Normalize -> HWC->CHW -> batch 128, over an ImageFolder of
32x32 JPEGs written once to a temporary folder. Same worker count for every peer.

    python bench/data_pipeline.py [--images 5000] [--workers 2] [--rounds 5]
            [--mindspore-python /work/msvenv/bin/python] [--torch-python PYTHON] [--baseline-src OTHER/src]
        side by side in one run: sporax.dataset (threads, processes), torchvision's
        DataLoader and, with --mindspore-python, real MindSpore 2.10 from its own
        virtualenv. Each peer is a subprocess holding its pipeline open; the run
        alternates rounds peer after peer, so every peer sees the same load on a shared
        machine. sporax is imported from src/ (and --baseline-src, another checkout's
        src/, runs that sporax as one more peer: before and after in one run).
    /work/msvenv/bin/python bench/data_pipeline.py --mode mindspore [--images 5000] [--workers 2]
        by hand: real MindSpore 2.10 alone in this process; prints its images/s

A round runs one warm-up epoch and one measured epoch per peer (the warm-up takes up
what the peer's workers prefetched while the other peers ran, and the load they put on
the others ends before those measure). Reported per peer: the median images/s over the
rounds, the median of the per-round ratios sporax / peer, and the CPU time per image of
the peer's whole process tree (its threads, and its worker processes read from /proc
while they live, or from the children's rusage once they are reaped) during its measured
epochs. The first epoch of each pipeline (worker start-up, page cache) is not measured.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

MEAN = [0.4914 * 255, 0.4822 * 255, 0.4465 * 255]
STD = [0.2470 * 255, 0.2435 * 255, 0.2616 * 255]
BATCH = 128
SRC = Path(__file__).resolve().parents[1] / "src"
PEERS = ("sporax-threads", "sporax-processes", "baseline-threads", "baseline-processes", "mindspore", "torchvision")
LABELS = {"sporax-threads": "sporax.dataset (threads)", "sporax-processes": "sporax.dataset (processes)",
          "baseline-threads": "baseline sporax (threads)", "baseline-processes": "baseline sporax (processes)",
          "mindspore": "mindspore 2.10 (C++ ops, threads)", "torchvision": "torchvision DataLoader"}
REPLY_TIMEOUT_S = 900


def write_image_folder(root: Path, count: int) -> None:
    """`count` 32x32 JPEGs (smooth random colour fields, like photos compress) in 10 class folders."""
    from PIL import Image
    rng = np.random.default_rng(0)
    for k in range(count):
        folder = root / f"class_{k % 10}"
        folder.mkdir(exist_ok=True)
        coarse = rng.integers(0, 256, (4, 4, 3), dtype=np.uint8)
        image = Image.fromarray(coarse).resize((32, 32), Image.BILINEAR)
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=90)
        (folder / f"{k:06d}.jpg").write_bytes(buffer.getvalue())


# ----------------------------------------------------------------------------- the peers
# Each returns (epoch, close): `epoch()` runs one epoch and returns the images it saw.

def sporax_pipeline(root: Path, workers: int, processes: bool):
    try:
        import sporax.dataset as ds
    except ImportError:
        sys.path.insert(0, str(SRC))
        import sporax.dataset as ds
    import sporax.dataset.vision as vision
    data = ds.ImageFolderDataset(str(root), shuffle=True, num_parallel_workers=workers)
    data = data.map([vision.Decode(), vision.RandomCrop(32, padding=4), vision.RandomHorizontalFlip(),
                     vision.Normalize(MEAN, STD), vision.HWC2CHW()], "image", num_parallel_workers=workers,
                    python_multiprocessing=processes)
    data = data.batch(BATCH)
    iterator = data.create_tuple_iterator(output_numpy=True)

    def epoch():
        return sum(len(image) for image, _ in iterator)
    return epoch, iterator.stop


def mindspore_pipeline(root: Path, workers: int):
    import mindspore.dataset as ds
    import mindspore.dataset.vision as vision
    data = ds.ImageFolderDataset(str(root), shuffle=True, num_parallel_workers=workers)
    data = data.map([vision.Decode(), vision.RandomCrop(32, padding=4), vision.RandomHorizontalFlip(),
                     vision.Normalize(MEAN, STD), vision.HWC2CHW()], "image", num_parallel_workers=workers)
    data = data.batch(BATCH)
    iterator = data.create_tuple_iterator(output_numpy=True)

    def epoch():
        return sum(len(image) for image, _ in iterator)
    return epoch, iterator.stop


def torchvision_pipeline(root: Path, workers: int):
    import torch
    from torchvision import datasets, transforms
    torch.set_num_threads(1)
    transform = transforms.Compose([transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip(),
                                    transforms.ToTensor(),
                                    transforms.Normalize([m / 255 for m in MEAN], [s / 255 for s in STD])])
    loader = torch.utils.data.DataLoader(datasets.ImageFolder(str(root), transform=transform), batch_size=BATCH,
                                         shuffle=True, num_workers=workers, persistent_workers=workers > 0)

    def epoch():
        return sum(len(image) for image, _ in loader)
    return epoch, lambda: None


def open_pipeline(peer: str, root: Path, workers: int):
    if peer.startswith(("sporax", "baseline")):
        return sporax_pipeline(root, workers, processes=peer.endswith("-processes"))
    if peer == "mindspore":
        return mindspore_pipeline(root, workers)
    return torchvision_pipeline(root, workers)


# ----------------------------------------------------------------------------- CPU time

def _descendants(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        parent = pending.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                children = Path(f"/proc/{parent}/task/{task}/children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                found.append(child)
                pending.append(child)
    return found


def _process_cpu_seconds(pid: int) -> float:
    """utime + stime of a live process (all its threads), from /proc/<pid>/stat."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # it ended in between: its time is in the children's rusage once reaped
        return 0.0
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds() -> float:
    """CPU seconds of this process, its live descendants and its reaped children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + reaped.ru_utime + reaped.ru_stime
    if os.path.isdir("/proc"):
        total += sum(_process_cpu_seconds(pid) for pid in _descendants(os.getpid()))
    return total


def serve(peer: str, root: Path, workers: int) -> None:
    """A peer's process: one start-up epoch, then one measured epoch per 'epoch' line on stdin."""
    reply = sys.stdout
    sys.stdout = sys.stderr  # whatever the libraries print stays out of the replies
    try:
        epoch, close = open_pipeline(peer, root, workers)
        epoch()
    except ImportError as error:
        print(json.dumps({"unavailable": str(error)}), file=reply, flush=True)
        return
    print(json.dumps({"ready": True}), file=reply, flush=True)
    try:
        for line in sys.stdin:
            if line.strip() != "epoch":
                break
            cpu, start = tree_cpu_seconds(), time.perf_counter()
            seen = epoch()
            seconds, cpu = time.perf_counter() - start, tree_cpu_seconds() - cpu
            print(json.dumps({"images": seen, "seconds": seconds, "cpu_seconds": cpu}), file=reply, flush=True)
    finally:
        close()


# ----------------------------------------------------------------------------- side by side

class Peer:
    """A peer's serving subprocess."""

    def __init__(self, name: str, python: str, root: Path, workers: int, log: Path, baseline_src=None):
        self.name, self.log = name, log
        env = dict(os.environ)
        if name.startswith(("sporax", "baseline")):
            src = baseline_src if name.startswith("baseline") else str(SRC)
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
        self._stderr = open(log, "w")
        self._process = subprocess.Popen(
            [python, str(Path(__file__).resolve()), "--serve", name, "--root", str(root), "--workers", str(workers)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, text=True, env=env)

    def reply(self) -> dict:
        ready, _, _ = select.select([self._process.stdout], [], [], REPLY_TIMEOUT_S)
        line = self._process.stdout.readline() if ready else ""
        if not line:
            self.close()
            tail = self.log.read_text()[-3000:]
            raise RuntimeError(f"{self.name}: no reply (exit code {self._process.returncode}); its stderr ends:\n{tail}")
        return json.loads(line)

    def epoch(self) -> dict:
        self._process.stdin.write("epoch\n")
        self._process.stdin.flush()
        return self.reply()

    def close(self) -> None:
        if self._process.poll() is None:
            try:
                self._process.stdin.close()
                self._process.wait(timeout=60)
            except (OSError, subprocess.TimeoutExpired):
                self._process.kill()
                self._process.wait()
        self._stderr.close()


def side_by_side(root: Path, args) -> None:
    pythons = {"sporax-threads": sys.executable, "sporax-processes": sys.executable,
               "torchvision": args.torch_python or sys.executable}
    if args.mindspore_python:
        pythons["mindspore"] = args.mindspore_python
    if args.baseline_src:
        pythons["baseline-threads"] = pythons["baseline-processes"] = sys.executable
    logs = Path(tempfile.mkdtemp(prefix="sporax-bench-logs-", dir=args.dir))
    peers = {}
    try:
        for name in PEERS:
            if name in pythons and (args.peers is None or name in args.peers):
                peers[name] = Peer(name, pythons[name], root, args.workers, logs / f"{name}.log", args.baseline_src)
        for name, peer in list(peers.items()):
            answer = peer.reply()
            if "unavailable" in answer:
                print(f"({LABELS[name]} not available: {answer['unavailable']})")
                peer.close()
                del peers[name]
        load = os.getloadavg()
        rounds = {name: [] for name in peers}
        for _ in range(args.rounds):
            for name, peer in peers.items():
                peer.epoch()  # warm-up
                measured = peer.epoch()
                if measured["images"] != args.images:
                    raise RuntimeError(f"{name}: an epoch yielded {measured['images']} images, expected {args.images}")
                rounds[name].append(measured)
        report(rounds, args, load, os.getloadavg())
    finally:
        for peer in peers.values():
            peer.close()
        shutil.rmtree(logs, ignore_errors=True)


def report(rounds: dict, args, load_before, load_after) -> None:
    rates = {name: [r["images"] / r["seconds"] for r in runs] for name, runs in rounds.items()}
    print(f"load average (1, 5, 15 min): {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f} before, "
          f"{load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} after")
    # Cores busy: the CPU seconds per second the peer got, what the scheduler gives it on a
    # loaded machine (images/s = cores busy / CPU seconds per image).
    print(f"{'peer':36s} {'median images/s':>16s} {'min':>8s} {'max':>8s} {'CPU us/image':>13s} {'cores busy':>11s}")
    for name, runs in rounds.items():
        cpu = statistics.median(1e6 * r["cpu_seconds"] / r["images"] for r in runs)
        cores = statistics.median(r["cpu_seconds"] / r["seconds"] for r in runs)
        print(f"{LABELS[name]:36s} {statistics.median(rates[name]):16.0f} {min(rates[name]):8.0f} "
              f"{max(rates[name]):8.0f} {cpu:13.1f} {cores:11.2f}")
    for mine in ("sporax-threads", "sporax-processes"):
        for peer in ("baseline-" + mine.split("-")[1], "mindspore", "torchvision"):
            if mine in rates and peer in rates:
                ratios = [a / b for a, b in zip(rates[mine], rates[peer])]
                print(f"{'ratio ' + mine + ' / ' + peer:48s} median {statistics.median(ratios):6.2f}x  "
                      f"(rounds: {' '.join(f'{r:.2f}' for r in ratios)})")


def by_hand_mindspore(root: Path, args) -> None:
    epoch, close = mindspore_pipeline(root, args.workers)
    try:
        epoch()  # start-up
        rates = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            seen = epoch()
            rates.append(seen / (time.perf_counter() - start))
    finally:
        close()
    print(f"{LABELS['mindspore']:36s} {statistics.median(rates):10.0f} images/s (median of {args.rounds} epochs)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--images", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--mode", choices=("side-by-side", "mindspore"), default="side-by-side")
    parser.add_argument("--mindspore-python", default=None,
                        help="a Python with MindSpore 2.10: adds it to the side-by-side rounds")
    parser.add_argument("--torch-python", default=None, help="a Python with torch/torchvision (default: this one)")
    parser.add_argument("--baseline-src", default=None,
                        help="another sporax's src/ (e.g. main's): adds it as a peer, for before/after in one run")
    parser.add_argument("--peers", nargs="+", choices=PEERS, default=None, help="run only these peers")
    parser.add_argument("--dir", default=None, help="where to write the image folder (default: a temp dir)")
    parser.add_argument("--serve", choices=PEERS, help=argparse.SUPPRESS)
    parser.add_argument("--root", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, Path(args.root), args.workers)
        return
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    root = Path(tempfile.mkdtemp(prefix="sporax-bench-", dir=args.dir))
    try:
        write_image_folder(root, args.images)
        print(f"{args.images} 32x32 JPEGs, batch {BATCH}, {args.workers} workers, {args.rounds} rounds, "
              f"{os.cpu_count()} CPUs")
        if args.mode == "mindspore":
            by_hand_mindspore(root, args)
        else:
            side_by_side(root, args)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
