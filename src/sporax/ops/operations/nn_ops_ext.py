"""More neural-network primitives (issues 10/11, the nn surface): activations, 1-D/3-D and
adaptive pooling, unpooling, transposed 3-D convolution, padding, resizing, patches
(Im2Col/Col2Im), local response normalisation and the losses of `mindspore.ops.operations`.

Layout NCHW (NCDHW for 3-D). Each primitive is one pure JAX `_compute`; the arithmetic of
windows is `_pooling`'s, the arithmetic of resampling is `_resample`'s.
"""
from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np

from ... import _validation
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..._runtime import random_keys
from ..primitive import Primitive, _wrap, prim_attr_register
from . import _kink_gradients, _pooling, _resample
from .nn_ops import _ARGMAX_TYPES, _REDUCTION_IDS, _check_pool_input, _reduce

__all__ = ["Elu", "CeLU", "SeLU", "HSigmoid", "HSwish", "HShrink", "SoftShrink", "Softplus", "Mish",
           "FastGeLU", "FastGelu", "Gelu", "PReLU", "GLU",
           "MaxPool3D", "MaxPoolWithArgmax", "MaxPool3DWithArgmax", "AdaptiveAvgPool3D", "AdaptiveMaxPool2D",
           "AdaptiveMaxPool3D", "MaxUnpool2D", "MaxUnpool3D", "Conv3DTranspose", "Dense",
           "Dropout2D", "Dropout3D", "LRN", "L2Normalize", "Pad", "PadV3", "MirrorPad",
           "ResizeNearestNeighbor", "ResizeBilinearV2", "ResizeBicubic", "ResizeLinear1D", "UpsampleNearest3D",
           "UpsampleTrilinear3D", "Im2Col", "Col2Im", "ChannelShuffle", "AffineGrid", "GridSampler2D",
           "GridSampler3D",
           "BinaryCrossEntropy", "KLDivLoss", "NLLLoss", "SmoothL1Loss", "SoftMarginLoss", "MultiMarginLoss",
           "MultilabelMarginLoss", "TripletMarginLoss", "SigmoidCrossEntropyWithLogits",
           "SparseSoftmaxCrossEntropyWithLogits", "L2Loss"]


def _tensor(op, name, value):
    if not isinstance(value, Tensor):
        raise TypeError(f"For '{op}', the '{name}' must be a Tensor, but got {type(value).__name__}.")
    return value


def _float_tensor(op, name, value):
    _tensor(op, name, value)
    if value.dtype.kind != "float":
        raise TypeError(f"For '{op}', the '{name}' must be a Tensor of float16, bfloat16, float32 or float64, "
                        f"but got {value.dtype}.")
    return value


def _number(op, name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"For '{op}', the '{name}' must be a float, but got {type(value).__name__}.")
    return float(value)


# --- activations --------------------------------------------------------------------------------

class _Activation(Primitive):
    """An elementwise map of one floating Tensor; `_math(x)` reads attributes from `self.attrs`."""

    def __call__(self, x):
        _float_tensor(self.name, "x", x)
        return super().__call__(x)

    def _compute(self, x):
        return self._math(x).astype(x.dtype)


class Elu(_Activation):
    """x for x > 0, alpha·(eˣ − 1) otherwise."""

    @prim_attr_register
    def __init__(self, alpha=1.0):
        self.attrs["alpha"] = _number("Elu", "alpha", alpha)

    def _math(self, x):
        return jax.nn.elu(x, self.attrs["alpha"])


class CeLU(_Activation):
    """max(0, x) + min(0, alpha·(e^(x/alpha) − 1)), alpha ≠ 0."""

    @prim_attr_register
    def __init__(self, alpha=1.0):
        alpha = _number("CeLU", "alpha", alpha)
        if alpha == 0:
            raise ValueError("For 'CeLU', the 'alpha' must not be 0, but got 0.")
        self.attrs["alpha"] = alpha

    def _math(self, x):
        return jax.nn.celu(x, self.attrs["alpha"])


class SeLU(_Activation):
    """scale·(max(0, x) + min(0, alpha·(eˣ − 1))), alpha = 1.67326324, scale = 1.05070098."""

    @prim_attr_register
    def __init__(self):
        pass

    def _math(self, x):
        return 1.05070098 * jnp.where(x > 0, x, 1.67326324 * jnp.expm1(jnp.minimum(x, 0)))


class HSigmoid(_Activation):
    """relu6(x + 3)/6."""

    @prim_attr_register
    def __init__(self):
        pass

    def _math(self, x):
        return _kink_gradients.hsigmoid(x)


class HSwish(_Activation):
    """x·relu6(x + 3)/6."""

    @prim_attr_register
    def __init__(self):
        pass

    def _math(self, x):
        return _kink_gradients.hswish(x)


class HShrink(_Activation):
    """x where |x| > lambd, else 0."""

    @prim_attr_register
    def __init__(self, lambd=0.5):
        lambd = _number("HShrink", "lambd", lambd)
        if lambd < 0:
            raise ValueError(f"For 'HShrink', the 'lambd' must be greater or equal to 0, but got {lambd}.")
        self.attrs["lambd"] = lambd

    def _math(self, x):
        return jnp.where(jnp.abs(x) <= self.attrs["lambd"], 0, x)  # NaN propagates (PyTorch's rule)


class SoftShrink(_Activation):
    """x − lambd where x > lambd, x + lambd where x < −lambd, else 0."""

    @prim_attr_register
    def __init__(self, lambd=0.5):
        lambd = _number("SoftShrink", "lambd", lambd)
        if lambd < 0:
            raise ValueError(f"For 'SoftShrink', the 'lambd' must be greater or equal to 0, but got {lambd}.")
        self.attrs["lambd"] = lambd

    def _math(self, x):
        lambd = self.attrs["lambd"]
        return jnp.where(x > lambd, x - lambd, jnp.where(x < -lambd, x + lambd, x * 0))  # x·0: NaN propagates


class Softplus(_Activation):
    """log(1 + eˣ)."""

    @prim_attr_register
    def __init__(self):
        pass

    def _math(self, x):
        return jax.nn.softplus(x)


class _SoftplusExt(_Activation):
    """log(1 + e^(beta·x))/beta, x itself where beta·x > threshold (`ops.softplus`)."""

    def __init__(self, beta, threshold):
        Primitive.__init__(self, "SoftplusExt")
        self.attrs.update(beta=beta, threshold=threshold)

    def _math(self, x):
        beta, threshold = self.attrs["beta"], self.attrs["threshold"]
        return jnp.where(x * beta > threshold, x, jax.nn.softplus(x * beta) / beta)


class Mish(_Activation):
    """x·tanh(softplus(x))."""

    @prim_attr_register
    def __init__(self):
        pass

    def _math(self, x):
        return x * jnp.tanh(jax.nn.softplus(x))


class FastGeLU(_Activation):
    """x/(1 + e^(−1.702|x|))·e^(0.851(x − |x|)): the sigmoid approximation of GELU."""

    @prim_attr_register
    def __init__(self):
        pass

    def _math(self, x):
        a = jnp.abs(x)
        return x / (1 + jnp.exp(-1.702 * a)) * jnp.exp(0.851 * (x - a))


class FastGelu(FastGeLU):
    """MindSpore's older name of FastGeLU."""


class Gelu(_Activation):
    """MindSpore's older name of GeLU: the tanh approximation of GELU."""

    @prim_attr_register
    def __init__(self):
        pass

    def _math(self, x):
        return jax.nn.gelu(x, approximate=True)


class _Pointwise(_Activation):
    """A private elementwise map with attributes (threshold, hardtanh, logsigmoid, ...)."""

    def __init__(self, name, math, **attrs):
        Primitive.__init__(self, name)
        self.attrs.update(attrs)
        self._fn = math

    def _kernel_key(self):
        return (type(self), self.name, tuple(sorted(self.attrs.items())))

    def _math(self, x):
        return self._fn(x, **self.attrs)


def threshold(value_threshold, value):
    return _Pointwise("Threshold", lambda x, threshold, value: jnp.where(x <= threshold, value, x),
                      threshold=float(value_threshold), value=float(value))


def hardtanh(min_val, max_val):
    return _Pointwise("Hardtanh", lambda x, min_val, max_val: jnp.clip(x, min_val, max_val),
                      min_val=float(min_val), max_val=float(max_val))


def log_sigmoid():
    return _Pointwise("LogSigmoid", lambda x: jax.nn.log_sigmoid(x))


def tanhshrink():
    return _Pointwise("Tanhshrink", lambda x: x - jnp.tanh(x))


