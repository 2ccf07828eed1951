"""BatchNorm1d, BatchNorm2d, LayerNorm, GroupNorm."""
from __future__ import annotations

from ...common import dtype as mstype
from ...ops import functional as F
from ...ops import operations as P
from ...ops.operations import nn_ops, nn_ops_ext
from ..cell import Cell
from ... import _validation
from ._parameters import layer_parameter


class _BatchNorm(Cell):
    """y = γ·(x − μ)/√(σ² + eps) + β per channel (axis 1).

    Training (or `use_batch_statistics=True`, in either mode): μ, σ² are the batch's (σ² biased),
    and the moving statistics update as moving = momentum·moving + (1 − momentum)·batch, with the
    unbiased batch variance, as MindSpore does (its BatchNorm primitive writes them). Evaluation
    (or `use_batch_statistics=False`) uses the moving statistics.
    """

    _ranks = (4,)
    _layer = "BatchNorm2d"

    def __init__(self, num_features, eps=1e-5, momentum=0.9, affine=True, gamma_init="ones", beta_init="zeros",
                 moving_mean_init="zeros", moving_var_init="ones", use_batch_statistics=None, data_format="NCHW",
                 dtype=mstype.float32):
        super().__init__()
        layer = self._layer
        self.num_features = _validation.positive_int(layer, "num_features", num_features)
        self.eps = _validation.real_in_range(layer, "eps", eps, 0.0, float("inf"))
        if self.eps <= 0:
            raise ValueError(f"For '{layer}', the 'eps' must be > 0, but got {eps}.")
        self.momentum = _validation.real_in_range(layer, "momentum", momentum, 0.0, 1.0)
        _validation.bool_arg(layer, "affine", affine)
        if use_batch_statistics is not None:
            _validation.bool_arg(layer, "use_batch_statistics", use_batch_statistics)
        if data_format != "NCHW":
            raise ValueError(f"For '{layer}', the 'data_format' must be 'NCHW', but got {data_format!r}.")
        self.use_batch_statistics = use_batch_statistics
        shape = (num_features,)
        self.moving_mean = layer_parameter(moving_mean_init, shape, dtype, "mean", requires_grad=False)
        self.moving_variance = layer_parameter(moving_var_init, shape, dtype, "variance", requires_grad=False)
        self.gamma = layer_parameter(gamma_init, shape, dtype, "gamma", requires_grad=affine)
        self.beta = layer_parameter(beta_init, shape, dtype, "beta", requires_grad=affine)
        self.bn_train = P.BatchNorm(is_training=True, epsilon=self.eps, momentum=1 - self.momentum)
        self.bn_infer = P.BatchNorm(is_training=False, epsilon=self.eps)

    def construct(self, x):
        if x.ndim not in self._ranks:
            raise ValueError(f"For '{self._layer}', the input must have rank in {self._ranks}, but got shape {x.shape}.")
        if x.shape[1] != self.num_features:
            raise ValueError(f"For '{self._layer}', the input has {x.shape[1]} channels, "
                             f"but 'num_features' is {self.num_features}.")
        batch = self.training if self.use_batch_statistics is None else self.use_batch_statistics
        norm = self.bn_train if batch else self.bn_infer
        # bn_train (P.BatchNorm(is_training=True, momentum=1 - momentum)) updates the moving statistics
        # in place, also with use_batch_statistics=True in evaluation, as MindSpore's layer
        return norm(x, self.gamma, self.beta, self.moving_mean, self.moving_variance)[0]

    def extend_repr(self):
        return (f"num_features={self.num_features}, eps={self.eps}, momentum={self.momentum}, gamma={self.gamma}, "
                f"beta={self.beta}, moving_mean={self.moving_mean}, moving_variance={self.moving_variance}")


class BatchNorm1d(_BatchNorm):
    """Batch normalisation over (N, C) or (N, C, L)."""
    _ranks = (2, 3)
    _layer = "BatchNorm1d"


class BatchNorm2d(_BatchNorm):
    """Batch normalisation over (N, C, H, W)."""


