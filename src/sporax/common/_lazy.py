"""A lazy tensor value: (Initializer, shape, dtype) plus the random draw, and no data.

`LazyInit.draw()` takes the global random state the reference implementation takes, at
the moment it would take it (a Parameter draws at construction, a bare `initializer()`
tensor at materialisation). `materialize()` is then a pure function of the draw: any
region, in any order, any number of times, gives the same values (contract 2).
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import math
import os
import weakref

import jax
import jax.numpy as jnp
import numpy as np

from .._runtime import call_replay
from . import _allocation, _generators
from . import dtype as mstype

# Elements generated per step: bounds the temporaries of host-side generators.
_CHUNK = 1 << 20


class Fill:
    """Every element equals `value`, stored as NumPy's `fill` stores it in the target dtype."""

    def __init__(self, value):
        self.value = value


class Random:
    """Independent samples of one elementwise distribution."""

    def __init__(self, distribution):
        self.distribution = distribution


class Whole:
    """Values computed for the whole tensor at once by `build(sample_whole) -> ndarray`.

    `sample_whole(distribution, shape)` returns float32 samples of the initializer's own
    draw; structured initializers (Identity, Dirac) ignore it.
    """

    def __init__(self, build, random_distribution=None):
        self.build = build
        self.random_distribution = random_distribution


class Custom:
    """A user subclass that only defines `_initialize(arr)`: NumPy in place, whole tensor."""


class LazyInit:
    __slots__ = ("initializer", "shape", "dtype", "plan", "generator", "record", "drawn",
                 "fixed_name", "_owner")

    def __init__(self, initializer, shape: tuple, dtype: mstype.Type, plan):
        self.initializer = initializer
        self.shape = shape
        self.dtype = dtype
        self.plan = plan
        self.generator = None
        self.record = None
        self.drawn = False
        # Generators keyed by name (threefry_key='name') read the owning Parameter's name when
        # the values are made; copies freeze it so that clone(init='same') keeps equal values.
        self.fixed_name = None
        self._owner = None

    def adopt(self, owner) -> None:
        """Record the Parameter whose name keys this value (the first one to adopt it)."""
        if self._owner is None:
            self._owner = weakref.ref(owner)

    def freeze_name(self, name: str) -> None:
        if self.fixed_name is None:
            self.fixed_name = name

    def _key_name(self, name):
        if self.fixed_name is not None:
            return self.fixed_name
        if name is not None:
            return name
        owner = self._owner() if self._owner is not None else None
        return owner.name if owner is not None else None

    @property
    def needs_draw(self) -> bool:
        return isinstance(self.plan, Random) or (
            isinstance(self.plan, Whole) and self.plan.random_distribution is not None)

    def draw(self, name=None) -> None:
        """Consume global random state now (once); later materialisations replay it."""
        if self.drawn:
            return
        _allocation.check_draw(self.shape, self.dtype, _generators.current() if self.needs_draw else None)
        if isinstance(self.plan, Custom):
            _allocation.check(self.shape, self.dtype)  # a user's `_initialize` fills a whole array now
            self.record = _run_custom_now(self.initializer, self.shape, self.dtype.to_numpy())
        elif self.needs_draw:
            self.generator = _generators.current()
            self.record = self.initializer._draw(self.generator, self.plan, self.shape, name)
        self.drawn = True

    def materialize_array(self, name=None, index=None) -> jax.Array:
        """`materialize` as a jax.Array, computed now even inside a graph trace (a Parameter's
        value is data, never part of the traced program)."""
        call_replay.refuse("materialises an initializer")
        with jax.ensure_compile_time_eval():
            return host_to_jax(self.materialize(name, index))

    def materialize(self, name=None, index=None):
        """The values (NumPy or jax array) of the whole tensor or of `index`, a tuple of slices."""
        _allocation.check(self.shape, self.dtype, index)
        name = self._key_name(name)
        self.draw(name)
        region = _region(self.shape, index)
        region_shape = tuple(len(r) for r in region)
        plan = self.plan
        if isinstance(plan, Fill):
            # The scalar is stored as NumPy's `fill` stores it (2.7 -> 2 in an int tensor),
            # then broadcast: on a GPU by XLA on the device, on the CPU by NumPy's fill.
            scalar = np.empty((), dtype=self.dtype.to_numpy())
            scalar.fill(plan.value)
            if jax.default_backend() != "cpu":
                return jnp.full(region_shape, scalar)
            out = aligned_empty(region_shape, scalar.dtype)  # filled at memory speed, then adopted
            out.fill(scalar)
            return out
        if isinstance(plan, Random) and self.generator.elementwise:
            return self._sample_region(plan.distribution, region, region_shape, name)
        whole = self._whole(name)
        return whole if index is None else whole[tuple(slice(r.start, r.stop) for r in region)]

    def _whole(self, name):
        target = self.dtype.to_numpy()
        plan = self.plan
        if isinstance(plan, Custom):
            arr = np.zeros(self.shape, dtype=target)
            with _numpy_global_state(self.record):
                self.initializer._initialize(arr)
            return arr
        if isinstance(plan, Random):
            size = math.prod(self.shape)
            values = np.asarray(self.generator.sample(self.record, plan.distribution, range(size), name))
            return cast_float32(values.reshape(self.shape), self.dtype)

        def sample_whole(distribution, shape):
            size = math.prod(shape)
            values = self.generator.sample(self.initializer._base_record(self.record),
                                           distribution, range(size), name)
            values = np.asarray(values, dtype=np.float32).reshape(shape)
            # A device array comes back read-only; builders (Sparse) write into the samples.
            return values if values.flags.writeable else values.copy()

        return cast_float32(np.asarray(plan.build(sample_whole, self.record)), self.dtype)

    def _sample_region(self, distribution, region, region_shape, name):
        """Chunk by chunk into one buffer of the region's own size: the extra memory is at most
        one chunk's temporaries per worker thread (`_CHUNK` elements: a few MiB each)."""
        size = math.prod(region_shape)
        generator = self.generator
        whole = all(r.start == 0 and len(r) == n for r, n in zip(region, self.shape))
        if generator.samples_on_device and jax.default_backend() != "cpu":
            index = range(size) if whole else _flat_index(region, self.shape)
            values = generator.sample(self.record, distribution, index, name)
            return cast_float32(values.reshape(region_shape), self.dtype)
        out = aligned_empty(region_shape, self.dtype.to_numpy())
        flat_out = out.reshape(-1)
        index = None if whole else _flat_index(region, self.shape)

        def fill(start):
            stop = min(size, start + _CHUNK)
            chunk = range(start, stop) if index is None else index[start:stop]
            # Cast as `astype` casts (spec §5.2); float32 may be written in place.
            generator.sample_into(self.record, distribution, chunk, flat_out[start:stop], name)

        # Chunks are independent (the values are a pure function of the element index) and
        # the kernels release the GIL, so they run on every core.
        starts = range(0, size, _CHUNK)
        if len(starts) > 1:
            list(_pool().map(fill, starts))
        else:
            for start in starts:
                fill(start)
        return out


