"""The rest of MindSpore's array family (`mindspore.ops.operations.array_ops`): tiling, gathers
and scatters, slicing, sorting, cumulative ops, creation ops and metadata ops. Kept apart from
array_ops.py so parallel work merges cleanly; `sporax.ops.operations` exports both.

Ops whose output shape depends on the values (Unique, MaskedSelect, NonZero) run eagerly
(`_jit = False`): inside a compiled graph they refuse with a clear error, since XLA needs
static shapes.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ..._runtime import call_replay
from .. import _constants, _promotion
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ...errors import ValueShapedOpInGraphError
from ..primitive import Primitive, _wrap, prim_attr_register
from . import _arg_checks as check


def _concrete(op, array):
    if isinstance(array, jax.core.Tracer):
        concrete = call_replay.read_argument(array)
        if concrete is not None:
            return concrete
        raise ValueShapedOpInGraphError(f"For '{op}', the output shape depends on the input values, which a compiled "
                                        "graph (GRAPH_MODE or sporax.jit) does not know; run it in PYNATIVE_MODE.")
    return array


class _NoAttrs(Primitive):
    def __init__(self):
        Primitive.__init__(self, type(self).__name__)


class Tile(_NoAttrs):
    """The input repeated `dims[i]` times along axis i (dims shorter than the rank are
    left-padded with 1; longer ones add leading axes)."""

    def __call__(self, input, dims):  # noqa: A002 - MindSpore's argument names
        check.tensor(self.name, "input", input)
        dims = check.int_tuple(self.name, "dims", dims, allow_int=False)
        if any(d < 0 for d in dims):
            raise ValueError(f"For '{self.name}', the 'dims' must be non-negative, but got {dims}.")
        return super().__call__(input, dims)

    def _compute(self, x, dims):
        return jnp.tile(x, dims)


def _gather_nd_in_range(values, op, bound):
    if not values.size:
        return
    lows, highs = check.column_extremes(values, len(bound))
    if min(lows) < 0 or any(high >= n for high, n in zip(highs, bound)):
        raise ValueError(f"For '{op}', the 'indices' must be in range of 'input_x' shape {bound}, but got values "
                         f"from {min(lows)} to {max(highs)}.")


class GatherNd(_NoAttrs):
    """input[indices[..., 0], indices[..., 1], ...]: the last axis of `indices` indexes the
    leading axes of `input_x`."""

    def __call__(self, input_x, indices):
        check.tensor(self.name, "input_x", input_x)
        check.index_tensor(self.name, "indices", indices)
        depth = indices.shape[-1] if indices.ndim else 0
        if indices.ndim == 0 or depth > input_x.ndim:
            raise ValueError(f"For '{self.name}', the last dimension of 'indices' must be <= the rank of "
                             f"'input_x' ({input_x.ndim}), but got 'indices' shape {indices.shape}.")
        call_replay.check_values(_gather_nd_in_range, (indices._value(),), self.name, input_x.shape[:depth])
        return super().__call__(input_x, indices)

    def _compute(self, x, indices):
        return x[tuple(jnp.moveaxis(indices, -1, 0))]


class TopK(Primitive):
    """The k largest entries along the last axis and their Int32 indices (sorted descending)."""

    @prim_attr_register
    def __init__(self, sorted=True):  # noqa: A002
        check_bool = self.attrs["sorted"]
        if not isinstance(check_bool, bool):
            raise TypeError(f"For 'TopK', the 'sorted' must be a bool, but got {type(sorted).__name__}.")

    def __call__(self, input_x, k):
        check.tensor(self.name, "input_x", input_x)
        k = check.int_value(self.name, "k", k)
        n = input_x.shape[-1] if input_x.ndim else 1
        if not 0 <= k <= n:
            raise ValueError(f"For primitive[{self.name}], the k must be in [0, {n}], but got {k}.")
        return super().__call__(input_x, k)

    def _compute(self, x, k):
        values, indices = jax.lax.top_k(x, k)
        return values, indices.astype(np.int32)


class Unique(_NoAttrs):
    """The distinct values in order of first appearance, and for each input element the
    index of its value in that list (Int64 for an Int64 input, else Int32)."""

    _jit = False

    def __call__(self, input_x):
        check.tensor(self.name, "input_x", input_x)
        if input_x.ndim != 1:
            raise ValueError(f"For '{self.name}', the 'input_x' must be 1-D, but got rank {input_x.ndim}.")
        return super().__call__(input_x)

    def _compute(self, x):
        values = np.asarray(_concrete(self.name, x))
        _, first, inverse = np.unique(values, return_index=True, return_inverse=True)
        order = np.argsort(first, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(order.size)
        index_dtype = np.int64 if values.dtype == np.int64 else np.int32
        return jnp.asarray(values[np.sort(first)]), jnp.asarray(rank[inverse].reshape(-1).astype(index_dtype))


class Flatten(_NoAttrs):
    """(N, ...) -> (N, prod(...)); a 0-D input becomes (1, 1)... refused, as MindSpore does."""

    def __call__(self, input_x):
        check.tensor(self.name, "input_x", input_x)
        if input_x.ndim == 0:
            raise ValueError(f"For '{self.name}', the 'input_x' must have rank >= 1, but got a scalar.")
        return super().__call__(input_x)

    def _compute(self, x):
        return jnp.reshape(x, (x.shape[0], -1)) if x.ndim > 1 else jnp.reshape(x, (x.shape[0], 1))


class BroadcastTo(Primitive):
    """The input broadcast to `shape` (-1 keeps the input's size there)."""

    @prim_attr_register
    def __init__(self, shape):
        self.add_prim_attr("shape", check.int_tuple("BroadcastTo", "shape", shape))

    def __call__(self, input):  # noqa: A002
        check.tensor(self.name, "input", input)
        target = list(self.attrs["shape"])
        offset = len(target) - input.ndim
        if offset < 0:
            raise ValueError(f"For '{self.name}', the 'shape' {tuple(target)} must have rank >= the input's "
                             f"{input.shape}.")
        for i, n in enumerate(target):
            if n == -1:
                if i < offset:
                    raise ValueError(f"For '{self.name}', -1 in 'shape' {tuple(target)} at a new leading axis.")
                target[i] = input.shape[i - offset]
        for i, n in enumerate(input.shape):
            if n != 1 and n != target[i + offset]:
                raise ValueError(f"For '{self.name}', the input shape {input.shape} can not broadcast to "
                                 f"{tuple(target)}.")
        return _wrap(self._dispatch((input._value(), tuple(target))))

    def _compute(self, x, shape):
        return jnp.broadcast_to(x, shape)


class MaskedFill(_NoAttrs):
    """`value` where `mask` is True, the input elsewhere (mask broadcast to the input)."""

    def __call__(self, input, mask, value):  # noqa: A002
        check.tensor(self.name, "input", input)
        check.tensor(self.name, "mask", mask)
        if mask.dtype != mstype.bool_:
            raise TypeError(f"For '{self.name}', the 'mask' must be a Bool Tensor, but got {mask.dtype}.")
        if isinstance(value, Tensor):
            if value.ndim != 0:
                raise ValueError(f"For '{self.name}', the 'value' must be a 0-D Tensor, but got shape {value.shape}.")
            fill = value._value()  # cast to the input's dtype inside the kernel, not by an eager op of its own
        elif isinstance(value, (bool, int, float)):
            fill = _constants.number(value, input._value().dtype)  # one device copy per value
        else:
            raise TypeError(f"For '{self.name}', the 'value' must be a Tensor or a number, "
                            f"but got {type(value).__name__}.")
        try:
            np.broadcast_shapes(input.shape, mask.shape)
        except ValueError:
            raise ValueError(f"For '{self.name}', the 'mask' shape {mask.shape} can not broadcast to the input "
                             f"shape {input.shape}.") from None
        return _wrap(self._dispatch((input._value(), mask._value(), fill)))

    def _compute(self, x, mask, value):
        return jnp.where(mask, value.astype(x.dtype), x)


class MaskedSelect(_NoAttrs):
    """The elements where `mask` (broadcast with the input) is True, as a 1-D Tensor."""

    _jit = False

    def __call__(self, input, mask):  # noqa: A002
        check.tensor(self.name, "input", input)
        check.tensor(self.name, "mask", mask)
        if mask.dtype != mstype.bool_:
            raise TypeError(f"For '{self.name}', the 'mask' must be a Bool Tensor, but got {mask.dtype}.")
        return super().__call__(input, mask)

    def _compute(self, x, mask):
        mask = np.asarray(_concrete(self.name, mask))
        if call_replay.traced(x):  # differentiated: the gather stays in JAX
            x, mask = jnp.broadcast_arrays(x, mask)
            return x[np.asarray(mask)]
        # The output's size is only known from the values, so the op runs on the host: one
        # NumPy gather instead of a dozen eager JAX dispatches (1 ms -> tens of us).
        x, mask = np.broadcast_arrays(np.asarray(x), mask)
        return jnp.asarray(x[mask])


class NonZero(_NoAttrs):
    """The Int64 coordinates of the nonzero elements, one row per element."""

    _jit = False

    def __call__(self, input):  # noqa: A002
        check.tensor(self.name, "input", input)
        if input.ndim == 0:  # MindSpore's CPU kernel refuses it the same way (as a RuntimeError)
            raise ValueError(f"For '{self.name}', the dimension of 'input' must be greater than or equal to 1, "
                             "but got 0.")
        return super().__call__(input)

    def _compute(self, x):
        # Host NumPy: the output's size depends on the values (see MaskedSelect).
        values = np.asarray(_concrete(self.name, x))
        return jnp.asarray(np.argwhere(values).astype(np.int64).reshape(-1, max(values.ndim, 1)))


class ReverseV2(Primitive):
    """The input reversed along each axis in `axis`."""

    @prim_attr_register
    def __init__(self, axis):
        self.add_prim_attr("axis", check.int_tuple("ReverseV2", "axis", axis))

    def __call__(self, input):  # noqa: A002
        check.tensor(self.name, "input", input)
        check.axes(self.name, "axis", self.attrs["axis"], input.ndim)
        return super().__call__(input)

    def _compute(self, x):
        return jnp.flip(x, self.attrs["axis"])


class Roll(Primitive):
    """Elements shifted by `shifts` along `dims` (cyclically); dims None rolls the flattened input."""

    @prim_attr_register
    def __init__(self, shifts, dims=None):
        self.add_prim_attr("shifts", check.int_tuple("Roll", "shifts", shifts))
        if dims is not None:
            self.add_prim_attr("dims", check.int_tuple("Roll", "dims", dims))
            if len(self.attrs["dims"]) != len(self.attrs["shifts"]):
                raise ValueError(f"For 'Roll', the 'shifts' and 'dims' must have the same length, but got "
                                 f"{shifts} and {dims}.")

    def __call__(self, input):  # noqa: A002
        check.tensor(self.name, "input", input)
        if self.attrs["dims"] is not None:
            check.axes(self.name, "dims", self.attrs["dims"], input.ndim)
        return super().__call__(input)

    def _compute(self, x):
        dims = self.attrs["dims"]
        if dims is None:
            return jnp.roll(x.reshape(-1), self.attrs["shifts"][0]).reshape(x.shape)
        return jnp.roll(x, self.attrs["shifts"], dims)


class Sort(Primitive):
    """Values sorted along `axis` (stably; NaN last ascending) and their Int32 positions."""

    @prim_attr_register
    def __init__(self, axis=-1, descending=False):
        check.int_value("Sort", "axis", axis)
        if not isinstance(descending, bool):
            raise TypeError(f"For 'Sort', the 'descending' must be a bool, but got {type(descending).__name__}.")

    def __call__(self, x):
        check.tensor(self.name, "input_x", x)
        check.axis(self.name, "axis", self.attrs["axis"], x.ndim)
        return super().__call__(x)

    def _compute(self, x):
        axis = self.attrs["axis"] if x.ndim else None
        if x.ndim == 0:
            return x, jnp.zeros((), np.int32)
        indices = jnp.argsort(x, axis=axis, stable=True, descending=self.attrs["descending"])
        return jnp.take_along_axis(x, indices, axis=axis), indices.astype(np.int32)


class _Cumulative(Primitive):
    _fn = None

    @prim_attr_register
    def __init__(self, exclusive=False, reverse=False):
        for arg, value in (("exclusive", exclusive), ("reverse", reverse)):
            if not isinstance(value, bool):
                raise TypeError(f"For '{type(self).__name__}', the '{arg}' must be a bool, but got "
                                f"{type(value).__name__}.")

    def __call__(self, x, axis):
        check.tensor(self.name, "x", x)
        if isinstance(axis, Tensor):
            axis = int(axis)
        axis = check.axis(self.name, "axis", axis, x.ndim)
        return super().__call__(x, axis)

    def _compute(self, x, axis):
        if self.attrs["reverse"]:
            x = jnp.flip(x, axis)
        out = type(self)._fn(x, axis=axis, dtype=x.dtype)
        if self.attrs["exclusive"]:
            identity = type(self)._identity
            pad = [(0, 0)] * x.ndim
            pad[axis] = (1, 0)
            out = jax.lax.slice_in_dim(jnp.pad(out, pad, constant_values=identity), 0, x.shape[axis], axis=axis)
        return jnp.flip(out, axis) if self.attrs["reverse"] else out


class CumSum(_Cumulative):
    """Running sums along `axis` (exclusive: shifted by one; reverse: from the end)."""
    _fn = staticmethod(jnp.cumsum)
    _identity = 0


class CumProd(_Cumulative):
    """Running products along `axis`."""
    _fn = staticmethod(jnp.cumprod)
    _identity = 1


class _CumExtreme(Primitive):
    _fn = None

    @prim_attr_register
    def __init__(self, axis):
        check.int_value(type(self).__name__, "axis", axis)

    def __call__(self, input):  # noqa: A002
        check.tensor(self.name, "input", input)
        check.axis(self.name, "axis", self.attrs["axis"], input.ndim)
        return super().__call__(input)

    def _compute(self, x):
        axis = self.attrs["axis"] % max(x.ndim, 1)
        n = x.shape[axis]
        positions = jnp.broadcast_to(jnp.arange(n).reshape((-1,) + (1,) * (x.ndim - axis - 1)), x.shape)
        better = type(self)._better

        def step(carry, item):
            best_value, best_index = carry
            value, index = item
            take = better(value, best_value) | (value == best_value)
            new = (jnp.where(take, value, best_value), jnp.where(take, index, best_index))
            return new, new

        xs = (jnp.moveaxis(x, axis, 0), jnp.moveaxis(positions, axis, 0))
        first = (xs[0][0], xs[1][0])
        _, (values, indices) = jax.lax.scan(step, first, xs)
        return jnp.moveaxis(values, 0, axis), jnp.moveaxis(indices, 0, axis).astype(type(self)._index_dtype)


class Cummax(_CumExtreme):
    """Running maximum along `axis` and the Int64 index where it was (the last on ties)."""
    _better = staticmethod(jnp.greater)
    _index_dtype = np.int64


class Cummin(_CumExtreme):
    """Running minimum along `axis` and the Int32 index where it was (the last on ties;
    MindSpore gives Cummin Int32 indices and Cummax Int64)."""
    _better = staticmethod(jnp.less)
    _index_dtype = np.int32


class Meshgrid(Primitive):
    """Coordinate grids from 1-D Tensors ('xy': Cartesian, 'ij': matrix indexing)."""

    _INDEXING = {"ij": 0, "xy": 1}

    def __init__(self, indexing="xy"):
        Primitive.__init__(self, "Meshgrid")
        if indexing not in self._INDEXING:
            raise ValueError(f"For 'Meshgrid', the 'indexing' must be 'xy' or 'ij', but got {indexing!r}.")
        self.indexing = indexing
        self.add_prim_attr("indexing", self._INDEXING[indexing])  # MindSpore shows the enum value

    def __call__(self, inputs):
        if not isinstance(inputs, (tuple, list)) or len(inputs) < 2:
            raise TypeError(f"For '{self.name}', the 'inputs' must be a tuple of at least two Tensors, "
                            f"but got {inputs!r}.")
        for t in inputs:
            check.tensor(self.name, "inputs", t)
            if t.ndim != 1:
                raise ValueError(f"For '{self.name}', each of 'inputs' must be 1-D, but got shape {t.shape}.")
            if t.dtype != inputs[0].dtype:
                raise TypeError(f"For '{self.name}', the 'inputs' must share one dtype, but got "
                                f"{inputs[0].dtype} and {t.dtype}.")
        return super().__call__(tuple(inputs))

    def _compute(self, xs):
        return tuple(jnp.meshgrid(*xs, indexing=self.indexing))


def _scalar_arg(op, arg, value):
    """`value`, checked to be a 0-D Tensor or a number."""
    if isinstance(value, Tensor):
        if value.ndim != 0:
            raise ValueError(f"For '{op}', the '{arg}' must be a 0-D Tensor, but got shape {value.shape}.")
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor or a number, but got {type(value).__name__}.")
    return value


def _scalar_value(op, arg, value):
    """A 0-D Tensor's value read on the host, or the number, and the Tensor's dtype (None for a number)."""
    value = _scalar_arg(op, arg, value)
    if isinstance(value, Tensor):
        return value.asnumpy().item(), value.dtype
    return value, None


class LinSpace(_NoAttrs):
    """`num` evenly spaced values from `start` to `stop` inclusive (Float32 unless the
    start Tensor is Float64)."""

    def __call__(self, start, stop, num):
        start, start_type = self._end("start", start)
        stop, _ = self._end("stop", stop)
        if isinstance(num, Tensor):
            num = int(num)
        num = check.int_value(self.name, "num", num, minimum=1)
        dtype = start_type if start_type in (mstype.float64, mstype.float16, mstype.bfloat16) else mstype.float32
        return super().__call__(start, stop, num, dtype)

    def _end(self, arg, value):
        """start or stop as a kernel input (a 0-D Tensor's own array, which a compiled graph may
        trace; a number as a float64 scalar), and the Tensor's dtype: one kernel per num serves
        every value (as static numbers, each value compiled its own)."""
        value = _scalar_arg(self.name, arg, value)
        if isinstance(value, Tensor):
            return value._value(), value.dtype
        return np.float64(value), None

    def _compute(self, start, stop, num, dtype):
        return jnp.linspace(start.astype(np.float64), stop.astype(np.float64), num, dtype=np.float64).astype(
            dtype.to_numpy())


class Range(Primitive):
    """[start, limit) in steps of `delta`; the dtype of the Tensors (Int64 for Python ints)."""

    @prim_attr_register
    def __init__(self, maxlen=1000000):
        check.int_value("Range", "maxlen", maxlen, minimum=1)

    def __call__(self, start, limit, delta):
        values, dtypes = [], []
        for arg, v in (("start", start), ("limit", limit), ("delta", delta)):
            value, dtype = _scalar_value(self.name, arg, v)
            values.append(value)
            dtypes.append(dtype or (mstype.int64 if isinstance(value, int) else mstype.float32))
        dtype = dtypes[0]
        for d in dtypes[1:]:
            dtype = _promotion.promote(dtype, d)
        start, limit, delta = values
        if delta == 0:
            raise ValueError(f"For '{self.name}', the 'delta' can not be zero.")
        if (limit - start) * delta < 0:
            raise ValueError(f"For '{self.name}', the 'delta' must move 'start' ({start}) towards 'limit' "
                             f"({limit}), but got {delta}.")
        n = int(np.ceil((limit - start) / delta))
        if n > self.attrs["maxlen"]:
            raise ValueError(f"For '{self.name}', the output length {n} exceeds 'maxlen' {self.attrs['maxlen']}.")
        # start and delta are kernel inputs (NumPy scalars of the working dtype), so that one kernel
        # per length serves every start and step: as static numbers each value compiled its own.
        # (A NumPy scalar, not a 0-D array: JAX copies a 0-D array to the device as an op of its own.)
        working = np.float64 if dtype.kind == "float" else np.int64
        return super().__call__(working(start), working(delta), n, dtype)

    def _compute(self, start, delta, n, dtype):
        return (start + delta * jnp.arange(n, dtype=start.dtype)).astype(dtype.to_numpy())


class Eye(_NoAttrs):
    """An n x m matrix with ones on the diagonal, of dtype `t`."""

    def __call__(self, n, m, t):
        n = check.int_value(self.name, "n", n, minimum=0)
        m = check.int_value(self.name, "m", m, minimum=0)
        check.dtype_value(self.name, "t", t)
        return super().__call__(n, m, t)

    def _compute(self, n, m, dtype):
        return jnp.eye(n, m, dtype=dtype.to_numpy())


class Slice(_NoAttrs):
    """input_x[begin[i] : begin[i] + size[i]] on each axis (size -1: to the end)."""

    def __call__(self, input_x, begin, size):
        check.tensor(self.name, "input_x", input_x)
        begin = check.int_tuple(self.name, "begin", begin, allow_int=False)
        size = check.int_tuple(self.name, "size", size, allow_int=False)
        if len(begin) != input_x.ndim or len(size) != input_x.ndim:
            raise ValueError(f"For '{self.name}', the 'begin' and 'size' must have the input's rank "
                             f"{input_x.ndim}, but got {len(begin)} and {len(size)}.")
        ends = []
        for axis, (b, s, n) in enumerate(zip(begin, size, input_x.shape)):
            e = n if s == -1 else b + s
            if b < 0 or s < -1 or e > n:
                raise ValueError(f"For '{self.name}', the slice [{b}, {e}) on axis {axis} is outside the input "
                                 f"shape {input_x.shape}.")
            ends.append(e)
        return super().__call__(input_x, begin, tuple(ends))

    def _compute(self, x, begin, ends):
        return jax.lax.slice(x, begin, ends) if x.ndim else x


class StridedSlice(Primitive):
    """input_x[begin:end:strides] per axis with TensorFlow-style masks: bit i of begin_mask /
    end_mask ignores begin[i] / end[i]; ellipsis_mask marks an ellipsis; new_axis_mask inserts
    an axis; shrink_axis_mask takes the single index begin[i] and drops the axis."""

    @prim_attr_register
    def __init__(self, begin_mask=0, end_mask=0, ellipsis_mask=0, new_axis_mask=0, shrink_axis_mask=0):
        for arg in ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask"):
            check.int_value("StridedSlice", arg, self.attrs[arg], minimum=0)

    def __call__(self, input_x, begin, end, strides):
        check.tensor(self.name, "input_x", input_x)
        begin = check.int_tuple(self.name, "begin", begin, allow_int=False)
        end = check.int_tuple(self.name, "end", end, allow_int=False)
        strides = check.int_tuple(self.name, "strides", strides, allow_int=False)
        if not len(begin) == len(end) == len(strides):
            raise ValueError(f"For '{self.name}', the 'begin', 'end' and 'strides' must have the same length, "
                             f"but got {len(begin)}, {len(end)} and {len(strides)}.")
        if 0 in strides:
            raise ValueError(f"For '{self.name}', the 'strides' can not contain 0, but got {strides}.")
        return super().__call__(input_x, self._index(begin, end, strides))

    def _index(self, begin, end, strides):
        a = self.attrs
        index = []
        for i, (b, e, s) in enumerate(zip(begin, end, strides)):
            bit = 1 << i
            # Encoded as tuples: slices are not hashable keys for the kernel cache.
            if a["ellipsis_mask"] & bit:
                index.append(("...",))
            elif a["new_axis_mask"] & bit:
                index.append(("new",))
            elif a["shrink_axis_mask"] & bit:
                index.append(("at", b))
            else:
                index.append(("slice", None if a["begin_mask"] & bit else b, None if a["end_mask"] & bit else e, s))
        return tuple(index)

    def _compute(self, x, index):
        decoded = {"...": lambda: Ellipsis, "new": lambda: None}
        return x[tuple(decoded[i[0]]() if i[0] in decoded else (i[1] if i[0] == "at" else slice(*i[1:]))
                       for i in index)]


class GatherD(_NoAttrs):
    """out[i][j] = x[index[i][j]][j] along `dim` (index of the input's rank)."""

    def __call__(self, x, dim, index):
        check.tensor(self.name, "x", x)
        check.index_tensor(self.name, "index", index)
        dim = check.axis(self.name, "dim", dim, x.ndim)
        if index.ndim != x.ndim:
            raise ValueError(f"For '{self.name}', the 'index' must have the rank of 'x' ({x.ndim}), "
                             f"but got {index.ndim}.")
        return super().__call__(x, dim, index)

    def _compute(self, x, dim, index):
        return jnp.take_along_axis(x, index, axis=dim, mode="clip")


def _check_scatter(op, indices, updates, shape):
    check.index_tensor(op, "indices", indices)
    check.tensor(op, "updates", updates)
    depth = indices.shape[-1] if indices.ndim else 0
    expected = tuple(indices.shape[:-1]) + tuple(shape[depth:])
    if indices.ndim == 0 or depth > len(shape) or tuple(updates.shape) != expected:
        raise ValueError(f"For '{op}', the 'updates' shape must be indices.shape[:-1] + shape[indices.shape[-1]:] "
                         f"= {expected}, but got {updates.shape} (indices {indices.shape}, shape {tuple(shape)}).")


class ScatterNd(_NoAttrs):
    """A zero Tensor of `shape` with `updates` summed in at `indices`."""

    def __call__(self, indices, updates, shape):
        shape = check.int_tuple(self.name, "shape", shape, allow_int=False)
        _check_scatter(self.name, indices, updates, shape)
        return super().__call__(indices, updates, shape)

    def _compute(self, indices, updates, shape):
        return jnp.zeros(shape, updates.dtype).at[tuple(jnp.moveaxis(indices, -1, 0))].add(updates)


class TensorScatterUpdate(_NoAttrs):
    """A copy of `input_x` with `updates` written at `indices` (not in place)."""

    def __call__(self, input_x, indices, updates):
        check.tensor(self.name, "input_x", input_x)
        _check_scatter(self.name, indices, updates, input_x.shape)
        if updates.dtype != input_x.dtype:
            raise TypeError(f"For '{self.name}', the 'updates' must have the dtype of 'input_x' ({input_x.dtype}), "
                            f"but got {updates.dtype}.")
        return super().__call__(input_x, indices, updates)

    def _compute(self, x, indices, updates):
        return x.at[tuple(jnp.moveaxis(indices, -1, 0))].set(updates)


class TensorScatterAdd(TensorScatterUpdate):
    """A copy of `input_x` with `updates` added at `indices`."""

    def _compute(self, x, indices, updates):
        return x.at[tuple(jnp.moveaxis(indices, -1, 0))].add(updates)


class Unstack(Primitive):
    """The slices of the input along `axis`, as a tuple."""

    @prim_attr_register
    def __init__(self, axis=0, num=None):
        check.int_value("Unstack", "axis", axis)

    def __call__(self, input_x):
        check.tensor(self.name, "input_x", input_x)
        if input_x.ndim == 0:
            raise ValueError(f"For '{self.name}', the 'input_x' must have rank >= 1, but got a scalar.")
        check.axis(self.name, "axis", self.attrs["axis"], input_x.ndim)
        return super().__call__(input_x)

    def _compute(self, x):
        axis = self.attrs["axis"] % x.ndim
        return tuple(jnp.moveaxis(x, axis, 0))


class Diag(_NoAttrs):
    """A Tensor of rank 2k with the rank-k input on its diagonal."""

    def __call__(self, input_x):
        check.tensor(self.name, "input_x", input_x)
        if input_x.ndim == 0:
            raise ValueError(f"For '{self.name}', the 'input_x' must have rank >= 1, but got a scalar.")
        return super().__call__(input_x)

    def _compute(self, x):
        flat = x.reshape(-1)
        return jnp.diag(flat).reshape(x.shape + x.shape)


class Tril(Primitive):
    """The lower triangle (on and below `diagonal`) of the last two axes; the rest zero."""

    _fn = staticmethod(jnp.tril)

    @prim_attr_register
    def __init__(self, diagonal=0):
        check.int_value(type(self).__name__, "diagonal", diagonal)

    def __call__(self, x):
        check.tensor(self.name, "x", x)
        if x.ndim < 2:
            raise ValueError(f"For '{self.name}', the 'x' must have rank >= 2, but got {x.ndim}.")
        return super().__call__(x)

    def _compute(self, x):
        return type(self)._fn(x, self.attrs["diagonal"])


class Triu(Tril):
    """The upper triangle (on and above `diagonal`) of the last two axes; the rest zero."""

    _fn = staticmethod(jnp.triu)


class Trace(_NoAttrs):
    """The sum of the diagonal of a 2-D Tensor."""

    def __call__(self, input):  # noqa: A002
        check.tensor(self.name, "input", input)
        if input.ndim != 2:
            raise ValueError(f"For '{self.name}', the 'input' must be 2-D, but got rank {input.ndim}.")
        return super().__call__(input)

    def _compute(self, x):
        return jnp.trace(x).astype(x.dtype)


class Rank(_NoAttrs):
    """The number of axes, as a Python int."""

    def __call__(self, input_x):
        return check.tensor(self.name, "input_x", input_x).ndim


class Size(_NoAttrs):
    """The number of elements, as a Python int."""

    def __call__(self, input_x):
        return check.tensor(self.name, "input_x", input_x).size


class DType(_NoAttrs):
    """The dtype of a Tensor."""

    def __call__(self, input_x):
        return check.tensor(self.name, "input_x", input_x).dtype


class TupleToArray(_NoAttrs):
    """A 1-D Tensor from a non-empty tuple of numbers of one kind (Int32 for ints, Float32 for floats)."""

    def __call__(self, input_x):
        if not isinstance(input_x, (tuple, list)) or not input_x:
            raise TypeError(f"For '{self.name}', the 'input_x' must be a non-empty tuple of numbers, "
                            f"but got {input_x!r}.")
        if all(check.is_int(v) for v in input_x):
            dtype = np.int32
        elif all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in input_x):
            dtype = np.float32
        else:
            raise TypeError(f"For '{self.name}', the 'input_x' must hold ints or floats, but got {input_x!r}.")
        return Tensor(np.asarray(input_x, dtype))


