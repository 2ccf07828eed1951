"""Random sampling functions (`mindspore.ops.function.random_func`).

A function with `seed=None` draws from the global stream, which `set_seed` restarts; with a
seed it draws from that seed's stream, which advances call by call (so `ops.rand(3, seed=1)`
twice gives two different draws, as MindSpore's does, and the same two after `set_seed`).
The distributions are those of the primitives in `operations.random_ops`.
"""
from __future__ import annotations

import zlib

import jax
import jax.numpy as jnp
import numpy as np

from ..._runtime import random_keys
from ...common import dtype as mstype
from ...common.tensor import Tensor
from .. import operations as P
from ..operations import _arg_checks as check
from ..operations import random_ops
from ..operations.random_ops import _RandomPrimitive, _broadcast_shape, _shape_arg, multinomial_draw
from ..primitive import _wrap
from .._constants import constant

_FLOAT_DTYPES = (mstype.float16, mstype.float32, mstype.float64, mstype.bfloat16)
_INT_DTYPES = (mstype.int8, mstype.int16, mstype.int32, mstype.int64, mstype.uint8)


class _Sampler(_RandomPrimitive):
    """A private primitive for one sampling function: `fn(key, *arrays, **attrs)`, keyed by the
    function's own stream (global, or the call's seed)."""

    def __init__(self, name, fn, seed, fixed=False, **attrs):
        _RandomPrimitive.__init__(self, name)
        self._fn = fn
        self._stream_words = (0xFFFFFFFF if seed is None else int(seed) & 0xFFFFFFFF,
                              zlib.crc32(name.encode()))
        # one draw of the seed on every call (bernoulli's seed >= 0), else the seed's stream
        self._key_source = random_ops.FIXED_KEY if fixed else random_ops.PROCESS_STREAM
        self.attrs.update(attrs)

    def _kernel_key(self):
        key = self.__dict__.get("_named_key")
        if key is None:  # the attributes never change after construction: built once
            key = self._named_key = (self.name,) + super()._kernel_key()
        return key

    def sample(self, *arrays):
        words = self._stream_words  # the sampler's own words, not _next_key's (seed, seed2) mix
        key = random_keys.fixed_key(*words) if self._key_source is random_ops.FIXED_KEY else random_keys.op_key(*words)
        values = tuple(a._value() if isinstance(a, Tensor) else a for a in arrays)
        return _wrap(self._dispatch((key,) + values))

    def _compute(self, key, *arrays):
        return self._fn(jax.random.wrap_key_data(key), *arrays, **self.attrs)


def _seed(op, seed):
    if seed is None:
        return None
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError(f"For '{op}', the 'seed' must be an int or None, but got {type(seed).__name__}.")
    if seed < 0:
        raise ValueError(f"For '{op}', the 'seed' must be >= 0, but got {seed}.")
    return seed


# One sampler per (function, seed, attributes), built on the first call and kept: a sampler holds
# no state of its own (its stream advances in random_keys, by its words), so a warm call reuses
# it and its kernel key instead of building a primitive per draw. Two keys the executor would
# take as one kernel (equal attribute values) are one sampler too.
_SAMPLERS_KEPT = 1024
_samplers: dict = {}


def _sample(op, fn, seed, *arrays, fixed=False, **attrs):
    seed = _seed(op, seed)
    key = (op, fn, seed, fixed, *attrs.items())
    sampler = _samplers.get(key)
    if sampler is None:
        if len(_samplers) >= _SAMPLERS_KEPT:
            _samplers.clear()
        sampler = _samplers[key] = _Sampler(op, fn, seed, fixed, **attrs)
    return sampler.sample(*arrays)


def _size(op, size):
    """`*size` of rand/randn: ints, or one tuple/list of ints."""
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = tuple(size[0])
    return _shape_arg(op, tuple(size))


def _float_dtype(op, dtype, default=mstype.float32):
    if dtype is None:
        return default
    if dtype not in _FLOAT_DTYPES:
        raise ValueError(f"For '{op}', the 'dtype' must be a float type, but got {dtype}.")
    return dtype


