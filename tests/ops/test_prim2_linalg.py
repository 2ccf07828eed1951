"""The prim2 linear algebra, spectral and selection primitives beyond the differential table:
algebraic laws (Q R = A, P L U = A, A x = b), GRAPH_MODE with constant diagonal indices,
gradients, MindSpore's outputs on inputs the seeded table cannot build (sparse sequences,
duplicate COO indices; recorded from MindSpore 2.10 CPU), and bad input."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg

import sporax as ms
from sporax import Tensor, ops
from sporax.ops import operations as P

RNG = np.random.default_rng(0)


def _t(*shape, dtype=np.float32):
    return Tensor(RNG.standard_normal(shape).astype(dtype))


# --- QR and LU laws -----------------------------------------------------------------------------

@pytest.mark.parametrize("shape", [(4, 3), (3, 3), (2, 5, 2)])
def test_geqrf_and_orgqr_rebuild_the_matrix(shape):
    a = _t(*shape, dtype=np.float64)
    y, tau = ops.geqrf(a)
    q = ops.orgqr(y, tau).asnumpy()
    r = np.triu(y.asnumpy())[..., : shape[-1], :]
    np.testing.assert_allclose(q @ r, a.asnumpy(), atol=1e-12)
    np.testing.assert_allclose(np.swapaxes(q, -1, -2) @ q, np.broadcast_to(np.eye(shape[-1]), q.shape[:-2] +
                                                                           (shape[-1],) * 2), atol=1e-12)


def test_ormqr_applies_q_and_its_transpose():
    a = _t(4, 3, dtype=np.float64)
    y, tau = ops.geqrf(a)
    q = ops.ormqr(y, tau, Tensor(np.eye(4))).asnumpy()
    np.testing.assert_allclose(q[:, :3], ops.orgqr(y, tau).asnumpy(), atol=1e-12)
    np.testing.assert_allclose(q.T @ q, np.eye(4), atol=1e-12)
    c = _t(4, 2, dtype=np.float64)
    np.testing.assert_allclose(ops.ormqr(y, tau, c, transpose=True).asnumpy(), q.T @ c.asnumpy(), atol=1e-12)
    d = _t(2, 4, dtype=np.float64)
    np.testing.assert_allclose(ops.ormqr(y, tau, d, left=False).asnumpy(), d.asnumpy() @ q, atol=1e-12)


def test_lu_unpack_and_lu_solve_agree_with_scipys_lapack_factorisation():
    a = RNG.standard_normal((4, 4))
    lu, piv = scipy.linalg.lu_factor(a)
    lu_t, piv_t = Tensor(lu), Tensor((piv + 1).astype(np.int32))
    p, lower, upper = ops.lu_unpack(lu_t, piv_t)
    np.testing.assert_allclose(p.asnumpy() @ lower.asnumpy() @ upper.asnumpy(), a, atol=1e-12)
    b = RNG.standard_normal((4, 2))
    x = ops.lu_solve(Tensor(b), lu_t, piv_t).asnumpy()
    np.testing.assert_allclose(a @ x, b, atol=1e-12)


def test_lu_unpack_function_drops_what_was_not_asked_for():
    lu, piv = Tensor(np.eye(3, dtype=np.float32)), Tensor(np.array([1, 2, 3], np.int32))
    p, lower, upper = ops.lu_unpack(lu, piv, unpack_data=False)
    assert lower is None and upper is None and p.shape == (3, 3)
    p, lower, upper = ops.lu_unpack(lu, piv, unpack_pivots=False)
    assert p is None and lower.shape == upper.shape == (3, 3)


def test_lu_solve_has_a_gradient_of_the_solution():
    a = RNG.standard_normal((3, 3))
    lu, piv = scipy.linalg.lu_factor(a)
    b = Tensor(RNG.standard_normal((3, 1)))
    lu_t, piv_t = Tensor(lu), Tensor((piv + 1).astype(np.int32))
    grad = ops.grad(lambda v: ops.lu_solve(v, lu_t, piv_t).sum())(b).asnumpy()
    np.testing.assert_allclose(grad, np.linalg.solve(a.T, np.ones((3, 1))), atol=1e-12)


# --- diagonals: GRAPH_MODE with constant k, and laws ---------------------------------------------

def test_diagonal_ops_compile_with_constant_k():
    x = _t(2, 3, 4)
    k = Tensor(np.array([-1, 1], np.int32))
    pad = Tensor(np.float32(0))
    rows, cols = Tensor(np.int32(3)), Tensor(np.int32(4))

    def part(v):
        return P.MatrixDiagPartV3()(v, k, pad)

    def build(d):
        return P.MatrixDiagV3()(d, k, rows, cols, pad)

    def set_back(v, d):
        return P.MatrixSetDiagV3()(v, d, k)

    diagonals = part(x)
    np.testing.assert_array_equal(ms.jit(part)(x).asnumpy(), diagonals.asnumpy())
    np.testing.assert_array_equal(ms.jit(build)(diagonals).asnumpy(), build(diagonals).asnumpy())
    np.testing.assert_array_equal(ms.jit(set_back)(x, diagonals).asnumpy(), x.asnumpy())
    band = np.triu(np.tril(x.asnumpy(), 1), -1)
    np.testing.assert_array_equal(build(diagonals).asnumpy(), band)


def test_matrix_diag_part_of_matrix_diag_is_identity_for_every_alignment():
    for align in ("RIGHT_LEFT", "LEFT_RIGHT", "LEFT_LEFT", "RIGHT_RIGHT"):
        d = _t(3, 3)
        k = Tensor(np.array([-1, 1], np.int32))
        m = ops.matrix_diag(d, k=k, num_rows=4, num_cols=3, align=align)
        back = ops.matrix_diag_part(m, k, Tensor(np.float32(0)), align=align).asnumpy()
        keep = back != 0
        np.testing.assert_array_equal(back[keep], d.asnumpy()[keep])


def test_matrix_diag_refuses_a_tuple_k_as_mindspore():
    with pytest.raises(TypeError, match="matrix_diag.*'k'"):
        ops.matrix_diag(_t(3, 2), k=(-1, 0))


# --- matrix functions ---------------------------------------------------------------------------

def test_matrix_logarithm_inverts_the_exponential():
    a = RNG.standard_normal((3, 3)) * 0.3
    log = P.MatrixLogarithm()(Tensor(scipy.linalg.expm(a).astype(np.complex128))).asnumpy()
    np.testing.assert_allclose(log, a, atol=1e-10)


def test_matrix_solve_ls_is_ridge_regression():
    a, b = RNG.standard_normal((5, 3)), RNG.standard_normal((5, 2))
    x = P.MatrixSolveLs()(Tensor(a), Tensor(b), Tensor(np.float64(0.7))).asnumpy()
    np.testing.assert_allclose(x, np.linalg.solve(a.T @ a + 0.7 * np.eye(3), a.T @ b), atol=1e-12)


def test_nuclear_norm_gradient_is_u_vt():
    a = RNG.standard_normal((3, 4))
    u, _, vt = np.linalg.svd(a, full_matrices=False)
    grad = ops.grad(lambda v: P.NuclearNorm()(v))(Tensor(a)).asnumpy()
    np.testing.assert_allclose(grad, u @ vt, atol=1e-10)


# --- sparse and sequence inputs, MindSpore 2.10's outputs ----------------------------------------

def _edit_inputs():
    hi = Tensor(np.array([[0, 0], [0, 1], [1, 0]], np.int64))
    hv = Tensor(np.array([1, 2, 3], np.int64))
    ti = Tensor(np.array([[0, 0], [0, 1], [2, 0], [2, 1]], np.int64))
    tv = Tensor(np.array([1, 3, 4, 5], np.int64))
    return hi, hv, Tensor(np.array([3, 2], np.int64)), ti, tv, Tensor(np.array([3, 3], np.int64))


def test_edit_distance_matches_mindspore_with_an_empty_truth_row():
    out = P.EditDistance()(*_edit_inputs())
    assert out.dtype == ms.float32
    np.testing.assert_array_equal(out.asnumpy(), np.array([0.5, np.inf, 1.0], np.float32))
    np.testing.assert_array_equal(P.EditDistance(False)(*_edit_inputs()).asnumpy(), [1.0, 1.0, 2.0])


def test_edit_distance_counts_insertions_deletions_and_substitutions():
    hi = Tensor(np.array([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1]], np.int64))
    ti = Tensor(np.array([[0, 0], [0, 1], [1, 0], [1, 1], [1, 2]], np.int64))
    shape = Tensor(np.array([2, 3], np.int64))
    hv, tv = Tensor(np.array([1, 2, 3, 4, 5], np.float32)), Tensor(np.array([1, 3, 4, 9, 5], np.float32))
    np.testing.assert_allclose(P.EditDistance()(hi, hv, shape, ti, tv, shape).asnumpy(), [0.5, 1 / 3], rtol=1e-7)
    np.testing.assert_array_equal(P.EditDistance(False)(hi, hv, shape, ti, tv, shape).asnumpy(), [1.0, 1.0])


def test_coalesce_sums_duplicates_in_float64_exactly():
    indices = Tensor(np.array([[0, 0, 1, 1], [1, 1, 2, 0]], np.int64))
    values = Tensor(np.array([1.25, 5.0, 4.0, -2.0], np.float64))
    out_indices, out_values, out_shape = ops.coalesce(indices, values, Tensor(np.array([3, 3], np.int64)))
    assert out_indices.asnumpy().tolist() == [[0, 1, 1], [1, 0, 2]]
    assert out_values.dtype == ms.float64 and out_values.asnumpy().tolist() == [6.25, -2.0, 4.0]
    assert out_shape.asnumpy().tolist() == [3, 3]


def test_view_as_real_of_a_scalar_and_pows_of_negatives():
    np.testing.assert_array_equal(ops.view_as_real(Tensor(np.array(1 + 2j, np.complex64))).asnumpy(), [1.0, 2.0])
    np.testing.assert_array_equal(ops.pows(Tensor(np.array([-2.0, 3.0], np.float32)), 3).asnumpy(), [-8.0, 27.0])


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("call, error, words", [
    (lambda: ops.geqrf(Tensor(np.ones(3, np.float32))), ValueError, "Geqrf"),
    (lambda: ops.lu_solve(_t(3, 1), _t(4, 4), Tensor(np.array([1, 2, 3, 4], np.int32))), ValueError, "LuSolve"),
    (lambda: ops.lu_unpack(_t(3, 3), Tensor(np.array([0, 2, 3], np.int32))), ValueError, "LuUnpack"),
    (lambda: P.TridiagonalMatMul()(_t(1, 3), _t(1, 3), _t(1, 3), _t(3, 2, dtype=np.float64)), TypeError,
     "TridiagonalMatMul"),
    (lambda: P.MatrixSolveLs()(_t(4, 3), _t(3, 2), Tensor(np.float64(0))), ValueError, "MatrixSolveLs"),
    (lambda: P.EditDistance()(*_edit_inputs()[:4], Tensor(np.array([1.0, 3, 4, 5], np.float32)),
                              _edit_inputs()[5]), TypeError, "EditDistance"),
    (lambda: ops.stft(_t(16), 4, pad_mode="WRAP"), ValueError, "stft"),
    (lambda: ops.sparse_segment_mean(_t(3, 2), Tensor(np.array([0, 1, 2], np.int32)),
                                     Tensor(np.array([1, 0, 1], np.int32))), ValueError, "SparseSegmentMean"),
    (lambda: ops.coalesce(Tensor(np.array([[0, 0, 5], [1, 1, 2]], np.int64)), _t(3),
                          Tensor(np.array([3, 3], np.int64))), ValueError, "Coalesce"),
    (lambda: P.InTopK(1)(_t(2, 3), Tensor(np.array([1, 2, 0], np.int32))), ValueError, "InTopK"),
])
def test_bad_input_names_the_op_and_never_shows_a_jax_message(call, error, words):
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    assert words in message and "jax" not in message.lower()


def test_tensor_methods_are_the_ops_functions_on_self():
    a = Tensor(np.array([[4.0, 1.0, 2.0], [1.0, 3.0, 0.5], [2.0, 0.5, 5.0]], np.float32))
    b = Tensor(np.array([[1.0], [2.0], [3.0]], np.float32))
    y, tau = a.geqrf()
    for got, want in [((y, tau), ops.geqrf(a)), (y.orgqr(tau), ops.orgqr(y, tau)),
                      (y.ormqr(tau, b, left=True, transpose=True), ops.ormqr(y, tau, b, True, True))]:
        for g, w in zip(got if isinstance(got, tuple) else (got,), want if isinstance(want, tuple) else (want,)):
            np.testing.assert_array_equal(g.asnumpy(), w.asnumpy())
    lu, piv = scipy.linalg.lu_factor(a.asnumpy())
    lu_t, piv_t = Tensor(lu), Tensor((piv + 1).astype(np.int32))
    np.testing.assert_array_equal(b.lu_solve(lu_t, piv_t).asnumpy(), ops.lu_solve(b, lu_t, piv_t).asnumpy())
    np.testing.assert_allclose(b.lu_solve(lu_t, piv_t).asnumpy(), np.linalg.solve(a.asnumpy(), b.asnumpy()), rtol=1e-5)
