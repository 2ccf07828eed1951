"""Sparse functions (`mindspore.ops.function.sparse_func` and `sparse_unary_func`): building,
converting and reading COOTensor/CSRTensor/RowTensor, elementwise maps over their values, and
CSR products, sums and softmax.

Every computation is an ops primitive on the parts (indices, values); a CSRTensor's row of
each value is searchsorted(indptr, position, 'right') - 1, so the shapes stay static.
"""
from __future__ import annotations

import numpy as np

from ...common import dtype as mstype
from ...common.sparse_tensor import COOTensor, CSRTensor, RowTensor
from ...common.tensor import Tensor
from .. import functional as F
from .. import operations as P
from .._constants import constant


def _coo(op, value):
    if not isinstance(value, COOTensor):
        raise TypeError(f"For '{op}', the input must be a COOTensor, but got {type(value).__name__}.")
    return value


def _csr(op, value):
    if not isinstance(value, CSRTensor):
        raise TypeError(f"For '{op}', the input must be a CSRTensor, but got {type(value).__name__}.")
    return value


def _csr_rows(indptr, nnz):
    """The row of each of the nnz values of a CSR matrix with this `indptr`."""
    positions = F.arange(0, nnz, 1, dtype=indptr.dtype) if nnz else constant(np.zeros((0,), indptr.dtype.to_numpy()))
    return F.sub(P.SearchSorted(indptr.dtype, True)(indptr, positions), 1)


# --- building and reading ---------------------------------------------------------------------------

def make_coo_tensor(*args):
    return COOTensor(*args)


def make_sparse_tensor(indices, values, dense_shape):
    return COOTensor(indices, values, dense_shape)


def make_csr_tensor(*args):
    return CSRTensor(*args)


def make_row_tensor(indices, values, dense_shape):
    return RowTensor(indices, values, dense_shape)


def make_row_tensor_inner(*args):
    return RowTensor(*args)


def coo_tensor_get_indices(*args):
    return _coo("coo_tensor_get_indices", args[0]).indices


def coo_tensor_get_values(*args):
    return _coo("coo_tensor_get_values", args[0]).values


def coo_tensor_get_dense_shape(*args):
    return _coo("coo_tensor_get_dense_shape", args[0]).shape


def csr_tensor_get_indptr(*args):
    return _csr("csr_tensor_get_indptr", args[0]).indptr


def csr_tensor_get_indices(*args):
    return _csr("csr_tensor_get_indices", args[0]).indices


def csr_tensor_get_values(*args):
    return _csr("csr_tensor_get_values", args[0]).values


def csr_tensor_get_dense_shape(*args):
    return _csr("csr_tensor_get_dense_shape", args[0]).shape


def _row(op, value):
    if not isinstance(value, RowTensor):
        raise TypeError(f"For '{op}', the input must be a RowTensor, but got {type(value).__name__}.")
    return value


def row_tensor_get_indices(*args):
    return _row("row_tensor_get_indices", args[0]).indices


def row_tensor_get_values(*args):
    return _row("row_tensor_get_values", args[0]).values


def row_tensor_get_dense_shape(*args):
    return _row("row_tensor_get_dense_shape", args[0]).dense_shape


# --- conversions -----------------------------------------------------------------------------------

def coo_to_dense(x):
    """The dense Tensor of a COOTensor (repeated indices add)."""
    x = _coo("coo_to_dense", x)
    return P.SparseToDense()(x.indices, x.values, x.shape)


def csr_to_coo(tensor):
    """The COOTensor (Int32 indices (nnz, 2)) of a CSRTensor."""
    tensor = _csr("csr_to_coo", tensor)
    rows = _csr_rows(tensor.indptr, tensor.indices.shape[0])
    indices = P.Stack(1)([P.Cast()(rows, mstype.int32), P.Cast()(tensor.indices, mstype.int32)])
    return COOTensor(indices, tensor.values, tensor.shape)


def csr_to_dense(csr_tensor):
    """The dense Tensor of a CSRTensor."""
    coo = csr_to_coo(csr_tensor)
    if coo.values.ndim == 1:
        return P.SparseToDense()(coo.indices, coo.values, coo.shape)
    return P.ScatterNd()(coo.indices, coo.values, coo.shape)


