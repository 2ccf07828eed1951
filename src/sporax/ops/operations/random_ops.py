"""Random sampling primitives (`mindspore.ops.operations.random_ops`).

Seeds follow MindSpore's model: every primitive instance owns a generator keyed by the global
seed (`set_seed`) and its own `seed`/`seed2`; each call draws the next values of that
generator, two instances built with the same seeds draw the same sequence, and `set_seed`
restarts every sequence. Where MindSpore seeds otherwise, so does the op (`_key_source`):
RandpermV2 and Bernoulli with a seed >= 0 repeat one draw of (seed, offset), call after call
and whatever set_seed says, and with seed -1 draw anew; a seed given to RandomCategorical's
call decides its draws alone; a functional form that makes its primitive per call but draws
anew each call (seed 0) draws from the process-wide stream of its seeds. The bits are JAX's
(threefry), not MindSpore's Philox: the distributions, shapes, dtypes and reproducibility
are MindSpore's, the exact values are not.
Inside a compiled graph the key derives from the graph call's key, so each call of the graph
draws new values (random_keys).

Distributions: UniformReal U[0, 1); UniformInt the integers of [minval, maxval);
StandardNormal N(0, 1); StandardLaplace Laplace(0, 1); Gamma / RandomGamma Γ(α, β) with β the
rate... MindSpore's Gamma takes (alpha, beta) with beta the *scale*-free rate: x = g / β for
g ~ Γ(α, 1); Poisson / RandomPoisson Poisson(λ); RandomCategorical and Multinomial draw class
indices from logits / probabilities; TruncatedNormal N(0, 1) truncated to [−2, 2]; Cauchy
Cauchy(median, σ); LogNormalReverse exp(N(mean, std)).
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from ..._runtime import call_replay, random_keys, seed_state, state_frame
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..primitive import Primitive, _wrap, prim_attr_register

_epoch = [0]


def _restart():
    _epoch[0] += 1


seed_state.on_change(_restart)


def _seed_arg(op, arg, value):
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"For '{op}', the '{arg}' must be an int, but got {type(value).__name__}.")
    if value < 0:
        raise ValueError(f"For '{op}', the '{arg}' must be >= 0, but got {value}.")


def _words(seed, seed2):
    """Two uint32 words that identify an instance's (seed, seed2) stream."""
    return int(seed) & 0xFFFFFFFF, (int(seed2) * 2654435761 + (int(seed) >> 32)) & 0xFFFFFFFF


# Where a random primitive's key comes from (`_RandomPrimitive._key_source`):
INSTANCE_STREAM = "instance"  # the instance's own stream: each call the next key (MindSpore's primitives)
PROCESS_STREAM = "process"  # the process-wide stream of its seeds: an op made afresh for each call still
#                             draws new values on each (a functional op with seed 0, Tensor.log_normal)
FIXED_KEY = "fixed"  # one key, a function of the seeds alone (RandpermV2's and Bernoulli's seed >= 0)


class _RandomPrimitive(Primitive):
    """A primitive that draws from its own seeded stream (see the module docstring)."""

    _jit = True
    _key_source = INSTANCE_STREAM

    def _seeds(self):
        return self.attrs.get("seed", 0), self.attrs.get("seed2", 0)

    def _next_key(self):
        seed, seed2 = self._seeds()
        if self._key_source is FIXED_KEY:
            return random_keys.fixed_key(*_words(seed, seed2))
        if self._key_source is PROCESS_STREAM:
            return random_keys.op_key(*_words(seed, seed2))
        if state_frame.random_source() is not None:
            return random_keys.next_key(*_words(seed, seed2))
        recorder = call_replay.recording()
        if recorder is not None:  # a call recorded for replay: each replay draws the next key of the stream
            return call_replay.drawn_key(recorder, self._next_key, ())
        epoch, count = self.__dict__.get("_stream", (None, 0))
        if epoch != _epoch[0]:
            count = 0
        self._stream = (_epoch[0], count + 1)
        words = _words(seed, seed2)
        return random_keys.key_of(self._stream_base() & 0xFFFFFFFF, words[0], words[1], count)

    def _stream_base(self) -> int:
        """The global seed the instance's stream derives under."""
        global_seed = seed_state.get()
        return random_keys._UNSEEDED if global_seed is None else global_seed

    def _draw(self, *arrays):
        return _wrap(self._dispatch((self._next_key(),) + arrays))


