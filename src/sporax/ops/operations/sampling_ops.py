"""Sampling primitives of MindSpore 2.10 beyond `random_ops`: shuffles, masked choice, candidate
samplers, multinomial draws with explicit (seed, offset), truncated normals with per-batch
parameters, and OS-entropy integers.

Seeds follow `random_ops`: an instance owns the stream of its (seed, seed2) under the global
seed, each call draws the next values, two instances with the same seeds draw the same
sequence, and `set_seed` restarts them. MultinomialWithReplacement takes its (seed, offset)
as inputs: a new instance with the same inputs draws the same values, whatever set_seed says,
and one instance advances call by call, as MindSpore's does (its functional form, which makes
a new one per call, repeats its draw). NonDeterministicInts ignores every seed. The bits
are JAX's threefry, not MindSpore's Philox: distributions, shapes, dtypes and
reproducibility are MindSpore's, the values are not.

Candidate samplers (TensorFlow's): the uniform sampler draws classes with P(c) = 1/range_max,
the log-uniform one with P(c) = log((c + 2)/(c + 1)) / log(range_max + 1). Without `unique`
the expected count of a class is num_sampled · P(c); with `unique` the sampler draws until
num_sampled distinct classes are found, taking t tries, and the expected count is
1 − (1 − P(c))ᵗ.
"""
from __future__ import annotations

import os

import jax
import jax.numpy as jnp
import numpy as np

from ..._runtime import random_keys
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..primitive import Primitive, _wrap, prim_attr_register
from . import _arg_checks as check
from .random_ops import _RandomPrimitive, _seed_arg, multinomial_draw


def _key(data):
    return jax.random.wrap_key_data(data)


def _int_attr(op, arg, value, minimum):
    if not check.is_int(value):
        raise TypeError(f"For '{op}', the '{arg}' must be an int, but got {type(value).__name__}.")
    if value < minimum:
        raise ValueError(f"For '{op}', the '{arg}' must be int and must >= {minimum}, "
                         f"but got '{value}' with type 'int'.")


def _bool_attr(op, arg, value):
    if not isinstance(value, bool):
        raise TypeError(f"For '{op}', the '{arg}' must be a bool, but got {type(value).__name__}.")


class RandomShuffle(_RandomPrimitive):
    """`x` with its first axis in a uniformly random order (a scalar is returned as is)."""

    @prim_attr_register
    def __init__(self, seed=0, seed2=0):
        _seed_arg("RandomShuffle", "seed", seed)
        _seed_arg("RandomShuffle", "seed2", seed2)
        self.add_prim_attr("side_effect_hidden", True)

    def __call__(self, x):
        check.tensor(self.name, "x", x)
        return self._draw(x._value())

    def _compute(self, key, x):
        if x.ndim == 0:
            return x
        return jax.random.permutation(_key(key), x, axis=0, independent=False)


def masked_choice(key, mask, count):
    """(indices (count, rank) Int32, valid (count,) Bool): `count` distinct positions of the
    True elements of `mask` in random order; when fewer are True, the rest are index 0 and
    False."""
    flat = mask.reshape(-1)
    scores = jnp.where(flat, jax.random.uniform(key, flat.shape), -1.0)
    take = min(count, flat.shape[0])
    top, order = jax.lax.top_k(scores, take)
    valid = top >= 0
    coords = jnp.stack(jnp.unravel_index(order, mask.shape), axis=-1).astype(np.int32)
    coords = jnp.where(valid[:, None], coords, 0)
    pad = count - take
    if pad:
        coords = jnp.concatenate([coords, jnp.zeros((pad, mask.ndim), np.int32)])
        valid = jnp.concatenate([valid, jnp.zeros((pad,), bool)])
    return coords, valid


