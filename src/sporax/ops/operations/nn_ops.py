"""Neural-network ops: convolutions, pooling, normalisation, activations, dropout
(`mindspore.ops.operations.nn_ops`). Layout NCHW (NCDHW for 3-D); weights OIHW."""
from __future__ import annotations

import jax
import jax.numpy as jnp

from ... import _validation
from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ..._runtime import random_keys
from ..primitive import Primitive, _wrap, prim_attr_register
from . import _kink_gradients, _pooling
from .math_ops import _Unary



def conv_padding(pad_mode, spatial, kernel, stride, dilation, pad):
    """[(low, high)] per spatial axis; `pad` is (low, high) flattened per axis for 'pad'."""
    pads = None if pad is None else [(pad[2 * i], pad[2 * i + 1]) for i in range(len(spatial))]
    return _pooling.window_padding(pad_mode, spatial, kernel, stride, dilation, pads)


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
    """min(max(x, 0), 6); its gradient passes where 0 < x <= 6 (MindSpore's ReLU6Grad)."""
    _fn = staticmethod(_kink_gradients.relu6)


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
    def __call__(self, x):
        dtype = getattr(x, "dtype", None)
        if dtype is not None and dtype not in mstype.float_type:
            raise TypeError(f"For primitive[Softmax], the input argument[x] must be a type of "
                            f"{{BFloat16, Float16, Float32, Float64}}, but got {dtype}.")
        return super().__call__(x)

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

    def _padding(self, x):
        return _pooling.window_padding(self._pad_mode, x.shape[2:], self._kernel, self._strides, (1, 1))

    def __call__(self, x):
        _check_pool_input(self.name, x, (4,))
        return super().__call__(x)


def _check_pool_input(op, x, ranks):
    if not isinstance(x, Tensor):
        raise TypeError(f"For '{op}', the 'x' must be a Tensor, but got {type(x).__name__}.")
    if x.ndim not in ranks:
        raise ValueError(f"For '{op}', the dimension of 'x' must be in {list(ranks)}, but got shape {x.shape}.")


class MaxPool(_Pool):
    """Max over kernel windows, 'valid' or 'same' padding (see `_pooling`)."""

    @prim_attr_register
    def __init__(self, kernel_size=1, strides=1, pad_mode="valid", data_format="NCHW"):
        self._setup(kernel_size, strides, pad_mode, data_format)

    def _compute(self, x):
        return _pooling.max_pool(x, self._kernel, self._strides, (1, 1), self._padding(x))


class AvgPool(_Pool):
    """Mean over kernel windows, 'valid' or 'same' padding; the padding is not counted."""

    @prim_attr_register
    def __init__(self, kernel_size=1, strides=1, pad_mode="valid", data_format="NCHW"):
        self._setup(kernel_size, strides, pad_mode, data_format)

    def _compute(self, x):
        return _pooling.avg_pool(x, self._kernel, self._strides, self._padding(x))


class BatchNorm(Primitive):
    """(x, scale, bias, mean, variance) -> (y, batch_mean, batch_variance, reserve_space_1, reserve_space_2).

    y = (x − μ)/√(σ² + epsilon)·scale + bias per channel (axis 1).

    Inference (`is_training=False`) normalises with `mean`/`variance` and, as MindSpore's kernel,
    returns zeros for the four statistics.

    Training normalises with the batch statistics over every axis but the channel axis, μ and the
    biased σ², returned as batch_mean/batch_variance and again as the reserve spaces (MindSpore's
    documented outputs, and what its graph mode returns; its PyNative CPU kernel returns zeros for
    batch_mean/batch_variance). `mean` and `variance`, when they are Parameters, are updated in
    place (MindSpore marks them RW_WRITE and the primitive side_effect_mem):

        mean     = (1 − momentum)·mean + momentum·μ
        variance = (1 − momentum)·variance + momentum·σ²·n/(n − 1)    (n = x.size / C)
    """

    _writes_recorded = True  # its effects are `_write`s of the moving statistics (executor._recorded)

    @prim_attr_register
    def __init__(self, is_training=False, epsilon=1e-5, momentum=0.1, data_format="NCHW"):
        if not 0 <= epsilon <= 1:
            raise ValueError(f"For 'BatchNorm', the 'epsilon' must be in [0, 1], but got {epsilon}.")
        if is_training:
            self.add_prim_attr("side_effect_mem", True)

    def __call__(self, input_x, scale, bias, mean, variance):
        outputs = super().__call__(input_x, scale, bias, mean, variance)
        if self.attrs["is_training"] and _is_parameter(mean) and _is_parameter(variance):
            count = input_x.size // input_x.shape[1]
            update = _MovingStatistics(self.attrs["momentum"], count)
            new_mean, new_variance = update._dispatch((mean._value(), variance._value(), outputs[1]._value(),
                                                       outputs[2]._value()))
            mean._write(new_mean)
            variance._write(new_variance)
        return outputs

    def _compute(self, x, scale, bias, mean, variance):
        axes = (0,) + tuple(range(2, x.ndim))
        shape = (1, -1) + (1,) * (x.ndim - 2)
        if self.attrs["is_training"]:
            mean = jnp.mean(x, axis=axes)
            variance = jnp.var(x, axis=axes)
        inv = jax.lax.rsqrt(variance + self.attrs["epsilon"]) * scale
        y = (x - mean.reshape(shape)) * inv.reshape(shape) + bias.reshape(shape)
        if not self.attrs["is_training"]:
            mean = variance = jnp.zeros_like(mean)
        return y.astype(x.dtype), mean, variance, mean, variance


