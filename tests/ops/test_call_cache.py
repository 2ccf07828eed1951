"""Eager calls replayed per argument signature (`sporax.ops._call_cache`): a replay returns
what the eager call returns, bit for bit, and every call whose result depends on more than
its arguments' signature (random draws, Parameters, value checks, in-place writes, the
float-status register, warnings) keeps running eagerly."""
from __future__ import annotations

import warnings

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import sporax as ms
from sporax import Parameter, Tensor, mint, nn, ops
from sporax.ops import _call_cache
from tests.ops.replay_support import bits, every_call_eager

WARM = _call_cache.EAGER_CALLS + 1  # calls that make a signature's next call a replay


def replayed(call, *args, **kwargs):
    """`call(*args, **kwargs)`, and whether it was a replay."""
    before = _call_cache.replays
    result = call(*args, **kwargs)
    return result, _call_cache.replays > before


def counting(fn):
    """`fn` cached, with a count of the times its Python code runs."""
    runs = []

    def body(*args, **kwargs):
        runs.append(1)
        return fn(*args, **kwargs)

    return _call_cache.cached(body), runs


def test_third_call_replays_without_running_the_python_code():
    f, runs = counting(lambda x, y: ops.mul(ops.add(x, y), 2.0))
    x, y = Tensor(np.arange(6, dtype=np.float32).reshape(2, 3)), Tensor(np.ones((2, 3), np.float32))
    eager = [f(x, y) for _ in range(_call_cache.EAGER_CALLS)]
    assert len(runs) == _call_cache.EAGER_CALLS + 2  # the last eager call was then recorded twice
    for _ in range(5):
        out, was_replay = replayed(f, x, y)
        assert was_replay
    assert len(runs) == _call_cache.EAGER_CALLS + 2
    assert bits(out) == bits(eager[0]) == bits(eager[-1])
    np.testing.assert_array_equal(out.asnumpy(), (np.arange(6).reshape(2, 3) + 1) * 2)


def test_a_replay_computes_on_the_new_values():
    f, _ = counting(lambda x: ops.exp(x) - 1)
    for _ in range(_call_cache.EAGER_CALLS):
        f(Tensor(np.zeros(4, np.float32)))
    values = np.array([0.5, -1.0, 3.0, 1e-7], np.float32)
    out, was_replay = replayed(f, Tensor(values))
    assert was_replay
    assert bits(out) == bits(ops.exp(Tensor(values)) - 1)


@settings(max_examples=25, deadline=None)
@given(hnp.arrays(np.float32, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4),
                  elements=st.floats(-1e3, 1e3, width=32)), st.sampled_from(["lerp", "softmax", "sum", "clamp"]))
def test_replays_equal_eager_calls_bit_for_bit(values, op):
    calls = {"lerp": lambda x: mint.lerp(x, x * 2, 0.25), "softmax": lambda x: ops.softmax(x, -1),
             "sum": lambda x: x.sum(0, keepdims=True), "clamp": lambda x: mint.clamp(x, -1.5, 2.0)}
    eager = calls[op](Tensor(values))
    for _ in range(WARM):
        out = calls[op](Tensor(values))
    assert bits(out) == bits(eager)


def test_python_values_are_part_of_the_signature():
    x = Tensor(np.ones((2, 3), np.float32))
    for _ in range(WARM):
        assert ops.sum(x, 0).shape == (3,)
    assert ops.sum(x, 1).shape == (2,)
    for _ in range(WARM):
        positive = ops.mul(x, 0.0)
    negative = ops.mul(x, -0.0)  # 0.0 == -0.0, but the signature tells them apart
    assert not np.signbit(positive.asnumpy()).any() and np.signbit(negative.asnumpy()).all()
    assert ops.add(x, True).dtype == ms.float32 and ops.add(x, 1).asnumpy()[0, 0] == 2.0