def _int_dtype(op, dtype, default=mstype.int64):
    if dtype is None:
        return default
    if dtype not in _INT_DTYPES:
        raise ValueError(f"For '{op}', the 'dtype' must be an int type, but got {dtype}.")
    return dtype


def _uniform01(key, shape, dtype):
    return jax.random.uniform(key, shape, np.float32).astype(dtype)


def _normal01(key, shape, dtype):
    return jax.random.normal(key, shape, np.float32).astype(dtype)


def rand(*size, dtype=None, seed=None):
    """Samples of U[0, 1) of shape `size` (Float32 unless `dtype`)."""
    shape = _size("rand", size)
    dtype = _float_dtype("rand", dtype)
    return _sample("rand", _uniform01, seed, shape=shape, dtype=dtype.to_numpy().str)


def rand_like(input, seed=None, *, dtype=None):  # noqa: A002
    """rand in input's shape and dtype unless `dtype` (a float dtype: MindSpore refuses an integer
    input without one)."""
    check.tensor("rand_like", "input", input)
    dtype = _float_dtype("rand_like", input.dtype if dtype is None else dtype)
    return _sample("rand_like", _uniform01, seed, shape=input.shape, dtype=dtype.to_numpy().str)


def randn(*size, dtype=None, seed=None):
    """Samples of N(0, 1) of shape `size` (Float32 unless `dtype`)."""
    shape = _size("randn", size)
    dtype = _float_dtype("randn", dtype)
    return _sample("randn", _normal01, seed, shape=shape, dtype=dtype.to_numpy().str)


def randn_like(input, seed=None, *, dtype=None):  # noqa: A002
    """randn in input's shape, Float32 unless `dtype` (MindSpore 2.10's ops.randn_like does not
    take the input's dtype; mint.randn_like does)."""
    check.tensor("randn_like", "input", input)
    dtype = _float_dtype("randn_like", dtype)
    return _sample("randn_like", _normal01, seed, shape=input.shape, dtype=dtype.to_numpy().str)


def _randint(key, shape, low, high, dtype):
    return jax.random.randint(key, shape, low, high, np.int64).astype(dtype)


def _int_bounds(op, low, high):
    for arg, value in (("low", low), ("high", high)):
        if not check.is_int(value):
            raise TypeError(f"For '{op}', the '{arg}' must be an int, but got {type(value).__name__}.")
    if low >= high:
        raise ValueError(f"For '{op}', the 'low' must be less than 'high', but got low={low}, high={high}.")


def randint(low, high, size, seed=None, *, dtype=None):
    """Integers uniform on [low, high) of shape `size` (Int64 unless `dtype`)."""
    _int_bounds("randint", low, high)
    shape = _shape_arg("randint", tuple(size) if isinstance(size, list) else size)
    dtype = _int_dtype("randint", dtype)
    return _sample("randint", _randint, seed, shape=shape, low=int(low), high=int(high), dtype=dtype.to_numpy().str)


def randint_like(input, low, high, seed=None, *, dtype=None):  # noqa: A002
    """randint in input's shape (its dtype if integer, unless `dtype`)."""
    check.tensor("randint_like", "input", input)
    _int_bounds("randint_like", low, high)
    dtype = _int_dtype("randint_like", input.dtype if dtype is None else dtype)
    return _sample("randint_like", _randint, seed, shape=input.shape, low=int(low), high=int(high),
                   dtype=dtype.to_numpy().str)


def _permutation(key, n, dtype):
    return jax.random.permutation(key, n).astype(dtype)


def randperm(n, seed=0, offset=0, dtype=mstype.int64):
    """A random permutation of 0..n−1 (Int64 unless `dtype`)."""
    if not check.is_int(n) or n < 0:
        raise ValueError(f"For 'randperm', the 'n' must be a non-negative int, but got {n!r}.")
    return P.RandpermV2(seed, offset, dtype)(n)