class PReLU(Primitive):
    """(x, weight) -> x where x > 0, weight·x elsewhere; weight per channel (axis 1) or one."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x, weight):
        _float_tensor("PReLU", "x", x)
        _float_tensor("PReLU", "weight", weight)
        channels = x.shape[1] if x.ndim > 1 else 1
        if weight.ndim > 1 or weight.size not in (1, channels):
            raise ValueError(f"For 'PReLU', the 'weight' must be 1-D with 1 or {channels} elements, but got shape "
                             f"{weight.shape}.")
        return super().__call__(x, weight)

    def _compute(self, x, w):
        shape = (1, -1) + (1,) * (x.ndim - 2) if x.ndim > 1 and w.size > 1 else (-1,) if w.size > 1 else ()
        w = w.reshape(shape) if shape else w.reshape(())
        return jnp.where(x > 0, x, w.astype(x.dtype) * x)


class GLU(Primitive):
    """a·σ(b), (a, b) the two halves of x along `axis`."""

    @prim_attr_register
    def __init__(self, axis=-1):
        _validation.int_arg("GLU", "axis", axis)

    def __call__(self, x):
        _float_tensor("GLU", "x", x)
        axis = self.attrs["axis"]
        if not -x.ndim <= axis < x.ndim or x.shape[axis] % 2:
            raise ValueError(f"For 'GLU', the size of 'x' along 'axis' {axis} must be even, but got shape {x.shape}.")
        return super().__call__(x)

    def _compute(self, x):
        a, b = jnp.split(x, 2, axis=self.attrs["axis"])
        return a * jax.nn.sigmoid(b)


# --- pooling ------------------------------------------------------------------------------------

class MaxPool3D(Primitive):
    """Max over (kd, kh, kw) windows of (N, C, D, H, W); 'valid', 'same' or 'pad' with `pad_list`."""

    @prim_attr_register
    def __init__(self, kernel_size=1, strides=1, pad_mode="VALID", pad_list=0, ceil_mode=None, data_format="NCDHW"):
        op = "MaxPool3D"
        self._kernel = _validation.int_tuple(op, "kernel_size", kernel_size, 3)
        self._strides = _validation.int_tuple(op, "strides", strides, 3)
        self._pad_mode = _validation.pad_mode(op, pad_mode)
        pads = _validation.int_tuple(op, "pad_list", pad_list, 6, minimum=0)
        if self._pad_mode != "pad" and any(pads):
            raise ValueError(f"For '{op}', the 'pad_list' must be zero when 'pad_mode' is not 'pad', but got {pad_list}.")
        self._pads = [(pads[2 * i], pads[2 * i + 1]) for i in range(3)]
        self._ceil = bool(ceil_mode)
        self.attrs.update(kernel_size=(1, 1) + self._kernel, strides=(1, 1) + self._strides,
                          pad_mode=self._pad_mode.upper(), pad_list=pads, ceil_mode=int(self._ceil))

    def __call__(self, x):
        _check_pool_input(self.name, x, (5,))
        return super().__call__(x)

    def _compute(self, x):
        padding = _pooling.window_padding(self._pad_mode, x.shape[2:], self._kernel, self._strides, (1, 1, 1),
                                          self._pads, self._ceil)
        return _pooling.max_pool(x, self._kernel, self._strides, (1, 1, 1), padding)


class MaxPoolWithArgmax(Primitive):
    """(output, argmax) of 2-D max pooling, 'valid' or 'same'; argmax the flat (C·H·W) index within
    a sample."""

    @prim_attr_register
    def __init__(self, kernel_size=1, strides=1, pad_mode="valid", data_format="NCHW"):
        op = "MaxPoolWithArgmax"
        self._kernel = _validation.int_tuple(op, "kernel_size", kernel_size, 2)
        self._strides = _validation.int_tuple(op, "strides", strides, 2)
        self._pad_mode = _validation.one_of(op, "pad_mode", pad_mode.lower() if isinstance(pad_mode, str)
                                            else pad_mode, ("valid", "same"))
        self.attrs.update(kernel_size=(1, 1) + self._kernel, strides=(1, 1) + self._strides,
                          pad_mode=self._pad_mode.upper())

    def __call__(self, x):
        _check_pool_input(self.name, x, (4,))
        return super().__call__(x)

    def _compute(self, x):
        padding = _pooling.window_padding(self._pad_mode, x.shape[2:], self._kernel, self._strides, (1, 1))
        out = _pooling.max_pool(x, self._kernel, self._strides, (1, 1), padding)
        argmax = _pooling.max_pool_argmax(x, self._kernel, self._strides, (1, 1), padding, np.int32)
        # MindSpore's index is flat over a sample's (C·H·W), not one channel's plane
        plane = x.shape[2] * x.shape[3]
        return out, argmax + (jnp.arange(x.shape[1], dtype=np.int32) * plane)[None, :, None, None]


class MaxPool3DWithArgmax(Primitive):
    """(output, argmax) of 3-D max pooling with symmetric `pads`, `dilation`, `ceil_mode`;
    argmax the flat (D·H·W) index."""

    @prim_attr_register
    def __init__(self, ksize, strides, pads, dilation=(1, 1, 1), ceil_mode=False, data_format="NCDHW",
                 argmax_type=mstype.int64):
        op = "MaxPool3DWithArgmax"
        self._kernel = _validation.int_tuple(op, "ksize", ksize, 3)
        self._strides = _validation.int_tuple(op, "strides", strides, 3)
        self._pads = _validation.int_tuple(op, "pads", pads, 3, minimum=0)
        self._dilation = _validation.int_tuple(op, "dilation", dilation, 3)
        _validation.bool_arg(op, "ceil_mode", ceil_mode)
        if argmax_type not in _ARGMAX_TYPES:
            raise TypeError(f"For '{op}', the 'argmax_type' must be Int32 or Int64, but got {argmax_type}.")
        self._index_dtype = argmax_type.to_numpy()
        self.attrs.update(ksize=self._kernel, strides=self._strides, pads=self._pads, dilation=self._dilation,
                          argmax_type=_ARGMAX_TYPES[argmax_type])

    def __call__(self, x):
        _check_pool_input(self.name, x, (5,))
        return super().__call__(x)

    def _compute(self, x):
        padding = _pooling.window_padding("pad", x.shape[2:], self._kernel, self._strides, self._dilation,
                                          [(p, p) for p in self._pads], self.attrs["ceil_mode"])
        out = _pooling.max_pool(x, self._kernel, self._strides, self._dilation, padding)
        idx = _pooling.max_pool_argmax(x, self._kernel, self._strides, self._dilation, padding, self._index_dtype)
        return out, idx


def _output_size(op, output_size, rank):
    if _validation.is_int(output_size):
        output_size = (output_size,) * rank
    if not isinstance(output_size, (tuple, list)) or len(output_size) != rank or not all(
            s is None or (_validation.is_int(s) and s > 0) for s in output_size):
        raise ValueError(f"For '{op}', the 'output_size' must be a positive int or a tuple of {rank} positive ints "
                         f"(or None), but got {output_size!r}.")
    return tuple(output_size)


class _Adaptive(Primitive):
    """Adaptive pooling over the last `_rank` axes: output cell i of n spans
    [⌊i·L/n⌋, ⌈(i+1)·L/n⌉) on an axis of size L (None keeps the size)."""
    _rank = 2

    def _setup(self, output_size):
        self._output_size = _output_size(self.name, output_size, self._rank)

    def __call__(self, x):
        _check_pool_input(self.name, x, (self._rank + 1, self._rank + 2))
        _float_tensor(self.name, "x", x)
        return super().__call__(x)

    def _sizes(self, x):
        spatial = x.shape[x.ndim - self._rank:]
        return tuple(n if o is None else o for o, n in zip(self._output_size, spatial))


class AdaptiveAvgPool3D(_Adaptive):
    """Mean over adaptive bins of (…, D, H, W)."""
    _rank = 3

    @prim_attr_register
    def __init__(self, output_size):
        self._setup(output_size)
        self.attrs["output_size"] = tuple(-1 if s is None else s for s in self._output_size)

    def _compute(self, x):
        return _pooling.adaptive_avg(x, self._sizes(x))


class AdaptiveMaxPool2D(_Adaptive):
    """(max over adaptive bins of (…, H, W), the flat (H·W) index of each maximum as Int64)."""

    @prim_attr_register
    def __init__(self, output_size):
        self._setup(output_size)
        self.attrs["output_size"] = tuple(-1 if s is None else s for s in self._output_size)

    def _compute(self, x):
        return _pooling.adaptive_max(x, self._sizes(x))


class AdaptiveMaxPool3D(Primitive):
    """(x, output_size Tensor of 3 ints) -> (max over adaptive bins of (…, D, H, W), flat indices as Int32)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x, output_size):
        _check_pool_input(self.name, x, (4, 5))
        _tensor(self.name, "output_size", output_size)
        sizes = tuple(int(v) for v in output_size.asnumpy().reshape(-1))
        if len(sizes) != 3 or min(sizes) <= 0:
            raise ValueError(f"For 'AdaptiveMaxPool3D', the 'output_size' must hold 3 positive ints, but got {sizes}.")
        return Primitive.__call__(self, x, sizes)

    def _compute(self, x, sizes):
        out, idx = _pooling.adaptive_max(x, sizes)
        return out, idx.astype(jnp.int32)


class _AdaptiveAvg(_Adaptive):
    """Adaptive average pooling over the last `rank` axes (1-D/2-D/3-D functional forms)."""

    def __init__(self, output_size, rank):
        self._rank = rank
        Primitive.__init__(self, f"AdaptiveAvgPool{rank}D")
        self._setup(output_size)
        self.attrs["output_size"] = self._output_size

    def _compute(self, x):
        return _pooling.adaptive_avg(x, self._sizes(x))


class _AdaptiveMax(_Adaptive):
    def __init__(self, output_size, rank):
        self._rank = rank
        Primitive.__init__(self, f"AdaptiveMaxPool{rank}D")
        self._setup(output_size)
        self.attrs["output_size"] = self._output_size

    def _compute(self, x):
        return _pooling.adaptive_max(x, self._sizes(x))


