"""Shape, layout, indexing and creation ops (`mindspore.ops.operations.array_ops`)."""
from __future__ import annotations

import numbers

import jax
import jax.numpy as jnp
import numpy as np

from ... import _validation
from .. import _promotion
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..primitive import Primitive, _wrap, prim_attr_register
from . import _tensor_index


def _check_tensor(op, name, value):
    if not isinstance(value, Tensor):
        raise TypeError(f"For '{op}', the input '{name}' must be a Tensor, but got {type(value).__name__}.")


def _check_dtype(op, name, value):
    if not isinstance(value, mstype.Type):
        raise TypeError(f"For '{op}', the '{name}' must be a sporax dtype, but got {value!r}.")


class Reshape(Primitive):
    def __init__(self):
        super().__init__("Reshape")

    def __call__(self, x, shape):
        _check_tensor(self.name, "input_x", x)
        shape = _validation.shape_tuple(self.name, "shape", shape)
        if not _validation.reshape_fits(shape, x.size):
            known = int(np.prod([n for n in shape if n != -1]))
            raise ValueError(f"For '{self.name}', the product of the 'input_x' shape should be equal to product of "
                             f"'input_shape', but got product of the shape of 'input_x': {x.size}, product of "
                             f"'input_shape': {known}.")
        return super().__call__(x, shape)

    def _compute(self, x, shape):
        return jnp.reshape(x, shape)


class Transpose(Primitive):
    def __init__(self):
        super().__init__("Transpose")

    def __call__(self, x, perm):
        _check_tensor(self.name, "input_x", x)
        perm = _validation.shape_tuple(self.name, "input_perm", perm)
        if sorted(perm) != list(range(x.ndim)):
            raise ValueError(f"For '{self.name}', the 'input_perm' must be a permutation of range({x.ndim}), "
                             f"but got {perm}.")
        return super().__call__(x, perm)

    def _compute(self, x, perm):
        return jnp.transpose(x, perm)


class ExpandDims(Primitive):
    def __init__(self):
        super().__init__("ExpandDims")

    def __call__(self, x, axis):
        _check_tensor(self.name, "input_x", x)
        if not isinstance(axis, int) or isinstance(axis, bool) or not -x.ndim - 1 <= axis <= x.ndim:
            raise ValueError(f"For '{self.name}', the 'axis' must be an int in [{-x.ndim - 1}, {x.ndim}], "
                             f"but got {axis!r}.")
        return super().__call__(x, axis)

    def _compute(self, x, axis):
        return jnp.expand_dims(x, axis)


class Squeeze(Primitive):
    @prim_attr_register
    def __init__(self, axis=()):
        if isinstance(axis, int) and not isinstance(axis, bool):
            self.attrs["axis"] = (axis,)
        elif not isinstance(axis, (tuple, list)):
            raise TypeError(f"For 'Squeeze', the 'axis' must be an int or tuple, but got {axis!r}.")
        else:
            self.attrs["axis"] = tuple(axis)

    def _compute(self, x):
        axis = self.attrs["axis"]
        return jnp.squeeze(x, axis=axis if axis else None)


class Concat(Primitive):
    @prim_attr_register
    def __init__(self, axis=0):
        if not isinstance(axis, int) or isinstance(axis, bool):
            raise TypeError(f"For 'Concat', the 'axis' must be an int, but got {axis!r}.")

    def __call__(self, input_x):
        if not isinstance(input_x, (tuple, list)) or not input_x or not all(isinstance(t, Tensor) for t in input_x):
            raise TypeError(f"For '{self.name}', the 'input_x' must be a non-empty tuple or list of Tensors, "
                            f"but got {input_x!r}.")
        dtype = input_x[0].dtype
        for t in input_x[1:]:
            dtype = _promotion.promote(dtype, t.dtype)
        return super().__call__(tuple(t.astype(dtype) for t in input_x))

    def _compute(self, xs):
        return jnp.concatenate(xs, axis=self.attrs["axis"])


class Stack(Concat):
    def _compute(self, xs):
        return jnp.stack(xs, axis=self.attrs["axis"])


class Split(Primitive):
    @prim_attr_register
    def __init__(self, axis=0, output_num=1):
        if not isinstance(output_num, int) or isinstance(output_num, bool) or output_num < 1:
            raise ValueError(f"For 'Split', the 'output_num' must be a positive int, but got {output_num!r}.")

    def __call__(self, x):
        _check_tensor(self.name, "input_x", x)
        axis, n = self.attrs["axis"], self.attrs["output_num"]
        if x.shape[axis] % n:
            raise ValueError(f"For '{self.name}', the shape of 'input_x' at 'axis' ({x.shape[axis]}) must be "
                             f"divisible by 'output_num' ({n}).")
        return super().__call__(x)

    def _compute(self, x):
        return tuple(jnp.split(x, self.attrs["output_num"], axis=self.attrs["axis"]))


