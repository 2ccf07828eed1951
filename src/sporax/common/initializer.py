"""Initializers (`mindspore.common.initializer`).

An Initializer describes values; it holds no data. `initializer(init, shape, dtype)`
returns a lazy Tensor; the values are produced when needed, by the generator chosen with
`sporax.set_context(init_generator=...)` ('mindspore' by default: MindSpore 2.10's values,
bit for bit). Random initializers always sample float32 and then cast to the target dtype
(float16/bfloat16 round, float64 widens, integers truncate toward zero), as MindSpore does.

Fan convention (PyTorch's and MindSpore's): for a 2-D weight `(out, in)`,
`fan_in = in`, `fan_out = out`; for rank >= 3, `receptive = prod(shape[2:])`,
`fan_in = shape[1] * receptive`, `fan_out = shape[0] * receptive`.

Arguments are validated when the Initializer is built, and shape-dependent rules when
`initializer()` (or a Parameter) binds it to a shape, never later at materialisation.
"""
from __future__ import annotations

import math
import numbers

import numpy as np

from .. import _validation
from . import _allocation, _lazy
from . import dtype as mstype
from . import seed as _seed
from .tensor import Tensor
from ._generators.distributions import Normal as _NormalDist
from ._generators.distributions import TruncatedNormal as _TruncatedNormalDist
from ._generators.distributions import Uniform as _UniformDist

__all__ = ["Initializer", "initializer", "TruncatedNormal", "Normal", "Uniform", "HeUniform",
           "HeNormal", "XavierUniform", "XavierNormal", "One", "Zero", "Constant", "Identity",
           "Sparse", "Dirac", "Orthogonal", "VarianceScaling"]

_ALIASES: dict[str, type] = {}


def _register(*aliases):
    def decorate(cls):
        _ALIASES[cls.__name__.lower()] = cls
        for alias in aliases:
            _ALIASES[alias] = cls
        return cls
    return decorate


class _ValueRuntimeError(ValueError, RuntimeError):
    """Bad argument where MindSpore raises RuntimeError: catchable as either."""


class Initializer:
    """Base class. Subclasses either describe their values (built-ins, through `_plan`)
    or fill a NumPy array in place by defining `_initialize(arr)`, as in MindSpore.

    Calling an initializer on a NumPy array fills it in place and returns None.
    """

    def __init__(self, **kwargs):
        self._kwargs = kwargs
        self._seed = None

    @property
    def seed(self):
        """MindSpore's graph-seed pair for this initializer: `(seed + 1, 0)` once a seed is set
        on it, else the global seed's pair (each read advances the counter)."""
        if self._seed is not None:
            return self._seed + 1, 0
        return _seed._get_graph_seed(_seed.get_seed(), "init")

    @seed.setter
    def seed(self, value):
        self._seed = value

    def _initialize(self, *args, **kwargs):
        raise NotImplementedError("Must be overridden!")

    def __call__(self, arr):
        if not isinstance(arr, np.ndarray):
            raise ValueError(f"For '{type(self).__name__}', the argument 'arr' must be numpy.ndarray, "
                             f"but got {type(arr).__name__}.")
        self._initialize(arr)

    # How a shape's values are made. Built-ins override; user subclasses keep `Custom`.
    def _plan(self, shape: tuple):
        if type(self)._initialize is Initializer._initialize:
            raise NotImplementedError("Must be overridden!")
        return _lazy.Custom()

    def _draw(self, generator, plan, shape, name):
        distribution = getattr(plan, "distribution", None) or plan.random_distribution
        return generator.draw(self, distribution, shape, name)

    def _base_record(self, record):
        return record


class _BuiltinInitializer(Initializer):
    """Built-ins fill a NumPy array in place through the same path as lazy tensors."""

    def _initialize(self, arr):
        dtype = mstype.from_numpy(arr.dtype)
        lazy = _lazy.LazyInit(self, tuple(arr.shape), dtype, self._plan(tuple(arr.shape)))
        arr[...] = np.asarray(lazy.materialize())


@_register("zeros")
class Zero(_BuiltinInitializer):
    """All zeros. Draws no random numbers."""

    def _plan(self, shape):
        return _lazy.Fill(0)


@_register("ones")
class One(_BuiltinInitializer):
    """All ones. Draws no random numbers."""

    def _plan(self, shape):
        return _lazy.Fill(1)


