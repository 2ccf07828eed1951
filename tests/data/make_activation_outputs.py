"""Writes tests/data/mindspore_2_10_activations.npz from real MindSpore 2.10 (never run in CI):
    /work/msvenv/bin/python tests/data/make_activation_outputs.py
Per case: the output on X ("out/<case>") and the gradient of sum(output · linspace) ("grad/<case>")."""
import pathlib
import sys

import numpy as np

from mindspore import Tensor, nn, ops

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from activation_cases import CASES, X  # noqa: E402

W = np.linspace(-1, 1, X.size, dtype=np.float32).reshape(X.shape)
stored = {}
for name, (cls, kwargs) in CASES.items():
    cell = getattr(nn, cls)(**kwargs)
    stored[f"out/{name}"] = cell(Tensor(X)).asnumpy()
    stored[f"grad/{name}"] = ops.grad(lambda x: (cell(x) * Tensor(W)).sum())(Tensor(X)).asnumpy()
    stored[f"repr/{name}"] = np.array(repr(cell))
np.savez_compressed(HERE / "mindspore_2_10_activations.npz", **stored)
