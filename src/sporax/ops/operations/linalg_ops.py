"""Linear algebra primitives (`mindspore.ops.operations.linalg_ops` / `math_ops`): determinants,
inverses, factorisations (Cholesky, QR, SVD, eigen), solvers, matrix functions, cross
products and einsum.

Every primitive works on the last two axes of a batch ("...mn"). MindSpore's CPU kernels
accept Float32/Float64 (and Complex64/Complex128 where LAPACK has them); other dtypes raise
TypeError naming the op and the argument. Shapes that are not (batches of) square matrices
raise ValueError before any JAX code runs. Gradients are JAX's of the same factorisation,
which are the textbook ones MindSpore also registers (e.g. d det(A) = det(A) tr(A⁻¹ dA)).
"""
from __future__ import annotations

import string

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..primitive import Primitive, _wrap, prim_attr_register

FLOAT_KINDS = frozenset({"float"})
FLOAT_OR_COMPLEX = frozenset({"float", "complex"})
_LAPACK = (mstype.float32, mstype.float64, mstype.complex64, mstype.complex128)
_LAPACK_REAL = (mstype.float32, mstype.float64)


def _names(dtypes) -> str:
    return ", ".join(str(d) for d in dtypes)


def matrix_input(op: str, arg: str, value, dtypes=_LAPACK, square=True, min_rank=2) -> Tensor:
    """`value` as a batch of (square) matrices of one of `dtypes`, else MindSpore's errors."""
    if not isinstance(value, Tensor):
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor, but got {type(value).__name__}.")
    if value.dtype not in dtypes:
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor of {_names(dtypes)}, but got {value.dtype}.")
    if value.ndim < min_rank:
        raise ValueError(f"For '{op}', the dimension of '{arg}' must be at least {min_rank}, "
                         f"but got {value.ndim} (shape {value.shape}).")
    if square and value.shape[-1] != value.shape[-2]:
        raise ValueError(f"For '{op}', the last two dimensions of '{arg}' must be equal (square matrices), "
                         f"but got shape {value.shape}.")
    return value


def _bool_attr(op, arg, value):
    if not isinstance(value, bool):
        raise TypeError(f"For '{op}', the '{arg}' must be a bool, but got {type(value).__name__}.")


class _MatrixPrimitive(Primitive):
    """One batched-matrix input of a LAPACK dtype (square unless `square` is False)."""

    dtypes = _LAPACK
    square = True
    arg = "x"

    def __call__(self, x):
        matrix_input(self.name, self.arg, x, self.dtypes, self.square)
        return _wrap(self._dispatch((x._value(),)))


class MatrixDeterminant(_MatrixPrimitive):
    """det(A) of each square matrix in the batch."""

    def __init__(self):
        Primitive.__init__(self, "MatrixDeterminant")

    def _compute(self, x):
        return jnp.linalg.det(x)


class LogMatrixDeterminant(_MatrixPrimitive):
    """(sign, log |det A|) of each square matrix (sign is ±1, 0 for a singular matrix)."""

    def __init__(self):
        Primitive.__init__(self, "LogMatrixDeterminant")

    def _compute(self, x):
        sign, log_abs = jnp.linalg.slogdet(x)
        return sign.astype(x.dtype), log_abs.astype(x.real.dtype if jnp.iscomplexobj(x) else x.dtype)


class MatrixInverse(_MatrixPrimitive):
    """A⁻¹ (or (Aᴴ)⁻¹ with `adjoint`) of each square matrix."""

    @prim_attr_register
    def __init__(self, adjoint=False):
        _bool_attr("MatrixInverse", "adjoint", adjoint)

    def _compute(self, x):
        inv = jnp.linalg.inv(x)
        return jnp.conj(jnp.swapaxes(inv, -1, -2)) if self.attrs["adjoint"] else inv


class MatrixExp(_MatrixPrimitive):
    """exp(A) = Σ Aᵏ/k! of each square matrix (Padé approximant with scaling and squaring)."""

    def __init__(self):
        Primitive.__init__(self, "MatrixExp")

    def _compute(self, x):
        return jax.scipy.linalg.expm(x)


