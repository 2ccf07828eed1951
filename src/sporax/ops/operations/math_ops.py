"""Arithmetic, reductions and comparisons (`mindspore.ops.operations.math_ops`)."""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ... import _validation
from .. import _promotion
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ._jax_special import special
from ..primitive import Primitive, _wrap, prim_attr_register


class _Binary(Primitive):
    """Elementwise binary op with MindSpore's type promotion (Tensor or scalar operands)."""

    _fn = None

    def __init__(self):
        super().__init__(type(self).__name__)

    def __call__(self, x, y):
        if not isinstance(x, (Tensor, np.ndarray)) and not isinstance(y, (Tensor, np.ndarray)):
            raise TypeError(f"For '{self.name}', at least one of 'x' and 'y' must be a Tensor, "
                            f"got {type(x).__name__} and {type(y).__name__}.")
        a, b = _promotion.pair(x, y)
        return _wrap(self._dispatch((a, b)))

    def _compute(self, x, y):
        return type(self)._fn(x, y)


class Add(_Binary):
    _fn = staticmethod(jnp.add)


class Sub(_Binary):
    _fn = staticmethod(jnp.subtract)


class Mul(_Binary):
    _fn = staticmethod(jnp.multiply)


class RealDiv(_Binary):
    _fn = staticmethod(jnp.true_divide)


class Div(_Binary):
    """x / y; integer operands divide as Float32."""
    _fn = staticmethod(_promotion.true_divide)


class Pow(_Binary):
    _fn = staticmethod(jnp.power)


class Maximum(_Binary):
    _fn = staticmethod(jnp.maximum)


class Minimum(_Binary):
    _fn = staticmethod(jnp.minimum)


class _ClampMin(_Binary):
    """max(x, low) as `ops.clamp` has it: at x == low the gradient goes to x (maximum splits it)."""
    _fn = staticmethod(lambda x, low: jnp.where(x < low, low, x))


class _ClampMax(_Binary):
    """min(x, high) as `ops.clamp` has it: at x == high the gradient goes to x."""
    _fn = staticmethod(lambda x, high: jnp.where(x > high, high, x))


class Equal(_Binary):
    _fn = staticmethod(jnp.equal)


class NotEqual(_Binary):
    _fn = staticmethod(jnp.not_equal)


class Less(_Binary):
    _fn = staticmethod(jnp.less)


class LessEqual(_Binary):
    _fn = staticmethod(jnp.less_equal)


class Greater(_Binary):
    _fn = staticmethod(jnp.greater)


class GreaterEqual(_Binary):
    _fn = staticmethod(jnp.greater_equal)


class _Unary(Primitive):
    _fn = None

    def __init__(self):
        super().__init__(type(self).__name__)

    def __call__(self, x):
        if not isinstance(x, Tensor):
            raise TypeError(f"For '{self.name}', the input 'x' must be a Tensor, but got {type(x).__name__}.")
        return super().__call__(x)

    def _compute(self, x):
        return type(self)._fn(x)


def _float_input(fn):
    """Integer inputs are computed as Float32, as MindSpore's transcendental ops do."""
    def compute(x):
        return fn(x.astype(np.float32) if x.dtype.kind in "biu" else x)
    return staticmethod(compute)


class Neg(_Unary):
    _fn = staticmethod(jnp.negative)


class Abs(_Unary):
    _fn = staticmethod(jnp.abs)


class Exp(_Unary):
    _fn = _float_input(jnp.exp)


class Log(_Unary):
    _fn = _float_input(jnp.log)


class Sqrt(_Unary):
    _fn = _float_input(jnp.sqrt)


class Rsqrt(_Unary):
    _fn = _float_input(jax.lax.rsqrt)


class Square(_Unary):
    _fn = staticmethod(jnp.square)


class Reciprocal(_Unary):
    _fn = _float_input(jnp.reciprocal)


class IsFinite(_Unary):
    _fn = staticmethod(jnp.isfinite)


