"""In-place operations (`mindspore.ops.normal_`, `ops.clamp_`, ..., and the `Tensor.<name>_`
methods): the result overwrites the input, which is returned.

MindSpore's in-place kernels write into the input's own memory, so the result keeps the
input's dtype and shape. Here the result is computed by the same primitives as the
out-of-place operation, cast to the input's dtype, and rebound as the input's value through
`Tensor._write` — the hook that item assignment uses too. A Parameter routes that write
through the runtime's state frame, so inside a GRAPH_MODE construct an in-place write to a
Parameter is an ordered side effect and its value after the graph equals PYNATIVE's.

The whole result is computed before anything is written: an op that raises (a bad argument,
a shape that does not broadcast to the input's) leaves the input as it was.

The random fills (`normal_`, `uniform_`, `random_`, `exponential_`, `bernoulli_`, and
`Tensor.cauchy`) draw from the global random stream of `ops.function.random_func`, which
`set_seed` restarts: the same seed gives the same fills, call by call.
"""
from __future__ import annotations

import builtins
import functools
import math

import jax
import jax.numpy as jnp
import numpy as np

from ..._runtime import call_replay
from ...common import dtype as mstype
from ...common.tensor import Tensor
from .. import functional as F
from .. import operations as P
from ..operations import _arg_checks as check
from .._constants import constant
from . import random_func as _random

__all__ = ["bernoulli_", "clamp_", "erfinv_", "exponential_", "inplace_sigmoid", "normal_", "put_", "random_",
           "tanh_", "uniform_", "zero_"]


def write_back(op: str, input, result):  # noqa: A002
    """Make `result` the value of `input` (cast to its dtype; its shape must be input's) and return input."""
    check.tensor(op, "input", input)
    if tuple(result.shape) != tuple(input.shape):
        raise ValueError(f"For '{op}', the result of shape {list(result.shape)} cannot be written in place into "
                         f"the input of shape {list(input.shape)}: the other operands must broadcast to the "
                         f"input's shape.")
    if result.dtype != input.dtype:
        result = P.Cast()(result, input.dtype)
    input._write(result._value())
    return input


def operand(op: str, arg: str, value):
    """value, when it is a Tensor or a number (what MindSpore's in-place arithmetic takes)."""
    if isinstance(value, Tensor) or isinstance(value, (int, float, complex, np.number)):
        return value
    raise TypeError(f"For '{op}', the '{arg}' must be a Tensor or a number, but got {type(value).__name__}.")


# --- elementwise -------------------------------------------------------------------------------------
def clamp_(input, min=None, max=None):  # noqa: A001,A002 - MindSpore's names
    """input ← min(max(input, min), max)."""
    return write_back("clamp_", input, F.clamp(check.tensor("clamp_", "input", input), min, max))


def erfinv_(input):  # noqa: A002
    """input ← erfinv(input)."""
    return write_back("erfinv_", input, F.erfinv(check.tensor("erfinv_", "input", input)))


def tanh_(input):  # noqa: A002
    """input ← tanh(input)."""
    return write_back("tanh_", input, F.tanh(check.tensor("tanh_", "input", input)))


def inplace_sigmoid(input):  # noqa: A002
    """input ← 1 / (1 + exp(-input))."""
    return write_back("sigmoid_", input, F.sigmoid(check.tensor("sigmoid_", "input", input)))


def zero_(input):  # noqa: A002
    """input ← 0."""
    check.tensor("zero_", "input", input)
    return write_back("zero_", input, F.zeros_like(input))


def fill_(input, value):  # noqa: A002
    """input ← value (a number, or a 0-d Tensor)."""
    check.tensor("fill_", "input", input)
    if isinstance(value, Tensor):
        if value.ndim != 0:
            raise ValueError(f"For 'fill_', the 'value' must be a number or a 0-d Tensor, but got a Tensor of "
                             f"shape {list(value.shape)}.")
        return write_back("fill_", input, F.broadcast_to(P.Cast()(value, input.dtype), input.shape))
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"For 'fill_', the 'value' must be a number or a 0-d Tensor, but got "
                        f"{type(value).__name__}.")
    return write_back("fill_", input, F.fills(input, value))