def _shape_arg(op, shape):
    if shape.__class__ is tuple:  # the common case, checked without generators: it is on every draw's path
        for n in shape:
            if n.__class__ is not int or n < 0:
                break
        else:
            return shape
    if isinstance(shape, Tensor):
        shape = tuple(int(v) for v in shape.asnumpy().reshape(-1))
    if isinstance(shape, list):
        shape = tuple(shape)
    if not isinstance(shape, tuple) or not all(isinstance(n, (int, np.integer)) and not isinstance(n, bool)
                                               for n in shape):
        raise TypeError(f"For '{op}', the 'shape' must be a tuple of ints, but got {shape!r}.")
    if any(n < 0 for n in shape):
        raise ValueError(f"For '{op}', the 'shape' must hold non-negative ints, but got {shape}.")
    return tuple(int(n) for n in shape)


def _key(data):
    return jax.random.wrap_key_data(data)


class _SeededShapeOp(_RandomPrimitive):
    """`Op(seed=0, seed2=0)(shape)`: samples of a fixed Float32 distribution."""

    @prim_attr_register
    def __init__(self, seed=0, seed2=0):
        _seed_arg(self.name, "seed", seed)
        _seed_arg(self.name, "seed2", seed2)
        self.add_prim_attr("side_effect_hidden", True)

    def __call__(self, shape):
        return self._draw(_shape_arg(self.name, shape))

    def _compute(self, key, shape):
        return type(self)._sample(_key(key), shape).astype(np.float32)


class UniformReal(_SeededShapeOp):
    """Float32 samples of U[0, 1)."""
    _sample = staticmethod(lambda key, shape: jax.random.uniform(key, shape, np.float32))


class StandardNormal(_SeededShapeOp):
    """Float32 samples of N(0, 1)."""
    _sample = staticmethod(lambda key, shape: jax.random.normal(key, shape, np.float32))


class StandardLaplace(_SeededShapeOp):
    """Float32 samples of Laplace(0, 1): density e^{−|x|}/2."""
    _sample = staticmethod(lambda key, shape: jax.random.laplace(key, shape, np.float32))


def _tensor_arg(op, arg, value, kinds, dtypes=None):
    if not isinstance(value, Tensor):
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor, but got {type(value).__name__}.")
    if value.dtype.kind not in kinds or (dtypes and value.dtype not in dtypes):
        wanted = ", ".join(str(d) for d in dtypes) if dtypes else " or ".join(sorted(kinds))
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor of {wanted}, but got {value.dtype}.")
    return value


class UniformInt(_SeededShapeOp):
    """Int32 samples uniform on the integers of [minval, maxval) (0-D Int32 Tensors)."""

    def __call__(self, shape, minval, maxval):
        shape = _shape_arg(self.name, shape)
        for arg, value in (("minval", minval), ("maxval", maxval)):
            _tensor_arg(self.name, arg, value, {"int"}, (mstype.int32,))
        if int(minval.asnumpy().reshape(-1)[0]) >= int(maxval.asnumpy().reshape(-1)[0]):
            raise ValueError(f"For '{self.name}', the 'minval' must be less than 'maxval', "
                             f"but got {minval.asnumpy()} and {maxval.asnumpy()}.")
        return self._draw(shape, minval._value(), maxval._value())

    def _compute(self, key, shape, low, high):
        return jax.random.randint(_key(key), shape, low.reshape(()), high.reshape(()), np.int32)


