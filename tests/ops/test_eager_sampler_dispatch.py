"""What an eager draw, an in-place fill and masked_fill do per call: a sampling function's private
primitive is built once per (function, seed, attributes) and reused, the draws stay those of its
stream, no JAX primitive runs outside the op's kernel, and bad arguments raise on every call."""
from __future__ import annotations

import numpy as np
import pytest

import sporax as ms
from sporax import ops
from sporax.ops.function import random_func
from tests.ops.replay_support import bound_outside_kernels


def test_a_sampling_function_reuses_its_primitive_and_keeps_drawing_its_stream():
    ms.set_seed(7)
    first = [ops.rand(2, 3, seed=11).asnumpy() for _ in range(3)]
    kept = len(random_func._samplers)
    ms.set_seed(7)
    again = [ops.rand(2, 3, seed=11).asnumpy() for _ in range(3)]
    assert len(random_func._samplers) == kept
    assert all((a == b).all() for a, b in zip(first, again))
    assert not (first[0] == first[1]).all()  # each call draws the stream's next values


def test_other_attributes_are_other_samplers():
    ms.set_seed(3)
    low = ops.randint(0, 2, (64,)).asnumpy()
    high = ops.randint(10, 12, (64,)).asnumpy()
    assert set(low) <= {0, 1} and set(high) <= {10, 11}
    x = ms.Tensor(np.zeros(64, np.float32))
    assert set(x.uniform_(5.0, 6.0).asnumpy() // 1) == {5.0}
    assert set(x.uniform_(-2.0, -1.0).asnumpy() // 1) == {-2.0}


_MASK = ms.Tensor(np.array([True, False, True]))
_FILL = ms.Tensor(np.float64(2.5))


@pytest.mark.parametrize("call", [
    lambda x: ops.rand(2, 3),
    lambda x: ops.randint(0, 5, (2, 3)),
    lambda x: x.uniform_(),
    lambda x: x.normal_(),
    lambda x: x.bernoulli_(0.25),
    lambda x: ops.UniformReal()((2, 3)),
    lambda x: ops.masked_fill(x, _MASK, 9.0),
    lambda x: ops.masked_fill(x, _MASK, _FILL),
], ids=["rand", "randint", "uniform_", "normal_", "bernoulli_", "UniformReal", "masked_fill-number",
        "masked_fill-tensor"])
def test_a_warm_call_runs_nothing_outside_its_kernel(call):
    x = ms.Tensor(np.ones((2, 3), np.float32))
    assert bound_outside_kernels(lambda: call(x)) == []


def test_masked_fill_casts_the_value_to_the_input_dtype():
    mask = ms.Tensor(np.array([True, False, True]))
    ints = ms.Tensor(np.arange(6, dtype=np.int32).reshape(2, 3))
    out = ops.masked_fill(ints, mask, ms.Tensor(np.float64(-2.75)))
    assert out.dtype == ms.int32
    np.testing.assert_array_equal(out.asnumpy(), [[-2, 1, -2], [-2, 4, -2]])
    halves = ms.Tensor(np.ones((2, 3), np.float16))
    out = ops.masked_fill(halves, mask, 3)
    assert out.dtype == ms.float16
    np.testing.assert_array_equal(out.asnumpy(), np.array([[3, 1, 3]] * 2, np.float16))


def test_bad_arguments_raise_on_every_call():
    x = ms.Tensor(np.ones((2, 3), np.float32))
    x.bernoulli_(0.5)
    ops.uniform((2, 3), ms.Tensor(np.float32(0)), ms.Tensor(np.float32(1)))
    for _ in range(2):
        with pytest.raises(ValueError, match=r"For 'bernoulli_', the 'p' must be in range \[0, 1\], but got 1.5\."):
            x.bernoulli_(1.5)
        with pytest.raises(ValueError, match=r"For 'uniform', the 'shape' \(2, 3\) and the parameter shapes "
                                             r"\[\(2,\), \(\)\] can not broadcast\."):
            ops.uniform((2, 3), ms.Tensor(np.zeros(2, np.float32)), ms.Tensor(np.float32(1)))
        with pytest.raises(TypeError, match=r"For 'UniformReal', the 'shape' must be a tuple of ints, but got \(2, True\)"):
            ops.UniformReal()((2, True))
        with pytest.raises(ValueError, match="must hold non-negative ints"):
            ops.rand(2, -3)
