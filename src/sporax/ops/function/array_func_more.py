"""More of MindSpore's array functions (`mindspore.ops.function.array_func`): index and
scatter variants, stacking and splitting helpers, diagonals, searching, segment reductions,
type predicates and scalar conversions.

Each is a primitive or a short composition of primitives with MindSpore 2.10's argument
names, defaults and output dtypes.
"""
from __future__ import annotations

import builtins
import itertools

import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from .. import _promotion
from .. import operations as P
from ..operations import array_ops_more as _more
from ..operations import _arg_checks as check
from .._constants import constant
from . import array_func as A

_reshape, _transpose, _concat = P.Reshape(), P.Transpose(), P.Concat
_gather = P.Gather()


def _tensors(op, arg, value):
    if isinstance(value, Tensor):
        return [value]
    if not isinstance(value, (tuple, list)) or not builtins.all(isinstance(t, Tensor) for t in value):
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor or a tuple/list of Tensors, but got {value!r}.")
    return list(value)


# --- indexing and scatter --------------------------------------------------------------------------

def index_select(input, axis, index):  # noqa: A002 - MindSpore's argument names
    """The slices of `input` along `axis` at the 1-D `index`."""
    check.tensor("index_select", "input", input)
    check.index_tensor("index_select", "index", index)
    if index.ndim != 1:
        raise ValueError(f"For 'index_select', the dimension of `index` must be 1, but got {index.ndim}")
    axis = check.axis("index_select", "axis", axis, input.ndim)
    return _gather(input, index, axis)


def index_add(x, indices, y, axis, use_lock=True, check_index_bound=True):
    """x with y added along `axis` at `indices` (a Parameter x is updated in place)."""
    return P.IndexAdd(axis, use_lock, check_index_bound)(x, indices, y)


def tensor_index_add(x, *args, **kwargs):
    """Tensor.index_add's two overloads, chosen as MindSpore 2.10 chooses: `(dim, index, source, *,
    alpha=1)`, x + alpha·source at `index` along `dim`, when the first argument is an int or `dim` is
    named; else the older `(indices, y, axis, use_lock=True, check_index_bound=True)`."""
    if "dim" in kwargs or (args and check.is_int(args[0])):
        return _index_add_dim(x, *args, **kwargs)
    return index_add(x, *args, **kwargs)


def _index_add_dim(x, dim, index, source, *, alpha=1):
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)):
        raise TypeError(f"For 'index_add', the 'alpha' must be an int or a float, but got {type(alpha).__name__}.")
    return index_add(x, index, source if alpha == 1 else source * alpha, dim)


def inplace_index_add(var, indices, updates, axis):
    return P.InplaceIndexAdd(axis)(var, indices, updates)


def index_fill(x, axis, index, value):
    """x with `value` written along `axis` at `index`."""
    return P.IndexFill()(x, axis, index, value)


def inplace_update(x, v, indices):
    """x with rows `indices` replaced by the rows of v."""
    return P.InplaceUpdateV2()(x, indices, v)


def inplace_add(x, v, indices):
    return P.InplaceAdd(indices)(x, v)


def inplace_sub(x, v, indices):
    return P.InplaceSub(indices)(x, v)


def tensor_scatter_sub(input_x, indices, updates):
    return P.TensorScatterSub()(input_x, indices, updates)


def tensor_scatter_mul(input_x, indices, updates):
    return P.TensorScatterMul()(input_x, indices, updates)


def tensor_scatter_div(input_x, indices, updates):
    return P.TensorScatterDiv()(input_x, indices, updates)


def tensor_scatter_max(input_x, indices, updates):
    return P.TensorScatterMax()(input_x, indices, updates)


def tensor_scatter_min(input_x, indices, updates):
    return P.TensorScatterMin()(input_x, indices, updates)


def tensor_scatter_elements(input_x, indices, updates, axis=0, reduction="none"):
    """input_x with updates written ('none') or added ('add') at input_x[indices[i][j]][j] (axis 0)."""
    return P.TensorScatterElements(axis, reduction)(input_x, indices, updates)


def scatter(input, axis, index, src):  # noqa: A002
    """input with src[i][j] written at input[index[i][j]][j] (along `axis`)."""
    return P.TensorScatterElements(axis)(input, index, src)


def scatter_mul(input_x, indices, updates):
    return P.ScatterMul()(input_x, indices, updates)


def scatter_div(input_x, indices, updates):
    return P.ScatterDiv()(input_x, indices, updates)


def scatter_max(input_x, indices, updates):
    return P.ScatterMax()(input_x, indices, updates)


def scatter_min(input_x, indices, updates):
    return P.ScatterMin()(input_x, indices, updates)


def scatter_nd_sub(input_x, indices, updates, use_locking=False):
    return P.ScatterNdSub(use_locking)(input_x, indices, updates)


def scatter_nd_mul(input_x, indices, updates, use_locking=False):
    return P.ScatterNdMul(use_locking)(input_x, indices, updates)


