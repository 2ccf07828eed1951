"""The prim2 differential cases: QR/LU, the MatrixDiagV3 family, matrix functions, FFT with
sizes, STFT and windows, selection/statistics primitives, and the argument errors of the
sampling primitives (see differential_cases.py for the helpers).

Integer Tensor arguments come from value kinds: 'const:c' gives round(3c) for an integer
dtype (so 'const:1' is 3), 'arange' 0, 1, 2, ...

Random sampling values are not compared (MindSpore's bits are Philox's): their distributions,
seeds and dtypes are tested in tests/ops/test_prim2_sampling.py; here only the errors.
"""
from __future__ import annotations

import numpy as np
import scipy.linalg

from differential_cases import D, T, call, error  # noqa: F401

K0 = T((), "int32", "arange")            # k = 0
K1 = T((), "int32", "const:0.3334")      # k = 1
KM1 = T((), "int32", "const:-0.3334")    # k = -1
BAND01 = T((2,), "int32", "arange")      # k = (0, 1)
AUTO = T((), "int32", "const:-0.3334")   # num_rows / num_cols = -1
FOUR = T((), "int32", "const:1.3334")    # 4
PIV3 = T((3,), "int32", "const:1")       # LAPACK pivots 3, 3, 3
LEN5 = T((), "int32", "const:1.6667")    # window length 5