class Gather(Primitive):
    """params gathered by integer `indices` along `axis`; the first `batch_dims` axes of
    params and indices are shared (each batch element gathers from its own slice):
    out.shape = params.shape[:axis] + indices.shape[batch_dims:] + params.shape[axis + 1:]."""

    @prim_attr_register
    def __init__(self, batch_dims=0):
        pass

    def __call__(self, input_params, input_indices, axis):
        _check_tensor(self.name, "input_params", input_params)
        _check_tensor(self.name, "input_indices", input_indices)
        if input_indices.dtype.kind not in ("int", "uint"):
            raise TypeError(f"For '{self.name}', the 'input_indices' must be an int Tensor, but got {input_indices.dtype}.")
        batch_dims = self.attrs.get("batch_dims", 0)
        if batch_dims and isinstance(axis, int) and axis % max(input_params.ndim, 1) < batch_dims:
            raise ValueError(f"For primitive[{self.name}], the axis must be greater than or equal to {batch_dims}, "
                             f"but got {axis}.")
        return super().__call__(input_params, input_indices, axis)

    def _compute(self, params, indices, axis):
        batch_dims = self.attrs.get("batch_dims", 0) % max(indices.ndim, 1) if indices.ndim else 0
        axis = axis % params.ndim

        def take(p, i, ax):
            return jnp.take(p, i, axis=ax, mode="fill", fill_value=0)

        for _ in range(batch_dims):
            take = jax.vmap(take, in_axes=(0, 0, None))
        return take(params, indices, axis - batch_dims)


class Cast(Primitive):
    def __init__(self):
        super().__init__("Cast")

    def __call__(self, x, dtype):
        _check_dtype(self.name, "dst_type", dtype)
        if not isinstance(x, Tensor):
            x = Tensor(x)
        return super().__call__(x, dtype)

    def _compute(self, x, dtype):
        return x.astype(dtype.to_numpy())


class Shape(Primitive):
    """The shape as a tuple of ints (no computation)."""

    def __init__(self):
        super().__init__("Shape")

    def __call__(self, x):
        _check_tensor(self.name, "input_x", x)
        return tuple(x.shape)


class OneHot(Primitive):
    @prim_attr_register
    def __init__(self, axis=-1):
        pass

    def __call__(self, indices, depth, on_value, off_value):
        _check_tensor(self.name, "indices", indices)
        if not isinstance(depth, int) or isinstance(depth, bool) or depth < 0:
            raise ValueError(f"For '{self.name}', the 'depth' must be an int >= 0, but got {depth!r}.")
        return super().__call__(indices, depth, on_value, off_value)

    def _compute(self, indices, depth, on_value, off_value):
        hot = jax.nn.one_hot(indices, depth, axis=self.attrs["axis"], dtype=jnp.bool_)
        return jnp.where(hot, on_value, off_value)


class Select(Primitive):
    def __init__(self):
        super().__init__("Select")

    def __call__(self, cond, x, y):
        _check_tensor(self.name, "cond", cond)
        if cond.dtype != mstype.bool_:
            raise TypeError(f"For '{self.name}', the 'cond' must be a Bool Tensor, but got {cond.dtype}.")
        a, b = _promotion.pair(x, y)
        return _wrap(self._dispatch((cond._value(), a, b)))

    def _compute(self, cond, x, y):
        return jnp.where(cond, x, y)


class Fill(Primitive):
    def __init__(self):
        super().__init__("Fill")

    def __call__(self, type, shape, value):  # noqa: A002 - MindSpore's argument name
        _check_dtype(self.name, "type", type)
        return super().__call__(type, _validation.shape_tuple(self.name, "shape", shape), value)

    def _compute(self, dtype, shape, value):
        return jnp.full(shape, value, dtype=dtype.to_numpy())


class Ones(Primitive):
    def __init__(self):
        super().__init__(type(self).__name__)  # Zeros shares it

    def __call__(self, shape, type):  # noqa: A002
        _check_dtype(self.name, "type", type)
        return super().__call__(_validation.shape_tuple(self.name, "shape", shape), type)

    def _compute(self, shape, dtype):
        return jnp.ones(shape, dtype=dtype.to_numpy())


class Zeros(Ones):
    def _compute(self, shape, dtype):
        return jnp.zeros(shape, dtype=dtype.to_numpy())


class ZerosLike(Primitive):
    def __init__(self):
        super().__init__("ZerosLike")

    def __call__(self, x):
        _check_tensor(self.name, "input_x", x)
        return super().__call__(x)

    def _compute(self, x):
        return jnp.zeros_like(x)


