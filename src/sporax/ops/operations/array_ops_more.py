"""More of MindSpore's array primitives (`mindspore.ops.operations.array_ops`): scatters with
reductions, segment reductions, searching, consecutive-unique, index-triangle creation,
block rearrangements (space/batch/depth), in-place row updates and the shape/scalar ops.

Each is one pure JAX `_compute` on the executor's path; `__call__` validates in MindSpore's
words first. Ops whose output shape depends on input values (UniqueConsecutive, Segment*,
ListDiff, RaggedRange) run eagerly (`_jit = False`) and refuse inside a compiled graph.
"""
from __future__ import annotations

import math
import numbers

import jax
import jax.numpy as jnp
import numpy as np

from ..._runtime import call_replay
from ...common import dtype as mstype
from ...common.tensor import Tensor
from .._constants import number
from ..primitive import Primitive, _wrap, prim_attr_register
from . import _arg_checks as check
from .array_ops import Concat, Gather, Stack
from .array_ops_ext import BroadcastTo, TensorScatterUpdate, Unstack, _concrete, _NoAttrs
from .effect_ops import _Scatter, _ScatterNd, _writable_in_place

# MindSpore's TypeId numbers, which its reprs print for dtype attributes of some primitives.
_TYPE_ID = {mstype.int32: 34, mstype.int64: 35}


def _index_dtype(op, arg, value, allowed=(mstype.int32, mstype.int64)):
    check.dtype_value(op, arg, value)
    if value not in allowed:
        raise TypeError(f"For '{op}', the '{arg}' must be one of {[str(t) for t in allowed]}, but got {value}.")
    return value


def _same_dtype(op, names, tensors):
    first = tensors[0].dtype
    for name, t in zip(names[1:], tensors[1:]):
        if t.dtype != first:
            raise TypeError(f"For '{op}', the '{name}' must have the dtype of '{names[0]}' ({first}), "
                            f"but got {t.dtype}.")


# --- scatter with a reduction (copies) -----------------------------------------------------------

class TensorScatterSub(TensorScatterUpdate):
    """A copy of `input_x` with `updates` subtracted at `indices`."""

    def _compute(self, x, indices, updates):
        return x.at[tuple(jnp.moveaxis(indices, -1, 0))].add(-updates)


class TensorScatterMul(TensorScatterUpdate):
    """A copy of `input_x` multiplied by `updates` at `indices`."""

    def _compute(self, x, indices, updates):
        return x.at[tuple(jnp.moveaxis(indices, -1, 0))].multiply(updates)


class TensorScatterDiv(TensorScatterUpdate):
    """A copy of `input_x` divided by `updates` at `indices`."""

    def _compute(self, x, indices, updates):
        index = tuple(jnp.moveaxis(indices, -1, 0))
        if jnp.issubdtype(x.dtype, jnp.integer):
            return x.at[index].set(jnp.floor_divide(x[index], updates))
        return x.at[index].divide(updates)


class TensorScatterMax(TensorScatterUpdate):
    """A copy of `input_x` with max(input_x, updates) at `indices`."""

    def _compute(self, x, indices, updates):
        return x.at[tuple(jnp.moveaxis(indices, -1, 0))].max(updates)


class TensorScatterMin(TensorScatterUpdate):
    """A copy of `input_x` with min(input_x, updates) at `indices`."""

    def _compute(self, x, indices, updates):
        return x.at[tuple(jnp.moveaxis(indices, -1, 0))].min(updates)


_REDUCE_ENUM = {"none": 0, "add": 1}


def _elements_index(x, indices, axis):
    """Full index arrays for `x[..., indices, ...]` along `axis` (torch's scatter/gather)."""
    grids = jnp.meshgrid(*[jnp.arange(n) for n in indices.shape], indexing="ij")
    grids[axis] = indices
    return tuple(grids)


def _check_elements(op, input_x, indices, updates, axis):
    check.tensor(op, "input_x", input_x)
    check.index_tensor(op, "indices", indices)
    check.tensor(op, "updates", updates)
    axis = check.axis(op, "axis", axis, input_x.ndim)
    if indices.shape != updates.shape or indices.ndim != input_x.ndim:
        raise ValueError(f"For '{op}', the 'indices' and 'updates' must have one shape of the rank of 'input_x' "
                         f"({input_x.ndim}), but got {indices.shape} and {updates.shape}.")
    if any(i > n for d, (i, n) in enumerate(zip(indices.shape, input_x.shape)) if d != axis):
        raise ValueError(f"For '{op}', the 'indices' shape {indices.shape} must not exceed the 'input_x' shape "
                         f"{input_x.shape} off the 'axis'.")
    if updates.dtype != input_x.dtype:
        raise TypeError(f"For '{op}', the 'updates' must have the dtype of 'input_x' ({input_x.dtype}), "
                        f"but got {updates.dtype}.")
    call_replay.check_values(_in_range, (indices._value(),), op, "indices", input_x.shape[axis])
    return axis


def _in_range(values, op, arg, n):
    if not values.size:
        return
    (low,), (high,) = check.column_extremes(values, 1)
    if low < -n or high >= n:
        raise ValueError(f"For '{op}', the '{arg}' must be in [{-n}, {n}), but got values from {low} to {high}.")


class TensorScatterElements(Primitive):
    """input_x with updates[i][j] written (reduction 'none') or added ('add') at
    input_x[indices[i][j]][j] (axis 0; likewise along any axis)."""

    def __init__(self, axis=0, reduction="none"):
        Primitive.__init__(self, "TensorScatterElements")
        check.int_value("TensorScatterElements", "axis", axis)
        if reduction not in _REDUCE_ENUM:
            raise ValueError(f"Failed to convert the value \"{reduction}\" of input 'reduce' of "
                             "'TensorScatterElements' to enum.")
        self.add_prim_attr("axis", axis)
        self.add_prim_attr("reduce", _REDUCE_ENUM[reduction])

    def __call__(self, input_x, indices, updates):
        axis = _check_elements(self.name, input_x, indices, updates, self.attrs["axis"])
        return _wrap(self._dispatch((input_x._value(), indices._value(), updates._value(), axis)))

    def _compute(self, x, indices, updates, axis):
        index = _elements_index(x, indices % x.shape[axis], axis)
        return x.at[index].add(updates) if self.attrs["reduce"] else x.at[index].set(updates)


class ScatterAddWithAxis(Primitive):
    """input_x with updates added at input_x[indices[i][j]][j] (along `axis`)."""

    @prim_attr_register
    def __init__(self, axis=0):
        check.int_value("ScatterAddWithAxis", "axis", axis)

    def __call__(self, input_x, indices, updates):
        axis = _check_elements(self.name, input_x, indices, updates, self.attrs["axis"])
        return _wrap(self._dispatch((input_x._value(), indices._value(), updates._value(), axis)))

    def _compute(self, x, indices, updates, axis):
        return x.at[_elements_index(x, indices % x.shape[axis], axis)].add(updates)


# --- scatter with a reduction into a Parameter (side_effect_mem) ---------------------------------

class ScatterMul(_Scatter):
    """variable[indices] *= updates."""

    def __init__(self, use_locking=False):
        super().__init__(use_locking)

    def _compute(self, x, indices, updates):
        return x.at[indices].multiply(updates)


class ScatterDiv(ScatterMul):
    """variable[indices] /= updates (integer division truncates toward zero, as MindSpore 2.10's
    kernel does: -1 / 3 is 0)."""

    def _compute(self, x, indices, updates):
        if jnp.issubdtype(x.dtype, jnp.integer):
            return x.at[indices].set(jax.lax.div(x[indices], updates))
        return x.at[indices].divide(updates)


class ScatterMax(ScatterMul):
    """variable[indices] = max(variable[indices], updates)."""

    def _compute(self, x, indices, updates):
        return x.at[indices].max(updates)


