"""The fast generator paths equal the reference implementations bit for bit.

The references (NumPy, element by element as spec §6.3 states the algorithm) stay in the
tree as the oracle; the fast paths (numba on the CPU, XLA as on a GPU) round through an
error bound and defer to the reference where the bound cannot decide the float32.
"""
import concurrent.futures

import ml_dtypes
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sporax as ms
from sporax import Parameter
from sporax.common import _lazy
from sporax.common import initializer as I
from sporax.common._generators import mindspore_2_10, threefry, vector_math
from sporax.common._generators.distributions import Normal, TruncatedNormal, Uniform
from sporax.common.initializer import initializer

DISTRIBUTIONS = [Uniform(-0.07, 0.07), Uniform(-3.0, 5.0), Normal(0.0, 0.01), Normal(1.0, 0.2),
                 Normal(-2.5, 1e-6), TruncatedNormal(0.0, 1.0, -2.0, 2.0),
                 TruncatedNormal(0.0, 0.01, -2.0, 2.0), TruncatedNormal(5.0, 1.0, 4.0, 6.0),
                 TruncatedNormal(0.0, 1.0, 3.0, 9.0), TruncatedNormal(0.0, 1.0, -9.0, -8.0)]


def bits(values) -> np.ndarray:
    return np.asarray(values, np.float32).view(np.uint32)


def test_vector_log_is_within_its_bound_on_every_box_muller_input():
    """All 2^23 values u1 = max(k/2^23, 1e-7f) can take: |log - numpy's log| <= 2^-50 |log|."""
    u = np.maximum(np.arange(1 << 23) / 2.0**23, float(np.float32(1e-7)))
    approx = np.asarray(jax_jit(vector_math.log)(u))
    exact = np.log(u)
    assert (np.abs(approx - exact) <= 2.0**-50 * np.abs(exact)).all()


def test_vector_sincos_is_within_its_bound_on_every_box_muller_angle():
    theta = 2.0 * float(np.float32(3.1415926)) * np.maximum(np.arange(1 << 23) / 2.0**23, float(np.float32(1e-7)))
    sin, cos = (np.asarray(v) for v in jax_jit(vector_math.sincos)(theta))
    assert (np.abs(sin - np.sin(theta)) <= 2.0**-50 * np.abs(np.sin(theta))).all()
    assert (np.abs(cos - np.cos(theta)) <= 2.0**-50 * np.abs(np.cos(theta))).all()


def test_vector_ndtri_is_within_its_bound_of_scipy():
    from scipy import special
    rng = np.random.default_rng(0)
    p = np.concatenate([rng.random(200_000), rng.random(20_000) * 1e-9, 1 - rng.random(20_000) * 1e-9,
                        np.exp(-2) + np.linspace(-1e-12, 1e-12, 101), 1 - np.exp(-2) + np.linspace(-1e-12, 1e-12, 101),
                        2.0 ** -np.arange(1, 200)])
    approx = np.asarray(jax_jit(vector_math.ndtri)(p))
    exact = -special.erfcinv(2 * p) * np.sqrt(2)
    keep = exact != 0
    assert (np.abs(approx - exact)[keep] <= 2.0**-48 * np.abs(exact)[keep]).all()


def test_numba_ndtri_is_within_its_bound_of_scipy():
    """The CPU kernels' ndtri (comparison-ladder log, selected tail coefficients): the same
    2^-48 bound, on the branch edges, both tails and down to 2^-1000."""
    from scipy import special

    from sporax.common._generators import mindspore_2_10_numba
    rng = np.random.default_rng(1)
    p = np.concatenate([rng.random(200_000), rng.random(20_000) * 1e-9, 1 - rng.random(20_000) * 1e-9,
                        np.exp(-2) + np.linspace(-1e-12, 1e-12, 101), 1 - np.exp(-2) + np.linspace(-1e-12, 1e-12, 101),
                        2.0 ** -np.arange(1, 1001), np.exp(-32) + np.linspace(-1e-20, 1e-20, 101)])
    approx = np.empty_like(p)
    mindspore_2_10_numba.ndtri_array(p, approx)
    exact = -special.erfcinv(2 * p) * np.sqrt(2)
    keep = exact != 0
    assert (np.abs(approx - exact)[keep] <= 2.0**-48 * np.abs(exact)[keep]).all()


