"""Fractional max/avg pooling (Graham 2014, "Fractional Max-Pooling"), depthwise convolution
and the two halves of the old dropout (issue 10, prim3).

Fixed-kernel fractional pooling (FractionalMaxPoolWithFixedKsize, ...3DWithFixedKsize): per
plane, a sample u ∈ [0, 1) per spatial axis picks the window starts
    α = (in − k)/(out − 1),  start_i = ⌊(i + u)·α⌋ − ⌊u·α⌋ (i < out − 1),  start_{out−1} = in − k,
and each output is the max of the k-wide window at its start (argmax: the flat index in the
plane, the first maximum). 2-D samples are (u_w, u_h); 3-D (u_d, u_h, u_w).

Ratio fractional pooling (FractionalMaxPool, FractionalAvgPool; NHWC): each of H and W is cut
into out = ⌊in / ratio⌋ intervals whose lengths are ⌊α⌋ or ⌈α⌉ (α = in/out), in an order drawn
at random (or, with `pseudo_random`, from one random offset u: boundary_i = ⌈(i + u)·α⌉ −
⌈u·α⌉); `overlapping` widens each interval by one to include the next boundary. The
random draws use sporax's streams (seeded by set_seed and seed/seed2), not MindSpore's
generator: the same seeds do not give MindSpore's intervals, but the returned row/col
pooling sequences always describe the pooling actually done.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ..._runtime import random_keys
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..primitive import Primitive, _wrap, prim_attr_register
from . import _arg_checks as check

__all__ = ["FractionalMaxPoolWithFixedKsize", "FractionalMaxPool3DWithFixedKsize", "FractionalMaxPool",
           "FractionalAvgPool", "DepthwiseConv2dNative", "DropoutGenMask", "DropoutDoMask"]

_FLOATS = (mstype.float16, mstype.float32, mstype.float64)


def _sizes(op, arg, value, n):
    if check.is_int(value):
        value = (value,) * n
    if not isinstance(value, (tuple, list)) or len(value) != n or not all(check.is_int(v) and v > 0 for v in value):
        raise ValueError(f"For '{op}', the '{arg}' must be a positive int or a tuple of {n} positive ints, but got "
                         f"{value!r}.")
    return tuple(int(v) for v in value)


def window_starts(sample, size, out, k):
    """Start of each of `out` windows of width `k` over `size` for samples u (...,): (..., out)."""
    if out == 1:
        return jnp.full(sample.shape + (1,), size - k, jnp.int32)
    alpha = jnp.asarray((size - k) / (out - 1), sample.dtype)
    i = jnp.arange(out - 1, dtype=sample.dtype)
    starts = (jnp.floor((i + sample[..., None]) * alpha) - jnp.floor(sample[..., None] * alpha)).astype(jnp.int32)
    return jnp.concatenate([starts, jnp.full(sample.shape + (1,), size - k, jnp.int32)], axis=-1)


def _fixed_pool(x, samples, ksize, output_shape):
    """x (N, C, *S) with samples (N, C, len(S)) (order per the 2-D/3-D convention already
    applied: samples[..., d] is axis d of S) -> (max, flat argmax)."""
    spatial = x.shape[2:]
    values = x
    flat = jnp.zeros((), jnp.int64)
    positions = []
    for d, (size, out, k) in enumerate(zip(spatial, output_shape, ksize)):
        starts = window_starts(samples[..., d], size, out, k)            # N, C, out
        index = (starts[..., None] + jnp.arange(k)).reshape(starts.shape[:2] + (out * k,))
        shape = [1] * x.ndim
        shape[0], shape[1], shape[2 + d] = x.shape[0], x.shape[1], out * k
        gather = index.reshape(shape)
        values = jnp.take_along_axis(values, jnp.broadcast_to(
            gather, values.shape[:2 + d] + (out * k,) + values.shape[3 + d:]), axis=2 + d)
        positions.append(index.reshape(x.shape[:2] + (out, k)))
    n, c = x.shape[:2]
    dims = len(spatial)
    split = values.reshape((n, c) + tuple(v for o, k in zip(output_shape, ksize) for v in (o, k)))
    order = [0, 1] + [2 + 2 * d for d in range(dims)] + [3 + 2 * d for d in range(dims)]
    windows = jnp.transpose(split, order).reshape((n, c) + tuple(output_shape) + (-1,))
    best = jnp.argmax(windows, axis=-1)
    out = jnp.max(windows, axis=-1)
    offsets = jnp.unravel_index(best, ksize)
    strides = np.cumprod((1,) + tuple(spatial[::-1]))[::-1][1:]
    for d in range(dims):
        starts = positions[d][..., 0]                                    # N, C, out_d
        shape = [n, c] + [1] * dims
        shape[2 + d] = output_shape[d]
        coordinate = starts.reshape(shape) + offsets[d]
        flat = flat + coordinate.astype(jnp.int64) * int(strides[d])
    return out, flat


class FractionalMaxPoolWithFixedKsize(Primitive):
    """2-D fractional max pooling with a fixed window `ksize` to `output_shape`, windows placed
    by random_samples (N, C, 2) = (u_w, u_h). Returns (y, argmax Int64)."""

    @prim_attr_register
    def __init__(self, ksize, output_shape, data_format="NCHW"):
        self.attrs["ksize"] = _sizes(self.name, "ksize", ksize, 2)
        self.attrs["output_shape"] = _sizes(self.name, "output_shape", output_shape, 2)
        if data_format != "NCHW":
            raise ValueError(f"For '{self.name}', the 'data_format' must be 'NCHW', but got {data_format!r}.")

    _dims = 2

    def _shape(self, x):
        """x's shape with channels second."""
        shape = tuple(x.shape)
        return shape[:1] + shape[-1:] + shape[1:-1] if self.attrs["data_format"] == "NDHWC" else shape

    def __call__(self, input_x, random_samples):
        op, d = self.name, self._dims
        check.tensor(op, "input_x", input_x)
        check.tensor(op, "random_samples", random_samples)
        if input_x.dtype not in _FLOATS + (mstype.int32, mstype.int64):
            raise TypeError(f"For '{op}', the 'input_x' must be float16, float32, float64, int32 or int64, but got "
                            f"{input_x.dtype}.")
        if random_samples.dtype not in _FLOATS:
            raise TypeError(f"For '{op}', the 'random_samples' must be float16, float32 or float64, but got "
                            f"{random_samples.dtype}.")
        if input_x.ndim != d + 2:
            raise ValueError(f"For '{op}', the 'input_x' must be {d + 2}-D ({self.attrs['data_format']}), but got "
                             f"shape {input_x.shape}.")
        shape = self._shape(input_x)
        if random_samples.shape != (shape[0], shape[1], d):
            raise ValueError(f"For '{op}', the 'random_samples' must have shape {(shape[0], shape[1], d)}, but got "
                             f"{random_samples.shape}.")
        for size, out, k in zip(shape[2:], self.attrs["output_shape"], self.attrs["ksize"]):
            if out + k - 1 > size:
                raise ValueError(f"For '{op}', the sum of 'ksize' {self.attrs['ksize']} and 'output_shape' "
                                 f"{self.attrs['output_shape']} minus 1 must not exceed the input size "
                                 f"{shape[2:]}.")
        return super().__call__(input_x, random_samples)

    def _compute(self, x, samples):
        samples = samples[..., ::-1] if self._dims == 2 else samples  # 2-D samples are (u_w, u_h)
        channels_last = self.attrs["data_format"] == "NDHWC"
        if channels_last:
            x = jnp.moveaxis(x, -1, 1)
        y, argmax = _fixed_pool(x, samples, self.attrs["ksize"], self.attrs["output_shape"])
        if channels_last:
            y, argmax = jnp.moveaxis(y, 1, -1), jnp.moveaxis(argmax, 1, -1)
        return y, argmax