def scatter_nd_div(input_x, indices, updates, use_locking=False):
    return P.ScatterNdDiv(use_locking)(input_x, indices, updates)


def scatter_nd_max(input_x, indices, updates, use_locking=False):
    return P.ScatterNdMax(use_locking)(input_x, indices, updates)


def scatter_nd_min(input_x, indices, updates, use_locking=False):
    return P.ScatterNdMin(use_locking)(input_x, indices, updates)


def masked_scatter(input, mask, source):  # noqa: A002
    """input with its masked positions filled, in order, by the leading elements of `source`."""
    check.tensor("masked_scatter", "input", input)
    check.tensor("masked_scatter", "mask", mask)
    if mask.shape != input.shape:
        mask = A.broadcast_to(mask, input.shape)
    return P.MaskedScatter()(input, mask, source)


def take(input, index):  # noqa: A002
    """The elements of the flattened input at `index` (the result has index's shape)."""
    check.tensor("take", "input", input)
    check.index_tensor("take", "index", index)
    n = input.size
    values = index.asnumpy()
    if values.size and ((values < -n).any() or (values >= n).any()):
        raise ValueError(f"For 'take', the 'index' must be in [{-n}, {n}), but got values from {values.min()} "
                         f"to {values.max()}.")
    flat = _reshape(input, (-1,))
    wrapped = A.where(P.Less()(index, 0), P.Add()(index, n), index) if (values < 0).any() else index
    return _gather(flat, wrapped, 0)


def unsorted_segment_sum(input_x, segment_ids, num_segments):
    """out[k] = the sum of input_x[i] over the i with segment_ids[i] == k."""
    return P.UnsortedSegmentSum()(input_x, segment_ids, num_segments)


def unsorted_segment_max(x, segment_ids, num_segments):
    return P.UnsortedSegmentMax()(x, segment_ids, num_segments)


def unsorted_segment_min(x, segment_ids, num_segments):
    return P.UnsortedSegmentMin()(x, segment_ids, num_segments)


def unsorted_segment_prod(x, segment_ids, num_segments):
    return P.UnsortedSegmentProd()(x, segment_ids, num_segments)


# --- searching and unique ----------------------------------------------------------------------------

def searchsorted(sorted_sequence, values, out_int32=False, right=False, side=None, sorter=None):
    """The insertion index of each value into the last axis of `sorted_sequence` (leftmost;
    rightmost with `right` or side='right'); `sorter` sorts an unsorted sequence first."""
    for name, flag in (("out_int32", out_int32), ("right", right)):
        if not isinstance(flag, bool):
            raise TypeError(f"For 'searchsorted', the '{name}' must be a bool, but got {type(flag).__name__}.")
    if side is not None:
        if side not in ("left", "right"):
            raise ValueError(f"For 'searchsorted', the 'side' must be 'left' or 'right', but got {side!r}.")
        if right and side == "left":
            raise ValueError("For 'searchsorted', the 'side' 'left' contradicts 'right' True.")
        right = side == "right"
    if sorter is not None:
        check.index_tensor("searchsorted", "sorter", sorter)
        sorted_sequence = P.GatherD()(sorted_sequence, -1, sorter) if sorted_sequence.ndim > 1 else \
            _gather(sorted_sequence, sorter, 0)
    return P.SearchSorted(mstype.int32 if out_int32 else mstype.int64, right)(sorted_sequence, values)


def bucketize(input, boundaries, right=False):  # noqa: A002
    """Int32 bucket index of each element: i with boundaries[i-1] < x <= boundaries[i]
    (boundaries[i-1] <= x < boundaries[i] with `right`)."""
    if not isinstance(input, Tensor):
        raise TypeError(f"For 'bucketize', 'input' must be a Tensor, but got {type(input).__name__}.")
    valid = (mstype.int32, mstype.int64, mstype.float32, mstype.float64, mstype.int16, mstype.float16)
    if input.dtype not in valid:
        raise TypeError(f"For 'bucketize', input data type must be in {valid}, but got {input.dtype}.")
    seq_dtype = mstype.float64 if input.dtype == mstype.float64 else mstype.float32
    values = input if input.dtype == seq_dtype else P.Cast()(input, seq_dtype)
    return searchsorted(constant(np.asarray(boundaries, seq_dtype.to_numpy())), values, out_int32=True, right=right)


def unique_consecutive(input, return_inverse=False, return_counts=False, dim=None):  # noqa: A002
    """Runs of equal consecutive elements collapsed; with the flags also the Int64 inverse
    index and the run lengths."""
    output, inverse, counts = P.UniqueConsecutive(return_inverse, return_counts, dim)(input)
    if return_inverse and return_counts:
        return output, inverse, counts
    if return_inverse:
        return output, inverse
    if return_counts:
        return output, counts
    return output


def unique_with_pad(x, pad_num):
    return P.UniqueWithPad()(x, pad_num)