class Constant(_BuiltinInitializer):
    """Every element `value`, stored as NumPy's `fill` stores it (2.7 -> 2 in an int tensor).

    Not registered by name ('constant' is no alias, as in MindSpore).
    """

    def __init__(self, value):
        if isinstance(value, np.ndarray) or not isinstance(value, (numbers.Number, np.generic)):
            raise ValueError(f"For 'Constant', the argument 'value' must be a number, but got {value!r}.")
        super().__init__(value=value)
        self.value = value

    def _plan(self, shape):
        return _lazy.Fill(self.value)


@_register()
class Normal(_BuiltinInitializer):
    """N(mean, sigma²). Positional order is `(sigma, mean)`, as in MindSpore."""

    def __init__(self, sigma=0.01, mean=0.0):
        _validation.real_number("Normal", "sigma", sigma)
        _validation.real_number("Normal", "mean", mean)
        if sigma < 0:
            raise ValueError("sigma < 0")
        super().__init__(sigma=sigma, mean=mean)
        self.sigma = sigma
        self.mean = mean

    def _plan(self, shape):
        return _lazy.Random(_NormalDist(self.mean, self.sigma))


@_register()
class Uniform(_BuiltinInitializer):
    """U(-scale, scale); a negative scale gives the same symmetric range."""

    def __init__(self, scale=0.07):
        _validation.real_number("Uniform", "scale", scale)
        super().__init__(scale=scale)
        self.scale = scale

    def _plan(self, shape):
        return _lazy.Random(_UniformDist(-self.scale, self.scale))


@_register()
class TruncatedNormal(_BuiltinInitializer):
    """N(mean, sigma²) conditioned on [a, b]. `a` and `b` are absolute bounds, not multiples
    of sigma (MindSpore 2.10), so the default (sigma=0.01, ±2) is effectively untruncated.

    Sampled by inverse CDF: p ~ U(Φ(α), Φ(β)), α = (a-mean)/σ, β = (b-mean)/σ, x = mean + σΦ⁻¹(p).
    """

    def __init__(self, sigma=0.01, mean=0.0, a=-2.0, b=2.0):
        for arg, value in (("sigma", sigma), ("mean", mean), ("a", a), ("b", b)):
            _validation.real_number("TruncatedNormal", arg, value)
        if sigma < 0:
            raise ValueError("sigma < 0")
        if sigma == 0:
            raise _ValueRuntimeError("TruncatedNormal: invalid sigma 0.")
        if a >= b:
            raise ValueError(f"For 'TruncatedNormal', the argument 'a' must be less than 'b', "
                             f"but got a={a}, b={b}.")
        super().__init__(sigma=sigma, mean=mean, a=a, b=b)
        self.sigma, self.mean, self.a, self.b = sigma, mean, a, b

    def _plan(self, shape):
        return _lazy.Random(_TruncatedNormalDist(self.mean, self.sigma, self.a, self.b))


def _calculate_fan_in_and_fan_out(shape) -> tuple[int, int]:
    dimensions = len(shape)
    if dimensions < 2:
        raise ValueError("'fan_in' and 'fan_out' can not be computed for tensor with fewer than"
                         f" 2 dimensions, but got dimensions {dimensions}.")
    receptive = math.prod(shape[2:]) if dimensions > 2 else 1
    return shape[1] * receptive, shape[0] * receptive


_GAINS = {"linear": 1.0, "conv1d": 1.0, "conv2d": 1.0, "conv3d": 1.0, "conv_transpose1d": 1.0,
          "conv_transpose2d": 1.0, "conv_transpose3d": 1.0, "sigmoid": 1.0, "tanh": 5.0 / 3,
          "relu": math.sqrt(2.0)}


def _calculate_gain(nonlinearity: str, negative_slope) -> float:
    """Gain table (nonlinearity is case-sensitive): linear/conv*/sigmoid 1, tanh 5/3,
    relu √2, leaky_relu √(2/(1+s²)) with s = negative_slope (None -> 0.01)."""
    if nonlinearity in _GAINS:
        return _GAINS[nonlinearity]
    if nonlinearity == "leaky_relu":
        if negative_slope is None:
            slope = 0.01
        elif isinstance(negative_slope, bool) or not isinstance(negative_slope, (int, float)):
            raise ValueError(f"For 'HeUniform', 'negative_slope' {negative_slope} is not a valid number."
                             "When 'nonlinearity' has been set to 'leaky_relu', 'negative_slope' "
                             f"should be int or float type, but got {type(negative_slope)}.")
        else:
            slope = negative_slope
        return math.sqrt(2.0 / (1 + slope ** 2))
    raise ValueError("For 'HeUniform', the argument 'nonlinearity' should be one of ['sigmoid', "
                     f"'tanh', 'relu' or 'leaky_relu'], but got {nonlinearity}.")