class _MaxUnpool(Primitive):
    """(x, indices) -> zeros of the unpooled size with each x scattered to its flat spatial index."""
    _rank = 2

    def _setup(self, ksize, strides, pads, output_shape):
        op, n = self.name, self._rank
        self._kernel = _validation.int_tuple(op, "ksize", ksize, n)
        strides = self._kernel if strides in (0, None, ()) else strides
        self._strides = _validation.int_tuple(op, "strides", strides, n)
        self._pads = _validation.int_tuple(op, "pads", pads, n, minimum=0)
        self._output_shape = tuple(output_shape or ())
        self.attrs.update(ksize=(1, 1) + self._kernel, strides=(1, 1) + self._strides,
                          pads=(1, 1) + self._pads, output_shape=self._output_shape)

    def __call__(self, x, indices):
        _check_pool_input(self.name, x, (self._rank + 2,))
        _tensor(self.name, "argmax", indices)
        if indices.dtype.kind not in ("int", "uint"):
            raise TypeError(f"For '{self.name}', the 'argmax' must be an int Tensor, but got {indices.dtype}.")
        if indices.shape != x.shape:
            raise ValueError(f"For '{self.name}', the 'argmax' must have the shape of 'x' {x.shape}, but got "
                             f"{indices.shape}.")
        if self._output_shape:
            spatial = tuple(self._output_shape[-self._rank:])
        else:
            spatial = tuple((n - 1) * s - 2 * p + k for n, s, p, k in
                            zip(x.shape[2:], self._strides, self._pads, self._kernel))
        return Primitive.__call__(self, x, indices, spatial)

    def _compute(self, x, indices, spatial):
        n, c = x.shape[:2]
        size = math.prod(spatial)
        flat = jnp.zeros((n, c, size), x.dtype)
        rows = indices.reshape(n, c, -1).astype(jnp.int32)
        out = jax.vmap(jax.vmap(lambda z, i, v: z.at[i].set(v, mode="drop")))(flat, rows, x.reshape(n, c, -1))
        return out.reshape((n, c) + tuple(spatial))


class MaxUnpool2D(_MaxUnpool):
    @prim_attr_register
    def __init__(self, ksize, strides=0, pads=0, output_shape=(), data_format="NCHW"):
        self._setup(ksize, strides, pads, output_shape)


class MaxUnpool3D(_MaxUnpool):
    _rank = 3

    @prim_attr_register
    def __init__(self, ksize, strides=0, pads=0, output_shape=(), data_format="NCDHW"):
        self._setup(ksize, strides, pads, output_shape)


class _MaxUnpool1D(_MaxUnpool):
    _rank = 1

    def __init__(self, ksize, strides, pads, output_shape):
        Primitive.__init__(self, "MaxUnpool1D")
        self._setup(ksize, strides, pads, output_shape)


# --- convolution and dense ----------------------------------------------------------------------

class Conv3DTranspose(Primitive):
    """The transposed 3-D convolution (the gradient of Conv3D with respect to its input):
    x (N, in_channel, D, H, W), weight (in_channel, out_channel/group, kd, kh, kw); output
    size per axis (n − 1)·s − pad_low − pad_high + d(k − 1) + 1 + output_padding."""

    @prim_attr_register
    def __init__(self, in_channel, out_channel, kernel_size, mode=1, pad_mode="valid", pad=0, stride=1, dilation=1,
                 group=1, output_padding=0, data_format="NCDHW"):
        op = "Conv3DTranspose"
        self._kernel = _validation.int_tuple(op, "kernel_size", kernel_size, 3)
        self._stride = _validation.int_tuple(op, "stride", stride, 3)
        self._dilation = _validation.int_tuple(op, "dilation", dilation, 3)
        self._pad_mode = _validation.pad_mode(op, pad_mode)
        pads = _validation.int_tuple(op, "pad", pad, 6, minimum=0)
        if self._pad_mode != "pad" and any(pads):
            raise ValueError(f"For '{op}', the 'pad' must be zero when 'pad_mode' is not 'pad', but got {pad}.")
        self._pads = [(pads[2 * i], pads[2 * i + 1]) for i in range(3)]
        self._output_padding = _validation.int_tuple(op, "output_padding", output_padding, 3, minimum=0)
        _validation.positive_int(op, "group", group)
        self.attrs.update(kernel_size=self._kernel, stride=(1, 1) + self._stride, dilation=(1, 1) + self._dilation,
                          pad_list=pads, output_padding=(1, 1) + self._output_padding, pad_mode=self._pad_mode)

    def __call__(self, dout, weight):
        _float_tensor(self.name, "dout", dout)
        _float_tensor(self.name, "weight", weight)
        if dout.ndim != 5 or weight.ndim != 5:
            raise ValueError(f"For '{self.name}', the dimension of 'dout' and 'weight' must be 5, but got "
                             f"{dout.ndim} and {weight.ndim}.")
        if dout.shape[1] != weight.shape[0]:
            raise ValueError(f"For '{self.name}', 'dout' has {dout.shape[1]} channels but 'weight' expects "
                             f"{weight.shape[0]}.")
        return super().__call__(dout, weight)

    def _compute(self, x, w):
        return _transposed_conv(x, w, self._stride, self._dilation, self._pad_mode, self._pads,
                                self._output_padding, self.attrs["group"])


def _transposed_conv(x, w, stride, dilation, pad_mode, pads, output_padding, group):
    """The transposed convolution as the vjp of the forward one: input size per axis from the
    padding rule, plus output_padding on the high side."""
    rank = x.ndim - 2
    spans = [d * (k - 1) + 1 for d, k in zip(dilation, w.shape[2:])]
    sizes = []
    for n, s, span, op_, (low, high) in zip(x.shape[2:], stride, spans, output_padding, pads):
        if pad_mode == "same":
            sizes.append(n * s + op_)
        elif pad_mode == "valid":
            sizes.append((n - 1) * s + span + op_)
        else:
            sizes.append((n - 1) * s + span - low - high + op_)
    # The forward convolution maps (N, out_channel, sizes) to x's shape; its OI weight is w
    # itself: O = in_channel (in groups), I = out_channel/group.
    layout = {1: ("NCH", "OIH", "NCH"), 2: ("NCHW", "OIHW", "NCHW"), 3: ("NCDHW", "OIDHW", "NCDHW")}[rank]

    def forward(y):
        padding = _pooling.window_padding(pad_mode, y.shape[2:], w.shape[2:], stride, dilation, pads)
        return jax.lax.conv_general_dilated(y, w.astype(y.dtype), stride, padding, rhs_dilation=dilation,
                                            dimension_numbers=layout, feature_group_count=group)

    zeros = jnp.zeros((x.shape[0], group * w.shape[1]) + tuple(sizes), x.dtype)
    return jax.vjp(forward, zeros)[1](x)[0]


class Dense(Primitive):
    """(x, w, b) -> x·wᵀ + b over the last axis of x (b may be None)."""

    @prim_attr_register
    def __init__(self):
        self.add_prim_attr("has_bias", True)

    def __call__(self, x, w, b=None):
        _tensor("Dense", "x", x)
        _tensor("Dense", "w", w)
        if w.ndim not in (1, 2) or x.ndim < 1 or x.shape[-1] != w.shape[-1]:
            raise ValueError(f"For 'Dense', the last dimension of 'x' {x.shape} must equal that of 'w' {w.shape}.")
        if b is None:
            return Primitive.__call__(self, x, w)
        return Primitive.__call__(self, x, w, b)

    def _compute(self, x, w, b=None):
        out = jnp.matmul(x, w.T) if w.ndim == 2 else jnp.matmul(x, w)
        return out if b is None else out + b


# --- dropout, normalisation ---------------------------------------------------------------------

class _ChannelDropout(Primitive):
    """(output, mask): whole channels (axis 1 of an (N, C, …) input) zeroed with probability
    1 − keep_prob, the rest scaled by 1/keep_prob; the mask is per (N, C), boolean."""
    _ranks = (4,)

    def _setup(self, keep_prob):
        if isinstance(keep_prob, bool) or not isinstance(keep_prob, (int, float)) or not 0 <= keep_prob <= 1:
            raise ValueError(f"For '{self.name}', the 'keep_prob' must be in range [0, 1], but got {keep_prob!r}.")
        self.add_prim_attr("side_effect_hidden", True)

    def __call__(self, x):
        _check_pool_input(self.name, x, self._ranks)
        key = random_keys.op_key(0, 0)
        return _wrap(self._dispatch((x._value(), key)))

    def _compute(self, x, key):
        keep = self.attrs["keep_prob"]
        mask = jax.random.bernoulli(jax.random.wrap_key_data(key), keep, x.shape[:2] + (1,) * (x.ndim - 2))
        scale = jnp.asarray(1 / keep if keep > 0 else 0, x.dtype)
        out = jnp.where(mask, x * scale, jnp.zeros((), x.dtype))
        return out, jnp.broadcast_to(mask, x.shape)


class Dropout2D(_ChannelDropout):
    @prim_attr_register
    def __init__(self, keep_prob=0.5):
        self._setup(keep_prob)


class Dropout3D(_ChannelDropout):
    _ranks = (5,)

    @prim_attr_register
    def __init__(self, keep_prob=0.5):
        self._setup(keep_prob)


