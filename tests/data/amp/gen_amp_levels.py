"""Oracle fixture: which sub-cells of a small net run in low precision at each amp level.

Run by hand with real MindSpore 2.10:  /work/msvenv/bin/python tests/data/amp/gen_amp_levels.py
Writes amp_levels.json: for each level and dtype, every sub-cell's (by its name in
cells_and_names) input and output dtypes, and the network's output dtype.
"""
import json
import os
import tempfile
import pathlib

import numpy as np
import mindspore as ms
from mindspore import amp, nn


class Block(nn.Cell):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 3, 3, pad_mode="same", has_bias=True)
        self.bn = nn.BatchNorm2d(3)
        self.relu = nn.ReLU()

    def construct(self, x):
        return self.relu(self.bn(self.conv(x)))


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.block = Block()
        self.flatten = nn.Flatten()
        self.dense = nn.Dense(3 * 4 * 4, 5)
        self.norm = nn.LayerNorm((5,))
        self.act = nn.Sigmoid()
        self.head = nn.Dense(5, 2)

    def construct(self, x):
        return self.head(self.act(self.norm(self.dense(self.flatten(self.block(x))))))


def dtypes(value):
    if isinstance(value, (tuple, list)):
        return [dtypes(v) for v in value]
    return str(value.dtype)


def record(level, dtype):
    ms.set_seed(0)
    net = amp.auto_mixed_precision(Net(), level, dtype=dtype)
    seen = {}
    for name, cell in net.cells_and_names():
        def hook(c, inputs, output, name=name):
            seen[name] = {"cell": type(c).__name__, "inputs": dtypes(inputs), "output": dtypes(output)}
        cell.register_forward_hook(hook)
    out = net(ms.Tensor(np.ones((1, 2, 4, 4), np.float32)))
    return {"output": str(out.dtype), "cells": seen}


result = {}
# MindSpore's CPU kernels have no bfloat16 Conv2D, so the oracle is observed in float16.
os.chdir(tempfile.mkdtemp())  # O1's rewrite writes its generated sources into the working folder
for dtype_name, dtype in (("float16", ms.float16),):
    for level in ("O0", "O1", "O2", "O3"):
        result[f"{level}/{dtype_name}"] = record(level, dtype)
path = pathlib.Path(__file__).resolve().with_name("amp_levels.json")
path.write_text(json.dumps(result, indent=1, sort_keys=True))
print(json.dumps(result, indent=1, sort_keys=True)[:6000])