def _bounded(op, value, arg):
    if isinstance(value, Tensor):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor or a number, but got {type(value).__name__}.")
    return constant(np.float32(value))


def _uniform(key, low, high, shape, dtype):
    if np.dtype(dtype).kind in "iu":
        return jax.random.randint(key, shape, low, high, np.int64).astype(dtype)
    u = jax.random.uniform(key, shape, np.float32)
    return (low + u * (high - low)).astype(dtype)


def uniform(shape, minval, maxval, seed=None, dtype=mstype.float32):
    """Samples uniform on [minval, maxval) (integers when `dtype` is Int32), shape broadcast
    with the bounds."""
    shape = _shape_arg("uniform", shape)
    for arg, value in (("minval", minval), ("maxval", maxval)):
        check.tensor("uniform", arg, value)
    if dtype not in (mstype.int32, mstype.float32, mstype.float16, mstype.float64):
        raise TypeError(f"For 'uniform', the 'dtype' must be Int32, Float16, Float32 or Float64, but got {dtype}.")
    integer = dtype == mstype.int32
    for arg, value in (("minval", minval), ("maxval", maxval)):
        if (value.dtype.kind == "int") != integer:
            raise TypeError(f"For 'uniform', the '{arg}' dtype {value.dtype} is not consistent with 'dtype' {dtype}.")
    out = _broadcast_shape("uniform", shape, minval.shape, maxval.shape)
    return _sample("uniform", _uniform, seed, minval, maxval, shape=out, dtype=dtype.to_numpy().str)


def _normal(key, mean, std, shape):
    return (mean + std * jax.random.normal(key, shape, np.float32)).astype(np.float32)


def normal(shape, mean, stddev, seed=None):
    """Float32 samples of N(mean, stddev²), shape broadcast with the parameters."""
    shape = _shape_arg("normal", shape)
    mean, stddev = _bounded("normal", mean, "mean"), _bounded("normal", stddev, "stddev")
    out = _broadcast_shape("normal", shape, mean.shape, stddev.shape)
    return _sample("normal", _normal, seed, mean, stddev, shape=out)


def standard_normal(shape, seed=None):
    """Float32 samples of N(0, 1)."""
    return _sample("standard_normal", _normal01, seed, shape=_shape_arg("standard_normal", shape), dtype="<f4")


def _laplace(key, shape, dtype):
    return jax.random.laplace(key, shape, np.float32).astype(dtype)


def standard_laplace(shape, seed=None):
    """Float32 samples of Laplace(0, 1)."""
    return _sample("standard_laplace", _laplace, seed, shape=_shape_arg("standard_laplace", shape), dtype="<f4")


def _laplace_scaled(key, mean, scale, shape):
    return (mean + scale * jax.random.laplace(key, shape, np.float32)).astype(np.float32)


def laplace(shape, mean, lambda_param, seed=None):
    """Float32 samples of Laplace(mean, lambda_param): density e^{−|x−μ|/λ} / (2λ)."""
    shape = _shape_arg("laplace", shape)
    mean, scale = _bounded("laplace", mean, "mean"), _bounded("laplace", lambda_param, "lambda_param")
    out = _broadcast_shape("laplace", shape, mean.shape, scale.shape)
    return _sample("laplace", _laplace_scaled, seed, mean, scale, shape=out)


def _gamma(key, alpha, beta, shape):
    a = jnp.broadcast_to(alpha, shape).astype(np.float32)
    return (jax.random.gamma(key, a, shape) / jnp.broadcast_to(beta, shape)).astype(alpha.dtype)


def gamma(shape, alpha, beta, seed=None):
    """Samples of Γ(alpha, beta) (beta the rate: mean alpha / beta), shape broadcast with the parameters."""
    shape = _shape_arg("gamma", shape)
    for arg, value in (("alpha", alpha), ("beta", beta)):
        check.tensor("gamma", arg, value)
        if value.dtype.kind != "float":
            raise TypeError(f"For 'gamma', the '{arg}' must be a float Tensor, but got {value.dtype}.")
    out = _broadcast_shape("gamma", shape, alpha.shape, beta.shape)
    return _sample("gamma", _gamma, seed, alpha, beta, shape=out)


