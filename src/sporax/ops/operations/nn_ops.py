"""Neural-network ops: convolutions, pooling, normalisation, activations, dropout
(`mindspore.ops.operations.nn_ops`). Layout NCHW (NCDHW for 3-D); weights OIHW."""
from __future__ import annotations

import jax
import jax.numpy as jnp

from ... import _validation
from ...common.tensor import Tensor
from ..._runtime import random_keys
from ..primitive import Primitive, _wrap, prim_attr_register
from .math_ops import _Unary



def conv_padding(pad_mode, spatial, kernel, stride, dilation, pad):
    """[(low, high)] per spatial axis. 'same': ceil(n/s) outputs, extra padding on the high side."""
    if pad_mode == "valid":
        return [(0, 0)] * len(spatial)
    if pad_mode == "pad":
        return [(pad[2 * i], pad[2 * i + 1]) for i in range(len(spatial))]
    out = []
    for n, k, s, d in zip(spatial, kernel, stride, dilation):
        total = max((-(-n // s) - 1) * s + d * (k - 1) + 1 - n, 0)
        out.append((total // 2, total - total // 2))
    return out


class _Conv(Primitive):
    _rank = 2
    _layout = ("NCHW", "OIHW", "NCHW")

    def _normalise(self, out_channel, kernel_size, mode, pad_mode, pad, stride, dilation, group):
        """Validate; keep the normalised values privately and MindSpore's attribute forms in `attrs`
        (kernel_size as given, stride/dilation over all axes, `groups`)."""
        n = self._rank
        op = self.name
        pad_mode = _validation.pad_mode(op, pad_mode)
        if isinstance(pad, int) and not isinstance(pad, bool):
            pad = (pad,) * (2 * n)
        pad = _validation.int_tuple(op, "pad", pad, 2 * n, minimum=0)
        if pad_mode != "pad" and any(pad):
            raise ValueError(f"For '{op}', the 'pad' must be zero when 'pad_mode' is not 'pad', "
                             f"but got 'pad': {pad[0] if len(set(pad)) == 1 else pad} and 'pad_mode': {pad_mode}.")
        if not isinstance(group, int) or isinstance(group, bool) or group < 1:
            raise ValueError(f"For '{op}', the 'group' must be a positive int, but got {group!r}.")
        self._kernel = _validation.int_tuple(op, "kernel_size", kernel_size, n)
        self._stride = _validation.int_tuple(op, "stride", stride, n)
        self._dilation = _validation.int_tuple(op, "dilation", dilation, n)
        self._pad_mode, self._pad, self._group = pad_mode, pad, group
        self.attrs.update(kernel_size=kernel_size if isinstance(kernel_size, int) else tuple(kernel_size),
                          pad_mode=pad_mode, pad=pad, stride=(1, 1) + self._stride,
                          dilation=(1, 1) + self._dilation, group=group)
        self.attrs["groups"] = group

    def _forward(self, x, w):
        padding = conv_padding(self._pad_mode, x.shape[2:], self._kernel, self._stride, self._dilation, self._pad)
        return jax.lax.conv_general_dilated(
            x, w.astype(x.dtype), window_strides=self._stride, padding=padding, rhs_dilation=self._dilation,
            dimension_numbers=self._layout, feature_group_count=self._group)

    def __call__(self, x, weight):
        for name, t in (("x", x), ("weight", weight)):
            if not isinstance(t, Tensor):
                raise TypeError(f"For '{self.name}', the '{name}' must be a Tensor, but got {type(t).__name__}.")
        if x.ndim != self._rank + 2 or weight.ndim != self._rank + 2:
            raise ValueError(f"For '{self.name}', the dimension of 'x' and 'weight' must be {self._rank + 2}, "
                             f"but got {x.ndim} and {weight.ndim}.")
        if x.shape[1] != weight.shape[1] * self._group:
            raise ValueError(f"For '{self.name}', 'x' has {x.shape[1]} channels but 'weight' expects "
                             f"{weight.shape[1] * self._group}.")
        return super().__call__(x, weight)

    def _compute(self, x, w):
        return self._forward(x, w)


class Conv2D(_Conv):
    """2-D convolution: x (N, C, H, W) with weight (out_channel, C/group, kh, kw)."""

    @prim_attr_register
    def __init__(self, out_channel, kernel_size, mode=1, pad_mode="valid", pad=0, stride=1, dilation=1,
                 group=1, data_format="NCHW"):
        self._normalise(out_channel, kernel_size, mode, pad_mode, pad, stride, dilation, group)
        if data_format != "NCHW":
            raise ValueError(f"For 'Conv2D', the 'data_format' must be 'NCHW' on this backend, but got {data_format!r}.")


class Conv3D(_Conv):
    _rank = 3
    _layout = ("NCDHW", "OIDHW", "NCDHW")

    @prim_attr_register
    def __init__(self, out_channel, kernel_size, mode=1, pad_mode="valid", pad=0, stride=1, dilation=1,
                 group=1, data_format="NCDHW"):
        self._normalise(out_channel, kernel_size, mode, pad_mode, pad, stride, dilation, group)


class Conv2DBackpropInput(_Conv):
    """The gradient of Conv2D with respect to its input: the transposed convolution.
    `(dout, weight, input_size)` -> a Tensor of shape `input_size`."""

    @prim_attr_register
    def __init__(self, out_channel, kernel_size, pad_mode="valid", pad=0, pad_list=None, mode=1, stride=1,
                 dilation=1, group=1, data_format="NCHW"):
        self._normalise(out_channel, kernel_size, mode, pad_mode, pad if pad_list is None else pad_list,
                        stride, dilation, group)

    def __call__(self, dout, weight, input_size):
        input_size = tuple(int(n) for n in input_size)
        return Primitive.__call__(self, dout, weight, input_size)

    def _compute(self, dout, w, input_size):
        zeros = jnp.zeros(input_size, dout.dtype)
        _, transpose = jax.vjp(lambda x: self._forward(x, w), zeros)
        return transpose(dout)[0]


class Conv2DTranspose(Conv2DBackpropInput):
    """The transposed 2-D convolution (MindSpore's name for Conv2DBackpropInput)."""


class BiasAdd(Primitive):
    @prim_attr_register
    def __init__(self, data_format="NCHW"):
        pass

    def __call__(self, input_x, bias):
        if bias.ndim != 1 or input_x.shape[1 if input_x.ndim > 1 else 0] != bias.shape[0]:
            raise ValueError(f"For '{self.name}', the 'bias' must be 1-D with as many elements as channels of "
                             f"'input_x', but got shapes {input_x.shape} and {bias.shape}.")
        return super().__call__(input_x, bias)

    def _compute(self, x, b):
        shape = (1, -1) + (1,) * (x.ndim - 2) if x.ndim > 1 else (-1,)
        return x + b.astype(x.dtype).reshape(shape)


class ReLU(_Unary):
    _fn = staticmethod(jax.nn.relu)


class ReLU6(_Unary):
    _fn = staticmethod(jax.nn.relu6)


class Sigmoid(_Unary):
    _fn = staticmethod(jax.nn.sigmoid)


class Tanh(_Unary):
    _fn = staticmethod(jnp.tanh)


class GeLU(_Unary):
    """GELU, tanh approximation (MindSpore's GeLU)."""
    _fn = staticmethod(lambda x: jax.nn.gelu(x, approximate=True))


class _Softmax(Primitive):
    @prim_attr_register
    def __init__(self, axis=-1):
        if isinstance(axis, int) and not isinstance(axis, bool):
            axis = (axis,)
        self.attrs["axis"] = tuple(axis)


class Softmax(_Softmax):
    def _compute(self, x):
        return jax.nn.softmax(x, axis=self.attrs["axis"])


class LogSoftmax(_Softmax):
    def _compute(self, x):
        return jax.nn.log_softmax(x, axis=self.attrs["axis"])


class _Pool(Primitive):
    def _setup(self, kernel_size, strides, pad_mode, data_format):
        op = self.name
        kernel = _validation.int_tuple(op, "kernel_size", kernel_size, 2)
        strides = _validation.int_tuple(op, "strides", strides, 2)
        pad_mode = pad_mode.lower() if isinstance(pad_mode, str) else pad_mode
        if pad_mode not in ("valid", "same"):
            raise ValueError(f"For '{op}', the 'pad_mode' must be 'valid' or 'same', but got {pad_mode!r}.")
        self._kernel, self._strides, self._pad_mode = kernel, strides, pad_mode
        self.attrs.update(kernel_size=(1, 1) + kernel, strides=(1, 1) + strides, pad_mode=pad_mode.upper(),
                          data_format=data_format)

    def _window(self, x):
        padding = conv_padding(self._pad_mode, x.shape[2:], self._kernel, self._strides, (1, 1), None)
        return (1, 1) + self._kernel, (1, 1) + self._strides, [(0, 0), (0, 0)] + padding


class MaxPool(_Pool):
    @prim_attr_register
    def __init__(self, kernel_size=1, strides=1, pad_mode="valid", data_format="NCHW"):
        self._setup(kernel_size, strides, pad_mode, data_format)

    def _compute(self, x):
        window, strides, padding = self._window(x)
        return jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, window, strides, padding)


class AvgPool(_Pool):
    @prim_attr_register
    def __init__(self, kernel_size=1, strides=1, pad_mode="valid", data_format="NCHW"):
        self._setup(kernel_size, strides, pad_mode, data_format)

    def _compute(self, x):
        window, strides, padding = self._window(x)
        total = jax.lax.reduce_window(x, 0.0, jax.lax.add, window, strides, padding)
        count = jax.lax.reduce_window(jnp.ones_like(x), 0.0, jax.lax.add, window, strides, padding)
        return total / count


class BatchNorm(Primitive):
    """(x, scale, bias, mean, variance) -> (y, batch_mean, batch_variance, saved_mean, saved_variance).

    Inference normalises with `mean`/`variance`; training with the batch statistics over
    every axis but the channel axis (1), returning the biased batch variance.
    """

    @prim_attr_register
    def __init__(self, is_training=False, epsilon=1e-5, momentum=0.1, data_format="NCHW"):
        if not 0 <= epsilon <= 1:
            raise ValueError(f"For 'BatchNorm', the 'epsilon' must be in [0, 1], but got {epsilon}.")

    def _compute(self, x, scale, bias, mean, variance):
        axes = (0,) + tuple(range(2, x.ndim))
        shape = (1, -1) + (1,) * (x.ndim - 2)
        if self.attrs["is_training"]:
            mean = jnp.mean(x, axis=axes)
            variance = jnp.var(x, axis=axes)
        inv = jax.lax.rsqrt(variance + self.attrs["epsilon"]) * scale
        y = (x - mean.reshape(shape)) * inv.reshape(shape) + bias.reshape(shape)
        return y.astype(x.dtype), mean, variance, mean, variance


class LayerNorm(Primitive):
    """(x, gamma, beta) -> (y, mean, variance), normalising axes from `begin_norm_axis` on."""

    @prim_attr_register
    def __init__(self, begin_norm_axis=1, begin_params_axis=1, epsilon=1e-7):
        pass

    def _compute(self, x, gamma, beta):
        begin = self.attrs["begin_norm_axis"] % x.ndim
        axes = tuple(range(begin, x.ndim))
        mean = jnp.mean(x, axis=axes, keepdims=True)
        variance = jnp.var(x, axis=axes, keepdims=True)
        y = (x - mean) * jax.lax.rsqrt(variance + self.attrs["epsilon"]) * gamma + beta
        return y.astype(x.dtype), mean, variance


class Dropout(Primitive):
    """Zero each element with probability 1 - keep_prob and scale the rest by 1/keep_prob.
    Returns (output, mask). The mask comes from the seeded op-level RNG (`set_seed`)."""

    @prim_attr_register
    def __init__(self, keep_prob=0.5, Seed0=0, Seed1=0):  # noqa: N803 - MindSpore's names
        if not isinstance(keep_prob, (int, float)) or isinstance(keep_prob, bool) or not 0 < keep_prob <= 1:
            raise ValueError(f"For 'Dropout', the 'keep_prob' must be in range (0, 1], but got {keep_prob!r}.")
        self.add_prim_attr("side_effect_hidden", True)

    def __call__(self, x):
        if not isinstance(x, Tensor):
            raise TypeError(f"For 'Dropout', the 'x' must be a Tensor, but got {type(x).__name__}.")
        key = random_keys.next_key(self.attrs["Seed0"], self.attrs["Seed1"])
        return _wrap(self._dispatch((x._value(), key)))

    def _compute(self, x, key):
        keep = self.attrs["keep_prob"]
        mask = jax.random.bernoulli(jax.random.wrap_key_data(key), keep, x.shape)
        return jnp.where(mask, x / jnp.asarray(keep, x.dtype), jnp.zeros((), x.dtype)), mask.astype(x.dtype)
