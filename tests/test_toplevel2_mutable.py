"""mindspore.mutable: constants become graph inputs (one compilation for many values); the
marked values behave as the originals outside graphs; MindSpore 2.10's errors."""
import inspect

import numpy as np
import pytest

import sporax as ms
from sporax import nn

X = np.array([1.0, 2.0], np.float32)


@pytest.mark.parametrize("value, kind", [(2, "_Int"), (2.5, "_Float"), ((1, 2), "_Tuple"), ([1, 2], "_List"),
                                         ({"a": 1}, "_Dict"), (True, "_Bool")])
def test_mutable_returns_marked_value_equal_to_input(value, kind):
    m = ms.mutable(value)
    assert type(m).__name__ == kind and m == value and repr(m) == repr(value)
    assert m.__ms_mutable__ is True and m.__ms_dynamic_len__ is False and m.__ms_origin_object__ is value
    assert isinstance(m, type(value))


def test_mutable_tensor_is_the_tensor():
    t = ms.Tensor(X)
    assert ms.mutable(t) is t and t.__ms_mutable__ is True


def test_mutable_scalar_compiles_once_for_all_values():
    @ms.jit
    def scale(x, s):
        return x * s

    x = ms.Tensor(X)
    np.testing.assert_array_equal(scale(x, ms.mutable(2)).asnumpy(), [2, 4])
    np.testing.assert_array_equal(scale(x, ms.mutable(3)).asnumpy(), [3, 6])
    assert len(scale.__sporax_graph_cache__) == 1
    scale(x, 2)
    scale(x, 3)  # plain numbers stay constants: a compilation per value
    assert len(scale.__sporax_graph_cache__) == 3


def test_mutable_containers_are_inputs_elementwise():
    @ms.jit
    def affine(x, t, d):
        return x * t[0] + t[1] - d["b"]

    x = ms.Tensor(X)
    np.testing.assert_allclose(affine(x, ms.mutable((2, 3.0)), ms.mutable({"b": 1.0})).asnumpy(), [4, 6])
    np.testing.assert_allclose(affine(x, ms.mutable((4, 1.0)), ms.mutable({"b": 0.5})).asnumpy(), [4.5, 8.5])
    assert len(affine.__sporax_graph_cache__) == 1


def test_mutable_in_graph_mode_cell_equals_pynative():
    class Scale(nn.Cell):
        def construct(self, x, s):
            return x * s

    net, x = Scale(), ms.Tensor(X)
    eager = net(x, ms.mutable(1.5)).asnumpy()
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        graph = net(x, ms.mutable(1.5)).asnumpy()
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    np.testing.assert_array_equal(eager, graph)
    np.testing.assert_array_equal(graph, [1.5, 3.0])


def test_mutable_bad_input_as_mindspore():
    prefix = ("For 'mutable', the 'input_data' should be one of (bool, int, float, Tensor, tuple, list, dict) "
              "or their nested structures with no self-reference, but got ")
    for bad, shown in (("s", "str: s."), (None, "NoneType: None."), ((1, "a"), "tuple: (1, 'a').")):
        with pytest.raises(TypeError) as info:
            ms.mutable(bad)
        assert str(info.value) == prefix + shown
    loop = [1]
    loop.append(loop)
    with pytest.raises(TypeError, match="no self-reference"):
        ms.mutable(loop)
    with pytest.raises(TypeError, match="^For 'mutable', the second input should be bool, but got: tuple$"):
        ms.mutable((1, 2), dynamic_len=1)
    with pytest.raises(TypeError, match="when the variable_len is True, the first input should be list or tuple, "
                                        "but got: int"):
        ms.mutable(1, dynamic_len=True)
    assert ms.mutable([1, 2.0], dynamic_len=True).__ms_dynamic_len__ is True
    assert str(inspect.signature(ms.mutable)) == "(input_data, dynamic_len=False)"
