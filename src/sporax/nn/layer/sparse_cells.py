"""Sparse cells (`mindspore.nn.SparseToDense`, `mindspore.nn.SparseTensorDenseMatmul`): the
`ops` primitives of the same names as layers.

SparseToDense(coo) is the dense array holding `coo.values` at `coo.indices` (zeros elsewhere);
SparseTensorDenseMatmul(indices, values, shape, dense) is op(S) @ op(D) for the sparse S of
that shape, op transposing when `adjoint_st` / `adjoint_dt` is set.
"""
from __future__ import annotations

from ...common.sparse_tensor import COOTensor
from ...ops import operations as P
from ..cell import Cell

__all__ = ["SparseToDense", "SparseTensorDenseMatmul"]


class SparseToDense(Cell):
    """A COOTensor's dense form (MindSpore 2.10 marks it deprecated for `COOTensor.to_dense()`)."""

    def __init__(self):
        super().__init__()
        self.sparse_to_dense = P.SparseToDense()

    def construct(self, sparse_tensor):
        if not isinstance(sparse_tensor, COOTensor):
            raise TypeError(f"For 'SparseToDense', the 'sparse_tensor' must be a COOTensor, but got "
                            f"{type(sparse_tensor).__name__}.")
        return self.sparse_to_dense(sparse_tensor.indices, sparse_tensor.values, sparse_tensor.shape)


class SparseTensorDenseMatmul(Cell):
    """op(S) @ op(D) for a rank-2 sparse S given as (indices, values, sparse_shape) and a dense D."""

    def __init__(self, adjoint_st=False, adjoint_dt=False):
        super().__init__()
        for name, value in (("adjoint_st", adjoint_st), ("adjoint_dt", adjoint_dt)):
            if not isinstance(value, bool):
                raise TypeError(f"For 'SparseTensorDenseMatmul', the type of '{name}' should be 'bool', but got type "
                                f"'{type(value).__name__}'.")
        self.adj_st, self.adj_dt = adjoint_st, adjoint_dt
        self.sparse_dense_matmul = P.SparseTensorDenseMatmul(adjoint_st=adjoint_st, adjoint_dt=adjoint_dt)

    def construct(self, indices, values, sparse_shape, dense):
        return self.sparse_dense_matmul(indices, values, sparse_shape, dense)
