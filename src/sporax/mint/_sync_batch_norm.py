"""The pieces of synchronised batch normalisation (`mint.batch_norm_stats`,
`mint.batch_norm_gather_stats_with_counts`, `mint.batch_norm_elemt`), torch's formulas.

Channels are axis 1; statistics run over every other axis. With n_i elements, mean μ_i and
inverse standard deviation s_i = 1/√(σ_i² + eps) from each of several workers, the global
statistics are

    N = Σ n_i,   μ = Σ n_i μ_i / N,   σ² = Σ n_i (σ_i² + μ_i²) / N − μ²   (biased),

and the running statistics move by `momentum` towards μ and the unbiased σ² · N/(N−1).
"""
from __future__ import annotations

from ..common import dtype as mstype
from ..ops import functional as F
from ..ops.function import inplace_func as _inplace
from ..ops.operations import _arg_checks as check


def _channel_shape(input):  # noqa: A002
    return (1, input.shape[1]) + (1,) * (input.ndim - 2)


def _float_tensor(op, arg, value):
    check.tensor(op, arg, value)
    if value.dtype.kind != "float":
        raise TypeError(f"For '{op}', the '{arg}' must be a float Tensor, but got {value.dtype}.")
    return value


def _eps(op, eps):
    if isinstance(eps, bool) or not isinstance(eps, (int, float)):
        raise TypeError(f"For '{op}', the 'eps' must be a float, but got {type(eps).__name__}.")
    if eps < 0:
        raise ValueError(f"For '{op}', the 'eps' must be >= 0, but got {eps}.")
    return float(eps)


def batch_norm_stats(input, eps):  # noqa: A002
    """(mean, invstd) of each channel (axis 1) of input, over all other axes; invstd = 1/√(var + eps)
    with the biased variance. Float32 results."""
    _float_tensor("batch_norm_stats", "input", input)
    eps = _eps("batch_norm_stats", eps)
    if input.ndim < 2:
        raise ValueError(f"For 'batch_norm_stats', the 'input' must have at least 2 dimensions, but got "
                         f"{input.ndim}.")
    x = F.cast(input, mstype.float32)
    axes = (0,) + tuple(range(2, input.ndim))
    mean = F.mean(x, axes)
    centred = F.sub(x, F.reshape(mean, _channel_shape(input)))
    var = F.mean(F.mul(centred, centred), axes)
    return mean, F.rsqrt(F.add(var, eps))


def batch_norm_elemt(input, weight=None, bias=None, mean=None, invstd=None, eps=1e-05):  # noqa: A002
    """(input − mean) · invstd · weight + bias, per channel (axis 1); `eps` is already in invstd."""
    _float_tensor("batch_norm_elemt", "input", input)
    _eps("batch_norm_elemt", eps)
    if input.ndim < 2:
        raise ValueError(f"For 'batch_norm_elemt', the 'input' must have at least 2 dimensions, but got "
                         f"{input.ndim}.")
    channels = input.shape[1]
    for arg, value in (("mean", mean), ("invstd", invstd)):
        if value is None:
            raise TypeError(f"For 'batch_norm_elemt', the '{arg}' must be a Tensor, but got None.")
    for arg, value in (("weight", weight), ("bias", bias), ("mean", mean), ("invstd", invstd)):
        if value is not None:
            _float_tensor("batch_norm_elemt", arg, value)
            if tuple(value.shape) != (channels,):
                raise ValueError(f"For 'batch_norm_elemt', the '{arg}' must have shape [{channels}], but got "
                                 f"{list(value.shape)}.")
    shape = _channel_shape(input)
    out = F.mul(F.sub(input, F.reshape(F.cast(mean, input.dtype), shape)), F.reshape(F.cast(invstd, input.dtype), shape))
    if weight is not None:
        out = F.mul(out, F.reshape(F.cast(weight, input.dtype), shape))
    if bias is not None:
        out = F.add(out, F.reshape(F.cast(bias, input.dtype), shape))
    return out