@functools.lru_cache(maxsize=1024)
def broadcast_shapes(*shapes) -> tuple:
    """`np.broadcast_shapes` as a tuple, remembered per shapes: NumPy's costs more than a small
    draw's whole dispatch, and a sampler sees the same shapes call after call (an error is not
    remembered: each bad call raises it again)."""
    return tuple(np.broadcast_shapes(*shapes))


def _broadcast_shape(op, shape, *others):
    try:
        return broadcast_shapes(shape, *others)
    except ValueError:
        raise ValueError(f"For '{op}', the 'shape' {shape} and the parameter shapes {list(others)} "
                         f"can not broadcast.") from None


class Gamma(_SeededShapeOp):
    """Samples of Γ(alpha, beta): density x^{α−1} e^{−βx} βᵅ / Γ(α) (β the rate), of shape
    broadcast(shape, alpha, beta)."""

    def __call__(self, shape, alpha, beta):
        shape = _shape_arg(self.name, shape)
        _tensor_arg(self.name, "alpha", alpha, {"float"})
        _tensor_arg(self.name, "beta", beta, {"float"})
        out = _broadcast_shape(self.name, shape, alpha.shape, beta.shape)
        return self._draw(out, alpha._value(), beta._value())

    def _compute(self, key, shape, alpha, beta):
        dtype = alpha.dtype
        g = jax.random.gamma(_key(key), jnp.broadcast_to(alpha, shape).astype(np.float32), shape)
        return (g / jnp.broadcast_to(beta, shape)).astype(dtype)


class RandomGamma(_SeededShapeOp):
    """Samples of Γ(alpha, 1) of shape `shape` + alpha.shape."""

    def __call__(self, shape, alpha):
        shape = _shape_arg(self.name, shape)
        _tensor_arg(self.name, "alpha", alpha, {"float"})
        return self._draw(shape + alpha.shape, alpha._value())

    def _compute(self, key, shape, alpha):
        a = jnp.broadcast_to(alpha, shape).astype(np.float32)
        return jax.random.gamma(_key(key), a, shape).astype(alpha.dtype)


class Poisson(_SeededShapeOp):
    """Int32 samples of Poisson(mean) of shape broadcast(shape, mean)."""

    def __call__(self, shape, mean):
        shape = _shape_arg(self.name, shape)
        _tensor_arg(self.name, "mean", mean, {"float"})
        return self._draw(_broadcast_shape(self.name, shape, mean.shape), mean._value())

    def _compute(self, key, shape, mean):
        lam = jnp.broadcast_to(mean, shape).astype(np.float32)
        return jax.random.poisson(_key(key), lam, shape).astype(np.int32)


class RandomPoisson(_RandomPrimitive):
    """Samples of Poisson(rate), shape `shape` + rate.shape, in `dtype` (Int64 by default)."""

    @prim_attr_register
    def __init__(self, seed=0, seed2=0, dtype=mstype.int64):
        _seed_arg("RandomPoisson", "seed", seed)
        _seed_arg("RandomPoisson", "seed2", seed2)
        if dtype not in (mstype.int32, mstype.int64, mstype.float16, mstype.float32, mstype.float64):
            raise TypeError(f"For 'RandomPoisson', the 'dtype' must be Int32, Int64, Float16, Float32 or Float64, "
                            f"but got {dtype}.")
        self.add_prim_attr("side_effect_hidden", True)

    def __call__(self, shape, rate):
        shape = _shape_arg(self.name, shape)
        _tensor_arg(self.name, "rate", rate, {"float", "int"})
        return self._draw(shape + rate.shape, rate._value())

    def _compute(self, key, shape, rate):
        lam = jnp.broadcast_to(rate, shape).astype(np.float32)
        return jax.random.poisson(_key(key), lam, shape).astype(self.attrs["dtype"].to_numpy())


def _categorical(key, logits, num_samples, dtype):
    """Class indices of `num_samples` draws per row of `logits` (with replacement)."""
    draws = jax.random.categorical(key, logits, axis=-1, shape=(num_samples,) + logits.shape[:-1])
    return jnp.moveaxis(draws, 0, -1).astype(dtype)