def test_numba_log_is_within_its_bound_on_every_box_muller_input():
    """The CPU kernels' bit-reduction log, on all 2^23 values u1 = max(k/2^23, 1e-7f) can take."""
    from sporax.common._generators import mindspore_2_10_numba
    approx = np.empty(1 << 23)
    mindspore_2_10_numba.log_mantissa_all(approx)
    # the reference in extended precision: NumPy's own double log is not within 2^-51.9 everywhere
    # (NumPy 1.26's reaches 2^-51.88), so it cannot judge a bound this tight
    u1 = np.maximum(np.arange(1 << 23) / 2.0**23, float(np.float32(1e-7)))
    exact = np.log(u1.astype(np.longdouble))
    assert (np.abs(approx - exact) <= 2.0**-51.9 * np.abs(exact)).all()


def test_numba_sincos_is_within_its_bound_on_every_box_muller_angle():
    """The CPU kernels' shift-rounded quadrant and fdlibm polynomials, on all 2^23 angles."""
    from sporax.common._generators import mindspore_2_10_numba
    theta = 2.0 * float(np.float32(3.1415926)) * np.maximum(np.arange(1 << 23) / 2.0**23, float(np.float32(1e-7)))
    sin, cos = np.empty(1 << 23), np.empty(1 << 23)
    mindspore_2_10_numba.sincos_mantissa_all(sin, cos)
    assert (np.abs(sin - np.sin(theta)) <= 2.0**-51.4 * np.abs(np.sin(theta))).all()
    assert (np.abs(cos - np.cos(theta)) <= 2.0**-51.4 * np.abs(np.cos(theta))).all()


def fast_and_reference(generator, seed, distribution, index):
    """The numba fast path's values and the reference's, for the named generator."""
    if generator == "mindspore":
        return mindspore_2_10.fast_numba(seed, distribution, index), mindspore_2_10.reference(seed, distribution, index)
    key = threefry._key(("stream", seed, 0), None)
    return threefry.fast_numba(key, distribution, index), threefry.reference(key, distribution, index)


@pytest.mark.parametrize("generator", ["mindspore", "threefry"])
def test_more_marked_elements_than_the_kernel_records_are_found_by_a_scan(monkeypatch, generator):
    """No room for positions: the kernel only counts, the caller scans; same values."""
    monkeypatch.setattr(mindspore_2_10, "MARKED_ROOM", 0)
    index, distribution = range(5, 300_005), TruncatedNormal(0.0, 1.0, -2.0, 2.0)
    fast, exact = fast_and_reference(generator, 4, distribution, index)
    np.testing.assert_array_equal(bits(fast), bits(exact))


@pytest.mark.parametrize("distribution", [Normal(0.0, 0.0), Normal(-0.0, 0.0), Uniform(0.0, 0.0), Uniform(-1.0, 1.0),
                                          Uniform(-0.0, 0.0), Normal(0.0, 1e-30), Normal(3.0e38, 3.0e38)], ids=repr)
@pytest.mark.parametrize("generator", ["mindspore", "threefry"])
@pytest.mark.filterwarnings("ignore:overflow encountered in cast")  # the reference's float32 cast of 4e38
def test_signed_zeros_and_overflow_come_out_as_the_reference_makes_them(generator, distribution):
    """Values at ±0 (where y ± bound straddle zero) and past float32's range: same bits."""
    index = range(3, 70_003)
    fast, exact = fast_and_reference(generator, 8, distribution, index)
    np.testing.assert_array_equal(bits(fast), bits(exact))


