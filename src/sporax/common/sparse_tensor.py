"""Sparse tensors (`mindspore.common.sparse_tensor`): COOTensor, CSRTensor, RowTensor.

Each holds its parts as Tensors (no data of its own): a COOTensor has `indices` (N, ndim)
and `values` (N,) of a dense `shape`; a CSRTensor of shape (M, N, ...) has `indptr` (M+1,),
column `indices` (nnz,) and `values` (nnz, ...); a RowTensor holds the rows `indices` of a
dense Tensor of `dense_shape`, with `values` (len(indices), ...). Arguments are checked here;
the computations (to_dense, mm, abs, ...) are ops, installed by `sporax.ops` like Tensor's
methods, so they run on the one path.
"""
from __future__ import annotations

import numbers

import numpy as np

from . import dtype as mstype
from .tensor import Tensor

__all__ = ["COOTensor", "CSRTensor", "RowTensor", "SparseTensor"]


def _tensor(owner, name, value):
    if not isinstance(value, Tensor):
        raise TypeError(f"For '{owner}', the '{name}' must be a Tensor, but got {type(value).__name__}.")
    return value


def _shape(owner, value):
    if not isinstance(value, (tuple, list)) or not all(
            isinstance(n, numbers.Integral) and not isinstance(n, bool) and n >= 0 for n in value):
        raise TypeError(f"For '{owner}', the 'shape' must be a tuple of non-negative ints, but got {value!r}.")
    return tuple(int(n) for n in value)


def _index_dtype(owner, name, value, allowed):
    if value.dtype not in allowed:
        raise TypeError(f"For '{owner}', the '{name}' must be a Tensor of {' or '.join(str(t) for t in allowed)}, "
                        f"but got {value.dtype}.")


def _concrete(tensor):
    """The values of a Tensor when they are known (not inside a compiled graph)."""
    try:
        return tensor.asnumpy()
    except Exception:  # noqa: BLE001 - a traced Tensor has no values to check
        return None


class _Sparse:
    @property
    def dtype(self):
        return self.values.dtype

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int:
        return self.values.size

    @property
    def itemsize(self) -> int:
        return self.values.dtype.to_numpy().itemsize


class COOTensor(_Sparse):
    """A sparse Tensor in coordinate form: values[i] sits at indices[i] of a dense `shape`."""

    def __init__(self, indices=None, values=None, shape=None, coo_tensor=None):
        if coo_tensor is not None:
            if not isinstance(coo_tensor, COOTensor):
                raise TypeError(f"For 'COOTensor', the 'coo_tensor' must be a COOTensor, but got "
                                f"{type(coo_tensor).__name__}.")
            indices, values, shape = coo_tensor.indices, coo_tensor.values, coo_tensor.shape
        _tensor("COOTensor", "indices", indices)
        _tensor("COOTensor", "values", values)
        shape = _shape("COOTensor", shape)
        _index_dtype("COOTensor", "indices", indices, (mstype.int16, mstype.int32, mstype.int64))
        if indices.ndim != 2 or values.ndim != 1 or indices.shape[0] != values.shape[0]:
            raise ValueError(f"For 'COOTensor', the 'indices' must be 2-D (N, ndim) and the 'values' 1-D (N,), but "
                             f"got shapes {indices.shape} and {values.shape}.")
        if indices.shape[1] != len(shape):
            raise ValueError(f"For 'COOTensor', the 'indices' must have one column per axis of 'shape' {shape}, "
                             f"but got {indices.shape[1]}.")
        known = _concrete(indices)
        if known is not None and known.size and ((known < 0).any() or (known >= np.asarray(shape)).any()):
            raise ValueError(f"For 'COOTensor', the 'indices' must be in range of 'shape' {shape}, but got values "
                             f"from {known.min()} to {known.max()}.")
        self.indices, self.values, self.shape = indices, values, shape

    @classmethod
    def _with_values(cls, coo, values) -> "COOTensor":
        """`coo`'s indices and shape with new `values` of the same shape (an op's result): the
        indices were checked when `coo` was built, so they are not read back again."""
        _tensor("COOTensor", "values", values)
        if tuple(values.shape) != tuple(coo.values.shape):
            return COOTensor(coo.indices, values, coo.shape)  # let the full check word the error
        result = COOTensor.__new__(COOTensor)
        result.indices, result.values, result.shape = coo.indices, values, coo.shape
        return result

    def to_tuple(self):
        return self.indices, self.values, self.shape

    def __repr__(self) -> str:
        return (f"COOTensor(shape={list(self.shape)}, dtype={self.dtype}, indices={self.indices!r}, "
                f"values={self.values!r})")

    __str__ = __repr__


class SparseTensor(COOTensor):
    """MindSpore's older name for a coordinate-form sparse Tensor."""

    def __init__(self, indices, values, shape):
        COOTensor.__init__(self, indices, values, shape)


