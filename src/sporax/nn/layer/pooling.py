"""MaxPool2d, AvgPool2d, AdaptiveAvgPool2d over (N, C, H, W) (or (C, H, W))."""
from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor
from ..cell import Cell
from ... import _validation

_POOL_PAD_MODES = ("VALID", "SAME", "PAD")


def _pool_args(layer, kernel_size, stride, pad_mode, padding):
    kernel = _validation.int_tuple(layer, "kernel_size", kernel_size, 2)
    stride = _validation.int_tuple(layer, "stride", kernel if stride is None else stride, 2)
    if not isinstance(pad_mode, str) or pad_mode.upper() not in _POOL_PAD_MODES:
        raise ValueError(f"For '{layer}', the 'pad_mode' must be in {list(_POOL_PAD_MODES)}, but got {pad_mode!r}.")
    pad_mode = pad_mode.upper()
    padding = _validation.int_tuple(layer, "padding", padding, 2, minimum=0)
    if pad_mode != "PAD" and any(padding):
        raise ValueError(f"For '{layer}', the 'padding' must be 0 when 'pad_mode' is not 'pad', but got {padding}.")
    return kernel, stride, pad_mode, padding


def _window_padding(pad_mode, spatial, kernel, stride, dilation, padding, ceil_mode):
    out = []
    for n, k, s, d, p in zip(spatial, kernel, stride, dilation, padding):
        span = d * (k - 1) + 1
        if pad_mode == "VALID":
            out.append((0, 0))
        elif pad_mode == "SAME":
            total = max((-(-n // s) - 1) * s + span - n, 0)
            out.append((total // 2, total - total // 2))
        else:
            size = (n + 2 * p - span) / s + 1
            count = math.ceil(size) if ceil_mode else math.floor(size)
            if ceil_mode and (count - 1) * s >= n + p:  # the last window must start inside the input
                count -= 1
            out.append((p, max((count - 1) * s + span - n - p, p)))
    return out


def _batched(x):
    value = x._value()
    if value.ndim == 3:
        return value[None], True
    if value.ndim != 4:
        raise ValueError(f"the input must be 3-D or 4-D (N, C, H, W), but got shape {x.shape}.")
    return value, False


class MaxPool2d(Cell):
    """Max over kernel windows. 'valid' and 'same' as Conv2d; 'pad' pads by `padding` with
    -inf, honours `dilation` and `ceil_mode`, and with `return_indices` also returns each
    maximum's flat index in its (H·W) plane."""

    def __init__(self, kernel_size=1, stride=1, pad_mode="valid", padding=0, dilation=1, return_indices=False,
                 ceil_mode=False, data_format="NCHW"):
        super().__init__()
        self.kernel_size, self.stride, self.pad_mode, self.padding = _pool_args(
            "MaxPool2d", kernel_size, stride, pad_mode, padding)
        self.dilation = _validation.int_tuple("MaxPool2d", "dilation", dilation, 2)
        self.return_indices = _validation.bool_arg("MaxPool2d", "return_indices", return_indices)
        self.ceil_mode = _validation.bool_arg("MaxPool2d", "ceil_mode", ceil_mode)
        if self.pad_mode != "PAD" and (self.dilation != (1, 1) or return_indices or ceil_mode):
            raise ValueError("For 'MaxPool2d', 'dilation', 'return_indices' and 'ceil_mode' need pad_mode='pad'.")
        self.data_format = data_format

    def construct(self, x):
        value, unbatched = _batched(x)
        padding = _window_padding(self.pad_mode, value.shape[2:], self.kernel_size, self.stride, self.dilation,
                                  self.padding, self.ceil_mode)
        window, strides = (1, 1) + self.kernel_size, (1, 1) + self.stride
        dilation, pads = (1, 1) + self.dilation, [(0, 0), (0, 0)] + padding
        # NumPy scalars: JAX recognises them as the monoid identity (a traced constant would make
        # reduce_window generic and not differentiable).
        low = np.array(-np.inf, value.dtype)
        if not self.return_indices:
            out = jax.lax.reduce_window(value, low, jax.lax.max, window, strides, pads, window_dilation=dilation)
            return Tensor._wrap(out[0] if unbatched else out)
        h, w = value.shape[2:]
        index = jnp.broadcast_to(jnp.arange(h * w, dtype=jnp.int64).reshape(h, w), value.shape)

        def pick(a, b):
            take_b = (b[0] > a[0]) | ((b[0] == a[0]) & (b[1] < a[1]))
            return jnp.where(take_b, b[0], a[0]), jnp.where(take_b, b[1], a[1])

        out, idx = jax.lax.reduce_window((value, index), (low, np.array(h * w, np.int64)), pick, window,
                                         strides, pads, window_dilation=dilation)
        if unbatched:
            out, idx = out[0], idx[0]
        return Tensor._wrap(out), Tensor._wrap(idx)

    def extend_repr(self):
        return f"kernel_size={_plain(self.kernel_size)}, stride={_plain(self.stride)}, pad_mode={self.pad_mode}"


class AvgPool2d(Cell):
    """Mean over kernel windows. In 'pad' mode `count_include_pad` counts the padding and
    `divisor_override` replaces the count."""

    def __init__(self, kernel_size=1, stride=1, pad_mode="valid", padding=0, ceil_mode=False, count_include_pad=True,
                 divisor_override=None, data_format="NCHW"):
        super().__init__()
        self.kernel_size, self.stride, self.pad_mode, self.padding = _pool_args(
            "AvgPool2d", kernel_size, stride, pad_mode, padding)
        self.ceil_mode = _validation.bool_arg("AvgPool2d", "ceil_mode", ceil_mode)
        self.count_include_pad = _validation.bool_arg("AvgPool2d", "count_include_pad", count_include_pad)
        if divisor_override is not None:
            _validation.positive_int("AvgPool2d", "divisor_override", divisor_override)
        self.divisor_override = divisor_override
        self.data_format = data_format

    def construct(self, x):
        value, unbatched = _batched(x)
        padding = _window_padding(self.pad_mode, value.shape[2:], self.kernel_size, self.stride, (1, 1),
                                  self.padding, self.ceil_mode)
        window, strides, pads = (1, 1) + self.kernel_size, (1, 1) + self.stride, [(0, 0), (0, 0)] + padding
        zero = np.array(0, value.dtype)
        total = jax.lax.reduce_window(value, zero, jax.lax.add, window, strides, pads)
        if self.divisor_override is not None:
            out = total / self.divisor_override
        else:
            ones = jnp.ones(value.shape[2:], value.dtype)
            if self.pad_mode == "PAD" and self.count_include_pad:
                # padding counts, the ceil_mode overhang past it does not
                ones = jnp.pad(ones, [(p, p) for p in self.padding], constant_values=1)
                extra = [(0, hi - p) for (_, hi), p in zip(padding, self.padding)]
                count = jax.lax.reduce_window(ones, zero, jax.lax.add, self.kernel_size, self.stride, extra)
            else:
                count = jax.lax.reduce_window(ones, zero, jax.lax.add, self.kernel_size, self.stride, padding)
            out = total / count
        return Tensor._wrap(out[0] if unbatched else out)

    def extend_repr(self):
        return f"kernel_size={_plain(self.kernel_size)}, stride={_plain(self.stride)}, pad_mode={self.pad_mode}"


def _plain(pair):
    return pair[0] if pair[0] == pair[1] else pair


class AdaptiveAvgPool2d(Cell):
    """Average into an `output_size` grid: output cell i of n spans
    [floor(i·H/n), ceil((i+1)·H/n)) (PyTorch's and MindSpore's bins). None keeps that size."""

    def __init__(self, output_size):
        super().__init__()
        if isinstance(output_size, int) and not isinstance(output_size, bool):
            output_size = (output_size, output_size)
        if not isinstance(output_size, (tuple, list)) or len(output_size) != 2 or not all(
                s is None or (isinstance(s, int) and not isinstance(s, bool) and s > 0) for s in output_size):
            raise ValueError(f"For 'AdaptiveAvgPool2d', the 'output_size' must be a positive int or a tuple of two "
                             f"positive ints (or None), but got {output_size!r}.")
        self.output_size = tuple(output_size)

    def construct(self, x):
        value, unbatched = _batched(x)
        h, w = value.shape[2:]
        oh, ow = (h if self.output_size[0] is None else self.output_size[0],
                  w if self.output_size[1] is None else self.output_size[1])
        rows = jnp.asarray(_bins(h, oh), value.dtype)
        cols = jnp.asarray(_bins(w, ow), value.dtype)
        out = jnp.einsum("ih,nchw,jw->ncij", rows, value, cols)
        return Tensor._wrap(out[0] if unbatched else out)


def _bins(size: int, out: int) -> np.ndarray:
    weights = np.zeros((out, size))
    for i in range(out):
        start, end = (i * size) // out, -(-((i + 1) * size) // out)
        weights[i, start:end] = 1.0 / (end - start)
    return weights
