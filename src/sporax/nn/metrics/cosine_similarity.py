"""`CosineSimilarity`: the similarity matrix of a batch of vectors."""
from __future__ import annotations

import numpy as np

from ._data import IndexedMetric, to_numpy
from .rearrange import rearrange_inputs

__all__ = ["CosineSimilarity"]


class CosineSimilarity(IndexedMetric):
    """S = X Xᵀ of the rows of the last `update` (unit rows when similarity='cosine');
    `zero_diagonal` zeroes S_ii; reduction 'none', 'sum' or 'mean' over the last axis."""

    def __init__(self, similarity="cosine", reduction="none", zero_diagonal=True):
        for name, value, allowed in (("similarity", similarity, ("dot", "cosine")),
                                     ("reduction", reduction, ("none", "sum", "mean"))):
            if not isinstance(value, str):
                raise TypeError(f"For 'CosineSimilarity', the '{name}' must be a str, but got {type(value).__name__}.")
            if value not in allowed:
                raise ValueError(f"For 'CosineSimilarity', the '{name}' must be one of {list(allowed)}, but got "
                                 f"{value!r}.")
        if not isinstance(zero_diagonal, bool):
            raise TypeError(f"For 'CosineSimilarity', the 'zero_diagonal' must be a bool, but got "
                            f"{type(zero_diagonal).__name__}.")
        self.similarity, self.reduction, self.zero_diagonal = similarity, reduction, zero_diagonal
        super().__init__()

    def clear(self):
        self.sqr_mtx_res = 0
        self._is_update = False

    @rearrange_inputs
    def update(self, inputs):
        data = to_numpy(inputs, "CosineSimilarity").astype(np.float64)
        if self.similarity == "cosine":
            data = data / np.expand_dims(np.linalg.norm(data, ord=2, axis=1), 1)
        self.sqr_mtx_res = np.dot(data, data.transpose(1, 0))
        self._is_update = True

    def eval(self):
        if not self._is_update:
            raise RuntimeError("Please call the 'update' method before calling 'eval' method.")
        result = np.array(self.sqr_mtx_res)
        if self.zero_diagonal:
            np.fill_diagonal(result, 0)
        if self.reduction == "mean":
            result = np.mean(result, axis=-1)
        if self.reduction == "sum":
            result = np.sum(result, axis=-1)
        return result