def _random_gamma(key, alpha, shape):
    return jax.random.gamma(key, jnp.broadcast_to(alpha, shape).astype(np.float32), shape).astype(alpha.dtype)


def random_gamma(shape, alpha, seed=None):
    """Samples of Γ(alpha, 1) of shape `shape` + alpha.shape."""
    shape = _shape_arg("random_gamma", shape)
    check.tensor("random_gamma", "alpha", alpha)
    if alpha.dtype.kind != "float":
        raise TypeError(f"For 'random_gamma', the 'alpha' must be a float Tensor, but got {alpha.dtype}.")
    return _sample("random_gamma", _random_gamma, seed, alpha, shape=shape + alpha.shape)


def _poisson(key, rate, shape, dtype):
    return jax.random.poisson(key, jnp.broadcast_to(rate, shape).astype(np.float32), shape).astype(dtype)


def poisson(shape, mean, seed=None):
    """Float32 samples of Poisson(mean), shape broadcast with `mean`."""
    shape = _shape_arg("poisson", shape)
    check.tensor("poisson", "mean", mean)
    out = _broadcast_shape("poisson", shape, mean.shape)
    return _sample("poisson", _poisson, seed, mean, shape=out, dtype="<f4")


def random_poisson(shape, rate, seed=None, dtype=mstype.float32):
    """Samples of Poisson(rate) of shape `shape` + rate.shape, in `dtype`."""
    shape = _shape_arg("random_poisson", shape)
    check.tensor("random_poisson", "rate", rate)
    if dtype not in (mstype.int32, mstype.int64, mstype.float16, mstype.float32, mstype.float64):
        raise TypeError(f"For 'random_poisson', the 'dtype' must be Int32, Int64, Float16, Float32 or Float64, "
                        f"but got {dtype}.")
    return _sample("random_poisson", _poisson, seed, rate, shape=shape + rate.shape, dtype=dtype.to_numpy().str)


def _multinomial(key, probs, num_samples, replacement, dtype):
    return multinomial_draw(key, probs, num_samples, replacement, dtype)


def multinomial(input, num_samples, replacement=True, seed=None):  # noqa: A002
    """Int32 indices of `num_samples` draws per row of non-negative weights `input` (1-D or 2-D);
    without replacement each row's draws are distinct."""
    check.tensor("multinomial", "input", input)
    if input.dtype.kind != "float":
        raise TypeError(f"For 'multinomial', the 'input' must be a float Tensor, but got {input.dtype}.")
    if input.ndim not in (1, 2):
        raise ValueError(f"For 'multinomial', the 'input' must be 1-D or 2-D, but got shape {input.shape}.")
    if not check.is_int(num_samples) or num_samples <= 0:
        raise ValueError(f"For 'multinomial', the 'num_samples' must be a positive int, but got {num_samples!r}.")
    if not isinstance(replacement, bool):
        raise TypeError(f"For 'multinomial', the 'replacement' must be a bool, but got {type(replacement).__name__}.")
    if not replacement and num_samples > input.shape[-1]:
        raise ValueError(f"For 'multinomial', without replacement the 'num_samples' ({num_samples}) must be <= "
                         f"the number of categories ({input.shape[-1]}).")
    return _sample("multinomial", _multinomial, seed, input, num_samples=int(num_samples),
                   replacement=replacement, dtype="<i4")


def random_categorical(logits, num_sample, seed=0, dtype=mstype.int64):
    """`num_sample` class indices per row of 2-D `logits`."""
    draw = P.RandomCategorical(dtype)
    # MindSpore: seed 0 draws anew on each call; another seed repeats its draw, whatever set_seed says
    draw._key_source = random_ops.PROCESS_STREAM if seed == 0 else random_ops.FIXED_KEY
    return draw(logits, num_sample, seed)