CASES = [
    # --- QR ----------------------------------------------------------------------------------------
    call("ops.geqrf", T((4, 3))),
    call("ops.geqrf", T((2, 3, 2), "float64")),
    call("ops.geqrf", T((3, 3), "float16")),
    call("ops.Geqrf", T((3, 4)), init=(), graph=True),
    error("ops.geqrf", T((3,))),
    error("ops.geqrf", T((3, 3), "int32", "int")),
    call("ops.orgqr", T((4, 3)), T((3,)), graph=True),
    call("ops.orgqr", T((2, 3, 2), "float64"), T((2, 2), "float64")),
    call("ops.Orgqr", T((3, 3)), T((2,)), init=()),
    error("ops.orgqr", T((3, 3)), T((3,), "float16")),
    error("ops.orgqr", T((4, 3)), T((3,), "float64")),
    call("ops.ormqr", T((4, 3)), T((3,)), T((4, 2))),
    call("ops.ormqr", T((4, 3), "float64"), T((3,), "float64"), T((2, 4), "float64"), left=False, transpose=True),
    call("ops.Ormqr", T((3, 3)), T((3,)), T((3, 3)), init=(True, True)),
    # --- LU ----------------------------------------------------------------------------------------
    call("ops.lu_solve", T((3, 1)), T((3, 3)), PIV3, graph=True),
    call("ops.lu_solve", T((3, 2), "float64"), T((3, 3), "float64"), PIV3),
    call("ops.lu_solve", T((2, 3, 2)), T((3, 3)), PIV3),
    call("ops.lu_solve", T((3, 1), "float16"), T((3, 3), "float16"), PIV3),
    call("ops.LuSolve", T((3, 2)), T((3, 3)), PIV3, init=()),
    error("ops.lu_solve", T((3, 1), "float64"), T((3, 3)), PIV3),
    error("ops.lu_solve", T((3, 1)), T((3, 3)), T((3,), "int64", "const:1")),
    call("ops.lu_unpack", T((3, 3)), PIV3),
    call("ops.lu_unpack", T((3, 3), "float64"), T((3,), "int64", "const:1")),
    call("ops.lu_unpack", T((4, 3)), PIV3),
    call("ops.lu_unpack", T((2, 3, 3)), T((2, 3), "int32", "const:1")),
    call("ops.LuUnpack", T((3, 3)), T((3,), "int8", "const:1"), init=(), graph=True),
    error("ops.lu_unpack", T((3, 3)), T((3,), "float32")),
    # --- diagonals ---------------------------------------------------------------------------------
    call("ops.matrix_diag", T((2, 3)), grad=True),
    call("ops.matrix_diag", T((3,), "int32", "int")),
    call("ops.matrix_diag", T((2, 3), "float64"), k=K1),
    call("ops.matrix_diag", T((2, 3)), k=KM1, num_rows=FOUR, padding_value=2.5),
    call("ops.matrix_diag", T((2, 2, 3)), k=BAND01, num_cols=FOUR, align="LEFT_RIGHT"),
    call("ops.matrix_diag", T((2, 3)), k=BAND01, align="RIGHT_RIGHT"),
    call("ops.MatrixDiagV3", T((2, 3)), BAND01, AUTO, AUTO, T((), "float32", "const:9"), init=()),
    call("ops.MatrixDiagV3", T((2, 3)), K1, FOUR, AUTO, T((), "float32", "const:0"), init=("LEFT_LEFT",)),
    error("ops.MatrixDiagV3", T((2, 3)), K0, T((1,), "int32", "const:1"), AUTO, T((), "float32"), init=()),
    error("ops.MatrixDiagV3", T((2, 3)), K0, AUTO, AUTO, T((), "int32"), init=()),
    error("ops.MatrixDiagV3", T((2, 3)), T((), "int64", "arange"), AUTO, AUTO, T((), "float32"), init=()),
    call("ops.matrix_diag_part", T((3, 4)), K0, T((), "float32", "const:0"), grad=True),
    call("ops.matrix_diag_part", T((3, 4)), BAND01, T((), "float32", "const:9"), align="LEFT_LEFT"),
    call("ops.matrix_diag_part", T((2, 4, 3), "float64"), BAND01, T((), "float64", "const:9")),
    call("ops.MatrixDiagPartV3", T((3, 4)), KM1, T((), "float32", "const:7"), init=("RIGHT_RIGHT",)),
    call("ops.MatrixDiagPartV3", T((3, 3), "int32", "int"), BAND01, T((), "int32", "const:1"), init=()),
    error("ops.matrix_diag_part", T((3, 4)), T((), "int32", "const:1.6667"), T((), "float32")),
    call("ops.matrix_set_diag", T((3, 4)), T((3,)), grad=True),
    call("ops.matrix_set_diag", T((2, 3, 4), "float64"), T((2, 3), "float64"), k=K1),
    call("ops.MatrixSetDiagV3", T((3, 4)), T((2, 3)), BAND01, init=()),
    call("ops.MatrixSetDiagV3", T((4, 3)), T((2, 3)), BAND01, init=("LEFT_LEFT",)),
    error("ops.matrix_set_diag", T((3, 4)), T((2,))),
    error("ops.MatrixDiagV3", init=("X",)),
    # --- matrix functions and solvers ---------------------------------------------------------------
    call("ops.MatrixLogarithm", T((2, 2), "complex64", "spd"), init=(), graph=True),
    call("ops.MatrixLogarithm", T((2, 3, 3), "complex128", "spd"), init=()),
    error("ops.MatrixLogarithm", T((2, 2), "float32", "spd"), init=()),
    call("ops.MatrixSolveLs", T((4, 3)), T((4, 2)), T((), "float64", "const:0"), init=(), graph=True),
    call("ops.MatrixSolveLs", T((4, 3)), T((4, 2)), T((), "float64", "const:0.5"), init=()),
    call("ops.MatrixSolveLs", T((2, 3)), T((2, 1)), T((), "float64", "const:0.5"), init=()),
    call("ops.MatrixSolveLs", T((2, 4, 3), "float64"), T((2, 4, 2), "float64"), T((), "float64", "const:0.1"),
         init=()),
    call("ops.MatrixSolveLs", T((4, 3)), T((4, 2)), T((), "float64", "const:0.5"), init=(False,)),
    error("ops.MatrixSolveLs", T((4, 3)), T((4, 2)), T((), "float32", "const:0.5"), init=()),
    call("ops.NuclearNorm", T((3, 4)), init=(), graph=True),
    call("ops.NuclearNorm", T((3, 4), "float64"), init=()),
    call("ops.NuclearNorm", T((2, 3, 4)), init=([0, 2], True)),
    call("ops.NuclearNorm", T((2, 3, 4)), init=([-1, 1], False)),
    error("ops.NuclearNorm", T((2, 3, 4)), init=()),
    error("ops.NuclearNorm", T((3,)), init=()),
    error("ops.NuclearNorm", T((3, 3), "float16"), init=()),
    error("ops.NuclearNorm", init=([0],)),
    call("ops.TridiagonalMatMul", T((1, 3)), T((1, 3)), T((1, 3)), T((3, 2)), init=(), graph=True),
    call("ops.TridiagonalMatMul", T((2, 1, 4), "float64"), T((2, 1, 4), "float64"), T((2, 1, 4), "float64"),
         T((2, 4, 3), "float64"), init=()),
    call("ops.TridiagonalMatMul", T((1, 3), "float16"), T((1, 3), "float16"), T((1, 3), "float16"),
         T((3, 2), "float16"), init=()),
    error("ops.TridiagonalMatMul", T((1, 2)), T((1, 3)), T((1, 3)), T((3, 2)), init=()),
    call("ops.ConjugateTranspose", T((2, 3, 4)), (2, 0, 1), init=(), grad=True, graph=True),
    call("ops.ConjugateTranspose", T((2, 3), "complex64"), (1, 0), init=()),
    call("ops.ConjugateTranspose", T((2, 3), "int32", "int"), (1, 0), init=()),
    error("ops.ConjugateTranspose", T((2, 3)), (1, 1), init=()),
    # --- FFT, STFT, windows -----------------------------------------------------------------------
    call("ops.FFTWithSize", T((3, 4), "complex64"), init=(1, False, False), graph=True),
    call("ops.FFTWithSize", T((3, 4), "complex64"), init=(2, True, False, "ortho")),
    call("ops.FFTWithSize", T((2, 3, 4), "complex128"), init=(3, False, False, "forward")),
    call("ops.FFTWithSize", T((3, 4)), init=(1, False, True)),
    call("ops.FFTWithSize", T((3, 4), "float64"), init=(2, False, True, "backward", False)),
    call("ops.FFTWithSize", T((3, 4), "complex64"), init=(1, True, True, "backward", True, (6,))),
    call("ops.FFTWithSize", T((3, 4), "complex64"), init=(2, True, True)),
    error("ops.FFTWithSize", T((3, 4)), init=(1, False, False)),
    call("ops.hfft2", T((3, 4), "complex64")),
    call("ops.hfft2", T((3, 4))),
    call("ops.hfft2", T((3, 4), "complex64"), s=(3, 5), norm="ortho"),
    call("ops.hfftn", T((3, 4), "complex64")),
    call("ops.hfftn", T((3, 4), "complex128"), dim=(0,), norm="forward"),
    call("ops.ihfft2", T((3, 4))),
    call("ops.ihfftn", T((3, 4)), s=(2, 4)),
    call("ops.ihfftn", T((3, 4), "float64"), norm="ortho"),
    call("ops.ihfftn", T((2, 3), "int32", "int")),
    error("ops.hfft2", T((3,), "complex64")),
    call("ops.stft", T((16,)), 4, return_complex=True),
    call("ops.stft", T((16,)), 4),
    call("ops.stft", T((2, 16)), 8, hop_length=3, return_complex=True, pad_mode="CONSTANT", normalized=True,
         onesided=False),
    call("ops.stft", T((16,), "float64"), 4, window=T((4,), "float64", "positive"), center=False),
    call("ops.stft", T((16,)), 4, hop_length=2, win_length=3, window=T((3,), "float32", "positive"),
         center=False, return_complex=True),
    call("ops.STFT", T((16,)), T((4,), "float32", "positive"), init=(4, 2, 4, False, True, True)),
    call("ops.STFT", T((2, 16)), T((2,), "float32", "positive"), init=(4, 1, 2, True, False, False)),
    error("ops.stft", T((2, 2, 16)), 4),
    call("ops.BartlettWindow", LEN5, init=()),
    call("ops.BartlettWindow", T((), "int64", "const:2"), init=(False, D("float64"))),
    call("ops.BartlettWindow", T((), "int32", "const:0.3334"), init=()),
    call("ops.BartlettWindow", T((), "int32", "arange"), init=()),
    call("ops.BartlettWindow", LEN5, init=(True, D("float16"))),
    error("ops.BartlettWindow", T((1,), "int32", "const:1.6667"), init=()),
    error("ops.BartlettWindow", T((), "int32", "const:-0.3334"), init=()),
    error("ops.BartlettWindow", init=(True, D("int32"))),
    call("ops.BlackmanWindow", LEN5, init=()),
    call("ops.BlackmanWindow", T((), "int32", "const:2.3334"), init=(False, D("float64"))),
    error("ops.BlackmanWindow", 5, init=()),
    call("ops.HammingWindow", T((1,), "int64", "const:1.6667"), init=()),
    call("ops.HammingWindow", T((1,), "int32", "const:2"), init=(False, 0.5, 0.5, D("float64"))),
    error("ops.HammingWindow", LEN5, init=()),
    call("ops.bartlett_window", LEN5),
    call("ops.bartlett_window", LEN5, False, dtype=D("float64")),
    call("ops.blackman_window", LEN5, False),
    call("ops.hamming_window", 5),
    call("ops.hamming_window", 6, False, 0.6, 0.4, dtype=D("float64")),
    call("ops.hamming_window", 1),
    call("ops.hamming_window", 0),
    error("ops.hamming_window", 5.0),
    call("ops.hann_window", 5),
    call("ops.hann_window", 6, False),
    call("ops.hann_window", 5, dtype=D("float32")),
    call("ops.hann_window", 1),
    error("ops.hann_window", -1),
    error("ops.hann_window", 5, 1),
    call("ops.kaiser_window", 5),
    call("ops.kaiser_window", 7, False, 3.0),
    call("ops.kaiser_window", 6, dtype=D("float32")),
    call("ops.kaiser_window", 0),
    error("ops.kaiser_window", 5, dtype=D("int32")),
    # --- selection and statistics -------------------------------------------------------------------
    call("ops.NthElement", T((2, 4), "float32", "perm"), 1, init=(), graph=True),
    call("ops.NthElement", T((2, 4), "float32", "perm"), T((), "int32", "const:0.3334"), init=(True,)),
    call("ops.NthElement", T((3, 5), "int32", "int"), 0, init=()),
    call("ops.NthElement", T((5,), "float64"), 4, init=(True,)),
    call("ops.NthElement", T((2, 3), "uint8", "small"), 2, init=()),
    error("ops.NthElement", T((2, 4)), 4, init=()),
    error("ops.NthElement", T((2, 4)), -1, init=()),
    error("ops.NthElement", T((2, 4)), T((), "int64", "arange"), init=()),
    call("ops.Quantile", T((2, 4)), T((2,), "float32", "prob"), init=()),
    call("ops.Quantile", T((2, 4)), T((2,), "float32", "prob"), init=(1, True)),
    call("ops.Quantile", T((3, 4), "float64"), T((), "float64", "prob"), init=(0,)),
    error("ops.Quantile", T((2, 4)), T((2,), "float64", "prob"), init=()),
    error("ops.Quantile", T((2, 4), "int32"), T((2,), "float32", "prob"), init=()),
    call("ops.HistogramFixedWidth", T((3, 4)), T((2,), "float32", "arange"), init=(5,)),
    call("ops.HistogramFixedWidth", T((10,), "int32", "int"), T((2,), "int32", "arange"), init=(3,)),
    error("ops.HistogramFixedWidth", init=(0,)),
    error("ops.HistogramFixedWidth", init=(5, "int64")),
    call("ops.InTopK", T((4, 5)), T((4,), "int32", "index:5"), init=(1,)),
    call("ops.InTopK", T((4, 5)), T((4,), "int64", "index:5"), init=(3,)),
    call("ops.intopk", T((3, 4), "float16"), T((3,), "int32", "index:4"), 2),
    error("ops.InTopK", T((4, 5), "float64"), T((4,), "int32", "index:5"), init=(1,)),
    call("ops.CompareAndBitpack", T((2, 8)), T((), "float32", "const:0"), init=(), graph=True),
    call("ops.CompareAndBitpack", T((3, 16), "float64"), T((), "float64", "const:0.5"), init=()),
    call("ops.CompareAndBitpack", T((16,), "int32", "int"), T((), "int32", "arange"), init=()),
    call("ops.CompareAndBitpack", T((2, 8), "bool"), T((), "bool"), init=()),
    error("ops.CompareAndBitpack", T((6,)), T((), "float32"), init=()),
    error("ops.CompareAndBitpack", T((8,)), T((1,), "float32"), init=()),
    error("ops.EditDistance", T((3, 3), "int32", "small"), T((3,)), T((3,), "int64", "const:1"),
          T((3, 3), "int64", "small"), T((3,)), T((3,), "int64", "const:1"), init=()),
    call("ops.sparse_segment_mean", T((3, 2)), T((3,), "int32", "arange"), T((3,), "int32", "arange")),
    call("ops.sparse_segment_mean", T((4,), "float64"), T((3,), "int64", "index:4"),
         T((3,), "int64", "const:0")),
    call("ops.sparse_segment_mean", T((3, 2), "float16"), T((2,), "int32", "index:3"),
         T((2,), "int32", "const:0.3334")),
    error("ops.sparse_segment_mean", T((3, 2), "int32"), T((3,), "int32", "arange"), T((3,), "int32", "arange")),
    call("ops.view_as_real", T((2, 3), "complex64")),
    call("ops.view_as_real", T((3,), "complex128")),
    error("ops.view_as_real", T((3,))),
    call("ops.pows", T((2, 3)), 2.0),
    call("ops.pows", T((2, 3), "int32", "int"), 2),
    call("ops.pows", T((2, 3), "float32", "positive"), 0.5),
    call("ops.coalesce", T((2, 3), "int64", "arange"), T((3,)), T((2,), "int64", "const:2")),
    error("ops.coalesce", T((2, 3), "int32", "arange"), T((3,)), T((2,), "int64", "const:2")),
    # --- sampling: argument errors ----------------------------------------------------------------
    error("ops.RandomShuffle", init=(-1,)),
    error("ops.RandomChoiceWithMask", init=(0,)),
    error("ops.RandomChoiceWithMask", T((3,)), init=(2, 1)),
    error("ops.LogUniformCandidateSampler", init=(2, 6, True, 5, 1)),
    error("ops.LogUniformCandidateSampler", T((3, 2), "int32", "index:5"), init=(2, 5, True, 5, 1)),
    error("ops.LogUniformCandidateSampler", T((3, 2), "int64", "index:5"), init=(3, 5, True, 5, 1)),
    error("ops.UniformCandidateSampler", T((2, 2), "float32"), init=(2, 5, True, 10, 1)),
    error("ops.ComputeAccidentalHits", T((3, 2), "int32", "index:5"), T((5,), "int64", "arange"), init=(2,)),
    error("ops.ComputeAccidentalHits", T((3, 2), "int64", "index:5"), T((5,), "int64", "arange"), init=(3,)),
    error("ops.MultinomialWithReplacement", T((1, 4), "float32", "positive"), 5, 0, init=(3, True)),
    error("ops.MultinomialWithReplacement", T((1, 4), "float32", "normal"), T((), "int64", "const:1"),
          T((), "int64", "arange"), init=(3, True)),
    error("ops.NonDeterministicInts", init=(D("float32"),)),
    error("ops.NonDeterministicInts", (2, 2), init=()),
    error("ops.ParameterizedTruncatedNormal", T((1,), "int64", "const:1"), T((1,)), T((1,), "float32", "positive"),
          T((1,), "float32", "const:-1"), T((1,), "float32", "const:1"), init=(1,)),
    error("ops.ParameterizedTruncatedNormal", T((2,), "int64", "const:1"), T((1,), "float64"),
          T((1,), "float32", "positive"), T((1,), "float32", "const:-1"), T((1,), "float32", "const:1"), init=(1,)),
    # --- gradients MindSpore defines ---------------------------------------------------------------
    call("ops.FFTWithSize", T((3, 4)), init=(1, False, True), grad=True, tag="grad"),
    call("ops.FFTWithSize", T((3, 4)), init=(2, False, True, "ortho"), grad=True, tag="grad"),
    call("ops.hfft2", T((3, 4)), grad=True, tag="grad"),
    call("ops.ihfft2", T((3, 4)), grad=True, tag="grad"),
    call("ops.ihfftn", T((2, 3, 4), "float64"), dim=(0, 2), grad=True, tag="grad"),
    call("ops.MatrixSolveLs", T((4, 3)), T((4, 2)), T((), "float64", "const:0.5"), init=(), grad=True, tag="grad"),
    call("ops.MatrixSolveLs", T((2, 3), "float64"), T((2, 2), "float64"), T((), "float64", "const:0.1"), init=(),
         grad=True, tag="grad"),
    call("ops.NthElement", T((3, 4), "float32", "perm"), 1, init=(), grad=True, tag="grad"),
    call("ops.NthElement", T((2, 5), "float64", "perm"), 3, init=(True,), grad=True, tag="grad"),
    call("ops.pows", T((2, 3), "float32", "positive"), 1.5, grad=True, tag="grad"),
    call("ops.MatrixDiagPartV3", T((3, 4)), BAND01, T((), "float32", "const:7"), init=(), grad=True, tag="grad"),
    call("ops.MatrixSetDiagV3", T((3, 4)), T((2, 3)), BAND01, init=(), grad=True, tag="grad"),
    # --- empty and batched edges -------------------------------------------------------------------
    call("ops.geqrf", T((0, 3, 2))),
    call("ops.lu_solve", T((3, 0)), T((3, 3)), PIV3),
    call("ops.matrix_diag", T((0, 3))),
    call("ops.NthElement", T((0, 4)), 1, init=()),
    call("ops.ConjugateTranspose", T((0, 2), "complex128"), (1, 0), init=()),
    call("ops.CompareAndBitpack", T((0, 8)), T((), "float32", "const:0"), init=()),
    call("ops.TridiagonalMatMul", T((1, 3), "complex64"), T((1, 3), "complex64"), T((1, 3), "complex64"),
         T((3, 2), "complex64"), init=()),
    call("ops.view_as_real", T((0,), "complex64")),
    call("ops.NuclearNorm", T((2, 3, 4)), init=([2, 1], True)),
    call("ops.FFTWithSize", T((2, 3, 4), "int32", "int"), init=(3, False, True)),
    call("ops.FFTWithSize", T((3, 4), "bool"), init=(1, False, True)),
]


