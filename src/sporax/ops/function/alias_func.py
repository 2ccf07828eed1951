"""`mindspore.ops`' other names for existing operations (toplevel, issue 10).

MindSpore keeps, beside each function, older names: `tensor_add` is an `Add()` instance,
`reduce_sum` a `ReduceSum()`, the `*_ext` functions are the `mint` functions. Here they are
the same primitives and compositions as their modern names, and a few small functions over
shapes and types that MindSpore's graph compiler uses (`reduced_shape`,
`broadcast_gradient_args`, `typeof`, `hastype`, `isconstant`).
"""
from __future__ import annotations

import numbers

import jax

from ..._runtime import call_replay
from ...common import dtype as mstype
from ...common.tensor import Tensor
from .. import functional as F
from .. import operations as P
from . import linalg_func as _linalg, math_func as _math, random_func as _random, special_func as _special
from .clip_func import clip_by_value as _clip_by_value

__all__ = ["tensor_add", "tensor_div", "tensor_exp", "tensor_expm1", "tensor_floordiv", "tensor_ge", "tensor_gt",
           "tensor_le", "tensor_lt", "tensor_mod", "tensor_mul", "tensor_muls", "tensor_pow", "pows", "tensor_slice",
           "tensor_sub", "reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "einsum_ext", "diff_ext",
           "isnan_ext", "float_power_ext", "baddbmm_ext", "bernoulli_ext", "adaptive_avg_pool2d_ext", "eps",
           "clip_by_norm", "deepcopy", "mixed_precision_cast", "type_as", "typeof", "hastype", "isconstant",
           "is_tensor_bool_cond", "reduced_shape", "broadcast_gradient_args", "DtypeToEnum", "SliceGetItem",
           "print_"]

# --- primitive instances under their old names -------------------------------------------------
tensor_add, tensor_sub, tensor_mul, tensor_div = P.Add(), P.Sub(), P.Mul(), P.RealDiv()
tensor_exp, tensor_expm1, tensor_pow, pows = P.Exp(), P.Expm1(), P.Pow(), P.Pow()
tensor_floordiv, tensor_mod = P.FloorDiv(), P.FloorMod()
tensor_ge, tensor_le = P.GreaterEqual(), P.LessEqual()
tensor_slice = P.Slice()
reduce_sum, reduce_mean, reduce_max, reduce_min = P.ReduceSum(), P.ReduceMean(), P.ReduceMax(), P.ReduceMin()


def tensor_gt(input, other):  # noqa: A002 - MindSpore's names
    """input > other, elementwise (`ops.greater`)."""
    return F.greater(input, other)


def tensor_lt(input, other):  # noqa: A002
    """input < other, elementwise (`ops.less`)."""
    return F.less(input, other)


def tensor_muls(input, other):  # noqa: A002
    """input * other where other is a number or a Tensor (MindSpore's `muls`)."""
    if isinstance(other, bool) or not isinstance(other, (numbers.Number, Tensor)):
        raise TypeError(f"For 'muls', the 'other' must be a number or a Tensor, but got {type(other).__name__}.")
    return F.mul(input, other)


# --- the *_ext functions: mint's signatures --------------------------------------------------------
def einsum_ext(equation, *operands):
    return _linalg.einsum(equation, *operands)


def diff_ext(input, n=1, dim=-1, prepend=None, append=None):  # noqa: A002
    return _special.diff(input, n, dim, prepend, append)


def isnan_ext(tensor):
    return F.isnan(tensor)


def float_power_ext(input, exponent):  # noqa: A002
    return _math.float_power(input, exponent)


def baddbmm_ext(input, batch1, batch2, *, beta=1, alpha=1):  # noqa: A002
    return _linalg.baddbmm(input, batch1, batch2, beta, alpha)


def bernoulli_ext(input, *, generator=None):  # noqa: A002
    return _random._bernoulli_of(input, generator)


def adaptive_avg_pool2d_ext(input, output_size):  # noqa: A002
    return F.adaptive_avg_pool2d(input, output_size)


# --- small numeric functions -----------------------------------------------------------------------
def eps(x):
    """A Tensor like `x` filled with its float dtype's machine epsilon (float16/32/64)."""
    return P.Eps()(x)


def deepcopy(input_x):
    """A copy of the Tensor `input_x` (MindSpore's Identity)."""
    if not isinstance(input_x, Tensor):
        raise TypeError(f"For 'deepcopy', the 'input_x' must be a Tensor, but got {type(input_x).__name__}.")
    return P.Identity()(input_x)


class ClipByNormNonFinite(RuntimeError, ValueError):
    """clip_by_norm's total norm is inf/NaN with error_if_nonfinite=True (MindSpore: RuntimeError)."""


