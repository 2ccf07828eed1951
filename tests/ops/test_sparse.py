"""COOTensor, CSRTensor, RowTensor and the sparse ops.

Expected values are MindSpore 2.10's where its CPU backend runs the op (printed by the oracle:
COO to_dense/abs/astype/relu/add/concat, CSR to_dense/abs/add/csr_add, RowTensor parts); the
CSR products, sums, softmax and conversions need MindSpore's AKG kernel compiler, which does
not run on CPU, so their expected values are computed here with NumPy.
"""
from __future__ import annotations

import numpy as np
import pytest

import sporax as ms
from sporax import COOTensor, CSRTensor, RowTensor, Tensor, ops


def i64(v):
    return Tensor(np.array(v, np.int64))


def i32(v):
    return Tensor(np.array(v, np.int32))


@pytest.fixture
def coo():
    return COOTensor(i64([[0, 1], [1, 2]]), Tensor([1.0, -2.0], ms.float32), (3, 4))


@pytest.fixture
def csr():
    return CSRTensor(i32([0, 1, 2, 2]), i32([1, 2]), Tensor([1.0, -2.0], ms.float32), (3, 4))


DENSE = np.array([[0, 1, 0, 0], [0, 0, -2, 0], [0, 0, 0, 0]], np.float32)


def test_coo_tensor_metadata_matches_mindspore(coo):
    assert (coo.shape, str(coo.dtype), coo.ndim, coo.size, coo.itemsize) == ((3, 4), "Float32", 2, 2, 4)
    indices, values, shape = coo.to_tuple()
    assert indices is coo.indices and values is coo.values and shape == (3, 4)
    assert repr(coo).startswith("COOTensor(shape=[3, 4], dtype=Float32, indices=Tensor(shape=[2, 2], dtype=Int64")


def test_coo_to_dense_and_value_maps(coo):
    np.testing.assert_array_equal(coo.to_dense().asnumpy(), DENSE)
    np.testing.assert_array_equal(coo.abs().values.asnumpy(), [1.0, 2.0])
    assert coo.astype(ms.float64).values.dtype == ms.float64
    np.testing.assert_array_equal(ops.coo_relu(coo).values.asnumpy(), [1.0, 0.0])
    np.testing.assert_allclose(ops.coo_softsign(coo).values.asnumpy(), [0.5, -2.0 / 3.0], rtol=1e-6)
    np.testing.assert_array_equal(ops.coo_inv(coo).values.asnumpy(), [1.0, -0.5])
    assert ops.coo_isnan(coo).values.dtype == ms.bool_


def test_coo_add_sums_and_drops_below_threshold(coo):
    np.testing.assert_array_equal((coo + coo).to_dense().asnumpy(), 2 * DENSE)
    other = COOTensor(i64([[0, 1], [2, 3]]), Tensor([-0.5, 0.25], ms.float32), (3, 4))
    out = ops.coo_add(coo, other, Tensor(0.3, ms.float32))
    np.testing.assert_array_equal(out.indices.asnumpy(), [[0, 1], [1, 2]])
    np.testing.assert_array_equal(out.values.asnumpy(), [0.5, -2.0])


def test_coo_concat_shifts_indices_along_the_axis(coo):
    out = ops.coo_concat((coo, coo), 1)
    assert out.shape == (3, 8)
    np.testing.assert_array_equal(out.to_dense().asnumpy(), np.concatenate([DENSE, DENSE], 1))


def test_coalesce_sorts_and_sums_repeated_indices():
    indices, values, shape = ops.Coalesce()(i64([[1, 0, 0], [2, 1, 1]]), Tensor([3.0, 1.0, 2.0]), i64([3, 4]))
    np.testing.assert_array_equal(indices.asnumpy(), [[0, 1], [1, 2]])
    np.testing.assert_array_equal(values.asnumpy(), [3.0, 3.0])
    np.testing.assert_array_equal(shape.asnumpy(), [3, 4])


