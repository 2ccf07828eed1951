"""MindSpore's type promotion for Tensor operators (a Python scalar never widens a tensor).

Tensor with Tensor: bool < integer < float < complex; within a kind the wider type wins
(float16 with bfloat16 gives float32; mixed-sign integers follow NumPy). Tensor with a
Python scalar keeps the tensor's dtype, except an int with a bool tensor (Int64) and a
float with a bool/integer tensor (Float32): `Parameter(3) + 1.5` is Float32.
"""
from __future__ import annotations

import numbers

import jax.numpy as jnp
import numpy as np

from ..common import dtype as mstype
from ..common.tensor import Tensor

_KIND_ORDER = {"bool": 0, "int": 1, "uint": 1, "float": 2, "complex": 3}


def promote(a: mstype.Type, b: mstype.Type) -> mstype.Type:
    if a == b:
        return a
    ka, kb = _KIND_ORDER[a.kind], _KIND_ORDER[b.kind]
    if ka != kb:
        return a if ka > kb else b
    if {a, b} == {mstype.float16, mstype.bfloat16}:
        return mstype.float32
    return mstype.from_numpy(np.promote_types(a.to_numpy(), b.to_numpy()))


def _scalar_result(tensor_dtype: mstype.Type, scalar) -> mstype.Type:
    kind = tensor_dtype.kind
    # Exact Python types first: the numbers ABCs cost more than the rest of the promotion.
    if type(scalar) is float:
        return mstype.float32 if kind in ("bool", "int", "uint") else tensor_dtype
    if type(scalar) is int:
        return mstype.int64 if kind == "bool" else tensor_dtype
    if isinstance(scalar, bool):
        return tensor_dtype
    if isinstance(scalar, numbers.Integral):
        return mstype.int64 if kind == "bool" else tensor_dtype
    if isinstance(scalar, numbers.Real):
        return mstype.float32 if kind in ("bool", "int", "uint") else tensor_dtype
    if not isinstance(scalar, numbers.Complex):
        raise TypeError(f"The operands of an arithmetic op must be Tensors or numbers (<Number, Tensor>), but got "
                        f"'{type(scalar).__name__}' {scalar!r}.")
    if tensor_dtype in (mstype.float64, mstype.complex128):
        return mstype.complex128
    return mstype.complex64


def operands(tensor, other):
    """Both operands as jax arrays of the promoted dtype."""
    a = tensor._value()
    if isinstance(other, Tensor):
        b = other._value()
        if a.dtype == b.dtype:  # the common case: one dtype, nothing to promote or cast
            return a, b
        result = promote(tensor.dtype, other.dtype)
    elif isinstance(other, (np.ndarray, np.generic)):
        result = promote(tensor.dtype, mstype.from_numpy(np.asarray(other).dtype))
        b = np.asarray(other)
    else:
        result = _scalar_result(tensor.dtype, other)
        b = other
    np_result = result.to_numpy()
    a = a if a.dtype == np_result else a.astype(np_result)
    if not hasattr(b, "dtype") or b.dtype != np_result:
        # A number becomes a NumPy constant, not an eager JAX cast (a dispatch of its own);
        # a kernel takes it as an input like any array, and a trace folds it in.
        b = np.asarray(b, dtype=np_result) if not hasattr(b, "shape") or isinstance(b, np.ndarray) else b.astype(np_result)
    return a, b


def pair(x, y):
    """Two operands (Tensors, arrays or Python scalars, at least one non-scalar) as jax arrays
    of their MindSpore-promoted dtype."""
    if isinstance(x, Tensor):
        return operands(x, y)
    if isinstance(y, Tensor):
        b, a = operands(y, x)
        return a, b
    x = Tensor._wrap(jnp.asarray(x)) if hasattr(x, "dtype") else x
    if isinstance(x, Tensor):
        return operands(x, y)
    y = Tensor._wrap(jnp.asarray(y))
    b, a = operands(y, x)
    return a, b


def true_divide(a, b):
    """Integer and bool operands divide as Float32, as MindSpore's Div does for `/`."""
    if a.dtype.kind in "biu":
        a, b = a.astype(np.float32), b.astype(np.float32)
    return jnp.true_divide(a, b)


def cast(array, dtype):
    """`array` in `dtype` (a NumPy dtype). An array that has it already (and is not weakly
    typed, which a cast would make strong) comes back as it is: jnp's `astype` costs
    microseconds of Python even when it changes nothing, on every eager call."""
    if array.dtype == dtype and not getattr(array, "weak_type", True):
        return array
    return array.astype(dtype)
