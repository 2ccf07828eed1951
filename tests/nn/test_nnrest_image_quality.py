"""nn.SSIM and nn.MSSSIM against real MindSpore 2.10 (tests/data/make_nnrest_fixtures.py,
outputs taken in GRAPH_MODE): values to 1e-5, the Gaussian window, reprs, parameter names,
MindSpore's errors, and GRAPH == PYNATIVE."""
import json
import pathlib
import re

import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, nn

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
STORED = np.load(DATA / "mindspore_2_10_nnrest.npz")
META = json.loads((DATA / "mindspore_2_10_nnrest.json").read_text())
IMG1, IMG2 = STORED["img1"], STORED["img2"]
BIG1, BIG2 = STORED["big1"], STORED["big2"]


def _without_window(text):
    return re.sub(r"weight_init=\[.*?\]\]\]\]", "weight_init=<window>", text, flags=re.S)


CASES = {
    "ssim_default": (lambda: nn.SSIM(), IMG1, IMG2),
    "ssim_255_k": (lambda: nn.SSIM(max_val=255, filter_size=4, filter_sigma=0.8, k1=0.02, k2=0.05),
                   IMG1 * 255, IMG2 * 255),
    "msssim_3": (lambda: nn.MSSSIM(power_factors=(0.2, 0.3, 0.5), filter_size=3), BIG1, BIG2),
    "msssim_default_f3": (lambda: nn.MSSSIM(filter_size=3, filter_sigma=1.0), BIG1, BIG2),
    "msssim_uint8": (lambda: nn.MSSSIM(max_val=255, power_factors=[0.5, 0.5], filter_size=5),
                     STORED["u1"], STORED["u2"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_index_equals_mindspore_in_both_modes(name, mode):
    make, a, b = CASES[name]
    out = make()(Tensor(a), Tensor(b))
    assert out.shape == STORED[name].shape and out.dtype == ms.float32
    np.testing.assert_allclose(out.asnumpy(), STORED[name], rtol=1e-5, atol=1e-5)


def test_identical_images_have_index_one():
    np.testing.assert_allclose(nn.SSIM()(Tensor(IMG1), Tensor(IMG1)).asnumpy(), [1.0, 1.0], rtol=1e-6)
    np.testing.assert_allclose(nn.MSSSIM(filter_size=3)(Tensor(BIG1), Tensor(BIG1)).asnumpy(), [1.0, 1.0],
                               rtol=1e-5)


def test_even_window_is_mindsporess_off_centre_gaussian():
    np.testing.assert_allclose(nn.SSIM(filter_size=4, filter_sigma=0.8).conv.weight.asnumpy(),
                               STORED["ssim_window_4"], rtol=1e-6, atol=1e-7)


def test_repr_and_frozen_window_parameters_match_mindspore():
    assert _without_window(repr(nn.SSIM())) == META["reprs"]["SSIM"]
    assert _without_window(repr(nn.MSSSIM(power_factors=(0.2, 0.3), filter_size=3))) == META["reprs"]["MSSSIM"]
    for cell, key in ((nn.SSIM(), "SSIM_params"),
                      (nn.MSSSIM(power_factors=(0.2, 0.3), filter_size=3), "MSSSIM_params")):
        got = [[n, p.requires_grad, list(p.shape)] for n, p in cell.parameters_and_names()]
        assert got == META["reprs"][key]


BAD = {
    "ssim_max_val_type": lambda: nn.SSIM(max_val="a"),
    "ssim_max_val_zero": lambda: nn.SSIM(max_val=0),
    "ssim_filter_size_zero": lambda: nn.SSIM(filter_size=0),
    "ssim_filter_size_float": lambda: nn.SSIM(filter_size=1.5),
    "ssim_filter_sigma_zero": lambda: nn.SSIM(filter_sigma=0.0),
    "ssim_filter_sigma_int": lambda: nn.SSIM(filter_sigma=1),
    "ssim_k1_int": lambda: nn.SSIM(k1=1),
    "ssim_k2_int": lambda: nn.SSIM(k2=1),
    "msssim_power_factors_int": lambda: nn.MSSSIM(power_factors=1),
    "ssim_img_int": lambda: nn.SSIM()(Tensor(IMG1.astype(np.int32)), Tensor(IMG2.astype(np.int32))),
    "ssim_img_small": lambda: nn.SSIM()(Tensor(IMG1[:, :, :8]), Tensor(IMG2[:, :, :8])),
    "ssim_img_3d": lambda: nn.SSIM()(Tensor(IMG1[0]), Tensor(IMG2[0])),
    "ssim_shape_mismatch": lambda: nn.SSIM()(Tensor(IMG1), Tensor(IMG2[:1])),
    "ssim_dtype_mismatch": lambda: nn.SSIM()(Tensor(IMG1), Tensor(IMG2.astype(np.float16))),
    "msssim_img_3d": lambda: nn.MSSSIM()(Tensor(IMG1[0]), Tensor(IMG2[0])),
    "msssim_img2_3d": lambda: nn.MSSSIM()(Tensor(IMG1), Tensor(IMG2[0])),
    "msssim_img_int": lambda: nn.MSSSIM()(Tensor(IMG1.astype(np.int32)), Tensor(IMG2.astype(np.int32))),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_arguments_raise_mindsporess_error(name, mode):
    cls, message = META["errors"][name]
    with pytest.raises(getattr(__builtins__, cls, None) or {"TypeError": TypeError, "ValueError": ValueError}[cls]) \
            as caught:
        BAD[name]()
    assert str(caught.value) == message


def test_msssim_too_many_scales_for_the_image_names_filter_size():
    with pytest.raises(ValueError, match="'filter_size' 11"):
        nn.MSSSIM()(Tensor(IMG1), Tensor(IMG2))


def test_msssim_power_factors_must_be_numbers():
    with pytest.raises(TypeError, match="'power_factors'"):
        nn.MSSSIM(power_factors=("a", 0.5))
    with pytest.raises(TypeError, match="'power_factors'"):
        nn.MSSSIM(power_factors=())
