"""Linear algebra, spectral and selection primitives of MindSpore 2.10 that the older families
lack (`mindspore.ops.operations.{math_ops, array_ops, nn_ops, spectral_ops}`).

Linear algebra works on the last two axes of a batch ("...mn"):

- Geqrf: A = Q R as LAPACK's geqrf stores it: R on and above the diagonal, the Householder
  vectors vᵢ (vᵢ[i] = 1 implied) below it, and τ; Q = H₁⋯H_k with Hᵢ = I − τᵢ vᵢ vᵢᴴ.
- Orgqr(x, τ): the first n columns of Q = H₁⋯H_k; Ormqr(x, τ, C): Q C, Qᴴ C, C Q or C Qᴴ.
- LuSolve(b, LU, pivots): x with A x = b for A = P L U (LAPACK's getrf: L unit lower, U upper,
  1-based row swaps); LuUnpack splits LU and pivots into P, L, U with A = P L U.
- MatrixDiagV3 / MatrixDiagPartV3 / MatrixSetDiagV3: the band k[0] ≤ j − i ≤ k[1] of a batch
  of matrices, diagonals stored one per row (top row the highest diagonal), each aligned left
  or right within max_diag_len by `align` ("superdiagonals_subdiagonals").
- MatrixLogarithm: log A (principal branch, via the Schur form), complex only.
- MatrixSolveLs: min ‖A X − B‖² + λ‖X‖²: (AᴴA + λI)⁻¹AᴴB for m ≥ n, Aᴴ(AAᴴ + λI)⁻¹B for
  m < n (`fast`); the minimum-norm least-squares solution otherwise (λ unused, as MindSpore).
- NuclearNorm: Σ σᵢ over two axes; TridiagonalMatMul: T B for tridiagonal T given by its
  three diagonals; ConjugateTranspose: conj(transpose(x, perm)).

Spectral: FFTWithSize (FFT/IFFT/RFFT/IRFFT over the last 1-3 axes), STFT, and the windows
Bartlett w[n] = 1 − |2n/(N−1) − 1|, Blackman 0.42 − 0.5 cos(2πn/(N−1)) + 0.08 cos(4πn/(N−1)),
Hamming α − β cos(2πn/(N−1)) (N = length + 1 when periodic, the last point dropped).

Selection: Quantile (linear interpolation between order statistics), NthElement (the n-th
smallest, or largest with `reverse`, along the last axis), HistogramFixedWidth, InTopK,
CompareAndBitpack, EditDistance (Levenshtein distance of sparse sequences).
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax._src.lax.linalg import geqrf as _lapack_geqrf  # public JAX exposes only the composed qr
from jax.lax import linalg as lax_linalg

from ..._runtime import call_replay
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..primitive import Primitive, _wrap, prim_attr_register
from . import _arg_checks as check

_F = (mstype.float32, mstype.float64)
_FC = _F + (mstype.complex64, mstype.complex128)
_HALF_F = (mstype.float16,) + _F
_ALIGNS = ["LEFT_RIGHT", "RIGHT_LEFT", "LEFT_LEFT", "RIGHT_RIGHT"]


def _rank_at_least(op, arg, value, rank):
    if value.ndim < rank:
        raise ValueError(f"For primitive[{op}], the rank of {arg} must be greater than or equal to {rank}, "
                         f"but got {value.ndim}.")


def _same_dtype(op, *named):
    first = named[0][1].dtype
    for arg, value in named[1:]:
        if value.dtype != first:
            raise TypeError(f"For primitive[{op}], the input type must be same: '{named[0][0]}' is {first}, "
                            f"'{arg}' is {value.dtype}.")


def _bool(op, arg, value):
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"For '{op}', the '{arg}' must be a bool, but got {type(value).__name__}.")
    return bool(value)


def _compute_dtype(x):
    return x.astype(np.float32) if x.dtype == np.float16 else x


# --- QR and LU --------------------------------------------------------------------------------

class Geqrf(Primitive):
    """(y, τ) of LAPACK's geqrf for each matrix of `x` (..., m, n): y holds R and the Householder
    vectors, τ (..., min(m, n)) their scales. Float16 computes in Float32."""

    def __init__(self):
        Primitive.__init__(self, "Geqrf")

    def __call__(self, x):
        check.tensor_of(self.name, "x", x, _HALF_F)
        _rank_at_least(self.name, "x", x, 2)
        return _wrap(self._dispatch((x._value(),)))

    def _compute(self, x):
        y, tau = _lapack_geqrf(_compute_dtype(x))
        return y.astype(x.dtype), tau.astype(x.dtype)


def _householder_inputs(op, x, tau):
    check.tensor_of(op, "x", x, _FC)
    check.tensor_of(op, "tau", tau, _FC)
    _same_dtype(op, ("x", x), ("tau", tau))
    _rank_at_least(op, "x", x, 2)
    if tau.ndim != x.ndim - 1 or tau.shape[:-1] != x.shape[:-2]:
        raise ValueError(f"For {op}, the batch shape of 'tau' must equal that of 'x' with one axis less, "
                         f"but got x shape {x.shape} and tau shape {tau.shape}.")
    if tau.shape[-1] > min(x.shape[-2:]):
        raise ValueError(f"For {op}, tau.shape[-1] must be at most min(x.shape[-2], x.shape[-1]) = "
                         f"{min(x.shape[-2:])}, but got {tau.shape[-1]}.")


class Orgqr(Primitive):
    """The first n columns of Q = H₁⋯H_k from geqrf's (x, τ); x (..., m, n) with m ≥ n."""

    def __init__(self):
        Primitive.__init__(self, "Orgqr")

    def __call__(self, x, tau):
        _householder_inputs(self.name, x, tau)
        if x.shape[-2] < x.shape[-1]:
            raise ValueError(f"For {self.name}, x.shape[-2] must be greater than or equal to x.shape[-1], "
                             f"but got shape {x.shape}.")
        return _wrap(self._dispatch((x._value(), tau._value())))

    def _compute(self, x, tau):
        return lax_linalg.householder_product(x, tau)


