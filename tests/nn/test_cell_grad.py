"""nn.Jvp / nn.Vjp give MindSpore 2.10's outputs (observed with the oracle on these inputs)."""
import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, nn


class Cube(nn.Cell):
    def construct(self, x):
        return x ** 3


class CubePlus(nn.Cell):
    def construct(self, x, y):
        return x ** 3 + y


X = Tensor(np.array([[1, 2], [3, 4]], np.float32))
V = Tensor(np.ones((2, 2), np.float32))
CUBES = [[1.0, 8.0], [27.0, 64.0]]


@pytest.fixture(autouse=True, params=[ms.PYNATIVE_MODE, ms.GRAPH_MODE])
def mode(request):
    ms.set_context(mode=request.param)
    yield
    ms.set_context(mode=ms.PYNATIVE_MODE)


def test_jvp_of_one_and_of_two_inputs():
    out, jvp = nn.Jvp(Cube())(X, V)
    assert out.asnumpy().tolist() == CUBES and jvp.asnumpy().tolist() == [[3.0, 12.0], [27.0, 48.0]]
    out, jvp = nn.Jvp(CubePlus())(X, X, (V, V))
    assert out.asnumpy().tolist() == [[2.0, 10.0], [30.0, 68.0]]
    assert jvp.asnumpy().tolist() == [[4.0, 13.0], [28.0, 49.0]]


def test_vjp_gives_a_tensor_for_one_input_and_a_tuple_for_two():
    out, grad = nn.Vjp(Cube())(X, V)
    assert out.asnumpy().tolist() == CUBES and grad.asnumpy().tolist() == [[3.0, 12.0], [27.0, 48.0]]
    out, grads = nn.Vjp(CubePlus())(X, X, V)
    assert out.asnumpy().tolist() == [[2.0, 10.0], [30.0, 68.0]]
    assert [g.asnumpy().tolist() for g in grads] == [[[3.0, 12.0], [27.0, 48.0]], [[1.0, 1.0], [1.0, 1.0]]]


def test_bad_arguments_name_the_cell():
    with pytest.raises(TypeError, match="For 'Jvp', the 'fn' must be a Cell or a function, but got int"):
        nn.Jvp(3)
    with pytest.raises(ValueError, match="For 'Vjp', the inputs must be the network's inputs followed by 'v'"):
        nn.Vjp(Cube())(X)