class OnesLike(ZerosLike):
    def _compute(self, x):
        return jnp.ones_like(x)


# --- the array operations behind Tensor's methods and item access ---
class Identity(Primitive):
    """A Tensor with the same shape and values as `x` (a new Tensor)."""

    def __init__(self):
        super().__init__("Identity")

    def __call__(self, x):
        _check_tensor(self.name, "x", x)
        return super().__call__(x)

    def _compute(self, x):
        return x


class _GetItem(Primitive):
    """`x[index]` (NumPy's basic and advanced indexing), one compiled kernel per index layout:
    the index's ints and integer arrays are the kernel's inputs (`_tensor_index`)."""

    _inputs_from = 2  # x, layout, then the index's values

    def __init__(self):
        super().__init__("GetItem")

    def __call__(self, x, index):
        value = x._value()
        _tensor_index.check_bounds(value.shape, index)
        split = _tensor_index.kernel_layout(index)
        if split is not None:
            try:
                return _wrap(self._dispatch((value, split[0], *split[1])))
            except (IndexError, TypeError, ValueError):
                pass  # the op-by-op path below words the error with the index as given
        return _wrap(_getitem_by_value._dispatch((value, _tensor_index.index_arrays(index))))

    def _compute(self, x, layout, *inputs):
        return x[_tensor_index.rebuild(layout, inputs)]


class _GetItemByValue(Primitive):
    """`x[index]` op by op: for a boolean mask, whose result's shape is its number of Trues,
    and for the errors, which name the index as it was given."""

    _jit = False

    def __init__(self):
        super().__init__("GetItem")

    def _compute(self, x, index):
        return _read_region("Tensor.__getitem__", x, index)


def _read_region(op, x, index):
    """`x[index]`, or MindSpore's error, naming `op`, for an index out of range or that is no index."""
    try:
        return x[index]
    except IndexError as error:
        raise IndexError(f"For '{op}', the index {index!r} is out of range for shape "
                         f"{tuple(x.shape)}: {error}") from None
    except TypeError:
        raise TypeError(f"For '{op}', the index must be an int, slice, None, Ellipsis, bool, list or Tensor (or a "
                        f"tuple of them), but got {index!r}.") from None


_getitem_by_value = _GetItemByValue()


class _SetItem(Primitive):
    """`x` with `x[index] = value` applied (value cast to x's dtype, broadcast to the region),
    one compiled kernel per index layout, as `_GetItem`."""

    _inputs_from = 2  # x and the layout, then the value and the index's values

    def __init__(self):
        super().__init__("SetItem")

    def __call__(self, x, index, value):
        if isinstance(value, Tensor):
            value = value._value()
        elif type(value) in (int, float, bool):
            pass  # a kernel input as it is: jit takes a Python number fastest (an ndarray costs ~40 µs)
        elif isinstance(value, (numbers.Number, np.ndarray, np.generic)) and not isinstance(value, complex):
            value = np.asarray(value)
        else:
            raise TypeError(f"Tensor.__setitem__: argument 'value' must be a Tensor, number or array, "
                            f"got {type(value).__name__}.")
        target = x._value()
        _tensor_index.check_bounds(target.shape, index)
        split = _tensor_index.kernel_layout(index)
        if split is not None:
            try:
                return _wrap(self._dispatch((target, split[0], value, *split[1])))
            except (IndexError, TypeError, ValueError):
                pass  # the op-by-op path below words the error with the index as given
        return _wrap(_setitem_by_value._dispatch((target, value, _tensor_index.index_arrays(index))))

    def _compute(self, x, layout, value, *inputs):
        return x.at[_tensor_index.rebuild(layout, inputs)].set(jnp.asarray(value).astype(x.dtype))


class _SetItemByValue(Primitive):
    """`x[index] = value` op by op: for a boolean mask, and for the errors (see `_GetItemByValue`)."""

    _jit = False

    def __init__(self):
        super().__init__("SetItem")

    def _compute(self, x, value, index):
        try:
            return x.at[index].set(jnp.asarray(value).astype(x.dtype))
        except (ValueError, TypeError, IndexError) as error:
            # The index is at fault if reading its region fails too (that raises its error); else the value.
            abstract_x = jax.ShapeDtypeStruct(x.shape, x.dtype)
            jax.eval_shape(lambda a: _read_region("Tensor.__setitem__", a, index), abstract_x)
            raise ValueError(f"Tensor.__setitem__: argument 'value' of shape {tuple(jnp.shape(value))} does not "
                             f"fit the region {index!r} of a Tensor of shape {tuple(x.shape)}: {error}") from None


_setitem_by_value = _SetItemByValue()
