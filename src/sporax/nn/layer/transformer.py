"""MultiheadAttention and the Transformer family (`mindspore.nn.layer.transformer`), sequence
first (L, N, E) unless `batch_first`.

Attention per head: softmax(q·kᵀ/√d_head + mask)·v, q = query·W_qᵀ + b_q (likewise k, v),
output = concat(heads)·W_outᵀ + b_out. A bool mask is True where attention is not allowed
(−inf); a float mask is added. MindSpore's parameters: `in_proj_weight` (3E, E) XavierUniform,
`in_proj_bias` zeros, `out_proj` a Dense; separate `q/k/v_proj_weight` when kdim/vdim differ.
"""
from __future__ import annotations

import copy
import math

from ... import _validation
from ...common import dtype as mstype
from ...common.initializer import HeUniform, XavierNormal, XavierUniform
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops.operations import nn_ops_ext as _ext
from ..cell import Cell
from ._parameters import layer_parameter
from .activation import GELU, ReLU
from .basic import Dense, Dropout
from .container import CellList
from .normalization import LayerNorm

__all__ = ["MultiheadAttention", "TransformerEncoderLayer", "TransformerDecoderLayer", "TransformerEncoder",
           "TransformerDecoder", "Transformer"]

_attention = _ext.composed("attention")


def _additive(mask, dtype):
    if mask is None:
        return None
    if mask.dtype == mstype.bool_:
        return F.select(mask, F.fill(dtype, mask.shape, float("-inf")), F.zeros(mask.shape, dtype))
    if mask.dtype.kind != "float":
        raise ValueError(f"only bool and floating types of masks are supported, but got {mask.dtype}.")
    return F.cast(mask, dtype)


