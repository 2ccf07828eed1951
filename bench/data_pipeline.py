"""CIFAR-style input pipeline throughput (images/s): decode JPEG -> RandomCrop(32, pad 4) ->
RandomHorizontalFlip -> Normalize -> HWC->CHW -> batch 128, over an ImageFolder of
32x32 JPEGs written once to a temporary folder. Same worker count for every peer.

    python bench/data_pipeline.py [--images 5000] [--workers 2] [--epochs 2]
        sporax.dataset (threads and processes) and torchvision's DataLoader side by side
        (torch/torchvision: a separate virtualenv, e.g. .venv-bench; sporax is imported
        from src/ when it is not installed there)
    /work/msvenv/bin/python bench/data_pipeline.py --mode mindspore [--images 5000] [--workers 2]
        real MindSpore 2.10 (its own virtualenv); prints its images/s to paste beside

Each peer runs `--epochs` epochs; the first is a warm-up (worker start-up, page cache), the
reported rate is the best of the others. Ratios are sporax / peer.
"""
from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

MEAN = [0.4914 * 255, 0.4822 * 255, 0.4465 * 255]
STD = [0.2470 * 255, 0.2435 * 255, 0.2616 * 255]
BATCH = 128


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


def best_rate(make_epoch, images: int, epochs: int) -> float:
    rates = []
    for _ in range(epochs):
        start = time.perf_counter()
        seen = make_epoch()
        elapsed = time.perf_counter() - start
        if seen != images:
            raise RuntimeError(f"an epoch yielded {seen} images, expected {images}")
        rates.append(images / elapsed)
    return max(rates[1:]) if len(rates) > 1 else rates[0]


def sporax_epochs(root: Path, workers: int, processes: bool, epochs: int):
    try:
        import sporax.dataset as ds
    except ImportError:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
        import sporax.dataset as ds
    import sporax.dataset.vision as vision
    data = ds.ImageFolderDataset(str(root), shuffle=True, num_parallel_workers=workers)
    data = data.map([vision.Decode(), vision.RandomCrop(32, padding=4), vision.RandomHorizontalFlip(),
                     vision.Normalize(MEAN, STD), vision.HWC2CHW()], "image", num_parallel_workers=workers,
                    python_multiprocessing=processes)
    data = data.batch(BATCH)
    iterator = data.create_tuple_iterator(num_epochs=epochs, output_numpy=True)

    def epoch():
        return sum(len(image) for image, _ in iterator)
    return epoch, iterator


def run_sporax(root, count, workers, epochs, processes):
    epoch, iterator = sporax_epochs(root, workers, processes, epochs)
    try:
        return best_rate(epoch, count, epochs)
    finally:
        iterator.stop()


def run_torchvision(root, count, workers, epochs):
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
    return best_rate(epoch, count, epochs)


def run_mindspore(root, count, workers, epochs):
    import mindspore.dataset as ds
    import mindspore.dataset.vision as vision
    data = ds.ImageFolderDataset(str(root), shuffle=True, num_parallel_workers=workers)
    data = data.map([vision.Decode(), vision.RandomCrop(32, padding=4), vision.RandomHorizontalFlip(),
                     vision.Normalize(MEAN, STD), vision.HWC2CHW()], "image", num_parallel_workers=workers)
    data = data.batch(BATCH)
    iterator = data.create_tuple_iterator(num_epochs=epochs, output_numpy=True)

    def epoch():
        return sum(len(image) for image, _ in iterator)
    return best_rate(epoch, count, epochs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--images", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--mode", choices=("side-by-side", "mindspore"), default="side-by-side")
    parser.add_argument("--dir", default=None, help="where to write the image folder (default: a temp dir)")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="sporax-bench-", dir=args.dir))
    try:
        write_image_folder(root, args.images)
        print(f"{args.images} 32x32 JPEGs, batch {BATCH}, {args.workers} workers, best of {args.epochs - 1} "
              f"epochs after a warm-up, {os.cpu_count()} CPUs")
        if args.mode == "mindspore":
            rate = run_mindspore(root, args.images, args.workers, args.epochs)
            print(f"{'mindspore 2.10 (C++ ops, threads)':40s} {rate:10.0f} images/s")
            return
        results = {}
        results["sporax.dataset (threads)"] = run_sporax(root, args.images, args.workers, args.epochs, False)
        results["sporax.dataset (processes)"] = run_sporax(root, args.images, args.workers, args.epochs, True)
        try:
            results["torchvision DataLoader"] = run_torchvision(root, args.images, args.workers, args.epochs)
        except ImportError as error:
            print(f"(torchvision not available: {error})")
        for name, rate in results.items():
            print(f"{name:40s} {rate:10.0f} images/s")
        best = max(v for k, v in results.items() if k.startswith("sporax"))
        if "torchvision DataLoader" in results:
            print(f"{'ratio best sporax / torchvision':40s} {best / results['torchvision DataLoader']:10.2f}x")
        print("For MindSpore: /work/msvenv/bin/python bench/data_pipeline.py --mode mindspore "
              f"--images {args.images} --workers {args.workers}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
