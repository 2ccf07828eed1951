"""Function forms of the linear algebra, spectral, selection and sampling primitives of
`operations.linalg_random_ops` and `operations.sampling_ops` (MindSpore's `ops.geqrf`,
`ops.lu_solve`, `ops.matrix_diag`, `ops.stft`, the window functions, `ops.hfft2`...,
`ops.shuffle`, the candidate samplers).

Windows of length N (N + 1 points, the last dropped, when periodic): Hann ½ − ½ cos(2πn/(N−1)),
Kaiser I₀(β √(1 − ((n − α)/α)²)) / I₀(β) with α = (N − 1)/2. hann_window and kaiser_window
compute in Float64 and return Float64 unless `dtype` is given (MindSpore builds them in
NumPy); a length of 0 or 1 gives Float64 zeros/ones whatever `dtype` (as MindSpore's).

Hermitian transforms: hfftn(x) = irfftn(conj(x)) with the forward/backward scaling swapped
(a real signal whose spectrum is x), ihfftn(x) = conj(rfftn(x)) likewise.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from .. import operations as P
from ..operations import _arg_checks as check
from ..operations import linalg_random_ops as L
from ..operations import random_ops, sampling_ops as S
from ..operations.linalg_ops import linalg_function
from .._constants import constant
from .random_func import _sample
from .spectral_func import _axes_and_sizes, _check_input, _check_norm, _working

_cached: dict = {}


def _prim(cls, *args):
    """One primitive instance per (class, arguments), as MindSpore's _get_cache_prim: a random
    primitive's stream then advances from call to call."""
    key = (cls, args)
    op = _cached.get(key)
    if op is None:
        op = _cached[key] = cls(*args)
    return op


# --- linear algebra ---------------------------------------------------------------------------

def geqrf(input):  # noqa: A002 - MindSpore's names
    """(y, τ) of the QR decomposition as LAPACK's geqrf stores it (see Geqrf)."""
    return _prim(L.Geqrf)(input)


def orgqr(input, input2):  # noqa: A002
    """The first n columns of Q from geqrf's (input, τ = input2)."""
    return _prim(L.Orgqr)(input, input2)


def ormqr(input, tau, other, left=True, transpose=False):  # noqa: A002
    """Q·other (or other·Q; Qᴴ with `transpose`), Q from geqrf's (input, tau)."""
    return _prim(L.Ormqr, left, transpose)(input, tau, other)


def lu_solve(b, LU_data, LU_pivots):  # noqa: N803 - MindSpore's names
    """x with A x = b, A = P L U given by getrf's (LU_data, LU_pivots)."""
    return _prim(L.LuSolve)(b, LU_data, LU_pivots)


def lu_unpack(LU_data, LU_pivots, unpack_data=True, unpack_pivots=True):  # noqa: N803
    """(P, L, U) with A = P L U; P is None without `unpack_pivots`, L and U None without
    `unpack_data` (MindSpore's function form)."""
    L._bool("lu_unpack", "unpack_data", unpack_data)
    L._bool("lu_unpack", "unpack_pivots", unpack_pivots)
    p, lower, upper = _prim(L.LuUnpack, True, True)(LU_data, LU_pivots)
    return (p if unpack_pivots else None, lower if unpack_data else None, upper if unpack_data else None)


def _int32(op, arg, value):
    if check.is_int(value):
        return constant(np.asarray(value, np.int32))
    if not isinstance(value, Tensor):
        raise TypeError(f"For '{op}', the '{arg}' must be an int or an Int32 Tensor, but got {type(value).__name__}.")
    return value


