"""Embedding: a lookup table of `vocab_size` rows."""
from __future__ import annotations

import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops import operations as P
from ..cell import Cell
from ... import _validation
from ._parameters import layer_parameter


class Embedding(Cell):
    """out[..., :] = embedding_table[ids[...]]. `padding_idx`'s row starts as zeros."""

    def __init__(self, vocab_size, embedding_size, use_one_hot=False, embedding_table="normal",
                 dtype=mstype.float32, padding_idx=None):
        super().__init__()
        self.vocab_size = _validation.positive_int("Embedding", "vocab_size", vocab_size)
        self.embedding_size = _validation.positive_int("Embedding", "embedding_size", embedding_size)
        self.use_one_hot = _validation.bool_arg("Embedding", "use_one_hot", use_one_hot)
        if padding_idx is not None and (isinstance(padding_idx, bool) or not isinstance(padding_idx, int)
                                        or not -vocab_size <= padding_idx < vocab_size):
            raise ValueError(f"For 'Embedding', the 'padding_idx' must be an int in [{-vocab_size}, {vocab_size}), "
                             f"but got {padding_idx!r}.")
        self.dtype = dtype
        self.padding_idx = padding_idx
        self.embedding_table = layer_parameter(embedding_table, (vocab_size, embedding_size), dtype,
                                                   "embedding_table")
        if padding_idx is not None:
            keep = np.ones((vocab_size, 1), dtype.to_numpy())
            keep[padding_idx] = 0
            self.embedding_table.set_data(F.mul(self.embedding_table, Tensor(keep)))
        self.gather = P.Gather()
        self.one_hot = P.OneHot()
        self.matmul = P.MatMul()

    def construct(self, ids):
        if ids.dtype.kind not in ("int", "uint"):
            raise TypeError(f"For 'Embedding', the input must be an int Tensor, but got {ids.dtype}.")
        table = self.embedding_table
        if self.use_one_hot:
            hot = self.one_hot(F.reshape(ids, (-1,)), self.vocab_size, Tensor(1, table.dtype), Tensor(0, table.dtype))
            return F.reshape(self.matmul(hot, table), ids.shape + (self.embedding_size,))
        return self.gather(table, ids, 0)

    def extend_repr(self):
        return (f"vocab_size={self.vocab_size}, embedding_size={self.embedding_size}, use_one_hot={self.use_one_hot}, "
                f"embedding_table={self.embedding_table}, dtype={self.dtype}, padding_idx={self.padding_idx}")
