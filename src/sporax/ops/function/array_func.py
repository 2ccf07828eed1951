"""Shape, indexing, sorting and creation functions (`mindspore.ops.function.array_func`).

Each is its primitive (or a short composition of primitives) with MindSpore 2.10's argument
names, defaults and output dtypes.
"""
from __future__ import annotations

import builtins
import math

import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from .. import operations as P
from ..operations import _arg_checks as check

_tile, _gather_nd, _unique, _flatten = P.Tile(), P.GatherNd(), P.Unique(), P.Flatten()
_masked_fill, _masked_select, _nonzero = P.MaskedFill(), P.MaskedSelect(), P.NonZero()
_slice, _gather_d, _scatter_nd = P.Slice(), P.GatherD(), P.ScatterNd()
_tensor_scatter_update, _tensor_scatter_add = P.TensorScatterUpdate(), P.TensorScatterAdd()
_diag, _trace, _rank, _size, _dtype = P.Diag(), P.Trace(), P.Rank(), P.Size(), P.DType()
_tuple_to_array, _select, _cast, _reshape, _transpose = P.TupleToArray(), P.Select(), P.Cast(), P.Reshape(), \
    P.Transpose()


def tile(input, dims):  # noqa: A002 - MindSpore's argument names
    """The input repeated dims[i] times along axis i."""
    return _tile(input, dims)


def gather_nd(input_x, indices):
    """input_x indexed by the last axis of `indices`."""
    return _gather_nd(input_x, indices)


def gather_d(x, dim, index):
    return _gather_d(x, dim, index)


def gather_elements(input, dim, index):  # noqa: A002
    """out[i][j] = input[index[i][j]][j] along `dim`."""
    return _gather_d(input, dim, index)


def topk(input, k, dim=None, largest=True, sorted=True):  # noqa: A002
    """(values, Int32 indices) of the k largest (or smallest) entries along `dim` (the last by default)."""
    check.tensor("topk", "input", input)
    if not isinstance(largest, bool):
        raise TypeError(f"For 'topk', the 'largest' must be a bool, but got {type(largest).__name__}.")
    axis = -1 if dim is None else check.axis("topk", "dim", dim, input.ndim)
    last = max(input.ndim - 1, 0)
    moved = input if axis in (-1, last) else P.Transpose()(input, _swap(input.ndim, axis, last))
    source = moved if largest else P.Neg()(moved)
    values, indices = P.TopK(sorted)(source, k)
    if not largest:
        values = P.Neg()(values)
    if axis not in (-1, last):
        perm = _swap(input.ndim, axis, last)
        values, indices = P.Transpose()(values, perm), P.Transpose()(indices, perm)
    return values, indices


def top_k(input_x, k, sorted=True):  # noqa: A002
    return P.TopK(sorted)(input_x, k)


def _swap(ndim, a, b):
    perm = list(builtins.range(ndim))
    perm[a], perm[b] = perm[b], perm[a]
    return tuple(perm)


def unique(input):  # noqa: A002
    """(distinct values in order of first appearance, Int32 index of each element's value),
    for a Tensor of any rank (flattened)."""
    check.tensor("unique", "input", input)
    flat = _reshape(input, (-1,)) if input.ndim != 1 else input
    values, index = _unique(flat)
    return values, _reshape(index, input.shape)


def flatten(input, order="C", *, start_dim=1, end_dim=-1):  # noqa: A002
    """Axes start_dim..end_dim merged into one (order 'C' row-major or 'F' column-major)."""
    check.tensor("flatten", "input", input)
    if order not in ("C", "F"):
        raise ValueError(f"For 'flatten', the 'order' must be 'C' or 'F', but got {order!r}.")
    if input.ndim == 0:
        return _reshape(input, (1,))
    start = check.axis("flatten", "start_dim", start_dim, input.ndim)
    end = check.axis("flatten", "end_dim", end_dim, input.ndim)
    if start > end:
        raise ValueError(f"For 'flatten', the 'start_dim' must be <= 'end_dim', but got {start_dim} and {end_dim}.")
    if order == "F":  # MindSpore reverses all axes first, then flattens start_dim..end_dim
        input = _transpose(input, tuple(builtins.range(input.ndim))[::-1])
    shape = input.shape[:start] + (math.prod(input.shape[start:end + 1]),) + input.shape[end + 1:]
    return _reshape(input, shape)


def broadcast_to(input, shape):  # noqa: A002
    """The input broadcast to `shape` (-1 keeps that axis)."""
    return P.BroadcastTo(shape)(input)


def masked_fill(input_x, mask, value):
    """`value` where `mask` is True."""
    return _masked_fill(input_x, mask, value)


def masked_select(input, mask):  # noqa: A002
    """The elements where `mask` is True, as a 1-D Tensor."""
    return _masked_select(input, mask)


def nonzero(input, as_tuple=False):  # noqa: A002
    """The Int64 coordinates of the nonzero elements (one row each; or one Tensor per axis)."""
    out = _nonzero(input)
    if not as_tuple:
        return out
    return tuple(_reshape(c, (-1,)) for c in P.Split(1, max(input.ndim, 1))(out))