def clip_by_norm(x, max_norm, norm_type=2.0, error_if_nonfinite=False):
    """Scale `x` (a Tensor, or a tuple/list of Tensors scaled together) so that its p-norm
    (`norm_type`; of all the Tensors' norms together) is at most `max_norm`:
    x * min(1, max_norm / (total_norm + 1e-6))."""
    tensors = list(x) if isinstance(x, (tuple, list)) else [x]
    if not tensors or not all(isinstance(t, Tensor) for t in tensors):
        raise TypeError(f"For 'clip_by_norm', the 'x' must be a Tensor or a non-empty tuple/list of Tensors, but got "
                        f"{type(x).__name__}.")
    if isinstance(max_norm, bool) or not isinstance(max_norm, (numbers.Real, Tensor)):
        raise TypeError(f"For 'clip_by_norm', the 'max_norm' must be a number or a Tensor, but got "
                        f"{type(max_norm).__name__}.")
    if isinstance(norm_type, bool) or not isinstance(norm_type, numbers.Real):
        raise TypeError(f"For 'clip_by_norm', the 'norm_type' must be a float, but got {norm_type!r}.")
    norms = [F.vector_norm(t.reshape(-1), float(norm_type)) for t in tensors]
    total = norms[0] if len(norms) == 1 else F.vector_norm(F.stack(norms), float(norm_type))
    if error_if_nonfinite and not bool(F.isfinite(total)):
        raise ClipByNormNonFinite(f"For clip_by_norm, the total norm of order {float(norm_type)} from input is "
                                  f"non-finite.")
    scale = _clip_by_value(F.div(max_norm, F.add(total, 1e-6)), None, 1.0)
    out = [F.mul(t, scale.astype(t.dtype)) for t in tensors]
    return out[0] if isinstance(x, Tensor) else tuple(out)


def mixed_precision_cast(dst_dtype, x):
    """Every floating Tensor in `x` (a Tensor, or nested tuples/lists of them) cast to
    `dst_dtype`; other values unchanged; lists come back as tuples and dicts are left as they
    are, as in MindSpore."""
    if not isinstance(dst_dtype, mstype.Type):
        raise TypeError(f"For 'mixed_precision_cast', the 'dst_dtype' must be a mindspore dtype, but got "
                        f"{dst_dtype!r}.")

    def cast(value):
        if isinstance(value, Tensor):
            return F.cast(value, dst_dtype) if value.dtype.kind == "float" else value
        if isinstance(value, (tuple, list)):
            return tuple(cast(v) for v in value)
        return value
    return cast(x)


def type_as(input, other):  # noqa: A002
    """`input` cast to `other`'s dtype."""
    if not isinstance(other, Tensor):
        raise TypeError(f"For 'type_as', the 'other' must be a Tensor, but got {type(other).__name__}.")
    return F.cast(input, other.dtype)


def print_(*input_x):
    """Print the inputs (strings, numbers, Tensors) to stdout, in program order (the Print primitive)."""
    return P.Print()(*input_x)


# --- types and shapes, as the graph compiler sees them ------------------------------------------------
def _is_traced(value):
    return isinstance(value, Tensor) and call_replay.traced(value._data)


def typeof(x):
    """The type of `x`: TensorType(dtype) for a Tensor; int64, float32 (as MindSpore's PyNative
    reads a Python float), bool_ for Python scalars; list_, tuple_, string, type_none otherwise."""
    if isinstance(x, Tensor):
        return mstype.TensorType(x.dtype)
    if isinstance(x, bool):
        return mstype.bool_
    if isinstance(x, int):
        return mstype.int64
    if isinstance(x, float):
        return mstype.float32
    if isinstance(x, mstype.Type):
        raise TypeError("For 'typeof', a dtype object has the type of types, which sporax does not model.")
    kinds = {list: mstype.list_, tuple: mstype.tuple_, str: mstype.string, type(None): mstype.type_none}
    for kind, result in kinds.items():
        if isinstance(x, kind):
            return result
    raise TypeError(f"For 'typeof', the type of {type(x).__name__} values is not modelled.")


def hastype(x, type_):
    """Whether `typeof(x)` is `type_` or falls under it (tensor_type: any Tensor; number: any
    number; an Int: that integer width)."""
    if not isinstance(type_, (mstype.Type, mstype._ObjectType)):
        raise TypeError(f"For 'hastype', input[1] should be Type, but got {type_!r}.")
    kind = typeof(x)
    if type_ == mstype.tensor_type:
        return isinstance(kind, mstype.TensorType)
    if type_ == mstype.number:
        return isinstance(kind, mstype.Type)
    return kind == type_


def isconstant(x):
    """Whether `x` is known when the graph is built: False for a Tensor flowing through a graph
    being traced, True otherwise (every value is constant in PyNative)."""
    return not _is_traced(x)