def _is_parameter(value) -> bool:
    return isinstance(value, Parameter)


class _MovingStatistics(Primitive):
    """BatchNorm's in-place update of its moving statistics (see BatchNorm): the new
    (mean, variance) from the old ones and the batch's μ and biased σ², in the moving dtype."""

    def __init__(self, momentum, count):
        super().__init__("BatchNorm")
        self.add_prim_attr("momentum", momentum)
        self.add_prim_attr("count", count)

    def _compute(self, mean, variance, batch_mean, batch_variance):
        momentum, count = self.attrs["momentum"], self.attrs["count"]
        unbiased = batch_variance.astype(variance.dtype) * (count / max(count - 1, 1))
        new_mean = (1 - momentum) * mean + momentum * batch_mean.astype(mean.dtype)
        return new_mean.astype(mean.dtype), ((1 - momentum) * variance + momentum * unbiased).astype(variance.dtype)


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
        key = random_keys.op_key(self.attrs["Seed0"], self.attrs["Seed1"])
        return _wrap(self._dispatch((x._value(), key)))

    def _compute(self, x, key):
        keep = self.attrs["keep_prob"]
        mask = jax.random.bernoulli(jax.random.wrap_key_data(key), keep, x.shape)
        return jnp.where(mask, x / jnp.asarray(keep, x.dtype), jnp.zeros((), x.dtype)), mask.astype(x.dtype)


# --- issue 9: the computations of nn layers and losses as primitives -----------------------------

_ARGMAX_TYPES = {mstype.int32: 3, mstype.int64: 4}  # MindSpore's type ids, as its repr prints them


class MaxPoolWithArgmaxV2(Primitive):
    """Max pooling with explicit symmetric padding `pads`, `dilation` and `ceil_mode`; returns
    (output, argmax), argmax the flat index of each maximum in its (H·W) plane."""

    @prim_attr_register
    def __init__(self, kernel_size, strides=None, pads=0, dilation=(1, 1), ceil_mode=False,
                 argmax_type=mstype.int64):
        op = "MaxPoolWithArgmaxV2"
        self._kernel = _validation.int_tuple(op, "kernel_size", kernel_size, 2)
        self._strides = _validation.int_tuple(op, "strides", self._kernel if strides is None else strides, 2)
        self._pads = _validation.int_tuple(op, "pads", pads, 2, minimum=0)
        self._dilation = _validation.int_tuple(op, "dilation", dilation, 2)
        _validation.bool_arg(op, "ceil_mode", ceil_mode)
        if argmax_type not in _ARGMAX_TYPES:
            raise TypeError(f"For '{op}', the 'argmax_type' must be Int32 or Int64, but got {argmax_type}.")
        self._index_dtype = argmax_type.to_numpy()
        self.attrs.update(kernel_size=(1, 1) + self._kernel, strides=(1, 1) + self._strides,
                          pads=(1, 1) + self._pads, dilation=(1, 1) + self._dilation,
                          argmax_type=_ARGMAX_TYPES[argmax_type])

    def __call__(self, x):
        _check_pool_input(self.name, x, (4,))
        return super().__call__(x)

    def _compute(self, x):
        padding = _pooling.window_padding("pad", x.shape[2:], self._kernel, self._strides, self._dilation,
                                          [(p, p) for p in self._pads], self.attrs["ceil_mode"])
        out = _pooling.max_pool(x, self._kernel, self._strides, self._dilation, padding)
        argmax = _pooling.max_pool_argmax(x, self._kernel, self._strides, self._dilation, padding,
                                          self._index_dtype)
        return out, argmax


