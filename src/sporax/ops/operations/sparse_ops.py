"""Sparse primitives (`mindspore.ops.operations.sparse_ops`): COO parts (indices, values,
shape) to dense, sparse x dense products and sums, coalescing and slicing.

Coalesce and SparseSlice produce as many values as the input holds distinct (or in-range)
indices, a count that depends on the values: they run eagerly (`_jit = False`).
"""
from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor
from ..primitive import Primitive, _wrap, prim_attr_register
from . import _arg_checks as check
from .array_ops_ext import _concrete, _NoAttrs


def _shape_of(op, arg, value):
    return check.int_tuple(op, arg, value, allow_int=False)


def _check_coo(op, indices, values, shape, index_name="indices", values_name="values", transposed=False):
    check.index_tensor(op, index_name, indices)
    check.tensor(op, values_name, values)
    rank = len(shape)
    pairs = indices.shape[::-1] if transposed else indices.shape
    if indices.ndim != 2 or pairs[1] != rank or values.ndim != 1 or values.shape[0] != pairs[0]:
        raise ValueError(f"For '{op}', the '{index_name}' must be {'(ndim, N)' if transposed else '(N, ndim)'} with "
                         f"ndim = {rank} and the '{values_name}' (N,), but got {indices.shape} and {values.shape}.")


class SparseToDense(_NoAttrs):
    """The dense Tensor of `sparse_shape` holding `values` at `indices` (N, ndim), zeros elsewhere
    (repeated indices add)."""

    def __call__(self, indices, values, sparse_shape):
        shape = _shape_of(self.name, "sparse_shape", sparse_shape)
        _check_coo(self.name, indices, values, shape)
        return _wrap(self._dispatch((indices._value(), values._value(), shape)))

    def _compute(self, indices, values, shape):
        return jnp.zeros(shape, values.dtype).at[tuple(indices.T)].add(values)


class SparseTensorDenseMatmul(Primitive):
    """The (optionally transposed) sparse matrix times the (optionally transposed) dense matrix."""

    @prim_attr_register
    def __init__(self, adjoint_st=False, adjoint_dt=False):
        for name in ("adjoint_st", "adjoint_dt"):
            if not isinstance(self.attrs[name], bool):
                raise TypeError(f"For 'SparseTensorDenseMatmul', the '{name}' must be a bool, but got "
                                f"{type(self.attrs[name]).__name__}.")
        self.add_prim_attr("adjoint_a", adjoint_st)
        self.add_prim_attr("adjoint_b", adjoint_dt)

    def __call__(self, indices, values, sparse_shape, dense):
        shape = _shape_of(self.name, "sparse_shape", sparse_shape)
        if len(shape) != 2:
            raise ValueError(f"For '{self.name}', the 'sparse_shape' must be 2-D, but got {shape}.")
        _check_coo(self.name, indices, values, shape)
        check.tensor(self.name, "dense", dense)
        if dense.ndim != 2:
            raise ValueError(f"For '{self.name}', the 'dense' must be 2-D, but got shape {dense.shape}.")
        inner = shape[0] if self.attrs["adjoint_st"] else shape[1]
        dense_inner = dense.shape[1] if self.attrs["adjoint_dt"] else dense.shape[0]
        if inner != dense_inner:
            raise ValueError(f"For '{self.name}', the inner dimensions must agree, but got {inner} (sparse {shape}) "
                             f"and {dense_inner} (dense {dense.shape}).")
        if values.dtype != dense.dtype:
            raise TypeError(f"For '{self.name}', the 'dense' must have the dtype of 'values' ({values.dtype}), "
                            f"but got {dense.dtype}.")
        return _wrap(self._dispatch((indices._value(), values._value(), shape, dense._value())))

    def _compute(self, indices, values, shape, dense):
        rows, cols = indices[:, 0], indices[:, 1]
        if self.attrs["adjoint_st"]:
            rows, cols, shape = cols, rows, shape[::-1]
        if self.attrs["adjoint_dt"]:
            dense = dense.T
        products = values[:, None] * dense[cols]
        return jnp.zeros((shape[0], dense.shape[1]), dense.dtype).at[rows].add(products)