def _check_mode(mode) -> str:
    if not isinstance(mode, str):
        raise TypeError(f"For 'HeUniform', the argument 'mode' must be a str, but got {type(mode).__name__}.")
    mode = mode.lower()
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(f"'mode' {mode} not supported, please use one of ['fan_in', 'fan_out']")
    return mode


@_register("xavier_uniform")
class XavierUniform(_BuiltinInitializer):
    """U(-bound, bound), bound = gain·√(6/(fan_in+fan_out)). Rank >= 2."""

    def __init__(self, gain=1):
        _validation.real_number("XavierUniform", "gain", gain)
        super().__init__(gain=gain)
        self.gain = gain

    def _plan(self, shape):
        fan_in, fan_out = _calculate_fan_in_and_fan_out(shape)
        bound = self.gain * math.sqrt(6.0 / (fan_in + fan_out))
        return _lazy.Random(_UniformDist(-bound, bound))


@_register("xavier_normal")
class XavierNormal(_BuiltinInitializer):
    """N(0, std²), std = gain·√(2/(fan_in+fan_out)). Rank >= 2."""

    def __init__(self, gain=1):
        _validation.real_number("XavierNormal", "gain", gain)
        super().__init__(gain=gain)
        self.gain = gain

    def _plan(self, shape):
        fan_in, fan_out = _calculate_fan_in_and_fan_out(shape)
        std = self.gain * math.sqrt(2.0 / (fan_in + fan_out))
        return _lazy.Random(_NormalDist(0.0, std))


class _HeInitializer(_BuiltinInitializer):
    def __init__(self, negative_slope=0, mode="fan_in", nonlinearity="leaky_relu"):
        self.mode = _check_mode(mode)
        _calculate_gain(nonlinearity, negative_slope)  # validates both, now
        super().__init__(negative_slope=negative_slope, mode=mode, nonlinearity=nonlinearity)
        self.negative_slope = negative_slope
        self.nonlinearity = nonlinearity

    def _scale(self, shape) -> float:
        """gain / √fan, fan chosen by `mode`."""
        fan_in, fan_out = _calculate_fan_in_and_fan_out(shape)
        fan = fan_in if self.mode == "fan_in" else fan_out
        return _calculate_gain(self.nonlinearity, self.negative_slope) / math.sqrt(fan)


@_register("he_uniform")
class HeUniform(_HeInitializer):
    """U(-bound, bound), bound = √3·gain/√fan. Default (leaky_relu, slope 0): √(6/fan_in).
    `mode` ('fan_in'/'fan_out') is case-insensitive; `nonlinearity` is case-sensitive."""

    def _plan(self, shape):
        bound = math.sqrt(3.0) * self._scale(shape)
        return _lazy.Random(_UniformDist(-bound, bound))


@_register("he_normal")
class HeNormal(_HeInitializer):
    """N(0, std²), std = gain/√fan. Default: √(2/fan_in)."""

    def _plan(self, shape):
        return _lazy.Random(_NormalDist(0.0, self._scale(shape)))


@_register()
class Identity(_BuiltinInitializer):
    """`eye(rows, cols)` of a 2-D tensor (non-square allowed)."""

    def _plan(self, shape):
        if len(shape) != 2:
            raise ValueError("For Identity initializer, the dimension of the initialized tensor "
                             f"should be 2, but got {len(shape)}.")
        return _lazy.Whole(lambda sample, record: np.eye(shape[0], shape[1]))


