"""Every op of the differential tables, called repeatedly on MindSpore's stored inputs: the
first call past the eager ones (a replay where the op can be replayed) returns the first call's result bit for
bit, and most ops are replayed."""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import pytest

import sporax
import sporax.mint  # noqa: F401
import sporax.numpy  # noqa: F401
from sporax.ops import _call_cache

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
sys.path.insert(0, str(DATA))
from differential_cases import Runner, first_cases, has_parameters  # noqa: E402

RUNNER = Runner(sporax)


def deterministic(case, info) -> bool:
    """Cases whose output is a value, not a draw, and that hold no Parameters."""
    return case.facts is None and case.seed is None and not has_parameters(case)


CASES = [chosen for _, chosen in sorted(first_cases(DATA, deterministic).items())]


def bits(value):
    if isinstance(value, (tuple, list)):
        return [bits(v) for v in value]
    if isinstance(value, sporax.Tensor):
        array = value.asnumpy()
        return ("tensor", array.dtype.str, array.shape, array.tobytes())
    return repr(value)


def call_of(npz, case, key):
    count = sum(1 for k in npz.files if k.startswith(f"{key}/a"))
    arrays = {i: npz[f"{key}/a{i}"] for i in range(count)}
    fn = RUNNER.resolve(case)
    return lambda: fn(*RUNNER.inputs(case, arrays)[0], **RUNNER.inputs(case, arrays)[1])


@pytest.mark.parametrize("chunk", range(8))
def test_replayed_calls_return_the_eager_result(chunk):
    replayed = compared = 0
    for npz, case, key in CASES[chunk::8]:
        call = call_of(npz, case, key)
        first = bits(call())
        for _ in range(_call_cache.EAGER_CALLS - 1):
            second = bits(call())
        before = _call_cache.replays
        third = bits(call())
        was_replay = _call_cache.replays > before
        replayed += was_replay
        if first == second:  # a deterministic op: the replay must be the same
            compared += 1
            assert third == first, f"{case.id}: the replayed call differs from the eager one"
        else:
            assert not was_replay, f"{case.id}: draws differ from call to call, yet it was replayed"
    assert compared > 0.9 * len(CASES[chunk::8])
    assert replayed > 0.5 * len(CASES[chunk::8]), f"only {replayed} of {len(CASES[chunk::8])} ops replayed"