def coo2csr(*args):
    """indptr (Int32, height + 1) of a row-sorted list of row indices: coo2csr(row_indices, height)."""
    if len(args) != 2:
        raise TypeError(f"For 'coo2csr', the inputs must be (row_indices, height), but got {len(args)} arguments.")
    row_indices, height = args
    if not isinstance(row_indices, Tensor) or row_indices.dtype != mstype.int32:
        raise TypeError(f"For 'coo2csr', the dtype of row_indices only support Int32 for now, but got "
                        f"{getattr(row_indices, 'dtype', type(row_indices).__name__)}.")
    boundaries = F.arange(0, int(height) + 1, 1, dtype=mstype.int32)
    return P.SearchSorted(mstype.int32)(row_indices, boundaries)


def csr2coo(*args):
    """The row index of each value of a CSR matrix: csr2coo(indptr, nnz)."""
    if len(args) != 2:
        raise TypeError(f"For 'csr2coo', the inputs must be (indptr, nnz), but got {len(args)} arguments.")
    indptr, nnz = args
    if not isinstance(indptr, Tensor) or indptr.dtype != mstype.int32:
        raise TypeError(f"For 'csr2coo', the dtype of indptr only support Int32 for now, but got "
                        f"{getattr(indptr, 'dtype', type(indptr).__name__)}.")
    return _csr_rows(indptr, int(nnz))


def coo_to_csr(x):
    """The CSRTensor of a 2-D COOTensor (its indices sorted row-major first)."""
    x = _coo("coo_to_csr", x)
    if x.ndim != 2:
        raise ValueError(f"For 'coo_to_csr', the COOTensor must be 2-D, but got shape {x.shape}.")
    if x.indices.dtype != mstype.int32:
        raise TypeError(f"The dtype of row_indices only support Int32 for now, but got {x.indices.dtype}.")
    indices, values, _ = P.Coalesce()(F.transpose(x.indices, (1, 0)), x.values,
                                      constant(np.asarray(x.shape, np.int64)))
    rows, cols = indices[0], indices[1]
    return CSRTensor(coo2csr(rows, x.shape[0]), cols, values, x.shape)


def _dense_2d(op, tensor, at_most):
    if not isinstance(tensor, Tensor):
        raise TypeError(f"For '{op}', the 'tensor' must be a Tensor, but got {type(tensor).__name__}.")
    if tensor.ndim > 2 or (not at_most and tensor.ndim != 2):
        raise ValueError(f"For '{op}', the 'tensor' must be 2-D, but got shape {tensor.shape}.")


def dense_to_sparse_coo(tensor):
    """The COOTensor (Int32 indices, as MindSpore's) of the nonzero entries of a dense Tensor of
    rank at most 2."""
    _dense_2d("dense_to_sparse_coo", tensor, at_most=True)
    indices = P.Cast()(F.nonzero(tensor), mstype.int32)
    return COOTensor(indices, F.gather_nd(tensor, indices), tensor.shape)


def dense_to_sparse_csr(tensor):
    """The CSRTensor (Int32 indptr and indices) of the nonzero entries of a 2-D Tensor."""
    _dense_2d("dense_to_sparse_csr", tensor, at_most=False)
    indices = P.Cast()(F.nonzero(tensor), mstype.int32)
    values = F.gather_nd(tensor, indices)
    rows = indices[:, 0] if indices.shape[0] else constant(np.zeros((0,), np.int32))
    cols = indices[:, 1] if indices.shape[0] else constant(np.zeros((0,), np.int32))
    return CSRTensor(coo2csr(rows, tensor.shape[0]), cols, values, tensor.shape)


# --- elementwise maps over the values -----------------------------------------------------------------

def _softsign(x):
    return F.div(x, F.add(F.absolute(x), 1))


