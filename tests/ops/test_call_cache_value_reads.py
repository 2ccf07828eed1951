"""Ops that read a small argument's value on the host (paddings, a size, the bounds of a draw)
replayed (`sporax._runtime.call_replay.read_argument`): a recording stands only for the values
it read, so a call with other values runs eagerly and returns, and draws, what it would with no
cache at all."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import sporax as ms
import sporax.numpy as mnp
from sporax import Tensor, ops
from sporax.ops import _call_cache
from tests.ops.replay_support import bits, every_call_eager

WARM = _call_cache.EAGER_CALLS + 1  # calls that make a signature's next call a replay
x = Tensor(np.arange(12, dtype=np.float32).reshape(3, 4))


def paddings(*rows):
    return Tensor(np.array(rows, np.int64))


def replayed(call, *args):
    before = _call_cache.replays
    result = call(*args)
    return result, _call_cache.replays > before


def test_a_call_that_reads_a_small_argument_replays_for_that_value():
    op = ops.MirrorPad("REFLECT")
    pads = paddings((1, 1), (2, 0))
    with every_call_eager():
        expected = bits(op(x, pads))
    before = _call_cache.replays
    results = [bits(op(x, pads)) for _ in range(WARM + 2)]
    assert _call_cache.replays - before == 3
    assert results == [expected] * (WARM + 2)
    assert expected[1] == (5, 6)


def test_another_value_runs_eagerly_and_the_signature_stays_eager():
    op = ops.MirrorPad("SYMMETRIC")
    recorded, other = paddings((1, 0), (0, 2)), paddings((0, 2), (1, 1))
    for _ in range(WARM):
        op(x, recorded)
    with every_call_eager():
        expected = bits(op(x, other))
    result, was_replay = replayed(op, x, other)
    assert not was_replay and bits(result) == expected and expected[1] == (5, 6)
    # A value that changed once is a value that changes: replaying would rarely serve it.
    result, was_replay = replayed(op, x, recorded)
    assert not was_replay and bits(result)[1] == (4, 6)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from([((1, 0), (0, 2)), ((0, 2), (1, 1)), ((2, 2), (3, 0))]), min_size=1, max_size=12))
def test_every_call_returns_its_eager_result_whatever_the_values_do(sequence):
    op = ops.MirrorPad("REFLECT")
    results = [bits(op(x, paddings(*pads))) for pads in sequence]
    with every_call_eager():
        assert results == [bits(op(x, paddings(*pads))) for pads in sequence]


def test_draws_after_a_changed_value_are_the_eager_draws():
    # The values are compared before a replay draws its key: a call that falls back draws
    # once, eagerly, and the stream of draws is the one an uncached program makes.
    bounds = [(0, 10)] * (_call_cache.EAGER_CALLS + 3) + [(5, 9), (0, 10), (5, 9)]

    def draws():
        ms.set_seed(7)
        op = ops.UniformInt(seed=3, seed2=4)
        calls = [replayed(op, (2, 3), Tensor(np.array(lo, np.int32)), Tensor(np.array(hi, np.int32)))
                 for lo, hi in bounds]
        return [result.asnumpy().tolist() for result, _ in calls], [was_replay for _, was_replay in calls]

    cached, replays = draws()
    assert replays == [False] * _call_cache.EAGER_CALLS + [True] * 3 + [False] * 3
    with every_call_eager():
        assert cached == draws()[0]
    assert all(5 <= v < 9 for row in cached[-1] for v in row)


def body_reading(scale_of):
    """A cached function that multiplies by a number `scale_of` reads from its second argument."""
    return _call_cache.cached(lambda values, weights: values * scale_of(weights))


@pytest.mark.parametrize("count, replays", [(256, True), (257, False)])
def test_only_small_arguments_are_read_for_a_replay(count, replays):
    # 256 float32 values are 1024 bytes, the largest read a replay compares: a larger argument
    # is data, whose values change from call to call.
    f = body_reading(lambda w: float(w.asnumpy().sum()))
    weights = Tensor(np.full(count, 0.5, np.float32))
    results = [f(x, weights).asnumpy() for _ in range(WARM)]
    assert np.array_equal(results[-1], x.asnumpy() * count * 0.5)
    assert (list(f._signatures.values()) == [_call_cache._EAGER]) is not replays


def test_a_value_computed_inside_the_call_is_not_read():
    f = body_reading(lambda w: float((w + 1).asnumpy().sum()))
    weights = Tensor(np.ones(2, np.float32))
    for _ in range(WARM):
        assert np.array_equal(f(x, weights).asnumpy(), x.asnumpy() * 4)
    assert list(f._signatures.values()) == [_call_cache._EAGER]


def test_an_address_is_never_replayed():
    # Equal values are not the same buffer.
    arrays = [Tensor(np.ones(3, np.float32)) for _ in range(WARM + 3)]
    assert len({t.data_ptr() for t in arrays}) == len(arrays)


def test_text_follows_numpys_print_options_now():
    values = Tensor(np.array([1.0 / 3.0], np.float32))
    for _ in range(WARM):
        assert mnp.array_str(values) == "[0.33333334]"
    with np.printoptions(precision=3):
        assert mnp.array_str(values) == "[0.333]"
