"""Parameter and ParameterTuple (`mindspore.common.parameter`).

A Parameter is a Tensor that training updates: the one object whose value changes in
place (`set_data`, assignment ops, optimizers, checkpoint loading). Built from an
Initializer it stays lazy — shape and dtype, no memory — until its value is needed, in
every mode; its random seed is drawn at construction, as in MindSpore, so the values are
MindSpore's whenever they are produced.
"""
from __future__ import annotations

import difflib
import math
import numbers
import re
import threading

import numpy as np

from .. import context
from .._runtime import state_frame
from .._parallel import sharding as _sharding
from .._parallel.layout import layout_region
from . import _lazy
from . import dtype as mstype
from .initializer import initializer
from .tensor import Tensor

__all__ = ["Parameter", "ParameterTuple"]

_DEFAULT_NAME = "Parameter"
_MAX_NAME_LENGTH = 1024
_CLONE_PREFIX = r"^\w+[0-9a-zA-Z\_\.]*$"
_INT32_MIN, _INT32_MAX = -2**31, 2**31 - 1


def _check_name(name):
    """The validated name and whether it was generated (None or blank -> 'Parameter')."""
    if name is None:
        return _DEFAULT_NAME, True
    if not isinstance(name, str):
        raise ValueError(f"The type of the Parameter's name should be 'string' or 'None', but got {type(name)}.")
    stripped = name.strip()
    if not stripped:
        return _DEFAULT_NAME, True
    if len(stripped) > _MAX_NAME_LENGTH:
        raise ValueError(f"The length of the '{stripped}' name should be less than {_MAX_NAME_LENGTH}.")
    return stripped, False


def _implicit_cast_error(current, incoming) -> TypeError:
    return TypeError("Incoming Parameter dtype can not be converted to current dtype implicitly. "
                     f"Current dtype is {current}, and incoming is {incoming}. "
                     "Use .set_dtype(xxx) to change the dtype.")


def _initial_data(default_input):
    """The storage (jax.Array or LazyInit) for `default_input`, with 2.10's dtype rules."""
    if isinstance(default_input, Tensor):
        return default_input._data if default_input.has_init else default_input._value()
    if isinstance(default_input, bool):
        raise ValueError("Parameter data can not be `bool`")
    if isinstance(default_input, int):
        if not _INT32_MIN <= default_input <= _INT32_MAX:
            raise ValueError(f"Parameter: argument 'default_input' must be an int in the Int32 range "
                             f"[{_INT32_MIN}, {_INT32_MAX}], got {default_input}.")
        return Tensor(default_input, mstype.int32)._data
    if isinstance(default_input, float):
        return Tensor(float(default_input), mstype.float32)._data
    if isinstance(default_input, (np.ndarray, list)):
        return Tensor(default_input)._data
    if default_input is None or isinstance(default_input, str) or not isinstance(
            default_input, (numbers.Number, np.generic, tuple)):
        return Tensor(default_input)._data  # Tensor's TypeError names the type
    raise TypeError("The type of the argument 'default_input' must be in ['Tensor', 'int', 'float', "
                    f"'numpy.ndarray', 'list']. But got type {type(default_input)}.")