# --- creation -----------------------------------------------------------------------------------------

def tril_indices(row, col, offset=0, dtype=mstype.int64):
    """The (2, N) coordinates of the lower triangle of a row x col matrix."""
    return P.TrilIndices(row, col, offset, dtype)()


def triu_indices(row, col, offset=0, dtype=mstype.int64):
    """The (2, N) coordinates of the upper triangle of a row x col matrix."""
    return P.TriuIndices(row, col, offset, dtype)()


def logspace(start, end, steps, base=10, dtype=mstype.float32):
    """`steps` values base ** t for t evenly spaced in [start, end]."""
    def scalar(name, value):
        if isinstance(value, Tensor):
            return value if value.dtype.kind == "float" else P.Cast()(value, mstype.float32)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"For 'logspace', the '{name}' must be a number or a 0-D Tensor, but got {value!r}.")
        return Tensor(float(value), mstype.float32)
    start, end = scalar("start", start), scalar("end", end)
    if start.dtype != end.dtype:
        end = P.Cast()(end, start.dtype)
    return P.LogSpace(steps, base, dtype)(start, end)


def fills(x, value):
    """A Tensor of x's shape and dtype filled with `value`."""
    return P.Fills()(x, value)


def sequence_mask(lengths, maxlen=None):
    """Bool mask (..., maxlen): position j of row i is True where j < lengths[i]."""
    check.tensor("sequence_mask", "lengths", lengths)
    if lengths.dtype.kind not in ("int", "uint"):
        raise TypeError(f"For 'sequence_mask', the 'lengths' must be an int Tensor, but got {lengths.dtype}.")
    if maxlen is None:
        maxlen = int(lengths.asnumpy().max()) if lengths.size else 0
    maxlen = check.int_value("sequence_mask", "maxlen", maxlen, minimum=1 if lengths.size else 0)
    positions = A.arange(0, maxlen, 1, dtype=lengths.dtype)
    return P.Less()(positions, P.ExpandDims()(lengths, -1))


def tensor_range(start, end, step):
    """[start, end) by step (Int64 for ints, Float32 for floats), like arange."""
    return A.arange(start, end, step)


def vander(x, N=None):  # noqa: N803 - MindSpore's argument name
    """Columns x**(N-1), ..., x**1, x**0 of the 1-D x (N defaults to len(x))."""
    check.tensor("vander", "x", x)
    if x.ndim != 1:
        raise ValueError(f"For 'vander', the 'x' must be 1-D, but got rank {x.ndim}.")
    n = x.shape[0] if N is None else check.int_value("vander", "N", N, minimum=1)
    if x.dtype.kind in ("int", "uint", "bool"):
        x = P.Cast()(x, mstype.int64)  # MindSpore's integer Vandermonde matrices are Int64
    powers = A.arange(n - 1, -1, -1, dtype=x.dtype) if n else A.zeros((0,), x.dtype)
    return P.Pow()(P.ExpandDims()(x, 1), powers)


def cartesian_prod(*inputs):
    """The Cartesian product of 1-D Tensors, one row per combination."""
    tensors = _tensors("cartesian_prod", "inputs", list(inputs))
    if len(tensors) == 1:
        return tensors[0]
    grids = A.meshgrid(*tensors, indexing="ij")
    return P.Stack(1)([_reshape(g, (-1,)) for g in grids])


def combinations(input, r=2, with_replacement=False):  # noqa: A002
    """The length-r combinations of the 1-D input's elements, one per row (itertools' order)."""
    check.tensor("combinations", "input", input)
    if input.ndim != 1:
        raise ValueError(f"For 'combinations', the 'input' must be 1-D, but got rank {input.ndim}.")
    r = check.int_value("combinations", "r", r, minimum=0)
    pick = itertools.combinations_with_replacement if with_replacement else itertools.combinations
    index = np.asarray(list(pick(builtins.range(input.shape[0]), r)), np.int64).reshape(-1, r)
    if index.size == 0:
        return A.zeros((0, r) if r else (0,), input.dtype)
    return _gather(input, constant(index), 0)


def block_diag(*inputs):
    """The inputs (0-D, 1-D as rows, or 2-D) placed along the diagonal of one matrix."""
    tensors = _tensors("block_diag", "inputs", list(inputs))
    mats = []
    for t in tensors:
        if t.ndim > 2:
            raise ValueError(f"For 'block_diag', each input must have rank <= 2, but got shape {t.shape}.")
        mats.append(_reshape(t, (1, -1) if t.ndim == 1 else (1, 1)) if t.ndim < 2 else t)
    dtype = mats[0].dtype
    for m in mats[1:]:
        dtype = _promotion.promote(dtype, m.dtype)
    width = builtins.sum(m.shape[1] for m in mats)
    rows, left = [], 0
    for m in mats:
        pads = ((0, 0), (left, width - left - m.shape[1]))
        rows.append(_pad_columns(P.Cast()(m, dtype), pads[1]))
        left += m.shape[1]
    return _concat(0)(rows)


