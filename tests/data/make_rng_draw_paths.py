"""Run by hand under real MindSpore 2.10 (never in CI): every path on which MindSpore 2.10 draws
a seed from NumPy's global RNG, interleaved with the user's own NumPy draws, recording the values
and NumPy's next draw after each path (issue 11, item 7).

    /work/msvenv/bin/python tests/data/make_rng_draw_paths.py

Writes tests/data/mindspore_2_10_rng_draw_paths.npz. The paths (functions taking the framework
module) are in rng_draw_paths.py, shared with the test.
"""
import pathlib
import sys

import numpy as np
import mindspore as ms

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import rng_draw_paths as paths  # noqa: E402

out = {}
for name, path in paths.PATHS.items():
    for key, value in path(ms).items():
        out[f"{name}/{key}"] = value
np.savez_compressed(pathlib.Path(__file__).with_name("mindspore_2_10_rng_draw_paths.npz"), **out)
print(sorted(out))