class Ormqr(Primitive):
    """Q C (left), C Q (not left), with Qᴴ in place of Q when `transpose`; Q = H₁⋯H_k of
    geqrf's (x, τ), x (..., m, n), C (..., m, p) when left, (..., p, m) otherwise."""

    @prim_attr_register
    def __init__(self, left=True, transpose=False):
        _bool("Ormqr", "left", left)
        _bool("Ormqr", "transpose", transpose)

    def __call__(self, x, tau, other):
        _householder_inputs(self.name, x, tau)
        check.tensor_of(self.name, "other", other, _FC)
        _same_dtype(self.name, ("x", x), ("other", other))
        m = x.shape[-2]
        side = other.shape[-2] if self.attrs["left"] else other.shape[-1]
        if other.ndim != x.ndim or other.shape[:-2] != x.shape[:-2] or side != m:
            raise ValueError(f"For {self.name}, 'other' must have x's batch shape and {m} "
                             f"{'rows' if self.attrs['left'] else 'columns'}, but got x shape {x.shape} "
                             f"and other shape {other.shape}.")
        return _wrap(self._dispatch((x._value(), tau._value(), other._value())))

    def _compute(self, x, tau, other):
        left, transpose = self.attrs["left"], self.attrs["transpose"]
        if hasattr(lax_linalg, "ormqr"):
            return lax_linalg.ormqr(x, tau, other, left=left, transpose=transpose)
        # jax < 0.7 has no ormqr: form the whole m x m Q (reflectors padded with zero columns
        # and zero taus act as the identity) and multiply.
        m, n = x.shape[-2], x.shape[-1]
        reflectors = jnp.pad(x, [(0, 0)] * (x.ndim - 2) + [(0, 0), (0, max(m - n, 0))])[..., :m]
        taus = jnp.pad(tau, [(0, 0)] * (tau.ndim - 1) + [(0, m - tau.shape[-1])])
        q = lax_linalg.householder_product(reflectors, taus)
        if transpose:
            q = jnp.conj(jnp.swapaxes(q, -1, -2))
        return q @ other if left else other @ q


def _pivot_permutation(pivots, m):
    """The row permutation of 1-based LAPACK row swaps."""
    return lax_linalg.lu_pivots_to_permutation(pivots.astype(np.int32) - 1, m)


class LuSolve(Primitive):
    """x with A x = b for A = P L U given as getrf's (LU_data, LU_pivots); batch axes broadcast.
    Float16 computes in Float32."""

    def __init__(self):
        Primitive.__init__(self, "LuSolve")

    def __call__(self, x, lu_data, lu_pivots):
        check.tensor_of(self.name, "x", x, _HALF_F)
        check.tensor_of(self.name, "lu_data", lu_data, _HALF_F)
        check.tensor_of(self.name, "lu_pivots", lu_pivots, (mstype.int32,))
        _same_dtype(self.name, ("x", x), ("lu_data", lu_data))
        _rank_at_least(self.name, "x", x, 2)
        _rank_at_least(self.name, "lu_data", lu_data, 2)
        m = lu_data.shape[-1]
        if lu_data.shape[-2] != m:
            raise ValueError(f"For {self.name}, 'lu_data' must be square matrices, but got shape {lu_data.shape}.")
        if x.shape[-2] != m:
            raise ValueError(f"For {self.name}, x.shape[-2] must equal lu_data.shape[-1] = {m}, "
                             f"but got x shape {x.shape}.")
        if lu_pivots.shape != lu_data.shape[:-1]:
            raise ValueError(f"For {self.name}, the shape of 'lu_pivots' must be lu_data.shape[:-1] = "
                             f"{lu_data.shape[:-1]}, but got {lu_pivots.shape}.")
        try:
            np.broadcast_shapes(x.shape[:-2], lu_data.shape[:-2])
        except ValueError:
            raise ValueError(f"For {self.name}, the batch shapes of 'x' {x.shape} and 'lu_data' {lu_data.shape} "
                             f"can not broadcast.") from None
        return _wrap(self._dispatch((x._value(), lu_data._value(), lu_pivots._value())))

    def _compute(self, b, lu, pivots):
        dtype = b.dtype
        b, lu = _compute_dtype(b), _compute_dtype(lu)
        batch = jnp.broadcast_shapes(b.shape[:-2], lu.shape[:-2])
        m = lu.shape[-1]
        lu = jnp.broadcast_to(lu, batch + lu.shape[-2:])
        perm = jnp.broadcast_to(_pivot_permutation(pivots, m), batch + (m,))
        b = jnp.broadcast_to(b, batch + b.shape[-2:])
        pb = jnp.take_along_axis(b, perm[..., None], axis=-2)
        y = lax_linalg.triangular_solve(lu, pb, left_side=True, lower=True, unit_diagonal=True)
        x = lax_linalg.triangular_solve(lu, y, left_side=True, lower=False)
        return x.astype(dtype)


_LU_DATA = (mstype.float16, mstype.float32, mstype.float64, mstype.int8, mstype.int16, mstype.int32,
            mstype.int64, mstype.uint8)
_PIVOTS = (mstype.int8, mstype.int16, mstype.int32, mstype.int64, mstype.uint8)


def _pivots_in_range(pivots, op, rows):
    if pivots.size and (pivots.min() < 1 or pivots.max() > rows):
        raise ValueError(f"For {op}, the values of 'LU_pivots' must be in [1, {rows}], but got "
                         f"{pivots.min()}..{pivots.max()}.")


class LuUnpack(Primitive):
    """(P, L, U) with A = P L U from getrf's (LU_data (..., m, n), LU_pivots (..., min(m, n))):
    P (..., m, m) in LU_data's dtype, L (..., m, k) unit lower, U (..., k, n) upper, k = min(m, n)."""

    @prim_attr_register
    def __init__(self, unpack_data=True, unpack_pivots=True):
        _bool("LuUnpack", "unpack_data", unpack_data)
        _bool("LuUnpack", "unpack_pivots", unpack_pivots)

    def __call__(self, LU_data, LU_pivots):  # noqa: N803 - MindSpore's names
        check.tensor_of(self.name, "LU_data", LU_data, _LU_DATA)
        check.tensor_of(self.name, "LU_pivots", LU_pivots, _PIVOTS)
        _rank_at_least(self.name, "LU_data", LU_data, 2)
        k = min(LU_data.shape[-2:])
        if LU_pivots.shape != LU_data.shape[:-2] + (k,):
            raise ValueError(f"For {self.name}, the shape of 'LU_pivots' must be {LU_data.shape[:-2] + (k,)}, "
                             f"but got {LU_pivots.shape}.")
        call_replay.check_values(_pivots_in_range, (LU_pivots._value(),), self.name, LU_data.shape[-2])
        return _wrap(self._dispatch((LU_data._value(), LU_pivots._value())))

    def _compute(self, lu, pivots):
        m, n = lu.shape[-2:]
        k = min(m, n)
        lower = jnp.tril(lu[..., :, :k], -1) + jnp.eye(m, k, dtype=lu.dtype)
        upper = jnp.triu(lu[..., :k, :])
        perm = _pivot_permutation(pivots, m)
        # P[perm[i], i] = 1: row i of L U is row perm[i] of A.
        p = jnp.swapaxes(jax.nn.one_hot(perm, m, dtype=lu.dtype), -1, -2)
        return p, lower, upper


# --- diagonals (TensorFlow's MatrixDiagV3 family) ---------------------------------------------

def _align_arg(op, align):
    if not isinstance(align, str) or align not in _ALIGNS:
        raise ValueError(f"For '{op}', the 'align' must be str and must be in '{_ALIGNS}', but got {align!r}.")
    return align