class RandomCategorical(_RandomPrimitive):
    """`num_sample` class indices per row of 2-D `logits` (unnormalised log-probabilities),
    called as (logits, num_sample, seed)."""

    @prim_attr_register
    def __init__(self, dtype=mstype.int64):
        if dtype not in (mstype.int16, mstype.int32, mstype.int64):
            raise TypeError(f"For 'RandomCategorical', the 'dtype' must be Int16, Int32 or Int64, but got {dtype}.")
        self.add_prim_attr("side_effect_hidden", True)

    def __call__(self, logits, num_sample, seed=0):
        _tensor_arg(self.name, "logits", logits, {"float"})
        if logits.ndim != 2:
            raise ValueError(f"For '{self.name}', the 'logits' must be 2-D, but got shape {logits.shape}.")
        if not isinstance(num_sample, int) or isinstance(num_sample, bool) or num_sample <= 0:
            raise ValueError(f"For '{self.name}', the 'num_sample' must be a positive int, but got {num_sample!r}.")
        _seed_arg(self.name, "seed", seed)
        self._call_seed = seed
        return self._draw(logits._value(), num_sample)

    def _seeds(self):
        return self.__dict__.get("_call_seed", 0), 0

    def _stream_base(self) -> int:
        # MindSpore: a seed given to the call decides the draws alone, whatever set_seed says
        return random_keys.FIXED_BASE if self.__dict__.get("_call_seed", 0) else super()._stream_base()

    def _compute(self, key, logits, num_sample):
        return _categorical(_key(key), logits.astype(np.float32), num_sample, self.attrs["dtype"].to_numpy())


def multinomial_draw(key, probs, num_samples, replacement, dtype):
    """Indices drawn from rows of non-negative weights `probs`: with replacement, independent
    categorical draws; without, the Gumbel top-k trick (successive draws without putting back)."""
    logits = jnp.log(probs.astype(np.float32))
    if replacement:
        return _categorical(key, logits, num_samples, dtype)
    gumbel = jax.random.gumbel(key, logits.shape, np.float32)
    return jax.lax.top_k(logits + gumbel, num_samples)[1].astype(dtype)


class Multinomial(_RandomPrimitive):
    """`num_samples` indices per row of 1-D/2-D non-negative `x` (weights), with replacement."""

    @prim_attr_register
    def __init__(self, seed=0, seed2=0, dtype=mstype.int32):
        _seed_arg("Multinomial", "seed", seed)
        _seed_arg("Multinomial", "seed2", seed2)
        if dtype not in (mstype.int32, mstype.int64):
            raise TypeError(f"For 'Multinomial', the 'dtype' must be Int32 or Int64, but got {dtype}.")
        self.add_prim_attr("side_effect_hidden", True)

    def __call__(self, x, num_samples):
        _tensor_arg(self.name, "x", x, {"float"})
        if x.ndim not in (1, 2):
            raise ValueError(f"For '{self.name}', the 'x' must be 1-D or 2-D, but got shape {x.shape}.")
        if isinstance(num_samples, Tensor):
            num_samples = int(num_samples.asnumpy())
        if not isinstance(num_samples, int) or isinstance(num_samples, bool) or num_samples <= 0:
            raise ValueError(f"For '{self.name}', the 'num_samples' must be a positive int, "
                             f"but got {num_samples!r}.")
        return self._draw(x._value(), num_samples)

    def _compute(self, key, x, num_samples):
        return multinomial_draw(_key(key), x, num_samples, True, self.attrs["dtype"].to_numpy())