def _like(op, x, value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        check.tensor(op, "x", x)
        return constant(np.asarray(value, x.dtype.to_numpy()))
    return value


def matrix_diag(x, k=0, num_rows=-1, num_cols=-1, padding_value=0, align="RIGHT_LEFT"):
    """Matrices with the diagonals k (an int or Int32 Tensor of one or two values) from x."""
    return _prim(L.MatrixDiagV3, align)(x, _int32("matrix_diag", "k", k), _int32("matrix_diag", "num_rows", num_rows),
                                       _int32("matrix_diag", "num_cols", num_cols),
                                       _like("matrix_diag", x, padding_value))


def matrix_diag_part(x, k, padding_value, align="RIGHT_LEFT"):
    """The diagonals k of each matrix of x, padded with padding_value (Tensors, as MindSpore)."""
    for arg, value in (("k", k), ("padding_value", padding_value)):
        if not isinstance(value, Tensor):
            raise TypeError(f"For 'MatrixDiagPartV3', the '{arg}' must be a Tensor, but got {type(value).__name__}.")
    return _prim(L.MatrixDiagPartV3, align)(x, k, padding_value)


def matrix_set_diag(x, diagonal, k=0, align="RIGHT_LEFT"):
    """x with its diagonals k replaced by `diagonal`."""
    return _prim(L.MatrixSetDiagV3, align)(x, diagonal, _int32("matrix_set_diag", "k", k))


# --- spectral ---------------------------------------------------------------------------------

_SWAP = {"backward": "forward", "forward": "backward", "ortho": "ortho"}


def _hermitian(x, kind, sizes, axes, norm):
    x = _working(x)
    if kind == "hfftn":
        return jnp.fft.irfftn(jnp.conj(x.astype(jnp.result_type(x, np.complex64))), s=sizes, axes=axes,
                              norm=_SWAP[norm])
    return jnp.conj(jnp.fft.rfftn(x, s=sizes, axes=axes, norm=_SWAP[norm]))


def _hermitian_call(op, kind, input, s, dim, norm):  # noqa: A002
    _check_input(op, input)
    if kind == "ihfftn" and input.dtype.kind == "complex":
        raise TypeError(f"For '{op}', the 'input' must be a real Tensor, but got {input.dtype}.")
    axes, s = _axes_and_sizes(op, input, s, dim)
    return linalg_function(op.upper(), _hermitian, kind=kind, sizes=s, axes=axes, norm=_check_norm(op, norm))(input)


def hfft2(input, s=None, dim=(-2, -1), norm=None):  # noqa: A002
    """The 2-D FFT of a Hermitian-symmetric signal (a real output; see the module docstring)."""
    return _hermitian_call("hfft2", "hfftn", input, s, dim, norm)


def hfftn(input, s=None, dim=None, norm=None):  # noqa: A002
    """The N-D FFT of a Hermitian-symmetric signal."""
    return _hermitian_call("hfftn", "hfftn", input, s, dim, norm)


def ihfft2(input, s=None, dim=(-2, -1), norm=None):  # noqa: A002
    """The inverse of hfft2: the one-sided spectrum of a real input."""
    return _hermitian_call("ihfft2", "ihfftn", input, s, dim, norm)


def ihfftn(input, s=None, dim=None, norm=None):  # noqa: A002
    """The inverse of hfftn."""
    return _hermitian_call("ihfftn", "ihfftn", input, s, dim, norm)


_PAD_MODES = {"REFLECT": "reflect", "CONSTANT": "constant", "SYMMETRIC": "symmetric"}


def _center(x, pad, mode):
    widths = [(0, 0)] * (x.ndim - 1) + [(pad, pad)]
    return jnp.pad(x, widths, mode=mode)


def stft(x, n_fft, hop_length=None, win_length=None, window=None, center=True, pad_mode="REFLECT",
         normalized=False, onesided=None, return_complex=None):
    """The short-time Fourier transform X[ω, m] = Σₖ w[k] x[m·hop + k] e^{−2πiωk/n_fft} of 1-D
    or 2-D x: hop n_fft//4 and a window of n_fft ones by default, x padded by n_fft//2 on both
    sides (`pad_mode`) when `center`; (*, freq, frames) complex, or (*, freq, frames, 2)."""
    check.tensor("stft", "x", x)
    check.int_value("stft", "n_fft", n_fft, 1)
    hop_length = n_fft // 4 if hop_length is None else hop_length
    win_length = n_fft if win_length is None else win_length
    check.int_value("stft", "hop_length", hop_length, 1)
    check.int_value("stft", "win_length", win_length, 1)
    if window is None:
        window = constant(np.ones((win_length,), np.float32))
    check.tensor("stft", "window", window)
    for arg, value in (("center", center), ("normalized", normalized)):
        L._bool("stft", arg, value)
    if not isinstance(pad_mode, str):
        raise TypeError(f"For 'stft', the 'pad_mode' must be a str, but got {type(pad_mode).__name__}.")
    if pad_mode.upper() not in _PAD_MODES:
        raise ValueError(f"For 'stft', the 'pad_mode' must be one of {list(_PAD_MODES)}, but got {pad_mode!r}.")
    complex_input = x.dtype.kind == "complex" or window.dtype.kind == "complex"
    onesided = (not complex_input) if onesided is None else onesided
    return_complex = complex_input if return_complex is None else return_complex
    L._bool("stft", "onesided", onesided)
    L._bool("stft", "return_complex", return_complex)
    if x.ndim not in (1, 2):
        raise ValueError(f"For 'stft', expected a 1-D tensor or a 2-D tensor, but got {x.ndim}")
    if center:
        mode = _PAD_MODES[pad_mode.upper()]
        if mode == "reflect" and x.shape[-1] <= n_fft // 2:
            raise ValueError(f"For 'stft', reflect padding by {n_fft // 2} needs a signal longer than that, "
                             f"but got length {x.shape[-1]}.")
        x = linalg_function("StftPad", _center, pad=n_fft // 2, mode=mode)(x)
    return _prim(L.STFT, n_fft, hop_length, win_length, normalized, onesided, return_complex)(x, window)


def bartlett_window(window_length, periodic=True, *, dtype=None):
    """w[n] = 1 − |2n/(N−1) − 1| (window_length a 0-D integer Tensor)."""
    return _prim(L.BartlettWindow, periodic, mstype.float32 if dtype is None else dtype)(window_length)


def blackman_window(window_length, periodic=True, *, dtype=None):
    """w[n] = 0.42 − 0.5 cos(2πn/(N−1)) + 0.08 cos(4πn/(N−1))."""
    return _prim(L.BlackmanWindow, periodic, mstype.float32 if dtype is None else dtype)(window_length)


def _length(op, window_length, label):
    if not isinstance(window_length, int) or isinstance(window_length, bool):
        raise TypeError(f"For '{op}', 'window_length' must be {label}, but got {type(window_length)}")
    if window_length < 0:
        raise ValueError(f"For '{op}', 'window_length' must be a non-negative integer, but got {window_length}")


def _float_dtype(op, dtype):
    if dtype is not None and dtype not in (mstype.float16, mstype.float32, mstype.float64, mstype.bfloat16):
        raise TypeError(f"For '{op}', 'dtype' must be floating point dtypes, but got {dtype}.")


def _ones_window(n):
    return P.Ones()((n,), mstype.float64)


def hamming_window(window_length, periodic=True, alpha=0.54, beta=0.46, *, dtype=None):
    """w[n] = α − β cos(2πn/(N−1))."""
    _length("hamming_window", window_length, "int")
    if not isinstance(periodic, bool):
        raise TypeError(f"For array function 'hamming_window', 'periodic' must be bool, but got {type(periodic)}.")
    for arg, value in (("alpha", alpha), ("beta", beta)):
        if not isinstance(value, float):
            raise TypeError(f"For array function 'hamming_window', '{arg}' must be float, but got {type(value)}.")
    if window_length <= 1:
        return _ones_window(window_length)
    _float_dtype("hamming_window", dtype)
    op = _prim(L.HammingWindow, periodic, alpha, beta, mstype.float32 if dtype is None else dtype)
    return op(constant(np.array([window_length], np.int32)))


def _numpy_style_window(op, window_length, periodic, dtype, coefficients=None, beta=None):
    _length(op, window_length, "a non-negative integer")
    if not isinstance(periodic, (bool, np.bool_)):
        raise TypeError(f"For '{op}', 'periodic' must be a variable of Boolean type, but got {type(periodic)}")
    if window_length <= 1:
        return _ones_window(window_length)
    _float_dtype(op, dtype)
    out = linalg_function(op, _numpy_window, n=window_length, periodic=bool(periodic), beta=beta)()
    return out if dtype is None else P.Cast()(out, dtype)


def _numpy_window(n, periodic, beta):
    size = n + 1 if periodic else n
    k = jnp.arange(n, dtype=np.float64)
    if beta is None:
        return 0.5 - 0.5 * jnp.cos(2 * np.pi / (size - 1) * k)
    alpha = (size - 1) / 2.0
    return jnp.i0(beta * jnp.sqrt(1 - ((k - alpha) / alpha) ** 2)) / jnp.i0(jnp.float64(beta))


def hann_window(window_length, periodic=True, *, dtype=None):
    """w[n] = ½ − ½ cos(2πn/(N−1)); Float64 unless `dtype`."""
    return _numpy_style_window("hann_window", window_length, periodic, dtype)


def kaiser_window(window_length, periodic=True, beta=12.0, *, dtype=None):
    """w[n] = I₀(β √(1 − ((n − α)/α)²)) / I₀(β), α = (N − 1)/2; Float64 unless `dtype`."""
    if not isinstance(periodic, bool):
        raise TypeError(f"For 'kaiser_window', 'periodic' must be a variable of Boolean type, "
                        f"but got {type(periodic)}")
    if isinstance(beta, bool) or not isinstance(beta, (int, float)):
        raise TypeError(f"For 'kaiser_window', 'beta' must be a float, but got {type(beta)}")
    return _numpy_style_window("kaiser_window", window_length, periodic, dtype, beta=float(beta))


# --- selection, statistics, sparse ------------------------------------------------------------

def intopk(x1, x2, k):
    """Whether each target x2[i] is among the k largest of x1[i]."""
    return _prim(L.InTopK, k)(x1, x2)


def _segment_mean(x, indices, segment_ids, segments):
    rows = x[indices]
    total = jax.ops.segment_sum(rows, segment_ids, num_segments=segments)
    count = jax.ops.segment_sum(jnp.ones(segment_ids.shape, x.dtype), segment_ids, num_segments=segments)
    shape = (segments,) + (1,) * (x.ndim - 1)
    return jnp.where(count.reshape(shape) > 0, total / jnp.maximum(count, 1).reshape(shape), 0).astype(x.dtype)


def sparse_segment_mean(x, indices, segment_ids):
    """out[s] = mean of x[indices[j]] over j with segment_ids[j] = s (sorted ids; empty segments
    below the largest id are 0)."""
    op = "SparseSegmentMean"
    check.tensor_of(op, "x", x, (mstype.float16, mstype.float32, mstype.float64))
    check.tensor_of(op, "indices", indices, (mstype.int32, mstype.int64))
    check.tensor_of(op, "segment_ids", segment_ids, (mstype.int32, mstype.int64))
    if x.ndim < 1 or indices.ndim != 1 or segment_ids.shape != indices.shape:
        raise ValueError(f"For '{op}', 'indices' and 'segment_ids' must be 1-D of one length and 'x' at least 1-D, "
                         f"but got shapes {x.shape}, {indices.shape} and {segment_ids.shape}.")
    if indices.dtype != segment_ids.dtype:
        raise TypeError(f"For '{op}', 'indices' and 'segment_ids' must have one dtype, "
                        f"but got {indices.dtype} and {segment_ids.dtype}.")
    index, ids = indices.asnumpy(), segment_ids.asnumpy()
    if index.size and (index.min() < 0 or index.max() >= x.shape[0]):
        raise ValueError(f"For '{op}', the 'indices' must be in range [0, {x.shape[0]}), but got {index}.")
    if ids.size and (ids.min() < 0 or np.any(np.diff(ids) < 0)):
        raise ValueError(f"For '{op}', the 'segment_ids' must be sorted non-negative ints, but got {ids}.")
    segments = int(ids.max()) + 1 if ids.size else 0
    return linalg_function(op, _segment_mean, segments=segments)(x, indices, segment_ids)


def _as_real(x):
    return jnp.stack([jnp.real(x), jnp.imag(x)], axis=-1)


def view_as_real(input):  # noqa: A002
    """A complex tensor as real (..., 2): real and imaginary parts on a new last axis."""
    check.tensor("view_as_real", "input", input)
    if input.dtype.kind != "complex":
        raise TypeError("For view_as_real, the dtype of input Tensor must be complex.")
    return linalg_function("ViewAsReal", _as_real)(input)


def pows(input, exponent):  # noqa: A002
    """input ** exponent with a Python number exponent (MindSpore's Pows: `ops.pow` with a scalar)."""
    if isinstance(exponent, bool) or not isinstance(exponent, (int, float, Tensor)):
        raise TypeError(f"For 'pows', the 'exponent' must be a number or a Tensor, but got {type(exponent).__name__}.")
    return P.Pow()(input, exponent)


def _coalesced(indices, values, total):
    rank = indices.shape[0]
    order = jnp.lexsort(tuple(indices[d] for d in range(rank - 1, -1, -1))) if rank else jnp.arange(0)
    sorted_idx = indices[:, order]
    first = jnp.concatenate([jnp.ones((1,), bool), jnp.any(sorted_idx[:, 1:] != sorted_idx[:, :-1], axis=0)])
    group = jnp.cumsum(first) - 1
    summed = jax.ops.segment_sum(values[order], group, num_segments=total)
    starts = jnp.nonzero(first, size=total)[0]
    return sorted_idx[:, starts], summed


def coalesce(x_indices, x_values, x_shape):
    """The sparse COO tensor (x_indices (R, N), x_values (N,), x_shape (R,)) with its indices
    sorted and duplicates summed: (indices (R, M), values (M,), shape)."""
    op = "Coalesce"
    check.tensor_of(op, "x_indices", x_indices, (mstype.int64,))
    check.tensor_of(op, "x_values", x_values, (mstype.float16, mstype.float32, mstype.float64))
    check.tensor_of(op, "x_shape", x_shape, (mstype.int64,))
    if x_indices.ndim != 2 or x_values.shape != (x_indices.shape[1],) or x_shape.shape != (x_indices.shape[0],):
        raise ValueError(f"For {op}, 'x_indices' must be (R, N), 'x_values' (N,) and 'x_shape' (R,), but got "
                         f"{x_indices.shape}, {x_values.shape} and {x_shape.shape}.")
    index, shape = x_indices.asnumpy(), x_shape.asnumpy()
    for d in range(index.shape[0]):
        for j in range(index.shape[1]):
            if not 0 <= index[d, j] < shape[d]:
                raise ValueError(f"For {op}, values of elements of x_indices can not exceed the limit set by x_shape, "
                                 f"but got x_indices[{d}][{j}] = {index[d, j]}, got x_shape[{d}] = {shape[d]}")
    total = len({tuple(column) for column in index.T})
    indices, values = linalg_function(op, _coalesced, total=total)(x_indices, x_values)
    return indices, values, x_shape


# --- sampling ---------------------------------------------------------------------------------

def _shuffle(key, x):
    return x if x.ndim == 0 else jax.random.permutation(key, x, axis=0, independent=False)


def shuffle(x, seed=None):
    """x with its first axis in random order (the global stream when seed is None)."""
    check.tensor("shuffle", "x", x)
    return _sample("shuffle", _shuffle, seed, x)


def _choice(key, mask, count):
    return S.masked_choice(key, mask, count)


def choice_with_mask(input_x, count=256, seed=None):
    """(indices (count, rank) Int32, mask (count,) Bool): random positions of True elements."""
    check.tensor_of("RandomChoiceWithMask", "input_x", input_x, (mstype.bool_,))
    if not check.is_int(count) or count <= 0:
        raise ValueError(f"For 'RandomChoiceWithMask', the 'count' must be int and must > 0, but got '{count}'.")
    if not 1 <= input_x.ndim <= 5:
        raise ValueError(f"For 'RandomChoiceWithMask', the rank of 'input_x' must be in [1, 5], "
                         f"but got {input_x.ndim}.")
    return _sample("choice_with_mask", _choice, seed, input_x, count=int(count))


def log_uniform_candidate_sampler(true_classes, num_true=1, num_sampled=5, unique=True, range_max=5, seed=0):
    """(sampled, true_expected_count, sampled_expected_count) of the log-uniform sampler."""
    return _prim(S.LogUniformCandidateSampler, num_true, num_sampled, unique, range_max, seed)(true_classes)


def uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max, seed=0,
                              remove_accidental_hits=False):
    """(sampled, true_expected_count, sampled_expected_count) of the uniform sampler."""
    return _prim(S.UniformCandidateSampler, num_true, num_sampled, unique, range_max, seed,
                 remove_accidental_hits)(true_classes)


def _int64_scalar(value):
    return constant(np.asarray(value, np.int64)) if check.is_int(value) else value


def multinomial_with_replacement(x, seed, offset, numsamples, replacement=False):
    """`numsamples` Int64 class indices per row of x, keyed by (seed, offset) (ints or Int64
    Tensors): one draw of them, call after call (MindSpore)."""
    draw = S.MultinomialWithReplacement(numsamples, replacement)
    draw._key_source = random_ops.FIXED_KEY  # a new primitive's first draw, which a replay draws again
    return draw(x, _int64_scalar(seed), _int64_scalar(offset))


__all__ = ["geqrf", "orgqr", "ormqr", "lu_solve", "lu_unpack", "matrix_diag", "matrix_diag_part", "matrix_set_diag",
           "hfft2", "hfftn", "ihfft2", "ihfftn", "stft", "bartlett_window", "blackman_window", "hamming_window",
           "hann_window", "kaiser_window", "intopk", "sparse_segment_mean", "view_as_real", "pows", "coalesce",
           "shuffle", "choice_with_mask", "log_uniform_candidate_sampler", "uniform_candidate_sampler",
           "multinomial_with_replacement"]