_UNARY = {
    "abs": lambda v: F.absolute(v), "acos": lambda v: F.acos(v), "acosh": lambda v: F.acosh(v),
    "asin": lambda v: F.asin(v), "asinh": lambda v: F.asinh(v), "atan": lambda v: F.atan(v),
    "atanh": lambda v: F.atanh(v), "ceil": lambda v: F.ceil(v), "cos": lambda v: F.cos(v),
    "cosh": lambda v: F.cosh(v), "exp": lambda v: F.exp(v), "expm1": lambda v: F.expm1(v),
    "floor": lambda v: F.floor(v), "inv": lambda v: F.reciprocal(v), "isfinite": lambda v: F.isfinite(v),
    "isinf": lambda v: F.isinf(v), "isnan": lambda v: F.isnan(v), "log": lambda v: F.log(v),
    "log1p": lambda v: F.log1p(v), "neg": lambda v: F.neg(v), "relu": lambda v: F.relu(v),
    "relu6": lambda v: F.relu6(v), "round": lambda v: F.round(v), "sigmoid": lambda v: F.sigmoid(v),
    "sin": lambda v: F.sin(v), "sinh": lambda v: F.sinh(v), "softsign": _softsign, "sqrt": lambda v: F.sqrt(v),
    "square": lambda v: F.square(v), "tan": lambda v: F.tan(v), "tanh": lambda v: F.tanh(v),
}


def _coo_unary(name, function):
    def unary(x):
        x = _coo(f"coo_{name}", x)
        return COOTensor._with_values(x, function(x.values))
    unary.__name__ = unary.__qualname__ = f"coo_{name}"
    unary.__doc__ = f"The COOTensor with {name} applied to its values."
    return unary


def _csr_unary(name, function):
    def unary(x):
        x = _csr(f"csr_{name}", x)
        return CSRTensor._with_values(x, function(x.values))
    unary.__name__ = unary.__qualname__ = f"csr_{name}"
    unary.__doc__ = f"The CSRTensor with {name} applied to its values."
    return unary


for _name, _function in _UNARY.items():
    globals()[f"coo_{_name}"] = _coo_unary(_name, _function)
    globals()[f"csr_{_name}"] = _csr_unary(_name, _function)


# --- COO arithmetic -----------------------------------------------------------------------------------

def coo_coalesce(x):
    """The COOTensor with sorted, distinct indices (repeated ones summed)."""
    x = _coo("coalesce", x)
    indices, values, _ = P.Coalesce()(F.transpose(x.indices, (1, 0)), x.values, constant(np.asarray(x.shape, np.int64)))
    return COOTensor(F.transpose(indices, (1, 0)), values, x.shape)


def coo_add(x1, x2, thresh):
    """The sum of two COOTensors of one shape; entries whose |sum| < thresh are dropped."""
    x1, x2 = _coo("coo_add", x1), _coo("coo_add", x2)
    if x1.shape != x2.shape:
        raise ValueError(f"For 'coo_add', the two COOTensors must have one shape, but got {x1.shape} and {x2.shape}.")
    if x1.dtype != x2.dtype:
        raise TypeError(f"For 'coo_add', the two COOTensors must have one dtype, but got {x1.dtype} and {x2.dtype}.")
    for name, x in (("x1", x1), ("x2", x2)):
        if x.indices.dtype != mstype.int64:  # MindSpore's SparseAdd takes Int64 indices only
            raise TypeError(f"For 'coo_add', the indices of '{name}' must be Int64, but got {x.indices.dtype}.")
    indices = F.concat((x1.indices, x2.indices), 0)
    summed = coo_coalesce(COOTensor(indices, F.concat((x1.values, x2.values), 0), x1.shape))
    keep = F.greater_equal(F.absolute(summed.values), thresh)
    kept = F.nonzero(keep)
    rows = F.reshape(kept, (-1,))
    return COOTensor(P.Gather()(summed.indices, rows, 0), P.Gather()(summed.values, rows, 0), x1.shape)