def _bernoulli(key, x, p):
    probability = jnp.broadcast_to(jnp.asarray(p, np.float32), x.shape)
    return jax.random.bernoulli(key, probability, x.shape).astype(x.dtype)


_BERNOULLI_DTYPES = (mstype.bool_, mstype.float32, mstype.float64, mstype.int16, mstype.int32, mstype.int64,
                     mstype.int8, mstype.uint8)


def bernoulli(input, p=0.5, seed=None):  # noqa: A002
    """0/1 samples of Bernoulli(p) in input's shape and dtype (MindSpore's Bernoulli kernel has no
    Float16, BFloat16 or UInt16+ input)."""
    check.tensor("bernoulli", "input", input)
    if input.dtype not in _BERNOULLI_DTYPES:
        raise TypeError(f"For primitive[Bernoulli] (bernoulli), the input argument[x] must be a type of "
                        f"{{{', '.join(f'Tensor[{d}]' for d in _BERNOULLI_DTYPES)}}}, but got Tensor[{input.dtype}].")
    if isinstance(p, Tensor):
        values = p.asnumpy()
    elif isinstance(p, (int, float)) and not isinstance(p, bool):
        values = np.asarray(p)
    else:
        raise TypeError(f"For 'bernoulli', the 'p' must be a float or a Tensor, but got {type(p).__name__}.")
    if values.size and (np.any(values < 0) or np.any(values > 1)):
        raise ValueError(f"For 'bernoulli', the 'p' must be in range [0, 1], but got {values}.")
    # MindSpore: a seed >= 0 repeats one draw on every call, whatever set_seed says; -1 (None) draws anew
    if seed is not None and not isinstance(seed, bool) and isinstance(seed, int) and seed < -1:
        raise ValueError(f"For 'bernoulli', the 'seed' must be -1 or >= 0, but got {seed}.")
    seed = None if seed == -1 else seed
    if isinstance(p, Tensor):
        return _sample("bernoulli", _bernoulli, seed, input, p, fixed=seed is not None)
    return _sample("bernoulli", _bernoulli, seed, input, p=float(p), fixed=seed is not None)


__all__ = ["rand", "rand_like", "randn", "randn_like", "randint", "randint_like", "randperm", "uniform", "normal",
           "standard_normal", "standard_laplace", "laplace", "gamma", "random_gamma", "poisson", "random_poisson",
           "multinomial", "random_categorical", "bernoulli"]


# --- helpers of Tensor methods and mint (private) ------------------------------------------------
def _no_generator(op, generator):
    if generator is not None:
        raise TypeError(f"For '{op}', a 'generator' other than None is not supported here; seed with set_seed, "
                        f"but got {type(generator).__name__}.")


def _uniform_in(key, shape, low, high, dtype):
    return (low + (high - low) * jax.random.uniform(key, shape, np.float32)).astype(dtype)


def _uniform_like(input, from_=0.0, to=1.0, generator=None):  # noqa: A002
    """Samples of U[from_, to) in input's shape and dtype."""
    check.tensor("uniform", "input", input)
    _no_generator("uniform", generator)
    for arg, value in (("from_", from_), ("to", to)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"For 'uniform', the '{arg}' must be a number, but got {type(value).__name__}.")
    if from_ > to:
        raise ValueError(f"For 'uniform', the 'from_' must be <= 'to', but got {from_} and {to}.")
    if input.dtype.kind != "float":
        raise TypeError(f"For 'uniform', the 'input' must be a float Tensor, but got {input.dtype}.")
    return _sample("uniform_like", _uniform_in, None, shape=input.shape, low=float(from_), high=float(to),
                   dtype=input.dtype.to_numpy().str)


def _bernoulli_of(input, generator=None):  # noqa: A002
    """0/1 samples with input's elements as probabilities (torch's bernoulli(input))."""
    check.tensor("bernoulli", "input", input)
    _no_generator("bernoulli", generator)
    if input.dtype.kind != "float":
        raise TypeError(f"For 'bernoulli', the 'input' must be a float Tensor, but got {input.dtype}.")
    if np.any((input.asnumpy() < 0) | (input.asnumpy() > 1)):
        raise ValueError(f"For 'bernoulli', the 'input' probabilities must be in range [0, 1], but got {input}.")
    return _sample("bernoulli", _bernoulli, None, input, input)


