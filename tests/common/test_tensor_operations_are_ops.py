"""Tensor's operators and methods are ops: the float-status register sees them, they trace
into compiled graphs, and they differentiate, exactly like the primitive they call."""
import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, ops
from sporax._runtime import float_status

# Each operation turns this into an inf or NaN output: 2/0, the min -inf, inf-inf, ...
INF = np.array([0.0, np.inf, -np.inf, 3.0], np.float32)
OPERATIONS = {
    "add": lambda t: t + 1.0, "radd": lambda t: 1.0 + t, "sub": lambda t: t - t, "mul": lambda t: t * 2.0,
    "truediv": lambda t: t / 2.0, "rtruediv": lambda t: 2.0 / t, "floordiv": lambda t: t // 1.0,
    "mod": lambda t: t % 2.0, "pow": lambda t: t ** 2, "matmul": lambda t: t @ t, "neg": lambda t: -t,
    "abs": lambda t: abs(t), "pos": lambda t: +t, "sum": lambda t: t.sum(), "mean": lambda t: t.mean(),
    "max": lambda t: t.max(), "min": lambda t: t.min(), "reshape": lambda t: t.reshape(2, 2),
    "transpose": lambda t: t.reshape(2, 2).T, "squeeze": lambda t: t.reshape(1, 4).squeeze(),
    "expand_dims": lambda t: t.expand_dims(0), "getitem": lambda t: t[1:3], "astype": lambda t: t.astype(ms.float16),
    "copy": lambda t: t.copy(), "flatten": lambda t: t.reshape(2, 2).flatten(),
}


def _status_after(fn, mode):
    ms.set_context(mode=mode)
    status = ops.NPUAllocFloatStatus()()
    ops.NPUClearFloatStatus()(status)
    x = Tensor(INF)
    if mode == ms.GRAPH_MODE:
        ms.jit(fn)(x)
    else:
        fn(x)
    return ops.NPUGetFloatStatus()(status).asnumpy()


@pytest.fixture(autouse=True)
def _disarmed():
    float_status.reset()
    yield
    float_status.reset()


@pytest.mark.parametrize("mode", [ms.PYNATIVE_MODE, ms.GRAPH_MODE], ids=["pynative", "graph"])
@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_an_inf_through_a_tensor_operation_sets_the_float_status(name, mode):
    assert _status_after(OPERATIONS[name], mode).sum() > 0


def test_a_finite_input_leaves_the_status_clear():
    ms.set_context(mode=ms.PYNATIVE_MODE)
    status = ops.NPUAllocFloatStatus()()
    ops.NPUClearFloatStatus()(status)
    (Tensor(np.ones(4, np.float32)) * 2.0).sum()
    assert ops.NPUGetFloatStatus()(status).asnumpy().sum() == 0


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_a_tensor_operation_gives_the_same_values_compiled(name):
    x = Tensor(np.array([0.5, -1.5, 2.0, 3.25], np.float32))
    eager = OPERATIONS[name](x).asnumpy()
    compiled = ms.jit(OPERATIONS[name])(x).asnumpy()
    np.testing.assert_array_equal(eager, compiled)


def test_setitem_writes_through_the_setitem_op_and_keeps_the_dtype():
    x = Tensor(np.zeros((2, 3), np.float32))
    x[0, 1:] = 2.5
    x[1] = Tensor(np.array([1, 2, 3], np.int32))
    np.testing.assert_array_equal(x.asnumpy(), np.array([[0, 2.5, 2.5], [1, 2, 3]], np.float32))
    assert x.dtype == ms.float32


def test_tensor_arithmetic_differentiates():
    grad = ms.grad(lambda t: (t * t / 2.0).sum() + t @ t)  # d/dt = t + 2t
    x = Tensor(np.array([1.0, 2.0, 3.0], np.float32))
    np.testing.assert_allclose(grad(x).asnumpy(), 3 * np.array([1.0, 2.0, 3.0]), rtol=1e-6)


def test_operators_keep_mindspore_promotion():
    i = Tensor(np.array([1, 2, 3], np.int32))
    assert (i + 1).dtype == ms.int32
    assert (i + 1.5).dtype == ms.float32
    assert (i / 2).dtype == ms.float32
    assert (i // 2).dtype == ms.int32
    assert (Tensor(np.array([True, False])) & Tensor(np.array([True, True]))).dtype == ms.bool_
    assert (~Tensor(np.array([True, False]))).asnumpy().tolist() == [False, True]
    np.testing.assert_array_equal((Tensor(np.array([-7, 7], np.int32)) % 3).asnumpy(), [2, 1])