def _item_identity(v):
    """What a signature must tell apart in a tuple's item: its type and, for a float, its bits
    (-0.0 is not 0.0; every NaN here is the one float('nan'))."""
    return (type(v), np.float64(v).tobytes() if isinstance(v, float) else v)


_items = st.one_of(st.integers(-3, 3), st.booleans(), st.sampled_from([0.0, -0.0, 1.0, -1.0, 0.5, float("nan"),
                                                                       float("inf")]))
# Items that Python's == (and hash) takes for one another, though an op may treat them apart.
_TWINS = [[0, False, 0.0, -0.0], [1, True, 1.0], [-1, -1.0]]


def _twin_of(v):
    """Another item of `v`'s group of twins (`v` itself if it has none)."""
    for group in _TWINS:
        for i, member in enumerate(group):
            if _item_identity(member) == _item_identity(v):
                return group[(i + 1) % len(group)]
    return v


@settings(max_examples=200, deadline=None)
@given(st.lists(_items, max_size=4), st.data(), st.sampled_from([tuple, list]))
def test_tuples_share_a_signature_exactly_when_their_items_are_the_same(a, data, kind):
    b = list(a)
    if b and data.draw(st.booleans()):  # a near miss: one item swapped for a twin (0 for -0.0, 1 for True)
        i = data.draw(st.integers(0, len(b) - 1))
        b[i] = _twin_of(b[i])
    elif data.draw(st.booleans()):
        b = data.draw(st.lists(_items, max_size=4))

    def key(items):
        return _call_cache._signature((kind(items),), {}, [])

    same = len(a) == len(b) and all(map(lambda u, v: _item_identity(u) == _item_identity(v), a, b))
    assert (key(a) == key(b)) == same
    if same:
        assert hash(key(a)) == hash(key(b))


def test_bad_input_still_raises_after_replays():
    x, y = Tensor(np.ones((2, 3), np.float32)), Tensor(np.ones((2, 3), np.float32))
    for _ in range(WARM):
        ops.add(x, y)
    with pytest.raises(ValueError, match="For 'Add'"):
        ops.add(x, Tensor(np.ones((4, 5), np.float32)))
    with pytest.raises(TypeError, match="must be Tensors or numbers .* 'str' 'a'"):
        ops.add(x, "a")
    indices = Tensor(np.array([[0, 1]], np.int32))
    gather = ops.GatherNd()
    for _ in range(WARM):
        gather(x, indices)
    with pytest.raises(ValueError, match="must be in range"):  # the replay checks the values too
        gather(x, Tensor(np.array([[5, 1]], np.int32)))


def test_random_draws_are_fresh_and_seeded_as_eager():
    def draws(call):
        ms.set_seed(7)
        return [bits(call()) for _ in range(WARM + 3)]

    shape = (3,)
    cached = draws(lambda: ops.standard_normal(shape))
    eager = draws(lambda: ops.standard_normal.__wrapped__(shape))
    assert cached == eager and len({repr(d) for d in cached}) == WARM + 3


def test_a_parameter_the_call_closes_over_is_never_replayed():
    weight = Parameter(Tensor(np.ones(3, np.float32)), name="w")
    f, _ = counting(lambda x: ops.add(x, weight))  # (a Parameter argument is: test_call_cache_parameters)
    x = Tensor(np.zeros(3, np.float32))
    for _ in range(WARM):
        f(x)
    weight.set_data(Tensor(np.full(3, 5.0, np.float32)))
    assert f(x).asnumpy().tolist() == [5.0, 5.0, 5.0]  # (its ops.add, given the Parameter, replays)
    assert list(f._signatures.values()) == [_call_cache._EAGER]


def test_a_tensor_the_call_closes_over_is_never_written_while_recording():
    target = Tensor(np.zeros(3, np.float32))

    def write_first(x):
        target[0] = x[0]
        return ops.add(x, 1.0)

    f = _call_cache.cached(write_first)
    for i in range(WARM + 2):
        out = f(Tensor(np.full(3, float(i), np.float32)))
        assert type(target._data) is type(out._data)  # a concrete array, never a recording's tracer
        assert target.asnumpy().tolist() == [float(i), 0.0, 0.0]
    assert list(f._signatures.values()) == [_call_cache._EAGER]