def argwhere(input):  # noqa: A002
    return _nonzero(input)


def flip(input, dims):  # noqa: A002
    """The input reversed along `dims`."""
    return P.ReverseV2(dims)(input)


def fliplr(input):  # noqa: A002
    if check.tensor("fliplr", "input", input).ndim < 2:
        raise ValueError(f"For 'fliplr', the 'input' must have rank >= 2, but got {input.ndim}.")
    return P.ReverseV2((1,))(input)


def flipud(input):  # noqa: A002
    if check.tensor("flipud", "input", input).ndim < 1:
        raise ValueError("For 'flipud', the 'input' must have rank >= 1, but got 0.")
    return P.ReverseV2((0,))(input)


def reverse(x, axis):
    return P.ReverseV2(axis)(x)


def roll(input, shifts, dims=None):  # noqa: A002
    """Elements shifted cyclically by `shifts` along `dims` (the flattened input when None)."""
    return P.Roll(shifts, dims)(input)


def sort(input_x, axis=-1, descending=False):
    """(sorted values, Int32 positions) along `axis`."""
    return P.Sort(axis, descending)(input_x)


def argsort(input, axis=-1, descending=False):  # noqa: A002
    """The Int32 positions that sort `input` along `axis`."""
    return P.Sort(axis, descending)(input)[1]


def msort(input):  # noqa: A002
    """Sorted along the first axis."""
    return P.Sort(0)(input)[0]


def meshgrid(*inputs, indexing="xy"):
    """Coordinate grids from 1-D Tensors."""
    return P.Meshgrid(indexing)(inputs)


def linspace(start, end, steps):
    """`steps` evenly spaced values from start to end inclusive."""
    return P.LinSpace()(start, end, steps)


def arange(start=0, end=None, step=1, *, dtype=None):
    """[start, end) in steps of `step` (one argument: [0, start)); Int64 for ints, Float32 for floats."""
    if end is None:
        start, end = 0, start
    out = P.Range()(start, end, step)
    return out if dtype is None else _cast(out, check.dtype_value("arange", "dtype", dtype))


def range(start, end, step, maxlen=1000000):  # noqa: A001
    """[start, end) in steps of `step`, from 0-D Tensors."""
    for arg, value in (("start", start), ("end", end), ("step", step)):
        check.tensor("range", arg, value)
    return P.Range(maxlen)(start, end, step)


def eye(n, m=None, dtype=None):
    """An n x m identity-like matrix (Float32 by default)."""
    return P.Eye()(n, n if m is None else m, mstype.float32 if dtype is None else dtype)


def slice(input_x, begin, size):  # noqa: A001
    """input_x[begin : begin + size] on each axis (size -1: to the end)."""
    return _slice(input_x, begin, size)


def strided_slice(input_x, begin, end, strides, begin_mask=0, end_mask=0, ellipsis_mask=0, new_axis_mask=0,
                  shrink_axis_mask=0):
    """input_x[begin:end:strides] with TensorFlow-style masks."""
    return P.StridedSlice(begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask)(
        input_x, begin, end, strides)


def scatter_nd(indices, updates, shape):
    """Zeros of `shape` with `updates` summed in at `indices`."""
    return _scatter_nd(indices, updates, shape)


def tensor_scatter_update(input_x, indices, updates):
    return _tensor_scatter_update(input_x, indices, updates)


def tensor_scatter_add(input_x, indices, updates):
    return _tensor_scatter_add(input_x, indices, updates)


def unstack(input_x, axis=0):
    """The slices along `axis`, as a tuple."""
    return P.Unstack(axis)(input_x)


def unbind(input, dim=0):  # noqa: A002
    return P.Unstack(dim)(input)


def diag(input):  # noqa: A002
    """A diagonal matrix (rank 2k) from the rank-k input."""
    return _diag(input)


def tril(input, diagonal=0):  # noqa: A002
    """The lower triangle of the last two axes."""
    return P.Tril(diagonal)(input)


def triu(input, diagonal=0):  # noqa: A002
    """The upper triangle of the last two axes."""
    return P.Triu(diagonal)(input)


def trace(input):  # noqa: A002
    """The sum of the diagonal of a 2-D Tensor."""
    return _trace(input)


def rank(input_x):
    """The number of axes."""
    return _rank(input_x)


def size(input_x):
    """The number of elements."""
    return _size(input_x)


def numel(input):  # noqa: A002
    return _size(input)


def dtype(x):
    """The dtype of a Tensor."""
    return _dtype(x)


def tuple_to_array(input_x):
    """A 1-D Tensor from a tuple of numbers (Int32 for ints, Float32 for floats)."""
    return _tuple_to_array(input_x)


def where(condition, input, other):  # noqa: A002
    """`input` where `condition` is True, else `other` (all broadcast)."""
    check.tensor("where", "condition", condition)
    if condition.dtype != mstype.bool_:
        raise TypeError(f"For 'where', the 'condition' must be a Bool Tensor, but got {condition.dtype}.")
    return _select(condition, input, other)