def _pad_columns(m, pads):
    parts = [A.zeros((m.shape[0], pads[0]), m.dtype)] if pads[0] else []
    parts.append(m)
    if pads[1]:
        parts.append(A.zeros((m.shape[0], pads[1]), m.dtype))
    return _concat(1)(parts) if len(parts) > 1 else m


# --- shape manipulation -----------------------------------------------------------------------------

def view_as(input, other):  # noqa: A002
    """input reshaped to other's shape."""
    check.tensor("view_as", "other", other)
    return _reshape(input, other.shape)


def expand(input_x, size):
    """input_x broadcast to `size` (a 1-D int Tensor; -1 keeps that axis)."""
    return P.Expand()(input_x, size)


def expand_as(input, other):  # noqa: A002
    """input broadcast to other's shape."""
    check.tensor("expand_as", "other", other)
    return A.broadcast_to(input, other.shape)


def _split_points(op, n, indices_or_sections):
    if check.is_int(indices_or_sections):
        sections = int(indices_or_sections)
        if sections < 1:
            raise ValueError(f"For '{op}', the 'indices_or_sections' must be >= 1, but got {sections}.")
        size, extra = divmod(n, sections)
        points, at = [], 0
        for i in builtins.range(sections - 1):
            at += size + (1 if i < extra else 0)
            points.append(at)
        return points
    if isinstance(indices_or_sections, (tuple, list)) and builtins.all(check.is_int(i) for i in indices_or_sections):
        return [int(i) for i in indices_or_sections]
    raise TypeError(f"For '{op}', the 'indices_or_sections' must be an int or a tuple/list of ints, "
                    f"but got {indices_or_sections!r}.")


def _split_at(input, axis, points):  # noqa: A002
    n = input.shape[axis]
    bounds = [builtins.min(builtins.max(p if p >= 0 else p + n, 0), n) for p in points]
    starts, ends = [0] + bounds, bounds + [n]
    out = []
    for s, e in zip(starts, ends):
        begin = [0] * input.ndim
        size = list(input.shape)
        begin[axis], size[axis] = s, builtins.max(e - s, 0)
        out.append(A.slice(input, begin, size))
    return tuple(out)


def tensor_split(input, indices_or_sections, axis=0):  # noqa: A002
    """input split along `axis` into `sections` near-equal parts (the first ones one longer),
    or at the given indices."""
    check.tensor("tensor_split", "input", input)
    axis = check.axis("tensor_split", "axis", axis, input.ndim)
    if input.ndim == 0:
        raise ValueError("For 'tensor_split', the 'input' must have rank >= 1, but got a scalar.")
    return _split_at(input, axis, _split_points("tensor_split", input.shape[axis], indices_or_sections))


def _even_split(op, input, axis, indices_or_sections, rank):  # noqa: A002
    check.tensor(op, "input", input)
    if input.ndim < rank:
        raise ValueError(f"For '{op}', the 'input' must have rank >= {rank}, but got {input.ndim}.")
    if check.is_int(indices_or_sections) and indices_or_sections > 0 and input.shape[axis] % indices_or_sections:
        raise ValueError(f"For '{op}', the size of axis {axis} ({input.shape[axis]}) must be divisible by "
                         f"'indices_or_sections' ({indices_or_sections}).")
    return _split_at(input, axis, _split_points(op, input.shape[axis], indices_or_sections))


def hsplit(input, indices_or_sections):  # noqa: A002
    """tensor_split along axis 1 (axis 0 for 1-D)."""
    return _even_split("hsplit", input, 1 if input.ndim > 1 else 0, indices_or_sections, 1)


def vsplit(input, indices_or_sections):  # noqa: A002
    return _even_split("vsplit", input, 0, indices_or_sections, 2)


def dsplit(input, indices_or_sections):  # noqa: A002
    return _even_split("dsplit", input, 2, indices_or_sections, 3)


def atleast_1d(inputs):
    """Each Tensor with at least 1 axis (a scalar becomes shape (1,))."""
    return _atleast(inputs, lambda t: _reshape(t, (1,)) if t.ndim == 0 else t)


def atleast_2d(inputs):
    """Each Tensor with at least 2 axes: () -> (1, 1), (n,) -> (1, n)."""
    return _atleast(inputs, lambda t: _reshape(t, (1,) * (2 - t.ndim) + t.shape) if t.ndim < 2 else t)


def atleast_3d(inputs):
    """Each Tensor with at least 3 axes: () -> (1, 1, 1), (n,) -> (1, n, 1), (m, n) -> (m, n, 1)."""
    def lift(t):
        if t.ndim == 0:
            return _reshape(t, (1, 1, 1))
        if t.ndim == 1:
            return _reshape(t, (1, t.shape[0], 1))
        if t.ndim == 2:
            return _reshape(t, t.shape + (1,))
        return t
    return _atleast(inputs, lift)


