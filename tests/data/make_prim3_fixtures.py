"""Writes tests/data/mindspore_2_10_prim3.npz: outputs of MindSpore 2.10 CPU for prim3's ops whose
results the differential table cannot hold whole (LSTM: its last two outputs are the oneDNN
kernel's workspace, not values). Run by hand in the MindSpore virtualenv (never in CI):
    /work/msvenv/bin/python tests/data/make_prim3_fixtures.py
"""
from __future__ import annotations

import pathlib

import numpy as np

import mindspore as ms
from mindspore import Tensor, ops

HERE = pathlib.Path(__file__).resolve().parent

# (name, input_size, hidden_size, proj_size, seq_len, batch): MindSpore CPU's LSTM kernel takes one
# layer, one direction and no bias.
LSTM_CASES = [("plain", 2, 3, 0, 4, 2), ("projected", 4, 5, 2, 3, 2), ("long", 3, 4, 0, 7, 1)]


def lstm_weight_count(i, h, p):
    return 4 * h * i + 4 * h * (p or h) + p * h


def main():
    ms.set_context(mode=ms.PYNATIVE_MODE, device_target="CPU")
    rng = np.random.default_rng(20261201)
    out = {}
    for name, i, h, p, t, n in LSTM_CASES:
        x = rng.standard_normal((t, n, i)).astype(np.float32)
        h0 = rng.standard_normal((1, n, p or h)).astype(np.float32)
        c0 = rng.standard_normal((1, n, h)).astype(np.float32)
        w = rng.uniform(-0.9, 0.9, (lstm_weight_count(i, h, p), 1, 1)).astype(np.float32)
        y, hn, cn, _, _ = ops.LSTM(i, h, 1, False, False, 0.0, p)(Tensor(x), Tensor(h0), Tensor(c0), Tensor(w))
        for key, value in (("x", x), ("h0", h0), ("c0", c0), ("w", w), ("y", y.asnumpy()), ("hn", hn.asnumpy()),
                           ("cn", cn.asnumpy())):
            out[f"lstm/{name}/{key}"] = value
    np.savez_compressed(HERE / "mindspore_2_10_prim3.npz", **out)
    print(f"{len(out)} arrays")


if __name__ == "__main__":
    main()