def swapaxes(input, axis0, axis1):  # noqa: A002
    """The input with axes axis0 and axis1 exchanged."""
    check.tensor("swapaxes", "input", input)
    a = check.axis("swapaxes", "axis0", axis0, input.ndim)
    b = check.axis("swapaxes", "axis1", axis1, input.ndim)
    return _transpose(input, _swap(input.ndim, a, b)) if input.ndim else input


def swapdims(input, dim0, dim1):  # noqa: A002
    return swapaxes(input, dim0, dim1)


def permute(input, axis):  # noqa: A002
    """The input's axes in the order `axis`."""
    check.tensor("permute", "input", input)
    return _transpose(input, tuple(a % max(input.ndim, 1) for a in check.int_tuple("permute", "axis", axis)))


def movedim(x, source, destination):
    """Axes `source` moved to positions `destination`; the others keep their order."""
    check.tensor("movedim", "x", x)
    src = check.axes("movedim", "source", source, x.ndim)
    dst = check.axes("movedim", "destination", destination, x.ndim)
    if len(src) != len(dst):
        raise ValueError(f"For 'movedim', the 'source' and 'destination' must have the same length, but got "
                         f"{source} and {destination}.")
    rest = [a for a in builtins.range(x.ndim) if a not in src]
    perm = [None] * x.ndim
    for s, d in zip(src, dst):
        perm[d] = s
    it = iter(rest)
    perm = tuple(p if p is not None else next(it) for p in perm)
    return _transpose(x, perm)


def moveaxis(x, source, destination):
    return movedim(x, source, destination)


def unsqueeze(input, dim):  # noqa: A002
    """A new axis of size 1 at `dim`."""
    return P.ExpandDims()(input, dim)


def t(input):  # noqa: A002
    """The transpose of a rank <= 2 Tensor."""
    check.tensor("t", "input", input)
    if input.ndim > 2:
        raise ValueError(f"For 't', the 'input' must have rank <= 2, but got {input.ndim}.")
    return _transpose(input, (1, 0)) if input.ndim == 2 else input


def ravel(input):  # noqa: A002
    return _reshape(input, (-1,))


def narrow(input, axis, start, length):  # noqa: A002
    """`length` elements of `input` along `axis` from `start`."""
    check.tensor("narrow", "input", input)
    axis = check.axis("narrow", "axis", axis, input.ndim)
    start = check.int_value("narrow", "start", start)
    length = check.int_value("narrow", "length", length, minimum=0)
    if not 0 <= start <= input.shape[axis] or start + length > input.shape[axis]:
        raise ValueError(f"For 'narrow', [start, start + length) = [{start}, {start + length}) must lie in "
                         f"[0, {input.shape[axis]}].")
    begin = [0] * input.ndim
    size = list(input.shape)
    begin[axis], size[axis] = start, length
    return _slice(input, tuple(begin), tuple(size))


def chunk(input, chunks, axis=0):  # noqa: A002
    """`chunks` nearly equal pieces along `axis` (the last may be smaller)."""
    check.tensor("chunk", "input", input)
    chunks = check.int_value("chunk", "chunks", chunks, minimum=1)
    axis = check.axis("chunk", "axis", axis, input.ndim)
    n = input.shape[axis]
    step = -(-n // chunks) if n else 1
    return tuple(narrow(input, axis, s, builtins.min(step, n - s)) for s in builtins.range(0, n, step)) or (input,)


def select(condition, input, other):  # noqa: A002
    return _select(condition, input, other)


def zeros(size, dtype=None):  # noqa: A002
    """A Tensor of zeros (Float32 by default)."""
    return P.Zeros()(size, mstype.float32 if dtype is None else dtype)


def ones(shape, dtype=None):
    """A Tensor of ones (Float32 by default)."""
    return P.Ones()(shape, mstype.float32 if dtype is None else dtype)


def zeros_like(input, *, dtype=None):  # noqa: A002
    out = P.ZerosLike()(input)
    return out if dtype is None else _cast(out, dtype)


def ones_like(input, *, dtype=None):  # noqa: A002
    out = P.OnesLike()(input)
    return out if dtype is None else _cast(out, dtype)


def full(size, fill_value, *, dtype=None):  # noqa: A002
    """A Tensor of `size` filled with `fill_value` (dtype from the value when None)."""
    if dtype is None:
        dtype = mstype.bool_ if isinstance(fill_value, bool) else mstype.int64 if isinstance(
            fill_value, int) else mstype.float32
    value = fill_value.asnumpy().item() if isinstance(fill_value, Tensor) else fill_value
    return P.Fill()(dtype, size, value)


def full_like(input, fill_value, *, dtype=None):  # noqa: A002
    check.tensor("full_like", "input", input)
    return P.Fill()(input.dtype if dtype is None else dtype, input.shape, fill_value)


__all__ = [name for name in dir() if not name.startswith("_") and name not in (
    "annotations", "builtins", "np", "mstype", "Tensor", "P", "check")]