def _run_custom_now(initializer, shape, dtype):
    """Run a user's `_initialize` now, as MindSpore does when it draws: NumPy's global RNG
    advances here, exactly as far as the initializer takes it. The values are not kept; the
    RNG state it started from is returned (None if it took nothing), to replay them later."""
    before = np.random.get_state()
    initializer._initialize(np.zeros(shape, dtype=dtype))
    after = np.random.get_state()
    unchanged = before[2:] == after[2:] and np.array_equal(before[1], after[1])
    return None if unchanged else before


@contextlib.contextmanager
def _numpy_global_state(state):
    """NumPy's global RNG set to `state` inside (None: left alone), restored after."""
    if state is None:
        yield
        return
    current = np.random.get_state()
    np.random.set_state(state)
    try:
        yield
    finally:
        np.random.set_state(current)


_POOL = None


def _pool() -> concurrent.futures.ThreadPoolExecutor:
    global _POOL
    if _POOL is None:
        _POOL = concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1,
                                                      thread_name_prefix="sporax-init")
    return _POOL


def _region(shape, index) -> tuple[range, ...]:
    if index is None:
        return tuple(range(n) for n in shape)
    if len(index) != len(shape):
        raise ValueError(f"materialize: argument 'index' must have {len(shape)} slices, got {index!r}.")
    region = []
    for s, n in zip(index, shape):
        start, stop, step = s.indices(n)
        if step != 1:
            raise ValueError(f"materialize: argument 'index' must use step 1, got {s!r}.")
        region.append(range(start, max(start, stop)))
    return tuple(region)


def _flat_index(region, shape) -> np.ndarray:
    strides = np.cumprod((1,) + tuple(reversed(shape[1:])))[::-1]
    flat = np.zeros([len(r) for r in region], dtype=np.int64)
    for axis, (r, stride) in enumerate(zip(region, strides)):
        view = [1] * len(region)
        view[axis] = len(r)
        flat += (np.arange(r.start, r.stop, dtype=np.int64) * int(stride)).reshape(view)
    return flat.reshape(-1)


_ALIGNMENT = 64


def aligned_empty(shape, dtype) -> np.ndarray:
    """An uninitialised array whose data starts on a 64-byte boundary: JAX's CPU client then
    adopts it through DLPack without a copy (`host_to_jax`)."""
    dtype = np.dtype(dtype)
    nbytes = math.prod(shape) * dtype.itemsize
    raw = np.empty(nbytes + _ALIGNMENT, np.uint8)
    offset = -raw.ctypes.data % _ALIGNMENT
    return raw[offset:offset + nbytes].view(dtype).reshape(shape)


def host_to_jax(values) -> jax.Array:
    """A jax.Array of `values`; on the CPU an aligned NumPy buffer is adopted, not copied, so
    materialising never holds two full copies. dtypes NumPy's DLPack export lacks (bfloat16
    and the other ml_dtypes, in NumPy 2) go through `jax.device_put`, which on the CPU adopts
    an aligned buffer too (`jnp.asarray` would copy it)."""
    if isinstance(values, np.ndarray) and jax.default_backend() == "cpu" and values.flags.c_contiguous \
            and values.ctypes.data % _ALIGNMENT == 0 and values.size:
        try:
            return jnp.from_dlpack(values)
        except (TypeError, BufferError, RuntimeError, ValueError):
            return jax.device_put(values)
    return jnp.asarray(values)


def cast_float32(values, dtype: mstype.Type):
    """float32 samples into `dtype` as MindSpore assigns them (spec §5.2): float16/bfloat16
    round, float64 widens, ints truncate toward zero, bool is `!= 0`, complex takes the real part."""
    if isinstance(values, jax.Array):
        return values.astype(dtype.to_numpy())
    return np.asarray(values).astype(dtype.to_numpy())