class RandomChoiceWithMask(_RandomPrimitive):
    """`count` random positions of the True elements of a Bool tensor of rank 1..5, with a mask
    telling which of them are real (see masked_choice)."""

    @prim_attr_register
    def __init__(self, count=256, seed=0, seed2=0):
        if not check.is_int(count) or count <= 0:
            raise ValueError(f"For 'RandomChoiceWithMask', the 'count' must be int and must > 0, "
                             f"but got '{count}' with type '{type(count).__name__}'.")
        _seed_arg("RandomChoiceWithMask", "seed", seed)
        _seed_arg("RandomChoiceWithMask", "seed2", seed2)
        self.add_prim_attr("side_effect_hidden", True)

    def __call__(self, input_x):
        check.tensor_of(self.name, "input_x", input_x, (mstype.bool_,))
        if not 1 <= input_x.ndim <= 5:
            raise ValueError(f"For '{self.name}', the rank of 'input_x' must be in [1, 5], but got {input_x.ndim}.")
        return self._draw(input_x._value())

    def _compute(self, key, mask):
        return masked_choice(_key(key), mask, self.attrs["count"])


def _log_uniform_probability(classes, range_max):
    c = classes.astype(np.float64)
    return jnp.log((c + 2.0) / (c + 1.0)) / np.log(range_max + 1.0)


def _log_uniform_draw(key, shape, range_max):
    """Classes of P(c) = log((c+2)/(c+1))/log(range_max+1): floor(exp(u log(range_max+1))) − 1."""
    u = jax.random.uniform(key, shape, np.float64)
    return jnp.clip(jnp.floor(jnp.exp(u * np.log(range_max + 1.0))) - 1, 0, range_max - 1).astype(np.int64)


def _uniform_draw(key, shape, range_max):
    return jax.random.randint(key, shape, 0, range_max, np.int64)


def candidates(key, num_sampled, unique, range_max, draw):
    """(sampled classes, tries): with `unique`, successive draws keep each new class until
    num_sampled distinct ones are found (tries counts every draw)."""
    if not unique:
        return draw(key, (num_sampled,), range_max), jnp.asarray(num_sampled, np.int64)

    def cond(state):
        return state[1] < num_sampled

    def body(state):
        key, found, tries, sampled, seen = state
        key, sub = jax.random.split(key)
        c = draw(sub, (), range_max)
        new = ~seen[c]
        sampled = jnp.where(new, sampled.at[found].set(c), sampled)
        return key, found + new.astype(np.int32), tries + 1, sampled, seen.at[c].set(True)

    state = (key, jnp.asarray(0, np.int32), jnp.asarray(0, np.int64), jnp.zeros((num_sampled,), np.int64),
             jnp.zeros((range_max,), bool))
    _, _, tries, sampled, _ = jax.lax.while_loop(cond, body, state)
    return sampled, tries


def _expected(probability, count, tries, unique):
    if unique:
        return (-jnp.expm1(tries.astype(np.float64) * jnp.log1p(-probability))).astype(np.float32)
    return (count * probability).astype(np.float32)


class _CandidateSampler(_RandomPrimitive):
    _index_dtypes = (mstype.int64,)

    def _check_attrs(self, num_true, num_sampled, unique, range_max, seed):
        op = type(self).__name__
        _int_attr(op, "num_true", num_true, 1)
        _int_attr(op, "num_sampled", num_sampled, 1)
        _bool_attr(op, "unique", unique)
        _int_attr(op, "range_max", range_max, 1)
        _seed_arg(op, "seed", seed)
        if unique and range_max < num_sampled:
            raise ValueError(f"For '{op}', the 'range_max' should be >= num_sampled: {num_sampled}, "
                             f"but got {range_max}.")
        self.add_prim_attr("side_effect_hidden", True)

    def _seeds(self):
        return self.attrs["seed"], 0

    def __call__(self, true_classes):
        check.tensor_of(self.name, "true_classes", true_classes, self._index_dtypes)
        if true_classes.ndim != 2 or true_classes.shape[1] != self.attrs["num_true"]:
            raise ValueError(f"For '{self.name}', the 'true_classes' must be 2-D with shape[1] equal to num_true "
                             f"{self.attrs['num_true']}, but got shape {true_classes.shape}.")
        return self._draw(true_classes._value())

    def _compute(self, key, true_classes):
        a = self.attrs
        sampled, tries = candidates(_key(key), a["num_sampled"], a["unique"], a["range_max"], self._sample)
        true_count = _expected(self._probability(true_classes), a["num_sampled"], tries, a["unique"])
        sampled_count = _expected(self._probability(sampled), a["num_sampled"], tries, a["unique"])
        return sampled.astype(true_classes.dtype), true_count, sampled_count