def _normal_ext(mean=0.0, std=1.0, size=None, generator=None):
    """torch's normal: Tensor mean/std broadcast together, or float mean/std with `size`."""
    _no_generator("normal", generator)
    if isinstance(mean, Tensor) or isinstance(std, Tensor):
        mean_t = mean if isinstance(mean, Tensor) else constant(np.float32(mean))
        std_t = std if isinstance(std, Tensor) else constant(np.float32(std))
        shape = _broadcast_shape("normal", mean_t.shape, std_t.shape)
        return normal(shape, mean_t, std_t)
    if size is None:
        raise TypeError("For 'normal', the 'size' must be given when 'mean' and 'std' are numbers.")
    return normal(tuple(size), mean, std)


def _randint_ext(*args, generator=None, dtype=None, device=None):
    """torch's randint(high, size) or randint(low, high, size)."""
    _no_generator("randint", generator)
    _no_device("randint", device)
    if len(args) == 2:
        low, (high, size) = 0, args
    elif len(args) == 3:
        low, high, size = args
    else:
        raise TypeError(f"For 'randint', expected (high, size) or (low, high, size), but got {len(args)} arguments.")
    return randint(low, high, size, dtype=dtype)


def _multinomial_ext(input, num_samples, replacement=False, generator=None):  # noqa: A002
    _no_generator("multinomial", generator)
    out = multinomial(input, num_samples, replacement)
    return P.Cast()(out, mstype.int64)


def _no_device(op, device):
    if device is not None:
        raise ValueError(f"For '{op}', the 'device' must be None (the default device), but got {device!r}.")


def _rand_ext(*size, generator=None, dtype=None, device=None):
    _no_generator("rand", generator)
    _no_device("rand", device)
    return rand(*size, dtype=dtype)


def _randn_ext(*size, generator=None, dtype=None, device=None):
    _no_generator("randn", generator)
    _no_device("randn", device)
    return randn(*size, dtype=dtype)


def _rand_like_ext(input, dtype=None, device=None):  # noqa: A002
    _no_device("rand_like", device)
    return rand_like(input, dtype=dtype)


def _randn_like_ext(input, dtype=None, device=None):  # noqa: A002
    """mint's randn_like: the input's dtype unless `dtype`."""
    _no_device("randn_like", device)
    check.tensor("randn_like", "input", input)
    return randn_like(input, dtype=input.dtype if dtype is None else dtype)


def _randint_like_ext(*args, dtype=None, device=None):
    """torch's randint_like(input, high) or randint_like(input, low, high)."""
    _no_device("randint_like", device)
    if len(args) == 2:
        (input, high), low = args, 0  # noqa: A001
    elif len(args) == 3:
        input, low, high = args  # noqa: A001
    else:
        raise TypeError(f"For 'randint_like', expected (input, high) or (input, low, high), "
                        f"but got {len(args)} arguments.")
    # torch's form: integers in the input's dtype (or `dtype`), a float one included
    check.tensor("randint_like", "input", input)
    _int_bounds("randint_like", low, high)
    dtype = input.dtype if dtype is None else dtype
    if dtype not in _INT_DTYPES + _FLOAT_DTYPES:
        raise ValueError(f"For 'randint_like', the 'dtype' must be an int or float type, but got {dtype}.")
    return _sample("randint_like_ext", _randint, None, shape=input.shape, low=int(low), high=int(high),
                   dtype=dtype.to_numpy().str)


def _randperm_ext(n, generator=None, dtype=mstype.int64):
    _no_generator("randperm", generator)
    if not check.is_int(n) or n < 0:
        raise ValueError(f"For 'randperm', the 'n' must be a non-negative int, but got {n!r}.")
    return _sample("randperm_ext", _permutation, None, n=int(n), dtype=dtype.to_numpy().str)