def coo_concat(sp_input, concat_dim=0):
    """COOTensors of one rank joined along `concat_dim` (the other axes must match)."""
    if not isinstance(sp_input, (tuple, list)) or len(sp_input) < 2:
        raise ValueError(f"For 'coo_concat', the 'sp_input' must hold at least 2 COOTensors, but got {sp_input!r}.")
    parts = [_coo("coo_concat", t) for t in sp_input]
    rank = parts[0].ndim
    axis = concat_dim % rank if -rank <= concat_dim < rank else None
    if axis is None:
        raise ValueError(f"For 'coo_concat', the 'concat_dim' must be in [{-rank}, {rank}), but got {concat_dim}.")
    for t in parts:
        if t.ndim != rank or any(a != b for d, (a, b) in enumerate(zip(t.shape, parts[0].shape)) if d != axis):
            raise ValueError(f"For 'coo_concat', the shapes must agree off 'concat_dim', but got "
                             f"{[p.shape for p in parts]}.")
    for t in parts:
        if t.indices.dtype != mstype.int64:  # MindSpore's SparseConcat takes Int64 indices only
            raise TypeError(f"For 'coo_concat', the indices of each COOTensor must be Int64, but got "
                            f"{t.indices.dtype}.")
    offset, indices = 0, []
    for t in parts:
        shift = np.zeros((1, rank), np.int64)
        shift[0, axis] = offset
        indices.append(F.add(t.indices, constant(shift)))
        offset += t.shape[axis]
    shape = tuple(offset if d == axis else n for d, n in enumerate(parts[0].shape))
    indices, values = F.concat(indices, 0), F.concat([t.values for t in parts], 0)
    if indices.shape[0] == 0:
        return COOTensor(indices, values, shape)
    # as MindSpore's: the entries in row-major order of their indices (a stable sort of the flat position)
    strides = np.cumprod((shape[1:] + (1,))[::-1], dtype=np.int64)[::-1].copy()
    order = P.Sort(0)(P.ReduceSum()(F.mul(indices, constant(strides)), 1))[1]
    return COOTensor(P.Gather()(indices, order, 0), P.Gather()(values, order, 0), shape)


# --- CSR arithmetic -----------------------------------------------------------------------------------

def _csr_positions(x):
    rows = _csr_rows(x.indptr, x.indices.shape[0])
    return P.Stack(1)([P.Cast()(rows, mstype.int64), P.Cast()(x.indices, mstype.int64)])


def _dense_at(x, dense, op):
    if not isinstance(dense, Tensor):
        raise TypeError(f"For '{op}', the 'y' must be a Tensor, but got {type(dense).__name__}.")
    return F.gather_nd(F.broadcast_to(dense, x.shape), _csr_positions(x))


def csr_mul(x, y):
    """x (CSRTensor) times the dense y (broadcast to x's shape), at x's entries."""
    x = _csr("csr_mul", x)
    return CSRTensor._with_values(x, F.mul(x.values, _dense_at(x, y, "csr_mul")))


def csr_div(x, y):
    """x (CSRTensor) divided by the dense y (broadcast to x's shape), at x's entries."""
    x = _csr("csr_div", x)
    return CSRTensor._with_values(x, F.div(x.values, _dense_at(x, y, "csr_div")))


def csr_gather(*args):
    """The values of a dense matrix at a CSR pattern: csr_gather(indptr, indices, dense, shape)."""
    if len(args) != 4:
        raise TypeError(f"For 'csr_gather', the inputs must be (indptr, indices, dense, shape), but got "
                        f"{len(args)} arguments.")
    indptr, indices, dense, shape = args
    pattern = CSRTensor(indptr, indices, F.zeros(indices.shape, dense.dtype), tuple(shape))
    positions = _csr_positions(pattern)
    return F.gather_nd(dense, positions)


def csr_add(a, b, alpha, beta):
    """alpha·a + beta·b of two CSRTensors of one shape (the union of their patterns)."""
    a, b = _csr("csr_add", a), _csr("csr_add", b)
    if a.shape != b.shape:
        raise ValueError(f"For 'csr_add', the two CSRTensors must have one shape, but got {a.shape} and {b.shape}.")
    values = F.concat((F.mul(a.values, alpha), F.mul(b.values, beta)), 0)
    indices = F.concat((_csr_positions(a), _csr_positions(b)), 0)
    merged, summed, _ = P.Coalesce()(F.transpose(indices, (1, 0)), values, constant(np.asarray(a.shape, np.int64)))
    rows = P.Cast()(merged[0], mstype.int32)
    return CSRTensor(P.Cast()(coo2csr(rows, a.shape[0]), a.indptr.dtype), P.Cast()(merged[1], a.indices.dtype),
                     summed, a.shape)


def csr_mv(csr_tensor, dense):
    """The CSR matrix (M, N) times the dense column (N, 1): (M, 1)."""
    x = _csr("csr_mv", csr_tensor)
    if not isinstance(dense, Tensor) or dense.ndim != 2 or dense.shape[0] != x.shape[1] or dense.shape[1] != 1:
        raise ValueError(f"For 'csr_mv', the 'dense' must be a Tensor of shape ({x.shape[1]}, 1), but got "
                         f"{getattr(dense, 'shape', dense)!r}.")
    return _csr_matmul(x, dense)