def _atleast(inputs, lift):
    if isinstance(inputs, Tensor):
        return lift(inputs)
    return tuple(lift(t) for t in _tensors("atleast_nd", "inputs", inputs))


def _stack_list(op, tensors):
    if not isinstance(tensors, (tuple, list)) or not tensors:
        raise TypeError(f"For '{op}', the 'tensors' must be a non-empty tuple or list of Tensors, but got {tensors!r}.")
    return _tensors(op, "tensors", tensors)


def hstack(tensors):
    """Concatenation along axis 1 (axis 0 for 1-D Tensors)."""
    tensors = [atleast_1d(t) for t in _stack_list("hstack", tensors)]
    return _concat(0 if tensors[0].ndim == 1 else 1)(tensors)


def vstack(inputs):
    """Concatenation along axis 0 of the inputs lifted to 2-D."""
    return _concat(0)(list(atleast_2d(_stack_list("vstack", inputs))))


def row_stack(tensors):
    return vstack(tensors)


def dstack(tensors):
    """Concatenation along axis 2 of the inputs lifted to 3-D."""
    return _concat(2)(list(atleast_3d(_stack_list("dstack", tensors))))


def column_stack(tensors):
    """1-D inputs as columns, 2-D ones as they are, concatenated along axis 1."""
    tensors = _stack_list("column_stack", tensors)
    cols = [_reshape(t, (-1, 1)) if t.ndim < 2 else t for t in tensors]
    return _concat(1)(cols)


def rot90(input, k, dims):  # noqa: A002
    """input rotated by 90° k times in the plane `dims` (from dims[0] towards dims[1])."""
    check.tensor("rot90", "input", input)
    k = check.int_value("rot90", "k", k)
    if not isinstance(dims, (tuple, list)) or len(dims) != 2:
        raise ValueError(f"For 'rot90', the 'dims' must be a list or tuple of 2 axes, but got {dims!r}.")
    if input.ndim < 2:
        raise ValueError(f"For 'rot90', the 'input' must have rank >= 2, but got {input.ndim}.")
    a, b = (check.axis("rot90", "dims", d, input.ndim) for d in dims)
    if a == b:
        raise ValueError(f"For 'rot90', the 'dims' must be two different axes, but got {tuple(dims)}.")
    k %= 4
    if k == 0:
        return input
    if k == 2:
        return A.flip(input, (a, b))
    perm = list(builtins.range(input.ndim))
    perm[a], perm[b] = perm[b], perm[a]
    if k == 1:
        return _transpose(A.flip(input, (b,)), tuple(perm))
    return A.flip(_transpose(input, tuple(perm)), (b,))


def repeat_interleave(input, repeats, axis=None):  # noqa: A002
    """Each element (each slice along `axis`; of the flattened input when None) repeated
    `repeats` times (an int, or one count per slice)."""
    check.tensor("repeat_interleave", "input", input)
    if axis is None:
        input, axis = _reshape(input, (-1,)), 0
    axis = check.axis("repeat_interleave", "axis", axis, input.ndim)
    if isinstance(repeats, Tensor):
        repeats = [int(r) for r in repeats.asnumpy().reshape(-1)]
        repeats = repeats[0] if len(repeats) == 1 else repeats
    if check.is_int(repeats):
        counts = [int(repeats)] * input.shape[axis]
    elif isinstance(repeats, (tuple, list)) and builtins.all(check.is_int(r) for r in repeats):
        counts = [int(r) for r in repeats]
    else:
        raise TypeError(f"For 'repeat_interleave', the 'repeats' must be an int, a list of ints or an int Tensor, "
                        f"but got {repeats!r}.")
    if len(counts) != input.shape[axis] or builtins.any(c < 0 for c in counts):
        raise ValueError(f"For 'repeat_interleave', the 'repeats' must be non-negative, one per element of axis "
                         f"{axis} ({input.shape[axis]}), but got {repeats!r}.")
    index = np.repeat(np.arange(input.shape[axis], dtype=np.int64), counts)
    return _gather(input, constant(index), axis)


def repeat_elements(x, rep, axis=0):
    """Each slice of x along `axis` repeated `rep` times."""
    check.tensor("repeat_elements", "x", x)
    if x.dtype == mstype.bool_:
        raise TypeError("For 'repeat_elements', the 'input x' doesn't support 'Bool'; expected a number dtype.")
    rep = check.int_value("repeat_elements", "rep", rep, minimum=1)
    check.int_value("repeat_elements", "axis", axis)
    return repeat_interleave(x, rep, axis)


# --- diagonals and scatters into views -------------------------------------------------------------

def _diagonal_index(shape, offset, dim1, dim2):
    """Positions (along dim1, dim2) of the diagonal `offset` of a matrix of `shape`."""
    rows, cols = shape[dim1], shape[dim2]
    if offset >= 0:
        n = builtins.max(builtins.min(rows, cols - offset), 0)
        return np.arange(n), np.arange(n) + offset
    n = builtins.max(builtins.min(rows + offset, cols), 0)
    return np.arange(n) - offset, np.arange(n)


