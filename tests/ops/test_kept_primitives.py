"""Primitives that functional ops build per call are kept per (class, typed arguments): the same
arguments give the same instance, arguments equal in Python but of other types (1, 1.0, True;
inside tuples too) give their own, and a constructor that refuses its arguments keeps nothing
and refuses them again on every call."""
from __future__ import annotations

import numpy as np
import pytest

import sporax as ms
from sporax import ops
from sporax.mint.nn import functional as mint_f
from sporax.ops import _kept_primitives, operations as P
from sporax.ops._kept_primitives import kept


class _Counted(ops.Primitive):
    built = 0

    def __init__(self, value):
        super().__init__("Counted")
        if isinstance(value, float) or isinstance(value, tuple) and any(isinstance(v, float) for v in value):
            raise TypeError(f"For 'Counted', the 'value' must be ints, but got {value!r}.")
        type(self).built += 1
        self.add_prim_attr("value", value)


def test_the_same_arguments_give_the_same_primitive_built_once():
    _Counted.built = 0
    first = kept(_Counted, (2, 3))
    assert kept(_Counted, (2, 3)) is first
    assert _Counted.built == 1


def test_equal_arguments_of_other_types_are_other_primitives():
    assert kept(_Counted, 1) is not kept(_Counted, True)
    assert kept(_Counted, True).attrs["value"] is True
    assert kept(_Counted, (1, 2)) is not kept(_Counted, (True, 2))


def test_a_refused_argument_raises_on_every_call_even_after_an_equal_good_one():
    kept(_Counted, (2, 2))
    for _ in range(2):
        with pytest.raises(TypeError, match=r"For 'Counted', the 'value' must be ints, but got \(2, 2.0\)"):
            kept(_Counted, (2, 2.0))
        with pytest.raises(TypeError, match="but got 1.0"):
            kept(_Counted, 1.0)


def test_an_unhashable_argument_builds_a_fresh_primitive():
    assert kept(_Counted, [1, 2]) is not kept(_Counted, [1, 2])


def test_the_store_stays_bounded():
    for i in range(_kept_primitives._KEPT_MAX + 10):
        kept(_Counted, i)
    assert len(_kept_primitives._kept) <= _kept_primitives._KEPT_MAX


def test_batch_norm_and_pooling_reuse_their_primitive_and_keep_their_values():
    x = ms.Tensor(np.arange(2 * 3 * 4 * 4, dtype=np.float32).reshape(2, 3, 4, 4) / 7)
    mean, var = ms.Tensor(np.zeros(3, np.float32)), ms.Tensor(np.ones(3, np.float32))
    w, b = ms.Tensor(np.full(3, 2.0, np.float32)), ms.Tensor(np.full(3, 0.5, np.float32))
    before = len(_kept_primitives._kept)
    outputs = [ops.batch_norm(x, mean, var, w, b, False, 0.1, 1e-5).asnumpy() for _ in range(3)]
    pooled = [mint_f.avg_pool2d(x, 2).asnumpy() for _ in range(3)]
    assert len(_kept_primitives._kept) - before == 2
    expected = (x.asnumpy() / np.sqrt(np.float32(1 + 1e-5))) * 2 + 0.5
    np.testing.assert_allclose(outputs[0], expected, rtol=1e-6)
    assert all((o == outputs[0]).all() for o in outputs)
    np.testing.assert_allclose(pooled[0], x.asnumpy().reshape(2, 3, 2, 2, 2, 2).mean(axis=(3, 5)), rtol=1e-6)
    assert all((p == pooled[0]).all() for p in pooled)
    with pytest.raises(ValueError, match="epsilon"):
        ops.batch_norm(x, mean, var, w, b, False, 0.1, 2.0)
    with pytest.raises(ValueError, match="epsilon"):
        ops.batch_norm(x, mean, var, w, b, False, 0.1, 2.0)


def test_a_kept_primitive_is_not_the_one_users_build():
    assert kept(P.Reshape) is not P.Reshape()
