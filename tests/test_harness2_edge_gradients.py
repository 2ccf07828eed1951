"""The per-op gradients the real-programs harness localised MobileNetV2/ShuffleNetV2/GoogLeNet's
step to agree with MindSpore 2.10's at their edge cases (ties, kinks, BatchNorm's moving
statistics, depthwise/grouped convolution): fixture from tests/data/make_harness2_edge_gradients.py."""
import pathlib
import sys

import numpy as np
import pytest

import sporax as ms
from sporax import nn, ops

DATA = pathlib.Path(__file__).resolve().parent / "data"
sys.path.insert(0, str(DATA))
from harness2_edge_cases import compute  # noqa: E402

FIXTURE = np.load(DATA / "mindspore_2_10_edge_gradients.npz")


@pytest.fixture(scope="module")
def ours():
    ms.set_context(mode=ms.PYNATIVE_MODE)
    return compute(ms, nn, ops)


# exact where the result is a selection (ties, masks, moving statistics), float32 rounding elsewhere
EXACT = {"relu6_grad", "relu_grad", "maxpool_same_ties", "maxpool_valid_ties", "maxpool_s2same_ties",
         "bn_mm", "bn_mv", "bn_gbeta", "avgpool_same_g"}


@pytest.mark.parametrize("name", sorted(FIXTURE.files))
def test_edge_gradient_matches_mindspore(ours, name):
    if name in EXACT:
        np.testing.assert_array_equal(ours[name], FIXTURE[name])
    else:
        np.testing.assert_allclose(ours[name], FIXTURE[name], rtol=1e-5, atol=3e-6)