class Bernoulli(_RandomPrimitive):
    """Samples of Bernoulli(p) in x's shape and dtype (p a float or a Tensor broadcast to x);
    a seed >= 0 repeats one draw, seed −1 draws anew on each call."""

    @prim_attr_register
    def __init__(self, seed=-1, offset=0):
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise TypeError(f"For 'Bernoulli', the 'seed' must be an int, but got {type(seed).__name__}.")
        if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
            raise ValueError(f"For 'Bernoulli', the 'offset' must be an int >= 0, but got {offset!r}.")

    @property
    def _key_source(self):
        # MindSpore: a seed >= 0 fixes the draw of (seed, offset), call after call and whatever
        # set_seed says; seed -1 draws anew on each call
        return FIXED_KEY if self.attrs["seed"] >= 0 else PROCESS_STREAM

    def _seeds(self):
        return self.attrs["seed"], self.attrs["offset"]

    def __call__(self, x, p):
        if not isinstance(x, Tensor):
            raise TypeError(f"For '{self.name}', the 'x' must be a Tensor, but got {type(x).__name__}.")
        if isinstance(p, Tensor):
            if p.dtype.kind != "float":
                raise TypeError(f"For '{self.name}', the 'p' must be a float Tensor, but got {p.dtype}.")
            p_value = p._value()
            values = p.asnumpy()
        elif isinstance(p, (int, float)) and not isinstance(p, bool):
            p_value, values = float(p), np.asarray(p)
        else:
            raise TypeError(f"For '{self.name}', the 'p' must be a float or a Tensor, but got {type(p).__name__}.")
        if values.size and (np.any(values < 0) or np.any(values > 1)):
            raise ValueError(f"For '{self.name}', the 'p' must be in range [0, 1], but got {values}.")
        return self._draw(x._value(), p_value)

    def _compute(self, key, x, p):
        p = jnp.broadcast_to(jnp.asarray(p, np.float32), x.shape)
        return jax.random.bernoulli(_key(key), p, x.shape).astype(x.dtype)


class TruncatedNormal(_RandomPrimitive):
    """Samples of N(0, 1) truncated to [−2, 2], in `dtype`."""

    @prim_attr_register
    def __init__(self, dtype=mstype.float32, seed=0, seed2=0):
        if dtype not in (mstype.float16, mstype.float32, mstype.float64):
            raise TypeError(f"For 'TruncatedNormal', the 'dtype' must be Float16, Float32 or Float64, "
                            f"but got {dtype}.")
        _seed_arg("TruncatedNormal", "seed", seed)
        _seed_arg("TruncatedNormal", "seed2", seed2)
        self.add_prim_attr("side_effect_hidden", True)

    def __call__(self, shape):
        return self._draw(_shape_arg(self.name, shape))

    def _compute(self, key, shape):
        return jax.random.truncated_normal(_key(key), -2.0, 2.0, shape, np.float32).astype(
            self.attrs["dtype"].to_numpy())


class Cauchy(_RandomPrimitive):
    """Float32 samples of Cauchy(median, sigma) of shape `size`: median + σ tan(π (u − ½))."""

    @prim_attr_register
    def __init__(self, size, median=0.0, sigma=1.0):
        size = _shape_arg("Cauchy", tuple(size) if isinstance(size, list) else size)
        self.add_prim_attr("size", list(size))
        for arg, value in (("median", median), ("sigma", sigma)):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"For 'Cauchy', the '{arg}' must be a float, but got {type(value).__name__}.")
        if sigma <= 0:
            raise ValueError(f"For 'Cauchy', the 'sigma' must be > 0, but got {sigma}.")

    def __call__(self):
        return self._draw()

    def _compute(self, key):
        z = jax.random.cauchy(_key(key), tuple(self.attrs["size"]), np.float32)
        return self.attrs["median"] + self.attrs["sigma"] * z


class LogNormalReverse(_RandomPrimitive):
    """Samples of exp(N(mean, std)) in the input's shape and dtype."""

    @prim_attr_register
    def __init__(self, mean=1.0, std=2.0):
        for arg, value in (("mean", mean), ("std", std)):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"For 'LogNormalReverse', the '{arg}' must be a float, but got {type(value).__name__}.")
        if std <= 0:
            raise ValueError(f"For 'LogNormalReverse', the 'std' must be > 0, but got {std}.")

    def __call__(self, input):  # noqa: A002
        _tensor_arg(self.name, "input", input, {"float"}, (mstype.float16, mstype.float32))
        return self._draw(input._value())

    def _compute(self, key, x):
        z = jax.random.normal(_key(key), x.shape, np.float32)
        return jnp.exp(self.attrs["mean"] + self.attrs["std"] * z).astype(x.dtype)