@_register()
class Sparse(_BuiltinInitializer):
    """N(0, sigma²), then in each column ceil(sparsity·rows) randomly chosen rows are zero.

    The rows come from `np.random.permutation(rows)[:k]` per column, taken from NumPy's
    global RNG right after the seed, as MindSpore does. 2-D only.

    The draw makes a permutation of every column and the values are made whole, so a
    shape whose float32 values this machine cannot hold is refused (MemoryError, or
    ValueError when the bytes overflow) before the first permutation is drawn. The
    chosen rows are kept as one (cols, k) integer array: cols·k·4 bytes (8 past 2^31
    rows), never the permutations themselves.
    """

    def __init__(self, sparsity, sigma=0.01):
        _validation.real_number("Sparse", "sparsity", sparsity)
        _validation.real_number("Sparse", "sigma", sigma)
        if not 0 <= sparsity <= 1:
            raise ValueError(f"For 'Sparse', the argument 'sparsity' must be in [0, 1], but got {sparsity}.")
        if sigma < 0:
            raise ValueError("sigma < 0")
        super().__init__(sparsity=sparsity, sigma=sigma)
        self.sparsity, self.sigma = sparsity, sigma

    def _plan(self, shape):
        if len(shape) != 2:
            raise ValueError("For Sparse initializer, the dimension of the initialized tensor "
                             f"should be 2, but got {len(shape)}.")
        rows, cols = shape

        def build(sample, record):
            values = sample(_NormalDist(0.0, self.sigma), shape)
            if not values.flags.writeable:  # a device generator's samples are a read-only view
                values = values.copy()
            zero_rows = record[1]
            values[zero_rows, np.arange(cols)[:, None]] = 0
            return values

        return _lazy.Whole(build, random_distribution=_NormalDist(0.0, self.sigma))

    def _draw(self, generator, plan, shape, name):
        rows, cols = shape
        _allocation.check(shape, mstype.float32)  # the whole float32 tensor is made from this draw
        record = generator.draw(self, plan.random_distribution, shape, name)
        zeros_per_col = int(math.ceil(self.sparsity * rows))
        zero_rows = np.empty((cols, zeros_per_col), np.int32 if rows < 2**31 else np.int64)
        for col in range(cols):
            zero_rows[col] = np.random.permutation(rows)[:zeros_per_col]
        return record, zero_rows

    def _base_record(self, record):
        return record[0]


