"""PyTorch-style layers (`mindspore.mint.nn`): their own classes with torch's signatures and
defaults, computing through `mint.nn.functional` (the same primitives as `mindspore.nn`)."""
from __future__ import annotations

import inspect
import math

from ... import _validation
from ...common import dtype as mstype
from ...common.initializer import HeUniform, Uniform
from ...nn import Cell
from ...nn import layer as _layer
from ...nn.layer._parameters import layer_parameter
from ...ops import functional as F
from ...ops import operations as P
from . import functional
from . import functional as _f

__all__ = ["AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveAvgPool3d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d",
           "AvgPool1d", "AvgPool2d", "AvgPool3d", "BCELoss", "BCEWithLogitsLoss", "BatchNorm1d", "BatchNorm2d",
           "BatchNorm3d", "ConstantPad1d", "ConstantPad2d", "ConstantPad3d", "Conv1d", "Conv2d", "Conv3d",
           "ConvTranspose2d", "CosineEmbeddingLoss", "ELU", "Flatten", "Fold", "GELU", "GroupNorm", "Hardshrink",
           "Hardsigmoid", "Hardswish", "Hardtanh", "Identity", "KLDivLoss", "L1Loss", "Linear", "LogSigmoid",
           "LogSoftmax", "MSELoss", "MaxUnpool2d", "Mish", "PReLU", "PixelShuffle", "ReLU", "ReLU6",
           "ReflectionPad1d", "ReflectionPad2d", "ReflectionPad3d", "ReplicationPad1d", "ReplicationPad2d",
           "ReplicationPad3d", "SELU", "SiLU", "Sigmoid", "SmoothL1Loss", "SoftMarginLoss", "Softmax",
           "SyncBatchNorm", "Tanh", "Threshold", "Unfold", "Upsample", "UpsamplingBilinear2d",
           "UpsamplingNearest2d", "ZeroPad1d", "ZeroPad2d", "ZeroPad3d", "functional"]


class _Map(Cell):
    """A layer that applies one function with fixed keyword arguments."""
    _fn = None

    def __init__(self, **kwargs):
        super().__init__()
        self._kwargs = kwargs
        for k, v in kwargs.items():
            setattr(self, k, v)

    def construct(self, input):  # noqa: A002
        return type(self)._fn(input, **self._kwargs)