class MultiheadAttention(Cell):
    """Multi-head attention; returns (output, weights averaged over heads or per head, or None)."""

    def __init__(self, embed_dim, num_heads, dropout=0.0, has_bias=True, add_bias_kv=False, add_zero_attn=False,
                 kdim=None, vdim=None, batch_first=False, dtype=mstype.float32):
        super().__init__()
        self.embed_dim = _validation.positive_int("MultiheadAttention", "embed_dim", embed_dim)
        self.num_heads = _validation.positive_int("MultiheadAttention", "num_heads", num_heads)
        if embed_dim % num_heads:
            raise ValueError("The init argument 'embed_dim' must be divisible by 'num_heads'.")
        self.kdim = embed_dim if kdim is None else kdim
        self.vdim = embed_dim if vdim is None else vdim
        self._qkv_same_embed_dim = self.kdim == embed_dim and self.vdim == embed_dim
        self.dropout = _validation.real_in_range("MultiheadAttention", "dropout", dropout, 0.0, 1.0)
        self.batch_first = _validation.bool_arg("MultiheadAttention", "batch_first", batch_first)
        self.head_dim = embed_dim // num_heads
        if self._qkv_same_embed_dim:
            self.in_proj_weight = layer_parameter(XavierUniform(), (3 * embed_dim, embed_dim), dtype, "in_proj_weight")
            self.q_proj_weight = self.k_proj_weight = self.v_proj_weight = None
        else:
            self.q_proj_weight = layer_parameter(XavierUniform(), (embed_dim, embed_dim), dtype, "q_proj_weight")
            self.k_proj_weight = layer_parameter(XavierUniform(), (embed_dim, self.kdim), dtype, "k_proj_weight")
            self.v_proj_weight = layer_parameter(XavierUniform(), (embed_dim, self.vdim), dtype, "v_proj_weight")
            self.in_proj_weight = None
        self.in_proj_bias = layer_parameter("zeros", (3 * embed_dim,), dtype, "in_proj_bias") if has_bias else None
        self.out_proj = Dense(embed_dim, embed_dim, has_bias=has_bias, weight_init=HeUniform(math.sqrt(5)),
                              dtype=dtype)
        if add_bias_kv:
            self.bias_k = layer_parameter(XavierNormal(), (1, 1, embed_dim), dtype, "bias_k")
            self.bias_v = layer_parameter(XavierNormal(), (1, 1, embed_dim), dtype, "bias_v")
        else:
            self.bias_k = self.bias_v = None
        self.add_zero_attn = _validation.bool_arg("MultiheadAttention", "add_zero_attn", add_zero_attn)
        self.attn_dropout = Dropout(p=self.dropout) if self.dropout > 0 else None
        self.dtype = dtype

    def _project(self, x, index, weight):
        e = self.embed_dim
        if weight is None:
            weight = self.in_proj_weight[index * e:(index + 1) * e]
        out = F.matmul(x, F.transpose(weight, (1, 0)))
        if self.in_proj_bias is not None:
            out = out + self.in_proj_bias[index * e:(index + 1) * e]
        return out

    def construct(self, query, key, value, key_padding_mask=None, need_weights=True, attn_mask=None,
                  average_attn_weights=True):
        for name, t in (("query", query), ("key", key), ("value", value)):
            if not isinstance(t, Tensor):
                raise TypeError(f"For 'MultiheadAttention', the '{name}' must be a Tensor, but got {type(t).__name__}.")
        batched = query.ndim == 3
        if not batched:
            query, key, value = (F.expand_dims(t, 1) for t in (query, key, value))
            if key_padding_mask is not None:
                key_padding_mask = F.expand_dims(key_padding_mask, 0)
        elif self.batch_first:
            query, key, value = (F.transpose(t, (1, 0, 2)) for t in (query, key, value))
        length, batch, e = query.shape
        if e != self.embed_dim:
            raise ValueError(f"For 'MultiheadAttention', the last dimension of 'query' must be {self.embed_dim}, but "
                             f"got {e}.")
        q = self._project(query, 0, self.q_proj_weight)
        k = self._project(key, 1, self.k_proj_weight)
        v = self._project(value, 2, self.v_proj_weight)
        mask = _additive(attn_mask, q.dtype)
        padding = _additive(key_padding_mask, q.dtype)
        if self.bias_k is not None:
            k = F.concat((k, F.tile(self.bias_k, (1, batch, 1))), 0)
            v = F.concat((v, F.tile(self.bias_v, (1, batch, 1))), 0)
            mask = None if mask is None else F.pad(mask, (0, 1))
            padding = None if padding is None else F.pad(padding, (0, 1))
        h, d = self.num_heads, self.head_dim
        q = F.transpose(F.reshape(q, (length, batch * h, d)), (1, 0, 2))
        k = F.transpose(F.reshape(k, (k.shape[0], batch * h, d)), (1, 0, 2))
        v = F.transpose(F.reshape(v, (v.shape[0], batch * h, d)), (1, 0, 2))
        if self.add_zero_attn:
            k = F.concat((k, F.zeros((batch * h, 1, d), k.dtype)), 1)
            v = F.concat((v, F.zeros((batch * h, 1, d), v.dtype)), 1)
            mask = None if mask is None else F.pad(mask, (0, 1))
            padding = None if padding is None else F.pad(padding, (0, 1))
        source = k.shape[1]
        if mask is not None and mask.ndim == 2:
            mask = F.expand_dims(mask, 0)
        if padding is not None:
            padding = F.reshape(F.tile(F.reshape(padding, (batch, 1, 1, source)), (1, h, 1, 1)),
                                (batch * h, 1, source))
            mask = padding if mask is None else mask + padding
        if mask is None:
            out, weights = _attention(q, k, v)
        else:
            out, weights = _attention(q, k, v, mask)
        if self.attn_dropout is not None and self.training:
            weights = self.attn_dropout(weights)
            out = F.matmul(weights, v)
        out = F.reshape(F.transpose(out, (1, 0, 2)), (length, batch, e))
        out = self.out_proj(out)
        if self.batch_first and batched:
            out = F.transpose(out, (1, 0, 2))
        if not batched:
            out = F.squeeze(out, 1)
        if not need_weights:
            return out, None
        weights = F.reshape(weights, (batch, h, length, source))
        if average_attn_weights:
            weights = F.mean(weights, 1)
        if not batched:
            weights = F.squeeze(weights, 0)
        return out, weights


def _activation(activation):
    if isinstance(activation, str):
        if activation not in ("relu", "gelu"):
            raise ValueError(f"The argument 'activation' must be 'relu' or 'gelu', but got {activation!r}.")
        return ReLU() if activation == "relu" else GELU(approximate=False)
    if isinstance(activation, (ReLU, GELU)) or activation in (F.relu, F.gelu):
        return activation
    raise ValueError(f"The argument 'activation' must be nn.ReLU or nn.GELU instance, but get {activation}.")