class AvgPool3D(Primitive):
    """Mean over (kd, kh, kw) windows of (N, C, D, H, W). 'pad' takes `pad` (an int or
    (front, back, top, bottom, left, right)), `ceil_mode`, `count_include_pad` (the given
    padding counts in the divisor) and `divisor_override` (0: none)."""

    @prim_attr_register
    def __init__(self, kernel_size=1, strides=1, pad_mode="valid", pad=0, ceil_mode=False, count_include_pad=True,
                 divisor_override=0, data_format="NCDHW"):
        op = "AvgPool3D"
        self._kernel = _validation.int_tuple(op, "kernel_size", kernel_size, 3)
        self._strides = _validation.int_tuple(op, "strides", strides, 3)
        self._pad_mode = _validation.pad_mode(op, pad_mode)
        pad_list = _validation.int_tuple(op, "pad", pad, 6, minimum=0)
        if self._pad_mode != "pad" and any(pad_list):
            raise ValueError(f"For '{op}', the 'pad' must be zero when 'pad_mode' is not 'pad', but got {pad}.")
        _validation.bool_arg(op, "ceil_mode", ceil_mode)
        _validation.bool_arg(op, "count_include_pad", count_include_pad)
        _validation.int_arg(op, "divisor_override", divisor_override, minimum=0)
        self._pads = [(pad_list[2 * i], pad_list[2 * i + 1]) for i in range(3)]
        self.attrs.update(kernel_size=(1, 1) + self._kernel, strides=(1, 1) + self._strides,
                          pad_mode=self._pad_mode.upper(), pad_list=pad_list)

    def __call__(self, x):
        _check_pool_input(self.name, x, (5,))
        return super().__call__(x)

    def _compute(self, x):
        a = self.attrs
        padding = _pooling.window_padding(self._pad_mode, x.shape[2:], self._kernel, self._strides, (1, 1, 1),
                                          self._pads, a["ceil_mode"])
        # The padding that counts with count_include_pad: the given pads ('pad'; never the ceil_mode
        # overhang) or all of 'same''s (MindSpore's AvgPool3D, unlike the 2-D AvgPool).
        given = {"pad": self._pads, "same": padding}.get(self._pad_mode)
        return _pooling.avg_pool(x, self._kernel, self._strides, padding, given, a["count_include_pad"],
                                 a["divisor_override"])


class AdaptiveAvgPool2D(Primitive):
    """Average (…, H, W) into an `output_size` grid (None keeps that size): output cell i of
    n spans [⌊i·H/n⌋, ⌈(i+1)·H/n⌉)."""

    @prim_attr_register
    def __init__(self, output_size):
        if _validation.is_int(output_size):
            output_size = (output_size, output_size)
        if not isinstance(output_size, (tuple, list)) or len(output_size) != 2 or not all(
                s is None or (_validation.is_int(s) and s > 0) for s in output_size):
            raise ValueError(f"For 'AdaptiveAvgPool2D', the 'output_size' must be a positive int or a tuple of two "
                             f"positive ints (or None), but got {output_size!r}.")
        self._output_size = tuple(output_size)
        self.attrs["output_size"] = tuple(-1 if s is None else s for s in output_size)

    def __call__(self, x):
        _check_pool_input(self.name, x, (3, 4))
        return super().__call__(x)

    def _compute(self, x):
        h, w = x.shape[-2:]
        oh, ow = (h if n is None else n for n, h in zip(self._output_size, (h, w)))
        rows = jnp.asarray(_pooling.adaptive_bins(h, oh), x.dtype)
        cols = jnp.asarray(_pooling.adaptive_bins(w, ow), x.dtype)
        return jnp.einsum("ih,...hw,jw->...ij", rows, x, cols)


class _SiLU(_Unary):
    """x·sigmoid(x) (MindSpore's SiLU, not a public primitive at `ops.operations`)."""
    _fn = staticmethod(jax.nn.silu)

    def __init__(self):
        Primitive.__init__(self, "SiLU")


