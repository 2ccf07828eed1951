"""The one window arithmetic behind every convolution and pooling op, in JAX.

Layout: the last `len(kernel)` axes are spatial; the leading ones (N, C) are not pooled.

Padding, per spatial axis of size n with kernel k, stride s, dilation d (span = d(k−1)+1):
- 'valid': none; ⌊(n − span)/s⌋ + 1 outputs.
- 'same': ⌈n/s⌉ outputs; total = max((⌈n/s⌉ − 1)·s + span − n, 0), split low = ⌊total/2⌋,
  high = the rest (the extra on the high side, as MindSpore and TensorFlow do).
- 'pad': the given (low, high); outputs ⌊(n + low + high − span)/s⌋ + 1, or with
  `ceil_mode` ⌈…⌉ + 1, dropping a last window that would start past the low padding plus
  the input (PyTorch's and MindSpore's rule); the overhang is padding that is never counted.
"""
from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np


def window_padding(pad_mode: str, spatial, kernel, stride, dilation, pads=None, ceil_mode=False):
    """[(low, high)] per spatial axis; `pads` is [(low, high)] per axis for 'pad'."""
    out = []
    for i, (n, k, s, d) in enumerate(zip(spatial, kernel, stride, dilation)):
        span = d * (k - 1) + 1
        if pad_mode == "valid":
            out.append((0, 0))
        elif pad_mode == "same":
            total = max((-(-n // s) - 1) * s + span - n, 0)
            out.append((total // 2, total - total // 2))
        else:
            low, high = pads[i]
            if not ceil_mode:
                out.append((low, high))
                continue
            count = math.ceil((n + low + high - span) / s) + 1
            if (count - 1) * s >= n + low:  # the last window must start inside the input
                count -= 1
            out.append((low, max((count - 1) * s + span - n - low, high)))
    return out


def _window(x, kernel, stride, dilation, padding):
    lead = x.ndim - len(kernel)
    return ((1,) * lead + tuple(kernel), (1,) * lead + tuple(stride), (1,) * lead + tuple(dilation),
            [(0, 0)] * lead + list(padding))


def max_pool(x, kernel, stride, dilation, padding):
    """Max over each window; padding is -inf (never chosen)."""
    window, strides, dilation, pads = _window(x, kernel, stride, dilation, padding)
    # A NumPy scalar: JAX recognises it as the monoid identity (a traced constant would make
    # reduce_window generic and not differentiable).
    low = np.array(-np.inf, x.dtype)
    return jax.lax.reduce_window(x, low, jax.lax.max, window, strides, pads, window_dilation=dilation)


def max_pool_argmax(x, kernel, stride, dilation, padding, index_dtype):
    """Each window maximum's flat index in its spatial plane (the first on ties)."""
    x = jax.lax.stop_gradient(x)  # indices are not differentiable; keeps the generic reduction out of autodiff
    window, strides, dilation, pads = _window(x, kernel, stride, dilation, padding)
    plane = x.shape[x.ndim - len(kernel):]
    size = math.prod(plane)
    index = jnp.broadcast_to(jnp.arange(size, dtype=index_dtype).reshape(plane), x.shape)

    def pick(a, b):
        take_b = (b[0] > a[0]) | ((b[0] == a[0]) & (b[1] < a[1]))
        return jnp.where(take_b, b[0], a[0]), jnp.where(take_b, b[1], a[1])

    _, idx = jax.lax.reduce_window((x, index), (np.array(-np.inf, x.dtype), np.array(size, index_dtype)), pick,
                                   window, strides, pads, window_dilation=dilation)
    return idx


def avg_pool(x, kernel, stride, padding, given_pads=None, count_include_pad=False, divisor=None):
    """Mean over each window. The divisor is `divisor` when given; otherwise the number of
    input elements in the window, plus the `given_pads` padding when `count_include_pad`
    (the ceil_mode overhang past it never counts)."""
    window, strides, dilation, pads = _window(x, kernel, stride, (1,) * len(kernel), padding)
    zero = np.array(0, x.dtype)
    total = jax.lax.reduce_window(x, zero, jax.lax.add, window, strides, pads)
    if divisor:
        return total / divisor
    ones = jnp.ones(x.shape[x.ndim - len(kernel):], x.dtype)
    if count_include_pad and given_pads is not None:
        ones = jnp.pad(ones, given_pads, constant_values=1)
        padding = [(0, high - given_high) for (_, high), (_, given_high) in zip(padding, given_pads)]
    count = jax.lax.reduce_window(ones, zero, jax.lax.add, tuple(kernel), tuple(stride), padding)
    return total / count


def adaptive_bins(size: int, out: int) -> np.ndarray:
    """(out, size) averaging weights: output cell i spans [⌊i·size/out⌋, ⌈(i+1)·size/out⌉)."""
    weights = np.zeros((out, size))
    for i in range(out):
        start, end = (i * size) // out, -(-((i + 1) * size) // out)
        weights[i, start:end] = 1.0 / (end - start)
    return weights


# --- adaptive pooling and patches (issue 11, the nn surface) ----------------------------------------

def _bins(size: int, out: int):
    """[start, end) of each of `out` adaptive bins over `size`."""
    return [((i * size) // out, -(-((i + 1) * size) // out)) for i in range(out)]


def adaptive_avg(x, sizes):
    """Mean over adaptive bins of the last len(sizes) axes: one (out, in) weight matrix per axis."""
    rank = len(sizes)
    for axis, out in zip(range(x.ndim - rank, x.ndim), sizes):
        weights = jnp.asarray(adaptive_bins(x.shape[axis], out), x.dtype)
        x = jnp.moveaxis(jnp.tensordot(x, weights, axes=[[axis], [1]]), -1, axis)
    return x


def adaptive_max(x, sizes):
    """(max over adaptive bins of the last len(sizes) axes, the flat index of each maximum in
    its spatial plane as Int64, the first on ties)."""
    rank = len(sizes)
    lead = x.shape[:x.ndim - rank]
    plane = x.shape[x.ndim - rank:]
    index = jnp.arange(math.prod(plane), dtype=jnp.int64).reshape(plane)
    # One axis at a time, carrying the index of the current maximum along with it.
    values, indices = x, jnp.broadcast_to(index, x.shape)
    for k, (n, out) in enumerate(zip(plane, sizes)):
        axis = len(lead) + k
        mask = np.zeros((out, n), bool)
        for i, (start, end) in enumerate(_bins(n, out)):
            mask[i, start:end] = True
        v = jnp.expand_dims(values, axis)  # (..., 1, n, ...)
        shape = [1] * v.ndim
        shape[axis], shape[axis + 1] = out, n
        m = jnp.asarray(mask).reshape(shape)
        masked = jnp.where(m, v, -jnp.inf)
        pick = jnp.argmax(masked, axis=axis + 1)
        values = jnp.take_along_axis(masked, jnp.expand_dims(pick, axis + 1), axis=axis + 1).squeeze(axis + 1)
        idx = jnp.broadcast_to(jnp.expand_dims(indices, axis), masked.shape)
        indices = jnp.take_along_axis(idx, jnp.expand_dims(pick, axis + 1), axis=axis + 1).squeeze(axis + 1)
    return values.astype(x.dtype), indices


def block_count(size, kernel, stride, dilation, padding):
    """Windows per spatial axis: ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1."""
    return tuple((n + 2 * p - d * (k - 1) - 1) // s + 1 for n, k, s, d, p in zip(size, kernel, stride, dilation,
                                                                                  padding))


def patches(x, kernel, stride, dilation, pads):
    """(N, C, H, W) -> (N, C, kh·kw, L): each window's values (kernel positions row-major), the
    L windows in row-major order."""
    n, c = x.shape[:2]
    out = jax.lax.conv_general_dilated_patches(x, tuple(kernel), tuple(stride), list(pads),
                                               rhs_dilation=tuple(dilation),
                                               dimension_numbers=("NCHW", "OIHW", "NCHW"))
    # conv_general_dilated_patches orders the feature axis (C, kh, kw).
    return out.reshape(n, c, math.prod(kernel), -1)
