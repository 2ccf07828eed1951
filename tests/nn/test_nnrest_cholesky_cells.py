"""nn.MatDet and nn.MatInverse: MindSpore 2.10 runs them on GPU only, so the reference is the
output printed in their MindSpore 2.10 docstrings (taken on GPU), plus float64 NumPy on a
batch; dtype errors in MindSpore's form; GRAPH == PYNATIVE."""
import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, nn

DOC_X = np.array([[4, 12, -16], [12, 37, -43], [-16, -43, 98]], np.float32)
DOC_INVERSE = np.array([[49.36112, -13.555558, 2.1111116], [-13.555558, 3.7777784, -0.5555557],
                        [2.1111116, -0.5555557, 0.11111113]], np.float32)
DOC_DET = 35.999996


def test_docstring_examples_match_mindspore(mode):
    np.testing.assert_allclose(nn.MatInverse()(Tensor(DOC_X)).asnumpy(), DOC_INVERSE, rtol=1e-5, atol=1e-5)
    det = nn.MatDet()(Tensor(DOC_X))
    assert det.shape == () and det.dtype == ms.float32
    np.testing.assert_allclose(det.asnumpy(), DOC_DET, rtol=1e-5)


def test_batch_of_positive_definite_matrices_equals_float64_numpy(mode):
    rng = np.random.default_rng(5)
    m = rng.standard_normal((3, 4, 4))
    spd = (m @ np.swapaxes(m, -1, -2) + 4 * np.eye(4)).astype(np.float32)
    np.testing.assert_allclose(nn.MatInverse()(Tensor(spd)).asnumpy(), np.linalg.inv(spd.astype(np.float64)),
                               rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(nn.MatDet()(Tensor(spd)).asnumpy(), np.linalg.det(spd.astype(np.float64)),
                               rtol=1e-4)


@pytest.mark.parametrize("cell", ["MatDet", "MatInverse"])
def test_integer_input_is_mindsporess_type_error(cell):
    with pytest.raises(TypeError) as caught:
        getattr(nn, cell)()(Tensor(DOC_X.astype(np.int32)))
    assert str(caught.value) == (f"For '{cell}', the 'input_a' should be one of [mindspore.float16, "
                                 f"mindspore.float32], but got 'mindspore.int32'.")


@pytest.mark.parametrize("cell", ["MatDet", "MatInverse"])
def test_non_square_input_is_a_value_error_naming_input_a(cell):
    with pytest.raises(ValueError, match=f"For '{cell}', the 'input_a' must be a \\(batch of\\) square matrix"):
        getattr(nn, cell)()(Tensor(np.ones((2, 3), np.float32)))


def test_repr_equals_mindspore():
    # MindSpore 2.10: repr(nn.MatDet()), repr(nn.MatInverse())
    assert repr(nn.MatDet()) == "MatDet()"
    assert repr(nn.MatInverse()) == "MatInverse(\n  (matmul): MatMul()\n)"