@_register()
class Dirac(_BuiltinInitializer):
    """Zeros, with W[g·out/groups + d, d, centre...] = 1 for d < min(out/groups, in).
    The centre index of a kernel of size k is k // 2. Rank 3, 4 or 5."""

    def __init__(self, groups=1):
        if isinstance(groups, bool) or not isinstance(groups, numbers.Integral) or groups <= 0:
            raise ValueError(f"For 'Dirac', the argument 'groups' must be a positive int, but got {groups!r}.")
        super().__init__(groups=groups)
        self.groups = groups

    def _plan(self, shape):
        if len(shape) not in (3, 4, 5):
            raise ValueError("For Dirac initializer, only support to initialize tensor with "
                             f"dimension of 3, 4 or 5, but got {len(shape)}.")
        if shape[0] % self.groups != 0:
            raise ValueError("For Dirac initializer, the first dimension ofthe initialized tensor "
                             f"must be divisible by groups, but got first dimension{shape[0]}, "
                             f"groups{self.groups}.")

        def build(sample, record):
            values = np.zeros(shape, dtype=np.float32)
            out_per_group = shape[0] // self.groups
            centre = tuple(k // 2 for k in shape[2:])
            for g in range(self.groups):
                for d in range(min(out_per_group, shape[1])):
                    values[(g * out_per_group + d, d) + centre] = 1
            return values

        return _lazy.Whole(build)


@_register()
class Orthogonal(_BuiltinInitializer):
    """An orthogonal matrix times `gain`: rows = shape[0], cols = prod(shape[1:]).
    Draws N(0, 1) (rows, cols) in float32, QR-decomposes (transposed when rows < cols),
    fixes signs by diag(R), so W·Wᵀ = gain²·I (rows <= cols) or WᵀW = gain²·I."""

    def __init__(self, gain=1.0):
        _validation.real_number("Orthogonal", "gain", gain)
        super().__init__(gain=gain)
        self.gain = gain

    def _plan(self, shape):
        if len(shape) < 2:
            raise ValueError("For Orthogonal initializer, the dimension of the initialized tensor "
                             f"should be no less than 2, but got {len(shape)}.")
        rows = shape[0]
        cols = math.prod(shape) // rows

        def build(sample, record):
            values = sample(_NormalDist(0.0, 1.0), (rows, cols))
            if rows < cols:
                values = values.T
            q, r = np.linalg.qr(values)
            q *= np.sign(np.diag(r))
            if rows < cols:
                q = q.T
            return (q * self.gain).reshape(shape)

        return _lazy.Whole(build, random_distribution=_NormalDist(0.0, 1.0))


@_register()
class VarianceScaling(_BuiltinInitializer):
    """Scale-aware: n = max(1, fan_in) / max(1, fan_out) / max(1, (fan_in+fan_out)/2) by `mode`.

    'untruncated_normal': N(0, scale/n). 'uniform': U(±√(3·scale/n)).
    'truncated_normal' (the default) samples that same UNIFORM distribution, because that is
    what MindSpore 2.10 does (its truncated branch tests for a spelling the constructor
    rejects); its own tests pin these values, so sporax keeps them bit for bit.
    `mode` and `distribution` are case-sensitive.
    """

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal"):
        _validation.real_number("VarianceScaling", "scale", scale)
        if scale <= 0.0:
            raise ValueError("For VarianceScaling initializer, the argument 'scale' must be greater "
                             f"than 0, but got {scale}.")
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError("For VarianceScaling initializer, the argument 'mode' must be fan_in, "
                             f"fan_out or fan_avg, but got {mode}.")
        if distribution not in ("uniform", "truncated_normal", "untruncated_normal"):
            raise ValueError("For VarianceScaling initializer, the argument 'distribution' must be "
                             f"uniform, truncated_norm or untruncated_norm, but got {distribution}.")
        super().__init__(scale=scale, mode=mode, distribution=distribution)
        self.scale, self.mode, self.distribution = scale, mode, distribution

    def _plan(self, shape):
        fan_in, fan_out = _calculate_fan_in_and_fan_out(shape)
        n = {"fan_in": max(1.0, fan_in), "fan_out": max(1.0, fan_out),
             "fan_avg": max(1.0, (fan_in + fan_out) / 2.0)}[self.mode]
        if self.distribution == "untruncated_normal":
            return _lazy.Random(_NormalDist(0.0, math.sqrt(self.scale / n)))
        limit = math.sqrt(3.0 * self.scale / n)
        return _lazy.Random(_UniformDist(-limit, limit))


def initializer(init, shape=None, dtype=mstype.float32):
    """A lazy Tensor of `shape` and `dtype` described by `init`; no data until it is used.

    `init` is an Initializer, a name (any case: 'normal', 'XavierUniform', 'he_uniform', ...),
    a number (-> Constant) or a Tensor (returned as is after its shape is checked).
    """

    if not isinstance(init, (Tensor, numbers.Number, str, Initializer, np.generic)) or isinstance(init, np.ndarray):
        raise TypeError("For 'initializer', the type of the 'init' argument should be 'Tensor', "
                        f"'number', 'string' or 'initializer', but got {type(init)}.")
    if isinstance(init, Tensor):
        expected = shape if isinstance(shape, (list, tuple)) else [shape]
        if tuple(init.shape) != tuple(expected):
            raise ValueError("For 'initializer', the shape of the 'init' argument should be same as "
                             f"the argument 'shape', but got the 'init' shape {list(init.shape)} and "
                             f"the 'shape' {expected}.")
        return init
    if shape is None:
        raise ValueError("initializer: argument 'shape' must be given unless 'init' is a Tensor, got None.")
    shape = _validation.positive_shape("initializer", shape)
    if dtype is None:
        raise ValueError("init, dtype and shape must have values at the same time.")
    if not isinstance(dtype, mstype.Type):
        raise TypeError(f"For 'Tensor', the 'dtype' should be one of {list(mstype.all_types)}, but got {dtype!r}.")
    if isinstance(init, str):
        cls = _ALIASES.get(init.lower())
        if cls is None:
            raise ValueError(f"For 'initializer', the class corresponding to '{init}' was not found.")
        if cls is Sparse:
            raise TypeError("For 'initializer', 'sparse' needs the argument 'sparsity': "
                            "use Sparse(sparsity) instead of the name.")
        init = cls()
    elif not isinstance(init, Initializer):
        if isinstance(init, complex) or isinstance(init, np.complexfloating):
            raise TypeError(f"For 'initializer', a number 'init' must be real, but got {init!r}.")
        init = Constant(init)
    return Tensor(init=init, shape=shape, dtype=dtype)
