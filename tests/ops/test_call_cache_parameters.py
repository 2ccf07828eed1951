"""Calls given Parameters, replayed (`sporax.ops._call_cache`): a replay reads each Parameter
argument when it starts and stores what the call wrote when it ends, so layers and optimizer
primitives in PYNATIVE_MODE replay, and every value they return or leave in a Parameter is the
eager one, bit for bit."""
from __future__ import annotations

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import sporax as ms
from sporax import Parameter, Tensor, nn, ops
from sporax.common.initializer import initializer
from sporax.ops import _call_cache
from tests.ops.replay_support import bits, every_call_eager

WARM = _call_cache.EAGER_CALLS + 1
STEPS = _call_cache.EAGER_CALLS + 4


def cached_and_eager(run):
    """`run()` with the call cache, and with every call eager: (cached result, eager result,
    replays in the cached run)."""
    before = _call_cache.replays
    cached = run()
    replays = _call_cache.replays - before
    with every_call_eager():
        eager = run()
    return cached, eager, replays


def test_layers_with_parameters_replay_as_eager():
    def train_steps():
        ms.set_seed(3)
        dense, conv, norm = nn.Dense(4, 3), nn.Conv2d(2, 3, 3), nn.BatchNorm1d(3)
        norm.set_train(True)
        out = []
        for step in range(STEPS):
            x = Tensor(np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4) * (step + 1))
            image = Tensor(np.linspace(-1, 1, 100, dtype=np.float32).reshape(2, 2, 5, 5) + step)
            out += [dense(x), conv(image), norm(dense(x)), Tensor(norm.moving_mean.asnumpy()),
                    Tensor(norm.moving_variance.asnumpy())]
        return bits(out)

    cached, eager, replays = cached_and_eager(train_steps)
    assert replays >= 5 * (STEPS - WARM)  # matmul, bias add, conv, batch norm and its inputs' ops
    assert cached == eager
    assert len({repr(moving_mean) for moving_mean in cached[3::5]}) == STEPS  # updated on every call


OPTIMIZERS = {
    "Adam": (ops.Adam, 3, lambda g: (Tensor(np.float32(0.9)), Tensor(np.float32(0.99)), Tensor(np.float32(0.01)),
                                     Tensor(np.float32(0.9)), Tensor(np.float32(0.999)), Tensor(np.float32(1e-8)), g)),
    "ApplyMomentum": (ops.ApplyMomentum, 2, lambda g: (Tensor(np.float32(0.1)), g, Tensor(np.float32(0.9)))),
    "ApplyAdagrad": (ops.ApplyAdagrad, 2, lambda g: (Tensor(np.float32(0.1)), g)),
    "ApplyGradientDescent": (ops.ApplyGradientDescent, 1, lambda g: (Tensor(np.float32(0.1)), g)),
    # scalars of other dtypes and shapes than var's (an int32 step, a float64 and a (1,) rate): the
    # kernel takes them in var's dtype, and the call replays
    "ApplyAdagradDA": (ops.ApplyAdagradDA, 3, lambda g: (g, Tensor(np.float64([0.1])), 0.01, Tensor(np.float32(0.02)),
                                                         Tensor(np.int32(2)))),
    # epsilon as a pair of numbers (one constant), and as a Tensor of 2 in another dtype and shape
    "FusedAdaFactor": (ops.FusedAdaFactor, 5, lambda g: ((1e-30, 1e-3), 1.0, 0.9, 0.8, 1e-2, 0.03, g)),
    "FusedAdaFactorWithGlobalNorm": (
        ops.FusedAdaFactorWithGlobalNorm, 5,
        lambda g: (Tensor(np.float64([[1e-30], [1e-3]])), 1.0, 0.9, 0.8, 1e-2, 0.03, g, Tensor(np.float32(2.5)))),
}


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
@settings(max_examples=5, deadline=None)
@given(grads=hnp.arrays(np.float32, (STEPS, 3), elements=st.floats(-4, 4, width=32)))
def test_optimizer_primitives_write_their_parameters_as_eager(name, grads):
    build, state_count, rest = OPTIMIZERS[name]

    def steps():
        state = [Parameter(Tensor(np.full(3, 0.5 + i, np.float32)), name=f"s{i}") for i in range(state_count)]
        optimizer = build()
        out = []
        for g in grads:
            others = rest(Tensor(g))
            if name.startswith("FusedAdaFactor"):  # epsilon, 5 numbers and the gradient come first
                out.append(optimizer(*others[:7], *state, *others[7:]))
            else:
                out.append(optimizer(*state, *others))
            out += [Tensor(p.asnumpy()) for p in state]
        return bits(out)

    cached, eager, replays = cached_and_eager(steps)
    assert replays == STEPS - _call_cache.EAGER_CALLS
    assert cached == eager


def test_a_write_is_seen_by_the_reads_after_it():
    def assign_then_add(p, x):
        return ops.add(ops.Assign()(p, x), p)

    f = _call_cache.cached(assign_then_add)
    p = Parameter(Tensor(np.zeros(2, np.float32)), name="p")
    for i in range(WARM + 3):
        out = f(p, Tensor(np.full(2, float(i), np.float32)))
        assert out.asnumpy().tolist() == [2.0 * i] * 2 and p.asnumpy().tolist() == [float(i)] * 2
    assert isinstance(next(iter(f._signatures.values())), _call_cache._Replay)