class LogUniformCandidateSampler(_CandidateSampler):
    """(sampled (num_sampled,), true_expected_count, sampled_expected_count) from the
    log-uniform (Zipfian) distribution over [0, range_max)."""

    @prim_attr_register
    def __init__(self, num_true=1, num_sampled=5, unique=True, range_max=5, seed=0):
        self._check_attrs(num_true, num_sampled, unique, range_max, seed)

    def _sample(self, key, shape, range_max):
        return _log_uniform_draw(key, shape, range_max)

    def _probability(self, classes):
        return _log_uniform_probability(classes, self.attrs["range_max"])


class UniformCandidateSampler(_CandidateSampler):
    """(sampled (num_sampled,), true_expected_count, sampled_expected_count) uniform over
    [0, range_max), in true_classes' dtype. With `remove_accidental_hits` MindSpore still
    returns the same three outputs (the hits are removed downstream)."""

    _index_dtypes = (mstype.int32, mstype.int64)

    @prim_attr_register
    def __init__(self, num_true, num_sampled, unique, range_max, seed=0, remove_accidental_hits=False):
        self._check_attrs(num_true, num_sampled, unique, range_max, seed)
        _bool_attr("UniformCandidateSampler", "remove_accidental_hits", remove_accidental_hits)

    def _sample(self, key, shape, range_max):
        return _uniform_draw(key, shape, range_max)

    def _probability(self, classes):
        return jnp.full(classes.shape, 1.0 / self.attrs["range_max"], np.float64)


class ComputeAccidentalHits(Primitive):
    """(indices Int32, ids Int64, weights Float32): one hit (i, j) for every true class of row i
    equal to sampled_candidates[j] (a class listed twice in a row hits twice), in row-major
    (i, j) order; weights are −FLT_MAX. The number of hits
    is data-dependent, so the call reads the inputs (it cannot run inside a compiled graph)."""

    @prim_attr_register
    def __init__(self, num_true=1):
        if not check.is_int(num_true):
            raise TypeError(f"For 'ComputeAccidentalHits', the 'num_true' must be an int, "
                            f"but got {type(num_true).__name__}.")

    def __call__(self, true_classes, sampled_candidates):
        check.tensor_of(self.name, "true_classes", true_classes, (mstype.int64,))
        check.tensor_of(self.name, "sampled_candidates", sampled_candidates, (mstype.int64,))
        if true_classes.ndim != 2 or true_classes.shape[1] != self.attrs["num_true"]:
            raise ValueError(f"For {self.name}, true_classes shape[1]={true_classes.shape[-1]} must be equal to "
                             f"num_true= {self.attrs['num_true']}")
        if sampled_candidates.ndim != 1:
            raise ValueError(f"For {self.name}, 'sampled_candidates' must be 1-D, "
                             f"but got shape {sampled_candidates.shape}.")
        hits = int(np.sum(true_classes.asnumpy()[:, None, :] == sampled_candidates.asnumpy()[None, :, None]))
        return _wrap(self._dispatch((true_classes._value(), sampled_candidates._value(), hits)))

    def _compute(self, true_classes, sampled, hits):
        match = true_classes[:, None, :] == sampled[None, :, None]
        rows, positions, _ = jnp.nonzero(match, size=hits)
        weights = jnp.full((hits,), -np.finfo(np.float32).max, np.float32)
        return rows.astype(np.int32), positions.astype(np.int64), weights


