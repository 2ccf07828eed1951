"""`x[index]` and `x[index] = value` follow NumPy's indexing exactly, eagerly and compiled,
with one kernel per index layout: the ints of an index are the kernel's inputs, so a loop
over `x[i]` compiles once."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as npst

import sporax as ms
from sporax import Tensor
from sporax._runtime import executor
from sporax.ops.operations import array_ops

SHAPE = (3, 4, 5)
VALUES = np.arange(60, dtype=np.float32).reshape(SHAPE)


def _int_array(size, length):
    return npst.arrays(np.int64, length, elements=st.integers(-size, size - 1))


@st.composite
def indices(draw):
    """NumPy's basic indices on SHAPE, with an integer array (a Tensor or a list) in place of
    some of their ints: the advanced indexing that mixes with slices and None (the arrays of
    one index have one length, so that they broadcast together)."""
    index = draw(npst.basic_indices(SHAPE, allow_newaxis=True, allow_ellipsis=True))
    length = draw(st.integers(1, 3))
    items = list(index) if isinstance(index, tuple) else [index]
    dim = 0
    for k, item in enumerate(items):
        if item is Ellipsis:
            break
        if isinstance(item, int) and draw(st.booleans()):
            values = draw(_int_array(SHAPE[dim], length))
            items[k] = Tensor(values) if draw(st.booleans()) else values.tolist()
        dim += item is not None
    return tuple(items) if isinstance(index, tuple) or len(items) > 1 else items[0]


def _as_numpy(index):
    items = index if isinstance(index, tuple) else (index,)
    numpy_items = tuple(i.asnumpy() if isinstance(i, Tensor) else np.asarray(i) if isinstance(i, list) else i
                        for i in items)
    return numpy_items if isinstance(index, tuple) else numpy_items[0]


@settings(max_examples=150, deadline=None)
@given(indices())
def test_reading_matches_numpy_eagerly_and_compiled(index):
    expected = VALUES[_as_numpy(index)]
    eager = Tensor(VALUES)[index].asnumpy()
    assert eager.shape == expected.shape
    np.testing.assert_array_equal(eager, expected)
    np.testing.assert_array_equal(ms.jit(lambda x: x[index])(Tensor(VALUES)).asnumpy(), expected)


@settings(max_examples=100, deadline=None)
@given(indices(), st.floats(-8, 8, width=32, allow_subnormal=False))  # XLA on CPU flushes subnormals
def test_writing_matches_numpy(index, value):
    expected = VALUES.copy()
    expected[_as_numpy(index)] = value
    tensor = Tensor(VALUES)
    tensor[index] = value
    np.testing.assert_array_equal(tensor.asnumpy(), expected)


def _kernels_of(prim_class):
    """The compiled kernels the executor keeps for a primitive class, with how many input
    signatures JAX compiled each for."""
    return [kernel._cache_size() for key, plan in executor._PLANS.items()
            if key[0][0] is prim_class and isinstance(plan, executor._Split) for kernel in plan.kernels.values()]


def test_a_loop_over_x_i_compiles_one_kernel():
    x = Tensor(np.arange(24, dtype=np.float32).reshape(6, 4) + 1000)  # a shape no other test reads
    before = sum(_kernels_of(array_ops._GetItem))
    rows = [x[i, 1:3].asnumpy() for i in range(-6, 6)]
    np.testing.assert_array_equal(np.stack(rows), x.asnumpy()[np.r_[0:6, 0:6], 1:3])
    assert sum(_kernels_of(array_ops._GetItem)) - before == 1


def test_a_loop_writing_x_i_compiles_one_kernel():
    x = Tensor(np.zeros((7, 3), np.float32))
    before = sum(_kernels_of(array_ops._SetItem))
    for i in range(7):
        x[i] = float(i)
    np.testing.assert_array_equal(x.asnumpy(), np.repeat(np.arange(7, dtype=np.float32)[:, None], 3, axis=1))
    assert sum(_kernels_of(array_ops._SetItem)) - before == 1


@pytest.mark.parametrize("mask", [Tensor(np.array([True, False, True])), [True, False, True],
                                  np.array([True, False, True])], ids=["Tensor", "list", "ndarray"])
def test_a_boolean_mask_picks_its_trues(mask):
    np.testing.assert_array_equal(Tensor(VALUES)[mask].asnumpy(), VALUES[[0, 2]])
    tensor = Tensor(VALUES)
    tensor[mask] = -1.0
    expected = VALUES.copy()
    expected[[0, 2]] = -1.0
    np.testing.assert_array_equal(tensor.asnumpy(), expected)


def test_too_many_indices_name_the_index_as_given():
    with pytest.raises(IndexError, match=r"^For 'Tensor.__getitem__', the index \(0, 1, 2, 3\) is out of range for "
                                         r"shape \(3, 4, 5\): "):
        Tensor(VALUES)[0, 1, 2, 3]


@pytest.mark.parametrize("index", [1.5, "a", (0, 1.0), slice(0.5, 2)], ids=repr)
def test_an_item_that_is_no_index_is_a_type_error(index):
    with pytest.raises(TypeError, match=r"^For 'Tensor.__getitem__', the index must be an int, slice, None, "
                                        r"Ellipsis, bool, list or Tensor \(or a tuple of them\), but got "):
        Tensor(VALUES)[index]


@pytest.mark.parametrize("index", [1.5, "a", (0, 1.0)], ids=repr)
def test_writing_through_an_item_that_is_no_index_is_a_type_error_and_changes_nothing(index):
    tensor = Tensor(VALUES)
    with pytest.raises(TypeError, match=r"^For 'Tensor.__setitem__', the index must be an int, slice, None, "
                                        r"Ellipsis, bool, list or Tensor \(or a tuple of them\), but got "):
        tensor[index] = 1.0
    np.testing.assert_array_equal(tensor.asnumpy(), VALUES)


def test_a_value_that_does_not_fit_the_region_leaves_the_tensor_unchanged():
    tensor = Tensor(VALUES)
    with pytest.raises(ValueError, match=r"^Tensor.__setitem__: argument 'value' of shape \(2,\) does not fit the "
                                         r"region \(0, slice\(None, None, None\), 0\) of a Tensor of shape \(3, 4, 5\)"):
        tensor[0, :, 0] = Tensor(np.ones(2, np.float32))
    np.testing.assert_array_equal(tensor.asnumpy(), VALUES)


def test_an_index_read_differentiates_into_its_elements():
    grad = ms.grad(lambda x: (x[1, ::2] * 3.0).sum() + x[[0, 0]].sum())
    expected = np.zeros(SHAPE, np.float32)
    expected[1, ::2] += 3.0
    expected[0] += 2.0
    np.testing.assert_array_equal(grad(Tensor(VALUES)).asnumpy(), expected)
