"""Writes tests/data/prim1/mindspore_2_10_optimizer.npz: each optimizer-update case of
optimizer_cases.py run STEPS times under real MindSpore 2.10 (CPU, PyNative): the outputs of
every step and the Parameters' final values, or the exception class where MindSpore refuses.

Run by hand (never in CI): /work/msvenv/bin/python tests/data/prim1/make_optimizer_outputs.py
"""
import json
import pathlib
import sys

import numpy as np

import mindspore as ms

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import optimizer_cases as cases  # noqa: E402

ms.set_context(mode=ms.PYNATIVE_MODE)
ms.set_device("CPU")
stored, meta = {}, {}
for case_id in cases.CASES:
    try:
        primitive, params, args = cases.build(ms, case_id)
        for step in range(cases.STEPS):
            out = primitive(*args)
            outs = cases.flatten(ms, out)
            for i, o in enumerate(outs):
                stored[f"{case_id}/step{step}/o{i}"] = o
        for i, p in enumerate(params):
            stored[f"{case_id}/param{i}"] = p.asnumpy()
        meta[case_id] = {"outputs": len(outs), "repr": repr(primitive), "tuple": isinstance(out, tuple),
                         "dtypes": [str(o.dtype) for o in outs]}
        print("ok  ", case_id, repr(primitive), [o.shape for o in outs])
    except Exception as e:  # noqa: BLE001 - recorded: the test expects the same refusal
        if "Unsupported op" in str(e):  # no CPU kernel: the test compares with a float64 reference instead
            meta[case_id] = {"no_cpu_kernel": True}
        else:
            meta[case_id] = {"error": type(e).__name__, "message": str(e).split("\n")[0][:300]}
        print("FAIL", case_id, type(e).__name__, str(e).split("\n")[0][:200])
np.savez_compressed(HERE / "mindspore_2_10_optimizer.npz", **stored)
(HERE / "mindspore_2_10_optimizer.json").write_text(json.dumps(meta, indent=1, sort_keys=True))