def _rounding_inputs() -> np.ndarray:
    """float32 inputs on and around every 16-bit rounding decision: each float16 and bfloat16
    value, the midpoints (ties) between neighbours and one float32 ulp either side of them,
    float32 subnormals, the overflow edges, infinities, NaNs and a million random bit patterns."""
    halves = np.arange(1 << 16, dtype=np.uint16)
    exact = [halves.view(np.float16).astype(np.float32), halves.view(ml_dtypes.bfloat16).astype(np.float32)]
    grids = [np.sort(np.unique(v[np.isfinite(v)])) for v in exact]
    ties = [(g[:-1].astype(np.float64) + g[1:]) / 2 for g in grids]
    ties = np.concatenate(ties).astype(np.float32)  # exact: a 16-bit midpoint has 12 significant bits
    around = np.concatenate([ties, np.nextafter(ties, np.float32(np.inf)), np.nextafter(ties, np.float32(-np.inf))])
    edges = np.array([65504.0, 65519.996, 65520.0, 65535.996, 65536.0, 2.0**-14, 2.0**-24, 2.0**-25, 2.0**-25 * 1.0000001,
                      3.3895314e38, 3.4028235e38, np.inf, -np.inf, 0.0, -0.0, np.nan, -np.nan], np.float32)
    rng = np.random.default_rng(16)
    random = rng.integers(0, 2**32, 1 << 20, dtype=np.uint64).astype(np.uint32).view(np.float32)
    subnormal = np.arange(0, 1 << 23, 4099, dtype=np.uint32).view(np.float32)
    values = np.concatenate(exact + [around, edges, random, subnormal, -subnormal])
    return np.concatenate([values, -values])


@pytest.mark.parametrize("dtype", [np.float16, ml_dtypes.bfloat16], ids=["float16", "bfloat16"])
@pytest.mark.filterwarnings("ignore:overflow encountered in cast", "ignore:invalid value encountered in cast")
def test_kernels_round_float32_to_16_bits_as_astype_does(dtype):
    """The kernels' in-loop rounding (integer arithmetic on the bits) against NumPy's float16
    and ml_dtypes' bfloat16 cast: same bits for every non-NaN input, a NaN for a NaN."""
    from sporax.common._generators import mindspore_2_10_numba
    values = _rounding_inputs()
    fast = np.empty(values.size, np.uint16)
    mindspore_2_10_numba.round_to_16_bits(values, fast, dtype is ml_dtypes.bfloat16)
    expected = values.astype(dtype)
    nan = np.isnan(values)
    np.testing.assert_array_equal(fast[~nan], expected.view(np.uint16)[~nan])
    assert np.isnan(fast.view(dtype)[nan].astype(np.float32)).all()


HALF_DTYPES = [np.float16, ml_dtypes.bfloat16]


@pytest.mark.parametrize("dtype", HALF_DTYPES, ids=["float16", "bfloat16"])
@pytest.mark.parametrize("distribution", DISTRIBUTIONS + [Normal(0.0, 1e-6), Normal(3.0e38, 3.0e38)], ids=repr)
@pytest.mark.parametrize("generator", ["mindspore", "threefry"])
@pytest.mark.filterwarnings("ignore:overflow encountered in cast")
@settings(max_examples=3, deadline=None)
@given(seed=st.integers(1, 2**63 - 1), start=st.integers(0, 2**40), size=st.integers(1, 40_000))
def test_16_bit_kernel_outputs_equal_the_reference_cast(dtype, distribution, generator, seed, start, size):
    """float16/bfloat16 written by the kernels (rounded in the loop, no float32 temporary) ==
    the reference's float32 values cast by `astype`: odd offsets and sizes, float16
    subnormals (sigma 1e-6) and overflow to inf (3e38) included."""
    index = range(start, start + size)
    out = np.empty(size, dtype)
    if generator == "mindspore":
        mindspore_2_10.fast_numba(seed, distribution, index, out)
        expected = mindspore_2_10.reference(seed, distribution, index)
    else:
        key = threefry._key(("stream", seed % 2**31, 0), None)
        threefry.fast_numba(key, distribution, index, out)
        expected = threefry.reference(key, distribution, index)
    np.testing.assert_array_equal(out.view(np.uint16), expected.astype(dtype).view(np.uint16))


@pytest.mark.parametrize("dtype", HALF_DTYPES, ids=["float16", "bfloat16"])
@pytest.mark.parametrize("generator", ["mindspore", "threefry"])
def test_16_bit_outputs_with_more_marks_than_room_are_found_by_a_scan(monkeypatch, generator, dtype):
    monkeypatch.setattr(mindspore_2_10, "MARKED_ROOM", 0)
    index, distribution = range(5, 300_005), TruncatedNormal(0.0, 1.0, -2.0, 2.0)
    out = np.empty(len(index), dtype)
    if generator == "mindspore":
        mindspore_2_10.fast_numba(4, distribution, index, out)
        expected = mindspore_2_10.reference(4, distribution, index)
    else:
        key = threefry._key(("stream", 4, 0), None)
        threefry.fast_numba(key, distribution, index, out)
        expected = threefry.reference(key, distribution, index)
    np.testing.assert_array_equal(out.view(np.uint16), expected.astype(dtype).view(np.uint16))


