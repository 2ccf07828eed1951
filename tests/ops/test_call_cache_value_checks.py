"""Ops that check their arguments' values (an index in range) replayed
(`sporax._runtime.call_replay.check_values`): each replay checks its own values where the eager
call did, so bad values raise the eager error, word for word, after any number of replays."""
from __future__ import annotations

import numpy as np
import pytest

from sporax import Tensor, ops
from sporax._runtime import call_replay
from sporax.ops import _call_cache
from tests.ops.replay_support import every_call_eager

WARM = _call_cache.EAGER_CALLS + 1


def eager_error(call):
    with every_call_eager(), pytest.raises((ValueError, RuntimeError)) as caught:
        call()
    return caught.type, str(caught.value)


x = Tensor(np.arange(6, dtype=np.float32).reshape(2, 3))
ones = Tensor(np.ones((1, 3), np.float32))
dims = Tensor(np.array([2, 3], np.int32))
lu = Tensor(np.array([[2.0, 1.0], [0.5, 3.0]], np.float32))
# Made here, not in the counted calls: `x * i` would be a replay of its own in a process that
# has multiplied such a Tensor by i before.
filled = [Tensor(np.full((2, 3), i, np.float32)) for i in range(_call_cache.EAGER_CALLS + 4)]
CASES = {  # op, a good call of it (indices changing per call), a call with a bad value
    "GatherNd": (ops.GatherNd(), lambda op, i: op(x, Tensor(np.array([[i % 2, 1]], np.int32))),
                 lambda op: op(x, Tensor(np.array([[5, 1]], np.int32)))),
    "TensorScatterElements": (ops.TensorScatterElements(0),
                              lambda op, i: op(x, Tensor(np.array([[i % 2, 0, 1]], np.int32)), ones),
                              lambda op: op(x, Tensor(np.array([[2, 0, 1]], np.int32)), ones)),
    "ScatterAddWithAxis": (ops.ScatterAddWithAxis(1),
                           lambda op, i: op(x, Tensor(np.array([[i % 3, 0, 1]], np.int32)), ones),
                           lambda op: op(x, Tensor(np.array([[0, -4, 1]], np.int32)), ones)),
    "MaskedScatter": (ops.MaskedScatter(),
                      lambda op, i: op(x, Tensor(np.eye(2, 3, k=i % 2, dtype=bool)), Tensor(np.ones(2, np.float32))),
                      lambda op: op(x, Tensor(np.ones((2, 3), bool)), Tensor(np.ones(2, np.float32)))),
    "UnravelIndex": (ops.UnravelIndex(), lambda op, i: op(Tensor(np.array([i % 6, 5], np.int32)), dims),
                     lambda op: op(Tensor(np.array([1, 6], np.int32)), dims)),
    "LuUnpack": (ops.LuUnpack(), lambda op, i: op(lu, Tensor(np.array([1 + i % 2, 2], np.int32)))[0],
                 lambda op: op(lu, Tensor(np.array([3, 2], np.int32)))),
    "CheckNumerics": (ops.CheckNumerics(), lambda op, i: op(filled[i]),
                      lambda op: op(Tensor(np.array([1.0, np.inf], np.float32)))),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_replays_check_the_values_of_each_call(name):
    op, good, bad = CASES[name]
    expected = eager_error(lambda: bad(op))
    before = _call_cache.replays
    results = [good(op, i).asnumpy() for i in range(WARM + 3)]
    assert _call_cache.replays - before == 4
    with every_call_eager():
        assert all(np.array_equal(r, good(op, i).asnumpy()) for i, r in enumerate(results))
    with pytest.raises(expected[0]) as caught:
        bad(op)
    assert str(caught.value) == expected[1]


def test_a_check_made_per_call_is_never_replayed():
    def gather_checked_by_a_closure(values, indices):
        def in_range(v):  # a new function per call: the two recordings differ
            if (v >= values.shape[0]).any():
                raise ValueError("out of range")
        call_replay.check_values(in_range, (indices._value(),))
        return ops.gather(values, indices, 0)

    f = _call_cache.cached(gather_checked_by_a_closure)
    for i in range(WARM + 1):
        assert f(x, Tensor(np.array([i % 2], np.int32))).asnumpy().tolist() == [[0, 1, 2], [3, 4, 5]][i % 2:i % 2 + 1]
    assert list(f._signatures.values()) == [_call_cache._EAGER]
    with pytest.raises(ValueError, match="out of range"):
        f(x, Tensor(np.array([2], np.int32)))
