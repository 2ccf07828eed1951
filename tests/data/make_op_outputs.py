"""Run by hand with MindSpore 2.10 (never in CI): writes mindspore_2_10_op_outputs.npz and
mindspore_2_10_op_reprs.json from op_cases.py.

    /work/msvenv/bin/python tests/data/make_op_outputs.py
"""
import json
import pathlib
import sys

import numpy as np

import mindspore as ms
from mindspore import Tensor, ops
from mindspore.ops import operations as P

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from op_cases import CASES, REPRS  # noqa: E402

ms.set_context(mode=ms.PYNATIVE_MODE, device_target="CPU")
out = {}
for name, case in CASES.items():
    result = case(ms, ops, P, Tensor)
    results = result if isinstance(result, (tuple, list)) else (result,)
    for i, r in enumerate(results):
        out[f"{name}/{i}"] = r.asnumpy()
np.savez_compressed(HERE / "mindspore_2_10_op_outputs.npz", **out)
reprs = {name: repr(make(ms, P)) for name, make in REPRS.items()}
(HERE / "mindspore_2_10_op_reprs.json").write_text(json.dumps(reprs, indent=1, sort_keys=True) + "\n")
print(f"{len(out)} arrays, {len(reprs)} reprs")