class MatMul(Primitive):
    """x @ y for 2-D operands, optionally transposing either first."""

    @prim_attr_register
    def __init__(self, transpose_a=False, transpose_b=False):
        _validation.bool_arg("MatMul", "transpose_a", transpose_a)
        _validation.bool_arg("MatMul", "transpose_b", transpose_b)

    def __call__(self, x, y):
        a, b = _promotion.pair(x, y)
        if a.ndim != 2 or b.ndim != 2:
            raise ValueError(f"For '{self.name}', the input dimensions must be 2, but got x: {a.ndim}, y: {b.ndim}.")
        k_a = a.shape[0] if self.attrs["transpose_a"] else a.shape[1]
        k_b = b.shape[1] if self.attrs["transpose_b"] else b.shape[0]
        if k_a != k_b:
            raise ValueError(f"For '{self.name}', the input dimensions must be equal, but got 'x1_col': {k_a} "
                             f"and 'x2_row': {k_b}. And 'x' shape {tuple(a.shape)}(transpose_a="
                             f"{self.attrs['transpose_a']}), 'y' shape {tuple(b.shape)}(transpose_b="
                             f"{self.attrs['transpose_b']}).")
        return _wrap(self._dispatch((a, b)))

    def _compute(self, a, b):
        if self.attrs["transpose_a"]:
            a = jnp.swapaxes(a, -1, -2)
        if self.attrs["transpose_b"]:
            b = jnp.swapaxes(b, -1, -2)
        return jnp.matmul(a, b)


class BatchMatMul(MatMul):
    """Batched x @ y over leading dimensions (broadcast)."""

    def __call__(self, x, y):
        a, b = _promotion.pair(x, y)
        if a.ndim < 3 and b.ndim < 3:
            raise ValueError(f"For '{self.name}', input 'x' or 'y' must have rank >= 3, got {a.ndim} and {b.ndim}.")
        return _wrap(self._dispatch((a, b)))


def _axes(axis, ndim):
    if axis is None or axis == ():
        return tuple(range(ndim))
    if isinstance(axis, (list, tuple)):
        return tuple(a % ndim if ndim else a for a in axis)
    return (axis % ndim if ndim else axis,)


class _Reduce(Primitive):
    _fn = None

    @prim_attr_register
    def __init__(self, keep_dims=False):
        _validation.bool_arg(type(self).__name__, "keep_dims", keep_dims)

    def __call__(self, x, axis=()):
        if isinstance(axis, Tensor):
            axis = tuple(np.asarray(axis.asnumpy()).reshape(-1).tolist())
        if not isinstance(axis, (int, tuple, list)) or isinstance(axis, bool):
            raise TypeError(f"For '{self.name}', the 'axis' must be an int, tuple or list, but got {axis!r}.")
        rank = getattr(x, "ndim", 0)
        for a in (axis,) if isinstance(axis, int) else axis:
            if rank and isinstance(a, int) and not -rank <= a < rank:  # MindSpore's check (a raw JAX error otherwise)
                raise ValueError(f"For primitive[{self.name}], the axis value must be in [{-rank},{rank}), but got {a}.")
        return super().__call__(x, axis)

    def _compute(self, x, axis):
        return type(self)._fn(x, axis=_axes(axis, x.ndim), keepdims=self.attrs["keep_dims"])


class ReduceSum(_Reduce):
    """Σ over `axis`, in the input's dtype as MindSpore's kernel: integers wrap around, and a
    bool sum is the logical or (any element True)."""

    @staticmethod
    def _fn(x, axis, keepdims):
        if x.dtype == jnp.bool_:
            return jnp.any(x, axis=axis, keepdims=keepdims)
        return jnp.sum(x, axis=axis, keepdims=keepdims, dtype=x.dtype)


# `ops.sum` and `Tensor.sum` (not the ReduceSum primitive) sum these as Int64, as MindSpore's do.
SUM_AS_INT64 = (mstype.bool_, mstype.int8, mstype.int16, mstype.int32, mstype.uint8)


class ReduceMax(_Reduce):
    _fn = staticmethod(jnp.max)


class ReduceMin(_Reduce):
    _fn = staticmethod(jnp.min)