def _k_arg(op, k, rows, cols):
    """(k0, k1) from an Int32 Tensor (scalar or 1-2 values), checked against the matrix size."""
    check.tensor_of(op, "k", k, (mstype.int32,))
    values = [int(v) for v in k.asnumpy().reshape(-1)]
    if k.ndim > 1 or not 1 <= len(values) <= 2:
        raise ValueError(f"For {op}, 'k' must be a scalar or a 1-D Tensor of 1 or 2 values, but got shape {k.shape}.")
    k0, k1 = values[0], values[-1]
    if k0 > k1:
        raise ValueError(f"For {op}, k[0] must not be greater than k[1], but got k = {values}.")
    if rows is not None:
        for v in (k0, k1):
            if not -rows < v < cols:
                raise ValueError(f"For {op}, the value of k must be in (-x.shape[-2], x.shape[-1]), meaning the "
                                 f"value of k must be in ({-rows}, {cols}) in this case, but got {v}.")
    return k0, k1


def _diag_len(d, rows, cols):
    return min(rows + min(0, d), cols - max(0, d))


def _band_layout(k0, k1, rows, cols, align):
    """For each diagonal d = k1..k0 (one row each): its length, its offset within
    max_diag_len (right-aligned ones start late), and max_diag_len."""
    max_len = min(rows + min(0, k1), cols - max(0, k0))
    sup, sub = align.split("_")
    layout = []
    for d in range(k1, k0 - 1, -1):
        length = _diag_len(d, rows, cols)
        right = (sup == "RIGHT") if d >= 0 else (sub == "RIGHT")
        layout.append((d, length, max_len - length if right else 0))
    return layout, max_len


def _band_gather(rows, cols, k0, k1, align):
    """Index arrays (source diagonal row, source position, in-band mask) for every (i, j) of a
    rows x cols matrix."""
    layout, max_len = _band_layout(k0, k1, rows, cols, align)
    diag_row = np.zeros((rows, cols), np.int64)
    position = np.zeros((rows, cols), np.int64)
    inside = np.zeros((rows, cols), bool)
    for r, (d, length, offset) in enumerate(layout):
        for n in range(max(length, 0)):
            i, j = n + max(-d, 0), n + max(d, 0)
            diag_row[i, j], position[i, j], inside[i, j] = r, n + offset, True
    return diag_row, position, inside, max_len


class MatrixDiagV3(Primitive):
    """A batch of num_rows x num_cols matrices with the diagonals k[0]..k[1] taken from `x` and
    `padding_value` elsewhere; −1 sizes are the smallest that hold the band."""

    @prim_attr_register
    def __init__(self, align="RIGHT_LEFT"):
        _align_arg("MatrixDiagV3", align)

    def __call__(self, x, k, num_rows, num_cols, padding_value):
        check.tensor(self.name, "x", x)
        if x.ndim < 1:
            raise ValueError(f"For primitive[{self.name}], the rank of 'x' must be at least 1, but got 0.")
        k0, k1 = _k_arg(self.name, k, None, None)
        sizes = []
        for arg, value in (("num_rows", num_rows), ("num_cols", num_cols)):
            check.tensor_of(self.name, arg, value, (mstype.int32,))
            if value.ndim != 0:
                raise ValueError(f"For primitive[{self.name}], the rank of '{arg}' must be equal to 0, "
                                 f"but got {value.ndim}.")
            sizes.append(int(value.asnumpy()))
        check.tensor(self.name, "padding_value", padding_value)
        if padding_value.dtype != x.dtype:
            raise TypeError(f"For '{self.name}', the dtype of 'padding_value' must be the dtype of 'x' {x.dtype}, "
                            f"but got {padding_value.dtype}.")
        if padding_value.size != 1:
            raise ValueError(f"For primitive[{self.name}], 'padding_value' must hold one value, "
                             f"but got shape {padding_value.shape}.")
        band = k1 > k0
        if band and (x.ndim < 2 or x.shape[-2] != k1 - k0 + 1):
            raise ValueError(f"For {self.name}, x.shape[-2] must be the number of diagonals k[1] - k[0] + 1 = "
                             f"{k1 - k0 + 1}, but got x shape {x.shape}.")
        max_len = x.shape[-1]
        min_rows, min_cols = max_len - min(k1, 0), max_len + max(k0, 0)
        rows, cols = sizes
        if rows == -1 and cols == -1:
            rows = cols = max(min_rows, min_cols)
        elif rows == -1:
            rows = min_rows
        elif cols == -1:
            cols = min_cols
        if rows < min_rows or cols < min_cols or _band_layout(k0, k1, rows, cols, "LEFT_LEFT")[1] != max_len:
            raise ValueError(f"For {self.name}, num_rows {rows} and num_cols {cols} do not fit diagonals of length "
                             f"{max_len} for k = ({k0}, {k1}).")
        return _wrap(self._dispatch((x._value(), padding_value._value(), k0, k1, rows, cols)))

    def _compute(self, x, padding, k0, k1, rows, cols):
        diag_row, position, inside, _ = _band_gather(rows, cols, k0, k1, self.attrs["align"])
        diags = x if k1 > k0 else x[..., None, :]
        values = diags[..., diag_row, position]
        return jnp.where(inside, values, padding.reshape(()).astype(x.dtype))


def _part_values(x, padding, k0, k1, align):
    rows, cols = x.shape[-2:]
    layout, max_len = _band_layout(k0, k1, rows, cols, align)
    src_i = np.zeros((len(layout), max_len), np.int64)
    src_j = np.zeros((len(layout), max_len), np.int64)
    inside = np.zeros((len(layout), max_len), bool)
    for r, (d, length, offset) in enumerate(layout):
        for n in range(max(length, 0)):
            src_i[r, n + offset], src_j[r, n + offset], inside[r, n + offset] = n + max(-d, 0), n + max(d, 0), True
    out = jnp.where(inside, x[..., src_i, src_j], padding.reshape(()).astype(x.dtype))
    return out if k1 > k0 else out[..., 0, :]


class MatrixDiagPartV3(Primitive):
    """The diagonals k[0]..k[1] of each matrix of `x`, one per row (top row k[1]), each of
    max_diag_len values aligned by `align` and filled with `padding_value`."""

    @prim_attr_register
    def __init__(self, align="RIGHT_LEFT"):
        _align_arg("MatrixDiagPartV3", align)
        self.add_prim_attr("max_length", 200000000)

    def __call__(self, x, k, padding_value):
        check.tensor(self.name, "x", x)
        _rank_at_least(self.name, "x", x, 2)
        k0, k1 = _k_arg(self.name, k, *x.shape[-2:])
        check.tensor(self.name, "padding_value", padding_value)
        if padding_value.dtype != x.dtype or padding_value.size != 1:
            raise TypeError(f"For '{self.name}', the 'padding_value' must be a one-value Tensor of {x.dtype}, "
                            f"but got {padding_value.dtype} of shape {padding_value.shape}.")
        return _wrap(self._dispatch((x._value(), padding_value._value(), k0, k1)))

    def _compute(self, x, padding, k0, k1):
        return _part_values(x, padding, k0, k1, self.attrs["align"])