def batch_norm_gather_stats_with_counts(input, mean, invstd, running_mean=None, running_var=None,  # noqa: A002
                                        momentum=0.1, eps=1e-05, counts=None):
    """The global (mean, invstd) from the workers' rows of `mean`/`invstd` (shape (W, C)) and their
    element `counts` (W,); updates `running_mean`/`running_var` in place when given."""
    op = "batch_norm_gather_stats_with_counts"
    _float_tensor(op, "input", input)
    _float_tensor(op, "mean", mean)
    _float_tensor(op, "invstd", invstd)
    eps = _eps(op, eps)
    if isinstance(momentum, bool) or not isinstance(momentum, (int, float)):
        raise TypeError(f"For '{op}', the 'momentum' must be a float, but got {type(momentum).__name__}.")
    if counts is None:
        raise TypeError(f"For '{op}', the 'counts' must be a Tensor, but got None.")
    check.tensor(op, "counts", counts)
    if mean.ndim != 2 or tuple(invstd.shape) != tuple(mean.shape):
        raise ValueError(f"For '{op}', the 'mean' and 'invstd' must both have shape (workers, channels), but got "
                         f"{list(mean.shape)} and {list(invstd.shape)}.")
    if tuple(counts.shape) != (mean.shape[0],):
        raise ValueError(f"For '{op}', the 'counts' must have shape [{mean.shape[0]}], but got "
                         f"{list(counts.shape)}.")
    for arg, value in (("running_mean", running_mean), ("running_var", running_var)):
        if value is not None:
            _float_tensor(op, arg, value)
            if tuple(value.shape) != (mean.shape[1],):
                raise ValueError(f"For '{op}', the '{arg}' must have shape [{mean.shape[1]}], but got "
                                 f"{list(value.shape)}.")
    n_i = F.reshape(F.cast(counts, mstype.float32), (-1, 1))
    mu_i, s_i = F.cast(mean, mstype.float32), F.cast(invstd, mstype.float32)
    total = F.sum(n_i)
    mu = F.div(F.sum(F.mul(n_i, mu_i), 0), total)
    var_i = F.sub(F.reciprocal(F.mul(s_i, s_i)), eps)
    var = F.sub(F.div(F.sum(F.mul(n_i, F.add(var_i, F.mul(mu_i, mu_i))), 0), total), F.mul(mu, mu))
    invstd_out = F.rsqrt(F.add(var, eps))
    if running_mean is not None:
        _inplace.write_back(op, running_mean, F.add(F.mul(running_mean, 1 - momentum),
                                                    F.mul(F.cast(mu, running_mean.dtype), momentum)))
    if running_var is not None:
        unbiased = F.mul(var, F.div(total, F.sub(total, 1.0)))
        _inplace.write_back(op, running_var, F.add(F.mul(running_var, 1 - momentum),
                                                   F.mul(F.cast(unbiased, running_var.dtype), momentum)))
    return mu, invstd_out


def conv_tbc(input, weight, bias, pad=0):  # noqa: A002
    """A 1-D convolution over time-major input: input (T, B, C_in), weight (K, C_in, C_out), bias
    (C_out,) -> (T + 2·pad − K + 1, B, C_out)."""
    check.tensor("conv_tbc", "input", input)
    check.tensor("conv_tbc", "weight", weight)
    check.tensor("conv_tbc", "bias", bias)
    pad = check.int_value("conv_tbc", "pad", pad, minimum=0)
    if input.ndim != 3 or weight.ndim != 3 or bias.ndim != 1:
        raise ValueError(f"For 'conv_tbc', the 'input', 'weight' and 'bias' must be 3-D, 3-D and 1-D, but got "
                         f"{input.ndim}-D, {weight.ndim}-D and {bias.ndim}-D.")
    if weight.shape[1] != input.shape[2] or bias.shape[0] != weight.shape[2]:
        raise ValueError(f"For 'conv_tbc', the shapes do not fit: input {list(input.shape)}, weight "
                         f"{list(weight.shape)}, bias {list(bias.shape)}.")
    x = F.transpose(input, (1, 2, 0))         # (B, C_in, T)
    w = F.transpose(weight, (2, 1, 0))        # (C_out, C_in, K)
    return F.transpose(F.conv1d(x, w, bias, 1, "pad", (pad, pad)), (2, 0, 1))


__all__ = ["batch_norm_elemt", "batch_norm_gather_stats_with_counts", "batch_norm_stats", "conv_tbc"]
