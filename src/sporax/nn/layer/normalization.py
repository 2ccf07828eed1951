"""BatchNorm1d, BatchNorm2d, LayerNorm, GroupNorm."""
from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.tensor import Tensor
from ...ops import operations as P
from ..cell import Cell
from ... import _validation
from ._parameters import layer_parameter


class _BatchNorm(Cell):
    """y = γ·(x − μ)/√(σ² + eps) + β per channel (axis 1).

    Training (or `use_batch_statistics=True`): μ, σ² are the batch's (σ² biased), and the
    moving statistics update as moving = momentum·moving + (1 − momentum)·batch, with the
    unbiased batch variance, as MindSpore does. Evaluation uses the moving statistics.
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

    def construct(self, x):
        if x.ndim not in self._ranks:
            raise ValueError(f"For '{self._layer}', the input must have rank in {self._ranks}, but got shape {x.shape}.")
        if x.shape[1] != self.num_features:
            raise ValueError(f"For '{self._layer}', the input has {x.shape[1]} channels, "
                             f"but 'num_features' is {self.num_features}.")
        batch = self.training if self.use_batch_statistics is None else self.use_batch_statistics
        y, mean, variance = _batch_norm(x._value(), self.gamma._value(), self.beta._value(),
                                        self.moving_mean._value(), self.moving_variance._value(), batch, self.eps)
        if batch and self.training:
            n = x.size // x.shape[1]
            unbiased = variance * (n / max(n - 1, 1))
            m = self.momentum
            self.moving_mean.set_data(Tensor._wrap(m * self.moving_mean._value() + (1 - m) * mean))
            self.moving_variance.set_data(Tensor._wrap(m * self.moving_variance._value() + (1 - m) * unbiased))
        return Tensor._wrap(y)

    def extend_repr(self):
        return (f"num_features={self.num_features}, eps={self.eps}, momentum={self.momentum}, gamma={self.gamma}, "
                f"beta={self.beta}, moving_mean={self.moving_mean}, moving_variance={self.moving_variance}")


def _batch_norm(x, gamma, beta, mean, variance, use_batch, eps):
    prim = P.BatchNorm(is_training=use_batch, epsilon=eps)
    y, batch_mean, batch_variance, _, _ = prim._dispatch((x, gamma, beta, mean, variance))
    return y, batch_mean.astype(mean.dtype), batch_variance.astype(variance.dtype)


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

    def construct(self, x):
        value = x._value()
        n, c = value.shape[:2]
        grouped = value.reshape(n, self.num_groups, -1)
        mean = jnp.mean(grouped, axis=-1, keepdims=True)
        variance = jnp.var(grouped, axis=-1, keepdims=True)
        normed = ((grouped - mean) * jax.lax.rsqrt(variance + self.eps)).reshape(value.shape)
        shape = (1, c) + (1,) * (value.ndim - 2)
        return Tensor._wrap(normed * self.gamma._value().reshape(shape) + self.beta._value().reshape(shape))

    def extend_repr(self):
        return f"num_groups={self.num_groups}, num_channels={self.num_channels}"
