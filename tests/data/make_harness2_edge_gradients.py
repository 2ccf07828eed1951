"""Run by hand under MindSpore 2.10: tests/data/mindspore_2_10_edge_gradients.npz.

    /work/msvenv/bin/python tests/data/make_harness2_edge_gradients.py
"""
import pathlib
import sys

import numpy as np
import mindspore as ms
from mindspore import nn, ops

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from harness2_edge_cases import compute  # noqa: E402

if __name__ == "__main__":
    ms.set_context(mode=ms.PYNATIVE_MODE)
    np.savez(HERE / "mindspore_2_10_edge_gradients.npz", **compute(ms, nn, ops))