def test_in_place_methods_still_write():
    x = Tensor(np.zeros(2, np.float32))
    for i in range(WARM + 2):
        result = x.add_(1.0)
        assert result is x
        assert x.asnumpy().tolist() == [i + 1.0, i + 1.0]


def test_in_place_methods_replay_and_write_the_callers_tensor():
    def sequence():
        ms.set_seed(4)
        x, y = Tensor(np.ones((2, 3), np.float32)), Tensor(np.zeros(4, np.float32))
        out = []
        for i in range(WARM + 3):
            assert x.mul_(1.5) is x and y.uniform_() is y
            out += [bits(x), bits(y), bits(x.sigmoid_())]
        return out

    before = _call_cache.replays
    cached = sequence()
    assert _call_cache.replays - before >= 3 * 3
    with every_call_eager():
        assert cached == sequence()


def test_a_tensor_written_in_place_and_passed_twice_is_not_replayed():
    def bump_then_read(a, b):  # reads b after writing a: one Tensor as both sees the new value
        a.add_(1.0)
        return ops.mul(b, 1.0)

    f = _call_cache.cached(bump_then_read)
    x, w = Tensor(np.zeros(2, np.float32)), Tensor(np.full(2, 7.0, np.float32))
    for _ in range(WARM):
        assert f(x, w).asnumpy().tolist() == [7.0, 7.0]
    assert isinstance(next(iter(f._signatures.values())), _call_cache._Replay)
    assert f(x, x).asnumpy().tolist() == [WARM + 1.0] * 2 and x.asnumpy().tolist() == [WARM + 1.0] * 2


def test_the_float_status_register_is_read_on_every_call():
    status = ops.NPUAllocFloatStatus()()
    get, clear = ops.NPUGetFloatStatus(), ops.NPUClearFloatStatus()
    try:
        for _ in range(WARM):
            assert not get(status).asnumpy().any()
        ops.log(Tensor(np.array([-1.0], np.float32)))  # NaN
        assert get(status).asnumpy().any()
        clear(status)
    finally:
        from sporax._runtime import float_status
        float_status.reset()


def test_changing_an_attribute_forgets_the_recorded_calls():
    reduce = ops.ReduceSum()
    x = Tensor(np.ones((2, 3), np.float32))
    for _ in range(WARM):
        assert reduce(x, 1).shape == (2,)
    reduce.add_prim_attr("keep_dims", True)
    assert reduce(x, 1).shape == (2, 1)


def test_a_replay_runs_the_kernel_of_its_primitives_attributes_of_now():
    # The function's own recording stays (its Python code is unchanged); the primitive it
    # holds changes, and a replay keeps each step's kernel only while the step's key holds.
    reduce = ops.ReduceSum()
    f, runs = counting(lambda x: reduce(x, 1) * 2.0)
    x = Tensor(np.arange(6, dtype=np.float32).reshape(2, 3))
    for _ in range(WARM):
        f(x)
    out, was_replay = replayed(f, x)
    assert was_replay and out.shape == (2,)
    reduce.add_prim_attr("keep_dims", True)
    out, was_replay = replayed(f, x)
    assert was_replay and len(runs) == _call_cache.EAGER_CALLS + 2
    np.testing.assert_array_equal(out.asnumpy(), [[6.0], [24.0]])
    reduce.add_prim_attr("keep_dims", False)
    out, was_replay = replayed(f, x)
    assert was_replay
    np.testing.assert_array_equal(out.asnumpy(), [6.0, 24.0])


def test_a_call_that_warns_keeps_warning():
    def noisy(x):
        warnings.warn("deprecated", DeprecationWarning)
        return ops.neg(x)

    f = _call_cache.cached(noisy)
    x = Tensor(np.ones(2, np.float32))
    for _ in range(WARM):
        with pytest.warns(DeprecationWarning):
            f(x)