class ScatterMin(ScatterMul):
    """variable[indices] = min(variable[indices], updates)."""

    def _compute(self, x, indices, updates):
        return x.at[indices].min(updates)


class ScatterNdMul(_ScatterNd):
    """variable[indices[..., :]] *= updates."""

    def __init__(self, use_locking=False):
        super().__init__(use_locking)

    def _compute(self, x, indices, updates):
        return x.at[self._index(indices)].multiply(updates)


class ScatterNdDiv(ScatterNdMul):
    """Integer division truncates toward zero, as ScatterDiv's."""

    def _compute(self, x, indices, updates):
        index = self._index(indices)
        if jnp.issubdtype(x.dtype, jnp.integer):
            return x.at[index].set(jax.lax.div(x[index], updates))
        return x.at[index].divide(updates)


class ScatterNdMax(ScatterNdMul):
    def _compute(self, x, indices, updates):
        return x.at[self._index(indices)].max(updates)


class ScatterNdMin(ScatterNdMul):
    def _compute(self, x, indices, updates):
        return x.at[self._index(indices)].min(updates)


class ScatterNonAliasingAdd(_ScatterNd):
    """variable[indices[..., :]] += updates (a Parameter, written in place)."""

    def __init__(self):
        _ScatterNd.__init__(self, True)
        self.del_prim_attr("use_locking")

    def _compute(self, x, indices, updates):
        return x.at[self._index(indices)].add(updates)


class _ParameterAware(Primitive):
    """Computes a new value and writes it into the target in place too, a Parameter or (as
    MindSpore 2.10's PyNative does) a plain Tensor (MindSpore marks these `side_effect_mem`); a
    plain Tensor from outside a graph being traced keeps its value (only the result is returned)."""

    _writes_recorded = True  # its effects are `_write`s (executor._recorded)

    def _result(self, target, arrays):
        out = self._dispatch(arrays)
        if _writable_in_place(target):
            target._write(out)
        return _wrap(out)


class IndexAdd(_ParameterAware):
    """x with y added along `axis` at the rows `indices` (y's shape is x's with indices.size at axis)."""

    @prim_attr_register
    def __init__(self, axis, use_lock=True, check_index_bound=True):
        check.int_value("IndexAdd", "axis", axis)
        self.add_prim_attr("side_effect_mem", True)

    def __call__(self, input_x, indices, input_y):
        check.tensor(self.name, "input_x", input_x)
        check.index_tensor(self.name, "indices", indices)
        check.tensor(self.name, "input_y", input_y)
        axis = check.axis(self.name, "axis", self.attrs["axis"], input_x.ndim)
        if indices.ndim != 1:
            raise ValueError(f"For '{self.name}', the 'indices' must be 1-D, but got rank {indices.ndim}.")
        expected = input_x.shape[:axis] + (indices.shape[0],) + input_x.shape[axis + 1:]
        if input_y.shape != expected:
            raise ValueError(f"For '{self.name}', the 'input_y' shape must be {expected}, but got {input_y.shape}.")
        _same_dtype(self.name, ("input_x", "input_y"), (input_x, input_y))
        return self._result(input_x, (input_x._value(), indices._value(), input_y._value(), axis))

    def _compute(self, x, indices, y, axis):
        index = (slice(None),) * axis + (indices,)
        return x.at[index].add(y)


class InplaceIndexAdd(IndexAdd):
    """var with updates added along `axis` at `indices` (a Parameter, written in place)."""

    def __init__(self, axis):
        Primitive.__init__(self, "InplaceIndexAdd")
        check.int_value("InplaceIndexAdd", "axis", axis)
        self.add_prim_attr("axis", axis)
        self.add_prim_attr("side_effect_mem", True)

    def __call__(self, var, indices, updates):
        return IndexAdd.__call__(self, var, indices, updates)


class IndexFill(_NoAttrs):
    """x with `value` written along `dim` at `index`."""

    def __call__(self, x, dim, index, value):
        check.tensor(self.name, "x", x)
        if isinstance(dim, Tensor):
            dim = int(dim.asnumpy())
        axis = check.axis(self.name, "dim", dim, x.ndim)
        check.tensor(self.name, "index", index)
        if index.dtype != mstype.int32:
            raise TypeError(f"For primitive[{self.name}], the input argument[index] must be a type of "
                            f"{{Tensor[Int32]}}, but got Tensor[{index.dtype}].")
        if index.ndim > 1:
            raise ValueError(f"For '{self.name}', the 'index' must be 0-D or 1-D, but got rank {index.ndim}.")
        if isinstance(value, Tensor):
            if value.ndim != 0:
                raise ValueError(f"For '{self.name}', the 'value' must be a 0-D Tensor, but got shape {value.shape}.")
            fill = value._value()
        elif isinstance(value, (bool, int, float)):
            fill = value
        else:
            raise TypeError(f"For '{self.name}', the 'value' must be a Tensor or a number, "
                            f"but got {type(value).__name__}.")
        n = x.shape[axis] if x.ndim else 1
        call_replay.check_values(_in_range, (index._value(),), self.name, "index", n)
        data = x._value()
        # A number becomes a NumPy constant of x's dtype (no eager JAX cast: NumPy refuses the same
        # out-of-range ints jnp.asarray does); a Tensor's value is cast inside the kernel.
        fill = np.asarray(fill, data.dtype) if not isinstance(fill, jax.Array) else fill
        return _wrap(self._dispatch((data, axis, index._value(), fill)))

    def _compute(self, x, axis, index, value):
        value = value.astype(x.dtype)
        if x.ndim == 0:
            return jnp.where(jnp.size(index) > 0, value, x)
        return x.at[(slice(None),) * axis + (jnp.reshape(index, (-1,)),)].set(value)


