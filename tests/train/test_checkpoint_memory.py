"""Bounded memory: a save needs no more than a fixed few MiB beside the model it writes, and a
load no more than the model it returns plus 10%, in every format: plain, CRC, encrypted
and safetensors, 16 tensors or one tensor split into slices. Measured in a fresh process
as the kernel's peak RSS (VmHWM, reset before each operation) minus the RSS before it."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

MODEL_BYTES = 96 << 20
PROBE = r"""
import gc, json, os, sys
import numpy as np
import jax
import sporax as ms
from sporax.train._ckpt import ckpt_file

ms.set_context(progress_bar=False)
ckpt_file.SLICE_BYTES = 8 << 20  # the one-tensor layout is written as 12 slices of one tag
directory, model_bytes = sys.argv[1], int(sys.argv[2])
KEY = b"0123456789abcdef"
FORMATS = {"plain": ("ckpt", {}, {}), "crc": ("ckpt", {"crc_check": True}, {"crc_check": True}),
           "encrypted": ("ckpt", {"enc_key": KEY}, {"dec_key": KEY}), "safetensors": ("safetensors", {}, {})}


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_extra(run):
    gc.collect()
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    before = rss()
    result = run()
    with open("/proc/self/status") as f:
        peak = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmHWM:"))
    del result
    return max(0, peak - before)


def model(nbytes, count):
    tensors = {f"layer{i}.weight": ms.Tensor(np.full(nbytes // 4 // count, i, np.float32)) for i in range(count)}
    for t in tensors.values():
        jax.block_until_ready(t._value())  # the copy into JAX is asynchronous
    return tensors


out = {}
for layout, count in (("16 tensors", 16), ("1 sliced tensor", 1)):
    tensors = model(model_bytes, count)
    for fmt, (kind, save_kwargs, load_kwargs) in FORMATS.items():
        path = os.path.join(directory, f"{fmt}-{count}.{kind}")
        warm = os.path.join(directory, f"warm-{fmt}-{count}.{kind}")
        ms.save_checkpoint(model(1 << 20, count), warm, format=kind, **save_kwargs)  # imports, first calls
        ms.load_checkpoint(warm, format=kind, **load_kwargs)
        save = peak_extra(lambda: ms.save_checkpoint(tensors, path, format=kind, **save_kwargs))
        load = peak_extra(lambda: ms.load_checkpoint(path, format=kind, **load_kwargs))
        out[f"{layout}|{fmt}"] = [save, load]
    del tensors
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def peaks(tmp_path_factory):
    directory = tmp_path_factory.mktemp("memory")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", PROBE, str(directory), str(MODEL_BYTES)], capture_output=True,
                            text=True, timeout=600, cwd=root,
                            env={**os.environ, "PYTHONPATH": str(root / "src"),
                                 "MALLOC_MMAP_THRESHOLD_": str(1 << 20)})  # freed buffers go back at once
    assert result.returncode == 0, result.stderr[-3000:]
    return {tuple(k.split("|")): v for k, v in json.loads(result.stdout.strip().splitlines()[-1]).items()}


CASES = [(layout, fmt) for layout in ("16 tensors", "1 sliced tensor")
         for fmt in ("plain", "crc", "encrypted", "safetensors")]


@pytest.mark.skipif(not os.path.exists("/proc/self/clear_refs"), reason="needs Linux's VmHWM reset")
@pytest.mark.parametrize("layout, fmt", CASES)
def test_a_save_needs_at_most_a_tenth_of_the_model_beside_it(peaks, layout, fmt):
    save, _ = peaks[layout, fmt]
    assert save <= 0.1 * MODEL_BYTES, f"{save / MODEL_BYTES:.3f}x of the model"


@pytest.mark.skipif(not os.path.exists("/proc/self/clear_refs"), reason="needs Linux's VmHWM reset")
@pytest.mark.parametrize("layout, fmt", CASES)
def test_a_load_needs_at_most_the_model_and_a_tenth(peaks, layout, fmt):
    _, load = peaks[layout, fmt]
    assert load <= 1.1 * MODEL_BYTES, f"{load / MODEL_BYTES:.3f}x of the model"
