"""Ops with memory side effects (`side_effect_mem`): they write a Parameter in place.

Assign, AssignAdd, AssignSub and the Scatter family. The target is a Parameter or, as
MindSpore 2.10's PyNative allows, a plain Tensor, written in place all the same (anything
else is a TypeError); the value follows the Parameter's rules (same shape; a dtype that
ranks at or below the target's is cast, a higher one is a TypeError) and nothing changes
when it is refused. The op returns a new Tensor holding the written value. In a compiled
graph a Parameter's write goes to the StateFrame, so later reads see it in program order.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from ... import _validation
from ..._runtime import state_frame
from ...common.parameter import Parameter, _implicit_cast_error
from ...errors import GraphModeError
from ...common.tensor import Tensor
from .._promotion import cast
from ..primitive import Primitive, _wrap


def _check_variable(op, variable, name="variable"):
    # MindSpore 2.10 PyNative writes a plain Tensor target in place too (`Tensor._write`).
    _validation.instance_of(op, name, variable, Tensor, "Parameter or Tensor")
    if not _writable_in_place(variable):
        raise GraphModeError(
            f"For '{op}', the '{name}' is a plain Tensor made outside the compiled graph (GRAPH_MODE, sporax.jit "
            "or a gradient) being traced: the graph cannot write it back. Make it a Parameter (a graph writes "
            "Parameters back after it runs), or pass it to the graph as an argument.")


def _writable_in_place(target) -> bool:
    """Whether an op may write `target` in place now: a Parameter always (while a graph is traced its
    writes go to the StateFrame), a plain Tensor unless a graph is being traced and the Tensor holds
    a value from outside it (it would keep a tracer after the graph ran)."""
    return (isinstance(target, Parameter) or state_frame.active() is None
            or isinstance(target._peek(), jax.core.Tracer))


def _operand(op, variable, value, name="value", shape=None, allow_scalar=False):
    """`value` as an array in the Parameter's dtype, checked like Parameter.set_data
    (a scalar is accepted where it combines arithmetically, never as a replacement)."""
    if not isinstance(value, Tensor):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"For '{op}', the '{name}' must be a Tensor or a number, but got {type(value).__name__}.")
        if isinstance(value, float) and variable.dtype.kind in ("bool", "int", "uint"):
            raise _implicit_cast_error(variable.dtype, "Float")
        value = Tensor(value, variable.dtype)
    elif value.dtype._rank > variable.dtype._rank:
        raise _implicit_cast_error(variable.dtype, value.dtype)
    expected = variable.shape if shape is None else shape
    if value.shape != tuple(expected) and not (allow_scalar and value.ndim == 0):
        raise ValueError(f"For '{op}', the shape of '{name}' must be {tuple(expected)} (the Parameter's), "
                         f"but got {value.shape}.")
    return cast(value._value(), variable.dtype.to_numpy())


class _MemoryEffect(Primitive):
    _writes_recorded = True  # its effects are `_write`s (executor._recorded)

    def __init__(self):
        super().__init__(type(self).__name__)
        self.add_prim_attr("side_effect_mem", True)

    def _update(self, variable, new_value):
        variable._write(new_value)
        return _wrap(new_value)


class Assign(_MemoryEffect):
    """variable = value; returns the assigned value."""

    def __call__(self, variable, value):
        _check_variable(self.name, variable)
        return self._update(variable, _operand(self.name, variable, value))


class AssignAdd(_MemoryEffect):
    """variable += value; returns the new value."""

    def __call__(self, variable, value):
        _check_variable(self.name, variable)
        operand = _operand(self.name, variable, value, allow_scalar=True)
        return self._update(variable, self._dispatch((variable._value(), operand)))

    def _compute(self, current, operand):
        return current + operand


class AssignSub(AssignAdd):
    """variable -= value; returns the new value."""

    def _compute(self, current, operand):
        return current - operand


def _check_indices(op, indices):
    if not isinstance(indices, Tensor) or indices.dtype.kind not in ("int", "uint"):
        raise TypeError(f"For '{op}', the 'indices' must be an int Tensor, but got {indices!r}.")


class _Scatter(_MemoryEffect):
    """variable[indices] <op>= updates, indices into the first axis; updates of shape
    indices.shape + variable.shape[1:]."""

    def __init__(self, use_locking=True):
        super().__init__()
        self.add_prim_attr("use_locking", use_locking)

    def __call__(self, input_x, indices, updates):
        _check_variable(self.name, input_x, "input_x")
        _check_indices(self.name, indices)
        shape = indices.shape + input_x.shape[1:]
        operand = _operand(self.name, input_x, updates, "updates", shape)
        return self._update(input_x, self._dispatch((input_x._value(), indices._value(), operand)))


class ScatterUpdate(_Scatter):
    def _compute(self, x, indices, updates):
        return x.at[indices].set(updates)


class ScatterAdd(_Scatter):
    def __init__(self, use_locking=False):  # MindSpore's default, unlike ScatterUpdate's
        super().__init__(use_locking)

    def _compute(self, x, indices, updates):
        return x.at[indices].add(updates)


class ScatterSub(_Scatter):
    def __init__(self, use_locking=False):  # MindSpore's default, unlike ScatterUpdate's
        super().__init__(use_locking)

    def _compute(self, x, indices, updates):
        return x.at[indices].add(-updates)


class _ScatterNd(_Scatter):
    """indices (..., k) address the first k axes; updates of shape indices.shape[:-1] + variable.shape[k:]."""

    def __call__(self, input_x, indices, updates):
        _check_variable(self.name, input_x, "input_x")
        _check_indices(self.name, indices)
        k = indices.shape[-1]
        shape = indices.shape[:-1] + input_x.shape[k:]
        operand = _operand(self.name, input_x, updates, "updates", shape)
        return self._update(input_x, self._dispatch((input_x._value(), indices._value(), operand)))

    @staticmethod
    def _index(indices):
        return tuple(jnp.moveaxis(indices, -1, 0))


class ScatterNdUpdate(_ScatterNd):
    def _compute(self, x, indices, updates):
        return x.at[self._index(indices)].set(updates)


class ScatterNdAdd(_ScatterNd):
    def __init__(self, use_locking=False):  # MindSpore's default, unlike ScatterUpdate's
        super().__init__(use_locking)

    def _compute(self, x, indices, updates):
        return x.at[self._index(indices)].add(updates)


class ScatterNdSub(_ScatterNd):
    def __init__(self, use_locking=False):  # MindSpore's default, unlike ScatterUpdate's
        super().__init__(use_locking)

    def _compute(self, x, indices, updates):
        return x.at[self._index(indices)].add(-updates)


__all__ = ["Assign", "AssignAdd", "AssignSub", "ScatterUpdate", "ScatterAdd", "ScatterSub", "ScatterNdUpdate",
           "ScatterNdAdd", "ScatterNdSub"]
