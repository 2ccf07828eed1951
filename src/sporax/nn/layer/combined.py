"""Conv2dBnAct, DenseBnAct (`mindspore.nn.layer.combined`) and EmbeddingExt, EmbeddingLookup
(`mindspore.nn.layer.embedding`)."""
from __future__ import annotations

import numpy as np

from ... import _validation
from ...common import dtype as mstype
from ...common.initializer import Normal, initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops import functional as F
from ..cell import Cell
from .activation import LeakyReLU, get_activation
from .basic import Dense
from .conv import Conv2d
from .normalization import BatchNorm1d, BatchNorm2d

__all__ = ["Conv2dBnAct", "DenseBnAct", "EmbeddingExt", "EmbeddingLookup"]


def _activation(layer, activation, alpha):
    if activation == "leakyrelu":
        return LeakyReLU(alpha)
    if isinstance(activation, str):
        return get_activation(activation)
    if activation is not None and not isinstance(activation, Cell):
        raise TypeError(f"For '{layer}', the 'activation' must be str or Cell, but got {type(activation).__name__}.")
    return activation


class Conv2dBnAct(Cell):
    """Conv2d, then BatchNorm2d (`has_bn`), then the activation (a name or a Cell)."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, pad_mode="same", padding=0, dilation=1,
                 group=1, has_bias=False, weight_init="normal", bias_init="zeros", has_bn=False, momentum=0.997,
                 eps=1e-5, activation=None, alpha=0.2, after_fake=True):
        super().__init__()
        self.conv = Conv2d(in_channels, out_channels, kernel_size, stride, pad_mode, padding, dilation, group,
                           has_bias, weight_init, bias_init)
        self.has_bn = _validation.bool_arg("Conv2dBnAct", "has_bn", has_bn)
        self.has_act = activation is not None
        self.after_fake = _validation.bool_arg("Conv2dBnAct", "after_fake", after_fake)
        if has_bn:
            self.batchnorm = BatchNorm2d(out_channels, eps, momentum)
        self.activation = _activation("Conv2dBnAct", activation, alpha)

    def construct(self, x):
        x = self.conv(x)
        if self.has_bn:
            x = self.batchnorm(x)
        if self.has_act:
            x = self.activation(x)
        return x


class DenseBnAct(Cell):
    """Dense, then BatchNorm1d (`has_bn`), then the activation."""

    def __init__(self, in_channels, out_channels, weight_init="normal", bias_init="zeros", has_bias=True, has_bn=False,
                 momentum=0.9, eps=1e-5, activation=None, alpha=0.2, after_fake=True):
        super().__init__()
        self.dense = Dense(in_channels, out_channels, weight_init, bias_init, has_bias)
        self.has_bn = _validation.bool_arg("DenseBnAct", "has_bn", has_bn)
        self.has_act = activation is not None
        self.after_fake = _validation.bool_arg("DenseBnAct", "after_fake", after_fake)
        if has_bn:
            self.batchnorm = BatchNorm1d(out_channels, eps, momentum)
        self.activation = _activation("DenseBnAct", activation, alpha)

    def construct(self, x):
        x = self.dense(x)
        if self.has_bn:
            x = self.batchnorm(x)
        if self.has_act:
            x = self.activation(x)
        return x


class EmbeddingExt(Cell):
    """Rows of `weight` (num_embeddings, embedding_dim), N(0, 1) initially with the
    `padding_idx` row zero; `max_norm` rescales looked-up rows to at most that norm."""

    def __init__(self, num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0,
                 scale_grad_by_freq=False, sparse=False, _weight=None, _freeze=False, dtype=None):
        super().__init__()
        if sparse:
            raise ValueError("For Embedding, the scenerio, where `sparse` is True, has not be supported.")
        self.num_embeddings = _validation.int_arg("EmbeddingExt", "num_embeddings", num_embeddings)
        self.embedding_dim = _validation.int_arg("EmbeddingExt", "embedding_dim", embedding_dim)
        self.dtype = dtype if dtype is not None else mstype.float32
        self.padding_idx = padding_idx
        if padding_idx is not None:
            _validation.int_arg("EmbeddingExt", "padding_idx", padding_idx)
            if not -num_embeddings <= padding_idx < num_embeddings:
                raise ValueError(f"For 'EmbeddingExt', the 'padding_idx' must be in [{-num_embeddings}, "
                                 f"{num_embeddings}), but got {padding_idx}.")
        shape = (num_embeddings, embedding_dim)
        if _weight is None:
            self.weight = Parameter(initializer(Normal(1, 0), shape, self.dtype), name="weight",
                                    requires_grad=not _freeze)
            if padding_idx is not None:
                keep = np.ones(shape, np.float32)
                keep[padding_idx] = 0
                self.weight.set_data(F.mul(self.weight, Tensor(keep, self.dtype)))
        else:
            if tuple(_weight.shape) != shape:
                raise ValueError(f"For Embedding, shape of weight should be match with num_embeddings and "
                                 f"embedding_dim, but got weight.shape: {_weight.shape}, and (num_embeddings, "
                                 f"embedding_dim): ({num_embeddings}, {embedding_dim})")
            self.weight = Parameter(_weight, name="weight", requires_grad=not _freeze)
        self.max_norm = None if max_norm is None else float(max_norm)
        self.norm_type = norm_type
        self.scale_grad_by_freq = scale_grad_by_freq

    def construct(self, input):  # noqa: A002
        return F.embedding(input, self.weight, self.padding_idx, self.max_norm, self.norm_type,
                           self.scale_grad_by_freq)


class EmbeddingLookup(Cell):
    """Rows of `embedding_table` (vocab_size, embedding_size) at `indices`; with `max_norm` each
    looked-up row clipped to that L2 norm."""

    def __init__(self, vocab_size, embedding_size, param_init="normal", target="CPU", slice_mode="batch_slice",
                 manual_shapes=None, max_norm=None, sparse=True, dtype=mstype.float32):
        super().__init__()
        self.vocab_size = _validation.positive_int("EmbeddingLookup", "vocab_size", vocab_size)
        self.embedding_size = _validation.positive_int("EmbeddingLookup", "embedding_size", embedding_size)
        self.target = _validation.one_of("EmbeddingLookup", "target", target, ("CPU", "DEVICE"))
        if not sparse and target == "CPU":
            raise ValueError(f"For 'EmbeddingLookup', 'sparse' must be True when 'target' is \"CPU\", but got "
                             f"'sparse': {sparse} and 'target': {target}")
        self.slice_mode, self.sparse, self.max_norm = slice_mode, sparse, max_norm
        self.embedding_table = Parameter(initializer(param_init, [vocab_size, embedding_size], dtype=dtype),
                                         name="embedding_table")

    def construct(self, indices):
        out = F.gather(self.embedding_table, indices, 0)
        if self.max_norm is not None:
            norm = F.sqrt(F.sum(F.square(out), -1, True))
            limit = Tensor(self.max_norm, out.dtype)
            out = F.div(F.mul(out, limit), F.maximum(norm, limit))
        return out
