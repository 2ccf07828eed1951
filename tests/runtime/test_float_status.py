"""Overflow detection with Ascend's semantics on every backend, eager and compiled."""
import warnings

import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, nn, ops
from sporax._runtime import float_status
from tests.seed.notebook import run_ported


def status(init):
    return ops.NPUGetFloatStatus()(init).asnumpy()


@pytest.mark.parametrize("dtype, make_overflow", [
    (np.float32, lambda x: ops.Mul()(x, Tensor(np.float32(3e38)))),
    (np.float16, lambda x: ops.Mul()(x, Tensor(np.float16(60000)))),
    (np.float32, lambda x: ops.Sub()(ops.Exp()(x * 100), ops.Exp()(x * 100))),  # inf - inf = NaN
    (np.float16, lambda x: x * 7000.0),  # Tensor operators are observed too
])
def test_inf_and_nan_are_detected_and_cleared(dtype, make_overflow):
    x = Tensor(np.full((2, 2), 10, dtype))
    init = ops.NPUAllocFloatStatus()()
    assert init.shape == (8,) and init.dtype == ms.float32 and not init.asnumpy().any()
    ops.Add()(x, x)
    assert not status(init).any()
    make_overflow(x)
    assert status(init).all()
    ops.NPUClearFloatStatus()(init)
    assert not status(init).any()
    ops.Add()(x, x)
    assert not status(init).any()


def test_not_armed_means_not_observed():
    ops.Mul()(Tensor(np.float32([3e38])), Tensor(np.float32([10])))
    assert np.asarray(float_status.read()).tolist() == [0.0] * 8


def test_status_in_graph_mode_equals_eager():
    class Net(nn.Cell):
        def construct(self, x, scale):
            init = ops.NPUAllocFloatStatus()()
            clean = ops.NPUGetFloatStatus()(ops.depend(init, x + 1))
            y = x * scale
            dirty = ops.NPUGetFloatStatus()(ops.depend(init, y))
            ops.NPUClearFloatStatus()(init)
            cleared = ops.NPUGetFloatStatus()(init)
            return clean, dirty, cleared

    for mode in (ms.PYNATIVE_MODE, ms.GRAPH_MODE):
        ms.set_context(mode=mode)
        x = Tensor(np.float32([1e38, 1.0]))
        clean, dirty, cleared = Net()(x, Tensor(np.float32([10.0, 1.0])))
        assert not clean.asnumpy().any() and dirty.asnumpy().all() and not cleared.asnumpy().any(), mode
        clean, dirty, cleared = Net()(x, Tensor(np.float32([1.0, 1.0])))
        assert not dirty.asnumpy().any(), mode


def test_float_status_and_is_finite():
    assert ops.FloatStatus()(Tensor(np.float32([1, np.inf]))).asnumpy().tolist() == [1.0]
    assert ops.FloatStatus()(Tensor(np.float32([1, 2]))).asnumpy().tolist() == [0.0]
    assert ms.amp.all_finite([Tensor(np.float32([1])), Tensor(np.float32([2]))]).asnumpy()
    assert not ms.amp.all_finite([Tensor(np.float32([np.nan]))]).asnumpy()


def test_seed_cell_20_prints_5s_with_one_ascend_warning(capsys):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run_ported(20)
    assert capsys.readouterr().out == "[[5. 5. 5.]\n [5. 5. 5.]\n [5. 5. 5.]]\n"
    assert len(caught) == 1 and "Ascend" in str(caught[0].message)