class MatrixSetDiagV3(Primitive):
    """`x` with its diagonals k[0]..k[1] replaced by `diagonal` (laid out as MatrixDiagPartV3
    returns them)."""

    @prim_attr_register
    def __init__(self, align="RIGHT_LEFT"):
        _align_arg("MatrixSetDiagV3", align)
        self.add_prim_attr("max_length", 200000000)

    def __call__(self, x, diagonal, k):
        check.tensor(self.name, "x", x)
        check.tensor(self.name, "diagonal", diagonal)
        _rank_at_least(self.name, "x", x, 2)
        if diagonal.dtype != x.dtype:
            raise TypeError(f"For '{self.name}', the dtype of 'diagonal' must be the dtype of 'x' {x.dtype}, "
                            f"but got {diagonal.dtype}.")
        rows, cols = x.shape[-2:]
        k0, k1 = _k_arg(self.name, k, rows, cols)
        max_len = min(rows + min(k1, 0), cols + min(-k0, 0))
        wanted = x.shape[:-2] + ((k1 - k0 + 1,) if k1 > k0 else ()) + (max_len,)
        if diagonal.shape != wanted:
            raise ValueError(f"For {self.name}, the shape of 'diagonal' must be {wanted} (max_diag_len "
                             f"{max_len}), but got {diagonal.shape}.")
        return _wrap(self._dispatch((x._value(), diagonal._value(), k0, k1)))

    def _compute(self, x, diagonal, k0, k1):
        rows, cols = x.shape[-2:]
        diag_row, position, inside, _ = _band_gather(rows, cols, k0, k1, self.attrs["align"])
        diags = diagonal if k1 > k0 else diagonal[..., None, :]
        return jnp.where(inside, diags[..., diag_row, position], x)


# --- matrix functions and solvers ---------------------------------------------------------------

class MatrixLogarithm(Primitive):
    """The principal logarithm log A of each square complex matrix (inverse scaling and
    squaring, SciPy's logm). XLA has no matrix logarithm, so it runs as a host callback, in
    PYNATIVE and inside compiled graphs alike."""

    def __init__(self):
        Primitive.__init__(self, "MatrixLogarithm")

    def __call__(self, x):
        check.tensor_of(self.name, "x", x, (mstype.complex64, mstype.complex128))
        _rank_at_least(self.name, "x", x, 2)
        if x.shape[-1] != x.shape[-2]:
            raise ValueError(f"For {self.name}, the last two dimensions of 'x' must be equal, but got {x.shape}.")
        return _wrap(self._dispatch((x._value(),)))

    def _compute(self, x):
        dtype = x.dtype

        def host(a):
            a = np.asarray(a)
            flat = a.reshape((-1,) + a.shape[-2:]).astype(np.complex128)
            import scipy.linalg  # on first use: `import sporax` stays free of SciPy

            logs = [scipy.linalg.logm(m) for m in flat]
            return np.asarray(logs, np.complex128).reshape(a.shape).astype(dtype)

        return jax.pure_callback(host, jax.ShapeDtypeStruct(x.shape, dtype), x, vmap_method="sequential")


class MatrixSolveLs(Primitive):
    """X minimising ‖A X − B‖² + λ‖X‖² for each matrix pair (see the module docstring)."""

    @prim_attr_register
    def __init__(self, fast=True):
        _bool("MatrixSolveLs", "fast", fast)

    def __call__(self, matrix, rhs, l2):
        check.tensor_of(self.name, "matrix", matrix, _FC)
        check.tensor_of(self.name, "rhs", rhs, _FC)
        check.tensor_of(self.name, "l2_regularizer", l2, (mstype.float64,))
        _same_dtype(self.name, ("matrix", matrix), ("rhs", rhs))
        _rank_at_least(self.name, "matrix", matrix, 2)
        if l2.ndim != 0:
            raise ValueError(f"For {self.name}, 'l2_regularizer' must be a scalar, but got shape {l2.shape}.")
        if rhs.ndim != matrix.ndim or rhs.shape[:-1] != matrix.shape[:-1]:
            raise ValueError(f"For {self.name}, 'rhs' must have the shape of 'matrix' up to its last axis, "
                             f"but got matrix shape {matrix.shape} and rhs shape {rhs.shape}.")
        return _wrap(self._dispatch((matrix._value(), rhs._value(), l2._value())))

    def _compute(self, a, b, l2):
        if not self.attrs["fast"]:
            return jnp.linalg.lstsq(a, b)[0] if a.ndim == 2 else jax.vmap(
                lambda p, q: jnp.linalg.lstsq(p, q)[0])(a.reshape((-1,) + a.shape[-2:]),
                                                        b.reshape((-1,) + b.shape[-2:])).reshape(
                a.shape[:-2] + (a.shape[-1], b.shape[-1]))
        ah = jnp.conj(jnp.swapaxes(a, -1, -2))
        # MindSpore's bprop gives l2_regularizer a zero gradient.
        lam = jax.lax.stop_gradient(l2).astype(a.real.dtype)
        m, n = a.shape[-2:]
        if m >= n:
            gram = ah @ a + lam * jnp.eye(n, dtype=a.dtype)
            return jnp.linalg.solve(gram, ah @ b)
        gram = a @ ah + lam * jnp.eye(m, dtype=a.dtype)
        return ah @ jnp.linalg.solve(gram, b)


class NuclearNorm(Primitive):
    """Σ σᵢ, the sum of singular values, over the two axes `dim` (the whole 2-D input when None)."""

    @prim_attr_register
    def __init__(self, dim=None, keepdim=False):
        if dim is None:
            self.add_prim_attr("dim", [1000])
        else:
            if not isinstance(dim, (list, tuple)) or not all(check.is_int(d) for d in dim):
                raise TypeError(f"For 'NuclearNorm', the 'dim' must be a list of ints, but got {dim!r}.")
            if len(dim) != 2:
                raise ValueError(f"For 'NuclearNorm', the 'length of dim_size' must be int and must = 2, "
                                 f"but got '{len(dim)}' with type 'int'.")
            self.add_prim_attr("dim", list(dim))
        _bool("NuclearNorm", "keepdim", keepdim)

    def __call__(self, input_x):
        check.tensor_of(self.name, "x", input_x, _F)
        if input_x.ndim < 2:
            raise ValueError(f"For primitive[{self.name}], the input_size must be greater than or equal to 2, "
                             f"but got {input_x.ndim}.")
        dim = self.attrs["dim"]
        if dim == [1000]:
            if input_x.ndim != 2:
                raise ValueError(f"For '{self.name}', when dim is not set, or dim is None, the input_size must be "
                                 f"equal to 2, but got {input_x.ndim}.")
            axes = (0, 1)
        else:
            axes = tuple(check.axis(self.name, "dim", d, input_x.ndim) for d in dim)
            if axes[0] == axes[1]:
                raise ValueError(f"For '{self.name}', the two 'dim' values must differ, but got {dim}.")
        return _wrap(self._dispatch((input_x._value(), axes)))

    def _compute(self, x, axes):
        moved = jnp.moveaxis(x, axes, (-2, -1))
        out = jnp.sum(jnp.linalg.svd(moved, compute_uv=False), axis=-1)
        if self.attrs["keepdim"]:
            out = jnp.expand_dims(out, tuple(sorted(axes)))
        return out.astype(x.dtype)


