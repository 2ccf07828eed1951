"""Discrete Fourier transforms (`mindspore.ops.fft` family, `mindspore.ops.function.fft_func`).

fft(x)[k] = Σₙ x[n] e^{−2πi kn/N} over one axis (`dim`); ifft the inverse (÷N with norm
'backward'); rfft/irfft for real signals (N//2 + 1 frequencies); hfft/ihfft for Hermitian
ones; the 2-D and N-D forms over several axes. `n`/`s` pad with zeros or crop first; `norm`
'backward' (default: no scaling forward, 1/N back), 'forward' (the reverse) or 'ortho'
(1/√N both ways). Real and integer inputs become Complex64 (Float64: Complex128); Float16
computes as Float32, as MindSpore's CPU kernel does.
"""
from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from .. import operations as P
from .._constants import constant
from ..operations import _arg_checks as check
from ..operations.linalg_ops import linalg_function

_NORMS = (None, "backward", "forward", "ortho")


def _working(x):
    """The dtype a transform computes in: Float64/Complex128 stay wide, the rest 32-bit."""
    if x.dtype in (np.float64, np.complex128):
        return x
    if jnp.iscomplexobj(x):
        return x.astype(np.complex64)
    return x.astype(np.float32)


def _transform(x, kind, sizes, axes, norm):
    fn = getattr(jnp.fft, kind)
    x = _working(x)
    if kind in ("fft", "ifft", "rfft", "irfft", "hfft", "ihfft"):
        return fn(x, n=None if sizes is None else sizes[0], axis=axes[0], norm=norm)
    return fn(x, s=sizes, axes=axes, norm=norm)


def _check_input(op, input):  # noqa: A002
    check.tensor(op, "input", input)
    if input.dtype == mstype.bool_:
        raise TypeError(f"For '{op}', the 'input' must be a numeric Tensor, but got Bool.")
    if op in ("rfft", "rfft2", "rfftn", "ihfft", "ihfft2", "ihfftn") and input.dtype.kind == "complex":
        raise TypeError(f"For '{op}', the 'input' must be a real Tensor, but got {input.dtype}.")
    if input.ndim == 0:
        raise ValueError(f"For '{op}', the 'input' must be at least 1-D, but got a scalar.")


def _check_norm(op, norm):
    if norm not in _NORMS:
        raise ValueError(f"For '{op}', the 'norm' must be one of 'backward', 'forward', 'ortho' or None, "
                         f"but got {norm!r}.")
    return norm or "backward"


def _one_dim(op, input, n, dim, norm):  # noqa: A002
    _check_input(op, input)
    axis = check.axis(op, "dim", dim, input.ndim)
    if n is not None and (not check.is_int(n) or n < 1):
        raise ValueError(f"For '{op}', the 'n' must be a positive int or None, but got {n!r}.")
    return linalg_function(op.upper(), _transform, kind=op, sizes=None if n is None else (int(n),), axes=(axis,),
                           norm=_check_norm(op, norm))(input)


def _many_dims(op, input, s, dim, norm):  # noqa: A002
    _check_input(op, input)
    axes, s = _axes_and_sizes(op, input, s, dim)
    return linalg_function(op.upper(), _transform, kind=op, sizes=s, axes=axes, norm=_check_norm(op, norm))(input)


def _axes_and_sizes(op, input, s, dim):  # noqa: A002
    """The transformed axes (`dim`, else the last len(s), else all) and their sizes `s`, checked."""
    if dim is None:
        axes = tuple(range(input.ndim)) if s is None else tuple(range(input.ndim - len(s), input.ndim))
    else:
        axes = tuple(check.axis(op, "dim", d, input.ndim) for d in ((dim,) if check.is_int(dim) else dim))
        if len(set(axes)) != len(axes):
            raise ValueError(f"For '{op}', the 'dim' must not repeat an axis, but got {dim}.")
    if s is not None:
        s = check.int_tuple(op, "s", s)
        if len(s) != len(axes) or any(n < 1 for n in s):
            raise ValueError(f"For '{op}', the 's' must hold one positive size per transformed axis {axes}, "
                             f"but got {s}.")
    return axes, s


def fft(input, n=None, dim=-1, norm=None):  # noqa: A002 - MindSpore's names
    """The 1-D discrete Fourier transform along `dim`."""
    return _one_dim("fft", input, n, dim, norm)


