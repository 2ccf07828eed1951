"""mindspore._no_grad (values computed inside are constants to grad, as in MindSpore 2.10) and
mindspore.set_dump (marks as MindSpore sets them; CPU warning; bad targets)."""
import inspect
import warnings

import numpy as np
import pytest

import sporax as ms
from sporax import nn, ops

X = np.array([1.0, 2.0, 3.0], np.float32)


def _through_context(x):
    with ms._no_grad():
        y = x * 2
    return (y * x).sum()


@ms._no_grad()
def _tripled(x):
    return x * 3


def test_no_grad_context_makes_values_constants_to_grad():
    # MindSpore 2.10 PYNATIVE: grad of no_grad(2x) * x is 2x = [2, 4, 6]; without it 4x.
    np.testing.assert_array_equal(ms.grad(_through_context)(ms.Tensor(X)).asnumpy(), [2, 4, 6])
    np.testing.assert_array_equal(ms.grad(lambda x: (x * x * 2).sum())(ms.Tensor(X)).asnumpy(), [4, 8, 12])


def test_no_grad_decorator_and_restores_gradients_after():
    x = ms.Tensor(X)
    np.testing.assert_array_equal(ms.grad(lambda x: (_tripled(x) * x).sum())(x).asnumpy(), [3, 6, 9])
    np.testing.assert_array_equal(ms.grad(lambda x: (x * 3 * x).sum())(x).asnumpy(), [6, 12, 18])


def test_no_grad_nests_and_survives_exceptions():
    ctx = ms._no_grad()
    with pytest.raises(ZeroDivisionError):
        with ctx:
            with ms._no_grad():
                pass
            1 / 0
    np.testing.assert_array_equal(ms.grad(lambda x: (x * x).sum())(ms.Tensor(X)).asnumpy(), [2, 4, 6])
    assert ctx.prev_state is True


def test_no_grad_same_in_graph_mode_and_jit():
    x = ms.Tensor(X)
    np.testing.assert_array_equal(ms.jit(ms.grad(_through_context))(x).asnumpy(), [2, 4, 6])

    class Net(nn.Cell):
        def construct(self, x):
            return _through_context(x)

    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        grads = ms.ops.GradOperation()(Net())(x)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    np.testing.assert_array_equal(grads.asnumpy(), [2, 4, 6])


class _Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.add = ops.Add()
        self.dense = nn.Dense(2, 2)


def test_set_dump_marks_cells_recursively_and_primitives():
    net = _Net()
    with pytest.warns(UserWarning, match="Current device_target is CPU, which is not supported by set_dump. "
                                         "Only Ascend device target is supported currently."):
        assert ms.set_dump(net) is None
    assert net.get_flags() == {"dump": True} and net.dense.get_flags() == {"dump": True}
    assert net.add.attrs == {}  # MindSpore re-marks only primitives already carrying 'dump'
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ms.set_dump(net, False)
        add = ops.Add()
        ms.set_dump(add)
        assert add.attrs == {"dump": "true"}
        net.add = add
        ms.set_dump(net, False)
    assert net.dense.get_flags() == {"dump": False} and add.attrs == {"dump": "false"}


def test_set_dump_bad_input():
    with pytest.raises(ValueError, match='The "target" parameter must be an instance of Cell or Primitive, '
                                         "but got an instance of <class 'int'>."):
        ms.set_dump(3)
    net = _Net()
    with pytest.raises(ValueError, match='The "enabled" parameter must be bool.'):
        ms.set_dump(net, 1)
    assert "dump" not in net.get_flags()
    assert str(inspect.signature(ms.set_dump)) == "(target, enabled=True)"