class FractionalMaxPool3DWithFixedKsize(FractionalMaxPoolWithFixedKsize):
    """3-D fractional max pooling (NCDHW) with a fixed window, random_samples (N, C, 3) =
    (u_d, u_h, u_w). Returns (y, argmax Int64)."""

    _dims = 3

    @prim_attr_register
    def __init__(self, ksize, output_shape, data_format="NCDHW"):
        self.attrs["ksize"] = _sizes(self.name, "ksize", ksize, 3)
        self.attrs["output_shape"] = _sizes(self.name, "output_shape", output_shape, 3)
        if data_format not in ("NCDHW", "NDHWC"):
            raise ValueError(f"For '{self.name}', the 'data_format' must be 'NCDHW' or 'NDHWC', but got "
                             f"{data_format!r}.")


def _interval_boundaries(rng, size, ratio, pseudo_random):
    """Cumulative boundaries (out + 1,) of ⌊size/ratio⌋ intervals over `size`."""
    out = int(size // ratio)
    if pseudo_random:
        u, alpha = rng.uniform(), size / out
        bounds = [int(np.ceil((i + u) * alpha) - np.ceil(u * alpha)) for i in range(out)] + [size]
        return np.asarray(bounds, np.int64)
    base = int(size // out)
    extra = size - base * out
    lengths = np.full(out, base, np.int64)
    lengths[rng.permutation(out)[:extra]] += 1
    return np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)


class _RatioPool(Primitive):
    """Shared body of FractionalMaxPool / FractionalAvgPool (NHWC input)."""

    _jit = False

    @prim_attr_register
    def __init__(self, pooling_ratio, pseudo_random=False, overlapping=False, deterministic=False, seed=0, seed2=0):
        op = type(self).__name__
        if not isinstance(pooling_ratio, list):
            raise TypeError(f"For '{op}', the type of 'pooling_ratio' should be 'list', but got type "
                            f"'{type(pooling_ratio).__name__}'.")
        if len(pooling_ratio) != 4 or pooling_ratio[0] != 1.0 or pooling_ratio[3] != 1.0 or \
                not all(isinstance(r, (int, float)) and r >= 1.0 for r in pooling_ratio):
            raise ValueError(f"For '{op}', the 'pooling_ratio' must be [1.0, ratio_h, ratio_w, 1.0] with ratios >= "
                             f"1.0, but got {pooling_ratio}.")
        for arg in ("pseudo_random", "overlapping", "deterministic"):
            if not isinstance(self.attrs[arg], bool):
                raise TypeError(f"For '{op}', the '{arg}' must be a bool, but got {type(self.attrs[arg]).__name__}.")
        check.int_value(op, "seed", seed)
        check.int_value(op, "seed2", seed2)
        self._key = None

    def __call__(self, x):
        check.tensor(self.name, "x", x)
        if x.dtype not in _FLOATS + (mstype.int32, mstype.int64):
            raise TypeError(f"For '{self.name}', the 'x' must be float16, float32, float64, int32 or int64, but got "
                            f"{x.dtype}.")
        if x.ndim != 4:
            raise ValueError(f"For '{self.name}', the 'x' must be 4-D (NHWC), but got shape {x.shape}.")
        _, h, w, _ = x.shape
        ratio_h, ratio_w = self.attrs["pooling_ratio"][1:3]
        if h // ratio_h < 1 or w // ratio_w < 1:
            raise ValueError(f"For '{self.name}', the 'pooling_ratio' {self.attrs['pooling_ratio']} leaves no output "
                             f"for an input of shape {x.shape}.")
        a = self.attrs
        if a["deterministic"] and self._key is not None:  # every call pools by the first call's intervals
            key = self._key
        else:
            key = self._key = random_keys.next_key(a["seed"], a["seed2"])
        rng = np.random.default_rng(np.asarray(key, np.uint32))
        rows = _interval_boundaries(rng, h, ratio_h, a["pseudo_random"])
        cols = _interval_boundaries(rng, w, ratio_w, a["pseudo_random"])
        out = _wrap(self._dispatch((x._value(), tuple(rows.tolist()), tuple(cols.tolist()))))
        return out, Tensor(rows), Tensor(cols)

    def _compute(self, x, rows, cols):
        overlap = 1 if self.attrs["overlapping"] else 0
        h, w = x.shape[1:3]
        lines = []
        for r in range(len(rows) - 1):
            r1 = min(rows[r + 1] + overlap, h)
            cells = [self._reduce(x[:, rows[r]:r1, cols[c]:min(cols[c + 1] + overlap, w), :])
                     for c in range(len(cols) - 1)]
            lines.append(jnp.stack(cells, axis=1))
        return jnp.stack(lines, axis=1)


class FractionalMaxPool(_RatioPool):
    """Fractional max pooling of x (N, H, W, C) by pooling_ratio [1, r_h, r_w, 1]; returns
    (y, row_pooling_sequence, col_pooling_sequence) (the interval boundaries, Int64)."""

    @staticmethod
    def _reduce(window):
        return jnp.max(window, axis=(1, 2))


class FractionalAvgPool(_RatioPool):
    """Fractional average pooling of x (N, H, W, C); returns (y, row_pooling_sequence,
    col_pooling_sequence)."""

    @staticmethod
    def _reduce(window):
        return jnp.mean(window, axis=(1, 2)).astype(window.dtype)


class DepthwiseConv2dNative(Primitive):
    """Depthwise 2-D convolution (NCHW): each input channel convolved with its own
    `channel_multiplier` filters, weight (channel_multiplier, C, kh, kw) → output channels
    C·channel_multiplier (channel c·m + j from channel c and filter j). pad_mode 'valid',
    'same' or 'pad' (with `pad`: (top, bottom, left, right) or one int)."""

    @prim_attr_register
    def __init__(self, channel_multiplier, kernel_size, mode=3, pad_mode="valid", pad=0, stride=1, dilation=1,
                 group=1):
        op = "DepthwiseConv2dNative"
        check.int_value(op, "channel_multiplier", channel_multiplier, minimum=1)
        self.attrs["kernel_size"] = _sizes(op, "kernel_size", kernel_size, 2)
        if mode != 3:
            raise ValueError(f"For '{op}', the 'mode' must be 3, but got {mode}.")
        if pad_mode not in ("valid", "same", "pad"):
            raise ValueError(f"For '{op}', the 'pad_mode' must be one of ['valid', 'same', 'pad'], but got "
                             f"{pad_mode!r}.")
        pads = (pad,) * 4 if check.is_int(pad) else tuple(pad)
        if len(pads) != 4 or not all(check.is_int(p) and p >= 0 for p in pads):
            raise ValueError(f"For '{op}', the 'pad' must be an int or a tuple of 4 ints >= 0, but got {pad!r}.")
        if pad_mode != "pad" and any(pads):
            raise ValueError(f"For '{op}', the 'pad' must be 0 when 'pad_mode' is not 'pad', but got {pad!r}.")
        strides = _sizes(op, "stride", stride, 2) if not isinstance(stride, tuple) or len(stride) != 4 \
            else tuple(stride[2:])
        dilations = _sizes(op, "dilation", dilation, 2) if not isinstance(dilation, tuple) or len(dilation) != 4 \
            else tuple(dilation[2:])
        self.attrs.update(pad=pads, stride=(1, 1) + strides, dilation=(1, 1) + dilations, data_format="NCHW",
                          offset_a=0)

    def __call__(self, x, weight):
        op = self.name
        for arg, value in (("x", x), ("weight", weight)):
            check.tensor(op, arg, value)
            if value.dtype not in _FLOATS:
                raise TypeError(f"For '{op}', the '{arg}' must be a float Tensor, but got {value.dtype}.")
        if x.ndim != 4 or weight.ndim != 4:
            raise ValueError(f"For '{op}', the 'x' and 'weight' must be 4-D, but got {x.shape} and {weight.shape}.")
        m = self.attrs["channel_multiplier"]
        if weight.shape != (m, x.shape[1]) + self.attrs["kernel_size"]:
            raise ValueError(f"For '{op}', the 'weight' must have shape {(m, x.shape[1]) + self.attrs['kernel_size']}, "
                             f"but got {weight.shape}.")
        return super().__call__(x, weight)

    def _compute(self, x, weight):
        m, c, kh, kw = weight.shape
        kernel = jnp.transpose(weight, (1, 0, 2, 3)).reshape(c * m, 1, kh, kw)
        a = self.attrs
        if a["pad_mode"] == "pad":
            top, bottom, left, right = a["pad"]
            padding = ((top, bottom), (left, right))
        else:
            padding = a["pad_mode"].upper()
        return jax.lax.conv_general_dilated(x, kernel.astype(x.dtype), a["stride"][2:], padding,
                                            rhs_dilation=a["dilation"][2:], feature_group_count=c,
                                            dimension_numbers=("NCHW", "OIHW", "NCHW"))


class DropoutGenMask(Primitive):
    """A dropout mask for a Tensor of `shape`: each element kept with probability keep_prob,
    packed one bit per element, little-endian within each byte, into uint8 of length
    ⌈size/128⌉·16 (MindSpore's layout). The bits come from sporax's random streams (set_seed,
    Seed0, Seed1), not MindSpore's generator."""

    @prim_attr_register
    def __init__(self, Seed0=0, Seed1=0):  # noqa: N803 - MindSpore's argument names
        check.int_value("DropoutGenMask", "Seed0", Seed0)
        check.int_value("DropoutGenMask", "Seed1", Seed1)
        self.add_prim_attr("side_effect_hidden", True)

    def __call__(self, shape, keep_prob):
        shape = check.int_tuple(self.name, "shape", shape, allow_int=False)
        if isinstance(keep_prob, Tensor):
            keep = keep_prob._value()
        elif isinstance(keep_prob, (int, float)) and not isinstance(keep_prob, bool):
            keep = jnp.asarray(keep_prob, jnp.float32)
        else:
            raise TypeError(f"For '{self.name}', the 'keep_prob' must be a Tensor or a float, but got "
                            f"{type(keep_prob).__name__}.")
        key = random_keys.op_key(self.attrs["Seed0"], self.attrs["Seed1"])
        return _wrap(self._dispatch((key, keep, shape)))

    def _compute(self, key, keep, shape):
        size = int(np.prod(shape))
        padded = -(-size // 128) * 128
        bits = jax.random.uniform(jax.random.wrap_key_data(key), (padded,)) < keep
        bits = bits & (jnp.arange(padded) < size)
        weights = (1 << jnp.arange(8)).astype(jnp.uint8)
        return jnp.sum(bits.reshape(-1, 8).astype(jnp.uint8) * weights, axis=1, dtype=jnp.uint8)


class DropoutDoMask(Primitive):
    """input_x where its bit in `mask` (DropoutGenMask's layout) is set, divided by keep_prob;
    0 elsewhere."""

    def __init__(self):
        super().__init__("DropoutDoMask")

    def __call__(self, input_x, mask, keep_prob):
        check.tensor(self.name, "input_x", input_x)
        check.tensor(self.name, "mask", mask)
        if mask.dtype != mstype.uint8 or mask.ndim != 1:
            raise TypeError(f"For '{self.name}', the 'mask' must be a 1-D uint8 Tensor, but got {mask.dtype} of shape "
                            f"{mask.shape}.")
        if mask.shape[0] * 8 < input_x.size:
            raise ValueError(f"For '{self.name}', the 'mask' holds {mask.shape[0] * 8} bits, fewer than the "
                             f"{input_x.size} elements of 'input_x'.")
        keep = keep_prob._value() if isinstance(keep_prob, Tensor) else jnp.asarray(keep_prob, jnp.float32)
        return _wrap(self._dispatch((input_x._value(), mask._value(), keep)))

    def _compute(self, x, mask, keep):
        bits = (mask[:, None] >> jnp.arange(8, dtype=jnp.uint8)) & 1
        kept = bits.reshape(-1)[:x.size].reshape(x.shape).astype(bool)
        return jnp.where(kept, x / keep.astype(x.dtype), jnp.zeros((), x.dtype))