class CSRTensor(_Sparse):
    """A sparse matrix in compressed-row form: row r holds the values
    values[indptr[r]:indptr[r+1]] at the columns indices[indptr[r]:indptr[r+1]]."""

    def __init__(self, indptr=None, indices=None, values=None, shape=None, csr_tensor=None):
        if csr_tensor is not None:
            if not isinstance(csr_tensor, CSRTensor):
                raise TypeError(f"For 'CSRTensor', the 'csr_tensor' must be a CSRTensor, but got "
                                f"{type(csr_tensor).__name__}.")
            indptr, indices, values, shape = csr_tensor.indptr, csr_tensor.indices, csr_tensor.values, csr_tensor.shape
        for name, value in (("indptr", indptr), ("indices", indices), ("values", values)):
            _tensor("CSRTensor", name, value)
        shape = _shape("CSRTensor", shape)
        _index_dtype("CSRTensor", "indptr", indptr, (mstype.int32, mstype.int64))
        _index_dtype("CSRTensor", "indices", indices, (mstype.int32, mstype.int64))
        if len(shape) < 2 or indptr.ndim != 1 or indices.ndim != 1 or values.ndim < 1:
            raise ValueError(f"For 'CSRTensor', the 'shape' must have rank >= 2 and 'indptr', 'indices' must be 1-D, "
                             f"but got shape {shape}, indptr {indptr.shape}, indices {indices.shape}.")
        if indptr.shape[0] != shape[0] + 1:
            raise ValueError(f"For 'CSRTensor', the 'indptr' must have shape[0] + 1 = {shape[0] + 1} elements, "
                             f"but got {indptr.shape[0]}.")
        if values.shape[0] != indices.shape[0] or tuple(values.shape[1:]) != shape[2:]:
            raise ValueError(f"For 'CSRTensor', the 'values' must have shape ({indices.shape[0]},) + {shape[2:]}, "
                             f"but got {values.shape}.")
        pointers, columns = _concrete(indptr), _concrete(indices)
        if pointers is not None and (pointers[0] != 0 or (np.diff(pointers) < 0).any()
                                     or pointers[-1] != indices.shape[0]):
            raise ValueError(f"For 'CSRTensor', the 'indptr' must start at 0, not decrease and end at the number of "
                             f"values ({indices.shape[0]}), but got {pointers.tolist()}.")
        if columns is not None and columns.size and ((columns < 0).any() or (columns >= shape[1]).any()):
            raise ValueError(f"For 'CSRTensor', the 'indices' must be in [0, {shape[1]}), but got values from "
                             f"{columns.min()} to {columns.max()}.")
        self.indptr, self.indices, self.values, self.shape = indptr, indices, values, shape

    @classmethod
    def _with_values(cls, csr, values) -> "CSRTensor":
        """`csr`'s indptr, indices and shape with new `values` of the same shape (an op's
        result): the index arrays were checked when `csr` was built, so they are not read back
        again."""
        _tensor("CSRTensor", "values", values)
        if tuple(values.shape) != tuple(csr.values.shape):
            return CSRTensor(csr.indptr, csr.indices, values, csr.shape)  # the full check words the error
        result = CSRTensor.__new__(CSRTensor)
        result.indptr, result.indices, result.values, result.shape = csr.indptr, csr.indices, values, csr.shape
        return result

    def to_tuple(self):
        return self.indptr, self.indices, self.values, self.shape

    def __repr__(self) -> str:
        return (f"CSRTensor(shape={list(self.shape)}, dtype={self.dtype}, indptr={self.indptr!r}, "
                f"indices={self.indices!r}, values={self.values!r})")

    __str__ = __repr__


class RowTensor(_Sparse):
    """Some rows of a dense Tensor: values[i] is row indices[i] of a Tensor of `dense_shape`
    (a gradient of a gather, for instance)."""

    def __init__(self, indices=None, values=None, shape=None, row_tensor=None):
        if row_tensor is not None:
            if not isinstance(row_tensor, RowTensor):
                raise TypeError(f"For 'RowTensor', the 'row_tensor' must be a RowTensor, but got "
                                f"{type(row_tensor).__name__}.")
            indices, values, shape = row_tensor.indices, row_tensor.values, row_tensor.dense_shape
        _tensor("RowTensor", "indices", indices)
        _tensor("RowTensor", "values", values)
        shape = _shape("RowTensor", shape)
        if indices.ndim != 1 or values.ndim < 1 or values.shape[0] != indices.shape[0] \
                or tuple(values.shape[1:]) != shape[1:]:
            raise ValueError(f"For 'RowTensor', the 'values' must have shape (len(indices),) + {shape[1:]}, but got "
                             f"{values.shape} for indices {indices.shape}.")
        self.indices, self.values, self.dense_shape = indices, values, shape

    @property
    def shape(self):
        return self.dense_shape

    def __repr__(self) -> str:
        return f"RowTensor(indices={self.indices!r}, values={self.values!r}, dense_shape={self.dense_shape})"

    __str__ = __repr__