def copy_(input, src, non_blocking=False):  # noqa: A002
    """input ← src, broadcast to input's shape and cast to its dtype."""
    check.tensor("copy_", "input", input)
    check.tensor("copy_", "src", src)
    if not isinstance(non_blocking, bool):
        raise TypeError(f"For 'copy_', the 'non_blocking' must be a bool, but got {type(non_blocking).__name__}.")
    _broadcasts_to_input("copy_", "src", src, input)
    return write_back("copy_", input, F.broadcast_to(P.Cast()(src, input.dtype), input.shape))


def assign_value(input, value):  # noqa: A002
    """input takes value's value, shape and dtype (`Tensor.assign_value`)."""
    check.tensor("assign_value", "input", input)
    check.tensor("assign_value", "value", value)
    input._write(F.identity(value)._value())
    return input


# --- indexed writes ----------------------------------------------------------------------------------
def put_(input, index, source, accumulate=False):  # noqa: A002
    """input.flatten()[index] ← source (added with accumulate), elements in row-major order."""
    check.tensor("put_", "input", input)
    check.index_tensor("put_", "index", index)
    check.tensor("put_", "source", source)
    if not isinstance(accumulate, bool):
        raise TypeError(f"For 'put_', the 'accumulate' must be a bool, but got {type(accumulate).__name__}.")
    if index.size != source.size:
        raise ValueError(f"For 'put_', the 'index' and 'source' must have the same number of elements, but got "
                         f"{index.size} and {source.size}.")
    size = input.size
    if index.size and size == 0:
        raise IndexError("For 'put_', the 'input' is empty, so no 'index' is in range.")
    if index.size and not call_replay.traced(index._value()):
        values = index.asnumpy()
        if values.min() < -size or values.max() >= size:
            raise IndexError(f"For 'put_', the 'index' must be in range [{-size}, {size}), but got values from "
                             f"{values.min()} to {values.max()}.")
    flat = F.reshape(input, (size,))
    positions = F.reshape(F.remainder(P.Cast()(index, mstype.int64), builtins.max(size, 1)), (-1, 1))
    updates = F.reshape(P.Cast()(source, input.dtype), (-1,))
    scatter = F.tensor_scatter_add if accumulate else F.tensor_scatter_update
    return write_back("put_", input, F.reshape(scatter(flat, positions, updates), input.shape))


def index_copy(input, dim, index, tensor):  # noqa: A002
    """A copy of input with input.select(dim, index[i]) = tensor.select(dim, i)."""
    check.tensor("index_copy_", "input", input)
    dim = check.axis("index_copy_", "dim", dim, input.ndim)
    check.index_tensor("index_copy_", "index", index)
    check.tensor("index_copy_", "tensor", tensor)
    if index.ndim > 1:
        raise ValueError(f"For 'index_copy_', the 'index' must be 0-d or 1-d, but got {index.ndim}-d.")
    expected = list(input.shape)
    if input.ndim:
        expected[dim] = index.size
    if list(tensor.shape) != expected:
        raise ValueError(f"For 'index_copy_', the 'tensor' must have shape {expected}, but got "
                         f"{list(tensor.shape)}.")
    moved = F.movedim(input, dim, 0)
    updates = F.movedim(P.Cast()(tensor, input.dtype), dim, 0)
    positions = F.reshape(P.Cast()(index, mstype.int64), (-1, 1))
    return F.movedim(F.tensor_scatter_update(moved, positions, updates), 0, dim)