class TransformerEncoderLayer(Cell):
    """Self-attention then feed-forward (dense1 → activation → dense2), each with dropout,
    a residual and a LayerNorm (before the block with `norm_first`, else after)."""

    def __init__(self, d_model, nhead, dim_feedforward=2048, dropout=0.1, activation="relu", layer_norm_eps=1e-5,
                 batch_first=False, norm_first=False, dtype=mstype.float32):
        super().__init__()
        self.self_attn = MultiheadAttention(d_model, nhead, dropout=dropout, batch_first=batch_first, dtype=dtype)
        self.dense1 = Dense(d_model, dim_feedforward, weight_init=HeUniform(math.sqrt(5)), dtype=dtype)
        self.dropout = Dropout(p=dropout)
        self.dense2 = Dense(dim_feedforward, d_model, weight_init=HeUniform(math.sqrt(5)), dtype=dtype)
        self.norm_first = norm_first
        self.norm1 = LayerNorm((d_model,), epsilon=layer_norm_eps, dtype=dtype)
        self.norm2 = LayerNorm((d_model,), epsilon=layer_norm_eps, dtype=dtype)
        self.dropout1 = Dropout(p=dropout)
        self.dropout2 = Dropout(p=dropout)
        self.activation1 = activation
        self.activation = _activation(activation)
        self.d_model, self.nhead, self.dim_feedforward = d_model, nhead, dim_feedforward
        self.dropout_num, self.layernorm_eps = dropout, layer_norm_eps
        self.batch_first, self.dtype = batch_first, dtype

    def construct(self, src, src_mask=None, src_key_padding_mask=None):
        x = src
        if self.norm_first:
            x = x + self._sa_block(self.norm1(x), src_mask, src_key_padding_mask)
            return x + self._ff_block(self.norm2(x))
        x = self.norm1(x + self._sa_block(x, src_mask, src_key_padding_mask))
        return self.norm2(x + self._ff_block(x))

    def _sa_block(self, x, attn_mask, key_padding_mask):
        return self.dropout1(self.self_attn(x, x, x, attn_mask=attn_mask, key_padding_mask=key_padding_mask,
                                            need_weights=False)[0])

    def _ff_block(self, x):
        return self.dropout2(self.dense2(self.dropout(self.activation(self.dense1(x)))))


class TransformerDecoderLayer(Cell):
    """Self-attention, cross-attention over `memory`, feed-forward; each with dropout, a
    residual and a LayerNorm."""

    def __init__(self, d_model, nhead, dim_feedforward=2048, dropout=0.1, activation="relu", layer_norm_eps=1e-5,
                 batch_first=False, norm_first=False, dtype=mstype.float32):
        super().__init__()
        self.self_attn = MultiheadAttention(d_model, nhead, dropout=dropout, batch_first=batch_first, dtype=dtype)
        self.multihead_attn = MultiheadAttention(d_model, nhead, dropout=dropout, batch_first=batch_first, dtype=dtype)
        self.dense1 = Dense(d_model, dim_feedforward, weight_init=HeUniform(math.sqrt(5)), dtype=dtype)
        self.dropout = Dropout(p=dropout)
        self.dense2 = Dense(dim_feedforward, d_model, weight_init=HeUniform(math.sqrt(5)), dtype=dtype)
        self.norm_first = norm_first
        self.norm1 = LayerNorm((d_model,), epsilon=layer_norm_eps, dtype=dtype)
        self.norm2 = LayerNorm((d_model,), epsilon=layer_norm_eps, dtype=dtype)
        self.norm3 = LayerNorm((d_model,), epsilon=layer_norm_eps, dtype=dtype)
        self.dropout1 = Dropout(p=dropout)
        self.dropout2 = Dropout(p=dropout)
        self.dropout3 = Dropout(p=dropout)
        self.activation1 = activation
        self.activation = _activation(activation)
        self.d_model, self.nhead, self.dim_feedforward = d_model, nhead, dim_feedforward
        self.dropout_num, self.layernorm_eps = dropout, layer_norm_eps
        self.batch_first, self.dtype = batch_first, dtype

    def construct(self, tgt, memory, tgt_mask=None, memory_mask=None, tgt_key_padding_mask=None,
                  memory_key_padding_mask=None):
        x = tgt
        if self.norm_first:
            x = x + self._sa_block(self.norm1(x), tgt_mask, tgt_key_padding_mask)
            x = x + self._mha_block(self.norm2(x), memory, memory_mask, memory_key_padding_mask)
            return x + self._ff_block(self.norm3(x))
        x = self.norm1(x + self._sa_block(x, tgt_mask, tgt_key_padding_mask))
        x = self.norm2(x + self._mha_block(x, memory, memory_mask, memory_key_padding_mask))
        return self.norm3(x + self._ff_block(x))

    def _sa_block(self, x, attn_mask, key_padding_mask):
        return self.dropout1(self.self_attn(x, x, x, attn_mask=attn_mask, key_padding_mask=key_padding_mask,
                                            need_weights=False)[0])

    def _mha_block(self, x, memory, attn_mask, key_padding_mask):
        return self.dropout2(self.multihead_attn(x, memory, memory, attn_mask=attn_mask,
                                                 key_padding_mask=key_padding_mask, need_weights=False)[0])

    def _ff_block(self, x):
        return self.dropout3(self.dense2(self.dropout(self.activation(self.dense1(x)))))