def test_csr_tensor_parts_and_dense(csr):
    assert (csr.shape, str(csr.dtype), csr.ndim, csr.size, csr.itemsize) == ((3, 4), "Float32", 2, 2, 4)
    np.testing.assert_array_equal(csr.to_dense().asnumpy(), DENSE)
    np.testing.assert_array_equal(csr.to_coo().indices.asnumpy(), [[0, 1], [1, 2]])
    np.testing.assert_array_equal((csr + csr).to_dense().asnumpy(), 2 * DENSE)
    out = ops.csr_add(csr, csr, Tensor(1.0, ms.float32), Tensor(2.0, ms.float32))
    np.testing.assert_array_equal(out.to_dense().asnumpy(), 3 * DENSE)


def test_csr_products_and_sums_equal_the_dense_ones(csr):
    rng = np.random.default_rng(0)
    dense = rng.standard_normal((4, 2)).astype(np.float32)
    np.testing.assert_allclose(csr.mm(Tensor(dense)).asnumpy(), DENSE @ dense, rtol=1e-6)
    np.testing.assert_allclose(csr.mv(Tensor(dense[:, :1])).asnumpy(), DENSE @ dense[:, :1], rtol=1e-6)
    np.testing.assert_array_equal(csr.sum(1).asnumpy(), DENSE.sum(1, keepdims=True))
    np.testing.assert_array_equal(ops.csr_reduce_sum(csr, 0).asnumpy(), DENSE.sum(0, keepdims=True))
    scale = rng.standard_normal((3, 4)).astype(np.float32)
    np.testing.assert_array_equal(ops.csr_mul(csr, Tensor(scale)).values.asnumpy(), [scale[0, 1], -2 * scale[1, 2]])
    np.testing.assert_allclose(ops.csr_div(csr, Tensor(scale)).values.asnumpy(),
                               [1 / scale[0, 1], -2 / scale[1, 2]], rtol=1e-6)
    other = CSRTensor(i32([0, 1, 2, 2, 2]), i32([0, 1]), Tensor([1.0, 3.0]), (4, 2))
    np.testing.assert_array_equal(ops.csr_mm(csr, other).to_dense().asnumpy(), DENSE @ other.to_dense().asnumpy())


def test_csr_softmax_normalises_each_row_over_stored_values():
    x = CSRTensor(i32([0, 2, 3]), i32([0, 2, 1]), Tensor([1.0, 2.0, 5.0]), (2, 3))
    e = np.exp([1.0 - 2.0, 0.0])
    np.testing.assert_allclose(ops.csr_softmax(x, ms.float32).values.asnumpy(), list(e / e.sum()) + [1.0], rtol=1e-6)


def test_conversions_between_dense_coo_and_csr():
    dense = Tensor(np.array([[0.0, 1.0], [2.0, 0.0]], np.float32))
    coo = ops.dense_to_sparse_coo(dense)
    np.testing.assert_array_equal(coo.indices.asnumpy(), [[0, 1], [1, 0]])
    assert coo.indices.dtype == ms.int32  # as MindSpore 2.10 (tensor.nonzero().astype("int32"))
    csr = ops.dense_to_sparse_csr(dense)
    np.testing.assert_array_equal(csr.indptr.asnumpy(), [0, 1, 2])
    np.testing.assert_array_equal(ops.csr_to_dense(csr).asnumpy(), dense.asnumpy())
    np.testing.assert_array_equal(ops.csr2coo(i32([0, 1, 2, 2]), 2).asnumpy(), [0, 1])
    np.testing.assert_array_equal(ops.coo2csr(i32([0, 1]), 3).asnumpy(), [0, 1, 2, 2])
    np.testing.assert_array_equal(dense.to_csr().to_coo().to_dense().asnumpy(), dense.asnumpy())
    csr32 = COOTensor(i32([[0, 1], [1, 0]]), Tensor([1.0, 2.0]), (2, 2)).to_csr()
    np.testing.assert_array_equal(csr32.indptr.asnumpy(), [0, 1, 2])