class ReduceProd(_Reduce):
    @staticmethod
    def _fn(x, axis, keepdims):
        # MindSpore keeps the input dtype (jnp.prod would widen int32 to int64)
        return jnp.prod(x, axis=axis, keepdims=keepdims, dtype=x.dtype)


class ReduceMean(_Reduce):
    @staticmethod
    def _fn(x, axis, keepdims):
        return jnp.mean(x, axis=axis, keepdims=keepdims).astype(x.dtype)


class Argmax(Primitive):
    """Index of the maximum along `axis`, as `output_type` (Int32)."""

    @prim_attr_register
    def __init__(self, axis=-1, output_type=mstype.int32):
        if not isinstance(axis, int) or isinstance(axis, bool):
            raise TypeError(f"For 'Argmax', the 'axis' must be an int, but got {type(axis).__name__}.")
        if output_type not in (mstype.int32, mstype.int64):
            raise TypeError(f"For 'Argmax', the 'output_type' must be Int32 or Int64, but got {output_type}.")

    def __call__(self, x):
        if not isinstance(x, Tensor):
            raise TypeError(f"For primitive[{self.name}], the 'input_x' must be a Tensor, but got {type(x).__name__}.")
        rank, axis = x.ndim, self.attrs["axis"]
        if not -rank <= axis < rank:
            raise ValueError(f"For primitive[{self.name}], the axis must be in [{-rank},{rank}), but got {axis}.")
        return super().__call__(x)

    def _compute(self, x):
        return jnp.argmax(x, axis=self.attrs["axis"]).astype(self.attrs["output_type"].to_numpy())


class Argmin(Argmax):
    def _compute(self, x):
        return jnp.argmin(x, axis=self.attrs["axis"]).astype(self.attrs["output_type"].to_numpy())


# --- the operators Tensor needs beyond the arithmetic above (`//`, `%`, `&`, `|`, `^`, `~`, `@`) ---
class FloorDiv(_Binary):
    """floor(x / y) elementwise (Python's `//`)."""
    _fn = staticmethod(jnp.floor_divide)


class FloorMod(_Binary):
    """x - floor(x / y)·y: the remainder takes the divisor's sign (Python's `%`)."""
    _fn = staticmethod(jnp.mod)


class BitwiseAnd(_Binary):
    _fn = staticmethod(jnp.bitwise_and)


class BitwiseOr(_Binary):
    _fn = staticmethod(jnp.bitwise_or)


class BitwiseXor(_Binary):
    _fn = staticmethod(jnp.bitwise_xor)


class Invert(_Unary):
    """Bitwise not; logical not for bool (Python's `~`)."""
    _fn = staticmethod(jnp.invert)


class _BroadcastMatMul(_Binary):
    """x @ y with NumPy's matmul rules (1-D operands as vectors, leading dimensions broadcast):
    Tensor's `@` and `ops.matmul`."""

    def __init__(self):
        Primitive.__init__(self, "MatMul")

    def __call__(self, x, y):
        a, b = _promotion.pair(x, y)
        if a.ndim == 0 or b.ndim == 0 or a.shape[-1] != b.shape[max(b.ndim - 2, 0)]:
            raise ValueError(f"For 'matmul', the last dimension of 'input' must equal the second-to-last "
                             f"dimension of 'other', but got shapes {tuple(a.shape)} and {tuple(b.shape)}.")
        return _wrap(self._dispatch((a, b)))

    _fn = staticmethod(jnp.matmul)


# --- issue 9 (nn half): elementwise ops the nn layers, schedules and loss scaling compose ---------

class Erf(_Unary):
    _fn = _float_input(special("erf"))


class Floor(_Unary):
    _fn = staticmethod(jnp.floor)


class Ceil(_Unary):
    _fn = staticmethod(jnp.ceil)


class Cos(_Unary):
    _fn = _float_input(jnp.cos)


class LogicalNot(_Unary):
    _fn = staticmethod(jnp.logical_not)


class LogicalAnd(_Binary):
    _fn = staticmethod(jnp.logical_and)


class LogicalOr(_Binary):
    _fn = staticmethod(jnp.logical_or)


class ReduceAll(_Reduce):
    _fn = staticmethod(jnp.all)