def is_tensor_bool_cond(x):
    """True when the Tensor `x` can be a condition (shape () or (1,)); ValueError otherwise."""
    if not isinstance(x, Tensor):
        raise TypeError(f"The input of IsTensorBoolCond should be a tensor but got {type(x).__name__}.")
    if tuple(x.shape) not in ((), (1,)):
        raise ValueError(f"Only tensor which shape is () or (1,) can be converted to bool, but got tensor shape is "
                         f"{tuple(x.shape)}.")
    return True


def _shape_arg(function, name, shape):
    if not isinstance(shape, (tuple, list)) or not all(isinstance(n, int) and not isinstance(n, bool) for n in shape):
        raise TypeError(f"For '{function}', the '{name}' must be a tuple of ints, but got {shape!r}.")
    return tuple(shape)


def reduced_shape(shape, axis):
    """`shape` with the reduced `axis` (an int or tuple of ints; () means every axis) set to 1."""
    shape = _shape_arg("reduced_shape", "shape", shape)
    axes = (axis,) if isinstance(axis, int) and not isinstance(axis, bool) else _shape_arg("reduced_shape", "axis", axis)
    if not axes:
        return (1,) * len(shape)
    rank = len(shape)
    for a in axes:
        if not -rank <= a < rank:
            raise ValueError(f"For 'reduced_shape', the 'axis' must be in [{-rank}, {rank}), but got {a}.")
    reduced = {a % rank for a in axes}
    return tuple(1 if i in reduced else n for i, n in enumerate(shape))


def broadcast_gradient_args(x_shape, y_shape):
    """The axes along which each of two broadcast inputs' gradients must be summed: for x and y,
    the positions (in the broadcast shape) where the input is missing or 1 and the other is not."""
    x_shape = _shape_arg("broadcast_gradient_args", "x_shape", x_shape)
    y_shape = _shape_arg("broadcast_gradient_args", "y_shape", y_shape)
    rank = max(len(x_shape), len(y_shape))
    x = (1,) * (rank - len(x_shape)) + x_shape
    y = (1,) * (rank - len(y_shape)) + y_shape
    x_axes, y_axes = [], []
    for i, (a, b) in enumerate(zip(x, y)):
        if a != b and 1 not in (a, b):
            raise ValueError(f"For 'broadcast_gradient_args', the shapes {x_shape} and {y_shape} do not broadcast.")
        if a == 1 and b != 1:
            x_axes.append(i)
        elif b == 1 and a != 1:
            y_axes.append(i)
        elif a == 1 and b == 1:
            if i < rank - len(x_shape):
                x_axes.append(i)
            if i < rank - len(y_shape):
                y_axes.append(i)
    return tuple(x_axes), tuple(y_axes)


_TYPE_IDS = {"Bool": 30, "Int8": 32, "Int16": 33, "Int32": 34, "Int64": 35, "UInt8": 37, "UInt16": 38, "UInt32": 39,
             "UInt64": 40, "Float16": 42, "Float32": 43, "Float64": 44, "BFloat16": 45, "Float8E4M3FN": 46,
             "Float8E5M2": 47, "Complex64": 51, "Complex128": 52, "Int4": 53}


class DtypeToEnum:
    """`DtypeToEnum()(op_name, arg_name, dtype)`: MindSpore's TypeId number of `dtype` (Float32 is 43),
    which its generated operators take in place of a dtype object."""

    def __call__(self, op_name, arg_name, dtype):
        if not isinstance(dtype, mstype.Type):
            raise TypeError(f"For '{op_name}', the input '{arg_name}' should be mindspore dtype, but got {dtype}.")
        return _TYPE_IDS[str(dtype)]

    def __repr__(self):
        return "Prim[DtypeToEnum]"


def SliceGetItem(slice_value, attr):  # noqa: N802 - MindSpore's name
    """The `attr` ('start', 'stop' or 'step') of a slice; None attributes are an error, as in MindSpore."""
    if not isinstance(slice_value, slice):
        raise TypeError(f"For 'SliceGetItem', the input must be a slice, but got {type(slice_value).__name__}.")
    if attr not in ("start", "stop", "step"):
        raise ValueError(f"The 'slice' object has no attribute:{attr}.")
    value = getattr(slice_value, attr)
    if value is None:
        raise ValueError(f"For 'SliceGetItem', the slice's '{attr}' is None.")
    return value



class TensorToTuple:
    """`TensorToTuple()(x)`: the elements of a 1-D Tensor as a tuple of Python numbers (its values
    must be known: PyNative, or a constant in a graph)."""

    def __call__(self, x):
        if not isinstance(x, Tensor):
            raise TypeError(f"For 'TensorToTuple', the input must be a Tensor, but got {type(x).__name__}.")
        if x.ndim != 1:
            raise ValueError(f"For 'TensorToTuple', the input must be 1-D, but got shape {tuple(x.shape)}.")
        return tuple(x.asnumpy().tolist())

    def __repr__(self):
        return "Prim[TensorToTuple]"


__all__ += ["TensorToTuple"]  # (scalar_to_array is nn_control_func's, on the ScalarToArray primitive)