class _Dropout(Primitive):
    """Elementwise dropout with drop probability p (the functional form): x·mask/(1 − p)."""

    def __init__(self, p):
        super().__init__("DropoutExt")
        self.add_prim_attr("p", float(p))
        self.add_prim_attr("side_effect_hidden", True)

    def __call__(self, x):
        _tensor("dropout", "input", x)
        key = random_keys.op_key(0, 0)
        return _wrap(self._dispatch((x._value(), key)))

    def _compute(self, x, key):
        p = self.attrs["p"]
        if p >= 1:
            return jnp.zeros_like(x)
        mask = jax.random.bernoulli(jax.random.wrap_key_data(key), 1 - p, x.shape)
        return jnp.where(mask, x / jnp.asarray(1 - p, x.dtype), jnp.zeros((), x.dtype))


class LRN(Primitive):
    """Local response normalisation across channels:
    y_c = x_c / (bias + alpha·Σ_{|c'−c| ≤ depth_radius} x_{c'}²)^beta."""

    @prim_attr_register
    def __init__(self, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, norm_region="ACROSS_CHANNELS"):
        _validation.int_arg("LRN", "depth_radius", depth_radius, minimum=0)
        for name in ("bias", "alpha", "beta"):
            _number("LRN", name, self.attrs[name])
        _validation.one_of("LRN", "norm_region", norm_region, ("ACROSS_CHANNELS",))

    def __call__(self, x):
        _check_pool_input(self.name, x, (4,))
        _float_tensor(self.name, "x", x)
        return super().__call__(x)

    def _compute(self, x):
        a = self.attrs
        r = a["depth_radius"]
        sq = jnp.pad(x * x, [(0, 0), (r, r), (0, 0), (0, 0)])
        window = jax.lax.reduce_window(sq, np.array(0, x.dtype), jax.lax.add, (1, 2 * r + 1, 1, 1), (1, 1, 1, 1),
                                       "VALID")
        return x / (a["bias"] + a["alpha"] * window) ** a["beta"]


class L2Normalize(Primitive):
    """x / √max(Σ x², epsilon) over `axis`."""

    @prim_attr_register
    def __init__(self, axis=0, epsilon=1e-4):
        if _validation.is_int(axis):
            axis = [axis]
        self.attrs["axis"] = list(axis)
        _number("L2Normalize", "epsilon", epsilon)

    def __call__(self, x):
        _float_tensor(self.name, "x", x)
        return super().__call__(x)

    def _compute(self, x):
        axis = tuple(self.attrs["axis"])
        norm = jnp.sum(x * x, axis=axis, keepdims=True)
        return x * jax.lax.rsqrt(jnp.maximum(norm, self.attrs["epsilon"]))


class _Normalize(Primitive):
    """x / max(‖x‖_p, eps) over `dim` (`mint.nn.functional.normalize`)."""

    def __init__(self, p, dim, eps):
        super().__init__("Normalize")
        self.attrs.update(p=float(p), dim=dim, eps=float(eps))

    def _compute(self, x):
        a = self.attrs
        norm = jnp.sum(jnp.abs(x) ** a["p"], axis=a["dim"], keepdims=True) ** (1 / a["p"])
        return x / jnp.maximum(norm, a["eps"])


# --- padding ------------------------------------------------------------------------------------

_PAD_MODES = {"constant": "constant", "reflect": "reflect", "replicate": "edge", "edge": "edge",
              "circular": "wrap", "symmetric": "symmetric"}


class _Padding(Primitive):
    """Pads with [(low, high)] per axis (negative values crop) in `mode`; `value` for constant."""

    def __init__(self, name, mode):
        # A subclass's prim_attr_register has already recorded the constructor's attributes
        # (they key the compiled-kernel cache, so 'REFLECT' and 'SYMMETRIC' must differ): keep them.
        if "attrs" not in self.__dict__:
            super().__init__(name)
            self.attrs["mode"] = mode  # the bare padding of ops.pad: its mode keys the cache
        self.name = name
        self._mode = mode
        self._key = None

    def _compute(self, x, pads, value=0):
        crop = tuple(slice(max(-lo, 0), x.shape[i] - max(-hi, 0)) for i, (lo, hi) in enumerate(pads))
        x = x[crop]
        pads = [(max(lo, 0), max(hi, 0)) for lo, hi in pads]
        if self._mode == "constant":
            return jnp.pad(x, pads, constant_values=jnp.asarray(value, x.dtype))
        return jnp.pad(x, pads, mode=_PAD_MODES[self._mode])


class Pad(_Padding):
    """Zero padding by `paddings`, ((low, high), …) one pair per axis."""

    @prim_attr_register
    def __init__(self, paddings):
        _Padding.__init__(self, "Pad", "constant")
        self.attrs["paddings"] = paddings
        if not isinstance(paddings, (tuple, list)) or not all(
                isinstance(p, (tuple, list)) and len(p) == 2 and all(_validation.is_int(v) and v >= 0 for v in p)
                for p in paddings):
            raise ValueError(f"For 'Pad', the 'paddings' must be a tuple of (low, high) pairs of non-negative ints, "
                             f"but got {paddings!r}.")
        self._pads = tuple(tuple(p) for p in paddings)

    def __call__(self, x):
        _tensor("Pad", "input_x", x)
        if len(self._pads) != x.ndim:
            raise ValueError(f"For 'Pad', the length of 'paddings' must equal the dimension of 'input_x' {x.ndim}, "
                             f"but got {len(self._pads)}.")
        return Primitive.__call__(self, x, self._pads)


class MirrorPad(_Padding):
    """(x, paddings Tensor (ndim, 2)) -> x padded by reflection ('REFLECT', edge not repeated)
    or symmetry ('SYMMETRIC', edge repeated)."""

    @prim_attr_register
    def __init__(self, mode="REFLECT"):
        _validation.one_of("MirrorPad", "mode", mode, ("REFLECT", "SYMMETRIC"))
        _Padding.__init__(self, "MirrorPad", mode.lower())
        self.name = "MirrorPad"

    def __call__(self, x, paddings):
        _tensor("MirrorPad", "input_x", x)
        _tensor("MirrorPad", "paddings", paddings)
        pads = tuple(tuple(int(v) for v in row) for row in paddings.asnumpy().reshape(-1, 2))
        if len(pads) != x.ndim:
            raise ValueError(f"For 'MirrorPad', the 'paddings' must have {x.ndim} rows, but got {len(pads)}.")
        return Primitive.__call__(self, x, pads)


class PadV3(_Padding):
    """(x, paddings, value) -> x padded on its last axes: `paddings` (left, right, top, bottom, …)
    starts from the last axis, negative values crop; mode 'constant', 'reflect', 'edge' or
    'circular'."""

    @prim_attr_register
    def __init__(self, mode="constant", paddings_contiguous=True):
        _validation.one_of("PadV3", "mode", mode, ("constant", "reflect", "edge", "circular"))
        _Padding.__init__(self, "PadV3", mode)
        self.name = "PadV3"

    def __call__(self, x, paddings, value=None):
        _tensor("PadV3", "x", x)
        if isinstance(paddings, Tensor):
            paddings = tuple(int(v) for v in paddings.asnumpy().reshape(-1))
        pads = torch_style_pads("PadV3", x, paddings, self.attrs["paddings_contiguous"])
        if value is None:
            return Primitive.__call__(self, x, pads)
        if isinstance(value, Tensor):
            value = value.asnumpy().item()
        return Primitive.__call__(self, x, pads, value)


def torch_style_pads(op, x, padding, contiguous=True):
    """[(low, high)] per axis from a flat (left, right, top, bottom, …) that starts at the last axis."""
    padding = tuple(padding)
    if not all(_validation.is_int(v) for v in padding) or len(padding) % 2 or len(padding) // 2 > x.ndim:
        raise ValueError(f"For '{op}', the 'padding' must be an even number of ints, at most 2 per dimension of the "
                         f"input (dimension {x.ndim}), but got {padding}.")
    k = len(padding) // 2
    pairs = ([(padding[2 * i], padding[2 * i + 1]) for i in range(k)] if contiguous
             else [(padding[i], padding[i + k]) for i in range(k)])
    pads = [(0, 0)] * (x.ndim - k) + pairs[::-1]
    for (lo, hi), n in zip(pads, x.shape):
        if n + lo + hi < 0:
            raise ValueError(f"For '{op}', the padding {padding} crops more than the input shape {x.shape} has.")
    return tuple(pads)


def padding(mode):
    """The private padding primitive behind `ops.pad` and the padding layers."""
    return _Padding("Pad", mode)


# --- resizing -----------------------------------------------------------------------------------

class _Resize(Primitive):
    """Separable resampling of the last axes to `sizes` (see `_resample` for each mode's
    source coordinates)."""

    def _resize(self, x, sizes, mode, align_corners=False, half_pixel=False, scales=None):
        return _resample.resize(x, sizes, mode, align_corners, half_pixel, scales)


class ResizeNearestNeighbor(_Resize):
    """Nearest-neighbour resize of (N, C, H, W) to `size`."""

    @prim_attr_register
    def __init__(self, size, align_corners=False, half_pixel_centers=False):
        self._size = _validation.int_tuple("ResizeNearestNeighbor", "size", size, 2)
        self.attrs["size"] = self._size

    def __call__(self, x):
        _check_pool_input(self.name, x, (4,))
        return super().__call__(x)

    def _compute(self, x):
        a = self.attrs
        return _resample.resize(x, self._size, "nearest_tf", a["align_corners"], a["half_pixel_centers"])