def scatter_into(op, input, dim, index, src, reduce=None):  # noqa: A002
    """input with src (a Tensor, or a number for every index) written / added / multiplied along dim."""
    check.tensor(op, "input", input)
    check.index_tensor(op, "index", index)
    if not isinstance(src, Tensor):
        if isinstance(src, bool) or not isinstance(src, (int, float)):
            raise TypeError(f"For '{op}', the 'src' / 'value' must be a Tensor or a number, but got "
                            f"{type(src).__name__}.")
        src = F.fill(input.dtype, index.shape, src)
    src = P.Cast()(src, input.dtype)
    if reduce is None:
        return F.scatter(input, dim, index, src)
    if reduce == "add":
        return F.tensor_scatter_elements(input, index, src, dim, "add")
    if reduce == "multiply":
        return _scatter_product(input, dim, index, src)
    raise ValueError(f"For '{op}', the 'reduce' must be 'add' or 'multiply', but got {reduce!r}.")


def _scatter_product(input, dim, index, src):  # noqa: A002
    """input with each indexed element multiplied by every src element aimed at it, one index
    slot at a time (the slots of a row may repeat a position, so they are applied in order)."""
    out = input
    moved_index = F.movedim(index, dim, -1)
    moved_src = F.movedim(src, dim, -1)
    for k in builtins.range(index.shape[dim] if index.ndim else 1):
        idx = F.movedim(F.narrow(moved_index, -1, k, 1), -1, dim)
        val = F.movedim(F.narrow(moved_src, -1, k, 1), -1, dim)
        current = F.gather_elements(out, dim, idx)
        out = F.scatter(out, dim, idx, F.mul(current, val))
    return out


# --- random fills -----------------------------------------------------------------------------------
def _broadcasts_to_input(op, arg, value, input):  # noqa: A002
    """An in-place update's operand must broadcast to the written Tensor's own shape."""
    try:
        fits = np.broadcast_shapes(value.shape, input.shape) == tuple(input.shape)
    except ValueError:
        fits = False
    if not fits:
        raise ValueError(f"For '{op}', the '{arg}' of shape {list(value.shape)} must broadcast to the input's shape "
                         f"{list(input.shape)}.")


def _number(op, arg, value, kinds=(int, float)):
    if isinstance(value, bool) or not isinstance(value, kinds):
        names = " or ".join(k.__name__ for k in kinds)
        raise TypeError(f"For '{op}', the '{arg}' must be {names}, but got {type(value).__name__}.")
    return value


def _normal_fill(key, shape, mean, std, dtype):
    return (mean + std * jax.random.normal(key, shape, np.float32)).astype(dtype)


def normal_(input, mean=0, std=1, *, generator=None):  # noqa: A002
    """input ← samples of N(mean, std²)."""
    check.tensor("normal_", "input", input)
    _random._no_generator("normal_", generator)
    mean, std = _number("normal_", "mean", mean), _number("normal_", "std", std)
    if std < 0:
        raise ValueError(f"For 'normal_', the 'std' must be >= 0, but got {std}.")
    float_tensor("normal_", input)
    return write_back("normal_", input, _random._sample("normal_", _normal_fill, None, shape=input.shape,
                                                        mean=float(mean), std=float(std),
                                                        dtype=input.dtype.to_numpy().str))


def uniform_(input, from_=0, to=1, *, generator=None):  # noqa: A002
    """input ← samples of U[from_, to)."""
    check.tensor("uniform_", "input", input)
    _random._no_generator("uniform_", generator)
    low, high = _number("uniform_", "from_", from_), _number("uniform_", "to", to)
    if low > high:
        raise ValueError(f"For 'uniform_', the 'from_' must be <= 'to', but got {low} and {high}.")
    float_tensor("uniform_", input)
    return write_back("uniform_", input, _random._sample("uniform_", _random._uniform_in, None, shape=input.shape,
                                                         low=float(low), high=float(high),
                                                         dtype=input.dtype.to_numpy().str))