def _enough_updates(mask, op, shape, count):
    # broadcasting repeats every element of the mask equally often
    selected = np.count_nonzero(mask) * (math.prod(shape) // mask.size) if mask.size else 0
    if selected > count:
        raise ValueError(f"For '{op}', the 'updates' must have at least as many elements as the mask selects "
                         f"({selected}), but got {count}.")


class MaskedScatter(_NoAttrs):
    """x with the masked positions (mask broadcast to x) filled, in row-major order, by the
    leading elements of `updates`."""

    def __call__(self, input_x, mask, updates):
        check.tensor(self.name, "input_x", input_x)
        check.tensor(self.name, "mask", mask)
        check.tensor(self.name, "updates", updates)
        if mask.dtype != mstype.bool_:
            raise TypeError(f"For '{self.name}', the 'mask' must be a Bool Tensor, but got {mask.dtype}.")
        _same_dtype(self.name, ("input_x", "updates"), (input_x, updates))
        try:
            if np.broadcast_shapes(input_x.shape, mask.shape) != input_x.shape:
                raise ValueError
        except ValueError:
            raise ValueError(f"For '{self.name}', the 'mask' shape {mask.shape} can not broadcast to the "
                             f"'input_x' shape {input_x.shape}.") from None
        call_replay.check_values(_enough_updates, (mask._value(),), self.name, input_x.shape, updates.size)
        return super().__call__(input_x, mask, updates)

    def _compute(self, x, mask, updates):
        mask = jnp.broadcast_to(mask, x.shape).reshape(-1)
        source = jnp.concatenate([updates.reshape(-1), jnp.zeros((1,), x.dtype)])
        position = jnp.clip(jnp.cumsum(mask) - 1, 0, source.shape[0] - 1)
        return jnp.where(mask, source[position], x.reshape(-1)).reshape(x.shape)


# --- in-place row updates -------------------------------------------------------------------------

def _row_indices(op, indices):
    if check.is_int(indices):
        return (int(indices),)
    if isinstance(indices, (tuple, list)) and all(check.is_int(i) for i in indices):
        return tuple(int(i) for i in indices)
    raise TypeError(f"For '{op}', the 'indices' must be an int or a tuple of ints, but got {indices!r}.")


def _check_rows(op, x, v, rows):
    check.tensor(op, "x", x)
    check.tensor(op, "v", v)
    _same_dtype(op, ("x", "v"), (x, v))
    if x.ndim == 0 or v.shape != (len(rows),) + x.shape[1:]:
        raise ValueError(f"For '{op}', the 'v' shape must be {(len(rows),) + x.shape[1:]}, but got {v.shape}.")
    n = x.shape[0]
    for r in rows:
        if not -n <= r < n:
            raise ValueError(f"For '{op}', the 'indices' must be in [{-n}, {n}), but got {r}.")


class InplaceUpdate(Primitive):
    """x with rows `indices` replaced by the rows of v."""

    @prim_attr_register
    def __init__(self, indices):
        self.add_prim_attr("indices", _row_indices(type(self).__name__, indices))

    def __call__(self, x, v):
        rows = self.attrs["indices"]
        _check_rows(self.name, x, v, rows)
        return _wrap(self._dispatch((x._value(), v._value(), rows)))

    def _compute(self, x, v, rows):
        return x.at[jnp.asarray(rows)].set(v)


class InplaceAdd(InplaceUpdate):
    """x with the rows of v added at rows `indices`."""

    def _compute(self, x, v, rows):
        return x.at[jnp.asarray(rows)].add(v)


class InplaceSub(InplaceUpdate):
    """x with the rows of v subtracted at rows `indices`."""

    def _compute(self, x, v, rows):
        return x.at[jnp.asarray(rows)].add(-v)


class InplaceUpdateV2(_NoAttrs):
    """x with rows `indices` (an int, tuple or int Tensor) replaced by the rows of v."""

    def __call__(self, x, indices, v):
        if isinstance(indices, Tensor):
            check.index_tensor(self.name, "indices", indices)
            rows = tuple(int(i) for i in np.asarray(indices.asnumpy()).reshape(-1))
        else:
            rows = _row_indices(self.name, indices)
        _check_rows(self.name, x, v, rows)
        return _wrap(self._dispatch((x._value(), v._value(), rows)))

    def _compute(self, x, v, rows):
        return x.at[jnp.asarray(rows)].set(v)


# --- segment reductions ---------------------------------------------------------------------------

def _lowest(dtype):
    return jnp.finfo(dtype).min if jnp.issubdtype(dtype, jnp.floating) else jnp.iinfo(dtype).min


def _highest(dtype):
    return jnp.finfo(dtype).max if jnp.issubdtype(dtype, jnp.floating) else jnp.iinfo(dtype).max


class _UnsortedSegment(_NoAttrs):
    """out[k] = reduce of x[i] over the i with segment_ids[i] == k, for k < num_segments
    (ids outside [0, num_segments) are dropped; an empty segment holds the reduction's identity)."""

    def __call__(self, input_x, segment_ids, num_segments):
        check.tensor(self.name, "input_x", input_x)
        check.index_tensor(self.name, "segment_ids", segment_ids)
        if isinstance(num_segments, Tensor):
            num_segments = int(num_segments.asnumpy())
        num = check.int_value(self.name, "num_segments", num_segments, minimum=1)
        if segment_ids.shape != input_x.shape[:segment_ids.ndim]:
            raise ValueError(f"For '{self.name}', the 'segment_ids' shape {segment_ids.shape} must be a prefix of the "
                             f"'input_x' shape {input_x.shape}.")
        return _wrap(self._dispatch((input_x._value(), segment_ids._value(), num)))

    def _compute(self, x, ids, num):
        flat = x.reshape((-1,) + x.shape[ids.ndim:])
        ids = ids.reshape(-1)
        valid = (ids >= 0) & (ids < num)
        ids = jnp.where(valid, ids, num)  # an extra segment for the dropped rows
        return self._segments(flat, ids, num + 1)[:num]


class UnsortedSegmentSum(_UnsortedSegment):
    def _segments(self, x, ids, num):
        return jax.ops.segment_sum(x, ids, num)


class UnsortedSegmentProd(_UnsortedSegment):
    def _segments(self, x, ids, num):
        return jax.ops.segment_prod(x, ids, num)


class UnsortedSegmentMax(_UnsortedSegment):
    """Empty segments hold the dtype's lowest value, as MindSpore's do."""

    def _segments(self, x, ids, num):
        out = jnp.full((num,) + x.shape[1:], _lowest(x.dtype), x.dtype)
        return out.at[ids].max(x)


class UnsortedSegmentMin(_UnsortedSegment):
    """Empty segments hold the dtype's highest value, as MindSpore's do."""

    def _segments(self, x, ids, num):
        out = jnp.full((num,) + x.shape[1:], _highest(x.dtype), x.dtype)
        return out.at[ids].min(x)


class _Segment(_NoAttrs):
    """out[k] = reduce of x[i] over the i with segment_ids[i] == k, ids sorted ascending and
    non-negative; max(segment_ids) + 1 rows, empty ones 0 (1 for the product)."""

    def __call__(self, input_x, segment_ids):
        check.tensor(self.name, "input_x", input_x)
        check.index_tensor(self.name, "segment_ids", segment_ids)
        if input_x.ndim == 0 or segment_ids.ndim != 1 or segment_ids.shape[0] != input_x.shape[0]:
            raise ValueError(f"For '{self.name}', the 'segment_ids' must be 1-D of the length of the first axis of "
                             f"'input_x' {input_x.shape}, but got shape {segment_ids.shape}.")
        ids = np.asarray(_concrete(self.name, segment_ids._value()))
        if ids.size and ((ids < 0).any() or (np.diff(ids) < 0).any()):
            raise ValueError(f"For '{self.name}', the 'segment_ids' must be non-negative and sorted ascending, "
                             f"but got {ids.tolist()}.")
        # The row count is known here, from the ids' values: static, so the op runs as one kernel.
        num = int(ids.max()) + 1 if ids.size else 0
        return super().__call__(input_x, segment_ids, num)

    def _compute(self, x, ids, num):
        present = jnp.zeros((num,), bool).at[ids].set(True).reshape((num,) + (1,) * (x.ndim - 1))
        return jnp.where(present, self._segments(x, ids, num), self._empty).astype(x.dtype)

    _empty = 0


class SegmentSum(_Segment):
    def _segments(self, x, ids, num):
        return jax.ops.segment_sum(x, ids, num)


class SegmentProd(_Segment):
    _empty = 1

    def _segments(self, x, ids, num):
        return jax.ops.segment_prod(x, ids, num)


class SegmentMax(_Segment):
    def _segments(self, x, ids, num):
        return jax.ops.segment_max(x, ids, num)


class SegmentMin(_Segment):
    def _segments(self, x, ids, num):
        return jax.ops.segment_min(x, ids, num)


class SegmentMean(_Segment):
    def _segments(self, x, ids, num):
        total = jax.ops.segment_sum(x, ids, num)
        count = jax.ops.segment_sum(jnp.ones(x.shape[:1], x.dtype), ids, num)
        return total / jnp.maximum(count, 1).reshape((num,) + (1,) * (x.ndim - 1))


# --- searching --------------------------------------------------------------------------------------

def _sorted_search(sequence, values, side):
    """searchsorted over the last axis, batched over the leading ones (a 1-D sequence is shared)."""
    if sequence.ndim == 1:
        return jnp.searchsorted(sequence, values, side=side)
    lead = sequence.shape[:-1]
    seq = sequence.reshape((-1, sequence.shape[-1]))
    vals = values.reshape((seq.shape[0], -1))
    out = jax.vmap(lambda s, v: jnp.searchsorted(s, v, side=side))(seq, vals)
    return out.reshape(lead + values.shape[-1:])


def _check_search(op, sequence, values, seq_name, val_name):
    check.tensor(op, seq_name, sequence)
    check.tensor(op, val_name, values)
    if sequence.ndim == 0:
        raise ValueError(f"For '{op}', the '{seq_name}' must have rank >= 1, but got a scalar.")
    if sequence.ndim > 1 and (values.ndim != sequence.ndim or values.shape[:-1] != sequence.shape[:-1]):
        raise ValueError(f"For '{op}', the leading dimensions of '{seq_name}' {sequence.shape} and '{val_name}' "
                         f"{values.shape} must be equal.")
    if sequence.dtype != values.dtype:
        raise TypeError(f"For '{op}', the '{val_name}' must have the dtype of '{seq_name}' ({sequence.dtype}), "
                        f"but got {values.dtype}.")


class SearchSorted(Primitive):
    """For each value, the index at which it would be inserted into `sorted_sequence`'s last
    axis to keep it sorted (leftmost; rightmost with `right`)."""

    def __init__(self, dtype=mstype.int64, right=False):
        Primitive.__init__(self, "SearchSorted")
        self._dtype = _index_dtype("SearchSorted", "dtype", dtype)
        if not isinstance(right, bool):
            raise TypeError(f"For 'SearchSorted', the 'right' must be a bool, but got {type(right).__name__}.")
        self.add_prim_attr("dtype", _TYPE_ID[dtype])
        self.add_prim_attr("right", right)

    def __call__(self, sorted_sequence, values):
        _check_search(self.name, sorted_sequence, values, "sorted_sequence", "values")
        return super().__call__(sorted_sequence, values)

    def _compute(self, sequence, values):
        out = _sorted_search(sequence, values, "right" if self.attrs["right"] else "left")
        return out.astype(np.int64 if self.attrs["dtype"] == 35 else np.int32)


class _Bound(Primitive):
    @prim_attr_register
    def __init__(self, out_type=mstype.int32):
        _index_dtype(type(self).__name__, "out_type", out_type)

    def __call__(self, sorted_x, values):
        _check_search(self.name, sorted_x, values, "sorted_x", "values")
        if sorted_x.ndim != 2:
            raise ValueError(f"For '{self.name}', the 'sorted_x' must be 2-D, but got rank {sorted_x.ndim}.")
        return super().__call__(sorted_x, values)

    def _compute(self, sequence, values):
        return _sorted_search(sequence, values, self._side).astype(self.attrs["out_type"].to_numpy())


class LowerBound(_Bound):
    """Per row, the first index of sorted_x whose value is >= each value."""
    _side = "left"


class UpperBound(_Bound):
    """Per row, the first index of sorted_x whose value is > each value."""
    _side = "right"


class Bucketize(Primitive):
    """Int32 index of the bucket of each element: the number of boundaries <= it."""

    @prim_attr_register
    def __init__(self, boundaries):
        if not isinstance(boundaries, (list, tuple)):
            raise TypeError(f"For 'Bucketize', the 'boundaries' must be a list of floats, but got {boundaries!r}.")
        for i, b in enumerate(boundaries):
            if not isinstance(b, float):
                raise TypeError(f"For 'Bucketize', the type of 'boundaries[{i}]' should be 'float', but got type "
                                f"'{type(b).__name__}'.")
        self.add_prim_attr("boundaries", list(boundaries))

    def __call__(self, input):  # noqa: A002
        check.tensor(self.name, "input", input)
        return super().__call__(input)

    def _compute(self, x):
        edges = jnp.asarray(self.attrs["boundaries"], np.float64)
        return jnp.searchsorted(edges, x.astype(np.float64), side="right").astype(np.int32)


# --- unique variants ----------------------------------------------------------------------------

class UniqueConsecutive(Primitive):
    """Collapses runs of equal consecutive elements (of the flattened input, or of slices along
    `dim`): (values, Int64 inverse index, Int64 run lengths)."""

    _jit = False

    @prim_attr_register
    def __init__(self, return_inverse=False, return_counts=False, dim=None):
        for name in ("return_inverse", "return_counts"):
            if not isinstance(self.attrs[name], bool):
                raise TypeError(f"For 'UniqueConsecutive', the '{name}' must be a bool, but got "
                                f"{type(self.attrs[name]).__name__}.")
        if dim is not None:
            check.int_value("UniqueConsecutive", "dim", dim)

    def __call__(self, input_x):
        check.tensor(self.name, "input_x", input_x)
        dim = self.attrs["dim"]
        if dim is not None:
            check.axis(self.name, "dim", dim, input_x.ndim)
        return super().__call__(input_x)

    def _compute(self, x):
        values = np.asarray(_concrete(self.name, x))
        dim = self.attrs["dim"]
        if dim is None:
            flat = values.reshape(-1)
            change = np.ones(flat.shape, bool)
            change[1:] = flat[1:] != flat[:-1]
            out = flat[change]
            inverse = (np.cumsum(change) - 1).reshape(values.shape)
        else:
            moved = np.moveaxis(values, dim, 0)
            rows = moved.reshape(moved.shape[0], -1)
            change = np.ones(rows.shape[0], bool)
            change[1:] = (rows[1:] != rows[:-1]).any(axis=1) if rows.shape[1] else False
            out = np.moveaxis(moved[change], 0, dim)
            inverse = np.cumsum(change) - 1
        starts = np.flatnonzero(change)
        counts = np.diff(np.append(starts, change.shape[0]))
        return jnp.asarray(out), jnp.asarray(inverse.astype(np.int64)), jnp.asarray(counts.astype(np.int64))


class UniqueWithPad(_NoAttrs):
    """Unique (order of first appearance) padded to the input's length with `pad_num`, and
    each element's index into it."""

    def __call__(self, x, pad_num):
        check.tensor(self.name, "x", x)
        if x.ndim != 1:
            raise ValueError(f"For '{self.name}', the 'x' must be 1-D, but got rank {x.ndim}.")
        if isinstance(pad_num, Tensor):
            pad_num = pad_num.asnumpy().item()
        if isinstance(pad_num, bool) or not isinstance(pad_num, numbers.Number):
            raise TypeError(f"For '{self.name}', the 'pad_num' must be a number, but got {type(pad_num).__name__}.")
        return super().__call__(x, pad_num)

    def _compute(self, x, pad_num):
        n = x.shape[0]
        earlier = jnp.tril(x[:, None] == x[None, :], -1).any(axis=1)
        first = ~earlier
        slot = jnp.cumsum(first) - 1
        out = jnp.full((n,), pad_num, x.dtype).at[jnp.where(first, slot, n)].set(x, mode="drop")
        owner = jnp.argmax(x[:, None] == x[None, :], axis=1)
        return out, slot[owner].astype(x.dtype)


class ListDiff(Primitive):
    """The values of x not in y (in x's order) and their indices in x."""

    _jit = False

    @prim_attr_register
    def __init__(self, out_idx=mstype.int32):
        _index_dtype("ListDiff", "out_idx", out_idx)

    def __call__(self, x, y):
        check.tensor(self.name, "x", x)
        check.tensor(self.name, "y", y)
        if x.ndim != 1 or y.ndim != 1:
            raise ValueError(f"For '{self.name}', the 'x' and 'y' must be 1-D, but got shapes {x.shape} and {y.shape}.")
        _same_dtype(self.name, ("x", "y"), (x, y))
        return super().__call__(x, y)

    def _compute(self, x, y):
        xs, ys = np.asarray(_concrete(self.name, x)), np.asarray(_concrete(self.name, y))
        keep = ~np.isin(xs, ys)
        return jnp.asarray(xs[keep]), jnp.asarray(np.flatnonzero(keep).astype(self.attrs["out_idx"].to_numpy()))


# --- creation -------------------------------------------------------------------------------------

class _TriangleIndices(Primitive):
    @prim_attr_register
    def __init__(self, row, col, offset=0, dtype=mstype.int32):
        op = type(self).__name__
        check.int_value(op, "row", row, minimum=0)
        check.int_value(op, "col", col, minimum=0)
        check.int_value(op, "offset", offset)
        _index_dtype(op, "dtype", dtype)

    def __call__(self):
        a = self.attrs
        return _wrap(self._dispatch((a["row"], a["col"], a["offset"])))

    def _compute(self, row, col, offset):
        rows, cols = self._where(row, col, offset)
        return jnp.stack([jnp.asarray(rows), jnp.asarray(cols)]).astype(self.attrs["dtype"].to_numpy())


class TrilIndices(_TriangleIndices):
    """The (2, N) coordinates of the lower triangle (at and below diagonal `offset`) of a row x col matrix."""

    @staticmethod
    def _where(row, col, offset):
        return np.tril_indices(row, offset, col)


class TriuIndices(_TriangleIndices):
    """The (2, N) coordinates of the upper triangle (at and above diagonal `offset`) of a row x col matrix."""

    @staticmethod
    def _where(row, col, offset):
        return np.triu_indices(row, offset, col)


class LogSpace(Primitive):
    """`steps` values base ** t, t evenly spaced from start to end (0-D Tensors)."""

    @prim_attr_register
    def __init__(self, steps=10, base=10, dtype=mstype.float32):
        check.int_value("LogSpace", "steps", steps, minimum=0)
        check.int_value("LogSpace", "base", base)
        check.dtype_value("LogSpace", "dtype", dtype)

    def __call__(self, start, end):
        for name, value in (("start", start), ("end", end)):
            check.tensor(self.name, name, value)
            if value.ndim != 0:
                raise ValueError(f"For '{self.name}', the '{name}' must be a 0-D Tensor, but got shape {value.shape}.")
        _same_dtype(self.name, ("start", "end"), (start, end))
        return super().__call__(start, end)

    def _compute(self, start, end):
        t = jnp.linspace(start.astype(np.float64), end.astype(np.float64), self.attrs["steps"])
        return jnp.power(float(self.attrs["base"]), t).astype(self.attrs["dtype"].to_numpy())


class Fills(_NoAttrs):
    """A Tensor of x's shape and dtype filled with `value` (a number or 0-D Tensor)."""

    def __call__(self, x, value):
        check.tensor(self.name, "x", x)
        if isinstance(value, Tensor):
            if value.ndim != 0:
                raise ValueError(f"For '{self.name}', the 'value' must be a 0-D Tensor, but got shape {value.shape}.")
            value = value._value()
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"For '{self.name}', the 'value' must be an int, a float or a 0-D Tensor, "
                            f"but got {type(value).__name__}.")
        else:
            value = number(value, np.float64 if isinstance(value, float) else np.int64)  # as jnp.asarray's
        return _wrap(self._dispatch((x._value(), value)))

    def _compute(self, x, value):
        return jnp.full(x.shape, value, x.dtype)


