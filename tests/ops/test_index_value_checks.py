"""The value checks of index and mask arguments (run on every eager call and every replay):
their fast paths for small arrays agree with NumPy's reductions, and bad values raise the exact
message for small and large arguments alike."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sporax import Tensor, ops
from sporax.ops.operations import _arg_checks, array_ops_more


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4).flatmap(lambda columns: st.tuples(
    st.just(columns), hnp.arrays(np.int64, st.tuples(st.integers(1, 200), st.just(columns)),
                                 elements=st.integers(-2**40, 2**40)))))
def test_column_extremes_are_numpys_per_column_min_and_max_for_small_and_large_arrays(case):
    columns, values = case
    lows, highs = _arg_checks.column_extremes(values, columns)
    assert lows == values.min(0).tolist() and highs == values.max(0).tolist()
    assert all(type(v) is int for v in lows + highs)


x = Tensor(np.arange(6, dtype=np.float32).reshape(2, 3))


@pytest.mark.parametrize("rows", [1, 300])  # below and above the listed-values path (256 elements)
def test_gather_nd_names_the_bound_and_the_value_range(rows):
    indices = np.zeros((rows, 2), np.int32)
    indices[-1] = [1, 3]
    with pytest.raises(ValueError) as caught:
        ops.GatherNd()(x, Tensor(indices))
    low = 0 if rows > 1 else 1
    assert str(caught.value) == ("For 'GatherNd', the 'indices' must be in range of 'input_x' shape (2, 3), but got "
                                 f"values from {low} to 3.")
    indices[-1] = [1, 2]
    assert ops.GatherNd()(x, Tensor(indices)).asnumpy()[-1] == 5.0


@pytest.mark.parametrize("rows", [1, 300])
def test_index_fill_names_the_range_and_the_values(rows):
    index = np.zeros(rows, np.int32)
    index[0] = -4
    with pytest.raises(ValueError) as caught:
        ops.index_fill(x, 1, Tensor(index), 7.0)
    high = 0 if rows > 1 else -4
    assert str(caught.value) == f"For 'IndexFill', the 'index' must be in [-3, 3), but got values from -4 to {high}."


@settings(max_examples=100, deadline=None)
@given(hnp.arrays(bool, hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)),
       st.lists(st.integers(1, 3), max_size=2), st.integers(0, 30))
def test_the_masked_scatter_count_is_the_broadcast_masks(mask, extra, count):
    shape = tuple(extra) + tuple(2 if side == 1 else side for side in mask.shape)
    selected = int(np.broadcast_to(mask, shape).sum())
    if selected > count:
        with pytest.raises(ValueError, match=rf"selects \({selected}\), but got {count}\.$"):
            array_ops_more._enough_updates(mask, "MaskedScatter", shape, count)
    else:
        array_ops_more._enough_updates(mask, "MaskedScatter", shape, count)