def test_a_replay_writes_the_parameter_it_is_given():
    assign = ops.Assign()
    first = Parameter(Tensor(np.zeros(3, np.float32)), name="first")
    second = Parameter(Tensor(np.zeros(3, np.float32)), name="second")
    for i in range(WARM):
        assign(first, Tensor(np.full(3, float(i), np.float32)))
    before = _call_cache.replays
    assign(second, Tensor(np.full(3, 7.0, np.float32)))
    assert _call_cache.replays == before + 1
    assert second.asnumpy().tolist() == [7.0] * 3 and first.asnumpy().tolist() == [WARM - 1.0] * 3


def test_set_data_between_replays_is_read():
    weight = Parameter(Tensor(np.ones(3, np.float32)), name="w")
    x = Tensor(np.zeros(3, np.float32))
    for _ in range(WARM):
        ops.add(weight, x)
    weight.set_data(Tensor(np.full(3, 5.0, np.float32)))
    before = _call_cache.replays
    assert ops.add(weight, x).asnumpy().tolist() == [5.0] * 3 and _call_cache.replays == before + 1


def test_bad_input_after_replays_leaves_the_parameter_unchanged():
    assign = ops.Assign()
    p = Parameter(Tensor(np.zeros(3, np.float32)), name="p")
    for _ in range(WARM):
        assign(p, Tensor(np.ones(3, np.float32)))
    with pytest.raises(ValueError, match="Assign"):
        assign(p, Tensor(np.ones(4, np.float32)))
    with pytest.raises(TypeError, match="can not be converted to current dtype implicitly"):
        assign(p, Tensor(np.ones(3, np.int32)).astype(ms.float64))
    assert p.asnumpy().tolist() == [1.0] * 3 and p.dtype == ms.float32


def test_a_lazy_parameter_is_read_eagerly_and_replayed_once_it_holds_data():
    lazy = Parameter(initializer("ones", (3,), ms.float32), name="lazy")
    x = Tensor(np.arange(3, dtype=np.float32))
    assert lazy.has_init
    before = _call_cache.replays
    results = [ops.mul(lazy, x).asnumpy().tolist() for _ in range(WARM + 1)]
    assert results == [[0.0, 1.0, 2.0]] * (WARM + 1)
    assert _call_cache.replays == before + 1  # the first call materialised it; the rest are data


def test_a_parameter_read_around_the_recorder_is_never_replayed():
    def add_stored(p, x):  # the storage itself, not the Parameter's value as the runtime reads it
        return ops.Add()(x, Tensor._wrap(p.__dict__["_data"]))

    f = _call_cache.cached(add_stored)
    p = Parameter(Tensor(np.ones(2, np.float32)), name="p")
    x = Tensor(np.zeros(2, np.float32))
    for i in range(WARM + 1):
        p.set_data(Tensor(np.full(2, float(i), np.float32)))
        assert f(p, x).asnumpy().tolist() == [float(i)] * 2
    assert list(f._signatures.values()) == [_call_cache._EAGER]


def test_one_parameter_twice_is_another_signature_than_two():
    mul = ops.Mul()
    p = Parameter(Tensor(np.full(2, 3.0, np.float32)), name="p")
    q = Parameter(Tensor(np.full(2, 5.0, np.float32)), name="q")
    for _ in range(WARM):
        assert mul(p, p).asnumpy().tolist() == [9.0, 9.0]
    before = _call_cache.replays
    assert mul(p, q).asnumpy().tolist() == [15.0, 15.0] and _call_cache.replays == before
    assert mul(q, q).asnumpy().tolist() == [25.0, 25.0] and _call_cache.replays == before + 1


def test_a_process_whose_first_cached_call_starts_with_a_parameter_replays_it():
    """The array class a signature accepts is learnt from the first array seen, a Parameter's
    as well as a Tensor's: a process that only ever calls an optimizer primitive (its first
    argument a Parameter) replays it from the fifth call on."""
    import ast
    import subprocess
    import sys
    program = (
        "import numpy as np\n"
        "from sporax import Parameter, Tensor, ops\n"
        "from sporax.ops import _call_cache\n"
        "var = Parameter(Tensor(np.ones(3, np.float32)), name='var')\n"
        "accum = Parameter(Tensor(np.zeros(3, np.float32)), name='accum')\n"
        "step, lr, grad, momentum = ops.ApplyMomentum(), Tensor(np.float32(0.1)), "
        "Tensor(np.full(3, 0.5, np.float32)), Tensor(np.float32(0.9))\n"
        "for _ in range(7):\n"
        "    step(var, accum, lr, grad, momentum)\n"
        "print(_call_cache.replays, var.asnumpy().tolist())\n")
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    replays, values = out.stdout.split(" ", 1)
    assert int(replays) == 7 - _call_cache.EAGER_CALLS
    accum, var = 0.0, 1.0
    for _ in range(7):
        accum = np.float32(accum * 0.9 + 0.5)
        var = np.float32(var - np.float32(0.1) * accum)
    assert ast.literal_eval(values) == pytest.approx([float(var)] * 3, rel=1e-6)