class TridiagonalMatMul(Primitive):
    """T B for each tridiagonal T given by superdiag, maindiag, subdiag (..., 1, M) (the last
    superdiagonal and first subdiagonal entries unused) and B = rhs (..., M, N)."""

    def __init__(self):
        Primitive.__init__(self, "TridiagonalMatMul")

    def __call__(self, superdiag, maindiag, subdiag, rhs):
        named = (("superdiag", superdiag), ("maindiag", maindiag), ("subdiag", subdiag), ("rhs", rhs))
        for arg, value in named:
            check.tensor_of(self.name, arg, value, (mstype.float16,) + _FC)
            _rank_at_least(self.name, arg, value, 2)
        _same_dtype(self.name, *named)
        m = rhs.shape[-2]
        for arg, value in named[:3]:
            if value.shape[-2] != 1 or value.shape[-1] != m or value.shape[:-2] != rhs.shape[:-2]:
                raise ValueError(f"For primitive[{self.name}], the M in the shape of '{arg}' [..., 1, M] must be "
                                 f"equal to M in the shape of 'rhs' [..., M, N] which is {m} , but got "
                                 f"{value.shape[-1]} (shape {value.shape}).")
        return _wrap(self._dispatch(tuple(v._value() for _, v in named)))

    def _compute(self, sup, main, sub, rhs):
        sup, main, sub = (jnp.swapaxes(d, -1, -2) for d in (sup, main, sub))
        zero = jnp.zeros_like(rhs[..., :1, :])
        above = jnp.concatenate([rhs[..., 1:, :], zero], axis=-2)
        below = jnp.concatenate([zero, rhs[..., :-1, :]], axis=-2)
        return sup * above + main * rhs + sub * below


class ConjugateTranspose(Primitive):
    """conj(transpose(x, perm)); real inputs are only transposed."""

    def __init__(self):
        Primitive.__init__(self, "ConjugateTranspose")

    def __call__(self, x, perm):
        check.tensor(self.name, "x", x)
        perm = check.int_tuple(self.name, "perm", perm, allow_int=False)
        if len(perm) != x.ndim:
            raise ValueError(f"For '{self.name}', the length of 'perm' must equal the rank of 'x' {x.ndim}, "
                             f"but got {perm}.")
        axes = tuple(check.axis(self.name, "perm", p, x.ndim) for p in perm)
        if len(set(axes)) != len(axes):
            raise ValueError(f"For '{self.name}', the value of perm must be different, but got {perm}.")
        return _wrap(self._dispatch((x._value(), axes)))

    def _compute(self, x, axes):
        out = jnp.transpose(x, axes)
        return jnp.conj(out) if jnp.iscomplexobj(out) else out


# --- spectral ---------------------------------------------------------------------------------

_NORM_CODES = {"backward": 0, "forward": 1, "ortho": 2}
_WINDOW_DTYPES = (mstype.float16, mstype.float32, mstype.float64)


class FFTWithSize(Primitive):
    """FFT (inverse=False, real=False), IFFT, RFFT (real input, `onesided` half spectrum) or IRFFT
    (`signal_sizes` the real output's sizes, else 2(n − 1) on the last axis) over the last
    `signal_ndim` axes, scaled by `norm`."""

    @prim_attr_register
    def __init__(self, signal_ndim, inverse, real, norm="backward", onesided=True, signal_sizes=()):
        if not check.is_int(signal_ndim) or not 1 <= signal_ndim <= 3:
            raise ValueError(f"For 'FFTWithSize', the 'signal_ndim' must be 1, 2 or 3, but got {signal_ndim!r}.")
        for arg, value in (("inverse", inverse), ("real", real), ("onesided", onesided)):
            _bool("FFTWithSize", arg, value)
        if norm not in _NORM_CODES:
            raise ValueError(f"For 'FFTWithSize', the 'norm' must be one of {list(_NORM_CODES)}, but got {norm!r}.")
        self.add_prim_attr("norm", _NORM_CODES[norm])
        self._norm = norm
        sizes = check.int_tuple("FFTWithSize", "signal_sizes", signal_sizes, allow_int=False)
        self.add_prim_attr("signal_sizes", tuple(sizes))

    def __call__(self, x):
        check.tensor(self.name, "x", x)
        a = self.attrs
        if not a["real"] or a["inverse"]:
            if x.dtype not in (mstype.complex64, mstype.complex128):
                mode = "irfft" if a["real"] else ("ifft" if a["inverse"] else "fft")
                raise TypeError(f"For primitive[{self.name}], the input argument[x] in {mode} mode must be a type "
                                f"of {{Complex128, Complex64}}, but got {x.dtype}.")
        elif x.dtype.kind == "complex" or x.dtype in (mstype.float16, mstype.bfloat16):
            raise TypeError(f"For primitive[{self.name}], the input argument[x] in rfft mode must be a real "
                            f"Tensor of bool, int or Float32/Float64, but got {x.dtype}.")
        if x.ndim < a["signal_ndim"]:
            raise ValueError(f"For '{self.name}', x_dims must not be less than signal_ndim, but got x rank "
                             f"{x.ndim} and signal_ndim {a['signal_ndim']}.")
        sizes = a["signal_sizes"]
        if a["real"] and a["inverse"] and sizes and len(sizes) != a["signal_ndim"]:
            raise ValueError(f"For '{self.name}', the 'signal_sizes' must hold signal_ndim "
                             f"{a['signal_ndim']} sizes, but got {sizes}.")
        return _wrap(self._dispatch((x._value(),)))

    def _compute(self, x):
        a = self.attrs
        axes = tuple(range(-a["signal_ndim"], 0))
        norm = self._norm
        if not a["real"]:
            return (jnp.fft.ifftn if a["inverse"] else jnp.fft.fftn)(x, axes=axes, norm=norm)
        if not a["inverse"]:
            wide = x.astype(np.float64 if x.dtype == np.float64 else np.float32)
            if a["onesided"]:
                return jnp.fft.rfftn(wide, axes=axes, norm=norm)
            return jnp.fft.fftn(wide.astype(np.complex128 if x.dtype == np.float64 else np.complex64),
                                axes=axes, norm=norm)
        sizes = a["signal_sizes"] or tuple(x.shape[d] for d in axes[:-1]) + (2 * (x.shape[-1] - 1),)
        if not a["onesided"]:
            return jnp.real(jnp.fft.ifftn(x, s=sizes, axes=axes, norm=norm))
        return jnp.fft.irfftn(x, s=sizes, axes=axes, norm=norm)