class _GroupNorm(Primitive):
    """(x, gamma, beta) -> (y, mean, rstd): channels split into `num_groups`, each group
    normalised over its channels and space, y = (x − μ)/√(σ² + eps)·γ + β per channel
    (MindSpore's GroupNorm, not a public primitive at `ops.operations`)."""

    def __init__(self, num_groups, eps=1e-5):
        super().__init__("GroupNorm")
        self.add_prim_attr("num_groups", num_groups)
        self.add_prim_attr("eps", eps)

    def _compute(self, x, gamma, beta):
        n, c = x.shape[:2]
        grouped = x.reshape(n, self.attrs["num_groups"], -1)
        mean = jnp.mean(grouped, axis=-1, keepdims=True)
        variance = jnp.var(grouped, axis=-1, keepdims=True)
        rstd = jax.lax.rsqrt(variance + self.attrs["eps"])
        normed = ((grouped - mean) * rstd).reshape(x.shape)
        shape = (1, c) + (1,) * (x.ndim - 2)
        return normed * gamma.reshape(shape) + beta.reshape(shape), mean.reshape(n, -1), rstd.reshape(n, -1)


_REDUCTION_IDS = {"sum": 0, "mean": 1, "none": 2}  # MindSpore's Reduction enum, as its repr prints it


def _reduce(loss, reduction):
    if reduction == "mean":
        return jnp.mean(loss)
    if reduction == "sum":
        return jnp.sum(loss)
    return loss


class BCEWithLogitsLoss(Primitive):
    """(logits, label, weight, pos_weight) -> −weight·[pos_weight·y·log σ(x) + (1 − y)·log(1 − σ(x))],
    computed stably from the logits, then reduced ('mean', 'sum' or 'none')."""

    @prim_attr_register
    def __init__(self, reduction="mean"):
        _validation.one_of("BCEWithLogitsLoss", "reduction", reduction, tuple(_REDUCTION_IDS))
        self._reduction = reduction
        self.attrs["reduction"] = _REDUCTION_IDS[reduction]

    def _compute(self, logits, label, weight, pos_weight):
        y = label.astype(logits.dtype)
        # MindSpore's bprop gives weight and pos_weight no gradient (zeros)
        weight, pos_weight = jax.lax.stop_gradient(weight), jax.lax.stop_gradient(pos_weight)
        loss = -(pos_weight * y * jax.nn.log_sigmoid(logits) + (1 - y) * jax.nn.log_sigmoid(-logits))
        return _reduce(loss * weight, self._reduction)


class SoftmaxCrossEntropyWithLogits(Primitive):
    """(logits, labels) -> (loss, backprop): loss = −Σ_c y_c·log softmax(x)_c over the last
    axis, backprop = softmax(x) − y."""

    def __init__(self):
        super().__init__("SoftmaxCrossEntropyWithLogits")

    def _compute(self, logits, labels):
        labels = labels.astype(logits.dtype)
        loss = -jnp.sum(labels * jax.nn.log_softmax(logits, axis=-1), axis=-1)
        return loss, jax.nn.softmax(logits, axis=-1) - labels


class _CrossEntropy(Primitive):
    """Cross entropy of logits (N, C, ...) — or (C,) — against class indices or class
    probabilities; see `ops.cross_entropy` for the formula (MindSpore composes it; one
    private primitive here)."""

    def __init__(self, ignore_index=-100, reduction="mean", label_smoothing=0.0):
        super().__init__("CrossEntropy")
        self.add_prim_attr("ignore_index", ignore_index)
        self.add_prim_attr("reduction", reduction)
        self.add_prim_attr("label_smoothing", label_smoothing)

    def _compute(self, x, y, w):
        a = self.attrs
        smoothing = a["label_smoothing"]
        axis = 1 if x.ndim > 1 else 0
        classes = x.shape[axis]
        log_p = jax.nn.log_softmax(x, axis=axis)
        w = w.astype(x.dtype)
        shape = (1, classes) + (1,) * (x.ndim - 2) if x.ndim > 1 else (classes,)
        if y.dtype.kind in "iu":
            mask = y != a["ignore_index"]
            safe = jnp.where(mask, y, 0)
            picked = jnp.take_along_axis(log_p, jnp.expand_dims(safe, axis), axis=axis).squeeze(axis)
            class_w = w[safe] * mask
            nll = -picked * class_w
            if smoothing:
                smooth = -jnp.sum(log_p * w.reshape(shape), axis=axis) / classes * mask
                nll = (1 - smoothing) * nll + smoothing * smooth
            if a["reduction"] == "mean":
                return jnp.sum(nll) / jnp.sum(class_w)
            return _reduce(nll, a["reduction"])
        target = y.astype(x.dtype)
        if smoothing:
            target = target * (1 - smoothing) + smoothing / classes
        return _reduce(-jnp.sum(log_p * target * w.reshape(shape), axis=axis), a["reduction"])
