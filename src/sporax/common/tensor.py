"""Tensor (`mindspore.common.tensor`).

A Tensor wraps exactly one of: a `jax.Array` (data), a JAX tracer (inside a compiled
graph), or a `LazyInit` (an Initializer with shape and dtype, no data). Using a lazy
tensor's value materialises it; `str()` of a lazy tensor shows `<uninitialized>` and
never materialises.

Tensors are values: operations return new Tensors. Item assignment and the in-place methods
(`add_`, `copy_`, ...: `ops.function.inplace_func`) rebind a Tensor's value through `_write`;
`Parameter` (a subclass) routes that write through the runtime, so it is an ordered side effect
inside a graph.
"""
from __future__ import annotations

import inspect
import math
import threading

import jax
import jax.numpy as jnp
import numpy as np

from .. import _validation
from .._runtime import call_replay
from .._runtime import jax_setup  # noqa: F401  (x64 before any array exists)
from .._runtime.graph import user_frame_description
from ..errors import GraphModeError
from . import _allocation, _lazy, _tensor_format
from . import dtype as mstype
from ._method_registry import operators as _ops

__all__ = ["Tensor"]

# NumPy dtype -> MindSpore type, for `Tensor.dtype` (a jax array's dtype is a NumPy dtype).
_MSTYPE_OF_NUMPY = mstype._BY_NUMPY
_INPUT_TYPES = "[Tensor, ndarray, str_, list, tuple, float, int, bool, complex, bool_]"


def _dtype_error(dtype) -> TypeError:
    return TypeError(f"For 'Tensor', the 'dtype' should be one of {list(mstype.all_types)}, "
                     f"but got {dtype!r}.")


def _array_from_list(data) -> np.ndarray:
    def plain(item):
        if isinstance(item, Tensor):
            return item.asnumpy()
        if isinstance(item, (list, tuple)):
            return [plain(x) for x in item]
        return item

    try:
        array = np.array(plain(data))
    except ValueError:
        raise TypeError(f"For Tensor, the input_data is {data} that contain unsupported element.") from None
    if array.dtype == object or array.dtype.kind in "USV" and array.dtype.name != "bfloat16":
        raise TypeError(f"For Tensor, the input_data is {data} that contain unsupported element.")
    if array.dtype == np.float64 and not any(
            isinstance(x, (np.ndarray, np.generic)) and np.asarray(x).dtype == np.float64
            for x in _leaves(data)):
        array = array.astype(np.float32)  # Python floats become Float32, as in MindSpore
    if array.size == 0 and array.dtype == np.float64:
        array = array.astype(np.float32)
    return array


def _leaves(data):
    for item in data:
        if isinstance(item, (list, tuple)):
            yield from _leaves(item)
        else:
            yield item


def _to_array(input_data) -> np.ndarray:
    """A NumPy array with MindSpore's dtype inference (spec §1.1)."""
    if isinstance(input_data, (np.ndarray, np.generic)):
        array = np.asarray(input_data)
        if array.dtype.kind in "OUS":
            raise TypeError(f"For 'Tensor', the type of 'input_data' should be one of '{_INPUT_TYPES}', "
                            f"but got type '{array.dtype}'.")
        return array
    if isinstance(input_data, bool):
        return np.array(input_data, dtype=np.bool_)
    if isinstance(input_data, int):
        if not -2**63 <= input_data < 2**63:
            raise ValueError(f"For 'Tensor', the int value {input_data} is out of the Int64 range.")
        return np.array(input_data, dtype=np.int64)
    if isinstance(input_data, float):
        return np.array(input_data, dtype=np.float32)
    if isinstance(input_data, complex):
        return np.array(input_data, dtype=np.complex64)
    if isinstance(input_data, (list, tuple)):
        return _array_from_list(input_data)
    raise TypeError(f"For 'Tensor', the type of 'input_data' should be one of '{_INPUT_TYPES}', "
                    f"but got type '{type(input_data).__name__}'.")