def _scalar_int(op, arg, value):
    if not isinstance(value, Tensor):
        raise TypeError(f"For Primitive[{op}], the type of input argument[{arg}] must be Tensor but got "
                        f"{type(value).__name__}.")
    if value.dtype != mstype.int64 or value.size != 1:
        raise TypeError(f"For '{op}', the '{arg}' must be a one-value Int64 Tensor, "
                        f"but got {value.dtype} of shape {value.shape}.")
    return int(value.asnumpy().reshape(-1)[0])


class MultinomialWithReplacement(_RandomPrimitive):
    """`numsamples` class indices (Int64) per row of non-negative weights x (1-D or 2-D), with or
    without replacement; (seed, offset) are one-value Int64 Tensors."""

    @prim_attr_register
    def __init__(self, numsamples, replacement=False):
        _int_attr("MultinomialWithReplacement", "numsamples", numsamples, 1)
        _bool_attr("MultinomialWithReplacement", "replacement", replacement)
        self.add_prim_attr("side_effect_hidden", True)

    def _seeds(self):
        return self.__dict__.get("_call_seeds", (0, 0))

    def _stream_base(self) -> int:
        return random_keys.FIXED_BASE  # MindSpore: the (seed, offset) given decide alone, whatever set_seed says

    def __call__(self, x, seed, offset):
        check.tensor_of(self.name, "x", x, (mstype.float16, mstype.float32, mstype.float64))
        if x.ndim not in (1, 2):
            raise ValueError(f"For '{self.name}', the 'x' must be 1-D or 2-D, but got shape {x.shape}.")
        seed_value = _scalar_int(self.name, "seed", seed)
        offset_value = _scalar_int(self.name, "offset", offset)
        values = x.asnumpy()
        if np.any(values < 0):
            raise ValueError(f"For '{self.name}' , each element of 'x' must be equal or greater than 0. ")
        if values.size and np.any(values.reshape(-1, values.shape[-1]).sum(axis=-1) <= 0):
            raise ValueError(f"For '{self.name}', the sum of each row of 'x' must be greater than 0.")
        key = (seed_value, offset_value)
        if self.__dict__.get("_call_seeds") != key:
            self._stream = (None, 0)
        self._call_seeds = key
        return self._draw(x._value())

    def _compute(self, key, x):
        a = self.attrs
        rows = x if x.ndim == 2 else x[None]
        out = multinomial_draw(_key(key), rows.astype(np.float32), a["numsamples"], a["replacement"], np.int64)
        return out if x.ndim == 2 else out[0]


_NDI_DTYPES = (mstype.int32, mstype.int64, mstype.uint32, mstype.uint64)


class NonDeterministicInts(Primitive):
    """Integers uniform over the whole range of `dtype`, from operating-system entropy (no seed
    reproduces them)."""

    @prim_attr_register
    def __init__(self, dtype=mstype.int64):
        if dtype not in _NDI_DTYPES:
            raise TypeError(f"For 'NonDeterministicInts', the 'dtype' should be one of [mindspore.int32, "
                            f"mindspore.int64, mindspore.uint32, mindspore.uint64], but got "
                            f"'mindspore.{str(dtype).lower()}'.")
        self.add_prim_attr("max_length", 1000000)
        self.add_prim_attr("side_effect_hidden", True)

    def __call__(self, shape):
        if not isinstance(shape, Tensor):
            raise TypeError(f"For Primitive[{self.name}], the type of input argument[shape] must be Tensor but got "
                            f"{type(shape).__name__}.")
        if shape.dtype not in (mstype.int32, mstype.int64) or shape.ndim != 1:
            raise TypeError(f"For '{self.name}', the 'shape' must be a 1-D Int32/Int64 Tensor, "
                            f"but got {shape.dtype} of shape {shape.shape}.")
        dims = tuple(int(v) for v in shape.asnumpy())
        if any(d < 0 for d in dims):
            raise ValueError(f"For '{self.name}', the 'shape' must hold non-negative sizes, but got {dims}.")
        entropy = np.frombuffer(os.urandom(8), np.uint32)
        return _wrap(self._dispatch((jnp.asarray(entropy), dims)))

    def _compute(self, entropy, dims):
        key = jax.random.key_data(jax.random.key(0))
        key = jax.random.wrap_key_data(key ^ entropy)
        dtype = self.attrs["dtype"].to_numpy()
        bits = jax.random.bits(key, dims, np.uint64 if dtype.itemsize == 8 else np.uint32)
        return jax.lax.bitcast_convert_type(bits, dtype)