class MatrixPower(Primitive):
    """Aⁿ of each square matrix by repeated squaring; n < 0 inverts first (floats only)."""

    @prim_attr_register
    def __init__(self, n):
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError(f"For 'MatrixPower', the 'n' must be an int, but got {type(n).__name__}.")

    def __call__(self, x):
        allowed = _LAPACK + (mstype.float16, mstype.int8, mstype.int16, mstype.int32, mstype.int64,
                             mstype.uint8)
        matrix_input(self.name, "x", x, allowed)
        if self.attrs["n"] < 0 and x.dtype.kind != "float" and x.dtype.kind != "complex":
            raise ValueError(f"For '{self.name}', the 'n' must be >= 0 for an integer input, "
                             f"but got {self.attrs['n']}.")
        return _wrap(self._dispatch((x._value(),)))

    def _compute(self, x):
        return jnp.linalg.matrix_power(x, self.attrs["n"])


class Cholesky(_MatrixPrimitive):
    """L with A = L Lᴴ (or U with A = Uᴴ U when `upper`) of each Hermitian positive-definite matrix."""

    dtypes = _LAPACK_REAL
    arg = "input_x"

    @prim_attr_register
    def __init__(self, upper=False):
        _bool_attr("Cholesky", "upper", upper)

    def _compute(self, x):
        lower = jnp.linalg.cholesky(x)
        return jnp.conj(jnp.swapaxes(lower, -1, -2)) if self.attrs["upper"] else lower


class CholeskyInverse(_MatrixPrimitive):
    """A⁻¹ from A's Cholesky factor: (L Lᵀ)⁻¹, or (Uᵀ U)⁻¹ when `upper`. As MindSpore's kernel,
    the whole input is used as the factor (for a triangular factor this is the same)."""

    dtypes = _LAPACK_REAL

    @prim_attr_register
    def __init__(self, upper=False):
        _bool_attr("CholeskyInverse", "upper", upper)

    def _compute(self, x):
        xt = jnp.swapaxes(x, -1, -2)
        return jnp.linalg.inv(xt @ x if self.attrs["upper"] else x @ xt)


class CholeskySolve(Primitive):
    """X with A X = B given A's Cholesky factor (lower, or upper with `upper`)."""

    @prim_attr_register
    def __init__(self, upper=False):
        _bool_attr("CholeskySolve", "upper", upper)

    def __call__(self, x1, x2):
        matrix_input(self.name, "x1", x1, _LAPACK_REAL, square=False)
        matrix_input(self.name, "x2", x2, _LAPACK_REAL)
        if x1.dtype != x2.dtype:
            raise TypeError(f"For '{self.name}', the 'x1' and 'x2' must have the same dtype, "
                            f"but got {x1.dtype} and {x2.dtype}.")
        if x1.shape[-2] != x2.shape[-1] or x1.shape[:-2] != x2.shape[:-2]:
            raise ValueError(f"For '{self.name}', the shapes of 'x1' {x1.shape} and 'x2' {x2.shape} do not match "
                             f"(x1 (..., n, k), x2 (..., n, n)).")
        return _wrap(self._dispatch((x1._value(), x2._value())))

    def _compute(self, b, factor):
        if self.attrs["upper"]:
            factor = jnp.swapaxes(factor, -1, -2)
        return jax.scipy.linalg.cho_solve((factor, True), b)


class Qr(_MatrixPrimitive):
    """(Q, R) with A = Q R; `full_matrices` gives Q (m, m), else (m, min(m, n))."""

    square = False

    @prim_attr_register
    def __init__(self, full_matrices=False):
        _bool_attr("Qr", "full_matrices", full_matrices)

    def _compute(self, x):
        return jnp.linalg.qr(x, mode="complete" if self.attrs["full_matrices"] else "reduced")


class Svd(_MatrixPrimitive):
    """(s, u, v) with A = u diag(s) vᴴ, s descending; only s when not `compute_uv` (MindSpore
    then returns u and v as one zero each, shape (1,))."""

    square = False
    arg = "input"

    @prim_attr_register
    def __init__(self, full_matrices=False, compute_uv=True):
        _bool_attr("Svd", "full_matrices", full_matrices)
        _bool_attr("Svd", "compute_uv", compute_uv)

    def _compute(self, x):
        if not self.attrs["compute_uv"]:
            s = jnp.linalg.svd(x, compute_uv=False)
            return s, jnp.zeros((1,), x.dtype), jnp.zeros((1,), x.dtype)
        u, s, vh = jnp.linalg.svd(x, full_matrices=self.attrs["full_matrices"])
        return s, u, jnp.conj(jnp.swapaxes(vh, -1, -2))