def _diagonal_axes(op, input, dim1, dim2):  # noqa: A002
    check.tensor(op, "input", input)
    if input.ndim < 2:
        raise ValueError(f"For '{op}', the 'input' must have rank >= 2, but got {input.ndim}.")
    a = check.axis(op, "dim1", dim1, input.ndim)
    b = check.axis(op, "dim2", dim2, input.ndim)
    if a == b:
        raise ValueError(f"For '{op}', the 'dim1' and 'dim2' must differ, but got {dim1} and {dim2}.")
    return a, b


def diagonal(input, offset=0, dim1=0, dim2=1):  # noqa: A002
    """The diagonal `offset` of the matrices in (dim1, dim2), as the last axis."""
    a, b = _diagonal_axes("diagonal", input, dim1, dim2)
    check.int_value("diagonal", "offset", offset)
    rest = [d for d in builtins.range(input.ndim) if d not in (a, b)]
    moved = _transpose(input, tuple(rest + [a, b]))
    rows, cols = _diagonal_index(input.shape, offset, a, b)
    flat = _reshape(moved, tuple(moved.shape[:-2]) + (-1,)) if moved.size else None
    if flat is None or rows.size == 0:
        return A.zeros(tuple(moved.shape[:-2]) + (rows.size,), input.dtype)
    return _gather(flat, constant((rows * input.shape[b] + cols).astype(np.int64)), moved.ndim - 2)


def diag_embed(input, offset=0, dim1=-2, dim2=-1):  # noqa: A002
    """The last axis of input placed on diagonal `offset` of new (dim1, dim2) matrices."""
    check.tensor("diag_embed", "input", input)
    offset = check.int_value("diag_embed", "offset", offset)
    ndim = input.ndim + 1
    a, b = check.axis("diag_embed", "dim1", dim1, ndim), check.axis("diag_embed", "dim2", dim2, ndim)
    if a == b:
        raise ValueError(f"For 'diag_embed', the 'dim1' and 'dim2' must differ, but got {dim1} and {dim2}.")
    n = input.shape[-1] if input.ndim else 1
    size = n + builtins.abs(offset)
    rows, cols = (np.arange(n), np.arange(n) + offset) if offset >= 0 else (np.arange(n) - offset, np.arange(n))
    lead = input.shape[:-1]
    flat_index = constant(np.stack([rows, cols], -1).astype(np.int64))
    square = A.zeros(lead + (size, size), input.dtype)
    moved = P.Transpose()(square, tuple(builtins.range(square.ndim - 2, square.ndim)) +
                          tuple(builtins.range(square.ndim - 2))) if lead else square
    updates = P.Transpose()(input, (input.ndim - 1,) + tuple(builtins.range(input.ndim - 1))) if lead else input
    filled = A.tensor_scatter_update(moved, flat_index, updates)
    if lead:
        filled = P.Transpose()(filled, tuple(builtins.range(2, filled.ndim)) + (0, 1))
    order = [d for d in builtins.range(ndim) if d not in (a, b)]
    perm = [0] * ndim
    for position, d in enumerate(order + [a, b]):
        perm[d] = position
    return _transpose(filled, tuple(perm))


def diagflat(input, offset=0):  # noqa: A002
    """The flattened input on diagonal `offset` of a square matrix."""
    check.tensor("diagflat", "input", input)
    check.int_value("diagflat", "offset", offset)
    return diag_embed(_reshape(input, (-1,)), offset)


def diagonal_scatter(input, src, offset=0, dim1=0, dim2=1):  # noqa: A002
    """A copy of input with diagonal `offset` of (dim1, dim2) replaced by src."""
    a, b = _diagonal_axes("diagonal_scatter", input, dim1, dim2)
    check.tensor("diagonal_scatter", "src", src)
    expected = diagonal(input, offset, a, b).shape
    if src.shape != expected:
        raise ValueError(f"For 'diagonal_scatter', the 'src' shape must be {expected}, but got {src.shape}.")
    rows, cols = _diagonal_index(input.shape, offset, a, b)
    rest = [d for d in builtins.range(input.ndim) if d not in (a, b)]
    moved = _transpose(input, tuple([a, b] + rest))
    index = constant(np.stack([rows, cols], -1).astype(np.int64))
    updates = _transpose(src, (src.ndim - 1,) + tuple(builtins.range(src.ndim - 1)))
    out = A.tensor_scatter_update(moved, index, P.Cast()(updates, input.dtype))
    perm = [0] * input.ndim
    for position, d in enumerate([a, b] + rest):
        perm[d] = position
    return _transpose(out, tuple(perm))