def stft_frames(x, window, n_fft, hop_length, onesided, normalized, return_complex):
    """Σₖ w[k] x[m·hop + k] e^{−2πi ωk/n_fft} for each frame m: (..., freq, frames)."""
    frames = 1 + (x.shape[-1] - n_fft) // hop_length
    index = np.arange(frames)[:, None] * hop_length + np.arange(n_fft)[None, :]
    segments = x[..., index] * window
    spectrum = jnp.fft.fft(segments, axis=-1)
    if onesided:
        spectrum = spectrum[..., : n_fft // 2 + 1]
    if normalized:
        spectrum = spectrum / np.sqrt(n_fft)
    spectrum = jnp.swapaxes(spectrum, -1, -2)
    complex_dtype = np.complex128 if x.dtype in (np.float64, np.complex128) else np.complex64
    spectrum = spectrum.astype(complex_dtype)
    if return_complex:
        return spectrum
    return jnp.stack([jnp.real(spectrum), jnp.imag(spectrum)], axis=-1)


class STFT(Primitive):
    """The short-time Fourier transform of 1-D or 2-D `x` with a `win_length` window padded to
    n_fft (no centering: see ops.stft)."""

    @prim_attr_register
    def __init__(self, n_fft, hop_length, win_length, normalized, onesided, return_complex):
        for arg, value in (("n_fft", n_fft), ("hop_length", hop_length), ("win_length", win_length)):
            check.int_value("STFT", arg, value, 1)
        for arg, value in (("normalized", normalized), ("onesided", onesided), ("return_complex", return_complex)):
            _bool("STFT", arg, value)
        if win_length > n_fft:
            raise ValueError(f"For 'STFT', the 'win_length' must be <= n_fft {n_fft}, but got {win_length}.")

    def __call__(self, x, window):
        check.tensor(self.name, "x", x)
        check.tensor(self.name, "window", window)
        a = self.attrs
        if x.ndim not in (1, 2):
            raise ValueError(f"For '{self.name}', the 'x' must be 1-D or 2-D, but got shape {x.shape}.")
        if x.dtype not in _FC or window.dtype not in _FC:
            raise TypeError(f"For '{self.name}', the 'x' and 'window' must be Float32/Float64/Complex64/Complex128 "
                            f"Tensors, but got {x.dtype} and {window.dtype}.")
        if window.shape != (a["win_length"],):
            raise ValueError(f"For '{self.name}', the 'window' must be 1-D of win_length {a['win_length']}, "
                             f"but got shape {window.shape}.")
        if x.shape[-1] < a["n_fft"]:
            raise ValueError(f"For '{self.name}', the signal length {x.shape[-1]} must be >= n_fft {a['n_fft']}.")
        return _wrap(self._dispatch((x._value(), window._value())))

    def _compute(self, x, window):
        a = self.attrs
        left = (a["n_fft"] - a["win_length"]) // 2
        window = jnp.pad(window, (left, a["n_fft"] - a["win_length"] - left))
        return stft_frames(x, window, a["n_fft"], a["hop_length"], a["onesided"], a["normalized"],
                           a["return_complex"])


def _window_dtype(op, dtype):
    if dtype not in _WINDOW_DTYPES:
        raise TypeError(f"For '{op}', the 'dtype' should be one of [mindspore.float16, mindspore.float32, "
                        f"mindspore.float64], but got 'mindspore.{str(dtype).lower()}'.")


def _window_length(op, value, rank, arg="window_length"):
    if not isinstance(value, Tensor):
        raise TypeError(f"For Primitive[{op}], the type of input argument[{arg}] must be Tensor but got "
                        f"{type(value).__name__}.")
    if value.dtype not in (mstype.int32, mstype.int64):
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor of Int32 or Int64, but got {value.dtype}.")
    if value.ndim != rank:
        raise ValueError(f"For '{op}', the dim of {arg} must be {rank}, but got: {value.ndim}.")
    n = int(value.asnumpy().reshape(-1)[0])
    if not 0 <= n <= 1000000:
        raise ValueError(f"For '{op}', the value range of {arg} must be [0, 1000000], but got: {n}.")
    return n


def _cosine_window(n, periodic, coefficients, dtype):
    """Σⱼ cⱼ cos(2πjk/(N−1)) for k < n, N = n + 1 when periodic; a single point is 1."""
    if n <= 1:
        return jnp.ones((n,), dtype)
    size = n + 1 if periodic else n
    k = jnp.arange(n, dtype=np.float64)
    w = sum(c * jnp.cos(2 * np.pi * j * k / (size - 1)) for j, c in enumerate(coefficients))
    return w.astype(dtype)


class _Window(Primitive):
    _rank = 0
    _arg = "window_length"

    def __call__(self, window_length):
        n = _window_length(self.name, window_length, self._rank, self._arg)
        return _wrap(self._dispatch((n,)))

    def _dtype(self):
        return self.attrs["dtype"].to_numpy()


class BartlettWindow(_Window):
    """w[k] = 1 − |2k/(N−1) − 1| (a 0-D Int32/Int64 length; N = length + 1 when periodic)."""

    @prim_attr_register
    def __init__(self, periodic=True, dtype=mstype.float32):
        _bool("BartlettWindow", "periodic", periodic)
        _window_dtype("BartlettWindow", dtype)
        self.add_prim_attr("max_length", 1000000)

    def _compute(self, n):
        if n <= 1:
            return jnp.ones((n,), self._dtype())
        size = n + 1 if self.attrs["periodic"] else n
        k = jnp.arange(n, dtype=np.float64)
        return (1 - jnp.abs(2 * k / (size - 1) - 1)).astype(self._dtype())


class BlackmanWindow(_Window):
    """w[k] = 0.42 − 0.5 cos(2πk/(N−1)) + 0.08 cos(4πk/(N−1))."""

    @prim_attr_register
    def __init__(self, periodic=True, dtype=mstype.float32):
        _bool("BlackmanWindow", "periodic", periodic)
        _window_dtype("BlackmanWindow", dtype)
        self.add_prim_attr("max_length", 1000000)

    def _compute(self, n):
        return _cosine_window(n, self.attrs["periodic"], (0.42, -0.5, 0.08), self._dtype())


_TYPE_CODES = {mstype.float16: 1, mstype.float32: 0, mstype.float64: 11}


class HammingWindow(_Window):
    """w[k] = α − β cos(2πk/(N−1)) (a 1-D one-element Int32/Int64 length)."""

    _rank = 1
    _arg = "length"

    @prim_attr_register
    def __init__(self, periodic=True, alpha=0.54, beta=0.46, dtype=mstype.float32):
        _bool("HammingWindow", "periodic", periodic)
        for arg, value in (("alpha", alpha), ("beta", beta)):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"For 'HammingWindow', the '{arg}' must be a float, but got {type(value).__name__}.")
        _window_dtype("HammingWindow", dtype)
        self._dtype_value = dtype
        self.add_prim_attr("dtype", _TYPE_CODES[dtype])

    def __call__(self, length):
        check.tensor(self.name, "length", length)
        if length.ndim != 1 or length.shape[0] != 1:
            raise ValueError(f"For primitive[{self.name}], the length dim must be equal to 1, but got {length.ndim}.")
        return _Window.__call__(self, length)

    def _dtype(self):
        return self._dtype_value.to_numpy()

    def _compute(self, n):
        # MindSpore keeps float attributes as C floats: alpha and beta are Float32 values.
        a = self.attrs
        alpha, beta = float(np.float32(a["alpha"])), float(np.float32(a["beta"]))
        return _cosine_window(n, a["periodic"], (alpha, -beta), self._dtype())


