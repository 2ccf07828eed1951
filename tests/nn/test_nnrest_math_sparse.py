"""nn.IGamma, nn.SparseToDense and nn.SparseTensorDenseMatmul against real MindSpore 2.10
(tests/data/make_nnrest_fixtures.py): values to 1e-5 (NaN where MindSpore's are), reprs,
MindSpore's errors, and GRAPH == PYNATIVE."""
import json
import pathlib

import numpy as np
import pytest

import sporax as ms
from sporax import COOTensor, Tensor, nn

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
STORED = np.load(DATA / "mindspore_2_10_nnrest.npz")
META = json.loads((DATA / "mindspore_2_10_nnrest.json").read_text())
ERRORS = {"TypeError": TypeError, "ValueError": ValueError}


def _close(got, key):
    np.testing.assert_allclose(got.asnumpy(), STORED[key], rtol=1e-5, atol=1e-5, equal_nan=True)
    assert got.shape == STORED[key].shape


@pytest.mark.parametrize("a_key, x_key, expected", [("ig_a", "ig_x", "igamma"), ("ig_edge_a", "ig_edge_x",
                                                                                  "igamma_edges")])
def test_igamma_equals_mindspore_nan_and_zero_included(a_key, x_key, expected, mode):
    _close(nn.IGamma()(Tensor(STORED[a_key]), Tensor(STORED[x_key])), expected)


def test_igamma_broadcasts_x_like_mindspore(mode):
    _close(nn.IGamma()(Tensor(STORED["ig_a"]), Tensor(STORED["ig_x"][0])), "igamma_broadcast")


def test_sparse_to_dense_equals_mindspore(mode):
    coo = COOTensor(Tensor(STORED["sp_idx"]), Tensor(STORED["sp_val"]), (3, 4))
    _close(nn.SparseToDense()(coo), "sparse_to_dense")


@pytest.mark.parametrize("kwargs, dense, key", [
    ({}, lambda d: d, "stdm"),
    ({"adjoint_st": True}, lambda d: d[:3], "stdm_adj_st"),
    ({"adjoint_st": True, "adjoint_dt": True}, lambda d: d[:3].T.copy(), "stdm_adj_both")])
def test_sparse_tensor_dense_matmul_equals_mindspore(kwargs, dense, key, mode):
    out = nn.SparseTensorDenseMatmul(**kwargs)(Tensor(STORED["sp_idx"]), Tensor(STORED["sp_val"]), (3, 4),
                                               Tensor(dense(STORED["dense"])))
    _close(out, key)


@pytest.mark.parametrize("cell, key", [(nn.IGamma, "IGamma"), (nn.SparseToDense, "SparseToDense"),
                                       (nn.SparseTensorDenseMatmul, "SparseTensorDenseMatmul")])
def test_repr_equals_mindspore(cell, key):
    assert repr(cell()) == META["reprs"][key]


@pytest.mark.parametrize("name, thunk", [
    ("igamma_int", lambda: nn.IGamma()(Tensor(np.array([1, 2], np.int32)), Tensor(np.array([1, 2], np.int32)))),
    ("igamma_dtype_mismatch", lambda: nn.IGamma()(Tensor(STORED["ig_a"]),
                                                  Tensor(STORED["ig_x"].astype(np.float16)))),
    ("stdm_adjoint_type", lambda: nn.SparseTensorDenseMatmul(adjoint_st=1))])
def test_bad_arguments_raise_mindsporess_error(name, thunk, mode):
    cls, message = META["errors"][name]
    with pytest.raises(ERRORS[cls]) as caught:
        thunk()
    assert str(caught.value) == message


def test_sparse_tensor_dense_matmul_dtype_mismatch_is_a_type_error_naming_the_op():
    # MindSpore: "For primitive[SparseTensorDenseMatmul], the input type must be same."
    assert META["errors"]["stdm_dtype"][0] == "TypeError"
    with pytest.raises(TypeError, match="SparseTensorDenseMatmul.*'dense'"):
        nn.SparseTensorDenseMatmul()(Tensor(STORED["sp_idx"]), Tensor(STORED["sp_val"]), (3, 4),
                                     Tensor(STORED["dense"].astype(np.float16)))


def test_sparse_tensor_dense_matmul_mismatched_inner_dimension_is_refused():
    # MindSpore 2.10's CPU kernel returns an unchecked result here; sporax refuses it.
    with pytest.raises(ValueError, match="inner dimensions"):
        nn.SparseTensorDenseMatmul()(Tensor(STORED["sp_idx"]), Tensor(STORED["sp_val"]), (3, 4),
                                     Tensor(STORED["dense"][:3]))


def test_sparse_to_dense_wants_a_coo_tensor():
    with pytest.raises(TypeError, match="'sparse_tensor' must be a COOTensor"):
        nn.SparseToDense()(Tensor(np.ones((2, 2), np.float32)))