class Parameter(Tensor):
    """A named, trainable Tensor.

    Args:
        default_input: a Tensor (copied; a lazy one stays lazy), `initializer(...)`,
            an int (Int32), a float (Float32), a NumPy array or a list.
        name: defaults to 'Parameter'; a Cell renames such a parameter to its attribute path.
        requires_grad: whether training updates it.
        layerwise_parallel: excluded from broadcast and gradient all-reduce when True.
    """

    def __init__(self, default_input, name=None, requires_grad=True, layerwise_parallel=False,
                 parallel_optimizer=True, storage_format="", device=None):
        state_frame.check_new_state(name)
        data = _initial_data(default_input)
        name, generated = _check_name(name)
        if device is not None and device not in ("CPU", "Remote"):
            raise ValueError(f"Only 'CPU' and 'Remote' is supported for device, but got ${device}.")
        if not isinstance(storage_format, str):
            raise TypeError(f"Parameter: argument 'storage_format' must be a str, got {storage_format!r}.")
        _set = object.__setattr__
        _set(self, "_data", data)
        _set(self, "_lock", threading.Lock())
        _set(self, "_name", name)
        _set(self, "_name_generated", generated)
        self._set_flag("requires_grad", requires_grad)
        self._set_flag("layerwise_parallel", layerwise_parallel, period=True)
        self._set_flag("parallel_optimizer", parallel_optimizer, period=True)
        _set(self, "sliced", False)
        _set(self, "is_init", False)
        _set(self, "init_in_server", False)
        _set(self, "is_param_ps", False)
        _set(self, "storage_format", storage_format)
        _set(self, "device", device)
        if isinstance(data, _lazy.LazyInit):
            data.adopt(self)
            data.draw(name)

    def _set_flag(self, flag, value, period=False):
        if not isinstance(value, bool):
            raise TypeError(f"The argument `{flag}` must be bool type" + ("." if period else ""))
        object.__setattr__(self, "_" + flag, value)

    # A near-miss of a known attribute is almost always a typo that would silently do nothing.
    def __setattr__(self, key, value):
        if not key.startswith("_") and key not in self.__dict__ and not hasattr(type(self), key):
            close = difflib.get_close_matches(key, _public_attributes(), n=1, cutoff=0.9)
            if close:
                raise AttributeError(f"'Parameter' object has no attribute '{key}'; "
                                     f"did you mean '{close[0]}'?")
        object.__setattr__(self, key, value)

    def _lazy_name(self):
        return self._name

    # --- value: one read and one write, owned by the runtime (graph frames, eager storage) --
    def _value(self):
        return state_frame.read(self)

    def _write(self, value) -> None:
        state_frame.write(self, value)

    def _peek(self):
        return state_frame.peek(self)

    # The storage behind them. Materialisation runs once, under this Parameter's lock, and a
    # value stored meanwhile (set_data, a checkpoint load) waits for it and then wins.
    def _stored_value(self):
        data = self._data
        if isinstance(data, _lazy.LazyInit):
            with self._lock:
                data = self._data
                if isinstance(data, _lazy.LazyInit):
                    sharding = self.__dict__.get("_sharding")  # laid out by a parallel plan: shards only
                    data = (data.materialize_array(name=self._name) if sharding is None
                            else _sharding.materialize_sharded(data, self._name, sharding))
                    object.__setattr__(self, "_data", data)
        return data

    def _store(self, value) -> None:
        with self._lock:
            object.__setattr__(self, "_data", value)

    def _array_of(self, storage):
        return storage.materialize_array(name=self._name) if isinstance(storage, _lazy.LazyInit) else storage

    # --- attributes ------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._name

    @name.setter
    def name(self, value):
        name, generated = _check_name(value)
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_name_generated", generated)

    @property
    def requires_grad(self) -> bool:
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value):
        self._set_flag("requires_grad", value)

    @property
    def layerwise_parallel(self) -> bool:
        return self._layerwise_parallel

    @layerwise_parallel.setter
    def layerwise_parallel(self, value):
        self._set_flag("layerwise_parallel", value, period=True)

    @property
    def parallel_optimizer(self) -> bool:
        return self._parallel_optimizer

    @parallel_optimizer.setter
    def parallel_optimizer(self, value):
        self._set_flag("parallel_optimizer", value, period=True)

    @property
    def inited_param(self):
        """The Parameter holding materialised data when that had to be a new object: never in sporax."""
        return None

    @property
    def data(self) -> "Parameter":
        """The Parameter itself (MindSpore r1.6)."""
        return self

    @data.setter
    def data(self, value):
        self.set_data(value)

    def value(self) -> Tensor:
        """A Tensor with the current value."""
        return Tensor._wrap(self._value())

    # --- materialisation -------------------------------------------------------------------
    def init_data(self, layout=None, set_sliced=False):
        """Materialise a lazy Parameter in place and return it; a no-op once it has data.

        `layout` is MindSpore's `[dev_mat, tensor_map, slice_shape, ...]`: only this
        device's slice (rank from `sporax.context`) is generated and kept.
        """
        if not self.has_init:
            return self
        if layout is None:
            self._stored_value()
        else:
            index = layout_region(layout, self.shape, context.get_rank())
            lazy = self._data
            with self._lock:
                if self._data is lazy:  # not materialised or replaced meanwhile
                    object.__setattr__(self, "_data", lazy.materialize_array(self._name, index))
        object.__setattr__(self, "sliced", set_sliced)
        return self

    def set_data(self, data, slice_shape=False):
        """Replace the value and return self.

        The incoming shape must equal the current one unless `slice_shape=True`
        (ValueError); the incoming dtype is cast when it ranks at or below the Parameter's
        (bool < int8 < uint8 < int16 < int32 < int64 < float16 < float32 < float64), else
        TypeError. On any error the Parameter is unchanged.
        """
        if not isinstance(data, (Tensor, numbers.Number)) or isinstance(data, (complex, np.generic)):
            raise TypeError("Parameter data must be [`Tensor`, `int`, `float`] or a kind of `Tensor` "
                            f"(like `Tensor`). But with type {type(data)}.")
        if not isinstance(slice_shape, bool):
            raise TypeError(f"Parameter.set_data: argument 'slice_shape' must be a bool, got {slice_shape!r}.")
        current = self.dtype
        if isinstance(data, Tensor):
            incoming_dtype = data.dtype
        elif isinstance(data, float):
            if current.kind in ("bool", "int", "uint"):
                raise _implicit_cast_error(current, "Float")
            incoming_dtype = current
        else:
            incoming_dtype = current
        if incoming_dtype._rank > current._rank:
            raise _implicit_cast_error(current, incoming_dtype)
        incoming_shape = data.shape if isinstance(data, Tensor) else ()
        if not slice_shape and tuple(incoming_shape) != self.shape:
            raise ValueError("Can not change the shape of Parameter which has been initialized. "
                             f"Current shape is {self.shape}, and incoming is {tuple(incoming_shape)}.")
        if isinstance(data, Tensor) and data.has_init and incoming_dtype == current:
            new = data._data
            new.adopt(self)
            new.draw(self._name)
        elif isinstance(data, Tensor):
            value = data._value()
            new = value if incoming_dtype == current else value.astype(current.to_numpy())
        else:
            new = Tensor(data, current)._data
        self._write(new)
        object.__setattr__(self, "sliced", slice_shape)
        return self

    def set_dtype(self, dtype):
        """Change the dtype in place (values cast); returns the new dtype."""
        if not isinstance(dtype, mstype.Type):
            raise TypeError(f"Parameter.set_dtype: argument 'dtype' must be a sporax dtype, got {dtype!r}.")
        self._write(self._value().astype(dtype.to_numpy()))
        return dtype

    def set_param_ps(self, init_in_server=False):
        """Train this parameter through a parameter server: its value and optimizer state live on
        a server, workers push gradients and pull values each step (`sporax._ps`). Needs
        `set_ps_context(enable_ps=True)` with MS_ROLE set. `init_in_server=True`: the
        initializer runs on the server only; the worker keeps the value lazy until it pulls."""
        if not isinstance(init_in_server, bool):
            raise TypeError(f"For 'Parameter.set_param_ps', the 'init_in_server' must be a bool, but got "
                            f"{init_in_server!r}.")
        if not context.get_ps_context("enable_ps") or context.get_ps_context("ms_role") == "MS_NOT_PS":
            raise RuntimeError("Must complete following two steps before calling set_param_ps: \n"
                               "1. context.set_ps_context(enable_ps=True) \n"
                               "2. export MS_ROLE environment variable \n"
                               "Please refer to the official website for detailed usage.")
        object.__setattr__(self, "is_param_ps", True)
        object.__setattr__(self, "init_in_server", init_in_server)

    # --- copies ----------------------------------------------------------------------------
    def _copy_with(self, data, name, generated, layerwise_parallel):
        if isinstance(data, _lazy.LazyInit):
            data.freeze_name(self._name)
        new = Parameter.__new__(Parameter)
        state = dict(self.__dict__)
        state.update(_data=data, _lock=threading.Lock(), _name=name, _name_generated=generated,
                     _layerwise_parallel=layerwise_parallel, is_init=False)
        object.__setattr__(new, "__dict__", state)
        return new

    def clone(self, init="same"):
        """A new Parameter with the same name, flags and values (init='same'), or with
        `initializer(init, shape, dtype)`. Its data is independent of this one's."""
        if isinstance(init, str) and init == "same":
            data = self._data
        else:
            data = initializer(init, shape=self.shape, dtype=self.dtype)
            data = data._data if data.has_init else data._value()
            if isinstance(data, _lazy.LazyInit):
                data.draw(self._name)
                data.freeze_name(self._name)
        return self._copy_with(data, self._name, self._name_generated, self._layerwise_parallel)

    def copy(self):
        return self.clone(init="same")

    def __copy__(self):
        return self._copy_with(self._data, self._name, self._name_generated, self._layerwise_parallel)

    def __deepcopy__(self, memo):
        # MindSpore 2.10 rebuilds a deep copy from (data, name, requires_grad): layerwise_parallel resets.
        return self._copy_with(self._data, self._name, self._name_generated, False)

    def __reduce__(self):
        return (_rebuild_parameter,
                (self.asnumpy(), self._name, self._name_generated, self._requires_grad,
                 self._layerwise_parallel, self._parallel_optimizer))

    def __str__(self) -> str:
        return (f"Parameter (name={self._name}, shape={self.shape}, dtype={self.dtype}, "
                f"requires_grad={self._requires_grad})")

    __repr__ = __str__