# --- selection and statistics -------------------------------------------------------------------

def quantiles(x, q, axis, keepdims, ignore_nan):
    """Linear interpolation between the order statistics x₍ⱼ₎, x₍ⱼ₊₁₎ at position q(n − 1)
    (n the count of non-NaN values when ignore_nan; a NaN in the slice gives NaN otherwise);
    the q axis comes first."""
    flat = axis is None
    data = x.reshape(-1) if flat else jnp.moveaxis(x, axis, -1)
    out = (jnp.nanquantile if ignore_nan else jnp.quantile)(data, q, axis=-1, method="linear")
    if keepdims:
        out = jnp.expand_dims(out, tuple(range(1, x.ndim + 1)) if flat else axis + (1 if q.ndim else 0))
    return out.astype(x.dtype)


class Quantile(Primitive):
    """The q-th quantiles of `input` along `dim` (all elements when None), q in [0, 1]."""

    @prim_attr_register
    def __init__(self, dim=None, keep_dims=False, ignore_nan=False):
        if dim is None:
            self.add_prim_attr("dim", 10000)
        elif not check.is_int(dim):
            raise TypeError(f"For 'Quantile', the 'dim' must be an int or None, but got {type(dim).__name__}.")
        _bool("Quantile", "keep_dims", keep_dims)
        _bool("Quantile", "ignore_nan", ignore_nan)

    def __call__(self, input, q):  # noqa: A002
        check.tensor_of(self.name, "input", input, _F)
        check.tensor_of(self.name, "q", q, _F)
        _same_dtype(self.name, ("input", input), ("q", q))
        if q.ndim > 1:
            raise ValueError(f"For '{self.name}', the 'q' must be a scalar or 1-D, but got shape {q.shape}.")
        values = q.asnumpy()
        if values.size and (np.any(values < 0) or np.any(values > 1)):
            raise ValueError(f"For '{self.name}', the 'q' values must be in [0, 1], but got {values}.")
        dim = self.attrs["dim"]
        axis = None if dim == 10000 else check.axis(self.name, "dim", dim, input.ndim)
        return _wrap(self._dispatch((input._value(), q._value(), axis)))

    def _compute(self, x, q, axis):
        return quantiles(x, q, axis, self.attrs["keep_dims"], self.attrs["ignore_nan"])


_REAL_NUMBERS = (mstype.int8, mstype.int16, mstype.int32, mstype.int64, mstype.uint8, mstype.uint16,
                 mstype.float16, mstype.float32, mstype.float64)


class NthElement(Primitive):
    """The n-th smallest value (the n-th largest with `reverse`) of each last-axis vector."""

    @prim_attr_register
    def __init__(self, reverse=False):
        _bool("NthElement", "reverse", reverse)

    def __call__(self, input, n):  # noqa: A002
        check.tensor_of(self.name, "input", input, _REAL_NUMBERS)
        if input.ndim < 1:
            raise ValueError(f"For primitive[{self.name}], the input shape must be greater than or equal to 1, "
                             f"but got 0.")
        if isinstance(n, Tensor):
            check.tensor_of(self.name, "n", n, (mstype.int32,))
            n = int(n.asnumpy().reshape(-1)[0])
        elif not check.is_int(n):
            raise TypeError(f"For '{self.name}', the 'n' must be an int or an Int32 Tensor, "
                            f"but got {type(n).__name__}.")
        if n < 0:
            raise ValueError(f"For primitive[{self.name}], the n_value must be greater than or equal to 0, "
                             f"but got {n}.")
        if n >= input.shape[-1]:
            raise ValueError(f"For primitive[{self.name}], the n_value must be less than {input.shape[-1]}, "
                             f"but got {n}.")
        return _wrap(self._dispatch((input._value(), int(n))))

    def _compute(self, x, n):
        ordered = jnp.sort(x, axis=-1)
        return ordered[..., -1 - n] if self.attrs["reverse"] else ordered[..., n]


class HistogramFixedWidth(Primitive):
    """Counts of `x` in `nbins` equal bins spanning range = [low, high): values below low count
    in the first bin, values at or above high in the last."""

    @prim_attr_register
    def __init__(self, nbins, dtype="int32"):
        if not check.is_int(nbins) or nbins < 1:
            raise ValueError(f"For 'HistogramFixedWidth', the 'nbins' must be int and must >= 1, "
                             f"but got '{nbins}' with type '{type(nbins).__name__}'.")
        if dtype != "int32":
            raise ValueError(f"For 'HistogramFixedWidth', the 'dtype' must be str and must be in '['int32']', "
                             f"but got '{dtype}'.")
        self.add_prim_attr("dtype", 3)

    def __call__(self, x, range):  # noqa: A002 - MindSpore's name
        numbers = (mstype.int32, mstype.int64, mstype.float16, mstype.float32, mstype.float64)
        check.tensor_of(self.name, "x", x, numbers)
        check.tensor_of(self.name, "range", range, numbers)
        _same_dtype(self.name, ("x", x), ("range", range))
        if range.shape != (2,):
            raise ValueError(f"For '{self.name}', the 'range' must have shape (2,), but got {range.shape}.")
        return _wrap(self._dispatch((x._value(), range._value())))

    def _compute(self, x, value_range):
        nbins = self.attrs["nbins"]
        x = x.reshape(-1).astype(np.float64)
        low, high = value_range[0].astype(np.float64), value_range[1].astype(np.float64)
        index = jnp.clip(jnp.floor((x - low) / (high - low) * nbins), 0, nbins - 1).astype(np.int32)
        return jnp.zeros((nbins,), np.int32).at[index].add(1)


class InTopK(Primitive):
    """Whether each row's target class x2[i] is among the k largest predictions x1[i] (ties
    count in; a NaN prediction or an index outside [0, classes) gives False)."""

    @prim_attr_register
    def __init__(self, k):
        if not check.is_int(k):
            raise TypeError(f"For 'InTopK', the 'k' must be an int, but got {type(k).__name__}.")

    def __call__(self, x1, x2):
        check.tensor_of(self.name, "x1", x1, (mstype.float16, mstype.float32))
        check.tensor_of(self.name, "x2", x2, (mstype.int32, mstype.int64))
        if x1.ndim != 2 or x2.ndim != 1 or x2.shape[0] != x1.shape[0]:
            raise ValueError(f"For '{self.name}', 'x1' must be 2-D (batch, classes) and 'x2' 1-D of the batch "
                             f"size, but got shapes {x1.shape} and {x2.shape}.")
        return _wrap(self._dispatch((x1._value(), x2._value())))

    def _compute(self, x1, x2):
        classes = x1.shape[1]
        valid = (x2 >= 0) & (x2 < classes)
        target = jnp.take_along_axis(x1, jnp.clip(x2, 0, max(classes - 1, 0))[:, None].astype(np.int32), 1)
        greater = jnp.sum(x1 > target, axis=1)
        finite = ~jnp.isnan(target[:, 0]) & ~jnp.any(jnp.isnan(x1), axis=1)
        return valid & finite & (greater < self.attrs["k"])