class FillV2(_NoAttrs):
    """A Tensor of `shape` (a tuple or 1-D int Tensor) filled with the 0-D Tensor `value`, in its dtype."""

    def __call__(self, shape, value):
        shape = check.int_tuple(self.name, "shape", shape, allow_int=False)
        if any(n < 0 for n in shape):
            raise ValueError(f"For '{self.name}', the 'shape' must be non-negative, but got {shape}.")
        check.tensor(self.name, "value", value)
        if value.ndim != 0:
            raise ValueError(f"For '{self.name}', the 'value' must be a 0-D Tensor, but got shape {value.shape}.")
        return _wrap(self._dispatch((shape, value._value())))

    def _compute(self, shape, value):
        return jnp.full(shape, value, value.dtype)


class ScalarToTensor(_NoAttrs):
    """A 0-D Tensor of `dtype` (Float32 by default) holding a Python number."""

    def __call__(self, input_x, dtype=mstype.float32):
        if isinstance(input_x, Tensor) or not isinstance(input_x, (bool, int, float)):
            raise TypeError(f"For '{self.name}', the 'input_x' must be a bool, int or float, "
                            f"but got {type(input_x).__name__}.")
        check.dtype_value(self.name, "dtype", dtype)
        return _wrap(self._dispatch((input_x, dtype)))

    def _compute(self, value, dtype):
        return jnp.asarray(np.asarray(value).astype(dtype.to_numpy()))