def _ormqr(left, transpose):
    def reference(x, tau, other):
        m = x.shape[-2]
        q = np.eye(m)
        for i in range(tau.shape[-1]):
            v = np.zeros(m)
            v[i], v[i + 1:] = 1.0, x[i + 1:, i]
            q = q @ (np.eye(m) - tau[i] * np.outer(v, v))
        q = q.T if transpose else q
        return q @ other if left else other @ q
    return reference


def _quantile(axis=None, keepdims=False):
    def reference(x, q):
        out = np.quantile(x, q, axis=axis, keepdims=keepdims)
        return out
    return reference


def _histogram(nbins):
    def reference(x, value_range):
        low, high = value_range
        index = np.clip(np.floor((x.reshape(-1) - low) / (high - low) * nbins), 0, nbins - 1).astype(int)
        return np.bincount(index, minlength=nbins).astype(np.int32)
    return reference


def _lu_solve(b, lu, pivots):
    return scipy.linalg.lu_solve((lu, pivots.astype(int) - 1), b)


_NO_KERNEL = "MindSpore CPU has no {} kernel (RuntimeError); the reference is NumPy in float64"
MINDSPORE_CPU_WRONG = {
    "ops.lu_solve(float64[3, 2],float64[3, 3],int32[3]~const:1)": (
        "MindSpore 2.10 CPU's LuSolve computes Float64 in Float32 precision (errors ~1e-7); "
        "the reference is SciPy's lu_solve in float64", _lu_solve),
    "ops.ormqr(float32[4, 3],float32[3],float32[4, 2])": (_NO_KERNEL.format("Ormqr"), _ormqr(True, False)),
    "ops.ormqr(float64[4, 3],float64[3],float64[2, 4],left=False,transpose=True)": (
        _NO_KERNEL.format("Ormqr"), _ormqr(False, True)),
    "ops.Ormqr(True, True)(float32[3, 3],float32[3],float32[3, 3])": (_NO_KERNEL.format("Ormqr"),
                                                                      _ormqr(True, True)),
    "ops.Quantile()(float32[2, 4],float32[2]~prob)": (_NO_KERNEL.format("Quantile"), _quantile()),
    "ops.Quantile(1, True)(float32[2, 4],float32[2]~prob)": (_NO_KERNEL.format("Quantile"), _quantile(1, True)),
    "ops.Quantile(0,)(float64[3, 4],float64[]~prob)": (_NO_KERNEL.format("Quantile"), _quantile(0)),
    "ops.HistogramFixedWidth(5,)(float32[3, 4],float32[2]~arange)": (_NO_KERNEL.format("HistogramFixedWidth"),
                                                                     _histogram(5)),
    "ops.HistogramFixedWidth(3,)(int32[10]~int,int32[2]~arange)": (_NO_KERNEL.format("HistogramFixedWidth"),
                                                                   _histogram(3)),
}

