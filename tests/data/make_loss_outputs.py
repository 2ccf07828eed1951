"""Writes tests/data/mindspore_2_10_losses_more.npz from real MindSpore 2.10 (never run in CI):
    /work/msvenv/bin/python tests/data/make_loss_outputs.py
Per case: the loss of (A, labels) and the gradient of sum(loss) with respect to A."""
import pathlib
import sys

import numpy as np

from mindspore import Tensor, nn, ops

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import loss_cases  # noqa: E402

stored = {}
for name, (cls, kwargs, labels) in loss_cases.CASES.items():
    cell = getattr(nn, cls)(**kwargs)
    y = Tensor(getattr(loss_cases, labels))
    stored[f"out/{name}"] = cell(Tensor(loss_cases.A), y).asnumpy()
    stored[f"grad/{name}"] = ops.grad(lambda x: cell(x, y).sum())(Tensor(loss_cases.A)).asnumpy()
np.savez_compressed(HERE / "mindspore_2_10_losses_more.npz", **stored)