def _clones(layer, num_layers):
    return CellList([copy.deepcopy(layer) for _ in range(num_layers)])


class TransformerEncoder(Cell):
    """`num_layers` copies of `encoder_layer`, then `norm` (if given)."""

    def __init__(self, encoder_layer, num_layers, norm=None):
        super().__init__()
        if not isinstance(encoder_layer, TransformerEncoderLayer):
            raise TypeError(f"For 'TransformerEncoder', the 'encoder_layer' must be a TransformerEncoderLayer, but got "
                            f"{type(encoder_layer).__name__}.")
        self.layers = _clones(encoder_layer, _validation.positive_int("TransformerEncoder", "num_layers", num_layers))
        self.num_layers = num_layers
        self.norm = norm

    def construct(self, src, src_mask=None, src_key_padding_mask=None):
        out = src
        for layer in self.layers:
            out = layer(out, src_mask=src_mask, src_key_padding_mask=src_key_padding_mask)
        return out if self.norm is None else self.norm(out)


class TransformerDecoder(Cell):
    """`num_layers` copies of `decoder_layer`, then `norm` (if given)."""

    def __init__(self, decoder_layer, num_layers, norm=None):
        super().__init__()
        if not isinstance(decoder_layer, TransformerDecoderLayer):
            raise TypeError(f"For 'TransformerDecoder', the 'decoder_layer' must be a TransformerDecoderLayer, but got "
                            f"{type(decoder_layer).__name__}.")
        self.layers = _clones(decoder_layer, _validation.positive_int("TransformerDecoder", "num_layers", num_layers))
        self.num_layers = num_layers
        self.norm = norm

    def construct(self, tgt, memory, tgt_mask=None, memory_mask=None, tgt_key_padding_mask=None,
                  memory_key_padding_mask=None):
        out = tgt
        for layer in self.layers:
            out = layer(out, memory, tgt_mask=tgt_mask, memory_mask=memory_mask,
                        tgt_key_padding_mask=tgt_key_padding_mask, memory_key_padding_mask=memory_key_padding_mask)
        return out if self.norm is None else self.norm(out)


class Transformer(Cell):
    """An encoder (num_encoder_layers, final LayerNorm) and a decoder (num_decoder_layers,
    final LayerNorm): decoder(tgt, encoder(src))."""

    def __init__(self, d_model=512, nhead=8, num_encoder_layers=6, num_decoder_layers=6, dim_feedforward=2048,
                 dropout=0.1, activation="relu", custom_encoder=None, custom_decoder=None, layer_norm_eps=1e-5,
                 batch_first=False, norm_first=False, dtype=mstype.float32):
        super().__init__()
        if custom_encoder is not None:
            self.encoder = custom_encoder
        else:
            layer = TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps,
                                            batch_first, norm_first, dtype=dtype)
            self.encoder = TransformerEncoder(layer, num_encoder_layers,
                                              LayerNorm((d_model,), epsilon=layer_norm_eps, dtype=dtype))
        if custom_decoder is not None:
            self.decoder = custom_decoder
        else:
            layer = TransformerDecoderLayer(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps,
                                            batch_first, norm_first, dtype=dtype)
            self.decoder = TransformerDecoder(layer, num_decoder_layers,
                                              LayerNorm((d_model,), epsilon=layer_norm_eps, dtype=dtype))
        self.d_model, self.nhead, self.batch_first = d_model, nhead, batch_first

    def construct(self, src, tgt, src_mask=None, tgt_mask=None, memory_mask=None, src_key_padding_mask=None,
                  tgt_key_padding_mask=None, memory_key_padding_mask=None):
        if src.shape[-1] != self.d_model or tgt.shape[-1] != self.d_model:
            raise ValueError(f"The feature number of src and tgt must be equal to d_model {self.d_model}, but got "
                             f"{src.shape[-1]} and {tgt.shape[-1]}.")
        memory = self.encoder(src, src_mask=src_mask, src_key_padding_mask=src_key_padding_mask)
        return self.decoder(tgt, memory, tgt_mask=tgt_mask, memory_mask=memory_mask,
                            tgt_key_padding_mask=tgt_key_padding_mask,
                            memory_key_padding_mask=memory_key_padding_mask)