_COMPLEX_OF = {np.dtype(np.float32): np.complex64, np.dtype(np.float64): np.complex128,
               np.dtype(np.complex64): np.complex64, np.dtype(np.complex128): np.complex128}


def _sorted_by_modulus(w, v):
    """MindSpore's order (Eigen's ComplexEigenSolver::sortEigenvalues): a selection sort that
    swaps the first smallest |λ| of the rest into place, moving its eigenvector with it."""
    w, v = w.copy(), v.copy()
    for index in np.ndindex(w.shape[:-1]):
        values, vectors = w[index], v[index]
        for i in range(values.shape[0]):
            k = i + int(np.argmin(np.abs(values[i:])))
            if k != i:
                values[[i, k]] = values[[k, i]]
                vectors[:, [i, k]] = vectors[:, [k, i]]
    return w, v


def _eig_host(x, compute_v):
    """General (non-symmetric) eigen-decomposition, run on the host (XLA has it on CPU only):
    eigenvalues in ascending modulus, as MindSpore's Eigen-based kernel orders them; each
    eigenvector a unit column (its complex phase is LAPACK's, not Eigen's). Without `compute_v`
    the second output is a complex zero of shape (), as MindSpore's."""
    complex_dtype = _COMPLEX_OF[np.dtype(x.dtype)]
    shapes = (jax.ShapeDtypeStruct(x.shape[:-1], complex_dtype), jax.ShapeDtypeStruct(x.shape, complex_dtype))

    def host(a):
        w, v = np.linalg.eig(np.asarray(a))
        w, v = _sorted_by_modulus(w, v)
        return w.astype(complex_dtype), v.astype(complex_dtype)

    w, v = jax.pure_callback(host, shapes, x, vmap_method="sequential")
    return (w, v) if compute_v else (w, jnp.zeros((), complex_dtype))


class Eig(_MatrixPrimitive):
    """(eigenvalues, eigenvectors) of each square matrix, as complex numbers, in ascending
    |λ|; eigenvectors are unit columns (a complex zero of shape () when not `compute_v`)."""

    @prim_attr_register
    def __init__(self, compute_v=False):
        _bool_attr("Eig", "compute_v", compute_v)

    def _compute(self, x):
        return _eig_host(x, self.attrs["compute_v"])


class MatrixSolve(Primitive):
    """X with A X = B (Aᴴ X = B with `adjoint`) for each square A."""

    @prim_attr_register
    def __init__(self, adjoint=False):
        _bool_attr("MatrixSolve", "adjoint", adjoint)

    def __call__(self, matrix, rhs):
        matrix_input(self.name, "matrix", matrix, _LAPACK)
        matrix_input(self.name, "rhs", rhs, _LAPACK, square=False)
        if matrix.dtype != rhs.dtype:
            raise TypeError(f"For '{self.name}', the 'matrix' and 'rhs' must have the same dtype, "
                            f"but got {matrix.dtype} and {rhs.dtype}.")
        if matrix.shape[-1] != rhs.shape[-2] or matrix.shape[:-2] != rhs.shape[:-2]:
            raise ValueError(f"For '{self.name}', the shapes of 'matrix' {matrix.shape} and 'rhs' {rhs.shape} "
                             f"do not match (matrix (..., n, n), rhs (..., n, k)).")
        return _wrap(self._dispatch((matrix._value(), rhs._value())))

    def __repr__(self):
        # MindSpore's MatrixSolve prints no attributes (MatrixTriangularSolve does).
        return "Prim[MatrixSolve]" if type(self) is MatrixSolve else super().__repr__()

    def _compute(self, a, b):
        if self.attrs["adjoint"]:
            a = jnp.conj(jnp.swapaxes(a, -1, -2))
        return jnp.linalg.solve(a, b)


class MatrixTriangularSolve(MatrixSolve):
    """X with A X = B for triangular A (`lower` or upper; Aᴴ with `adjoint`)."""

    @prim_attr_register
    def __init__(self, lower=True, adjoint=False):
        _bool_attr("MatrixTriangularSolve", "lower", lower)
        _bool_attr("MatrixTriangularSolve", "adjoint", adjoint)

    def _compute(self, a, b):
        return jax.scipy.linalg.solve_triangular(a, b, lower=self.attrs["lower"],
                                                 trans="C" if self.attrs["adjoint"] else 0)