class ResizeBilinearV2(_Resize):
    """(x, size) -> bilinear resize of (N, C, H, W) to `size` (TensorFlow's coordinate rules)."""

    @prim_attr_register
    def __init__(self, align_corners=False, half_pixel_centers=False):
        _validation.bool_arg("ResizeBilinearV2", "align_corners", align_corners)
        _validation.bool_arg("ResizeBilinearV2", "half_pixel_centers", half_pixel_centers)

    def __call__(self, x, size):
        _check_pool_input(self.name, x, (4,))
        size = tuple(int(v) for v in (size.asnumpy().reshape(-1) if isinstance(size, Tensor) else size))
        return Primitive.__call__(self, x, size)

    def _compute(self, x, size):
        a = self.attrs
        return _resample.resize(x, size, "linear_tf", a["align_corners"], a["half_pixel_centers"])


class ResizeBicubic(_Resize):
    """(x, size) -> bicubic resize of (N, C, H, W) to size (H', W'), MindSpore CPU's kernel
    (TensorFlow's): with half_pixel_centers Keys' cubic (A = −0.5) on (i + ½)·s − ½, outside
    taps dropped and the weights renormalised; otherwise A = −0.75 on i·s (align_corners:
    s = (n − 1)/(m − 1)), outside taps clamped to the edge (see `_resample.mindspore_bicubic`)."""

    @prim_attr_register
    def __init__(self, align_corners=False, half_pixel_centers=False):
        pass

    def __call__(self, x, size):
        _float_tensor(self.name, "images", x)
        if x.ndim != 4:
            raise ValueError(f"For primitive[ResizeBicubic], the image rank must be equal to 4, but got {x.ndim}.")
        if self.attrs["align_corners"] and self.attrs["half_pixel_centers"]:
            raise ValueError("For ResizeBicubic, the half_pixel_centers must be false when align_corners is true, "
                             "but half_pixel_centers got True.")
        size = tuple(int(v) for v in (size.asnumpy().reshape(-1) if isinstance(size, Tensor) else size))
        if len(size) != 2:
            raise ValueError(f"For primitive[ResizeBicubic], the number of size must be equal to 2, but got "
                             f"{len(size)}.")
        if min(size) <= 0:
            raise ValueError(f"For primitive[ResizeBicubic], the size value must be greater than 0, but got "
                             f"{min(size)}.")
        return Primitive.__call__(self, x, size)

    def _compute(self, x, size):
        a = self.attrs
        return _resample.mindspore_bicubic(x, size, a["align_corners"], a["half_pixel_centers"])


class ResizeLinear1D(_Resize):
    """(x, size) -> linear resize of (N, C, W); 'align_corners', 'half_pixel' or 'asymmetric'."""

    @prim_attr_register
    def __init__(self, coordinate_transformation_mode="align_corners"):
        _validation.one_of("ResizeLinear1D", "coordinate_transformation_mode", coordinate_transformation_mode,
                           ("align_corners", "half_pixel", "asymmetric"))

    def __call__(self, x, size):
        _check_pool_input(self.name, x, (3,))
        size = tuple(int(v) for v in (size.asnumpy().reshape(-1) if isinstance(size, Tensor) else size))
        return Primitive.__call__(self, x, size)

    def _compute(self, x, size):
        mode = self.attrs["coordinate_transformation_mode"]
        return _resample.resize(x, size, "linear_tf", mode == "align_corners", mode == "half_pixel")


class UpsampleNearest3D(_Resize):
    """(x, output_size, scales) -> nearest resize of (N, C, D, H, W)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x, output_size=None, scales=None):
        _check_pool_input(self.name, x, (5,))
        sizes, scales = _resample.sizes_and_scales(self.name, x, output_size, scales, 3)
        return Primitive.__call__(self, x, sizes, scales)

    def _compute(self, x, sizes, scales):
        return _resample.resize(x, sizes, "nearest", scales=scales)


class UpsampleTrilinear3D(_Resize):
    """(x, output_size, scales) -> trilinear resize of (N, C, D, H, W)."""

    @prim_attr_register
    def __init__(self, align_corners=False):
        pass

    def __call__(self, x, output_size=None, scales=None):
        _check_pool_input(self.name, x, (5,))
        sizes, scales = _resample.sizes_and_scales(self.name, x, output_size, scales, 3)
        return Primitive.__call__(self, x, sizes, scales)

    def _compute(self, x, sizes, scales):
        return _resample.resize(x, sizes, "linear", self.attrs["align_corners"], scales=scales)


class _Interpolate(Primitive):
    """`ops.interpolate`'s resampling: (x, sizes, scales) in `mode` (nearest, linear, cubic, area, nearest-exact)."""

    def __init__(self, mode, align_corners):
        super().__init__("Interpolate")
        self.attrs.update(mode=mode, align_corners=bool(align_corners))

    def _compute(self, x, sizes, scales):
        a = self.attrs
        if a["mode"] == "area":
            return _pooling.adaptive_avg(x, sizes)
        return _resample.resize(x, sizes, a["mode"], a["align_corners"], scales=scales)


class GridSampler2D(Primitive):
    """(input (N, C, H, W), grid (N, H', W', 2) of (x, y) in [−1, 1]) -> (N, C, H', W'),
    sampled 'bilinear' or 'nearest', outside values by `padding_mode` ('zeros', 'border',
    'reflection')."""
    _rank = 2

    @prim_attr_register
    def __init__(self, interpolation_mode="bilinear", padding_mode="zeros", align_corners=False):
        _validation.one_of(self.name, "interpolation_mode", interpolation_mode, ("bilinear", "nearest"))
        _validation.one_of(self.name, "padding_mode", padding_mode, ("zeros", "border", "reflection"))
        _validation.bool_arg(self.name, "align_corners", align_corners)

    def __call__(self, x, grid):
        _float_tensor(self.name, "input_x", x)
        _float_tensor(self.name, "grid", grid)
        n = self._rank
        if x.ndim != n + 2 or grid.ndim != n + 2 or grid.shape[-1] != n or grid.shape[0] != x.shape[0]:
            raise ValueError(f"For '{self.name}', 'input_x' must be {n + 2}-D and 'grid' (N, ..., {n}) with the same "
                             f"N, but got shapes {x.shape} and {grid.shape}.")
        return super().__call__(x, grid)

    def _compute(self, x, grid):
        a = self.attrs
        return _resample.grid_sample(x, grid.astype(x.dtype), a["interpolation_mode"], a["padding_mode"],
                                     a["align_corners"])


class GridSampler3D(GridSampler2D):
    _rank = 3


class AffineGrid(Primitive):
    """(theta (N, 2, 3) or (N, 3, 4), output_size) -> the sampling grid θ·[x, y, (z,) 1] over the
    normalised output coordinates."""

    @prim_attr_register
    def __init__(self, align_corners=False):
        _validation.bool_arg("AffineGrid", "align_corners", align_corners)

    def __call__(self, theta, output_size):
        _float_tensor("AffineGrid", "theta", theta)
        size = tuple(int(v) for v in output_size)
        if len(size) not in (4, 5) or theta.shape != (size[0], len(size) - 2, len(size) - 1):
            raise ValueError(f"For 'AffineGrid', 'theta' must be (N, {len(size) - 2}, {len(size) - 1}) for "
                             f"'output_size' {size}, but got {theta.shape}.")
        return Primitive.__call__(self, theta, size)

    def _compute(self, theta, size):
        return _resample.affine_grid(theta, size, self.attrs["align_corners"])


# --- patches ------------------------------------------------------------------------------------

class Im2Col(Primitive):
    """(N, C, H, W) -> (N, C, kh·kw, L): every kernel window's values, L windows in row-major order."""

    @prim_attr_register
    def __init__(self, ksizes, strides=1, dilations=1, pads=0):
        op = "Im2Col"
        self._kernel = _validation.int_tuple(op, "ksizes", ksizes, 2)
        self._strides = _validation.int_tuple(op, "strides", strides, 2)
        self._dilations = _validation.int_tuple(op, "dilations", dilations, 2)
        pads = _validation.int_tuple(op, "pads", pads, 2, minimum=0) if not (
            isinstance(pads, (tuple, list)) and len(pads) == 4) else tuple(pads)
        self._pads = [(pads[0], pads[0]), (pads[1], pads[1])] if len(pads) == 2 else [(pads[0], pads[1]),
                                                                                      (pads[2], pads[3])]
        self.attrs.update(ksizes=self._kernel, strides=self._strides, dilations=self._dilations,
                          pads=tuple(pads), padding_mode="CALCULATED")

    def __call__(self, x):
        _check_pool_input(self.name, x, (4,))
        return super().__call__(x)

    def _compute(self, x):
        return _pooling.patches(x, self._kernel, self._strides, self._dilations, self._pads)


