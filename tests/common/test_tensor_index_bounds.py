"""An int index outside its dimension raises MindSpore's IndexError, for reading and for
writing (JAX alone would clamp the read and drop the write without a word)."""
import numpy as np
import pytest
from hypothesis import given, strategies as st

import sporax as ms
from sporax import Tensor

VALUES = np.arange(6, dtype=np.float32).reshape(2, 3)

OUT_OF_BOUNDS = [  # (index, message); a list, as slices are not hashable before Python 3.12
    (5, "index 5 is out of bounds for dimension with size 2"),
    (-3, "index -3 is out of bounds for dimension with size 2"),
    ((0, 7), "index 7 is out of bounds for dimension with size 3"),
    ((slice(None), 3), "index 3 is out of bounds for dimension with size 3"),
    ((Ellipsis, 3), "index 3 is out of bounds for dimension with size 3"),
    ((1, Ellipsis, -4), "index -4 is out of bounds for dimension with size 3"),
    ((None, 2), "index 2 is out of bounds for dimension with size 2"),
    ((True, 2), "index 2 is out of bounds for dimension with size 2"),
    (np.int64(2), "index 2 is out of bounds for dimension with size 2"),
    ((Tensor(np.array([True, False])), 3), "index 3 is out of bounds for dimension with size 3"),
]


@pytest.mark.parametrize("index, message", OUT_OF_BOUNDS, ids=[repr(i) for i, _ in OUT_OF_BOUNDS])
def test_reading_out_of_bounds_raises_index_error(index, message):
    with pytest.raises(IndexError, match=f"^{message}$"):
        Tensor(VALUES)[index]


def test_list_index_names_the_first_bad_element():
    with pytest.raises(IndexError, match="^index 5 out of bounds for dimension with size 2$"):
        Tensor(VALUES)[[0, 5]]
    with pytest.raises(IndexError, match="^index -3 out of bounds for dimension with size 2$"):
        Tensor(VALUES)[[[0], [-3]]]


@pytest.mark.parametrize("index", [5, (0, 7), [0, 5]], ids=repr)
def test_writing_out_of_bounds_raises_and_leaves_the_tensor_unchanged(index):
    tensor = Tensor(VALUES)
    with pytest.raises(IndexError, match="out of bounds for dimension with size"):
        tensor[index] = 1.0
    np.testing.assert_array_equal(tensor.asnumpy(), VALUES)


@given(st.integers(-2, 1), st.integers(-3, 2))
def test_every_in_bounds_index_reads_numpys_element(row, column):
    assert Tensor(VALUES)[row, column].asnumpy() == VALUES[row, column]
    assert Tensor(VALUES)[[row]].asnumpy().tolist() == VALUES[[row]].tolist()


def test_in_graph_mode_a_static_index_is_checked_too():
    # (not anchored at the end: JAX appends a note on its filtered traceback)
    with pytest.raises(IndexError, match="^index 5 is out of bounds for dimension with size 2"):
        ms.jit(lambda x: x[5])(Tensor(VALUES))