class Lstsq(Primitive):
    """The least-squares solution X of A X ≈ B (min ‖A X − B‖₂), A (m, n), B (m, k) -> X (n, k)."""

    @prim_attr_register
    def __init__(self, fast=True, l2_regularizer=0.0):
        _bool_attr("Lstsq", "fast", fast)
        if isinstance(l2_regularizer, bool) or not isinstance(l2_regularizer, (int, float)):
            raise TypeError(f"For 'Lstsq', the 'l2_regularizer' must be a float, "
                            f"but got {type(l2_regularizer).__name__}.")

    def __call__(self, matrix, rhs):
        matrix_input(self.name, "matrix", matrix, (mstype.float16,) + _LAPACK_REAL, square=False)
        if not isinstance(rhs, Tensor):
            raise TypeError(f"For '{self.name}', the 'rhs' must be a Tensor, but got {type(rhs).__name__}.")
        if rhs.dtype != matrix.dtype:
            raise TypeError(f"For '{self.name}', the 'matrix' and 'rhs' must have the same dtype, "
                            f"but got {matrix.dtype} and {rhs.dtype}.")
        if rhs.ndim not in (1, 2) or matrix.ndim != 2 or rhs.shape[0] != matrix.shape[0]:
            raise ValueError(f"For '{self.name}', the 'matrix' must be 2-D (m, n) and 'rhs' (m,) or (m, k), "
                             f"but got {matrix.shape} and {rhs.shape}.")
        return _wrap(self._dispatch((matrix._value(), rhs._value())))

    def _compute(self, a, b):
        wide_a, wide_b = a.astype(np.float64), b.astype(np.float64)
        reg = self.attrs["l2_regularizer"]
        if reg:
            n = a.shape[1]
            gram = wide_a.T @ wide_a + reg * jnp.eye(n, dtype=np.float64)
            x = jnp.linalg.solve(gram, wide_a.T @ wide_b)
        else:
            x = jnp.linalg.lstsq(wide_a, wide_b)[0]
        return x.astype(a.dtype)


class Cross(Primitive):
    """The cross product of 3-vectors along axis `dim` (the first axis of size 3 when -65530)."""

    @prim_attr_register
    def __init__(self, dim=-65530):
        if not isinstance(dim, int) or isinstance(dim, bool):
            raise TypeError(f"For 'Cross', the 'dim' must be an int, but got {type(dim).__name__}.")

    def __call__(self, x1, x2):
        for arg, value in (("x1", x1), ("x2", x2)):
            if not isinstance(value, Tensor):
                raise TypeError(f"For '{self.name}', the '{arg}' must be a Tensor, but got {type(value).__name__}.")
            if value.dtype == mstype.bool_:
                raise TypeError(f"For '{self.name}', the '{arg}' must be a numeric Tensor, but got Bool.")
        if x1.dtype != x2.dtype:
            raise TypeError(f"For '{self.name}', the 'x1' and 'x2' must have the same dtype, "
                            f"but got {x1.dtype} and {x2.dtype}.")
        if x1.shape != x2.shape:
            raise ValueError(f"For '{self.name}', the 'x1' and 'x2' must have the same shape, "
                             f"but got {x1.shape} and {x2.shape}.")
        dim = self.attrs["dim"]
        if dim == -65530:
            dim = next((i for i, n in enumerate(x1.shape) if n == 3), None)
            if dim is None:
                raise ValueError(f"For '{self.name}', no dimension of 'x1' has size 3: {x1.shape}.")
        elif not -x1.ndim <= dim < x1.ndim:
            raise ValueError(f"For '{self.name}', the 'dim' must be in range [{-x1.ndim}, {x1.ndim}), but got {dim}.")
        if x1.shape[dim] != 3:
            raise ValueError(f"For '{self.name}', the size of 'x1' along 'dim' {dim} must be 3, but got {x1.shape}.")
        return _wrap(self._dispatch((x1._value(), x2._value(), dim % x1.ndim)))

    def _compute(self, a, b, dim):
        return jnp.cross(a, b, axis=dim)


_EINSUM_LETTERS = set(string.ascii_letters)


