"""The executor's eager path: one plan per (primitive, argument types), one kernel per value of
the static arguments, graph tracing inline, and the same results and errors on every call."""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, ops
from sporax._runtime import executor
from sporax.ops.primitive import Primitive


class _Scaled(Primitive):
    """x * factor, where `factor` is static; the result's dtype follows the factor's Python type."""

    _DTYPES = {bool: jnp.bool_, int: jnp.int32, float: jnp.float32}

    def __init__(self):
        super().__init__("Scaled")

    def _compute(self, x, factor):
        return (x * factor).astype(self._DTYPES[type(factor)])


def test_static_values_of_equal_hash_but_different_type_get_their_own_kernel():
    x = Tensor(np.array([1, 2], np.int32))
    scaled = _Scaled()
    # 1, True and 1.0 are equal dict keys; each must still run with its own value.
    assert scaled(x, True).dtype == ms.bool_
    assert scaled(x, 1).dtype == ms.int32
    assert scaled(x, 1.0).dtype == ms.float32
    np.testing.assert_array_equal(scaled(x, 2.5).asnumpy(), np.array([2.5, 5.0], np.float32))


def test_each_static_value_runs_with_its_own_value_on_warm_calls():
    x = Tensor(np.arange(6, dtype=np.float32))
    for _ in range(3):
        assert ops.reshape(x, (2, 3)).shape == (2, 3)
        assert ops.reshape(x, (3, 2)).shape == (3, 2)
        assert ops.reshape(x, (6,)).shape == (6,)


def test_a_warm_call_raises_the_same_error_as_the_first():
    x = Tensor(np.arange(6, dtype=np.float32))
    ops.reshape(x, (2, 3))
    messages = []
    for _ in range(3):
        with pytest.raises(ValueError) as error:
            ops.reshape(x, (4, 2))
        messages.append(str(error.value))
    assert messages[0] == messages[1] == messages[2]
    assert messages[0].startswith("For 'Reshape', the product of the 'input_x' shape")


def test_arrays_and_static_arguments_in_any_position():
    class _Where(Primitive):
        def __init__(self):
            super().__init__("Where3")

        def _compute(self, low, x, high):
            return jnp.clip(x, low, high)

    clip = _Where()
    x = Tensor(np.array([-2.0, 0.5, 3.0], np.float32))
    np.testing.assert_array_equal(clip(-1.0, x, 1.0).asnumpy(), [-1.0, 0.5, 1.0])
    np.testing.assert_array_equal(clip(0.0, x, 2.0).asnumpy(), [0.0, 0.5, 2.0])
    bound = Tensor(np.array([0.0, 0.0, 0.0], np.float32))
    np.testing.assert_array_equal(clip(bound, x, 1.0).asnumpy(), [0.0, 0.5, 1.0])


def test_an_op_without_inputs_runs_its_kernel():
    class _Constant(Primitive):
        def __init__(self):
            super().__init__("Constant")

        def _compute(self, n):
            return jnp.arange(n, dtype=jnp.int32)

    constant = _Constant()
    np.testing.assert_array_equal(constant(3).asnumpy(), [0, 1, 2])
    np.testing.assert_array_equal(constant(4).asnumpy(), [0, 1, 2, 3])


def test_the_same_primitive_traces_inline_under_jit_and_runs_a_kernel_eagerly():
    add = ops.Add()
    x = Tensor(np.array([1.0, 2.0], np.float32))
    eager = add(x, x).asnumpy()
    traced = jax.jit(lambda a: add(Tensor._wrap(a), Tensor._wrap(a))._value())(x._value())
    np.testing.assert_array_equal(np.asarray(traced), eager)
    np.testing.assert_array_equal(add(x, x).asnumpy(), [2.0, 4.0])


def test_graph_mode_results_equal_pynative_results():
    class Net(ms.nn.Cell):
        def construct(self, x):
            return ops.reshape(ops.add(x, x), (2, 2)) * 2

    x = Tensor(np.arange(4, dtype=np.float32))
    eager = Net()(x).asnumpy()
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        graph = Net()(x).asnumpy()
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    np.testing.assert_array_equal(graph, eager)
    np.testing.assert_array_equal(eager, [[0.0, 4.0], [8.0, 12.0]])


def test_a_changed_attribute_gets_a_new_kernel():
    summed = ops.ReduceSum(keep_dims=False)
    x = Tensor(np.ones((2, 3), np.float32))
    assert summed(x, 1).shape == (2,)
    summed.add_prim_attr("keep_dims", True)
    assert summed(x, 1).shape == (2, 1)


def test_a_kernel_computes_with_the_attributes_of_its_key_after_its_builder_changes():
    # A kernel is kept under its builder's (class, attributes) and traces again for each new
    # input shape: the builder changing an attribute later must not reach the kernel that
    # another primitive of the old attributes is served.
    builder = ops.ReduceSum(keep_dims=False)
    assert builder(Tensor(np.ones((2, 3), np.float32)), 1).shape == (2,)
    builder.add_prim_attr("keep_dims", True)
    other = ops.ReduceSum(keep_dims=False)
    assert other(Tensor(np.ones((4, 5), np.float32)), 1).shape == (4,)
    assert other(Tensor(np.ones((4, 5), np.float32)), (0, 1)).shape == ()  # a new static value: a new kernel
    assert builder(Tensor(np.ones((4, 5), np.float32)), 1).shape == (4, 1)


def test_plans_are_keyed_by_argument_types():
    x = Tensor(np.ones(2, np.float32))
    _Scaled()(x, 3)
    kinds = {key[1] for key in executor._PLANS if key[0][0] is _Scaled}
    assert (type(x._value()), int) in kinds


def test_a_tuple_input_kernel_computes_with_the_attributes_of_its_key_after_its_builder_changes():
    # Concat's tuple input reaches the executor regrouped (`primitive._Regrouped`): the copy
    # the kernel keeps must be of the primitive inside too.
    builder = ops.Concat(axis=0)
    pair = (Tensor(np.ones((1, 2), np.float32)), Tensor(np.ones((1, 2), np.float32)))
    assert builder(pair).shape == (2, 2)
    builder.add_prim_attr("axis", 1)
    other = ops.Concat(axis=0)
    wider = (Tensor(np.ones((1, 3), np.float32)), Tensor(np.ones((1, 3), np.float32)))
    assert other(wider).shape == (2, 3)
    assert builder(wider).shape == (1, 6)