def ifft(input, n=None, dim=-1, norm=None):  # noqa: A002
    """The inverse of fft along `dim`."""
    return _one_dim("ifft", input, n, dim, norm)


def rfft(input, n=None, dim=-1, norm=None):  # noqa: A002
    """fft of a real signal: the n//2 + 1 non-negative frequencies."""
    return _one_dim("rfft", input, n, dim, norm)


def irfft(input, n=None, dim=-1, norm=None):  # noqa: A002
    """The inverse of rfft: a real signal of length n (2·(m − 1) by default)."""
    return _one_dim("irfft", input, n, dim, norm)


def hfft(input, n=None, dim=-1, norm=None):  # noqa: A002
    """fft of a Hermitian-symmetric signal given by its first half: a real result."""
    return _one_dim("hfft", input, n, dim, norm)


def ihfft(input, n=None, dim=-1, norm=None):  # noqa: A002
    """The inverse of hfft: the first half of a Hermitian spectrum from a real signal."""
    return _one_dim("ihfft", input, n, dim, norm)


def fft2(input, s=None, dim=(-2, -1), norm=None):  # noqa: A002
    return _many_dims("fft2", input, s, dim, norm)


def ifft2(input, s=None, dim=(-2, -1), norm=None):  # noqa: A002
    return _many_dims("ifft2", input, s, dim, norm)


def rfft2(input, s=None, dim=(-2, -1), norm=None):  # noqa: A002
    return _many_dims("rfft2", input, s, dim, norm)


def irfft2(input, s=None, dim=(-2, -1), norm=None):  # noqa: A002
    return _many_dims("irfft2", input, s, dim, norm)


def fftn(input, s=None, dim=None, norm=None):  # noqa: A002
    return _many_dims("fftn", input, s, dim, norm)


def ifftn(input, s=None, dim=None, norm=None):  # noqa: A002
    return _many_dims("ifftn", input, s, dim, norm)


def rfftn(input, s=None, dim=None, norm=None):  # noqa: A002
    return _many_dims("rfftn", input, s, dim, norm)


def irfftn(input, s=None, dim=None, norm=None):  # noqa: A002
    return _many_dims("irfftn", input, s, dim, norm)


def _shift(x, axes, inverse):
    return (jnp.fft.ifftshift if inverse else jnp.fft.fftshift)(x, axes=axes)


def _shift_axes(op, input, dim):  # noqa: A002
    check.tensor(op, "input", input)
    if dim is None:
        return tuple(range(input.ndim))
    return check.axes(op, "dim", dim, input.ndim)


def fftshift(input, dim=None):  # noqa: A002
    """Rolls the zero frequency to the centre of each axis in `dim` (all when None)."""
    return linalg_function("FFTShift", _shift, axes=_shift_axes("fftshift", input, dim), inverse=False)(input)


def ifftshift(input, dim=None):  # noqa: A002
    """The inverse of fftshift."""
    return linalg_function("IFFTShift", _shift, axes=_shift_axes("ifftshift", input, dim), inverse=True)(input)


def _frequencies(op, n, d, dtype, real):
    if not check.is_int(n) or n < 1:
        raise ValueError(f"For '{op}', the 'n' must be a positive int, but got {n!r}.")
    if isinstance(d, bool) or not isinstance(d, (int, float)):
        raise TypeError(f"For '{op}', the 'd' must be a float, but got {type(d).__name__}.")
    dtype = mstype.float32 if dtype is None else check.dtype_value(op, "dtype", dtype)
    # MindSpore computes the frequencies in Float32, then casts.
    values = (np.fft.rfftfreq if real else np.fft.fftfreq)(n, d).astype(np.float32)
    return P.Cast()(constant(values), dtype)


def fftfreq(n, d=1.0, dtype=None):
    """The sample frequencies [0, 1, ..., n/2 − 1, −n/2, ..., −1] / (d·n) of an n-point fft."""
    return _frequencies("fftfreq", n, d, dtype, False)


def rfftfreq(n, d=1.0, dtype=None):
    """The non-negative frequencies [0, 1, ..., n//2] / (d·n) of an n-point rfft."""
    return _frequencies("rfftfreq", n, d, dtype, True)


__all__ = ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft", "fft2", "ifft2", "rfft2", "irfft2", "fftn", "ifftn",
           "rfftn", "irfftn", "fftshift", "ifftshift", "fftfreq", "rfftfreq"]