def _exponential_fill(key, shape, lambd, dtype):
    return (jax.random.exponential(key, shape, np.float32) / lambd).astype(dtype)


def exponential_(input, lambd=1, *, generator=None):  # noqa: A002
    """input ← samples of Exp(lambd): density lambd·exp(-lambd·x), mean 1/lambd."""
    check.tensor("exponential_", "input", input)
    _random._no_generator("exponential_", generator)
    lambd = _number("exponential_", "lambd", lambd)
    if not lambd > 0:
        raise ValueError(f"For 'exponential_', the 'lambd' must be > 0, but got {lambd}.")
    float_tensor("exponential_", input)
    return write_back("exponential_", input, _random._sample("exponential_", _exponential_fill, None,
                                                             shape=input.shape, lambd=float(lambd),
                                                             dtype=input.dtype.to_numpy().str))


def _bernoulli_fill(key, probability, shape, dtype):
    return jax.random.bernoulli(key, jnp.broadcast_to(probability.astype(np.float32), shape), shape).astype(dtype)


def bernoulli_(input, p=0.5, *, generator=None):  # noqa: A002
    """input ← 1 with probability p (a number, or a Tensor broadcast to input's shape), else 0."""
    check.tensor("bernoulli_", "input", input)
    _random._no_generator("bernoulli_", generator)
    if isinstance(p, Tensor):
        if p.dtype.kind != "float":
            raise TypeError(f"For 'bernoulli_', the 'p' must be a float or a float Tensor, but got {p.dtype}.")
        _broadcasts_to_input("bernoulli_", "p", p, input)
        values = p.asnumpy() if not call_replay.traced(p._value()) else None
        probability = p
    else:
        _number("bernoulli_", "p", p)
        # a number is checked as a number (NaN passes, as it passes NumPy's comparisons below)
        values = np.asarray(p) if p < 0 or p > 1 else None
        probability = constant(np.float32(p))
    if values is not None and values.size and (np.any(values < 0) or np.any(values > 1)):
        raise ValueError(f"For 'bernoulli_', the 'p' must be in range [0, 1], but got {values}.")
    return write_back("bernoulli_", input, _random._sample("bernoulli_", _bernoulli_fill, None, probability,
                                                           shape=input.shape, dtype=input.dtype.to_numpy().str))


@functools.lru_cache(maxsize=None)  # a handful of dtypes; np.iinfo/np.finfo cost more than a small fill
def _int_bounds_of(dtype):
    if dtype == mstype.bool_:
        return 0, 2
    if dtype.kind in ("int", "uint"):
        info = np.iinfo(dtype.to_numpy())
        return int(info.min), int(info.max) + 1
    # floats: the integers the dtype holds exactly, 2**(mantissa bits + 1), as torch's random_
    return 0, 2 ** (np.finfo(dtype.to_numpy()).nmant + 1)


def _random_fill(key, shape, low, high, dtype):
    values = jax.random.randint(key, shape, low, high, np.int64)
    return values.astype(dtype)


def random_(input, from_=0, to=None, *, generator=None):  # noqa: A002
    """input ← integers drawn uniformly from [from_, to) (to=None: the top of input's dtype's
    exact integer range), stored in input's dtype."""
    check.tensor("random_", "input", input)
    _random._no_generator("random_", generator)
    low = _number("random_", "from_", from_, (int,))
    top = _int_bounds_of(input.dtype)[1]
    high = top if to is None else _number("random_", "to", to, (int,))
    if low >= high:
        raise ValueError(f"For 'random_', the 'from_' must be < 'to', but got {low} and {high}.")
    bottom = _int_bounds_of(input.dtype)[0]
    if low < bottom or high > top:
        raise ValueError(f"For 'random_', the range [{low}, {high}) must lie within {input.dtype}'s range "
                         f"[{bottom}, {top}).")
    if input.dtype.kind == "complex":
        raise TypeError(f"For 'random_', the 'input' must be a real Tensor, but got {input.dtype}.")
    return write_back("random_", input, _random._sample("random_", _random_fill, None, shape=input.shape,
                                                        low=int(low), high=int(high),
                                                        dtype=input.dtype.to_numpy().str))