def _csr_matmul(x, dense):
    rows = _csr_rows(x.indptr, x.indices.shape[0])
    products = F.mul(F.expand_dims(x.values, 1), P.Gather()(dense, x.indices, 0))
    return P.UnsortedSegmentSum()(products, P.Cast()(rows, mstype.int32), x.shape[0])


def csr_mm_dense(x, dense):
    """The CSR matrix (M, N) times the dense matrix (N, K): (M, K)."""
    x = _csr("mm", x)
    if not isinstance(dense, Tensor) or dense.ndim != 2 or dense.shape[0] != x.shape[1]:
        raise ValueError(f"For 'mm', the 'dense' must be a Tensor of shape ({x.shape[1]}, K), but got "
                         f"{getattr(dense, 'shape', dense)!r}.")
    return _csr_matmul(x, dense)


def csr_mm(a, b, trans_a=False, trans_b=False, adjoint_a=False, adjoint_b=False):
    """The product of two CSR matrices (optionally transposed; adjoint is the conjugate
    transpose), as a CSRTensor of its nonzero entries."""
    a, b = _csr("csr_mm", a), _csr("csr_mm", b)
    left, right = csr_to_dense(a), csr_to_dense(b)
    if trans_a or adjoint_a:
        left = F.transpose(left, (1, 0))
    if trans_b or adjoint_b:
        right = F.transpose(right, (1, 0))
    if left.shape[1] != right.shape[0]:
        raise ValueError(f"For 'csr_mm', the inner dimensions must agree, but got {left.shape} and {right.shape}.")
    return dense_to_sparse_csr(F.matmul(left, right))


def csr_reduce_sum(csr_tensor, axis):
    """The sums of a 2-D CSR matrix along `axis`, kept as a 2-D dense Tensor ((M, 1) or (1, N))."""
    x = _csr("csr_reduce_sum", csr_tensor)
    if axis not in (0, 1, -1, -2):
        raise ValueError(f"For 'csr_reduce_sum', the 'axis' must be in [-2, 2), but got {axis}.")
    if axis % 2 == 1:
        rows = _csr_rows(x.indptr, x.indices.shape[0])
        return F.reshape(P.UnsortedSegmentSum()(x.values, P.Cast()(rows, mstype.int32), x.shape[0]), (-1, 1))
    return F.reshape(P.UnsortedSegmentSum()(x.values, P.Cast()(x.indices, mstype.int32), x.shape[1]), (1, -1))


def csr_softmax(logits, dtype):
    """Softmax over the stored values of each row of a CSR matrix (absent entries count as -inf)."""
    x = _csr("csr_softmax", logits)
    if dtype not in (mstype.float32, mstype.float64):
        raise TypeError(f"For 'csr_softmax', the 'dtype' must be Float32 or Float64, but got {dtype}.")
    rows = P.Cast()(_csr_rows(x.indptr, x.indices.shape[0]), mstype.int32)
    values = P.Cast()(x.values, dtype)
    peak = P.Gather()(P.UnsortedSegmentMax()(values, rows, x.shape[0]), rows, 0)
    exps = F.exp(F.sub(values, peak))
    totals = P.Gather()(P.UnsortedSegmentSum()(exps, rows, x.shape[0]), rows, 0)
    return CSRTensor._with_values(x, F.div(exps, totals))


def row_tensor_add(*args):
    """A RowTensor plus a dense Tensor of its values' shape, added to its values."""
    if len(args) != 2:
        raise TypeError(f"For 'row_tensor_add', the inputs must be (row_tensor, x), but got {len(args)} arguments.")
    row, x = _row("row_tensor_add", args[0]), args[1]
    return RowTensor(row.indices, F.add(row.values, x), row.dense_shape)


__all__ = sorted(name for name in dir() if (name.startswith(("coo_", "csr_", "make_", "row_tensor_", "dense_to"))
                                            or name in ("coo2csr", "csr2coo")) and name not in ("coo_to_csr",
                                                                                                  "coo_coalesce",
                                                                                                  "coo_to_dense",
                                                                                                  "csr_mm_dense"))
