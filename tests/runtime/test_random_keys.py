"""Eager random ops' keys: derived a block of draws at a time, each the same, bit for bit, as
PRNGKey(global seed) folded with the op's two seed words and its draw count."""
from __future__ import annotations

import jax
import numpy as np
import pytest

import sporax
from sporax import Tensor, ops
from sporax._runtime import random_keys


def derived_alone(base, seed0, seed1, count):
    key = jax.random.PRNGKey(np.uint32(base))
    for word in (seed0, seed1, count):
        key = jax.random.fold_in(key, np.uint32(word))
    return np.asarray(jax.random.key_data(key))


@pytest.mark.parametrize("base, seed0, seed1, count", [
    (0, 0, 0, 0), (5, 1, 2, random_keys._BLOCK - 1), (5, 1, 2, random_keys._BLOCK),
    (2**32 - 1, 7, 2**32 - 1, 10 * random_keys._BLOCK + 3), (123, 0xFFFFFFFF, 99, 1)])
def test_a_key_from_a_block_equals_the_key_derived_alone(base, seed0, seed1, count):
    key = random_keys.key_of(base, seed0, seed1, count)
    assert key.dtype == np.uint32 and key.shape == (2,)
    np.testing.assert_array_equal(key, derived_alone(base, seed0, seed1, count))


def test_next_key_counts_draws_per_stream_across_blocks_and_restarts_at_set_seed():
    sporax.set_seed(42)  # the conftest unsets it after the test
    first = [random_keys.next_key(3, 4) for _ in range(random_keys._BLOCK + 2)]
    other = random_keys.next_key(5, 6)
    for count, key in enumerate(first):
        np.testing.assert_array_equal(key, derived_alone(42, 3, 4, count))
    np.testing.assert_array_equal(other, derived_alone(42, 5, 6, 0))
    sporax.set_seed(42)
    np.testing.assert_array_equal(random_keys.next_key(3, 4), derived_alone(42, 3, 4, 0))


def test_kept_keys_cannot_be_written():
    key = random_keys.key_of(1, 2, 3, 4)
    with pytest.raises(ValueError):
        key[0] = 0
    np.testing.assert_array_equal(random_keys.key_of(1, 2, 3, 4), derived_alone(1, 2, 3, 4))


def test_seeded_draws_repeat_after_set_seed_and_differ_between_calls():
    sporax.set_seed(7)
    a = [ops.StandardNormal(seed=2, seed2=3)((4,)).asnumpy() for _ in range(3)]
    sporax.set_seed(7)
    b = [ops.StandardNormal(seed=2, seed2=3)((4,)).asnumpy() for _ in range(3)]
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    sporax.set_seed(7)
    normal = ops.StandardNormal(seed=2, seed2=3)
    draws = [normal((4,)).asnumpy() for _ in range(3)]
    assert not np.array_equal(draws[0], draws[1]) and not np.array_equal(draws[1], draws[2])
    np.testing.assert_array_equal(draws[0], a[0])
    assert isinstance(normal((4,)), Tensor)


@pytest.mark.parametrize("trace", [jax.make_jaxpr, jax.jit], ids=["make_jaxpr", "jit"])
def test_a_block_derived_inside_someones_trace_is_concrete_and_the_same(trace):
    """An eager op run inside a trace that is not sporax's (a user's jax.jit) still gets NumPy
    key data, the key derived alone."""
    random_keys._blocks.clear()
    keys = []

    def traced(x):
        keys.append(random_keys.key_of(9, 1, 2, 3 * random_keys._BLOCK + 5))
        return x

    trace(traced)(np.float32(1))
    assert isinstance(keys[0], np.ndarray)
    np.testing.assert_array_equal(keys[0], derived_alone(9, 1, 2, 3 * random_keys._BLOCK + 5))
