"""Writes tests/data/torch_mint_batch_norm.npz: torch.nn.BatchNorm*d in the settings mint.nn's
layers take from PyTorch (momentum=None's cumulative average, track_running_stats=False,
affine=False), the reference for tests/mint/test_mint_batch_norm_torch.py. MindSpore 2.10 CPU
cannot run mint's BatchNormExt, so PyTorch, whose semantics mint documents, is the oracle.

Run by hand with a PyTorch virtualenv (never in CI; torch is not a dependency):
    /work/wt-dataset/.venv-bench/bin/python tests/data/make_mint_batch_norm_torch.py
"""
from __future__ import annotations

import pathlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent

# (name, layer, input shape, constructor kwargs): each trains on three batches, then evaluates on a fourth
SCENARIOS = [
    ("cumulative2d", "BatchNorm2d", (4, 3, 2, 2), {"momentum": None}),
    ("cumulative1d", "BatchNorm1d", (5, 2), {"momentum": None}),
    ("cumulative1d_length", "BatchNorm1d", (3, 2, 4), {"momentum": None}),
    ("cumulative3d", "BatchNorm3d", (2, 2, 2, 2, 3), {"momentum": None, "affine": False}),
    ("untracked2d", "BatchNorm2d", (4, 3, 2, 2), {"track_running_stats": False}),
    ("untracked1d", "BatchNorm1d", (6, 3), {"track_running_stats": False, "momentum": None}),
    ("momentum2d", "BatchNorm2d", (4, 3, 2, 2), {"momentum": 0.3}),
    ("plain_affine_off", "BatchNorm1d", (5, 2), {"affine": False}),
]


def main():
    import torch  # here, so that the test can import SCENARIOS without torch

    out = {}
    rng = np.random.default_rng(20261201)
    for name, layer, shape, kwargs in SCENARIOS:
        cell = getattr(torch.nn, layer)(shape[1], **kwargs)
        batches = [(rng.standard_normal(shape) * (i + 1) + i).astype(np.float32) for i in range(4)]
        cell.train()
        for i, batch in enumerate(batches[:3]):
            out[f"{name}/x{i}"] = batch
            out[f"{name}/y{i}"] = cell(torch.from_numpy(batch)).detach().numpy()
            if cell.running_mean is not None:
                out[f"{name}/mean{i}"] = cell.running_mean.numpy().copy()
                out[f"{name}/var{i}"] = cell.running_var.numpy().copy()
                out[f"{name}/count{i}"] = np.asarray(int(cell.num_batches_tracked))
        cell.eval()
        out[f"{name}/x3"] = batches[3]
        out[f"{name}/y3"] = cell(torch.from_numpy(batches[3])).detach().numpy()
    np.savez_compressed(HERE / "torch_mint_batch_norm.npz", **out)
    print(f"{len(SCENARIOS)} scenarios, torch {torch.__version__}")


if __name__ == "__main__":
    main()