class InvertPermutation(_NoAttrs):
    """The inverse of a permutation of range(n), as a tuple."""

    def __call__(self, input_x):
        if not isinstance(input_x, (tuple, list)) or not all(check.is_int(v) for v in input_x):
            raise TypeError(f"For '{self.name}', the 'input_x' must be a tuple of ints, but got {input_x!r}.")
        if sorted(input_x) != list(range(len(input_x))):
            raise ValueError(f"For '{self.name}', the 'input_x' must be a permutation of range({len(input_x)}), "
                             f"but got {tuple(input_x)}.")
        out = [0] * len(input_x)
        for i, v in enumerate(input_x):
            out[v] = i
        return tuple(out)


class _ArgWithValue(Primitive):
    _fn = None

    @prim_attr_register
    def __init__(self, axis=0, keep_dims=False):
        check.int_value(type(self).__name__, "axis", axis)
        if not isinstance(keep_dims, bool):
            raise TypeError(f"For '{type(self).__name__}', the 'keep_dims' must be a bool, "
                            f"but got {type(keep_dims).__name__}.")

    def __call__(self, x):
        check.tensor(self.name, "x", x)
        check.axis(self.name, "axis", self.attrs["axis"], x.ndim)
        if x.ndim and x.shape[self.attrs["axis"]] == 0:
            raise ValueError(f"For '{self.name}', the 'x' can not be empty along 'axis'.")
        return super().__call__(x)

    def _compute(self, x):
        if x.ndim == 0:
            return jnp.zeros((), np.int64), x
        axis, keep = self.attrs["axis"] % x.ndim, self.attrs["keep_dims"]
        index = type(self)._fn(x, axis=axis, keepdims=True)
        value = jnp.take_along_axis(x, index, axis=axis)
        if not keep:
            index, value = jnp.squeeze(index, axis), jnp.squeeze(value, axis)
        return index.astype(np.int64), value


class ArgMaxWithValue(_ArgWithValue):
    """(Int64 index of the maximum along `axis`, the maximum)."""
    _fn = staticmethod(jnp.argmax)


class ArgMinWithValue(_ArgWithValue):
    """(Int64 index of the minimum along `axis`, the minimum)."""
    _fn = staticmethod(jnp.argmin)


__all__ = ["Tile", "GatherNd", "TopK", "Unique", "Flatten", "BroadcastTo", "MaskedFill", "MaskedSelect", "NonZero",
           "ReverseV2", "Roll", "Sort", "CumSum", "CumProd", "Cummax", "Cummin", "Meshgrid", "LinSpace", "Range",
           "Eye", "Slice", "StridedSlice", "GatherD", "ScatterNd", "TensorScatterUpdate", "TensorScatterAdd",
           "Unstack", "Diag", "Tril", "Triu", "Trace", "Rank", "Size", "DType", "TupleToArray", "InvertPermutation",
           "ArgMaxWithValue", "ArgMinWithValue"]