class ScalarCast(_NoAttrs):
    """A Python number converted to int (int64), float (float64) or bool."""

    _KINDS = {mstype.int64: int, mstype.float64: float, mstype.bool_: bool}

    def __call__(self, input_x, input_y):
        if isinstance(input_x, Tensor) or isinstance(input_x, bool) or not isinstance(input_x, (int, float)):
            raise TypeError(f"For '{self.name}', the 'input_x' must be a scalar, but got {type(input_x).__name__}.")
        convert = self._KINDS.get(input_y)
        if convert is None:
            raise ValueError(f"For '{self.name}', the supported type is in the list: [mindspore.int64, "
                             f"mindspore.float64, mindspore.bool], but got {input_y}")
        return convert(input_x)


class TensorShape(_NoAttrs):
    """The shape of a Tensor as a 1-D Int64 Tensor."""

    def __call__(self, input_x):
        check.tensor(self.name, "input_x", input_x)
        return Tensor(np.asarray(input_x.shape, np.int64))


class DynamicShape(TensorShape):
    """The shape of a Tensor as a 1-D Int64 Tensor (`dtype` is kept for MindSpore's signature)."""

    def __init__(self, dtype=9):
        Primitive.__init__(self, "DynamicShape")
        self.add_prim_attr("is_dynamic_shape", True)


class Expand(_NoAttrs):
    """input_x broadcast to `shape` (a 1-D int Tensor; -1 keeps that axis)."""

    def __init__(self):
        Primitive.__init__(self, "Expand")
        self.add_prim_attr("max_length", 1000000)

    def __call__(self, input_x, shape):
        check.tensor(self.name, "input_x", input_x)
        check.index_tensor(self.name, "shape", shape)
        target = check.int_tuple(self.name, "shape", shape)
        offset = len(target) - input_x.ndim
        if offset < 0 or any(n not in (1, t) and t != -1 for n, t in zip(input_x.shape, target[offset:])):
            raise ValueError(f"For '{self.name}', the 'input_x' shape {input_x.shape} can not expand to {target}.")
        return BroadcastTo(target)(input_x)


# --- matrices --------------------------------------------------------------------------------------

class MatrixBandPart(_NoAttrs):
    """x with everything outside the band (lower diagonals below, upper above; -1 keeps all)
    of each trailing matrix set to zero."""

    def __call__(self, x, lower, upper):
        check.tensor(self.name, "x", x)
        if x.ndim < 2:
            raise ValueError(f"For '{self.name}', the 'x' must have rank >= 2, but got {x.ndim}.")
        bounds = []
        for name, value in (("lower", lower), ("upper", upper)):
            if isinstance(value, Tensor):
                value = value.asnumpy().item()
            bounds.append(check.int_value(self.name, name, value))
        return _wrap(self._dispatch((x._value(), *bounds)))

    def _compute(self, x, lower, upper):
        m, n = x.shape[-2:]
        i, j = jnp.arange(m)[:, None], jnp.arange(n)[None, :]
        keep = ((lower < 0) | (i - j <= lower)) & ((upper < 0) | (j - i <= upper))
        return jnp.where(keep, x, jnp.zeros((), x.dtype))