class SparseTensorDenseAdd(_NoAttrs):
    """The dense x2 plus the sparse (x1_indices, x1_values, x1_shape)."""

    def __call__(self, x1_indices, x1_values, x1_shape, x2):
        shape = _shape_of(self.name, "x1_shape", x1_shape)
        _check_coo(self.name, x1_indices, x1_values, shape, "x1_indices", "x1_values")
        check.tensor(self.name, "x2", x2)
        if x2.shape != shape:
            raise ValueError(f"For '{self.name}', the 'x2' must have the shape 'x1_shape' {shape}, but got {x2.shape}.")
        if x2.dtype != x1_values.dtype:
            raise TypeError(f"For '{self.name}', the 'x2' must have the dtype of 'x1_values' ({x1_values.dtype}), "
                            f"but got {x2.dtype}.")
        return super().__call__(x1_indices, x1_values, x2)

    def _compute(self, indices, values, dense):
        return dense.at[tuple(indices.T)].add(values)


class Coalesce(_NoAttrs):
    """Sorted, duplicate-free COO parts: indices (ndim, N) in row-major order, values of
    repeated indices summed."""

    _jit = False

    def __call__(self, x_indices, x_values, x_shape):
        check.index_tensor(self.name, "x_shape", x_shape)
        shape = tuple(int(n) for n in x_shape.asnumpy())
        _check_coo(self.name, x_indices, x_values, shape, "x_indices", "x_values", transposed=True)
        return super().__call__(x_indices, x_values, x_shape)

    def _compute(self, indices, values, shape):
        index, vals = np.asarray(_concrete(self.name, indices)), np.asarray(_concrete(self.name, values))
        dims = np.asarray(_concrete(self.name, shape))
        flat = np.ravel_multi_index(tuple(index), tuple(dims)) if index.size else np.zeros((0,), np.int64)
        unique, inverse = np.unique(flat, return_inverse=True)
        summed = np.zeros(unique.shape, vals.dtype)
        np.add.at(summed, inverse.reshape(-1), vals)
        coords = np.stack(np.unravel_index(unique, tuple(dims))).astype(index.dtype) if unique.size else \
            np.zeros((index.shape[0], 0), index.dtype)
        return jnp.asarray(coords), jnp.asarray(summed), jnp.asarray(dims)


class SparseSlice(_NoAttrs):
    """The entries of a COO Tensor inside the box [start, start + size), re-based at start;
    the output shape is the box clipped to the input's shape."""

    _jit = False

    def __call__(self, indices, values, shape, start, size):
        for name, value in (("shape", shape), ("start", start), ("size", size)):
            check.index_tensor(self.name, name, value)
        dims = tuple(int(n) for n in shape.asnumpy())
        _check_coo(self.name, indices, values, dims)
        if start.shape != (len(dims),) or size.shape != (len(dims),):
            raise ValueError(f"For '{self.name}', the 'start' and 'size' must have {len(dims)} elements, but got "
                             f"{start.shape} and {size.shape}.")
        return super().__call__(indices, values, shape, start, size)

    def _compute(self, indices, values, shape, start, size):
        index, vals = np.asarray(_concrete(self.name, indices)), np.asarray(_concrete(self.name, values))
        dims, begin, extent = (np.asarray(_concrete(self.name, a)) for a in (shape, start, size))
        end = np.minimum(begin + extent, dims)
        inside = ((index >= begin) & (index < end)).all(axis=1) if index.size else np.zeros((0,), bool)
        return (jnp.asarray((index[inside] - begin).astype(index.dtype)), jnp.asarray(vals[inside]),
                jnp.asarray(np.maximum(end - begin, 0).astype(dims.dtype)))


__all__ = ["SparseToDense", "SparseTensorDenseMatmul", "SparseTensorDenseAdd", "Coalesce", "SparseSlice"]
