"""Random ops replayed (`sporax._runtime.call_replay.KeyDraw`): a recorded call's key draw is a
step of its own, so every replay draws the next key of the op's stream where the eager call
would have, and a seeded sequence of calls is the eager sequence bit for bit, replays and all."""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import pytest

import sporax as ms
import sporax.mint  # noqa: F401
import sporax.numpy  # noqa: F401
from sporax import Tensor, ops
from sporax._runtime import random_keys
from sporax.ops import _call_cache
from tests.ops.replay_support import bits, every_call_eager

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
sys.path.insert(0, str(DATA))
from differential_cases import Runner, first_cases, has_parameters  # noqa: E402

RUNNER = Runner(ms)
CALLS = _call_cache.EAGER_CALLS + 4  # four eager calls, two recordings, then replays
SAMPLED = [chosen for _, chosen in sorted(first_cases(
    DATA, lambda case, info: case.facts is not None and not has_parameters(case)).items())]


def seeded_sequence(call, seed=11):
    """`CALLS` results of `call` after `set_seed(seed)`, and how many of them were replays."""
    ms.set_seed(seed)
    before = _call_cache.replays
    results = [bits(call()) for _ in range(CALLS)]
    return results, _call_cache.replays - before


def eager_sequence(call, seed=11):
    with every_call_eager():
        results, replays = seeded_sequence(call, seed)
    assert replays == 0
    return results


def call_of(npz, case, key):
    count = sum(1 for k in npz.files if k.startswith(f"{key}/a"))
    arrays = {i: npz[f"{key}/a{i}"] for i in range(count)}
    fn = RUNNER.resolve(case)  # once: a primitive keeps its own recordings
    return lambda: fn(*RUNNER.inputs(case, arrays)[0], **RUNNER.inputs(case, arrays)[1])


# Samplers whose calls must replay; the others stay eager for a reason of their own: they write
# their argument in place (normal_) or check values (UniformInt's minval < maxval). A functional
# form that builds its primitive per call (randperm, random_categorical, log_normal) replays too.
REPLAYED = {"ops.standard_normal", "ops.uniform", "ops.normal", "ops.rand", "ops.randn", "ops.randint",
            "ops.gamma", "ops.poisson", "ops.multinomial", "ops.dropout", "ops.rrelu", "ops.gumbel_softmax",
            "ops.shuffle", "ops.StandardNormal", "ops.UniformReal", "ops.Gamma", "ops.Poisson", "ops.Multinomial",
            "ops.Cauchy", "ops.LogNormalReverse", "mint.rand", "mint.randn", "mint.normal",
            "mint.nn.functional.dropout", "numpy.rand", "Tensor.uniform", "ops.randperm", "ops.random_categorical",
            "Tensor.log_normal"}


def test_the_sampled_ops_are_the_random_ones():
    targets = {case.target for _, case, _ in SAMPLED}
    assert REPLAYED <= targets and len(SAMPLED) > 40


@pytest.mark.parametrize("chunk", range(4))
def test_replayed_draws_are_the_eager_draws(chunk):
    for npz, case, key in SAMPLED[chunk::4]:
        call = call_of(npz, case, key)
        eager = eager_sequence(call)
        if eager != eager_sequence(call):
            continue  # not a seeded draw (data_ptr's address)
        cached, replays = seeded_sequence(call)
        # Equal sequences also show that recording a call drew nothing: a draw would shift the rest.
        assert cached == eager, f"{case.id}: a replayed draw differs from the eager one"
        if case.target in REPLAYED:
            assert replays == CALLS - _call_cache.EAGER_CALLS, f"{case.id}: replayed {replays} times"


def test_ops_sharing_a_stream_interleave_as_eagerly():
    x = Tensor(np.linspace(-1, 1, 24, dtype=np.float32).reshape(4, 6))

    def round_of_calls():  # dropout, rrelu and rand draw from streams the others move too
        return [ops.dropout(x, p=0.5), ops.rrelu(x), ops.rand(3, 2), ops.dropout(x, p=0.25)]

    eager = eager_sequence(round_of_calls, seed=5)
    cached, replays = seeded_sequence(round_of_calls, seed=5)
    assert replays > 0 and cached == eager
    assert len({repr(r[0]) for r in cached}) == CALLS  # every call drew new values


def test_set_seed_restarts_a_replayed_stream():
    sampler = ops.StandardNormal(seed=3, seed2=4)
    first, replays = seeded_sequence(lambda: sampler((2, 3)), seed=9)
    again, replays_again = seeded_sequence(lambda: sampler((2, 3)), seed=9)
    assert replays > 0 and replays_again == CALLS  # every call of the second sequence replayed
    assert again == first


def test_a_key_read_outside_a_primitive_is_never_replayed():
    x = Tensor(np.zeros(2, np.float32))

    def noise_from_key_words(x):  # the key's words become a constant: a replay could not redo that
        words = np.asarray(random_keys.op_key(0, 0), np.float32)
        return ops.add(x, Tensor(words))

    cached_fn = _call_cache.cached(noise_from_key_words)
    eager = eager_sequence(lambda: noise_from_key_words(x))
    cached, _ = seeded_sequence(lambda: cached_fn(x))  # (its ops.add replays inside the eager call)
    assert cached == eager and len({repr(c) for c in cached}) == CALLS
    assert list(cached_fn._signatures.values()) == [_call_cache._EAGER]