class RandpermV2(_RandomPrimitive):
    """A random permutation of 0..n−1 in `dtype` (Int64 by default)."""

    @prim_attr_register
    def __init__(self, seed=0, offset=0, dtype=mstype.int64):
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise TypeError(f"For 'RandpermV2', the 'seed' must be an int, but got {type(seed).__name__}.")
        if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
            raise ValueError(f"For 'RandpermV2', the 'offset' must be an int >= 0, but got {offset!r}.")
        if dtype not in (mstype.int8, mstype.int16, mstype.int32, mstype.int64, mstype.uint8, mstype.float16,
                         mstype.float32, mstype.float64):
            raise TypeError(f"For 'RandpermV2', the 'dtype' must be a real number type, but got {dtype}.")
        self.add_prim_attr("side_effect_hidden", True)

    @property
    def _key_source(self):
        # MindSpore: a seed >= 0 fixes the permutation (whatever set_seed says, call after call);
        # seed -1 draws a new one each call
        return FIXED_KEY if self.attrs["seed"] >= 0 else PROCESS_STREAM

    def _seeds(self):
        seed, offset = self.attrs["seed"], self.attrs["offset"]
        return (0, offset) if offset else (seed, 0)  # MindSpore: an offset decides alone, whatever the seed

    def __call__(self, n):
        if isinstance(n, Tensor):
            n = int(n.asnumpy())
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise ValueError(f"For '{self.name}', the 'n' must be a non-negative int, but got {n!r}.")
        return self._draw(n)

    def _compute(self, key, n):
        return jax.random.permutation(_key(key), n).astype(self.attrs["dtype"].to_numpy())


class Randperm(_RandomPrimitive):
    """The first n of a random permutation of 0..n−1, padded with `pad` to `max_length`
    (n a 1-element integer Tensor)."""

    @prim_attr_register
    def __init__(self, max_length=1, pad=-1, dtype=mstype.int32):
        if not isinstance(max_length, int) or isinstance(max_length, bool) or max_length < 1:
            raise ValueError(f"For 'Randperm', the 'max_length' must be a positive int, but got {max_length!r}.")
        if not isinstance(pad, int) or isinstance(pad, bool):
            raise TypeError(f"For 'Randperm', the 'pad' must be an int, but got {type(pad).__name__}.")
        if dtype not in (mstype.int8, mstype.int16, mstype.int32, mstype.int64, mstype.uint8, mstype.uint16,
                         mstype.uint32, mstype.uint64):
            raise TypeError(f"For 'Randperm', the 'dtype' must be an integer type, but got {dtype}.")
        self.add_prim_attr("side_effect_hidden", True)

    def __call__(self, n):
        _tensor_arg(self.name, "n", n, {"int", "uint"})
        count = int(n.asnumpy().reshape(-1)[0])
        if not 0 <= count <= self.attrs["max_length"]:
            raise ValueError(f"For '{self.name}', the 'n' must be in [0, max_length={self.attrs['max_length']}], "
                             f"but got {count}.")
        return self._draw(count)

    def _compute(self, key, n):
        length = self.attrs["max_length"]
        perm = jax.random.permutation(_key(key), n)
        out = jnp.full((length,), self.attrs["pad"], np.int64).at[:n].set(perm)
        return out.astype(self.attrs["dtype"].to_numpy())


__all__ = ["UniformReal", "UniformInt", "StandardNormal", "StandardLaplace", "Gamma", "RandomGamma", "Poisson",
           "RandomPoisson", "RandomCategorical", "Multinomial", "Bernoulli", "TruncatedNormal", "Cauchy",
           "LogNormalReverse", "RandpermV2", "Randperm"]