class ParameterizedTruncatedNormal(_RandomPrimitive):
    """Samples of N(mean, stdevs²) truncated to [min, max], of shape `shape` = (batch, ...);
    each parameter is a scalar or one value per batch row."""

    @prim_attr_register
    def __init__(self, seed=0, seed2=0):
        _seed_arg("ParameterizedTruncatedNormal", "seed", seed)
        _seed_arg("ParameterizedTruncatedNormal", "seed2", seed2)
        self.add_prim_attr("side_effect_hidden", True)

    def __call__(self, shape, mean, stdevs, min, max):  # noqa: A002 - MindSpore's names
        op = self.name
        check.tensor_of(op, "shape", shape, (mstype.int32, mstype.int64))
        if shape.ndim != 1 or shape.shape[0] < 2:
            raise ValueError(f"For primitive[{op}], the size of argument[shape] must be greater than or equal to 2, "
                             f"but got {shape.shape[0] if shape.ndim == 1 else shape.shape}.")
        dims = tuple(int(v) for v in shape.asnumpy())
        named = (("mean", mean), ("stdevs", stdevs), ("min", min), ("max", max))
        for arg, value in named:
            check.tensor_of(op, arg, value, (mstype.float16, mstype.float32, mstype.float64))
            if value.dtype != mean.dtype:
                raise TypeError(f"For primitive[{op}], the input type must be same: 'mean' is {mean.dtype}, "
                                f"'{arg}' is {value.dtype}.")
            if not (value.ndim == 0 or value.shape in ((1,), (dims[0],))):
                raise ValueError(f"For {op}, {arg} must be 0d, or {arg}.shape = ({dims[0]}, ), "
                                 f"but got {value.shape}.")
        if np.any(stdevs.asnumpy() <= 0):
            raise ValueError(f"For '{op}', the 'stdevs' must be > 0, but got {stdevs.asnumpy()}.")
        if np.any(min.asnumpy() >= max.asnumpy()):
            raise ValueError(f"For '{op}', the 'min' must be less than 'max', but got {min.asnumpy()} and "
                             f"{max.asnumpy()}.")
        return self._draw(dims, *(v._value() for _, v in named))

    def _compute(self, key, dims, mean, std, low, high):
        def per_row(p):
            p = p.astype(np.float64).reshape(-1)
            return jnp.broadcast_to(p, (dims[0],)).reshape((dims[0],) + (1,) * (len(dims) - 1))

        mean_, std_, low_, high_ = (per_row(p) for p in (mean, std, low, high))
        z = jax.random.truncated_normal(_key(key), (low_ - mean_) / std_, (high_ - mean_) / std_, dims, np.float64)
        return (mean_ + std_ * z).astype(mean.dtype)


__all__ = ["RandomShuffle", "RandomChoiceWithMask", "LogUniformCandidateSampler", "UniformCandidateSampler",
           "ComputeAccidentalHits", "MultinomialWithReplacement", "NonDeterministicInts",
           "ParameterizedTruncatedNormal"]
