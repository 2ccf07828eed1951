"""The scalar and sequence primitives of MindSpore's graph syntax and ops.hyper_add: results
and reprs as MindSpore 2.10 prints them (observed with the oracle)."""
from __future__ import annotations

import math

import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, ops


@pytest.mark.parametrize("name, args, expected", [
    ("scalar_add", (1, 2), 3), ("scalar_add", (1.5, 2), 3.5), ("scalar_div", (3, 2), 1.5),
    ("scalar_floordiv", (7, 2), 3), ("scalar_mod", (7, 3), 1), ("scalar_pow", (2, 3), 8),
    ("scalar_eq", (1, 1.0), True), ("scalar_lt", (1, 2), True), ("scalar_uadd", (3,), 3),
    ("scalar_usub", (3,), -3), ("scalar_log", (2.0,), math.log(2.0)), ("scalar_max", (1, 2), 2),
    ("tuple_len", ((1, 2),), 2), ("tuple_getitem", ((1, 2), 1), 2), ("list_getitem", ([1, 2], 0), 1),
    ("dict_getitem", ({"a": 1}, "a"), 1), ("tuple_setitem", ((1, 2), 0, 5), (5, 2)),
    ("list_setitem", ([1, 2], 0, 5), [5, 2]), ("make_tuple", (1, 2), (1, 2)), ("make_list", (1, 2), [1, 2]),
    ("make_slice", (0, 5, 2), slice(0, 5, 2)), ("make_range", (0, 5, 2), (0, 2, 4)),
    ("make_range", (5,), (0, 1, 2, 3, 4)), ("tuple_reversed", ((1, 2, 3),), (3, 2, 1)),
    ("tuple_div", ((4, 6), (2, 3)), (2, 2)), ("tuple_equal", ((1, 2), (1, 2)), True), ("shape_mul", ((2, 3, 4),), 24),
    ("is_", (1, None), False), ("is_not", (1, None), True), ("in_dict", ("a", {"a": 1}), True),
    ("not_in_dict", ("a", {"a": 1}), False),
])
def test_graph_syntax_primitives_compute_like_mindspore(name, args, expected):
    out = getattr(ops, name)(*args)
    assert out == expected and type(out) is type(expected)


def test_reprs_and_bool_not_match_mindspore():
    assert (repr(ops.scalar_add), repr(ops.tuple_getitem), repr(ops.make_tuple), repr(ops.tuple_len)) == (
        "Prim[ScalarAdd]", "Prim[TupleGetItem]", "Prim[MakeTuple]", "Prim[sequence_len]")
    out = ops.bool_not(True)
    assert isinstance(out, Tensor) and out.dtype == ms.bool_ and not out.asnumpy()


def test_bad_inputs_name_the_primitive():
    with pytest.raises(TypeError, match="ScalarAdd"):
        ops.scalar_add("a", 1)
    with pytest.raises(ValueError, match="ScalarDiv"):
        ops.scalar_div(1, 0)
    with pytest.raises(ValueError, match="tuple_div"):
        ops.tuple_div((3,), (2,))
    with pytest.raises(TypeError, match="TupleGetItem"):
        ops.tuple_getitem((1, 2), 0, 1)


def test_hyper_add_adds_nested_structures_leaf_by_leaf():
    out = ops.hyper_add((Tensor([1.0]), 2), (Tensor([2.0]), 3))
    np.testing.assert_array_equal(out[0].asnumpy(), [3.0])
    assert out[1] == 5
