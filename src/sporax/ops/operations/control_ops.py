"""Depend and the float-status ops."""
from __future__ import annotations

import jax
import jax.numpy as jnp

from ..._runtime import call_replay
from ..._runtime import float_status
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ..primitive import Primitive, _wrap


class Depend(Primitive):
    """depend(value, expr) returns `value`; in a compiled graph whatever consumes the result
    runs after `expr` (an optimization barrier ties them). Identity in PyNative, where
    program order already holds."""

    def __init__(self):
        super().__init__("Depend")
        self.add_prim_attr("side_effect_propagate", 1)

    def __call__(self, value, expr):
        values, treedef = jax.tree_util.tree_flatten(_read_parameters(value))
        deps = jax.tree_util.tree_leaves(_read_parameters(expr))
        arrays = [i for i, v in enumerate(values) if isinstance(v, (jax.Array, jax.core.Tracer))]
        traced = any(call_replay.traced(a) for a in values + deps)
        if not traced or not arrays:
            return value
        tied = jax.lax.optimization_barrier((tuple(values[i] for i in arrays), tuple(
            d for d in deps if isinstance(d, (jax.Array, jax.core.Tracer)))))[0]
        for i, array in zip(arrays, tied):
            values[i] = array
        return jax.tree_util.tree_unflatten(treedef, values)


def _read_parameters(value):
    """`value` with each Parameter replaced by a Tensor of its current value (pytrees keep
    Parameters whole, as state; ordering is about their values)."""
    return jax.tree_util.tree_map(lambda x: Tensor._wrap(x._value()) if isinstance(x, Parameter) else x, value)


class NPUAllocFloatStatus(Primitive):
    """Allocate (arm) the float-status register; returns it, zeroed: shape [8] float32."""

    def __init__(self):
        super().__init__("NPUAllocFloatStatus")

    def __call__(self):
        return _wrap(float_status.allocate())


class NPUGetFloatStatus(Primitive):
    """The register: nonzero when an op produced inf/NaN since the last clear."""

    def __init__(self):
        super().__init__("NPUGetFloatStatus")

    def __call__(self, x):
        _check_status_input(self.name, x)
        return _wrap(float_status.read())


class NPUClearFloatStatus(Primitive):
    """Zero the register; returns the zeroed register."""

    def __init__(self):
        super().__init__("NPUClearFloatStatus")

    def __call__(self, x):
        _check_status_input(self.name, x)
        return _wrap(float_status.clear())


def _check_status_input(op, x):
    if not isinstance(x, Tensor) or x.shape != (float_status.SIZE,):
        raise TypeError(f"For '{op}', the input must be the [8] float32 status Tensor from NPUAllocFloatStatus, "
                        f"but got {x!r}.")


class FloatStatus(Primitive):
    """[1] float32: 1 when `x` holds inf or NaN, else 0."""

    def __init__(self):
        super().__init__("FloatStatus")

    def _compute(self, x):
        return jnp.any(~jnp.isfinite(x)).astype(jnp.float32).reshape(1)
