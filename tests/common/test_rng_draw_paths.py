"""Issue 11, item 7: on every path where MindSpore 2.10 draws a seed from NumPy's global RNG
(bare initializer() Tensors at materialisation, Tensor(init=...).init_data(), set_data with an
initializer, layers built again, a layer's weight replaced), sporax draws at the same moment:
the values and the user's own NumPy draws in between and after equal MindSpore's
(tests/data/mindspore_2_10_rng_draw_paths.npz from make_rng_draw_paths.py)."""
import pathlib
import sys

import numpy as np
import pytest

import sporax as ms

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
sys.path.insert(0, str(DATA))
import rng_draw_paths as paths  # noqa: E402

FIXTURE = np.load(DATA / "mindspore_2_10_rng_draw_paths.npz")


@pytest.mark.parametrize("path", sorted(paths.PATHS))
def test_draws_happen_when_mindspore_draws(path):
    got = paths.PATHS[path](ms)
    expected = {k.split("/", 1)[1]: v for k, v in FIXTURE.items() if k.startswith(path + "/")}
    assert sorted(got) == sorted(expected)
    for key in ("between", "after"):  # the RNG's position: what was drawn, and when
        np.testing.assert_array_equal(got[key], expected[key], err_msg=f"{path}: {key}")
    for key in sorted(set(got) - {"between", "after"}):
        np.testing.assert_array_equal(got[key], expected[key], err_msg=f"{path}: {key}")