def _rebuild_parameter(array, name, generated, requires_grad, layerwise_parallel, parallel_optimizer):
    param = Parameter(Tensor(array), name=None if generated else name, requires_grad=requires_grad,
                      layerwise_parallel=layerwise_parallel, parallel_optimizer=parallel_optimizer)
    return param


_PUBLIC_CACHE: list[str] = []


def _public_attributes() -> list[str]:
    if not _PUBLIC_CACHE:
        _PUBLIC_CACHE.extend(sorted({n for n in dir(Parameter) if not n.startswith("_")}
                                    | {"sliced", "is_init", "init_in_server", "is_param_ps"}))
    return _PUBLIC_CACHE


def name_clash(labelled):
    """The first (label, Parameter) whose explicit name another Parameter already has, else None.

    Unnamed Parameters all read 'Parameter'; identity tells them apart (DESIGN profile), and
    the same object seen twice is no clash. Items that are not Parameters are skipped.
    """
    seen: dict[str, Parameter] = {}
    for label, param in labelled:
        if not isinstance(param, Parameter) or param._name_generated:
            continue
        other = seen.setdefault(param.name, param)
        if other is not param:
            return label, param
    return None


class ParameterTuple(tuple):
    """A tuple of Parameters with unique explicit names; `clone(prefix)` names copies `prefix.name`."""

    def __new__(cls, iterable):
        if isinstance(iterable, Tensor):
            raise TypeError("For ParameterTuple initialization, ParameterTuple input should be "
                            f"'Parameter' collection, but got a {type(iterable)}. ")
        items = tuple(iterable)
        if not all(isinstance(item, Parameter) for item in items):
            raise TypeError("For ParameterTuple initialization, ParameterTuple input should be "
                            f"'Parameter' collection, but got a {type(iterable)}. ")
        clash = name_clash((item, item) for item in items)
        if clash is not None:
            raise ValueError(f"The value {clash[1]} , its name '{clash[1].name}' already exists. "
                             "Please set a unique name for the parameter.")
        return super().__new__(cls, items)

    def clone(self, prefix, init="same"):
        """Clone every Parameter (`Parameter.clone(init)`) and rename it `prefix + '.' + name`."""
        if not isinstance(prefix, str):
            raise TypeError(f"expected string or bytes-like object, got '{type(prefix).__name__}'")
        if not re.match(_CLONE_PREFIX, prefix, re.ASCII):
            raise ValueError(f"The '{prefix}' is illegal, it must be match regular'^\\w+[0-9a-zA-Z\\_\\.]*$' "
                             "by flags're.ASCII.'")
        clones = []
        for param in self:
            clone = param.clone(init)
            clone.name = f"{prefix}.{param.name}"
            clones.append(clone)
        return ParameterTuple(clones)