class LayerNorm(Cell):
    """Normalise over axes from `begin_norm_axis` on; γ, β of `normalized_shape`."""

    def __init__(self, normalized_shape, begin_norm_axis=-1, begin_params_axis=-1, gamma_init="ones",
                 beta_init="zeros", epsilon=1e-7, dtype=mstype.float32):
        super().__init__()
        if not isinstance(normalized_shape, (tuple, list)):
            raise TypeError(f"For 'LayerNorm', the type of 'normalized_shape' must be tuple[int] or list[int], "
                            f"but got {normalized_shape} and the type is {type(normalized_shape)}.")
        self.normalized_shape = tuple(normalized_shape)
        self.begin_norm_axis = begin_norm_axis
        self.begin_params_axis = begin_params_axis
        self.epsilon = _validation.real_in_range("LayerNorm", "epsilon", epsilon, 0.0, float("inf"))
        self.gamma = layer_parameter(gamma_init, self.normalized_shape, dtype, "gamma")
        self.beta = layer_parameter(beta_init, self.normalized_shape, dtype, "beta")
        self.layer_norm = P.LayerNorm(begin_norm_axis, begin_params_axis, epsilon)

    def construct(self, x):
        return self.layer_norm(x, self.gamma, self.beta)[0]

    def extend_repr(self):
        # MindSpore 2.10 prints "gamma" without its "=": kept for fidelity.
        return (f"normalized_shape={self.normalized_shape}, begin_norm_axis={self.begin_norm_axis}, "
                f"begin_params_axis={self.begin_params_axis}, gamma{self.gamma}, beta={self.beta}")


class GroupNorm(Cell):
    """Split channels into `num_groups`, normalise each group over its channels and space."""

    def __init__(self, num_groups, num_channels, eps=1e-5, affine=True, gamma_init="ones", beta_init="zeros",
                 dtype=mstype.float32):
        super().__init__()
        self.num_groups = _validation.positive_int("GroupNorm", "num_groups", num_groups)
        self.num_channels = _validation.positive_int("GroupNorm", "num_channels", num_channels)
        if num_channels % num_groups:
            raise ValueError(f"For 'GroupNorm', the 'num_channels' must be divided by 'num_groups', but got "
                             f"'num_channels': {num_channels}, 'num_groups': {num_groups}.")
        self.eps = _validation.real_in_range("GroupNorm", "eps", eps, 0.0, float("inf"))
        self.affine = _validation.bool_arg("GroupNorm", "affine", affine)
        self.gamma = layer_parameter(gamma_init, (num_channels,), dtype, "gamma", requires_grad=affine)
        self.beta = layer_parameter(beta_init, (num_channels,), dtype, "beta", requires_grad=affine)
        self.group_norm = nn_ops._GroupNorm(num_groups, self.eps)

    def construct(self, x):
        return self.group_norm(x, self.gamma, self.beta)[0]

    def extend_repr(self):
        return f"num_groups={self.num_groups}, num_channels={self.num_channels}"


# --- more normalisation (issue 11, the nn surface) ---------------------------------------------

class BatchNorm3d(Cell):
    """Batch normalisation over (N, C, D, H, W): MindSpore's BatchNorm2d (`bn2d`, so its
    parameters are `bn2d.gamma`, ...) over (N, C, D, H·W)."""

    def __init__(self, num_features, eps=1e-5, momentum=0.9, affine=True, gamma_init="ones", beta_init="zeros",
                 moving_mean_init="zeros", moving_var_init="ones", use_batch_statistics=None, dtype=mstype.float32):
        super().__init__()
        self.bn2d = BatchNorm2d(num_features, eps, momentum, affine, gamma_init, beta_init, moving_mean_init,
                                moving_var_init, use_batch_statistics, dtype=dtype)

    def construct(self, input_x):
        if input_x.ndim != 5:
            raise ValueError(f"For 'BatchNorm3d', the input must be 5-D (N, C, D, H, W), but got shape "
                             f"{input_x.shape}.")
        n, c, d, h, w = input_x.shape
        out = self.bn2d(F.reshape(input_x, (n, c, d, h * w)))
        return F.reshape(out, input_x.shape)


