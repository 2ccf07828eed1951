"""MultitypeFuncGraph, HyperMap, Map, partial and constexpr (behaviour observed in MindSpore 2.10)."""
import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, ops


def make_add():
    add = ops.MultitypeFuncGraph("add")

    @add.register("Number", "Number")
    def _numbers(x, y):
        return ("numbers", x + y)

    @add.register("Tensor", "Tensor")
    def _tensors(x, y):
        return ("tensors", ops.add(x, y))

    @add.register("Int", "Int")
    def _ints(x, y):
        return ("ints", x + y)

    return add


def test_multitype_dispatches_on_mindspore_type_names_most_specific_first():
    add = make_add()
    assert add(1, 2) == ("ints", 3)
    assert add(1.5, 2) == ("numbers", 3.5)
    kind, value = add(Tensor(np.ones(2, np.float32)), Tensor(np.ones(2, np.float32)))
    assert kind == "tensors" and value.asnumpy().tolist() == [2.0, 2.0]


def test_multitype_chooses_per_call_as_the_registrations_stand():
    add = make_add()
    calls = [(1, 2), (True, 2), (1.5, 2), (1, 2.5), (True, False), (1, 2)]
    assert [add(*c)[0] for c in calls] == ["ints", "numbers", "numbers", "numbers", "numbers", "ints"]

    @add.register("Bool", "Bool")
    def _bools(x, y):  # a later registration is seen by the next call of classes already met
        return ("bools", x and y)

    assert [add(*c)[0] for c in calls] == ["ints", "numbers", "numbers", "numbers", "bools", "ints"]
    with pytest.raises(TypeError, match="no registered function matches"):
        add("a", 1)
    with pytest.raises(TypeError, match="no registered function matches"):  # a failure is not remembered as a match
        add("a", 1)


def test_multitype_without_a_match_names_the_graph_and_the_registrations():
    with pytest.raises(TypeError, match=r"'add', no registered function matches the arguments \(str, int\)"):
        make_add()("a", 1)


def test_multitype_refuses_an_unknown_type_name_at_registration():
    with pytest.raises(TypeError, match="type name 'Matrix' is unknown"):
        ops.MultitypeFuncGraph("f").register("Matrix")


def test_hyper_map_applies_a_multitype_graph_to_nested_leaves():
    out = ops.HyperMap(make_add())((1, (2, 3)), (4, (5, 6)))
    assert out == (("ints", 5), (("ints", 7), ("ints", 9)))


def test_hyper_map_with_the_function_as_first_input_and_reverse_keeps_positions():
    seen = []

    def record(x):
        seen.append(x)
        return x * 10

    assert ops.HyperMap(reverse=True)(record, [1, 2, 3]) == [10, 20, 30]
    assert seen == [3, 2, 1]


def test_hyper_map_refuses_a_plain_function_at_construction_as_mindspore_does():
    with pytest.raises(RuntimeError, match="must be a MultitypeFuncGraph"):
        ops.HyperMap(ops.add)


def test_map_goes_one_level_deep_only():
    assert ops.Map()(lambda x: type(x).__name__, (1, (2, 3))) == ("int", "tuple")


def test_map_refuses_sequences_of_different_lengths():
    with pytest.raises(ValueError, match=r"same length, but got \[2, 3\]"):
        ops.HyperMap()(lambda a, b: a, (1, 2), (1, 2, 3))


def test_partial_is_a_primitive_instance_with_mindspores_repr():
    assert repr(ops.partial) == "Prim[Partial]<side_effect_propagate=1>"
    add_two = ops.partial(ops.add, Tensor(np.float32(2)))
    assert float(add_two(Tensor(np.float32(3)))) == 5.0
    with pytest.raises(TypeError, match="first input must be callable"):
        ops.partial(3)


def test_constexpr_runs_on_constants_in_both_modes():
    @ops.constexpr
    def doubled_shape(shape):
        return tuple(2 * n for n in shape)

    def fn(x):
        return ops.zeros(doubled_shape(x.shape))

    x = Tensor(np.ones((1, 2), np.float32))
    assert fn(x).shape == (2, 4)
    assert ms.jit(fn)(x).shape == (2, 4)


def test_constexpr_refuses_a_traced_tensor():
    @ops.constexpr
    def value(t):
        return t

    with pytest.raises(TypeError, match="must be constants"):
        ms.jit(lambda x: value(x))(Tensor(np.ones(2, np.float32)))


def test_stop_gradient_zeroes_the_gradient_through_it():
    x = Tensor(np.float32(3.0))
    grad = ops.grad(lambda v: ops.mul(v, ops.stop_gradient(v)))(x)
    assert float(grad) == 3.0


def test_constexpr_is_importable_from_ops_primitive_as_in_mindspore():
    from sporax.ops.primitive import constexpr

    assert constexpr is ops.constexpr
    assert constexpr(lambda a, b: a * b)(3, 4) == 12


def test_multitype_dispatches_on_sparse_tensor_type_names():
    from sporax import RowTensor

    pick = ops.MultitypeFuncGraph("pick")

    @pick.register("RowTensor")
    def _(value):
        return "row"

    @pick.register("Tensor")
    def _(value):
        return "dense"

    row = RowTensor(Tensor(np.array([0], np.int32)), Tensor(np.ones((1, 2), np.float32)), (3, 2))
    assert pick(row) == "row" and pick(Tensor(np.ones(2, np.float32))) == "dense"