class DiagPart(_NoAttrs):
    """The diagonal of a (d1..dk, d1..dk) Tensor (the inverse of Diag), of shape (d1..dk)."""

    def __call__(self, input_x):
        check.tensor(self.name, "input_x", input_x)
        k = input_x.ndim // 2
        if input_x.ndim == 0 or input_x.ndim % 2 or input_x.shape[:k] != input_x.shape[k:]:
            raise ValueError(f"For '{self.name}', the 'input_x' must have shape (d1..dk, d1..dk), "
                             f"but got {input_x.shape}.")
        return super().__call__(input_x)

    def _compute(self, x):
        k = x.ndim // 2
        lead = x.shape[:k]
        n = int(np.prod(lead))
        return jnp.diagonal(x.reshape(n, n)).reshape(lead)


class FillDiagonal(Primitive):
    """input_x (rank >= 2, all axes equal beyond 2-D) with its main diagonal set to
    `fill_value`; a tall matrix with `wrap` restarts the diagonal every N+1 rows."""

    @prim_attr_register
    def __init__(self, fill_value, wrap=False):
        if isinstance(fill_value, bool) or not isinstance(fill_value, (int, float)):
            raise TypeError(f"For 'FillDiagonal', the 'fill_value' must be a float, but got {fill_value!r}.")
        if not isinstance(wrap, bool):
            raise TypeError(f"For 'FillDiagonal', the 'wrap' must be a bool, but got {type(wrap).__name__}.")
        self.add_prim_attr("fill_value", float(fill_value))

    def __call__(self, input_x):
        check.tensor(self.name, "input_x", input_x)
        if input_x.ndim < 2 or (input_x.ndim > 2 and len(set(input_x.shape)) != 1):
            raise ValueError(f"For '{self.name}', the 'input_x' must be 2-D, or of equal dimensions, "
                             f"but got shape {input_x.shape}.")
        return super().__call__(input_x)

    def _compute(self, x):
        value = jnp.asarray(self.attrs["fill_value"]).astype(x.dtype)
        if x.ndim > 2:
            i = jnp.arange(x.shape[0])
            return x.at[(i,) * x.ndim].set(value)
        rows, cols = x.shape
        flat = x.reshape(-1)
        end = rows * cols if self.attrs["wrap"] else min(rows, cols) * cols
        return flat.at[jnp.arange(0, end, cols + 1)].set(value).reshape(x.shape)


# --- block rearrangement -----------------------------------------------------------------------------

def _block_pair(op, arg, value, length=2):
    if check.is_int(value):
        value = (int(value),) * length
    if not isinstance(value, (tuple, list)) or len(value) != length or not all(check.is_int(v) for v in value):
        raise TypeError(f"For '{op}', the '{arg}' must be an int or a tuple of {length} ints, but got {value!r}.")
    if any(v < 1 for v in value):
        raise ValueError(f"For '{op}', the '{arg}' must be >= 1, but got {tuple(value)}.")
    return tuple(int(v) for v in value)


def _pairs(op, arg, value, length):
    if (not isinstance(value, (tuple, list)) or len(value) != length
            or not all(isinstance(p, (tuple, list)) and len(p) == 2 and all(check.is_int(v) for v in p) for p in value)):
        raise TypeError(f"For '{op}', the '{arg}' must be {length} pairs of ints, but got {value!r}.")
    if any(v < 0 for p in value for v in p):
        raise ValueError(f"For '{op}', the '{arg}' must be non-negative, but got {value!r}.")
    return [[int(a), int(b)] for a, b in value]