class SyncBatchNorm(_BatchNorm):
    """Batch normalisation whose statistics MindSpore synchronises over `process_groups`; on one
    device (and within one JAX program) it is BatchNorm2d over (N, C, H, W) or (N, C)."""
    _ranks = (2, 4)
    _layer = "SyncBatchNorm"

    def __init__(self, num_features, eps=1e-5, momentum=0.9, affine=True, gamma_init="ones", beta_init="zeros",
                 moving_mean_init="zeros", moving_var_init="ones", use_batch_statistics=None, process_groups=None,
                 dtype=mstype.float32):
        super().__init__(num_features, eps, momentum, affine, gamma_init, beta_init, moving_mean_init,
                         moving_var_init, use_batch_statistics, "NCHW", dtype)
        self.process_groups = process_groups


class _InstanceNorm(Cell):
    """y = γ·(x − μ)/√(σ² + eps) + β, μ and σ² (biased) per sample and channel over space."""
    _ranks = (3,)

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True, gamma_init="ones", beta_init="zeros",
                 dtype=mstype.float32):
        super().__init__()
        layer = type(self).__name__
        self.num_features = _validation.positive_int(layer, "num_features", num_features)
        self.eps = _validation.real_in_range(layer, "eps", eps, 0.0, float("inf"))
        self.momentum = _validation.real_in_range(layer, "momentum", momentum, 0.0, 1.0)
        self.affine = _validation.bool_arg(layer, "affine", affine)
        shape = (num_features,)
        self.gamma = layer_parameter(gamma_init, shape, dtype, "gamma", requires_grad=affine)
        self.beta = layer_parameter(beta_init, shape, dtype, "beta", requires_grad=affine)
        self.moving_mean = layer_parameter("zeros", shape, dtype, "mean", requires_grad=False)
        self.moving_variance = layer_parameter("ones", shape, dtype, "variance", requires_grad=False)
        self.instance_norm = nn_ops_ext.composed("instance_norm", eps=self.eps)

    def construct(self, x):
        layer = type(self).__name__
        if x.ndim not in self._ranks:
            raise ValueError(f"For '{layer}', the input must have rank in {self._ranks}, but got shape {x.shape}.")
        if x.shape[1] != self.num_features:
            raise ValueError(f"For '{layer}', the input has {x.shape[1]} channels, but 'num_features' is "
                             f"{self.num_features}.")
        return self.instance_norm(x, self.gamma, self.beta)

    def extend_repr(self):
        return (f"num_features={self.num_features}, eps={self.eps}, momentum={self.momentum}, gamma={self.gamma}, "
                f"beta={self.beta}, moving_mean={self.moving_mean}, moving_variance={self.moving_variance}")


class InstanceNorm1d(_InstanceNorm):
    """Instance normalisation over (N, C, L)."""


class InstanceNorm2d(_InstanceNorm):
    """Instance normalisation over (N, C, H, W)."""
    _ranks = (4,)


class InstanceNorm3d(_InstanceNorm):
    """Instance normalisation over (N, C, D, H, W)."""
    _ranks = (5,)


class LayerNormExt(Cell):
    """Normalise over the trailing `normalized_shape` axes (PyTorch's arguments)."""

    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True, bias=True, dtype=None):
        super().__init__()
        if _validation.is_int(normalized_shape):
            normalized_shape = (normalized_shape,)
        if not isinstance(normalized_shape, (tuple, list)):
            raise TypeError(f"For 'LayerNormExt', the 'normalized_shape' must be an int or a tuple of ints, but got "
                            f"{normalized_shape!r}.")
        self.normalized_shape = tuple(normalized_shape)
        self.eps = eps
        self.elementwise_affine = elementwise_affine
        dtype = dtype or mstype.float32
        self.weight = layer_parameter("ones", self.normalized_shape, dtype, "weight",
                                      requires_grad=elementwise_affine)
        self.bias = layer_parameter("zeros", self.normalized_shape, dtype, "bias",
                                    requires_grad=elementwise_affine and bias)

    def construct(self, input):  # noqa: A002
        return F.layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps)

    def extend_repr(self):
        return f"{self.normalized_shape}, eps={self.eps}, elementwise_affine={self.elementwise_affine}"