class CompareAndBitpack(Primitive):
    """x > threshold packed eight to a UInt8 along the last axis, the first element in the high
    bit; for Bool x, MindSpore packs x itself with the first element in the low bit."""

    def __init__(self):
        Primitive.__init__(self, "CompareAndBitpack")

    def __call__(self, x, threshold):
        allowed = (mstype.bool_, mstype.int8, mstype.int16, mstype.int32, mstype.int64, mstype.float16,
                   mstype.float32, mstype.float64)
        check.tensor_of(self.name, "x", x, allowed)
        check.tensor_of(self.name, "threshold", threshold, allowed)
        _same_dtype(self.name, ("x", x), ("threshold", threshold))
        if threshold.ndim != 0:
            raise ValueError(f"For primitive[{self.name}], the threshold's rank' must be equal to 0, "
                             f"but got {threshold.ndim}.")
        if x.ndim < 1 or x.shape[-1] % 8:
            raise ValueError(f"For primitive[{self.name}], the attribute[x innermost dimension % 8] must be "
                             f"equal to 0, but got {x.shape[-1] % 8 if x.ndim else 'a scalar'}.")
        return _wrap(self._dispatch((x._value(), threshold._value())))

    def _compute(self, x, threshold):
        if x.dtype == np.bool_:
            bits, weights = x, 1 << np.arange(8)
        else:
            bits, weights = x > threshold, 1 << np.arange(7, -1, -1)
        grouped = bits.reshape(x.shape[:-1] + (x.shape[-1] // 8, 8)).astype(np.int32)
        return jnp.sum(grouped * weights, axis=-1).astype(np.uint8)


def _levenshtein(hyp, hyp_len, truth, truth_len):
    """Edit distances of padded sequence batches (G, L) with their lengths (G,)."""
    length = truth.shape[1]
    row0 = jnp.broadcast_to(jnp.arange(length + 1), (hyp.shape[0], length + 1))

    def step(row, inputs):
        i, token = inputs
        first = jnp.full((hyp.shape[0], 1), i + 1)
        subst = row[:, :-1] + (token[:, None] != truth)
        delete = row[:, 1:] + 1

        def cell(left, j):
            value = jnp.minimum(jnp.minimum(subst[:, j], delete[:, j]), left + 1)
            return value, value

        _, rest = jax.lax.scan(cell, first[:, 0], jnp.arange(length))
        new = jnp.concatenate([first, rest.T], axis=1)
        keep = (i < hyp_len)[:, None]
        return jnp.where(keep, new, row), None

    tokens = hyp.T
    final, _ = jax.lax.scan(step, row0, (jnp.arange(hyp.shape[1]), tokens))
    return jnp.take_along_axis(final, truth_len[:, None], axis=1)[:, 0]


def _sequences(indices, values, groups_shape, width):
    """Values grouped by their leading indices (in order of appearance) into a (G, width) array."""
    g = jnp.ravel_multi_index(tuple(indices[:, d] for d in range(indices.shape[1] - 1)), groups_shape,
                              mode="clip") if len(groups_shape) else jnp.zeros(indices.shape[0], np.int32)
    n = indices.shape[0]
    earlier = (g[None, :] == g[:, None]) & (jnp.arange(n)[None, :] < jnp.arange(n)[:, None])
    position = jnp.sum(earlier, axis=1)
    groups = int(np.prod(groups_shape))
    padded = jnp.zeros((groups, max(width, 1)), values.dtype).at[g, position].set(values, mode="drop")
    lengths = jnp.zeros((groups,), np.int32).at[g].add(1)
    return padded, lengths


class EditDistance(Primitive):
    """Levenshtein distances between the sequences of two sparse tensors (indices, values,
    shape), one per position of the leading R−1 axes; divided by the truth length when
    `normalize` (an empty truth gives inf, or NaN against an empty hypothesis)."""

    @prim_attr_register
    def __init__(self, normalize=True):
        _bool("EditDistance", "normalize", normalize)

    def __call__(self, hypothesis_indices, hypothesis_values, hypothesis_shape, truth_indices, truth_values,
                 truth_shape):
        parts = {}
        for side, (idx, val, shp) in (("hypothesis", (hypothesis_indices, hypothesis_values, hypothesis_shape)),
                                      ("truth", (truth_indices, truth_values, truth_shape))):
            check.tensor_of(self.name, f"{side}_indices", idx, (mstype.int64,))
            check.tensor(self.name, f"{side}_values", val)
            check.tensor_of(self.name, f"{side}_shape", shp, (mstype.int64,))
            if idx.ndim != 2 or val.ndim != 1 or val.shape[0] != idx.shape[0] or shp.shape != (idx.shape[1],):
                raise ValueError(f"For '{self.name}', '{side}_indices' must be (N, R), '{side}_values' (N,) and "
                                 f"'{side}_shape' (R,), but got {idx.shape}, {val.shape} and {shp.shape}.")
            parts[side] = tuple(int(v) for v in shp.asnumpy())
        if hypothesis_values.dtype != truth_values.dtype:
            raise TypeError(f"For '{self.name}', 'hypothesis_values' and 'truth_values' must have one dtype, "
                            f"but got {hypothesis_values.dtype} and {truth_values.dtype}.")
        if len(parts["hypothesis"]) != len(parts["truth"]) or len(parts["truth"]) < 1:
            raise ValueError(f"For '{self.name}', both shapes must have the same rank >= 1, "
                             f"but got {parts['hypothesis']} and {parts['truth']}.")
        out_shape = tuple(max(a, b) for a, b in zip(parts["hypothesis"][:-1], parts["truth"][:-1]))
        return _wrap(self._dispatch((hypothesis_indices._value(), hypothesis_values._value(),
                                     truth_indices._value(), truth_values._value(), out_shape,
                                     parts["hypothesis"][-1], parts["truth"][-1])))

    def _compute(self, h_idx, h_val, t_idx, t_val, out_shape, h_width, t_width):
        hyp, hyp_len = _sequences(h_idx, h_val, out_shape, max(h_idx.shape[0], 1))
        truth, truth_len = _sequences(t_idx, t_val, out_shape, max(t_idx.shape[0], 1))
        distance = _levenshtein(hyp, hyp_len, truth, truth_len).astype(np.float32)
        if self.attrs["normalize"]:
            distance = distance / truth_len.astype(np.float32)
        return distance.reshape(out_shape)


__all__ = ["Geqrf", "Orgqr", "Ormqr", "LuSolve", "LuUnpack", "MatrixDiagV3", "MatrixDiagPartV3",
           "MatrixSetDiagV3", "MatrixLogarithm", "MatrixSolveLs", "NuclearNorm", "TridiagonalMatMul",
           "ConjugateTranspose", "FFTWithSize", "STFT", "BartlettWindow", "BlackmanWindow", "HammingWindow",
           "Quantile", "NthElement", "HistogramFixedWidth", "InTopK", "CompareAndBitpack", "EditDistance"]