def _map(name, fn, doc, params=()):
    """A `_Map` subclass whose constructor takes `params` ((name, default) pairs) in order."""
    def __init__(self, *args, **kwargs):
        values = dict(params)
        names = [p for p, _ in params]
        if len(args) > len(names):
            raise TypeError(f"{name}() takes {len(names)} arguments, but got {len(args)}.")
        values.update(zip(names, args))
        for k in kwargs:
            if k not in values:
                raise TypeError(f"{name}() got an unexpected keyword argument {k!r}.")
        values.update(kwargs)
        missing = [k for k, v in values.items() if v is _REQUIRED]
        if missing:
            raise TypeError(f"{name}() missing required argument {missing[0]!r}.")
        _Map.__init__(self, **values)

    __init__.__signature__ = inspect.Signature(
        [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + [inspect.Parameter(p, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                             **({} if d is _REQUIRED else {"default": d})) for p, d in params])
    return type(name, (_Map,), {"__init__": __init__, "__doc__": doc, "_fn": staticmethod(fn),
                                "__module__": __name__})


_REQUIRED = object()

ReLU = _map("ReLU", lambda x: F.relu(x), "max(x, 0).")
ReLU6 = _map("ReLU6", lambda x, inplace: F.relu6(x), "min(max(x, 0), 6).", (("inplace", False),))
Sigmoid = _map("Sigmoid", lambda x: F.sigmoid(x), "1/(1 + e^(−x)).")
Tanh = _map("Tanh", lambda x: F.tanh(x), "tanh(x).")
SiLU = _map("SiLU", lambda x, inplace: F.silu(x), "x·σ(x).", (("inplace", False),))
Mish = _map("Mish", lambda x: F.mish(x), "x·tanh(softplus(x)).")
SELU = _map("SELU", lambda x: F.selu(x), "scale·(max(0, x) + min(0, alpha·(eˣ − 1))).")
LogSigmoid = _map("LogSigmoid", lambda x: F.logsigmoid(x), "log σ(x).")
Hardsigmoid = _map("Hardsigmoid", lambda x: F.hardsigmoid(x), "relu6(x + 3)/6.")
Hardswish = _map("Hardswish", lambda x: F.hardswish(x), "x·relu6(x + 3)/6.")
Hardshrink = _map("Hardshrink", lambda x, lambd: F.hardshrink(x, lambd), "x where |x| > lambd, else 0.",
                  (("lambd", 0.5),))
ELU = _map("ELU", lambda x, alpha, inplace: F.elu(x, alpha), "x for x > 0, alpha·(eˣ − 1) otherwise.",
           (("alpha", 1.0), ("inplace", False)))
GELU = _map("GELU", lambda x, approximate: F.gelu(x, approximate), "x·Φ(x) ('none') or its tanh approximation.",
            (("approximate", "none"),))
Hardtanh = _map("Hardtanh", lambda x, min_val, max_val, inplace: F.hardtanh(x, min_val, max_val),
                "clip(x, min_val, max_val).", (("min_val", -1.0), ("max_val", 1.0), ("inplace", False)))
Threshold = _map("Threshold", lambda x, threshold, value, inplace: F.threshold(x, threshold, value),
                 "x where x > threshold, else value.", (("threshold", _REQUIRED), ("value", _REQUIRED),
                                                        ("inplace", False)))
Softmax = _map("Softmax", lambda x, dim: _f.softmax(x, dim), "softmax along dim.", (("dim", None),))
LogSoftmax = _map("LogSoftmax", lambda x, dim: _f.log_softmax(x, dim), "log softmax along dim.", (("dim", None),))
Flatten = _map("Flatten", lambda x, start_dim, end_dim: _f.flatten(x, start_dim, end_dim),
               "Flatten start_dim..end_dim.", (("start_dim", 1), ("end_dim", -1)))
PixelShuffle = _map("PixelShuffle", lambda x, upscale_factor: F.pixel_shuffle(x, upscale_factor),
                    "(…, C·r², H, W) -> (…, C, H·r, W·r).", (("upscale_factor", _REQUIRED),))
Unfold = _map("Unfold", lambda x, kernel_size, dilation, padding, stride: F.unfold(x, kernel_size, dilation, padding,
                                                                                   stride),
              "Sliding windows as columns.", (("kernel_size", _REQUIRED), ("dilation", 1), ("padding", 0),
                                              ("stride", 1)))
Fold = _map("Fold", lambda x, output_size, kernel_size, dilation, padding, stride: F.fold(
    x, output_size, kernel_size, dilation, padding, stride), "Columns summed back into windows.",
    (("output_size", _REQUIRED), ("kernel_size", _REQUIRED), ("dilation", 1), ("padding", 0), ("stride", 1)))
AdaptiveAvgPool1d = _map("AdaptiveAvgPool1d", lambda x, output_size: F.adaptive_avg_pool1d(x, output_size),
                         "Mean over adaptive bins.", (("output_size", _REQUIRED),))
AdaptiveAvgPool2d = _map("AdaptiveAvgPool2d", lambda x, output_size: F.adaptive_avg_pool2d(x, output_size),
                         "Mean over adaptive bins.", (("output_size", _REQUIRED),))
AdaptiveAvgPool3d = _map("AdaptiveAvgPool3d", lambda x, output_size: F.adaptive_avg_pool3d(x, output_size),
                         "Mean over adaptive bins.", (("output_size", _REQUIRED),))
AdaptiveMaxPool1d = _map("AdaptiveMaxPool1d", lambda x, output_size, return_indices: _f.adaptive_max_pool1d(
    x, output_size, return_indices), "Max over adaptive bins.", (("output_size", _REQUIRED), ("return_indices", False)))
AdaptiveMaxPool2d = _map("AdaptiveMaxPool2d", lambda x, output_size, return_indices: F.adaptive_max_pool2d(
    x, output_size, return_indices), "Max over adaptive bins.", (("output_size", _REQUIRED), ("return_indices", False)))
_POOL = (("kernel_size", _REQUIRED), ("stride", None), ("padding", 0), ("ceil_mode", False),
         ("count_include_pad", True))
AvgPool1d = _map("AvgPool1d", _f.avg_pool1d, "Mean over windows of (N, C, L).", _POOL)
AvgPool2d = _map("AvgPool2d", _f.avg_pool2d, "Mean over windows of (N, C, H, W).",
                 _POOL + (("divisor_override", None),))
AvgPool3d = _map("AvgPool3d", _f.avg_pool3d, "Mean over windows of (N, C, D, H, W).",
                 _POOL + (("divisor_override", None),))
Upsample = _map("Upsample", _f.interpolate, "ops.interpolate as a layer.",
                (("size", None), ("scale_factor", None), ("mode", "nearest"), ("align_corners", None),
                 ("recompute_scale_factor", None)))
UpsamplingNearest2d = _map("UpsamplingNearest2d", lambda x, size, scale_factor: F.interpolate(
    x, size, scale_factor, "nearest"), "Nearest 2-D upsampling.", (("size", None), ("scale_factor", None)))
UpsamplingBilinear2d = _map("UpsamplingBilinear2d", lambda x, size, scale_factor: F.interpolate(
    x, size, scale_factor, "bilinear", True), "Bilinear 2-D upsampling (align_corners=True).",
    (("size", None), ("scale_factor", None)))


class MaxUnpool2d(Cell):
    """The inverse of max_pool2d: each value at its index, zeros elsewhere."""

    def __init__(self, kernel_size, stride=None, padding=0):
        super().__init__()
        self.kernel_size, self.stride, self.padding = kernel_size, stride, padding

    def construct(self, input, indices, output_size=None):  # noqa: A002
        return F.max_unpool2d(input, indices, self.kernel_size, self.stride, self.padding, output_size)


class Identity(_layer.Identity):
    """Returns its input."""


def _reduction_loss(name, fn, doc, params=(("reduction", "mean"),)):
    def construct(self, input, target):  # noqa: A002
        return type(self)._loss(input, target, **self._kwargs)

    cls = _map(name, fn, doc, params)
    cls._loss = staticmethod(fn)
    cls.construct = construct
    return cls


L1Loss = _reduction_loss("L1Loss", lambda x, y, reduction: F.l1_loss(x, y, reduction), "|x − y|, reduced.")
MSELoss = _reduction_loss("MSELoss", lambda x, y, reduction: F.mse_loss_ext(x, y, reduction), "(x − y)², reduced.")
SoftMarginLoss = _reduction_loss("SoftMarginLoss", lambda x, y, reduction: F.soft_margin_loss(x, y, reduction),
                                 "log(1 + e^(−y·x)).")
SmoothL1Loss = _reduction_loss("SmoothL1Loss", lambda x, y, reduction, beta: F.smooth_l1_loss(x, y, beta, reduction),
                               "Huber-like: 0.5·d²/beta where |d| < beta, else |d| − 0.5·beta.",
                               (("reduction", "mean"), ("beta", 1.0)))
KLDivLoss = _reduction_loss("KLDivLoss", lambda x, y, reduction, log_target: _f.kl_div(x, y, reduction, log_target),
                            "target·(log target − input).", (("reduction", "mean"), ("log_target", False)))
BCELoss = _reduction_loss("BCELoss", lambda x, y, weight, reduction: F.binary_cross_entropy(x, y, weight, reduction),
                          "−w·[y·log p + (1 − y)·log(1 − p)].", (("weight", None), ("reduction", "mean")))
BCEWithLogitsLoss = _reduction_loss(
    "BCEWithLogitsLoss", lambda x, y, weight, reduction, pos_weight: F.binary_cross_entropy_with_logits(
        x, y, weight, pos_weight, reduction), "Binary cross entropy of logits.",
    (("weight", None), ("reduction", "mean"), ("pos_weight", None)))


class CosineEmbeddingLoss(Cell):
    """1 − cos(x1, x2) where y = 1, max(0, cos − margin) where y = −1."""

    def __init__(self, margin=0.0, reduction="mean"):
        super().__init__()
        self.margin, self.reduction = margin, reduction

    def construct(self, input1, input2, target):
        return F.cosine_embedding_loss(input1, input2, target, self.margin, self.reduction)


def _pad_layer(name, mode, rank, with_value=False):
    def __init__(self, padding, value=None):
        Cell.__init__(self)
        if _validation.is_int(padding):
            padding = (padding,) * (2 * rank)
        self.padding = tuple(padding)
        self.value = value

    def construct(self, input):  # noqa: A002
        return F.pad(input, self.padding, mode, self.value if mode == "constant" else None)

    if with_value:
        init = __init__

        def __init__(self, padding, value):  # noqa: F811
            init(self, padding, value)
    else:
        init = __init__

        def __init__(self, padding):  # noqa: F811
            init(self, padding, 0.0 if mode == "constant" else None)

    return type(name, (Cell,), {"__init__": __init__, "construct": construct, "__module__": __name__,
                                "__doc__": f"Pad the last {rank} axes ({mode})."})


ConstantPad1d, ConstantPad2d, ConstantPad3d = (_pad_layer(f"ConstantPad{r}d", "constant", r, True) for r in (1, 2, 3))
ZeroPad1d, ZeroPad2d, ZeroPad3d = (_pad_layer(f"ZeroPad{r}d", "constant", r) for r in (1, 2, 3))
ReflectionPad1d, ReflectionPad2d, ReflectionPad3d = (_pad_layer(f"ReflectionPad{r}d", "reflect", r) for r in (1, 2, 3))
ReplicationPad1d, ReplicationPad2d, ReplicationPad3d = (_pad_layer(f"ReplicationPad{r}d", "replicate", r)
                                                        for r in (1, 2, 3))


class Linear(Cell):
    """y = x·Wᵀ + b, W (out_features, in_features)."""

    def __init__(self, in_features, out_features, bias=True, weight_init=None, bias_init=None, dtype=None):
        super().__init__()
        self.in_features = _validation.positive_int("Linear", "in_features", in_features)
        self.out_features = _validation.positive_int("Linear", "out_features", out_features)
        dtype = dtype or mstype.float32
        self.weight = layer_parameter(weight_init, (out_features, in_features), dtype, "weight",
                                      default=HeUniform(math.sqrt(5)))
        self.bias = layer_parameter(bias_init, (out_features,), dtype, "bias",
                                    default=Uniform(1 / math.sqrt(in_features))) if bias else None

    def construct(self, input):  # noqa: A002
        return F.dense(input, self.weight, self.bias)


class _ConvNd(Cell):
    _rank = 2
    _fn = None

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True,
                 padding_mode="zeros", dtype=None):
        super().__init__()
        layer = type(self).__name__
        n = self._rank
        self.in_channels = _validation.positive_int(layer, "in_channels", in_channels)
        self.out_channels = _validation.positive_int(layer, "out_channels", out_channels)
        self.kernel_size = _validation.int_tuple(layer, "kernel_size", kernel_size, n)
        self.stride, self.padding, self.dilation, self.groups = stride, padding, dilation, groups
        if padding_mode != "zeros":
            raise ValueError(f"For '{layer}', the 'padding_mode' must be 'zeros' here, but got {padding_mode!r}.")
        if in_channels % groups or out_channels % groups:
            raise ValueError(f"For '{layer}', 'in_channels' and 'out_channels' must be divisible by 'groups'.")
        self.padding_mode = padding_mode
        dtype = dtype or mstype.float32
        fan_in = in_channels // groups * math.prod(self.kernel_size)
        self.weight = layer_parameter(HeUniform(math.sqrt(5)), (out_channels, in_channels // groups) + self.kernel_size,
                                      dtype, "weight")
        self.bias = layer_parameter(Uniform(1 / math.sqrt(fan_in)), (out_channels,), dtype, "bias") if bias else None

    def construct(self, input):  # noqa: A002
        return type(self)._fn(input, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups)


class Conv1d(_ConvNd):
    _rank = 1
    _fn = staticmethod(_f.conv1d)


class Conv2d(_ConvNd):
    _fn = staticmethod(_f.conv2d)


class Conv3d(_ConvNd):
    _rank = 3
    _fn = staticmethod(_f.conv3d)


class ConvTranspose2d(Cell):
    """Transposed 2-D convolution, weight (in_channels, out_channels/groups, kh, kw)."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1,
                 bias=True, dilation=1, padding_mode="zeros", dtype=None):
        super().__init__()
        self.kernel_size = _validation.int_tuple("ConvTranspose2d", "kernel_size", kernel_size, 2)
        self.stride, self.padding, self.output_padding = stride, padding, output_padding
        self.groups, self.dilation = groups, dilation
        if padding_mode != "zeros":
            raise ValueError(f"For 'ConvTranspose2d', the 'padding_mode' must be 'zeros', but got {padding_mode!r}.")
        dtype = dtype or mstype.float32
        fan_in = out_channels // groups * math.prod(self.kernel_size)
        self.weight = layer_parameter(HeUniform(math.sqrt(5)), (in_channels, out_channels // groups) + self.kernel_size,
                                      dtype, "weight")
        self.bias = layer_parameter(Uniform(1 / math.sqrt(fan_in)), (out_channels,), dtype, "bias") if bias else None

    def construct(self, input):  # noqa: A002
        return F.conv_transpose2d(input, self.weight, self.bias, self.stride, self.padding, self.output_padding,
                                  self.groups, self.dilation)


class _BatchNormNd(Cell):
    """Batch normalisation over axis 1, with PyTorch's conventions (which mint follows):

        y = (x − μ)/√(σ² + eps)·weight + bias
        running = (1 − f)·running + f·batch      (the variance with the unbiased batch variance)

    f = momentum, or with momentum=None the cumulative average f = 1/num_batches_tracked (counted
    after this batch). Training uses the batch statistics and, with track_running_stats, updates
    the running ones and counts the batch; evaluation uses the running ones. Without
    track_running_stats the layer keeps no running statistics (running_mean, running_var and
    num_batches_tracked are None) and uses the batch statistics in evaluation too. affine=False
    leaves weight and bias None.
    """
    _ranks = (2, 3)

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True, dtype=None):
        super().__init__()
        layer = type(self).__name__
        self.num_features = _validation.positive_int(layer, "num_features", num_features)
        if momentum is not None and (isinstance(momentum, bool) or not isinstance(momentum, (int, float))):
            raise TypeError(f"For '{layer}', the 'momentum' must be a float or None, but got "
                            f"{type(momentum).__name__}.")
        self.eps, self.momentum = eps, momentum
        self.affine = _validation.bool_arg(layer, "affine", affine)
        self.track_running_stats = _validation.bool_arg(layer, "track_running_stats", track_running_stats)
        dtype = dtype or mstype.float32
        shape = (num_features,)
        self.weight = layer_parameter("ones", shape, dtype, "weight") if affine else None
        self.bias = layer_parameter("zeros", shape, dtype, "bias") if affine else None
        if track_running_stats:
            self.running_mean = layer_parameter("zeros", shape, dtype, "running_mean", requires_grad=False)
            self.running_var = layer_parameter("ones", shape, dtype, "running_var", requires_grad=False)
            # MindSpore's mint layers count the training batches seen (an Int64 Parameter, saved with them)
            self.num_batches_tracked = layer_parameter("zeros", (), mstype.int64, "num_batches_tracked",
                                                       requires_grad=False)
        else:
            self.running_mean = self.running_var = self.num_batches_tracked = None

    def construct(self, input):  # noqa: A002
        layer = type(self).__name__
        if input.ndim not in self._ranks:
            raise ValueError(f"For '{layer}', the input must have rank in {self._ranks}, but got shape {input.shape}.")
        if not (self.training and self.track_running_stats):  # no running statistics change
            return _f.batch_norm(input, self.running_mean, self.running_var, self.weight, self.bias,
                                 self.training or self.running_mean is None, 0.0, self.eps)
        count = F.assign_add(self.num_batches_tracked, P.OnesLike()(self.num_batches_tracked))
        if self.momentum is not None:
            return _f.batch_norm(input, self.running_mean, self.running_var, self.weight, self.bias, True,
                                 self.momentum, self.eps)
        # cumulative moving average: the factor 1/count is a value of the graph, not an attribute
        y, mean, variance, _, _ = P.BatchNorm(is_training=True, epsilon=self.eps)(
            input, self._affine("weight", "ones", input), self._affine("bias", "zeros", input),
            P.ZerosLike()(self.running_mean), P.OnesLike()(self.running_var))
        factor = F.div(1.0, F.cast(count, self.running_mean.dtype))
        n = input.size // input.shape[1]
        for running, batch in ((self.running_mean, mean), (self.running_var, F.mul(variance, n / max(n - 1, 1)))):
            batch = F.cast(batch, running.dtype)
            F.assign(running, F.add(running, F.mul(F.sub(batch, running), factor)))
        return y

    def _affine(self, name, fill, input):  # noqa: A002
        value = getattr(self, name)
        return value if value is not None else (F.ones if fill == "ones" else F.zeros)((input.shape[1],), input.dtype)

    def extend_repr(self):
        return (f"num_features={self.num_features}, eps={self.eps}, momentum={self.momentum}, affine={self.affine}, "
                f"track_running_stats={self.track_running_stats}")


class BatchNorm1d(_BatchNormNd):
    pass


class BatchNorm2d(_BatchNormNd):
    _ranks = (4,)


class BatchNorm3d(_BatchNormNd):
    _ranks = (5,)


class SyncBatchNorm(_BatchNormNd):
    """BatchNorm over (N, C, …); on one device, without a process group to synchronise."""
    _ranks = (2, 3, 4, 5)

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True,
                 process_group=None, dtype=None):
        super().__init__(num_features, eps, momentum, affine, track_running_stats, dtype)
        self.process_group = process_group


class GroupNorm(Cell):
    """Channels split into num_groups, each normalised over its channels and space."""

    def __init__(self, num_groups, num_channels, eps=1e-5, affine=True, dtype=None):
        super().__init__()
        self.num_groups = _validation.positive_int("GroupNorm", "num_groups", num_groups)
        self.num_channels = _validation.positive_int("GroupNorm", "num_channels", num_channels)
        if num_channels % num_groups:
            raise ValueError(f"For 'GroupNorm', the 'num_channels' must be divisible by 'num_groups', but got "
                             f"{num_channels} and {num_groups}.")
        self.eps, self.affine = eps, affine
        dtype = dtype or mstype.float32
        self.weight = layer_parameter("ones", (num_channels,), dtype, "weight", requires_grad=affine)
        self.bias = layer_parameter("zeros", (num_channels,), dtype, "bias", requires_grad=affine)

    def construct(self, input):  # noqa: A002
        return F.group_norm(input, self.num_groups, self.weight, self.bias, self.eps)


class PReLU(Cell):
    """x where x > 0, w·x elsewhere; num_parameters slopes, each `init`."""

    def __init__(self, num_parameters=1, init=0.25, dtype=None):
        super().__init__()
        self.num_parameters = _validation.positive_int("PReLU", "num_parameters", num_parameters)
        self.weight = layer_parameter(float(init), (num_parameters,), dtype or mstype.float32, "weight")

    def construct(self, input):  # noqa: A002
        return P.PReLU()(input, F.cast(self.weight, input.dtype))
