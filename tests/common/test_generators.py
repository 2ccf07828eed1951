"""Contract 2: values are a pure function of (generator, draw, shape, dtype, element index)."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import sporax as ms
from sporax import Parameter
from sporax.common import initializer as I
from sporax.common.initializer import initializer
from tests.seed.notebook import printed

GENERATORS = ["mindspore", "mindspore-r1.6", "threefry"]
ELEMENTWISE = [lambda: I.Normal(0.3, 1.0), lambda: I.Uniform(0.5), lambda: I.TruncatedNormal(1.0, 0.0, -0.5, 1.5),
               lambda: I.XavierUniform(), lambda: I.XavierNormal(), lambda: I.HeUniform(), lambda: I.HeNormal(),
               lambda: I.VarianceScaling(), lambda: I.Zero(), lambda: I.One(), lambda: I.Constant(3)]
DTYPES = [ms.float32, ms.float16, ms.float64, ms.bfloat16, ms.int32]


@st.composite
def region(draw):
    shape = tuple(draw(st.lists(st.integers(1, 9), min_size=2, max_size=4)))
    index = []
    for n in shape:
        start = draw(st.integers(0, n - 1))
        index.append(slice(start, draw(st.integers(start + 1, n))))
    return shape, tuple(index)


@pytest.mark.parametrize("generator", GENERATORS)
@settings(max_examples=60, deadline=None)
@given(data=region(), which=st.integers(0, len(ELEMENTWISE) - 1), dtype=st.sampled_from(DTYPES), seed=st.integers(0, 2**32 - 1))
def test_generated_slice_equals_slice_of_whole(generator, data, which, dtype, seed):
    ms.set_context(init_generator=generator)
    shape, index = data
    ms.set_seed(seed)
    param = Parameter(initializer(ELEMENTWISE[which](), shape, dtype), name="w")
    lazy = param._data
    whole = np.asarray(lazy.materialize("w"))
    part = np.asarray(lazy.materialize("w", index))
    np.testing.assert_array_equal(part, whole[index])
    np.testing.assert_array_equal(param.asnumpy(), whole)


@pytest.mark.parametrize("generator", GENERATORS)
@settings(max_examples=10, deadline=None)
@given(order=st.permutations(range(5)))
def test_materialisation_order_does_not_change_values(generator, order):
    ms.set_context(init_generator=generator)
    shapes = [(3, 4), (5,), (2, 2, 2), (7, 3), (4, 4)]

    def build():
        ms.set_seed(17)
        return [Parameter(initializer(I.Normal(), s), name=f"p{i}") for i, s in enumerate(shapes)]

    reference = [p.asnumpy() for p in build()]
    params = build()
    for i in order:
        params[i].init_data()
    for p, ref in zip(params, reference):
        np.testing.assert_array_equal(p.asnumpy(), ref)


def test_mindspore_generator_is_independent_of_chunking(monkeypatch):
    from sporax.common import _lazy
    ms.set_seed(3)
    p = Parameter(initializer("normal", (3001,)), name="w")
    whole = np.asarray(p._data.materialize("w"))
    monkeypatch.setattr(_lazy, "_CHUNK", 7)
    np.testing.assert_array_equal(np.asarray(p._data.materialize("w")), whole)


@pytest.mark.parametrize("init, mean, var", [
    (I.Normal(2.0, 0.5), 0.5, 4.0),
    (I.Uniform(3.0), 0.0, 3.0),
    (I.TruncatedNormal(1.0, 0.0, -1.5, 0.5), stats.truncnorm(-1.5, 0.5).mean(), stats.truncnorm(-1.5, 0.5).var()),
])
def test_threefry_statistics_within_four_standard_errors(init, mean, var):
    ms.set_context(init_generator="threefry")
    ms.set_seed(0)
    n = 10**6
    x = initializer(init, (n,)).init_data().asnumpy().astype(np.float64)
    assert abs(x.mean() - mean) < 4 * math.sqrt(var / n)
    fourth = np.mean((x - mean) ** 4)
    assert abs(x.var() - var) < 4 * math.sqrt((fourth - var**2) / n)
    if isinstance(init, I.TruncatedNormal):
        assert x.min() >= -1.5 and x.max() <= 0.5


def test_threefry_stream_resets_with_set_seed():
    ms.set_context(init_generator="threefry")
    ms.set_seed(1)
    a = [initializer("normal", (4,)).init_data().asnumpy() for _ in range(2)]
    ms.set_seed(1)
    b = [initializer("normal", (4,)).init_data().asnumpy() for _ in range(2)]
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], a[1])


def test_threefry_keyed_by_name_ignores_construction_order():
    ms.set_context(init_generator="threefry", threefry_key="name")
    ms.set_seed(1)
    alone = Parameter(initializer("normal", (6,)), name="block.w").asnumpy()
    ms.set_seed(1)
    Parameter(initializer("normal", (6,)), name="extra.w").init_data()
    again = Parameter(initializer("normal", (6,)), name="block.w").asnumpy()
    np.testing.assert_array_equal(alone, again)


def _notebook_conv_corners(cell: int) -> np.ndarray:
    """The 72 numbers cell 12/14 prints: channels 0 and 63, rows 0,1,2,13,14,15, columns 0,1,2,47,48,49."""
    numbers = [float(t) for t in printed(cell).replace("[", " ").replace("]", " ").split() if t != "..."]
    return np.array(numbers).reshape(2, 6, 6)


def _conv_corners_on_ones(weight: np.ndarray, magnitude=False) -> np.ndarray:
    """What Conv2d(3, 64, 3, pad_mode='same') prints on a ones input, computed from its weight
    (or, with `magnitude`, the sum of the absolute terms: the scale of float32 summation noise)."""
    weight = np.abs(weight) if magnitude else weight
    rows = {"top": slice(1, 3), "middle": slice(0, 3), "bottom": slice(0, 2)}
    cols = {"left": slice(1, 3), "inner": slice(0, 3), "right": slice(0, 2)}
    out = np.zeros((2, 6, 6))
    for c, channel in enumerate((0, 63)):
        for r, row in enumerate(["top", "middle", "middle", "middle", "middle", "bottom"]):
            for k, col in enumerate(["left", "inner", "inner", "inner", "inner", "right"]):
                out[c, r, k] = weight[channel, :, rows[row], cols[col]].astype(np.float64).sum()
    return out


@pytest.mark.parametrize("cell, init", [(12, "Normal"), (14, I.Normal(0.2))])
def test_r1_6_generator_reproduces_the_notebook_conv_outputs(cell, init):
    """Equal within float32 summation-order noise: 1e-6 of the summed magnitudes."""
    ms.set_context(init_generator="mindspore-r1.6")
    ms.set_seed(1)
    weight = Parameter(initializer(init, (64, 3, 3, 3)), name="weight").asnumpy()
    error = np.abs(_conv_corners_on_ones(weight) - _notebook_conv_corners(cell))
    assert (error <= 1e-6 * _conv_corners_on_ones(weight, magnitude=True)).all(), error.max()


def test_r1_6_normal_uses_successive_graph_seeds():
    ms.set_context(init_generator="mindspore-r1.6")
    ms.set_seed(1)
    first = Parameter(initializer("normal", (20,)), name="a").asnumpy()
    second = Parameter(initializer("normal", (20,)), name="b").asnumpy()
    assert not np.array_equal(first, second)
    ms.set_seed(1)
    np.testing.assert_array_equal(Parameter(initializer("normal", (20,)), name="a").asnumpy(), first)


def test_r1_6_numpy_initializers_leave_numpy_state_as_r1_6_does():
    ms.set_context(init_generator="mindspore-r1.6")
    ms.set_seed(2)
    p = Parameter(initializer(I.Uniform(0.5), (10,)), name="u")
    after = np.random.rand()
    np.random.seed(2)
    expected = np.random.uniform(-0.5, 0.5, 10).astype(np.float32)
    assert np.random.rand() == after
    np.testing.assert_array_equal(p.asnumpy(), expected)


def test_unknown_generator_is_value_error():
    with pytest.raises(ValueError, match="argument 'init_generator' must be one of"):
        ms.set_context(init_generator="philox")
    assert ms.get_context("init_generator") == "mindspore"


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**64 - 1), seed2=st.integers(0, 2**64 - 1),
       offsets=st.lists(st.integers(0, 2**64 - 1), min_size=1, max_size=16), calls=st.integers(1, 9))
def test_r1_6_compiled_philox_is_bit_identical_to_the_reference(seed, seed2, offsets, calls):
    from sporax.common._generators import philox
    offsets = np.array(offsets, dtype=np.uint64)
    np.testing.assert_array_equal(philox.philox_r16_calls_fast(seed, seed2, offsets, calls),
                                  philox.philox_r16_calls(seed, seed2, offsets, calls))


def test_threefry_by_name_clones_and_shared_tensors_keep_equal_values():
    ms.set_context(init_generator="threefry", threefry_key="name")
    ms.set_seed(1)
    t = initializer("normal", (6,))
    p = Parameter(t, name="w")
    params = ms.ParameterTuple((p,))
    copies = params.clone("moments")
    clone = p.clone()
    p.name = "renamed"
    for other in (t, copies[0], clone):
        np.testing.assert_array_equal(other.asnumpy(), p.asnumpy())


def test_threefry_by_name_reads_the_name_at_materialisation():
    ms.set_context(init_generator="threefry", threefry_key="name")
    ms.set_seed(1)
    p = Parameter(initializer("normal", (6,)))
    p.name = "conv1.weight"  # what a Cell does when it registers the Parameter
    ms.set_seed(1)
    q = Parameter(initializer("normal", (6,)), name="conv1.weight")
    np.testing.assert_array_equal(p.asnumpy(), q.asnumpy())


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(1, 2**63 - 1), first=st.integers(0, 2**40), count=st.integers(1, 5000))
def test_compiled_philox_is_bit_identical_to_the_numpy_reference(seed, first, count):
    from sporax.common._generators import philox
    reference = philox.philox4x32_blocks(seed, np.arange(first, first + count, dtype=np.uint64))
    np.testing.assert_array_equal(philox.philox4x32_range(seed, first, count), reference)


def test_every_context_generator_name_has_one_strategy_object():
    from sporax import context
    from sporax.common import _generators
    assert tuple(_generators.GENERATORS) == context._INIT_GENERATORS
    for name, generator in _generators.GENERATORS.items():
        ms.set_context(init_generator=name)
        assert _generators.current() is generator and generator.name == name


@pytest.mark.parametrize("generator, elementwise, on_device", [
    ("mindspore", True, True), ("mindspore-r1.6", False, False), ("threefry", True, True)])
def test_generators_declare_their_capabilities(generator, elementwise, on_device):
    from sporax.common import _generators
    g = _generators.GENERATORS[generator]
    assert (g.elementwise, g.samples_on_device) == (elementwise, on_device)


def test_threefry_stream_lives_in_the_generator_and_set_seed_resets_it():
    from sporax.common import _generators
    threefry = _generators.GENERATORS["threefry"]
    ms.set_context(init_generator="threefry")
    ms.set_seed(4)
    for _ in range(3):
        initializer("normal", (2,)).init_data()
    assert threefry._stream == 3
    ms.set_seed(4)
    assert threefry._stream == 0


def test_r1_6_graph_seeded_source_is_chosen_by_the_normal_class_and_its_subclasses():
    class MyNormal(I.Normal):
        pass

    ms.set_context(init_generator="mindspore-r1.6")
    ms.set_seed(1)
    state = np.random.get_state()[1].copy()
    sub = Parameter(initializer(MyNormal(), (20,)), name="a").asnumpy()
    assert np.array_equal(np.random.get_state()[1], state)  # drew nothing from NumPy
    ms.set_seed(1)
    np.testing.assert_array_equal(Parameter(initializer(I.Normal(), (20,)), name="a").asnumpy(), sub)
    ms.set_seed(1)
    Parameter(initializer(I.XavierNormal(), (4, 5)), name="x")
    assert not np.array_equal(np.random.get_state()[1], state)  # XavierNormal drew from NumPy