def jax_jit(fn):
    import jax
    return jax.jit(fn)


@pytest.mark.parametrize("distribution", DISTRIBUTIONS, ids=repr)
@settings(max_examples=5, deadline=None)
@given(seed=st.integers(1, 2**63 - 1), start=st.integers(0, 2**40), size=st.integers(1, 40_000))
def test_numba_path_equals_the_reference(distribution, seed, start, size):
    index = range(start, start + size)
    np.testing.assert_array_equal(bits(mindspore_2_10.fast_numba(seed, distribution, index)),
                                  bits(mindspore_2_10.reference(seed, distribution, index)))


@pytest.mark.parametrize("distribution", DISTRIBUTIONS, ids=repr)
@settings(max_examples=4, deadline=None)
@given(seed=st.integers(1, 2**63 - 1), start=st.integers(0, 2**40), size=st.integers(1, 5000),
       scattered=st.booleans())
def test_xla_path_the_gpu_runs_equals_the_reference(distribution, seed, start, size, scattered):
    if scattered:
        index = np.random.default_rng(seed % 2**32).integers(0, 2**42, size)
    else:
        index = range(start, start + size)
    np.testing.assert_array_equal(bits(mindspore_2_10.sample_on_device(seed, distribution, index)),
                                  bits(mindspore_2_10.reference(seed, distribution, index)))


def test_numba_threefry_words_equal_jax_random_threefry_2x32():
    from jax.extend.random import threefry_2x32

    from sporax.common._generators import mindspore_2_10_numba
    key = threefry._key(("stream", 5, 2), None)
    counters = np.arange(2**32 - 1000, 2**32 + 1000, dtype=np.uint64)  # across the hi32 carry
    fast = np.empty(2 * counters.size, np.uint32)
    mindspore_2_10_numba.threefry_words(np.uint32(key[0]), np.uint32(key[1]), int(counters[0]), fast)
    both = np.asarray(threefry_2x32(np.asarray(key, np.uint32),
                                    np.concatenate([(counters >> 32).astype(np.uint32), counters.astype(np.uint32)])))
    np.testing.assert_array_equal(fast[0::2], both[:counters.size])
    np.testing.assert_array_equal(fast[1::2], both[counters.size:])


@pytest.mark.parametrize("distribution", DISTRIBUTIONS, ids=repr)
@settings(max_examples=4, deadline=None)
@given(stream=st.integers(0, 2**31), start=st.integers(0, 2**40), size=st.integers(1, 40_000))
def test_threefry_numba_path_equals_the_reference(distribution, stream, start, size):
    key = threefry._key(("stream", 3, stream), None)
    index = range(start, start + size)
    np.testing.assert_array_equal(bits(threefry.fast_numba(key, distribution, index)),
                                  bits(threefry.reference(key, distribution, index)))


@pytest.mark.parametrize("distribution", DISTRIBUTIONS, ids=repr)
@settings(max_examples=3, deadline=None)
@given(stream=st.integers(0, 2**31), start=st.integers(0, 2**40), size=st.integers(1, 5000), scattered=st.booleans())
def test_threefry_device_path_equals_the_reference(distribution, stream, start, size, scattered):
    """The XLA kernel a GPU runs (here on the CPU): same values as the host paths."""
    key = threefry._key(("stream", 3, stream), None)
    if scattered:
        index = np.random.default_rng(stream).integers(0, 2**42, size)
    else:
        index = range(start, start + size)
    np.testing.assert_array_equal(bits(threefry.sample_on_device(key, distribution, index)),
                                  bits(threefry.reference(key, distribution, index)))