def test_graph_mode_and_no_grad_are_not_replayed():
    x = Tensor(np.arange(3, dtype=np.float32))
    for _ in range(WARM):
        eager = ops.mul(x, 3.0)
    graph = ms.jit(lambda t: ops.mul(t, 3.0))(x)
    assert bits(graph) == bits(eager)
    with ms._no_grad():
        _, was_replay = replayed(ops.mul, x, 3.0)
    assert not was_replay


def test_a_returned_argument_is_the_callers_object():
    f = _call_cache.cached(lambda x, y: (x, ops.add(x, y)))
    x, y = Tensor(np.ones(2, np.float32)), Tensor(np.ones(2, np.float32))
    for _ in range(WARM):
        same, total = f(x, y)
    assert same is x and total.asnumpy().tolist() == [2.0, 2.0]


def test_a_layer_without_parameters_replays_its_functional_call():
    pool = mint.nn.AvgPool2d(2)
    x = Tensor(np.arange(16, dtype=np.float32).reshape(1, 1, 4, 4))
    first = pool(x)
    for _ in range(WARM):
        out = pool(x)
    assert bits(out) == bits(first)
    dense = nn.Dense(3, 2)  # reads its Parameters: eager, and sees their updates
    x = Tensor(np.ones((1, 3), np.float32))
    for _ in range(WARM):
        dense(x)
    dense.weight.set_data(Tensor(np.zeros((2, 3), np.float32)))
    np.testing.assert_array_equal(dense(x).asnumpy(), dense.bias.asnumpy()[None])


def test_a_subclass_call_and_its_super_call_keep_their_own_recordings():
    class Base(ops.Primitive):
        def __init__(self):
            super().__init__("Base")

        def __call__(self, x):
            return ops.Primitive.__call__(self, x)

        def _compute(self, x):
            return x + 1

    class Doubled(Base):
        def __call__(self, x):  # the same signature as Base's, a different result
            return ops.mul(super().__call__(x), 2.0)

    op, x = Doubled(), Tensor(np.zeros(2, np.float32))
    for _ in range(WARM + 2):
        assert op(x).asnumpy().tolist() == [2.0, 2.0]


def test_two_primitives_of_one_class_keep_their_own_recordings():
    add, sub = ops.scalar_add, ops.scalar_sub  # one class, the operator held by the instance
    for _ in range(WARM):
        assert (add(7, 2), sub(7, 2)) == (9, 5)


INDEX_TABLE_OPS = {  # ops whose Python code builds a NumPy index table (or window) on every call
    "diagonal": (ops.diagonal, lambda x: (x, 1)),
    "diagonal_scatter": (ops.diagonal_scatter, lambda x: (x, Tensor(x.asnumpy()[0, :3] * -1))),
    "slice_scatter": (ops.slice_scatter, lambda x: (x, Tensor(x.asnumpy()[:, 1:3] * 10), 1, 1, 3)),
    "select_scatter": (ops.select_scatter, lambda x: (x, Tensor(x.asnumpy()[0]), 0, 2)),
    "stft": (ops.stft, lambda x: (x, 4)),
}


@pytest.mark.parametrize("name", sorted(INDEX_TABLE_OPS))
def test_an_index_table_built_by_the_python_code_is_replayed(name):
    """The table is a kept constant, not an array made during the recording, so the call is
    replayed, and computes on its new arguments as the eager call does."""
    op, arguments = INDEX_TABLE_OPS[name]
    op._signatures.clear()
    calls = [arguments(Tensor(np.arange(12, dtype=np.float32).reshape(3, 4) * k - 5)) for k in range(1, WARM + 2)]
    results = [bits(op(*args)) for args in calls]
    assert [entry.__class__ for entry in op._signatures.values()] == [_call_cache._Replay]
    with every_call_eager():
        assert results == [bits(op(*args)) for args in calls]