def select_scatter(input, src, axis, index):  # noqa: A002
    """A copy of input with the slice `index` along `axis` replaced by src."""
    check.tensor("select_scatter", "input", input)
    check.tensor("select_scatter", "src", src)
    axis = check.axis("select_scatter", "axis", axis, input.ndim)
    n = input.shape[axis]
    index = check.int_value("select_scatter", "index", index)
    if not -n <= index < n:
        raise ValueError(f"For 'select_scatter', the 'index' must be in [{-n}, {n}), but got {index}.")
    expected = input.shape[:axis] + input.shape[axis + 1:]
    if src.shape != expected:
        raise ValueError(f"For 'select_scatter', the 'src' shape must be {expected}, but got {src.shape}.")
    return slice_scatter(input, P.ExpandDims()(src, axis), axis, index % n, index % n + 1, 1)


def slice_scatter(input, src, axis=0, start=None, end=None, step=1):  # noqa: A002
    """A copy of input with input[..., start:end:step, ...] (along `axis`) replaced by src."""
    check.tensor("slice_scatter", "input", input)
    check.tensor("slice_scatter", "src", src)
    axis = check.axis("slice_scatter", "axis", axis, input.ndim)
    positions = np.arange(input.shape[axis])[builtins.slice(start, end, step)]
    expected = input.shape[:axis] + (positions.size,) + input.shape[axis + 1:]
    if src.shape != expected:
        raise ValueError(f"For 'slice_scatter', the 'src' shape must be {expected}, but got {src.shape}.")
    moved = A.movedim(input, axis, 0)
    out = A.tensor_scatter_update(moved, constant(positions.reshape(-1, 1).astype(np.int64)),
                                  P.Cast()(A.movedim(src, axis, 0), input.dtype))
    return A.movedim(out, 0, axis)


def matrix_band_part(x, lower, upper):
    """x with the entries outside the band (lower/upper diagonals; -1 keeps all) zeroed."""
    return P.MatrixBandPart()(x, lower, upper)


def reverse_sequence(x, seq_lengths, seq_dim, batch_dim=0):
    return P.ReverseSequence(seq_dim, batch_dim)(x, seq_lengths)


def space_to_batch_nd(input_x, block_size, paddings):
    return P.SpaceToBatchND(block_size, paddings)(input_x)


def batch_to_space_nd(input_x, block_shape, crops):
    return P.BatchToSpaceND(block_shape, crops)(input_x)


def padding(x, pad_dim_size=8):
    return P.Padding(pad_dim_size)(x)


def identity(x):
    """x itself, as a new Tensor."""
    return P.Identity()(x)


# --- type and shape information ----------------------------------------------------------------------

def is_tensor(obj):
    """Whether obj is a Tensor (a Parameter is one)."""
    return isinstance(obj, Tensor)


def is_floating_point(input):  # noqa: A002
    check.tensor("is_floating_point", "input", input)
    return input.dtype in (mstype.float16, mstype.bfloat16, mstype.float32, mstype.float64)


def is_complex(input):  # noqa: A002
    check.tensor("is_complex", "input", input)
    return input.dtype.kind == "complex"


def is_nonzero(input):  # noqa: A002
    """Whether the single element of input is nonzero."""
    check.tensor("is_nonzero", "input", input)
    if input.size != 1:
        raise RuntimeError(f"For 'is_nonzero', the 'input' must have exactly one element, but got {input.size}.")
    return bool(input.asnumpy().reshape(-1)[0] != 0)


def shape_(x):
    """The shape of x as a list."""
    return list(check.tensor("shape_", "x", x).shape)


def dyn_shape(input_x):
    """The shape of input_x as a 1-D Int64 Tensor."""
    return P.TensorShape()(input_x)


def scalar_to_tensor(input_x, dtype=mstype.float32):
    """A 0-D Tensor of `dtype` holding the Python number."""
    return P.ScalarToTensor()(input_x, dtype)


def scalar_cast(input_x, input_y):
    """The Python number converted to int (int64), float (float64) or bool."""
    return P.ScalarCast()(input_x, input_y)


# --- NumPy-style and Tensor-method helpers ------------------------------------------------------------

def unique_sorted(input, sorted=True, return_inverse=False, return_counts=False, dim=None):  # noqa: A002
    """Tensor.unique: the sorted distinct values; with the flags also the Int64 inverse index
    and the counts."""
    if not isinstance(sorted, builtins.bool) or not sorted:
        raise ValueError(f"For 'unique', the 'sorted' must be True (the values come back sorted), but got {sorted!r}.")
    output, inverse, counts = _more._UniqueSorted(dim)(input)
    out = (output,) + ((inverse,) if return_inverse else ()) + ((counts,) if return_counts else ())
    return out[0] if len(out) == 1 else out


