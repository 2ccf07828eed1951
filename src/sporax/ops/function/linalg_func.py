"""Matrix products and linear algebra (`mindspore.ops.function.math_func` / `linalg_func`).

Products: mm (2-D), bmm (3-D batches), mv, inner, outer/ger, dot (NumPy's dot), vecdot,
tensor_dot, batch_dot, kron, einsum, and the scaled sums addmm = β·input + α·(mat1 @ mat2),
baddbmm, addbmm (batches summed), addmv, addr (β·x + α·v₁ ⊗ v₂).
Linear algebra: det, slogdet, logdet, inverse, pinv, cholesky (+ inverse, solve), qr, svd,
eig, eigvals, lstsq, matrix_exp, matrix_power, matrix_solve, cross, norms (vector, matrix,
nuclear), dist, cdist, pdist, adjoint.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from .. import operations as P
from .._promotion import promote
from ..operations import _arg_checks as check
from ..operations.linalg_ops import _LAPACK, _LAPACK_REAL, linalg_function, matrix_input
from ..operations.math_ops import _BroadcastMatMul

_matmul = _BroadcastMatMul()
_batch_matmul = P.BatchMatMul()
_add, _mul, _sub = P.Add(), P.Mul(), P.Sub()
_FLOATS = (mstype.float16, mstype.float32, mstype.float64, mstype.bfloat16)


def _rank(op, arg, value, ranks):
    check.tensor(op, arg, value)
    if value.ndim not in ranks:
        wanted = " or ".join(f"{r}-D" for r in ranks)
        raise ValueError(f"For '{op}', the '{arg}' must be {wanted}, but got shape {value.shape}.")
    return value


def _same_dtype(op, a_name, a, b_name, b):
    if a.dtype != b.dtype:
        raise TypeError(f"For '{op}', the '{a_name}' and '{b_name}' must have the same dtype, "
                        f"but got {a.dtype} and {b.dtype}.")


def _inner_dims(op, a_name, a, b_name, b, i, j):
    if a.shape[i] != b.shape[j]:
        raise ValueError(f"For '{op}', the shapes of '{a_name}' {a.shape} and '{b_name}' {b.shape} "
                         f"do not fit a matrix product.")


def _scalar(op, arg, value):
    if isinstance(value, bool) or not isinstance(value, (int, float, Tensor)):
        raise TypeError(f"For '{op}', the '{arg}' must be an int, a float or a Tensor, "
                        f"but got {type(value).__name__}.")
    return value


def _scaled_sum(op, input, product, beta, alpha):  # noqa: A002
    """beta * input + alpha * product (a factor of 1 adds nothing)."""
    _scalar(op, "beta", beta)
    _scalar(op, "alpha", alpha)
    scaled = product if (not isinstance(alpha, Tensor) and alpha == 1) else _mul(product, alpha)
    if not isinstance(beta, Tensor) and beta == 0:
        return _add(scaled, _mul(input, 0)) if input.shape != scaled.shape else scaled
    return _add(input if (not isinstance(beta, Tensor) and beta == 1) else _mul(input, beta), scaled)


def mm(input, mat2):  # noqa: A002 - MindSpore's names
    """input @ mat2 for 2-D operands."""
    _rank("mm", "input", input, (2,))
    _rank("mm", "mat2", mat2, (2,))
    _inner_dims("mm", "input", input, "mat2", mat2, 1, 0)
    return _matmul(input, mat2)


def bmm(input_x, mat2):
    """input_x @ mat2 for 3-D batches (b, n, m) @ (b, m, p)."""
    _rank("bmm", "input_x", input_x, (3,))
    _rank("bmm", "mat2", mat2, (3,))
    if input_x.shape[0] != mat2.shape[0]:
        raise ValueError(f"For 'bmm', the batch sizes of 'input_x' {input_x.shape} and 'mat2' {mat2.shape} "
                         f"must be equal.")
    _inner_dims("bmm", "input_x", input_x, "mat2", mat2, 2, 1)
    return _batch_matmul(input_x, mat2)


def mv(mat, vec):
    """mat @ vec: a 2-D matrix times a 1-D vector."""
    _rank("mv", "mat", mat, (2,))
    _rank("mv", "vec", vec, (1,))
    _inner_dims("mv", "mat", mat, "vec", vec, 1, 0)
    return _matmul(mat, vec)


def addmm(input, mat1, mat2, *, beta=1, alpha=1):  # noqa: A002
    """beta * input + alpha * (mat1 @ mat2)."""
    check.tensor("addmm", "input", input)
    return _scaled_sum("addmm", input, mm(mat1, mat2), beta, alpha)


def addbmm(input, batch1, batch2, *, beta=1, alpha=1):  # noqa: A002
    """beta * input + alpha * Σ_b batch1[b] @ batch2[b]."""
    check.tensor("addbmm", "input", input)
    return _scaled_sum("addbmm", input, P.ReduceSum(False)(bmm(batch1, batch2), (0,)), beta, alpha)


def baddbmm(input, batch1, batch2, beta=1, alpha=1):  # noqa: A002
    """beta * input + alpha * (batch1 @ batch2), batch by batch."""
    check.tensor("baddbmm", "input", input)
    return _scaled_sum("baddbmm", input, bmm(batch1, batch2), beta, alpha)


def addmv(input, mat, vec, *, beta=1, alpha=1):  # noqa: A002
    """beta * input + alpha * (mat @ vec)."""
    check.tensor("addmv", "input", input)
    return _scaled_sum("addmv", input, mv(mat, vec), beta, alpha)


def addr(x, vec1, vec2, *, beta=1, alpha=1):
    """beta * x + alpha * (vec1 ⊗ vec2)."""
    check.tensor("addr", "x", x)
    return _scaled_sum("addr", x, outer(vec1, vec2), beta, alpha)


def outer(input, vec2):  # noqa: A002
    """input ⊗ vec2: (n,) and (m,) give (n, m)."""
    _rank("outer", "input", input, (1,))
    _rank("outer", "vec2", vec2, (1,))
    return _mul(input.reshape((-1, 1)), vec2)


def ger(input, vec2):  # noqa: A002
    """input ⊗ vec2 of two 1-D float Tensors of one dtype."""
    return P.Ger()(input, vec2)


def inner(input, other):  # noqa: A002
    """Σ over the last axes: inner(a, b)[i..., j...] = Σ_k a[i..., k] b[j..., k] (a scalar scales)."""
    check.tensor("inner", "input", input)
    check.tensor("inner", "other", other)
    if input.ndim == 0 or other.ndim == 0:
        return _mul(input, other)
    if input.shape[-1] != other.shape[-1]:
        raise ValueError(f"For 'inner', the last dimensions of 'input' {input.shape} and 'other' {other.shape} "
                         f"must be equal.")
    return tensor_dot(input, other, ((input.ndim - 1,), (other.ndim - 1,)))


def dot(input, other):  # noqa: A002
    """Σ over input's last axis and other's second-to-last (both at least 2-D, as MindSpore's)."""
    check.tensor("dot", "input", input)
    check.tensor("dot", "other", other)
    _same_dtype("dot", "input", input, "other", other)
    if input.dtype not in _FLOATS:
        raise TypeError(f"For 'dot', the 'input' must be a Tensor of float16, float32 or float64, "
                        f"but got {input.dtype}.")
    if input.ndim < 2 or other.ndim < 2:
        raise ValueError(f"For 'dot', the 'input' and 'other' must be at least 2-D, "
                         f"but got {input.shape} and {other.shape}.")
    j = other.ndim - 2
    _inner_dims("dot", "input", input, "other", other, -1, j)
    return tensor_dot(input, other, ((input.ndim - 1,), (j,)))


def vecdot(x, y, *, axis=-1):
    """Σ conj(x) y along `axis` (broadcast)."""
    check.tensor("vecdot", "x", x)
    check.tensor("vecdot", "y", y)
    product = _mul(P.Conj()(x) if x.dtype.kind == "complex" else x, y)
    return P.ReduceSum(False)(product, check.axis("vecdot", "axis", axis, product.ndim))


def _tensordot(a, b, axes):
    return jnp.tensordot(a, b, axes)


def tensor_dot(x1, x2, axes):
    """Σ over the axis pairs `axes` (an int n: x1's last n with x2's first n)."""
    check.tensor("tensor_dot", "x1", x1)
    check.tensor("tensor_dot", "x2", x2)
    if check.is_int(axes):
        if not 0 <= axes <= min(x1.ndim, x2.ndim):
            raise ValueError(f"For 'tensor_dot', the 'axes' must be in [0, {min(x1.ndim, x2.ndim)}], but got {axes}.")
        pairs = (tuple(range(x1.ndim - axes, x1.ndim)), tuple(range(axes)))
    elif isinstance(axes, (tuple, list)) and len(axes) == 2:
        first, second = ((a,) if check.is_int(a) else tuple(a) for a in axes)
        if len(first) != len(second):
            raise ValueError(f"For 'tensor_dot', the two lists of 'axes' must have the same length, but got {axes}.")
        pairs = (tuple(check.axis("tensor_dot", "axes", a, x1.ndim) for a in first),
                 tuple(check.axis("tensor_dot", "axes", a, x2.ndim) for a in second))
    else:
        raise TypeError(f"For 'tensor_dot', the 'axes' must be an int or a pair of int tuples, but got {axes!r}.")
    for i, j in zip(*pairs):
        if x1.shape[i] != x2.shape[j]:
            raise ValueError(f"For 'tensor_dot', the axes {pairs} of 'x1' {x1.shape} and 'x2' {x2.shape} "
                             f"must have equal sizes.")
    a, b = (x1, x2) if x1.dtype == x2.dtype else (x1.astype(_promote(x1, x2)), x2.astype(_promote(x1, x2)))
    return linalg_function("TensorDot", _tensordot, axes=pairs)(a, b)


def _promote(a, b):
    return promote(a.dtype, b.dtype)


def batch_dot(x1, x2, axes=None):
    """Per-batch dot products: Σ over `axes` (default: x1's last, x2's last or second-to-last)."""
    for arg, value in (("x1", x1), ("x2", x2)):
        check.tensor("batch_dot", arg, value)
        if value.ndim < 2:
            raise ValueError(f"For 'batch_dot', the '{arg}' must be at least 2-D, but got shape {value.shape}.")
    if x1.shape[0] != x2.shape[0]:
        raise ValueError(f"For 'batch_dot', the batch sizes of 'x1' {x1.shape} and 'x2' {x2.shape} must be equal.")
    if axes is None:
        axes = (x1.ndim - 1, x2.ndim - 1 if x2.ndim == 2 else x2.ndim - 2)
    if check.is_int(axes):
        axes = (axes, axes)
    a1, a2 = (check.axis("batch_dot", "axes", a, n) for a, n in zip(axes, (x1.ndim, x2.ndim)))
    if 0 in (a1, a2):
        raise ValueError(f"For 'batch_dot', the 'axes' must not include the batch axis 0, but got {axes}.")
    out = linalg_function("BatchDot", _batch_dot, axes=(a1, a2))(x1, x2)
    return out


def _batch_dot(a, b, axes):
    """Per batch element, tensordot over (a1, a2); a (B,) result becomes (B, 1) as MindSpore's."""
    a1, a2 = axes
    out = jax.vmap(lambda x, y: jnp.tensordot(x, y, ((a1 - 1,), (a2 - 1,))))(a, b)
    return out.reshape(out.shape + (1,)) if out.ndim == 1 else out


def kron(input, other):  # noqa: A002
    """The Kronecker product: out[i·m + k, j·n + l] = input[i, j] · other[k, l] (any ranks)."""
    check.tensor("kron", "input", input)
    check.tensor("kron", "other", other)
    a, b = (input, other) if input.dtype == other.dtype else (input.astype(_promote(input, other)),
                                                               other.astype(_promote(input, other)))
    return linalg_function("Kron", lambda x, y: jnp.kron(x, y))(a, b)


def einsum(equation, *operands):
    """The Einstein summation `equation` ("ij,jk->ik") of `operands`."""
    if len(operands) == 1 and isinstance(operands[0], (tuple, list)):
        operands = tuple(operands[0])
    return P.Einsum(equation)(operands)


def matrix_power(input, n):  # noqa: A002
    """inputⁿ of each square matrix (n < 0: of the inverse)."""
    return P.MatrixPower(n)(input)


# --- linear algebra -------------------------------------------------------------------------
def det(input):  # noqa: A002
    """det(A) of each square matrix."""
    return P.MatrixDeterminant()(input)


matrix_determinant = det


def slogdet(input):  # noqa: A002
    """(sign, log |det A|) of each square matrix."""
    return P.LogMatrixDeterminant()(input)


log_matrix_determinant = slogdet


def _logdet(x):
    sign, log_abs = jnp.linalg.slogdet(x)
    return jnp.where(sign < 0, jnp.nan, jnp.where(sign == 0, -jnp.inf, log_abs)).astype(x.dtype)


def logdet(input):  # noqa: A002
    """log det(A): NaN for a negative determinant, -inf for a singular matrix."""
    matrix_input("logdet", "input", input, _LAPACK_REAL)
    return linalg_function("LogDet", _logdet)(input)


def inverse(input):  # noqa: A002
    """A⁻¹ of each square matrix."""
    matrix_input("inverse", "input", input, _LAPACK)
    return P.MatrixInverse()(input)


def _pinv(x, atol, rtol, hermitian):
    u, s, vh = jnp.linalg.svd(x, full_matrices=False, hermitian=hermitian)
    s_max = jnp.max(s, axis=-1, keepdims=True) if s.shape[-1] else jnp.zeros(s.shape[:-1] + (1,), s.dtype)
    if rtol is None:
        rtol = 0.0 if atol is not None else max(x.shape[-2:]) * np.finfo(x.dtype).eps
    cutoff = jnp.maximum(0.0 if atol is None else atol, rtol * s_max)
    keep = s > cutoff
    s_inv = jnp.where(keep, 1 / jnp.where(keep, s, 1), 0)
    return jnp.swapaxes(vh, -1, -2).conj() @ (s_inv[..., None] * jnp.swapaxes(u, -1, -2).conj())


def pinv(x, *, atol=None, rtol=None, hermitian=False):
    """The Moore-Penrose pseudo-inverse via the SVD, singular values <= max(atol, rtol·σ_max) dropped."""
    matrix_input("pinv", "x", x, _LAPACK_REAL, square=False)
    for arg, value in (("atol", atol), ("rtol", rtol)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise TypeError(f"For 'pinv', the '{arg}' must be a float or None, but got {type(value).__name__}.")
    if not isinstance(hermitian, bool):
        raise TypeError(f"For 'pinv', the 'hermitian' must be a bool, but got {type(hermitian).__name__}.")
    return linalg_function("Pinv", _pinv, atol=atol, rtol=rtol, hermitian=hermitian)(x)


def cholesky(input_x, upper=False):
    """L with A = L Lᵀ (U with A = Uᵀ U when `upper`)."""
    return P.Cholesky(upper)(input_x)


def cholesky_inverse(input_x, upper=False):
    """A⁻¹ from A's Cholesky factor."""
    return P.CholeskyInverse(upper)(input_x)


def cholesky_solve(input, input2, upper=False):  # noqa: A002
    """X with A X = input, `input2` A's Cholesky factor."""
    return P.CholeskySolve(upper)(input, input2)


def qr(input, mode="reduced"):  # noqa: A002
    """(Q, R) with A = Q R; mode 'reduced' or 'complete'."""
    if mode not in ("reduced", "complete"):
        raise ValueError(f"For 'qr', the 'mode' must be 'reduced' or 'complete', but got {mode!r}.")
    return P.Qr(mode == "complete")(input)


def svd(input, full_matrices=False, compute_uv=True):  # noqa: A002
    """(s, u, v) with A = u diag(s) vᴴ (only s when not `compute_uv`)."""
    s, u, v = P.Svd(full_matrices, compute_uv)(input)
    return (s, u, v) if compute_uv else s


def eig(A):  # noqa: N803 - MindSpore's name
    """(eigenvalues, eigenvectors) of each square matrix, complex."""
    return P.Eig(True)(A)


def eigvals(A):  # noqa: N803
    """The complex eigenvalues of each square matrix."""
    return P.Eig(False)(A)[0]


def lstsq(input, A):  # noqa: A002,N803
    """X minimising ‖input X − A‖₂: MindSpore's order, `input` the matrix (m, n) and `A` the
    right-hand side (m, k) -> X (n, k)."""
    return P.Lstsq()(input, A)


def matrix_exp(input):  # noqa: A002
    """exp(A) of each square matrix."""
    return P.MatrixExp()(input)


def matrix_solve(matrix, rhs, adjoint=False):
    """X with A X = rhs (Aᴴ X with `adjoint`)."""
    return P.MatrixSolve(adjoint)(matrix, rhs)


def cross(input, other, dim=None):  # noqa: A002
    """The cross product of 3-vectors along `dim` (the first axis of size 3 when None)."""
    return P.Cross(-65530 if dim is None else dim)(input, other)


def adjoint(x):
    """The conjugate transpose of the last two axes."""
    check.tensor("adjoint", "x", x)
    if x.ndim < 2:
        raise ValueError(f"For 'adjoint', the 'x' must be at least 2-D, but got shape {x.shape}.")
    return linalg_function("Adjoint", lambda a: jnp.conj(jnp.swapaxes(a, -1, -2)))(x)


# --- norms and distances --------------------------------------------------------------------
def _vector_norm(x, ord, axis, keepdims, dtype):  # noqa: A002
    x = x.astype(dtype)
    a = jnp.abs(x)
    if ord == float("inf"):
        out = jnp.max(a, axis=axis, keepdims=keepdims)
    elif ord == float("-inf"):
        out = jnp.min(a, axis=axis, keepdims=keepdims)
    elif ord == 0:
        out = jnp.sum(a != 0, axis=axis, keepdims=keepdims).astype(a.dtype)
    elif ord == 1:
        out = jnp.sum(a, axis=axis, keepdims=keepdims)
    elif ord == 2:
        squared = jnp.sum(a * a, axis=axis, keepdims=keepdims)
        safe = jnp.where(squared == 0, 1, squared)
        out = jnp.where(squared == 0, 0, jnp.sqrt(safe))
    else:
        out = jnp.sum(a ** ord, axis=axis, keepdims=keepdims) ** (1.0 / ord)
    return out


def _norm_dtype(op, x, dtype):
    if dtype is None:
        return x.dtype
    check.dtype_value(op, "dtype", dtype)
    return dtype


def vector_norm(x, ord=2, axis=None, keepdims=False, *, dtype=None):  # noqa: A002
    """(Σ |x|^ord)^{1/ord} over `axis` (all when None); ord inf/-inf: max/min |x|, 0: the count
    of nonzeros."""
    check.tensor("vector_norm", "x", x)
    if x.dtype.kind not in ("float", "complex"):
        raise TypeError(f"For 'vector_norm', the 'x' must be a float or complex Tensor, but got {x.dtype}.")
    if isinstance(ord, bool) or not isinstance(ord, (int, float)):
        raise TypeError(f"For 'vector_norm', the 'ord' must be a number, but got {type(ord).__name__}.")
    axes = None if axis is None else check.axes("vector_norm", "axis", axis, x.ndim)
    out_dtype = _norm_dtype("vector_norm", x, dtype)
    return linalg_function("VectorNorm", _vector_norm, ord=float(ord), axis=axes, keepdims=bool(keepdims),
                           dtype=out_dtype.to_numpy().str)(x)


def _matrix_norm(x, ord, axis, keepdims, dtype):  # noqa: A002
    x = x.astype(dtype)
    row, col = axis
    if ord == "fro":
        out = jnp.sqrt(jnp.sum(jnp.abs(x) ** 2, axis=axis, keepdims=keepdims))
    elif ord == "nuc":
        moved = jnp.moveaxis(x, (row, col), (-2, -1))
        out = jnp.sum(jnp.linalg.svd(moved, compute_uv=False), axis=-1)
        if keepdims:
            out = jnp.expand_dims(out, sorted(axis))
    elif ord in (2, -2):
        moved = jnp.moveaxis(x, (row, col), (-2, -1))
        s = jnp.linalg.svd(moved, compute_uv=False)
        out = jnp.max(s, axis=-1) if ord == 2 else jnp.min(s, axis=-1)
        if keepdims:
            out = jnp.expand_dims(out, sorted(axis))
    else:
        a = jnp.abs(x)
        if ord in (1, -1):
            sums = jnp.sum(a, axis=row, keepdims=True)
            pick = jnp.max if ord == 1 else jnp.min
            out = pick(sums, axis=col, keepdims=True)
        else:
            sums = jnp.sum(a, axis=col, keepdims=True)
            pick = jnp.max if ord == float("inf") else jnp.min
            out = pick(sums, axis=row, keepdims=True)
        if not keepdims:
            out = jnp.squeeze(out, axis)
    return out


_MATRIX_ORDS = ("fro", "nuc", 1, -1, 2, -2, float("inf"), float("-inf"))


def matrix_norm(A, ord="fro", axis=(-2, -1), keepdims=False, *, dtype=None):  # noqa: A002,N803
    """The matrix norm over the two axes `axis`: 'fro' (√Σ|a|²), 'nuc' (Σσ), 2/-2 (max/min σ),
    1/-1 (max/min column sum of |a|), inf/-inf (max/min row sum)."""
    check.tensor("matrix_norm", "A", A)
    if A.dtype.kind not in ("float", "complex"):
        raise TypeError(f"For 'matrix_norm', the 'A' must be a float or complex Tensor, but got {A.dtype}.")
    if ord not in _MATRIX_ORDS:
        raise ValueError(f"For 'matrix_norm', the 'ord' must be one of {_MATRIX_ORDS}, but got {ord!r}.")
    if A.ndim < 2:
        raise ValueError(f"For 'matrix_norm', the 'A' must be at least 2-D, but got shape {A.shape}.")
    axes = check.axes("matrix_norm", "axis", axis, A.ndim)
    if len(axes) != 2:
        raise ValueError(f"For 'matrix_norm', the 'axis' must be two distinct axes, but got {axis!r}.")
    out_dtype = _norm_dtype("matrix_norm", A, dtype)
    return linalg_function("MatrixNorm", _matrix_norm, ord=ord if isinstance(ord, str) else float(ord), axis=axes,
                           keepdims=bool(keepdims), dtype=out_dtype.to_numpy().str)(A)


def norm(A, ord=None, dim=None, keepdim=False, *, dtype=None):  # noqa: A002,N803
    """The vector norm (dim an int, or A 1-D) or the matrix norm (dim a pair, or A 2-D); with
    ord None, the 2-norm of the flattened input (Frobenius for matrices)."""
    check.tensor("norm", "A", A)
    if ord is None:
        if dim is None or check.is_int(dim) or len(dim) == 1:
            return vector_norm(A, 2, dim, keepdim, dtype=dtype)
        return matrix_norm(A, "fro", dim, keepdim, dtype=dtype)
    if isinstance(ord, str):
        return matrix_norm(A, ord, (-2, -1) if dim is None else dim, keepdim, dtype=dtype)
    if dim is None:
        if A.ndim == 2:
            return matrix_norm(A, ord, (-2, -1), keepdim, dtype=dtype)
        if A.ndim != 1:
            raise ValueError(f"For 'norm', with a numeric 'ord' and dim None the 'A' must be 1-D or 2-D, "
                             f"but got shape {A.shape}.")
        return vector_norm(A, ord, None, keepdim, dtype=dtype)
    if check.is_int(dim) or len(dim) == 1:
        return vector_norm(A, ord, dim, keepdim, dtype=dtype)
    return matrix_norm(A, ord, dim, keepdim, dtype=dtype)


def dist(input, other, p=2):  # noqa: A002
    """‖input − other‖_p of the (broadcast) difference, all elements."""
    check.tensor("dist", "input", input)
    check.tensor("dist", "other", other)
    return vector_norm(_sub(input, other), p)


def cdist(x1, x2, p=2.0):
    """‖x1_i − x2_j‖_p for every pair of rows."""
    return P.Cdist(float(p) if check.is_int(p) else p)(x1, x2)


def pdist(input, p=2.0):  # noqa: A002
    """‖x_i − x_j‖_p for every pair i < j of rows."""
    return P.Pdist(float(p) if check.is_int(p) else p)(input)


__all__ = [name for name in dir() if not name.startswith("_") and name not in (
    "annotations", "jax", "jnp", "np", "promote", "mstype", "Tensor", "P", "check", "linalg_function", "matrix_input")]


# --- helpers of Tensor methods and mint (private: MindSpore has no ops function of these forms) ---
def _diagonal_sum(x, offset, axis1, axis2, dtype):
    out = jnp.trace(x, offset=offset, axis1=axis1, axis2=axis2)
    return out.astype(dtype)


def _numpy_trace(a, offset=0, axis1=0, axis2=1, dtype=None):
    """Σ of diagonal `offset` of the planes (axis1, axis2); integer and bool inputs sum as Int64
    (NumPy's and MindSpore's Tensor.trace)."""
    check.tensor("trace", "input", a)
    if a.ndim < 2:
        raise ValueError(f"For 'trace', the 'input' must be at least 2-D, but got shape {a.shape}.")
    if not check.is_int(offset):
        raise TypeError(f"For 'trace', the 'offset' must be an int, but got {type(offset).__name__}.")
    first, second = check.axis("trace", "axis1", axis1, a.ndim), check.axis("trace", "axis2", axis2, a.ndim)
    if first == second:
        raise ValueError(f"For 'trace', the 'axis1' and 'axis2' must differ, but got {axis1} and {axis2}.")
    if dtype is None:
        dtype = mstype.int64 if a.dtype.kind in ("bool", "int", "uint") else a.dtype
    check.dtype_value("trace", "dtype", dtype)
    return linalg_function("Trace", _diagonal_sum, offset=int(offset), axis1=first, axis2=second,
                           dtype=dtype.to_numpy().str)(a)


def _triangular(b, a, upper, transpose, unitriangular):
    return jax.scipy.linalg.solve_triangular(a, b, lower=not upper, trans=1 if transpose else 0,
                                             unit_diagonal=unitriangular)


def _triangular_solve(b, A, upper=True, transpose=False, unitriangular=False):  # noqa: N803
    """(X, A) with A X = b (Aᵀ X with `transpose`), A upper or lower triangular (unit diagonal
    assumed with `unitriangular`): torch's triangular_solve."""
    matrix_input("triangular_solve", "A", A, _LAPACK_REAL)
    matrix_input("triangular_solve", "b", b, _LAPACK_REAL, square=False)
    if A.dtype != b.dtype or A.shape[-1] != b.shape[-2]:
        raise ValueError(f"For 'triangular_solve', the 'b' {b.shape} {b.dtype} and 'A' {A.shape} {A.dtype} "
                         f"must have one dtype and A (..., n, n), b (..., n, k).")
    for arg, value in (("upper", upper), ("transpose", transpose), ("unitriangular", unitriangular)):
        if not isinstance(value, bool):
            raise TypeError(f"For 'triangular_solve', the '{arg}' must be a bool, but got {type(value).__name__}.")
    solution = linalg_function("TriangularSolve", _triangular, upper=upper, transpose=transpose,
                               unitriangular=unitriangular)(b, A)
    return solution, A
