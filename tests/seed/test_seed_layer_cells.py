"""The seed notebook's cells 12, 14 and 16: Conv2d weights from a name, an Initializer and a Tensor."""
import re

import numpy as np
import pytest

import sporax as ms
from tests.seed.notebook import printed, run_ported


def blocks(text: str) -> list[list[str]]:
    """Channel blocks of a printed (1, 64, 16, 50) tensor, whitespace runs collapsed."""
    return [[" ".join(line.split()) for line in block.splitlines()] for block in re.split(r"\n\s*\n", text.strip())]


def numbers(lines: list[str]) -> np.ndarray:
    return np.array([float(t) for line in lines for t in line.replace("[", " ").replace("]", " ").split() if t != "..."])


def test_cell_16_prints_the_seed_lines(capsys):
    run_ported(16)
    ours, seed = blocks(capsys.readouterr().out), blocks(printed(16))
    # NumPy prints channels 0-2, '...', 61-63; the seed's text keeps only 0 and 63 by hand.
    assert len(ours) == 7 and ours[3] == ["..."] and len(seed) == 3 and seed[1] == ["..."]
    assert ours[0] == seed[0] and ours[-1] == seed[2]
    assert all(block[1:] == ours[0][1:] for block in ours[1:3] + ours[4:6])


@pytest.mark.parametrize("cell", [12, 14])
def test_cells_12_and_14_print_the_seed_numbers_under_the_r1_6_generator(cell, capsys):
    ms.set_context(init_generator="mindspore-r1.6")
    namespace = run_ported(cell)
    ours, seed = blocks(capsys.readouterr().out), blocks(printed(cell))
    assert len(ours) == 7 and len(seed) == 3
    out = namespace["output"].asnumpy()
    for ours_block, seed_block, channel in ((ours[0], seed[0], 0), (ours[-1], seed[2], 63)):
        assert len(ours_block) == len(seed_block)
        scale = np.abs(out[0, channel]).max()  # float32 summation-order noise scales with the terms
        np.testing.assert_allclose(numbers(ours_block), numbers(seed_block), rtol=1e-6, atol=1e-6 * scale)
    assert "e-02" in ours[0][0] if cell == 12 else "e-01" in ours[0][0]


def test_cell_12_weights_under_the_default_generator_are_mindspore_2_10s(capsys, init_vectors):
    namespace = run_ported(12)
    np.testing.assert_array_equal(namespace["net"].weight.asnumpy(), init_vectors["seq/conv_normal_1"])
    np.testing.assert_allclose(namespace["output"].asnumpy(), init_vectors["notebook/cell12_output_2.10"],
                               rtol=1e-5, atol=1e-6)


def test_two_conv_layers_after_one_seed(init_vectors):
    ms.set_seed(1)
    first = ms.nn.Conv2d(3, 64, 3, weight_init="Normal")
    second = ms.nn.Conv2d(3, 64, 3, weight_init="Normal")
    np.testing.assert_array_equal(first.weight.asnumpy(), init_vectors["seq/conv_normal_1"])
    np.testing.assert_array_equal(second.weight.asnumpy(), init_vectors["seq/conv_normal_2"])


def test_default_init_of_conv2d_and_dense(init_vectors):
    ms.set_seed(1)
    conv = ms.nn.Conv2d(3, 8, 3, has_bias=True)
    np.testing.assert_array_equal(conv.weight.asnumpy(), init_vectors["seq/conv_default_weight"])
    np.testing.assert_array_equal(conv.bias.asnumpy(), init_vectors["seq/conv_default_bias"])
    ms.set_seed(3)
    dense = ms.nn.Dense(5, 4)
    np.testing.assert_array_equal(dense.weight.asnumpy(), init_vectors["seq/dense_default_weight"])
    np.testing.assert_array_equal(dense.bias.asnumpy(), init_vectors["seq/dense_default_bias"])