def index_put(input, indices, values, accumulate=False):  # noqa: A002
    """A copy of input with values written (added, with accumulate) at input[indices], one int
    Tensor per leading axis (broadcast together)."""
    check.tensor("index_put", "input", input)
    if not isinstance(indices, (tuple, list)) or not indices or len(indices) > input.ndim:
        raise ValueError(f"For 'index_put', the 'indices' must be a tuple of 1 to {input.ndim} int Tensors, "
                         f"but got {indices!r}.")
    for i in indices:
        check.index_tensor("index_put", "indices", i)
    check.tensor("index_put", "values", values)
    shape = np.broadcast_shapes(*(i.shape for i in indices))
    positions = P.Stack(-1)([P.Cast()(A.broadcast_to(i, shape), mstype.int64) for i in indices])
    updates = A.broadcast_to(P.Cast()(values, input.dtype), tuple(shape) + input.shape[len(indices):])
    return (A.tensor_scatter_add if accumulate else A.tensor_scatter_update)(input, positions, updates)


def sum_to_size(input, *size):  # noqa: A002
    """input summed down to `size` (its trailing axes; axes of size 1 in `size` are summed, kept)."""
    check.tensor("sum_to_size", "input", input)
    size = tuple(size[0]) if len(size) == 1 and not check.is_int(size[0]) else tuple(size)
    lead = input.ndim - len(size)
    if lead < 0 or builtins.any(n not in (1, m) for n, m in zip(size, input.shape[lead:])):
        raise ValueError(f"For 'sum_to_size', the 'size' {size} must be expandable to the input shape "
                         f"{input.shape}.")
    out = P.ReduceSum(False)(input, tuple(builtins.range(lead))) if lead else input
    axes = tuple(d for d, (n, m) in enumerate(zip(size, out.shape)) if n == 1 and m != 1)
    return P.ReduceSum(True)(out, axes) if axes else out


def resize(input, *new_shape):  # noqa: A002
    """The flattened input cut or zero-padded to prod(new_shape) elements, in new_shape."""
    check.tensor("resize", "input", input)
    shape = tuple(new_shape[0]) if len(new_shape) == 1 and not check.is_int(new_shape[0]) else tuple(new_shape)
    if not builtins.all(check.is_int(n) and n >= 0 for n in shape):
        raise ValueError(f"For 'resize', the 'new_shape' must be non-negative ints, but got {new_shape!r}.")
    total = int(np.prod(shape, dtype=np.int64))
    flat = _reshape(input, (-1,))
    if total <= flat.shape[0]:
        flat = A.slice(flat, (0,), (total,))
    else:
        flat = _concat(0)([flat, A.zeros((total - flat.shape[0],), input.dtype)])
    return _reshape(flat, shape)


def element_strides(input, dim=None):  # noqa: A002
    """The row-major strides of input in elements (a list; one int for `dim`)."""
    strides = [int(np.prod(input.shape[i + 1:], dtype=np.int64)) for i in builtins.range(input.ndim)]
    return strides if dim is None else strides[check.axis("stride", "dim", dim, input.ndim)]


def choose(a, choices, mode="clip"):
    """out[i] = choices[a[i]][i] (all broadcast together); out-of-range a clipped or wrapped."""
    check.tensor("choose", "a", a)
    if mode not in ("clip", "wrap", "raise"):
        raise ValueError(f"For 'choose', the 'mode' must be 'clip', 'wrap' or 'raise', but got {mode!r}.")
    options = [c if isinstance(c, Tensor) else constant(np.asarray(c)) for c in choices]
    shape = np.broadcast_shapes(a.shape, *(c.shape for c in options))
    stacked = P.Stack(0)([A.broadcast_to(c, shape) for c in options])
    n = stacked.shape[0]
    index = P.Minimum()(P.Maximum()(a, 0), n - 1) if mode == "clip" else P.FloorMod()(a, n)
    index = A.broadcast_to(P.ExpandDims()(P.Cast()(A.broadcast_to(index, shape), mstype.int64), 0), (1,) + shape)
    return P.Squeeze(0)(A.gather_elements(stacked, 0, index))


def _pad_like_numpy(array, pad_width, mode, options):
    """mindspore.numpy.pad on the _NumpyPad primitive, with pad_width normalised to
    ((before, after),) per axis."""
    check.tensor("pad", "arr", array)
    if mode not in _more._PAD_MODES:
        raise ValueError(f"For 'pad', the 'mode' must be one of {list(_more._PAD_MODES)}, but got {mode!r} "
                         "(MindSpore: 'Input mode not supported.').")
    widths = np.broadcast_to(np.asarray(pad_width, dtype=np.int64), (array.ndim, 2))
    if (widths < 0).any():
        raise ValueError(f"For 'pad', the 'pad_width' must be non-negative, but got {pad_width!r}.")
    return _more._NumpyPad(tuple(map(tuple, widths.tolist())), mode, options)(array)


__all__ = [name for name in dir() if not name.startswith("_") and name not in (
    "annotations", "builtins", "itertools", "np", "mstype", "Tensor", "P", "check", "A")]
__all__ = [n for n in __all__ if n not in ("tensor_index_add", "_promotion", "_more", "unique_sorted", "index_put", "sum_to_size", "resize", "element_strides", "choose")]