class Col2Im(Primitive):
    """(x (N, C, kh·kw, L), output_size) -> (N, C, H, W): each column's values summed back into
    its window (the adjoint of Im2Col)."""

    @prim_attr_register
    def __init__(self, kernel_size, dilation=1, padding=0, stride=1):
        op = "Col2Im"
        self._kernel = _validation.int_tuple(op, "kernel_size", kernel_size, 2)
        self._dilation = _validation.int_tuple(op, "dilation", dilation, 2)
        self._padding = _validation.int_tuple(op, "padding", padding, 2, minimum=0)
        self._stride = _validation.int_tuple(op, "stride", stride, 2)

    def __call__(self, x, output_size):
        _float_tensor(self.name, "x", x)
        if isinstance(output_size, Tensor):
            output_size = tuple(int(v) for v in output_size.asnumpy().reshape(-1))
        size = _validation.int_tuple(self.name, "output_size", output_size, 2)
        if x.ndim != 4 or x.shape[2] != math.prod(self._kernel):
            raise ValueError(f"For 'Col2Im', the 'x' must be (N, C, {math.prod(self._kernel)}, L), but got {x.shape}.")
        blocks = _pooling.block_count(size, self._kernel, self._stride, self._dilation, self._padding)
        if x.shape[3] != math.prod(blocks):
            raise ValueError(f"For 'Col2Im', the last dimension of 'x' must be {math.prod(blocks)} for "
                             f"'output_size' {size}, but got {x.shape[3]}.")
        return Primitive.__call__(self, x, size)

    def _compute(self, x, size):
        pads = [(p, p) for p in self._padding]
        zeros = jnp.zeros(x.shape[:2] + tuple(size), x.dtype)
        _, adjoint = jax.vjp(lambda y: _pooling.patches(y, self._kernel, self._stride, self._dilation, pads), zeros)
        return adjoint(x)[0]