class Einsum(Primitive):
    """Σ over the indices an `equation` ("ij,jk->ik") sums: the Einstein summation of a tuple of Tensors."""

    @prim_attr_register
    def __init__(self, equation):
        if not isinstance(equation, str):
            raise TypeError(f"For 'Einsum', the 'equation' must be a str, but got {type(equation).__name__}.")
        equation = equation.replace(" ", "")
        if not equation or set(equation) - _EINSUM_LETTERS - set(",->."):
            raise ValueError(f"For 'Einsum', the 'equation' must hold letters, ',', '->' and '...', "
                             f"but got {equation!r}.")
        self.add_prim_attr("equation", equation)

    def __call__(self, x):
        if isinstance(x, Tensor):
            x = (x,)
        if not isinstance(x, (tuple, list)) or not x or not all(isinstance(t, Tensor) for t in x):
            raise TypeError(f"For '{self.name}', the 'x' must be a tuple of Tensors, but got {type(x).__name__}.")
        inputs = self.attrs["equation"].split("->")[0].split(",")
        if len(inputs) != len(x):
            raise ValueError(f"For '{self.name}', the 'equation' names {len(inputs)} operands, "
                             f"but got {len(x)} Tensors.")
        sizes = {}
        for term, t in zip(inputs, x):
            if t.dtype != x[0].dtype:
                raise TypeError(f"For '{self.name}', every operand must have the same dtype, "
                                f"but got {x[0].dtype} and {t.dtype}.")
            letters = term.replace("...", "")
            if ("..." not in term and len(letters) != t.ndim) or len(letters) > t.ndim:
                raise ValueError(f"For '{self.name}', the term {term!r} of the 'equation' does not match an operand "
                                 f"of shape {t.shape}.")
            dims = t.shape[:len(letters)] if term.endswith("...") else t.shape[t.ndim - len(letters):] \
                if term.startswith("...") else t.shape
            for letter, n in zip(letters, dims):
                if sizes.setdefault(letter, n) != n and 1 not in (n, sizes[letter]):
                    raise ValueError(f"For '{self.name}', the index {letter!r} has sizes {sizes[letter]} and {n}.")
        return _wrap(self._dispatch((tuple(t._value() for t in x),)))

    def _compute(self, xs):
        return jnp.einsum(self.attrs["equation"], *xs)


class Ger(Primitive):
    """The outer product x1 ⊗ x2 of two 1-D Tensors of one float dtype."""

    def __init__(self):
        Primitive.__init__(self, "Ger")

    def __call__(self, x1, x2):
        for arg, value in (("x1", x1), ("x2", x2)):
            if not isinstance(value, Tensor):
                raise TypeError(f"For '{self.name}', the '{arg}' must be a Tensor, but got {type(value).__name__}.")
            if value.dtype not in (mstype.float16, mstype.float32, mstype.float64):
                raise TypeError(f"For '{self.name}', the '{arg}' must be a Tensor of Float16, Float32 or Float64, "
                                f"but got {value.dtype}.")
            if value.ndim != 1:
                raise ValueError(f"For '{self.name}', the '{arg}' must be 1-D, but got shape {value.shape}.")
        if x1.dtype != x2.dtype:
            raise TypeError(f"For '{self.name}', the 'x1' and 'x2' must have the same dtype, "
                            f"but got {x1.dtype} and {x2.dtype}.")
        return _wrap(self._dispatch((x1._value(), x2._value())))

    def _compute(self, a, b):
        return jnp.outer(a, b)


class _LinalgFunction(Primitive):
    """A private primitive for an ops function MindSpore composes from several kernels (pinv,
    norms, slogdet, ...): a named pure JAX function of arrays and static attributes."""

    def __init__(self, name, fn, **attrs):
        Primitive.__init__(self, name)
        self._fn = fn
        self.attrs.update(attrs)

    def _kernel_key(self):
        return (self.name,) + super()._kernel_key()

    def _compute(self, *arrays):
        return self._fn(*arrays, **self.attrs)


def linalg_function(name, fn, **attrs):
    return _LinalgFunction(name, fn, **attrs)


__all__ = ["MatrixDeterminant", "LogMatrixDeterminant", "MatrixInverse", "MatrixExp", "MatrixPower", "Cholesky",
           "CholeskyInverse", "CholeskySolve", "Qr", "Svd", "Eig", "MatrixSolve", "MatrixTriangularSolve",
           "Lstsq", "Cross", "Einsum", "Ger"]
