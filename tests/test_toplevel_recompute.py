"""`mindspore.recompute` on JAX's rematerialisation: the same values and gradients as calling
the block, the block's activations recomputed in the backward pass, and no Parameter writes."""
import jax
import numpy as np
import pytest

import sporax as ms
from sporax import nn, ops
from sporax.common.tensor import Tensor

X = ms.Tensor(np.array([[1.0, 2.0], [3.0, -4.0]], np.float32))


def _dense():
    ms.set_seed(3)
    return nn.Dense(2, 2)


def test_values_and_gradients_equal_the_direct_call_eager_and_in_a_graph():
    dense = _dense()

    def with_recompute(a):
        return (ms.recompute(dense, a) ** 2).sum()

    def direct(a):
        return (dense(a) ** 2).sum()
    weights = dense.trainable_params()
    got = ms.grad(with_recompute, grad_position=0, weights=weights)(X)
    want = ms.grad(direct, grad_position=0, weights=weights)(X)
    np.testing.assert_array_equal(got[0].asnumpy(), want[0].asnumpy())
    for g, w in zip(got[1], want[1]):
        np.testing.assert_array_equal(g.asnumpy(), w.asnumpy())
    graph = ms.jit(lambda a: ms.grad(with_recompute)(a))(X)
    np.testing.assert_array_equal(graph.asnumpy(), want[0].asnumpy())
    assert float(with_recompute(X)) == float(direct(X))


def test_the_block_is_a_checkpoint_in_the_traced_program():
    dense = _dense()
    program = str(jax.make_jaxpr(lambda arr: ms.recompute(dense, Tensor._wrap(arr))._value())(X._value()))
    direct = str(jax.make_jaxpr(lambda arr: dense(Tensor._wrap(arr))._value())(X._value()))
    assert "remat" in program and "remat" not in direct


def test_non_tensor_arguments_are_static():
    assert ms.recompute(lambda a, k: a * k, X, 3).asnumpy().tolist() == [[3.0, 6.0], [9.0, -12.0]]


def test_a_block_writing_a_parameter_is_refused_and_the_parameter_kept():
    p = ms.Parameter(ms.Tensor(np.zeros(2, np.float32)), name="p")

    def block(a):
        ops.assign(p, a * 2)
        return a + 1
    for run in (lambda: ms.recompute(block, ms.Tensor(np.ones(2, np.float32))),
                lambda: ms.jit(lambda a: ms.recompute(block, a))(ms.Tensor(np.ones(2, np.float32)))):
        with pytest.raises(ValueError, match="For 'recompute', the block must not write Parameters"):
            run()
        assert p.asnumpy().tolist() == [0.0, 0.0]


def test_bad_arguments():
    with pytest.raises(TypeError, match="For 'recompute', the 'block' must be a Cell or a function, but got int."):
        ms.recompute(3, X)
    with pytest.raises(TypeError, match="For 'recompute', the 'use_reentrant' must be a bool, but got int."):
        ms.recompute(_dense(), X, use_reentrant=1)
    with pytest.raises(TypeError, match="For 'recompute', the 'context_fn' must be callable"):
        ms.recompute(_dense(), X, context_fn=3)