def test_sparse_primitives_match_dense_arithmetic():
    indices, values = i64([[0, 1], [1, 2]]), Tensor([1.0, 2.0])
    dense = np.zeros((3, 4), np.float32)
    dense[0, 1], dense[1, 2] = 1.0, 2.0
    np.testing.assert_array_equal(ops.SparseToDense()(indices, values, (3, 4)).asnumpy(), dense)
    right = np.arange(8, dtype=np.float32).reshape(4, 2)
    np.testing.assert_array_equal(ops.SparseTensorDenseMatmul()(indices, values, (3, 4), Tensor(right)).asnumpy(),
                                  dense @ right)
    np.testing.assert_array_equal(
        ops.SparseTensorDenseMatmul(True)(indices, values, (3, 4), Tensor(np.ones((3, 2), np.float32))).asnumpy(),
        dense.T @ np.ones((3, 2), np.float32))
    np.testing.assert_array_equal(
        ops.SparseTensorDenseAdd()(indices, values, i64([3, 4]), Tensor(np.ones((3, 4), np.float32))).asnumpy(),
        dense + 1)
    out_indices, out_values, out_shape = ops.SparseSlice()(indices, values, i64([3, 4]), i64([0, 1]), i64([2, 2]))
    np.testing.assert_array_equal(out_indices.asnumpy(), [[0, 0], [1, 1]])
    np.testing.assert_array_equal(out_shape.asnumpy(), [2, 2])


def test_row_tensor_holds_rows_of_a_dense_shape():
    rt = RowTensor(i32([0, 2]), Tensor(np.ones((2, 3), np.float32)), (4, 3))
    assert rt.dense_shape == (4, 3)
    assert ops.row_tensor_get_indices(rt) is rt.indices
    np.testing.assert_array_equal(ops.row_tensor_add(rt, Tensor(np.ones((2, 3), np.float32))).values.asnumpy(),
                                  np.full((2, 3), 2.0))


@pytest.mark.parametrize("build, error", [
    (lambda: COOTensor(i64([[0, 5]]), Tensor([1.0]), (2, 2)), ValueError),
    (lambda: COOTensor(i64([0, 1]), Tensor([1.0]), (2, 2)), ValueError),
    (lambda: COOTensor(Tensor([[0.0, 1.0]]), Tensor([1.0]), (2, 2)), TypeError),
    (lambda: COOTensor([[0, 1]], Tensor([1.0]), (2, 2)), TypeError),
    (lambda: CSRTensor(i32([0, 1]), i32([1, 2]), Tensor([1.0, -2.0]), (3, 4)), ValueError),
    (lambda: CSRTensor(i32([0, 1, 2, 1]), i32([1, 2]), Tensor([1.0, -2.0]), (3, 4)), ValueError),
    (lambda: CSRTensor(i32([0, 1, 2, 2]), i32([1, 9]), Tensor([1.0, -2.0]), (3, 4)), ValueError),
    (lambda: RowTensor(i32([0]), Tensor(np.ones((2, 3), np.float32)), (4, 3)), ValueError),
])
def test_bad_sparse_parts_are_refused_naming_the_class(build, error):
    with pytest.raises(error, match="COOTensor|CSRTensor|RowTensor"):
        build()


def test_sparse_ops_refuse_dense_inputs_naming_the_op(coo):
    with pytest.raises(TypeError, match="coo_abs"):
        ops.coo_abs(Tensor([1.0]))
    with pytest.raises(TypeError, match="csr_mv"):
        ops.csr_mv(coo, Tensor(np.ones((4, 1), np.float32)))
    with pytest.raises(TypeError, match="row_indices only support Int32"):
        coo.to_csr()
