"""Huge shapes: every initializer under every generator, and Tensor(shape=, dtype=), refuse a
materialisation whose bytes overflow (ValueError) or exceed the machine (MemoryError) with
the shape and the bytes in the message, before XLA is asked (which would abort the process);
nothing changes, and the process carries on."""
import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, Tensor
from sporax.common import _allocation
from sporax.common import initializer as init
from tests.train.caps import capped

class UserNormal(init.Initializer):
    """A user's initializer: `_initialize` fills the whole array, at the Parameter's draw."""

    def _initialize(self, arr):
        arr[...] = np.random.standard_normal(arr.shape)


GENERATORS = ["mindspore", "mindspore-r1.6", "threefry"]
INITIALIZERS = [
    (init.Zero(), 1), (init.One(), 1), (init.Constant(0.5), 1), (init.Normal(), 1), (init.Uniform(), 1),
    (init.TruncatedNormal(), 1), (init.XavierUniform(), 2), (init.XavierNormal(), 2), (init.HeUniform(), 2),
    (init.HeNormal(), 2), (init.VarianceScaling(), 2), (init.Identity(), 2), (init.Orthogonal(), 2),
    (init.Dirac(), 3), (init.Sparse(0.5), 2), (UserNormal(), 1),
]
# Sparse draws a permutation per column when the Parameter is built, a user's initializer fills
# the whole array then: they refuse there, under every generator, before any work (else 2^18
# permutations of 2^18 rows would run for hours, and NumPy would be asked for 256 GiB)
DRAWS_WHOLE = (init.Sparse, UserNormal)
OVERFLOWING = {1: [(2**62,), (2**80,)], 2: [(2**31, 2**31), (2**40, 2**40)], 3: [(2**21, 2**21, 2**21)]}
BEYOND_MEMORY = {1: (2**36,), 2: (2**18, 2**18), 3: (2**12, 2**12, 2**12)}  # 256 GiB of float32


@pytest.fixture(autouse=True)
def memory_and_time_cap():
    with capped(seconds=60, extra_bytes=2 << 30):
        yield


@pytest.fixture(params=GENERATORS)
def generator(request):
    ms.set_context(init_generator=request.param)
    yield request.param
    ms.set_context(init_generator="mindspore")


def _expect(error, shape, call):
    nbytes = int(np.prod(shape, dtype=object)) * 4
    with pytest.raises(error, match=rf"shape \({', '.join(map(str, shape))},?\) and dtype Float32: it needs "
                                    rf"{nbytes} bytes"):
        call()


@pytest.mark.parametrize("initializer, rank", INITIALIZERS, ids=lambda v: type(v).__name__ if not isinstance(v, int) else "")
def test_every_initializer_refuses_a_huge_parameter_and_stays_lazy(generator, initializer, rank):
    for shape in OVERFLOWING[rank]:
        # refused when the Parameter takes its draw (a generator counts the elements) or,
        # at the latest, when it would be materialised
        try:
            parameter = Parameter(init.initializer(initializer, shape, ms.float32), name="huge")
        except ValueError as error:
            assert f"it needs {int(np.prod(shape, dtype=object)) * 4} bytes" in str(error)
            continue
        _expect(ValueError, shape, parameter.init_data)
        assert parameter.has_init and parameter.shape == shape
    shape = BEYOND_MEMORY[rank]
    try:  # a generator that is not elementwise refuses at the draw: it makes the whole tensor
        parameter = Parameter(init.initializer(initializer, shape, ms.float32), name="big")
    except MemoryError as error:
        assert generator == "mindspore-r1.6" or isinstance(initializer, DRAWS_WHOLE)
        assert f"it needs {2**38} bytes" in str(error)
        return
    _expect(MemoryError, shape, parameter.init_data)
    assert parameter.has_init


@pytest.mark.parametrize("shape", [(2**62,), (2**40, 2**40), (2**36,)])
def test_bare_lazy_tensors_refuse_huge_values(generator, shape):
    tensor = init.initializer("normal", shape, ms.float32)
    _expect(ValueError if np.prod(shape, dtype=object) * 4 > 2**63 else MemoryError, shape, tensor.asnumpy)


def test_tensor_of_a_huge_shape_refuses_before_xla():
    _expect(ValueError, (2**40, 2**40), lambda: Tensor(shape=(2**40, 2**40), dtype=ms.float32))
    _expect(MemoryError, (2**36,), lambda: Tensor(shape=(2**36,), dtype=ms.float32))
    assert Tensor(shape=(2, 3), dtype=ms.float32).asnumpy().tolist() == [[0.0] * 3] * 2


def test_a_slice_of_a_huge_parameter_is_checked_by_its_own_bytes():
    tensor = init.initializer("normal", (2**40, 4), ms.float32)
    assert _allocation.check(tensor.shape, ms.float32, (slice(0, 3), slice(None))) == 48
    values = tensor._data.materialize(index=(slice(0, 3), slice(None)))
    assert np.asarray(values).shape == (3, 4)


def test_the_limit_follows_the_address_space_limit(monkeypatch):
    monkeypatch.setattr(_allocation, "_limit_bytes", lambda: 1 << 27)
    _expect(MemoryError, (2**26,), lambda: Tensor(shape=(2**26,), dtype=ms.float32))
    assert Tensor(shape=(2**20,), dtype=ms.float32).shape == (2**20,)