@pytest.mark.parametrize("scattered", [False, True])
def test_device_values_assembled_piece_by_piece_equal_the_reference(monkeypatch, scattered):
    """A tensor longer than one piece is written piece by piece into one donated buffer."""
    from sporax.common._generators import device_pieces, mindspore_2_10_xla
    monkeypatch.setattr(device_pieces, "PIECE", 1000)
    monkeypatch.setattr(mindspore_2_10_xla, "PIECE", 1000)
    index = np.random.default_rng(3).integers(0, 2**40, 4321) if scattered else range(77, 77 + 4321)
    key = threefry._key(("stream", 9, 1), None)
    for distribution in (Normal(0.0, 0.02), Uniform(-1.0, 1.0), TruncatedNormal(0.0, 1.0, -2.0, 2.0)):
        np.testing.assert_array_equal(bits(threefry.sample_on_device(key, distribution, index)),
                                      bits(threefry.reference(key, distribution, index)))
        np.testing.assert_array_equal(bits(mindspore_2_10.sample_on_device(99, distribution, index)),
                                      bits(mindspore_2_10.reference(99, distribution, index)))


@pytest.mark.parametrize("generator", ["mindspore", "threefry"])
@pytest.mark.parametrize("bound", [2.0**-6, 0.0123, 1.0, 3.0])
def test_uniform_kernels_decide_every_element_exactly(generator, bound):
    """Uniform's kernels compute the reference's double itself (no FMA contraction), so they
    mark nothing, power-of-two bounds included: nn.Dense's default HeUniform(√5) on
    fan_in 4096 is Uniform(-2^-6, 2^-6), whose exact ties a rounding bound would all mark."""
    from sporax.common._generators import mindspore_2_10_numba as kernels
    for kernel in (kernels.uniform_blocks, kernels.threefry_uniform_pairs):
        assert not kernel.targetoptions.get("fastmath")
    n, marked = 1 << 20, np.empty(16, np.int64)
    low, high = float(np.float32(-bound)), float(np.float32(bound))
    out = np.empty(n, np.float32)
    if generator == "mindspore":
        count = kernels.uniform_blocks(np.uint64(5), np.uint64(6), 0, high - low, low, out, marked)
        expected = mindspore_2_10.reference((6 << 32) | 5, Uniform(-bound, bound), range(n))
    else:
        key = threefry._key(("stream", 5, 6), None)
        count = kernels.threefry_uniform_pairs(np.uint32(key[0]), np.uint32(key[1]), 0, high - low, low, out, marked)
        expected = threefry.reference(key, Uniform(-bound, bound), range(n))
    assert count == 0
    np.testing.assert_array_equal(bits(out), bits(expected))


def test_he_uniform_on_a_power_of_two_fan_in_equals_the_reference():
    ms.set_context(init_generator="mindspore")
    ms.set_seed(3)
    fast = Parameter(initializer(I.HeUniform(np.sqrt(5)), (64, 4096), ms.float32), name="w").init_data()
    ms.set_seed(3)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mindspore_2_10, "FAST_MIN", 10**12)
        exact = Parameter(initializer(I.HeUniform(np.sqrt(5)), (64, 4096), ms.float32), name="w").init_data()
    np.testing.assert_array_equal(bits(fast.asnumpy()), bits(exact.asnumpy()))
    assert np.abs(exact.asnumpy()).max() <= 2.0**-6


def test_marked_elements_are_recomputed_not_left_nan():
    """A million Normal values: some are too close to call and come from the reference."""
    from sporax.common._generators import mindspore_2_10_numba
    seed, n = 77, 1 << 20
    raw, marked = np.empty(n, np.float32), np.empty(100, np.int64)
    count = mindspore_2_10_numba.normal_blocks(np.uint64(seed), np.uint64(0), 0, 0.0, 0.01, raw, marked)
    assert 0 < count < 100
    np.testing.assert_array_equal(marked[:count], np.flatnonzero(np.isnan(raw)))
    fast = mindspore_2_10.fast_numba(seed, Normal(0.0, 0.01), range(n))
    assert not np.isnan(fast).any()
    np.testing.assert_array_equal(bits(fast), bits(mindspore_2_10.reference(seed, Normal(0.0, 0.01), range(n))))


INITIALIZERS = [lambda: I.Normal(0.3, 1.0), lambda: I.Uniform(0.5), lambda: I.TruncatedNormal(1.0, 0.0, -0.5, 1.5),
                lambda: I.XavierUniform(), lambda: I.XavierNormal(), lambda: I.HeUniform(), lambda: I.HeNormal(),
                lambda: I.VarianceScaling(), lambda: I.VarianceScaling(2.0, "fan_avg", "untruncated_normal"),
                lambda: I.Orthogonal(), lambda: I.Sparse(0.3)]