class Tensor:
    """A multi-dimensional array: data, a tracer inside a graph, or lazy `(init, shape, dtype)`."""

    # Make NumPy defer to our operators (`np.float32(1) + t` -> Tensor).
    __array_priority__ = 100

    def __init__(self, input_data=None, dtype=None, shape=None, init=None, internal=False,
                 const_arg=False, device=None):
        if dtype is not None and not isinstance(dtype, mstype.Type):
            raise _dtype_error(dtype)
        self._data = None
        if init is not None:
            if dtype is None or shape is None:
                raise ValueError("init, dtype and shape must have values at the same time.")
            # An Initializer is what can plan values for a shape (the class lives in
            # `initializer`, which builds on Tensor).
            if not callable(getattr(init, "_plan", None)):
                raise TypeError(f"For 'Tensor', the argument 'init' must be an Initializer, "
                                f"got {type(init).__name__}.")
            shape = _validation.tensor_shape("Tensor", shape)
            self._data = _lazy.LazyInit(init, shape, dtype, init._plan(shape))
            return
        if input_data is None:
            if shape is None or dtype is None:
                raise TypeError(f"For 'Tensor', the type of 'input_data' should be one of "
                                f"'{_INPUT_TYPES}', but got type 'NoneType'.")
            shape = _validation.tensor_shape("Tensor", shape)
            _allocation.check(shape, dtype)
            self._data = jnp.zeros(shape, dtype.to_numpy())
            return
        if isinstance(input_data, Tensor):
            data = input_data._value()
            self._data = data if dtype is None else data.astype(dtype.to_numpy())
            return
        if isinstance(input_data, jax.Array) or isinstance(input_data, jax.core.Tracer):
            self._data = input_data if dtype is None else input_data.astype(dtype.to_numpy())
            return
        array = _to_array(input_data)
        mstype.from_numpy(array.dtype)  # rejects dtypes MindSpore lacks
        if dtype is not None:
            array = array.astype(dtype.to_numpy())
        self._data = jnp.asarray(array)

    @classmethod
    def _wrap(cls, data) -> "Tensor":
        """A Tensor around a jax.Array or tracer, skipping inference (internal fast path)."""
        tensor = Tensor.__new__(Tensor)
        tensor._data = data
        return tensor

    # --- state -----------------------------------------------------------------------------
    @property
    def has_init(self) -> bool:
        """True while the tensor is lazy: an Initializer with shape and dtype, and no data."""
        return isinstance(self._peek(), _lazy.LazyInit)

    @property
    def init(self):
        """The Initializer of a lazy tensor, else None."""
        data = self._peek()
        return data.initializer if isinstance(data, _lazy.LazyInit) else None

    def _concrete(self, what: str):
        """The value, refusing a tracer: inside a compiled graph it has no Python value yet."""
        value = self._value()
        if isinstance(value, jax.core.Tracer):
            concrete = call_replay.read_argument(value)
            if concrete is not None:
                return concrete
            raise GraphModeError(
                f"{what} of a Tensor inside a compiled graph (GRAPH_MODE or sporax.jit) at "
                f"{user_frame_description()}: its value is only known when the graph runs. Use ops.select "
                "(or ops.where-style masking) for a value-dependent choice, or run this code in PYNATIVE_MODE.")
        return value

    def _value(self):
        """The jax.Array (or tracer), materialising a lazy tensor first (once)."""
        data = self._data
        if isinstance(data, _lazy.LazyInit):
            with _MATERIALIZING:
                data = self._data
                if isinstance(data, _lazy.LazyInit):
                    data = self._data = data.materialize_array(name=self._lazy_name())
        return data

    def _peek(self):
        """What describes shape and dtype now, without materialising: the array or the lazy value."""
        return self._data

    def _write(self, value) -> None:
        """Replace the value in place (item assignment)."""
        if call_replay.active is not None:  # a call recorded for replay: no tracer may land in a caller's Tensor
            call_replay.tensor_written(self)
        self._data = value

    def _lazy_name(self):
        return None

    def init_data(self, slice_index=None, shape=None, opt_shard_group=None):
        """Materialise a lazy tensor in place and return it."""
        if not self.has_init:
            raise TypeError("init_data must be set Tensor.init, init can't be None")
        self._value()
        return self

    # --- metadata --------------------------------------------------------------------------
    # shape, dtype and ndim are read by every op's argument checks: a plain Tensor's array is
    # read straight from `_data` (a Parameter's goes through the runtime's `_peek`), and a dtype
    # is one dict lookup.
    @property
    def shape(self) -> tuple:
        shape = (self._data if self.__class__ is Tensor else self._peek()).shape
        return shape if shape.__class__ is tuple else tuple(shape)

    @property
    def dtype(self) -> mstype.Type:
        data = self._data if self.__class__ is Tensor else self._peek()
        if data.__class__ is _lazy.LazyInit:
            return data.dtype
        found = _MSTYPE_OF_NUMPY.get(data.dtype)
        return found if found is not None else mstype.from_numpy(data.dtype)

    @property
    def ndim(self) -> int:
        return len((self._data if self.__class__ is Tensor else self._peek()).shape)

    @property
    def size(self) -> int:
        return math.prod(self.shape)

    @property
    def itemsize(self) -> int:
        return self.dtype.to_numpy().itemsize

    @property
    def nbytes(self) -> int:
        return self.size * self.itemsize

    # --- conversion ------------------------------------------------------------------------
    def asnumpy(self) -> np.ndarray:
        """The values as a NumPy array (a copy)."""
        return np.array(self._concrete("asnumpy()"))

    numpy = asnumpy

    def __array__(self, dtype=None, copy=None):
        array = self.asnumpy()
        return array if dtype is None else array.astype(dtype)

    def item(self):
        """The value of a one-element tensor as a Python number."""
        if self.size != 1:
            raise ValueError(f"The tensor should have only one element, but got {self.size}, "
                             "more than one element is ambiguous.")
        return self.asnumpy().item()

    def tolist(self):
        return self.asnumpy().tolist()

    def __len__(self) -> int:
        if not self.shape:
            raise TypeError("len() of unsized object")
        return self.shape[0]

    def __bool__(self) -> bool:
        if self.size != 1:
            raise ValueError(f"The tensor should have only one element, but got {self.size}, "
                             "more than one element is ambiguous.")
        return bool(np.asarray(self._concrete("Python control flow on the truth value")).reshape(()))

    def __float__(self) -> float:
        return float(np.asarray(self._concrete("float()")).reshape(()))

    def __int__(self) -> int:
        return int(np.asarray(self._concrete("int()")).reshape(()))

    def __index__(self) -> int:
        if self.dtype.kind not in ("int", "uint", "bool"):
            raise TypeError("Only integer tensors of a single element can be converted to an index.")
        return int(self)

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __str__(self) -> str:
        if self.has_init:
            return _tensor_format.uninitialized(self.shape, self.dtype)
        value = self._value()
        if isinstance(value, jax.core.Tracer):
            return f"Tensor(shape={list(self.shape)}, dtype={self.dtype}, value=<traced>)"
        return str(np.asarray(value))

    def __repr__(self) -> str:
        if self.has_init:
            return _tensor_format.uninitialized(self.shape, self.dtype)
        value = self._value()
        if isinstance(value, jax.core.Tracer):
            return f"Tensor(shape={list(self.shape)}, dtype={self.dtype}, value=<traced>)"
        return _tensor_format.tensor_repr(np.asarray(value), self.dtype)

    __hash__ = object.__hash__

    # --- methods and operators: ops, run by the executor (see `_method_registry`) ----------
    def astype(self, dtype, copy=True) -> "Tensor":
        return _ops.astype(self, dtype)

    def reshape(self, *shape) -> "Tensor":
        return _ops.reshape(self, *shape)

    def flatten(self, start_dim=0, end_dim=-1) -> "Tensor":
        return _ops.flatten(self, start_dim, end_dim)

    def transpose(self, *axes) -> "Tensor":
        return _ops.transpose(self, *axes)

    @property
    def T(self) -> "Tensor":  # noqa: N802 - MindSpore's name
        return _ops.transpose(self)

    def squeeze(self, axis=None) -> "Tensor":
        return _ops.squeeze(self, axis)

    def expand_dims(self, axis) -> "Tensor":
        return _ops.expand_dims(self, axis)

    def sum(self, axis=None, dtype=None, keepdims=False, initial=None) -> "Tensor":
        return _ops.sum(self, axis, dtype, keepdims, initial)

    def mean(self, axis=None, keep_dims=False) -> "Tensor":
        return _ops.mean(self, axis, keep_dims)

    # MindSpore's overloads: (dim, keepdim=False) -> (values, indices), or the reduction below.
    def max(self, *args, **kwargs):
        return _ops.max(self, *args, **kwargs)

    def min(self, *args, **kwargs):
        return _ops.min(self, *args, **kwargs)

    max.__signature__ = min.__signature__ = inspect.Signature(
        [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default)
           for name, default in (("axis", None), ("keepdims", False))]
        + [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default)
           for name, default in (("initial", None), ("where", True), ("return_indices", False))])

    def abs(self) -> "Tensor":
        return _ops.abs(self)

    def copy(self) -> "Tensor":
        return _ops.identity(self)

    def float(self) -> "Tensor":
        return _ops.astype(self, mstype.float32)

    def __getitem__(self, index) -> "Tensor":
        return _ops.getitem(self, index)

    def __setitem__(self, index, value) -> None:
        """In-place element assignment, as MindSpore's Tensor allows; the value is cast to
        this tensor's dtype and must broadcast to the indexed region."""
        self._write(_ops.setitem(self, index, value)._value())

    # --- operators (MindSpore type promotion) -----------------------------------------------
    def __add__(self, other): return _ops.binary("add", self, other)
    def __radd__(self, other): return _ops.binary("add", self, other, True)
    def __sub__(self, other): return _ops.binary("sub", self, other)
    def __rsub__(self, other): return _ops.binary("sub", self, other, True)
    def __mul__(self, other): return _ops.binary("mul", self, other)
    def __rmul__(self, other): return _ops.binary("mul", self, other, True)
    def __truediv__(self, other): return _ops.binary("truediv", self, other)
    def __rtruediv__(self, other): return _ops.binary("truediv", self, other, True)
    def __floordiv__(self, other): return _ops.binary("floordiv", self, other)
    def __rfloordiv__(self, other): return _ops.binary("floordiv", self, other, True)
    def __mod__(self, other): return _ops.binary("mod", self, other)
    def __rmod__(self, other): return _ops.binary("mod", self, other, True)
    def __pow__(self, other): return _ops.binary("pow", self, other)
    def __rpow__(self, other): return _ops.binary("pow", self, other, True)
    def __matmul__(self, other): return _ops.binary("matmul", self, other)
    def __rmatmul__(self, other): return _ops.binary("matmul", self, other, True)
    def __and__(self, other): return _ops.binary("and", self, other)
    def __rand__(self, other): return _ops.binary("and", self, other, True)
    def __or__(self, other): return _ops.binary("or", self, other)
    def __ror__(self, other): return _ops.binary("or", self, other, True)
    def __xor__(self, other): return _ops.binary("xor", self, other)
    def __rxor__(self, other): return _ops.binary("xor", self, other, True)
    def __lt__(self, other): return _ops.binary("lt", self, other)
    def __le__(self, other): return _ops.binary("le", self, other)
    def __gt__(self, other): return _ops.binary("gt", self, other)
    def __ge__(self, other): return _ops.binary("ge", self, other)

    def __eq__(self, other):
        result = _ops.binary("eq", self, other)
        return False if result is NotImplemented else result

    def __ne__(self, other):
        result = _ops.binary("ne", self, other)
        return True if result is NotImplemented else result

    def __neg__(self): return _ops.unary("neg", self)
    def __pos__(self): return _ops.identity(self)
    def __abs__(self): return _ops.abs(self)
    def __invert__(self): return _ops.unary("invert", self)


# Materialising a lazy Tensor happens once even when threads race to it.
_MATERIALIZING = threading.Lock()

# A Tensor is a JAX pytree of one array: `jax.jit`, `jax.tree_util` and the runtime see
# through it. Parameters are not (they are state, threaded by the runtime, not values).
jax.tree_util.register_pytree_node(Tensor, lambda t: ((t._value(),), None), lambda _, arrays: Tensor._wrap(arrays[0]))
