"""Clipping (`mindspore.ops.function.clip_func`)."""
from __future__ import annotations

from ...common.tensor import Tensor
from .. import operations as P
from ..operations import _arg_checks as check
from ..operations.math_ops import _ClampMax, _ClampMin

_maximum, _minimum, _mul, _sqrt = P.Maximum(), P.Minimum(), P.Mul(), P.Sqrt()
_clamp_min, _clamp_max = _ClampMin(), _ClampMax()
_square, _addn, _real_div = P.Square(), P.AddN(), P.RealDiv()


def _bound(op, name, value):
    if value is not None and not isinstance(value, (Tensor, int, float)) or isinstance(value, bool):
        raise TypeError(f"For '{op}', the '{name}' must be a Tensor, a number or None, but got "
                        f"{type(value).__name__}.")
    return value


def _clip_one(op, x, low, high):
    check.tensor(op, "x", x)
    # MindSpore's clamp kernels pass the gradient to x on the bounds; clip_by_value is
    # maximum-then-minimum and splits it there, as they do.
    lower, upper = (_clamp_min, _clamp_max) if op == "clamp" else (_maximum, _minimum)
    out = x if low is None else lower(x, low)
    return out if high is None else upper(out, high)


def clip_by_value(x, clip_value_min=None, clip_value_max=None):
    """min(max(x, clip_value_min), clip_value_max), elementwise, for a Tensor or a tuple/list of
    Tensors. At least one bound must be given."""
    low = _bound("clip_by_value", "clip_value_min", clip_value_min)
    high = _bound("clip_by_value", "clip_value_max", clip_value_max)
    if low is None and high is None:
        raise ValueError("For 'clip_by_value', at least one of 'clip_value_min' and 'clip_value_max' must be "
                         "given.")
    if isinstance(x, (tuple, list)):
        return type(x)(_clip_one("clip_by_value", t, low, high) for t in x)
    return _clip_one("clip_by_value", x, low, high)


def clamp(input, min=None, max=None):  # noqa: A001,A002 - MindSpore's argument names
    """min(max(input, min), max), elementwise (a Tensor or a tuple/list of Tensors)."""
    low, high = _bound("clamp", "min", min), _bound("clamp", "max", max)
    if low is None and high is None:
        raise ValueError("For 'clamp', at least one of 'min' and 'max' must be given.")
    if low is not None and high is not None and isinstance(low, Tensor) != isinstance(high, Tensor):
        raise TypeError(f"For 'clamp', the 'min' and 'max' must both be Tensors or both be numbers, but got "
                        f"{type(low).__name__} and {type(high).__name__}.")
    if isinstance(input, (tuple, list)):
        return type(input)(_clip_one("clamp", t, low, high) for t in input)
    return _clip_one("clamp", input, low, high)


def clip(input, min=None, max=None):  # noqa: A001,A002
    return clamp(input, min, max)


def clip_by_global_norm(x, clip_norm=1.0, use_norm=None):
    """Each Tensor of `x` scaled by clip_norm / max(global_norm, clip_norm), where
    global_norm = sqrt(sum_i ||x_i||_2^2) (or `use_norm` when given)."""
    if not isinstance(x, (tuple, list)) or not x or not all(isinstance(t, Tensor) for t in x):
        raise TypeError(f"For 'clip_by_global_norm', the 'x' must be a non-empty tuple or list of Tensors, "
                        f"but got {type(x).__name__}.")
    if isinstance(clip_norm, bool) or not isinstance(clip_norm, (int, float, Tensor)) or (
            not isinstance(clip_norm, Tensor) and clip_norm <= 0):
        raise ValueError(f"For 'clip_by_global_norm', the 'clip_norm' must be a positive number, but got "
                         f"{clip_norm!r}.")
    if use_norm is None:
        squares = [P.ReduceSum()(_square(t), ()) for t in x]
        dtype = squares[0].dtype
        norm = _sqrt(_addn([s.astype(dtype) if s.dtype != dtype else s for s in squares]))
    else:
        norm = use_norm
    scale = _real_div(clip_norm, _maximum(norm, clip_norm))
    return tuple(_mul(t, scale.astype(t.dtype) if isinstance(scale, Tensor) else scale) for t in x)


__all__ = ["clip_by_value", "clamp", "clip", "clip_by_global_norm"]