DTYPES = [ms.float32, ms.float16, ms.bfloat16, ms.float64, ms.int32, ms.bool_]


def _values(make, shape, dtype, index=None):
    ms.set_seed(11)
    lazy = Parameter(initializer(make(), shape, dtype), name="w")._data
    return np.asarray(lazy.materialize("w", index))


@pytest.mark.parametrize("generator", ["mindspore", "threefry"])
@pytest.mark.parametrize("which", range(len(INITIALIZERS)))
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_every_initializer_and_dtype_equals_the_reference_path(monkeypatch, generator, which, dtype):
    """(37, 41, 3): odd sizes; a slice with odd offsets; chunks of 1000 (not a block multiple)."""
    ms.set_context(init_generator=generator)
    module = {"mindspore": mindspore_2_10, "threefry": threefry}[generator]
    shape, index = (37, 41, 3), (slice(3, 30), slice(5, 40), slice(1, 3))
    if which >= 9:
        shape, index = (123, 45), None
    monkeypatch.setattr(module, "FAST_MIN", 10**12)
    reference = _values(INITIALIZERS[which], shape, dtype)
    reference_part = _values(INITIALIZERS[which], shape, dtype, index) if index else None
    monkeypatch.setattr(module, "FAST_MIN", 1)
    monkeypatch.setattr(_lazy, "_CHUNK", 1000)
    np.testing.assert_array_equal(_values(INITIALIZERS[which], shape, dtype), reference)
    if index:
        np.testing.assert_array_equal(_values(INITIALIZERS[which], shape, dtype, index), reference_part)
        np.testing.assert_array_equal(reference_part, reference[index])


@pytest.mark.parametrize("generator", ["mindspore", "threefry", "mindspore-r1.6"])
@settings(max_examples=6, deadline=None)
@given(threads=st.integers(1, 5), chunk=st.sampled_from([777, 4096, 30_001]), which=st.integers(0, 6),
       dtype=st.sampled_from([ms.float32, ms.float16, ms.bfloat16]))
def test_thread_count_and_chunk_size_never_change_a_bit(generator, threads, chunk, which, dtype):
    ms.set_context(init_generator=generator)
    shape = (97, 331)
    expected = _values(INITIALIZERS[which], shape, dtype)
    with pytest.MonkeyPatch.context() as patch, \
            concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
        patch.setattr(_lazy, "_CHUNK", chunk)
        patch.setattr(_lazy, "_POOL", pool)
        np.testing.assert_array_equal(_values(INITIALIZERS[which], shape, dtype), expected)


def test_a_materialised_parameter_adopts_its_buffer_without_a_copy():
    ms.set_seed(0)
    lazy = Parameter(initializer("normal", (300, 301)), name="w")._data
    host = lazy.materialize("w")
    assert host.ctypes.data % 64 == 0
    array = _lazy.host_to_jax(host)
    assert array.unsafe_buffer_pointer() == host.ctypes.data
    np.testing.assert_array_equal(np.asarray(array), host)


@pytest.mark.parametrize("dtype", [ms.float16, ms.bfloat16], ids=str)
def test_a_16_bit_parameter_is_written_by_the_kernels_and_adopted_without_a_copy(monkeypatch, dtype):
    """float16/bfloat16 chunks go to the fast kernels as 16-bit outputs (no float32 temporary,
    no NumPy cast), and JAX adopts the buffer: bfloat16 too, which NumPy 2 cannot export
    through DLPack."""
    outputs, fast = [], mindspore_2_10.fast_numba
    monkeypatch.setattr(mindspore_2_10, "fast_numba", lambda *args: outputs.append(args[3].dtype) or fast(*args))
    ms.set_context(init_generator="mindspore")
    ms.set_seed(0)
    lazy = Parameter(initializer("normal", (300, 301), dtype), name="w")._data
    host = lazy.materialize("w")
    assert outputs == [dtype.to_numpy()]
    assert host.dtype == dtype.to_numpy() and host.ctypes.data % 64 == 0
    array = _lazy.host_to_jax(host)
    assert array.unsafe_buffer_pointer() == host.ctypes.data
    assert array.dtype == dtype.to_numpy()
    np.testing.assert_array_equal(np.asarray(array).view(np.uint16), host.view(np.uint16))