def _cauchy_fill(key, shape, median, sigma, dtype):
    return (median + sigma * jax.random.cauchy(key, shape, np.float32)).astype(dtype)


def cauchy(input, median=0.0, sigma=1.0):  # noqa: A002
    """A new Tensor of input's shape and dtype with samples of the Cauchy distribution,
    density σ / (π((x − median)² + σ²)) (`Tensor.cauchy`; input is left as it is)."""
    check.tensor("cauchy", "input", input)
    median, sigma = _number("cauchy", "median", median), _number("cauchy", "sigma", sigma)
    if not sigma > 0:
        raise ValueError(f"For 'cauchy', the 'sigma' must be > 0, but got {sigma}.")
    float_tensor("cauchy", input)
    if not math.isfinite(median):
        raise ValueError(f"For 'cauchy', the 'median' must be finite, but got {median}.")
    return _random._sample("cauchy", _cauchy_fill, None, shape=input.shape, median=float(median),
                           sigma=float(sigma), dtype=input.dtype.to_numpy().str)


def float_tensor(op, input):  # noqa: A002
    """input, when it is a float Tensor."""
    check.tensor(op, "input", input)
    if input.dtype.kind != "float":
        raise TypeError(f"For '{op}', the 'input' must be a float Tensor, but got {input.dtype}.")
    return input


# --- dtype and items ----------------------------------------------------------------------------
def set_dtype(input, dtype):  # noqa: A002
    """input ← input cast to dtype, in place (`Tensor.set_dtype`); returns the dtype."""
    check.tensor("set_dtype", "input", input)
    dtype = check.dtype_value("set_dtype", "dtype", dtype)
    input._write(P.Cast()(input, dtype)._value())
    return dtype


def itemset(input, *args):  # noqa: A002
    """A copy of input with one element set (`Tensor.itemset`, NumPy's): `itemset(value)` for a
    one-element tensor, `itemset(flat_index, value)` or `itemset((i, j, ...), value)`; input is unchanged."""
    check.tensor("itemset", "input", input)
    if not args or len(args) > 2:
        raise TypeError(f"For 'itemset', expected 1 or 2 arguments (an index and a value), but got {len(args)}.")
    value = args[-1]
    if isinstance(value, Tensor) or isinstance(value, bool) or not isinstance(value, (int, float, complex)):
        raise TypeError(f"For 'itemset', the value must be a number, but got {type(value).__name__}.")
    if len(args) == 1:
        if input.size != 1:
            raise IndexError(f"Only tensor which shape is (1,) support 1 arg that means omit index, but the "
                             f"tensor shape is {tuple(input.shape)} and got 1 input.")
        position = (0,) * input.ndim
    elif check.is_int(args[0]):
        if not -input.size <= args[0] < input.size:
            raise IndexError(f"index {args[0]} is out of bounds for axis 0 with size {input.size}")
        position = tuple(int(i) for i in np.unravel_index(args[0] % input.size, input.shape))
    elif isinstance(args[0], tuple) and builtins.all(check.is_int(i) for i in args[0]):
        if len(args[0]) != input.ndim:
            raise ValueError(f"For 'itemset', the index must have {input.ndim} entries, but got {args[0]}.")
        for axis, (i, n) in enumerate(zip(args[0], input.shape)):
            if not -n <= i < n:
                raise IndexError(f"index {i} is out of bounds for axis {axis} with size {n}")
        position = args[0]
    else:
        raise TypeError(f"For 'itemset', the index must be an int or a tuple of ints, but got {args[0]!r}.")
    out = F.identity(input)
    out[position] = value
    return out