class ChannelShuffle(Primitive):
    """(N, C, …) -> the channels regrouped: (N, g, C/g, …) transposed to (N, C/g, g, …)."""

    @prim_attr_register
    def __init__(self, group):
        _validation.positive_int("ChannelShuffle", "group", group)

    def __call__(self, x):
        _tensor("ChannelShuffle", "x", x)
        g = self.attrs["group"]
        if x.ndim < 3 or x.shape[1] % g:
            raise ValueError(f"For 'ChannelShuffle', the channels of 'x' must be divisible by 'group' {g} and 'x' "
                             f"at least 3-D, but got shape {x.shape}.")
        return super().__call__(x)

    def _compute(self, x):
        g = self.attrs["group"]
        n, c = x.shape[:2]
        y = x.reshape((n, g, c // g) + x.shape[2:])
        return jnp.swapaxes(y, 1, 2).reshape(x.shape)


# --- losses -------------------------------------------------------------------------------------

class _Loss(Primitive):
    def _setup(self, reduction, enum=True):
        _validation.one_of(self.name, "reduction", reduction, tuple(_REDUCTION_IDS))
        self._reduction = reduction
        if enum:
            self.attrs["reduction"] = _REDUCTION_IDS[reduction]

    def _same_shape(self, a_name, a, b_name, b):
        _float_tensor(self.name, a_name, a)
        _tensor(self.name, b_name, b)
        if a.shape != b.shape:
            raise ValueError(f"For '{self.name}', the '{a_name}' and '{b_name}' must have the same shape, but got "
                             f"{a.shape} and {b.shape}.")


class BinaryCrossEntropy(_Loss):
    """(logits p, labels y, weight) -> −w·[y·log p + (1 − y)·log(1 − p)] (log clamped at −100)."""

    @prim_attr_register
    def __init__(self, reduction="mean"):
        self._setup(reduction)

    def __call__(self, logits, labels, weight=None):
        self._same_shape("logits", logits, "labels", labels)
        if weight is None:
            return Primitive.__call__(self, logits, labels)
        return Primitive.__call__(self, logits, labels, weight)

    def _compute(self, p, y, w=None):
        y = y.astype(p.dtype)
        loss = -(y * jnp.maximum(jnp.log(p), -100) + (1 - y) * jnp.maximum(jnp.log1p(-p), -100))
        # MindSpore's bprop gives the weight no gradient (zeros)
        return _reduce(loss if w is None else loss * jax.lax.stop_gradient(w), self._reduction)


class KLDivLoss(_Loss):
    """(logits = log q, labels p) -> p·(log p − log q) (0 where p = 0); 'batchmean' divides the sum by N."""

    @prim_attr_register
    def __init__(self, reduction="mean"):
        _validation.one_of("KLDivLoss", "reduction", reduction, ("none", "mean", "sum", "batchmean"))
        self._reduction = reduction

    def __call__(self, logits, labels):
        self._same_shape("logits", logits, "labels", labels)
        return super().__call__(logits, labels)

    def _compute(self, log_q, p):
        p = jax.lax.stop_gradient(p.astype(log_q.dtype))  # MindSpore's KLDivLoss gives the labels no gradient
        loss = jnp.where(p > 0, p * (jnp.log(jnp.where(p > 0, p, 1)) - log_q), 0) - jnp.where(p > 0, 0, p * log_q)
        if self._reduction == "batchmean":
            return jnp.sum(loss) / log_q.shape[0]
        return _reduce(loss, self._reduction)


class NLLLoss(_Loss):
    """(logits (N, C) log-probabilities, labels (N,), weight (C,)) -> (loss, total_weight):
    −w[y]·x[y] per sample, ignore_index skipped; 'mean' divides by the summed weights."""

    @prim_attr_register
    def __init__(self, reduction="mean", ignore_index=-100):
        self._setup(reduction)
        _validation.int_arg("NLLLoss", "ignore_index", ignore_index)

    def __call__(self, logits, labels, weight):
        _float_tensor("NLLLoss", "logits", logits)
        _tensor("NLLLoss", "labels", labels)
        _float_tensor("NLLLoss", "weight", weight)
        if labels.dtype not in (mstype.int32, mstype.int64):
            raise TypeError(f"For 'NLLLoss', the 'labels' must be a Tensor of Int32 or Int64, but got {labels.dtype}.")
        if logits.ndim not in (1, 2) or labels.shape != logits.shape[:-1] or weight.shape != logits.shape[-1:]:
            raise ValueError(f"For 'NLLLoss', expected 'logits' (N, C), 'labels' (N,) and 'weight' (C,), but got "
                             f"{logits.shape}, {labels.shape} and {weight.shape}.")
        return super().__call__(logits, labels, weight)

    def _compute(self, x, y, w):
        loss, total = nll(x, y, w, self.attrs["ignore_index"], axis=x.ndim - 1)
        if self._reduction == "mean":
            return jnp.sum(loss) / total, total
        return _reduce(loss, self._reduction), total


def nll(log_p, target, weight, ignore_index, axis=1):
    """Per-element −w[y]·log_p[y] (0 where y = ignore_index) and the summed weights counted."""
    mask = target != ignore_index
    safe = jnp.where(mask, target, 0).astype(jnp.int32)
    picked = jnp.take_along_axis(log_p, jnp.expand_dims(safe, axis), axis=axis).squeeze(axis)
    w = weight.astype(log_p.dtype)[safe] * mask
    return -picked * w, jnp.sum(w)


class _NLLLossND(Primitive):
    """Negative log likelihood over (N, C, d1, …) with targets (N, d1, …) (`ops.nll_loss`),
    with label smoothing over the classes."""

    def __init__(self, ignore_index, reduction, label_smoothing):
        super().__init__("NLLLoss")
        self.attrs.update(ignore_index=ignore_index, reduction=reduction, label_smoothing=label_smoothing)

    def _compute(self, x, y, w):
        a = self.attrs
        axis = 1 if x.ndim > 1 else 0
        loss, total = nll(x, y, w, a["ignore_index"], axis)
        if a["label_smoothing"]:
            classes = x.shape[axis]
            shape = [1] * x.ndim
            shape[axis] = classes
            mask = y != a["ignore_index"]
            smooth = -jnp.sum(x * w.astype(x.dtype).reshape(shape), axis=axis) * mask
            eps = a["label_smoothing"]
            loss = (1 - eps) * loss + eps / classes * smooth
        if a["reduction"] == "mean":
            return jnp.sum(loss) / total
        return _reduce(loss, a["reduction"])


class SmoothL1Loss(_Loss):
    """0.5·d²/beta where |d| < beta, else |d| − 0.5·beta."""

    @prim_attr_register
    def __init__(self, beta=1.0, reduction="none"):
        beta = _number("SmoothL1Loss", "beta", beta)
        if beta <= 0:
            raise ValueError(f"For 'SmoothL1Loss', the 'beta' must be greater than 0, but got {beta}.")
        self._setup(reduction)

    def __call__(self, logits, labels):
        self._same_shape("logits", logits, "labels", labels)
        return super().__call__(logits, labels)

    def _compute(self, x, y):
        beta = self.attrs["beta"]
        d = jnp.abs(x - y.astype(x.dtype))
        return _reduce(jnp.where(d < beta, 0.5 * d * d / beta, d - 0.5 * beta), self._reduction)


class SoftMarginLoss(_Loss):
    """log(1 + e^(−y·x))."""

    @prim_attr_register
    def __init__(self, reduction="mean"):
        self._setup(reduction, enum=False)

    def __call__(self, logits, labels):
        self._same_shape("logits", logits, "labels", labels)
        return super().__call__(logits, labels)

    def _compute(self, x, y):
        return _reduce(jax.nn.softplus(-y.astype(x.dtype) * x), self._reduction)


class MultiMarginLoss(_Loss):
    """(x (N, C), target (N,), weight (C,)) -> Σ_{i≠y} w[y]·max(0, margin − x[y] + x[i])^p / C."""

    @prim_attr_register
    def __init__(self, p=1, margin=1.0, reduction="mean"):
        if p not in (1, 2) or isinstance(p, bool):
            raise ValueError(f"For 'MultiMarginLoss', the 'p' must be 1 or 2, but got {p!r}.")
        _number("MultiMarginLoss", "margin", margin)
        self._setup(reduction, enum=False)

    def __call__(self, x, target, weight=None):
        _float_tensor(self.name, "x", x)
        _tensor(self.name, "target", target)
        if x.ndim not in (1, 2) or target.shape != x.shape[:-1]:
            raise ValueError(f"For 'MultiMarginLoss', expected 'x' (N, C) and 'target' (N,), but got {x.shape} and "
                             f"{target.shape}.")
        if weight is None:
            return Primitive.__call__(self, x, target)
        return Primitive.__call__(self, x, target, weight)

    def _compute(self, x, y, w=None):
        a = self.attrs
        y = y.astype(jnp.int32)
        picked = jnp.take_along_axis(x, y[..., None], axis=-1)
        hinge = jnp.maximum(a["margin"] - picked + x, 0) ** a["p"]
        if w is not None:
            hinge = hinge * w.astype(x.dtype)[y][..., None]
        hinge = jnp.where(jax.nn.one_hot(y, x.shape[-1], dtype=bool), 0, hinge)
        return _reduce(jnp.sum(hinge, axis=-1) / x.shape[-1], self._reduction)


class MultilabelMarginLoss(_Loss):
    """(x (N, C), target (N, C) of class indices, ended by −1) -> (loss, is_target):
    Σ_{j target, i not} max(0, 1 − (x[j] − x[i])) / C."""

    @prim_attr_register
    def __init__(self, reduction="mean"):
        self._setup(reduction, enum=False)

    def __call__(self, x, target):
        _float_tensor(self.name, "x", x)
        _tensor(self.name, "target", target)
        if target.shape != x.shape or x.ndim not in (1, 2):
            raise ValueError(f"For 'MultilabelMarginLoss', the 'x' and 'target' must have the same shape (C) or "
                             f"(N, C), but got {x.shape} and {target.shape}.")
        return super().__call__(x, target)

    def _compute(self, x, target):
        c = x.shape[-1]
        t = target.astype(jnp.int32)
        valid = jnp.cumprod(t >= 0, axis=-1).astype(bool)
        is_target = jnp.any(jax.nn.one_hot(jnp.where(valid, t, c), c + 1, dtype=bool)[..., :c], axis=-2)
        picked = jnp.take_along_axis(x, jnp.where(valid, t, 0), axis=-1)
        margins = jnp.maximum(1 - (picked[..., :, None] - x[..., None, :]), 0)
        keep = valid[..., :, None] & ~is_target[..., None, :]
        loss = jnp.sum(jnp.where(keep, margins, 0), axis=(-2, -1)) / c
        return _reduce(loss, self._reduction), is_target.astype(jnp.int32)


class TripletMarginLoss(_Loss):
    """(anchor, positive, negative, margin) -> max(d(a, p) − d(a, n) + margin, 0), d the p-norm
    distance (+eps) over the last axis; `swap` uses min(d(a, n), d(p, n))."""

    @prim_attr_register
    def __init__(self, p=2, swap=False, eps=1e-6, reduction="mean"):
        _validation.int_arg("TripletMarginLoss", "p", p)
        _validation.bool_arg("TripletMarginLoss", "swap", swap)
        _number("TripletMarginLoss", "eps", eps)
        self._setup(reduction, enum=False)

    def __call__(self, x, positive, negative, margin):
        for name, t in (("x", x), ("positive", positive), ("negative", negative)):
            _float_tensor(self.name, name, t)
        if isinstance(margin, Tensor):
            margin = margin.asnumpy().item()
        return Primitive.__call__(self, x, positive, negative, float(margin))

    def _compute(self, a, pos, neg, margin):
        at = self.attrs

        def dist(u, v):
            return jnp.sum(jnp.abs(u - v + at["eps"]) ** at["p"], axis=-1) ** (1 / at["p"])

        d_neg = dist(a, neg)
        if at["swap"]:
            d_neg = jnp.minimum(d_neg, dist(pos, neg))
        return _reduce(jnp.maximum(dist(a, pos) - d_neg + margin, 0), self._reduction)


class SigmoidCrossEntropyWithLogits(Primitive):
    """max(x, 0) − x·y + log(1 + e^(−|x|)), elementwise."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, logits, label):
        _float_tensor(self.name, "logits", logits)
        _tensor(self.name, "label", label)
        if logits.shape != label.shape:
            raise ValueError(f"For '{self.name}', the 'logits' and 'label' must have the same shape, but got "
                             f"{logits.shape} and {label.shape}.")
        return super().__call__(logits, label)

    def _compute(self, x, y):
        return jnp.maximum(x, 0) - x * y.astype(x.dtype) + jnp.log1p(jnp.exp(-jnp.abs(x)))


class SparseSoftmaxCrossEntropyWithLogits(Primitive):
    """(logits (N, C), labels (N,)) -> mean over N of −log softmax(x)[y]; with is_grad the
    gradient (softmax − onehot)/N."""

    @prim_attr_register
    def __init__(self, is_grad=False):
        _validation.bool_arg(self.name, "is_grad", is_grad)
        self.add_prim_attr("sens", 1.0)

    def __call__(self, logits, labels):
        _float_tensor(self.name, "logits", logits)
        _tensor(self.name, "labels", labels)
        if labels.dtype not in (mstype.int32, mstype.int64):
            raise TypeError(f"For '{self.name}', the 'labels' must be Int32 or Int64, but got {labels.dtype}.")
        if labels.shape != logits.shape[:-1]:
            raise ValueError(f"For '{self.name}', the 'labels' shape must be {logits.shape[:-1]}, but got "
                             f"{labels.shape}.")
        return super().__call__(logits, labels)

    def _compute(self, x, y):
        log_p = jax.nn.log_softmax(x, axis=-1)
        onehot = jax.nn.one_hot(y, x.shape[-1], dtype=x.dtype)
        if self.attrs["is_grad"]:
            return (jnp.exp(log_p) - onehot) / (x.size // x.shape[-1])
        return -jnp.mean(jnp.sum(log_p * onehot, axis=-1))


class L2Loss(Primitive):
    """Σ x²/2."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x):
        _float_tensor(self.name, "input_x", x)
        return super().__call__(x)

    def _compute(self, x):
        return jnp.sum(x * x) / 2


class _Elementwise(Primitive):
    """A private elementwise computation of several Tensors (the composed losses of
    `ops.function`): `fn(*arrays, **attrs)`."""

    def __init__(self, name, fn, **attrs):
        super().__init__(name)
        self.attrs.update(attrs)
        self._fn = fn

    def _kernel_key(self):
        return (type(self), self.name, tuple(sorted(self.attrs.items())))

    def _compute(self, *arrays):
        return self._fn(*arrays, **self.attrs)


def elementwise(name, fn, **attrs):
    return _Elementwise(name, fn, **attrs)


class _CTCLoss(Primitive):
    """(log_probs (T, N, C), targets (N, S), input_lengths (N,), target_lengths (N,)) ->
    the negative log likelihood (N,): the CTC forward algorithm in log space
    over the blank-extended targets (nn.CTCLoss: CTCLossV2 without its log_alpha, whose
    −inf entries would set the float status)."""

    def __init__(self, blank, zero_infinity):
        super().__init__("CTCLossV2")
        self.attrs.update(blank=blank, reduction="none", zero_infinity=zero_infinity)

    def _compute(self, log_probs, targets, input_lengths, target_lengths):
        blank = self.attrs["blank"]
        t_max, n, _ = log_probs.shape
        s = targets.shape[1]
        ext = jnp.full((n, 2 * s + 1), blank, jnp.int32).at[:, 1::2].set(targets.astype(jnp.int32))
        lp = jnp.transpose(log_probs, (1, 0, 2))  # N, T, C
        emit = jnp.take_along_axis(lp, jnp.broadcast_to(ext[:, None, :], (n, t_max, 2 * s + 1)), axis=2)
        neg_inf = jnp.asarray(-jnp.inf, log_probs.dtype)
        prev2_ok = jnp.concatenate([jnp.zeros((n, 2), bool), (ext[:, 2:] != blank) & (ext[:, 2:] != ext[:, :-2])],
                                   axis=1)
        positions = jnp.arange(2 * s + 1)
        init = jnp.where(positions[None, :] < jnp.minimum(2, 2 * target_lengths[:, None] + 1), emit[:, 0], neg_inf)

        def step(alpha, t):
            a1 = jnp.concatenate([jnp.full((n, 1), neg_inf), alpha[:, :-1]], axis=1)
            a2 = jnp.where(prev2_ok, jnp.concatenate([jnp.full((n, 2), neg_inf), alpha[:, :-2]], axis=1), neg_inf)
            new = jnp.logaddexp(jnp.logaddexp(alpha, a1), a2) + emit[:, t]
            new = jnp.where((t < input_lengths)[:, None], new, alpha)
            return new, None

        last, _ = jax.lax.scan(step, init, jnp.arange(1, t_max))
        end = 2 * target_lengths.astype(jnp.int32)
        final = jnp.logaddexp(jnp.take_along_axis(last, end[:, None], axis=1)[:, 0],
                              jnp.where(end > 0, jnp.take_along_axis(last, jnp.maximum(end - 1, 0)[:, None],
                                                                     axis=1)[:, 0], neg_inf))
        loss = -final
        if self.attrs["zero_infinity"]:
            loss = jnp.where(jnp.isinf(loss), 0, loss)
        return loss


# --- the math of the composed losses and layers of ops.function.nn_func ---------------------------

def _cosine(a, b, axis, eps):
    dot = jnp.sum(a * b, axis=axis)
    return dot / jnp.maximum(jnp.sqrt(jnp.sum(a * a, axis=axis)) * jnp.sqrt(jnp.sum(b * b, axis=axis)), eps)


def _cosine_embedding(a, b, y, margin, reduction):
    cos = jnp.sum(a * b, axis=-1) / jnp.sqrt((jnp.sum(a * a, axis=-1) + 1e-12) * (jnp.sum(b * b, axis=-1) + 1e-12))
    y = y.astype(a.dtype)
    return _reduce(jnp.where(y == 1, 1 - cos, jnp.maximum(cos - margin, 0)), reduction)


def _gaussian_nll(x, target, var, full, eps, reduction):
    var = jnp.maximum(var.astype(x.dtype), eps)
    loss = 0.5 * (jnp.log(var) + (x - target) ** 2 / var)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return _reduce(loss, reduction)


def _hinge_embedding(x, y, margin, reduction):
    y = y.astype(x.dtype)
    loss = jnp.where(y == 1, x, 0) + jnp.where(y == -1, jnp.maximum(margin - x, 0), 0)
    return _reduce(loss, reduction)


def _margin_ranking(a, b, y, margin, reduction):
    return _reduce(jnp.maximum(-y.astype(a.dtype) * (a - b) + margin, 0), reduction)


def _multilabel_soft_margin(x, y, w, reduction):
    y = y.astype(x.dtype)
    loss = -(y * jax.nn.log_sigmoid(x) + (1 - y) * jax.nn.log_sigmoid(-x))
    loss = jnp.mean(loss * w.astype(x.dtype), axis=-1)
    return _reduce(loss, reduction)


def _huber(x, y, delta, reduction):
    d = jnp.abs(x - y)
    return _reduce(jnp.where(d < delta, 0.5 * d * d, delta * (d - 0.5 * delta)), reduction)


def _poisson_nll(x, y, log_input, full, eps, reduction):
    y = y.astype(x.dtype)
    loss = jnp.exp(x) - y * x if log_input else x - y * jnp.log(x + eps)
    if full:
        stirling = y * jnp.log(jnp.where(y > 1, y, 1)) - y + 0.5 * jnp.log(2 * math.pi * jnp.where(y > 1, y, 1))
        loss = loss + jnp.where(y > 1, stirling, 0)
    return _reduce(loss, reduction)


def _dice(x, y, smooth):
    y = y.astype(x.dtype)
    intersection = jnp.sum(x * y)
    return 1 - (2 * intersection + smooth) / (jnp.sum(x * x) + jnp.sum(y * y) + smooth)


def _focal(x, y, w, gamma, reduction):
    log_p = jax.nn.log_softmax(x, axis=1)
    y = y.astype(x.dtype)
    loss = -((1 - jnp.exp(log_p)) ** gamma) * log_p * y
    loss = loss * w.reshape((1, -1) + (1,) * (x.ndim - 2)).astype(x.dtype)
    return _reduce(jnp.mean(jnp.sum(loss, axis=1), axis=tuple(range(1, x.ndim - 1))) if x.ndim > 2
                   else jnp.sum(loss, axis=1), reduction)


def _rmse(x, y):
    return jnp.sqrt(jnp.mean((x - y) ** 2))


def _lp_pool(x, kernel, stride, norm_type, ceil_mode):
    rank = len(kernel)
    padding = _pooling.window_padding("pad", x.shape[2:], kernel, stride, (1,) * rank, [(0, 0)] * rank, ceil_mode)
    total = _pooling.avg_pool(x ** norm_type, kernel, stride, padding, None, False, 1)
    return jnp.sign(total) * jax.nn.relu(jnp.abs(total)) ** (1 / norm_type)


def _layer_norm(x, w, b, axes, eps):
    mean = jnp.mean(x, axis=axes, keepdims=True)
    var = jnp.var(x, axis=axes, keepdims=True)
    return (x - mean) * jax.lax.rsqrt(var + eps) * w + b


def _instance_norm(x, w, b, eps):
    axes = tuple(range(2, x.ndim))
    mean = jnp.mean(x, axis=axes, keepdims=True)
    var = jnp.var(x, axis=axes, keepdims=True)
    shape = (1, -1) + (1,) * (x.ndim - 2)
    return (x - mean) * jax.lax.rsqrt(var + eps) * w.reshape(shape) + b.reshape(shape)


def _bidense(a, b, w, bias=None):
    out = jnp.einsum("...i,oij,...j->...o", a, w, b)
    return out if bias is None else out + bias


def _embedding(weight, ids, max_norm, norm_type):
    rows = weight[ids.astype(jnp.int32)]
    if max_norm is None:
        return rows
    norms = jnp.sum(jnp.abs(rows) ** norm_type, axis=-1, keepdims=True) ** (1 / norm_type)
    scale = jnp.where(norms > max_norm, max_norm / (norms + 1e-7), 1)
    return rows * jax.lax.stop_gradient(scale)


def _pixel_shuffle(x, r):
    *lead, c, h, w = x.shape
    y = x.reshape(tuple(lead) + (c // (r * r), r, r, h, w))
    k = len(lead)
    y = jnp.transpose(y, tuple(range(k)) + (k, k + 3, k + 1, k + 4, k + 2))
    return y.reshape(tuple(lead) + (c // (r * r), h * r, w * r))


def _pixel_unshuffle(x, r):
    *lead, c, h, w = x.shape
    k = len(lead)
    y = x.reshape(tuple(lead) + (c, h // r, r, w // r, r))
    y = jnp.transpose(y, tuple(range(k)) + (k, k + 2, k + 4, k + 1, k + 3))
    return y.reshape(tuple(lead) + (c * r * r, h // r, w // r))


def _gumbel_softmax(logits, key, tau, hard, dim):
    u = jax.random.uniform(jax.random.wrap_key_data(key), logits.shape, logits.dtype, 1e-10, 1.0)
    y = jax.nn.softmax((logits - jnp.log(-jnp.log(u))) / tau, axis=dim)
    if not hard:
        return y
    onehot = jax.nn.one_hot(jnp.argmax(y, axis=dim), logits.shape[dim], axis=dim, dtype=y.dtype)
    return onehot - jax.lax.stop_gradient(y) + y


def _rrelu(x, key, lower, upper, training):
    if not training:
        return jnp.where(x >= 0, x, x * (lower + upper) / 2)
    slope = jax.random.uniform(jax.random.wrap_key_data(key), x.shape, x.dtype, lower, upper)
    return jnp.where(x >= 0, x, x * slope)


MATH = {"cosine_similarity": _cosine, "cosine_embedding_loss": _cosine_embedding,
        "gaussian_nll_loss": _gaussian_nll, "hinge_embedding_loss": _hinge_embedding,
        "margin_ranking_loss": _margin_ranking, "multilabel_soft_margin_loss": _multilabel_soft_margin,
        "huber_loss": _huber, "poisson_nll_loss": _poisson_nll, "dice_loss": _dice, "focal_loss": _focal,
        "rmse_loss": _rmse, "lp_pool": _lp_pool, "layer_norm": _layer_norm, "instance_norm": _instance_norm,
        "bidense": _bidense, "embedding": _embedding, "pixel_shuffle": _pixel_shuffle,
        "pixel_unshuffle": _pixel_unshuffle, "gumbel_softmax": _gumbel_softmax, "rrelu": _rrelu}


def composed(name, **attrs):
    """The private primitive computing MATH[name] with static `attrs`."""
    fn = MATH[name]
    return _Elementwise(name, lambda *arrays, **kw: fn(*arrays, **kw), **attrs)


class _TransposedConv(Primitive):
    """A transposed convolution of any rank with explicit padding (the functional forms)."""

    def __init__(self, name, stride, dilation, pad_mode, pads, output_padding, group):
        super().__init__(name)
        self.attrs.update(stride=tuple(stride), dilation=tuple(dilation), pad_mode=pad_mode,
                          pads=tuple(tuple(p) for p in pads), output_padding=tuple(output_padding), group=group)

    def _compute(self, x, w):
        a = self.attrs
        return _transposed_conv(x, w, a["stride"], a["dilation"], a["pad_mode"], a["pads"], a["output_padding"],
                                a["group"])


def _attention(q, k, v, mask=None):
    """softmax(q·kᵀ/√d + mask)·v over (B, L, d) × (B, S, d); mask additive (B or 1, L, S).
    Returns (output, weights)."""
    scores = jnp.einsum("bld,bsd->bls", q / math.sqrt(q.shape[-1]), k)
    if mask is not None:
        scores = scores + mask.astype(scores.dtype)
    weights = jax.nn.softmax(scores, axis=-1)
    return jnp.einsum("bls,bsd->bld", weights, v), weights


MATH["attention"] = _attention