class SpaceToBatchND(Primitive):
    """Pads the spatial axes (those after N, C), splits each into `block_shape` blocks and moves
    the blocks to the batch axis: (N, C, H, W) -> (N·bh·bw, C, (H+pads)/bh, (W+pads)/bw)."""

    def __init__(self, block_shape, paddings):
        Primitive.__init__(self, type(self).__name__)
        n = len(block_shape) if isinstance(block_shape, (tuple, list)) else 2
        self._blocks = _block_pair(self.name, "block_shape", block_shape, n)
        self.add_prim_attr("block_shape", self._blocks)
        self.add_prim_attr("paddings", _pairs(self.name, "paddings", paddings, n))

    def __call__(self, input_x):
        check.tensor(self.name, "input_x", input_x)
        blocks, pads = self._blocks, self.attrs["paddings"]
        if input_x.ndim != 2 + len(blocks):
            raise ValueError(f"For '{self.name}', the 'input_x' must have rank {2 + len(blocks)}, "
                             f"but got {input_x.ndim}.")
        for d, (b, (lo, hi)) in enumerate(zip(blocks, pads)):
            if (input_x.shape[2 + d] + lo + hi) % b:
                raise ValueError(f"For '{self.name}', the padded spatial size {input_x.shape[2 + d] + lo + hi} must "
                                 f"be divisible by the block {b}.")
        return super().__call__(input_x)

    def _compute(self, x):
        blocks, pads = self._blocks, self.attrs["paddings"]
        k = len(blocks)
        x = jnp.pad(x, [(0, 0), (0, 0)] + [tuple(p) for p in pads])
        n, c = x.shape[:2]
        shape = [n, c]
        for d, b in enumerate(blocks):
            shape += [x.shape[2 + d] // b, b]
        x = x.reshape(shape)
        block_axes = [3 + 2 * d for d in range(k)]
        out_axes = [2 + 2 * d for d in range(k)]
        x = jnp.transpose(x, block_axes + [0, 1] + out_axes)
        return x.reshape([n * int(np.prod(blocks)), c] + [x.shape[2 + k + d] for d in range(k)])


class SpaceToBatch(SpaceToBatchND):
    """SpaceToBatchND with one block size for both spatial axes."""

    def __init__(self, block_size, paddings):
        if not check.is_int(block_size):
            raise TypeError(f"For 'SpaceToBatch', the 'block_size' must be an int, but got {block_size!r}.")
        if block_size < 2:
            raise ValueError(f"For 'SpaceToBatch', the 'block_size' must be >= 2, but got {block_size}.")
        Primitive.__init__(self, "SpaceToBatch")
        self.add_prim_attr("block_size", block_size)
        self.add_prim_attr("paddings", _pairs(self.name, "paddings", paddings, 2))
        self._blocks = (int(block_size), int(block_size))


class BatchToSpaceND(Primitive):
    """The inverse of SpaceToBatchND: moves blocks from the batch axis back into the spatial
    axes, then crops: (N·bh·bw, C, H, W) -> (N, C, H·bh − crops, W·bw − crops)."""

    def __init__(self, block_shape, crops):
        Primitive.__init__(self, type(self).__name__)
        n = len(block_shape) if isinstance(block_shape, (tuple, list)) else 2
        self._blocks = _block_pair(self.name, "block_shape", block_shape, n)
        self.add_prim_attr("block_shape", self._blocks)
        self._crops = _pairs(self.name, "crops", crops, n)

    def __call__(self, input_x):
        check.tensor(self.name, "input_x", input_x)
        blocks = self._blocks
        if input_x.ndim != 2 + len(blocks):
            raise ValueError(f"For '{self.name}', the 'input_x' must have rank {2 + len(blocks)}, "
                             f"but got {input_x.ndim}.")
        if input_x.shape[0] % int(np.prod(blocks)):
            raise ValueError(f"For '{self.name}', the first dimension {input_x.shape[0]} must be divisible by the "
                             f"product of 'block_shape' {blocks}.")
        for d, (lo, hi) in enumerate(self._crops):
            if lo + hi >= input_x.shape[2 + d] * blocks[d]:
                raise ValueError(f"For '{self.name}', the 'crops' {self._crops} remove the whole spatial axis {d}.")
        return _wrap(self._dispatch((input_x._value(), tuple(map(tuple, self._crops)))))

    def _compute(self, x, crops):
        blocks = self._blocks
        k = len(blocks)
        n = x.shape[0] // int(np.prod(blocks))
        c, spatial = x.shape[1], x.shape[2:]
        x = x.reshape(list(blocks) + [n, c] + list(spatial))
        order = [k, k + 1]
        for d in range(k):
            order += [k + 2 + d, d]
        x = jnp.transpose(x, order).reshape([n, c] + [s * b for s, b in zip(spatial, blocks)])
        index = (slice(None), slice(None)) + tuple(slice(lo, x.shape[2 + d] - hi) for d, (lo, hi) in enumerate(crops))
        return x[index]


class BatchToSpace(BatchToSpaceND):
    """BatchToSpaceND with one block size for both spatial axes."""

    def __init__(self, block_size, crops):
        if not check.is_int(block_size):
            raise TypeError(f"For 'BatchToSpace', the 'block_size' must be an int, but got {block_size!r}.")
        if block_size < 2:
            raise ValueError(f"For 'BatchToSpace', the 'block_size' must be >= 2, but got {block_size}.")
        BatchToSpaceND.__init__(self, (block_size, block_size), crops)
        self.name = "BatchToSpace"
        self.attrs.pop("block_shape")
        self.add_prim_attr("block_size", block_size)
        self.add_prim_attr("crops", self._crops)


class SpaceToDepth(Primitive):
    """(N, C, H, W) -> (N, C·b², H/b, W/b): each b×b block of pixels becomes channels."""

    def __init__(self, block_size):
        Primitive.__init__(self, type(self).__name__)
        if not check.is_int(block_size):
            raise TypeError(f"For '{self.name}', the 'block_size' must be an int, but got {block_size!r}.")
        if block_size < 2:
            raise ValueError(f"For '{self.name}', the 'block_size' must be >= 2, but got {block_size}.")
        self.add_prim_attr("block_size", int(block_size))
        self.add_prim_attr("data_format", "NCHW")

    def _check(self, x):
        check.tensor(self.name, "x", x)
        if x.ndim != 4:
            raise ValueError(f"For '{self.name}', the 'x' must be 4-D (NCHW), but got rank {x.ndim}.")

    def __call__(self, x):
        self._check(x)
        b = self.attrs["block_size"]
        if x.shape[2] % b or x.shape[3] % b:
            raise ValueError(f"For '{self.name}', the height and width {x.shape[2:]} must be divisible by "
                             f"the 'block_size' {b}.")
        return super().__call__(x)

    def _compute(self, x):
        b = self.attrs["block_size"]
        n, c, h, w = x.shape
        x = x.reshape(n, c, h // b, b, w // b, b)
        return jnp.transpose(x, (0, 3, 5, 1, 2, 4)).reshape(n, c * b * b, h // b, w // b)


class DepthToSpace(SpaceToDepth):
    """(N, C·b², H, W) -> (N, C, H·b, W·b): the inverse of SpaceToDepth."""

    def __call__(self, x):
        self._check(x)
        b = self.attrs["block_size"]
        if x.shape[1] % (b * b):
            raise ValueError(f"For '{self.name}', the channels {x.shape[1]} must be divisible by block_size² "
                             f"({b * b}).")
        return Primitive.__call__(self, x)

    def _compute(self, x):
        b = self.attrs["block_size"]
        n, c, h, w = x.shape
        x = x.reshape(n, b, b, c // (b * b), h, w)
        return jnp.transpose(x, (0, 3, 4, 1, 5, 2)).reshape(n, c // (b * b), h * b, w * b)


# --- sequences ---------------------------------------------------------------------------------------

class ReverseSequence(Primitive):
    """For each batch entry b (along `batch_dim`), its first seq_lengths[b] elements along
    `seq_dim` reversed; the rest unchanged."""

    @prim_attr_register
    def __init__(self, seq_dim, batch_dim=0):
        check.int_value("ReverseSequence", "seq_dim", seq_dim)
        check.int_value("ReverseSequence", "batch_dim", batch_dim)

    def __call__(self, x, seq_lengths):
        check.tensor(self.name, "x", x)
        check.index_tensor(self.name, "seq_lengths", seq_lengths)
        seq = check.axis(self.name, "seq_dim", self.attrs["seq_dim"], x.ndim)
        batch = check.axis(self.name, "batch_dim", self.attrs["batch_dim"], x.ndim)
        if seq == batch:
            raise ValueError(f"For '{self.name}', the 'seq_dim' and 'batch_dim' must differ, but both are {seq}.")
        if seq_lengths.shape != (x.shape[batch],):
            raise ValueError(f"For '{self.name}', the 'seq_lengths' must have shape ({x.shape[batch]},), "
                             f"but got {seq_lengths.shape}.")
        return _wrap(self._dispatch((x._value(), seq_lengths._value(), seq, batch)))

    def _compute(self, x, lengths, seq, batch):
        n = x.shape[seq]
        position = jnp.arange(n)
        length = lengths[:, None]
        source = jnp.where(position[None, :] < length, length - 1 - position[None, :], position[None, :])
        shape = [1] * x.ndim
        shape[batch], shape[seq] = x.shape[batch], n
        index = jnp.broadcast_to(jnp.reshape(source if batch < seq else source.T, shape), x.shape)
        return jnp.take_along_axis(x, index, axis=seq)


class UnravelIndex(_NoAttrs):
    """The coordinates of flat `indices` in an array of shape `dims`: (len(dims),) + indices.shape."""

    def __call__(self, indices, dims):
        check.index_tensor(self.name, "indices", indices)
        check.index_tensor(self.name, "dims", dims)
        if dims.ndim != 1:
            raise ValueError(f"For '{self.name}', the 'dims' must be 1-D, but got rank {dims.ndim}.")
        _same_dtype(self.name, ("indices", "dims"), (indices, dims))
        shape = tuple(int(d) for d in dims.asnumpy())
        call_replay.check_values(_flat_in_range, (indices._value(),), self.name, int(np.prod(shape)))
        return _wrap(self._dispatch((indices._value(), shape)))

    def _compute(self, indices, shape):
        return jnp.stack(jnp.unravel_index(indices, shape)).astype(indices.dtype)


def _flat_in_range(values, op, size):
    if values.size and ((values < 0).any() or (values >= size).any()):
        raise ValueError(f"For '{op}', the 'indices' must be in [0, {size}), but got values from {values.min()} to "
                         f"{values.max()}.")


class RaggedRange(Primitive):
    """Ranges [starts[i], limits[i]) by deltas[i], concatenated: (row splits, values)."""

    _jit = False

    @prim_attr_register
    def __init__(self, Tsplits):  # noqa: N803 - MindSpore's argument name
        _index_dtype("RaggedRange", "Tsplits", Tsplits)

    def __call__(self, starts, limits, deltas):
        for name, t in (("starts", starts), ("limits", limits), ("deltas", deltas)):
            check.tensor(self.name, name, t)
            if t.ndim > 1:
                raise ValueError(f"For '{self.name}', the '{name}' must be 0-D or 1-D, but got rank {t.ndim}.")
        _same_dtype(self.name, ("starts", "limits", "deltas"), (starts, limits, deltas))
        if (np.asarray(deltas.asnumpy()) == 0).any():
            raise ValueError(f"For '{self.name}', the 'deltas' must not contain 0.")
        return super().__call__(starts, limits, deltas)

    def _compute(self, starts, limits, deltas):
        s, l, d = np.broadcast_arrays(*(np.atleast_1d(np.asarray(_concrete(self.name, a)))
                                        for a in (starts, limits, deltas)))
        pieces = [np.arange(a, b, c, dtype=s.dtype) for a, b, c in zip(s, l, d)]
        splits = np.concatenate([[0], np.cumsum([p.size for p in pieces])]).astype(self.attrs["Tsplits"].to_numpy())
        values = np.concatenate(pieces) if pieces else np.zeros((0,), s.dtype)
        return jnp.asarray(splits), jnp.asarray(values.astype(s.dtype))


class Padding(Primitive):
    """(..., 1) -> (..., pad_dim_size): the last axis's one value followed by zeros."""

    @prim_attr_register
    def __init__(self, pad_dim_size=8):
        check.int_value("Padding", "pad_dim_size", pad_dim_size, minimum=1)

    def __call__(self, x):
        check.tensor(self.name, "x", x)
        if x.ndim < 1 or x.shape[-1] != 1:
            raise ValueError(f"For '{self.name}', the last dimension of 'x' must be 1, but got shape {x.shape}.")
        return super().__call__(x)

    def _compute(self, x):
        return jnp.pad(x, [(0, 0)] * (x.ndim - 1) + [(0, self.attrs["pad_dim_size"] - 1)])


class EmbeddingLookup(_NoAttrs):
    """Rows `input_indices - offset` of input_params (axis 0); rows out of range are zeros."""

    def __call__(self, input_params, input_indices, offset):
        check.tensor(self.name, "input_params", input_params)
        check.index_tensor(self.name, "input_indices", input_indices)
        offset = check.int_value(self.name, "offset", offset)
        return _wrap(self._dispatch((input_params._value(), input_indices._value(), offset)))

    def _compute(self, params, indices, offset):
        index = indices - offset
        valid = (index >= 0) & (index < params.shape[0])
        rows = jnp.take(params, jnp.where(valid, index, 0), axis=0)
        return jnp.where(valid.reshape(valid.shape + (1,) * (params.ndim - 1)), rows, jnp.zeros((), params.dtype))


# --- MindSpore's older names for existing primitives -----------------------------------------------

class Pack(Stack):
    """Stack under its older name (MindSpore's repr shows no attributes)."""

    def __init__(self, axis=0):
        Stack.__init__(self, axis)
        self.name = "Pack"

    def __repr__(self):
        return "Prim[Pack]"


class Unpack(Unstack):
    """Unstack under its older name."""

    def __init__(self, axis=0):
        Unstack.__init__(self, axis)
        self.name = "Unpack"

    def __repr__(self):
        return "Prim[Unpack]"


class GatherV2(Gather):
    """Gather under its older name; MindSpore 2.10 takes `batch_dims` as a fourth input."""

    def __init__(self):
        Gather.__init__(self)
        self.name = "GatherV2"

    def __call__(self, input_params, input_indices, axis, batch_dims=0):
        if batch_dims == 0:
            return Gather.__call__(self, input_params, input_indices, axis)
        return Gather(batch_dims)(input_params, input_indices, axis)


class ParallelConcat(_NoAttrs):
    """Concatenation of (1, ...) Tensors of one shape and dtype along the first axis."""

    def __call__(self, values):
        if not isinstance(values, (tuple, list)) or not values or not all(isinstance(t, Tensor) for t in values):
            raise TypeError(f"For '{self.name}', the 'values' must be a non-empty tuple or list of Tensors, "
                            f"but got {values!r}.")
        first = values[0]
        for t in values:
            if t.shape != first.shape or t.dtype != first.dtype or t.ndim == 0 or t.shape[0] != 1:
                raise ValueError(f"For '{self.name}', every input must have one shape (1, ...) and dtype, but got "
                                 f"{[(v.shape, str(v.dtype)) for v in values]}.")
        return Concat(0)(values)


class IdentityN(_NoAttrs):
    """The inputs (a list or tuple of Tensors), unchanged."""

    def __call__(self, x):
        if not isinstance(x, (tuple, list)) or not x or not all(isinstance(t, Tensor) for t in x):
            raise TypeError(f"For '{self.name}', the 'x' must be a non-empty tuple or list of Tensors, but got {x!r}.")
        out = self._dispatch((tuple(t._value() for t in x),))
        return type(x)(_wrap(o) for o in out)

    def _compute(self, xs):
        return tuple(xs)


# --- NumPy-style helpers used by Tensor methods and mindspore.numpy ---------------------------------

class Eps(_NoAttrs):
    """A Tensor of x's shape and dtype filled with the dtype's machine epsilon."""

    def __call__(self, x):
        check.tensor(self.name, "x", x)
        if x.dtype not in (mstype.float16, mstype.float32, mstype.float64, mstype.bfloat16):
            raise TypeError(f"For '{self.name}', the 'x' must be a float Tensor, but got {x.dtype}.")
        return super().__call__(x)

    def _compute(self, x):
        return jnp.full(x.shape, jnp.finfo(x.dtype).eps, x.dtype)


class _UniqueSorted(_NoAttrs):
    """The sorted distinct values (of the flattened input, or of slices along `dim`), the
    Int64 index of each element's value and each value's count."""

    _jit = False

    def __init__(self, dim=None):
        _NoAttrs.__init__(self)
        self._dim = dim

    def _kernel_key(self):
        return (type(self), self._dim)

    def __call__(self, input):  # noqa: A002
        check.tensor("unique", "input", input)
        if self._dim is not None:
            check.axis("unique", "dim", self._dim, input.ndim)
        return super().__call__(input)

    def _compute(self, x):
        values = np.asarray(_concrete("unique", x))
        if self._dim is None:
            out, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
            inverse = inverse.reshape(values.shape)
        else:
            out, inverse, counts = np.unique(values, return_inverse=True, return_counts=True, axis=self._dim)
            inverse = inverse.reshape(-1)
        return jnp.asarray(out), jnp.asarray(inverse.astype(np.int64)), jnp.asarray(counts.astype(np.int64))


_PAD_MODES = ("constant", "edge", "linear_ramp", "maximum", "mean", "median", "minimum", "reflect", "symmetric",
              "wrap", "empty")


class _NumpyPad(_NoAttrs):
    """NumPy's pad: `pad_width` ((before, after) per axis) filled per `mode`."""

    def __init__(self, pad_width, mode, options):
        _NoAttrs.__init__(self)
        self._pad_width, self._mode, self._options = pad_width, mode, options

    def _kernel_key(self):
        return (type(self), self._pad_width, self._mode, self._options)

    def _compute(self, x):
        mode = "constant" if self._mode == "empty" else self._mode
        return jnp.pad(x, self._pad_width, mode=mode, **dict(self._options))


__all__ = [
    "TensorScatterSub", "TensorScatterMul", "TensorScatterDiv", "TensorScatterMax", "TensorScatterMin",
    "TensorScatterElements", "ScatterAddWithAxis", "ScatterMul", "ScatterDiv", "ScatterMax", "ScatterMin",
    "ScatterNdMul", "ScatterNdDiv", "ScatterNdMax", "ScatterNdMin", "ScatterNonAliasingAdd", "IndexAdd",
    "InplaceIndexAdd", "IndexFill", "MaskedScatter", "InplaceUpdate", "InplaceAdd", "InplaceSub", "InplaceUpdateV2",
    "UnsortedSegmentSum", "UnsortedSegmentProd", "UnsortedSegmentMax", "UnsortedSegmentMin", "SegmentSum",
    "SegmentProd", "SegmentMax", "SegmentMin", "SegmentMean", "SearchSorted", "LowerBound", "UpperBound",
    "Bucketize", "UniqueConsecutive", "UniqueWithPad", "ListDiff", "TrilIndices", "TriuIndices", "LogSpace",
    "Fills", "FillV2", "ScalarToTensor", "ScalarCast", "TensorShape", "DynamicShape", "Expand", "MatrixBandPart",
    "DiagPart", "FillDiagonal", "SpaceToBatchND", "SpaceToBatch", "BatchToSpaceND", "BatchToSpace", "SpaceToDepth",
    "DepthToSpace", "ReverseSequence", "UnravelIndex", "RaggedRange", "Padding", "EmbeddingLookup", "Pack", "Unpack",
    "GatherV2", "ParallelConcat", "IdentityN", "Eps",
]
