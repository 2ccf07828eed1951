"""mint's functions that MindSpore 2.10 exposes as `(*args, **kwargs)` overload sets: each is
bound here against its torch-style signature, and a call that fits none raises TypeError
naming the function and the signature."""
from __future__ import annotations

import builtins
import inspect

from ..ops import functional as F
from ..ops.function import selection_func as _selection, special_func as _special
from ._helpers import _int64


def call(name: str, args: tuple, kwargs: dict):
    """Run mint's `name` with `args`/`kwargs` bound to its signature."""
    fn = SIGNATURES[name]
    signature, fewest, most = _signature_of(fn)
    if not kwargs and fewest <= len(args) <= most:  # positional arguments that bind as they are
        return fn(*args)
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError as e:
        raise TypeError(f"For 'mint.{name}', the arguments do not match {name}{signature}: {e}.") from None
    return fn(*bound.args, **bound.kwargs)


# function -> (signature, fewest positional arguments that bind, most): every mint call asks, and
# building a signature costs more than the op it runs.
_SIGNATURES: dict = {}


def _signature_of(fn):
    found = _SIGNATURES.get(fn)
    if found is None:
        signature = inspect.signature(fn)
        kinds = list(signature.parameters.values())
        positional = [p for p in kinds if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        required_keyword = builtins.any(p.kind is p.KEYWORD_ONLY and p.default is p.empty for p in kinds)
        many = builtins.any(p.kind is p.VAR_POSITIONAL for p in kinds)
        fewest = builtins.sum(p.default is p.empty for p in positional)
        # A required keyword-only argument never binds positionally: leave every call to bind().
        most = -1 if required_keyword else (float("inf") if many else builtins.len(positional))
        found = _SIGNATURES[fn] = (signature, fewest, most)
    return found


def add(input, other, *, alpha=1):  # noqa: A002 - torch's names
    """input + alpha · other."""
    return F.add(input, other if alpha == 1 else F.mul(other, alpha))


def sub(input, other, *, alpha=1):  # noqa: A002
    """input − alpha · other."""
    return F.subtract(input, other, alpha=alpha)


def mul(input, other):  # noqa: A002
    return F.mul(input, other)


def div(input, other, *, rounding_mode=None):  # noqa: A002
    return F.divide(input, other, rounding_mode=rounding_mode)


def addcdiv(input, tensor1, tensor2, *, value=1):  # noqa: A002
    return F.addcdiv(input, tensor1, tensor2, value)


def any(input, dim=None, keepdim=False):  # noqa: A001,A002
    return F.any(input, dim, keepdim)


def bitwise_not(input):  # noqa: A002
    return F.invert(input)


def eq(input, other):  # noqa: A002
    return F.equal(input, other)


def floor_divide(input, other):  # noqa: A002
    return F.floor_divide(input, other)


def fmod(input, other):  # noqa: A002
    return F.fmod(input, other)


def greater_equal(input, other):  # noqa: A002
    return F.greater_equal(input, other)


def less(input, other):  # noqa: A002
    return F.less(input, other)


def lerp(input, end, weight):  # noqa: A002
    return F.lerp(input, end, weight)


def max(input, dim=None, keepdim=False):  # noqa: A001,A002
    """The maximum of all elements, or (values, Int64 indices) along `dim`."""
    return _special._mint_max(input, dim, keepdim)


def min(input, dim=None, keepdim=False):  # noqa: A001,A002
    """The minimum of all elements, or (values, Int64 indices) along `dim`."""
    return _special._mint_min(input, dim, keepdim)


def nansum(input, dim=None, keepdim=False, *, dtype=None):  # noqa: A002
    return F.nansum(input, dim, keepdim, dtype)


def real(input):  # noqa: A002
    return F.real(input)


def imag(input):  # noqa: A002
    return F.imag(input)


def remainder(input, other):  # noqa: A002
    return F.remainder(input, other)


def xlogy(input, other):  # noqa: A002
    return F.xlogy(input, other)


def bincount(input, weights=None, minlength=0):  # noqa: A002
    """Counts as Int64 (torch's), summed weights in their float dtype."""
    out = F.bincount(input, weights, minlength)
    return out if weights is not None else _int64(out)


# --- tensorsurf ---
def clamp(input, min=None, max=None):  # noqa: A001,A002
    """min(max(input, min), max): numbers or Tensors (broadcast) for either bound."""
    return F.clamp(input, min, max)


def kthvalue(input, k, dim=-1, keepdim=False):  # noqa: A002
    """(values, Int64 indices) of the k-th smallest element along dim."""
    return _selection.kthvalue(input, k, dim, keepdim)
# --- end tensorsurf ---


SIGNATURES = {"add": add, "sub": sub, "mul": mul, "div": div, "addcdiv": addcdiv, "any": any,
              "bitwise_not": bitwise_not, "eq": eq, "floor_divide": floor_divide, "fmod": fmod,
              "greater_equal": greater_equal, "less": less, "lt": less, "lerp": lerp, "max": max, "min": min,
              "nansum": nansum, "real": real, "imag": imag, "remainder": remainder, "xlogy": xlogy,
              "clamp": clamp, "kthvalue": kthvalue}
