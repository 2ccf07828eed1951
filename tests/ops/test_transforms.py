"""ops.vmap, jvp, vjp, jacfwd and jacrev: results as MindSpore 2.10 gives them (the expected
numbers and output structures were printed by the oracle for these inputs)."""
from __future__ import annotations

import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, Tensor, ops

X = np.arange(6, dtype=np.float32).reshape(2, 3)


def scaled_sin(a, b):
    return ops.sin(a) * b


def test_vmap_maps_over_the_chosen_axes():
    out = ops.vmap(scaled_sin, (0, None))(Tensor(X), Tensor(np.ones(3, np.float32)))
    assert isinstance(out, Tensor)
    np.testing.assert_allclose(out.asnumpy(), np.sin(X), rtol=1e-6)
    out = ops.vmap(scaled_sin, (1, None), 1)(Tensor(X), Tensor(np.full(2, 2.0, np.float32)))
    np.testing.assert_allclose(out.asnumpy(), 2 * np.sin(X), rtol=1e-6)


def test_vmap_refuses_mismatched_axis_sizes_naming_vmap():
    with pytest.raises(ValueError, match="vmap"):
        ops.vmap(scaled_sin, (0, 0))(Tensor(X), Tensor(np.ones(3, np.float32)))
    with pytest.raises(TypeError, match="vmap"):
        ops.vmap(3)


def test_jvp_returns_output_and_directional_derivative():
    out, derivative = ops.jvp(ops.sin, Tensor(X), ops.ones_like(Tensor(X)))
    np.testing.assert_allclose(out.asnumpy(), np.sin(X), rtol=1e-6)
    np.testing.assert_allclose(derivative.asnumpy(), np.cos(X), rtol=1e-6)
    out, derivative, aux = ops.jvp(lambda a: (ops.sin(a), a * 2), Tensor(X), ops.ones_like(Tensor(X)), has_aux=True)
    np.testing.assert_array_equal(aux.asnumpy(), 2 * X)


def test_vjp_gradients_come_back_one_per_input():
    y = Tensor(np.ones(3, np.float32))
    out, vjp_fn = ops.vjp(scaled_sin, (Tensor(X), y))
    grads = vjp_fn(ops.ones_like(out))
    assert isinstance(grads, tuple) and len(grads) == 2
    np.testing.assert_allclose(grads[0].asnumpy(), np.cos(X), rtol=1e-6)
    np.testing.assert_allclose(grads[1].asnumpy(), np.sin(X).sum(0), rtol=1e-6)
    out, vjp_fn = ops.vjp(ops.sin, Tensor(X))
    (grad,) = vjp_fn(ops.ones_like(out))
    np.testing.assert_allclose(grad.asnumpy(), np.cos(X), rtol=1e-6)


def test_vjp_with_weights_differentiates_the_parameters_too():
    w = Parameter(Tensor(np.full(3, 2.0, np.float32)), name="w")
    out, vjp_fn = ops.vjp(lambda a: a * w, Tensor(X), weights=[w])
    input_grads, weight_grads = vjp_fn(ops.ones_like(out))
    np.testing.assert_array_equal(input_grads[0].asnumpy(), np.full((2, 3), 2.0))
    np.testing.assert_array_equal(weight_grads[0].asnumpy(), X.sum(0))


def test_jacobians_forward_and_reverse_agree_with_mindspore():
    jac = ops.jacfwd(ops.sin)(Tensor([1.0, 2.0]))
    np.testing.assert_allclose(jac.asnumpy(), np.diag(np.cos([1.0, 2.0])), rtol=1e-6)
    ja, jb = ops.jacrev(scaled_sin, (0, 1))(Tensor([1.0, 2.0]), Tensor([3.0, 4.0]))
    np.testing.assert_allclose(ja.asnumpy(), [[1.62090683, 0], [0, -1.66458738]], rtol=1e-6)
    np.testing.assert_allclose(jb.asnumpy(), [[0.841470957, 0], [0, 0.909297407]], rtol=1e-6)
    jac, aux = ops.jacfwd(lambda a: (ops.sin(a), a * 2), has_aux=True)(Tensor([1.0, 2.0]))
    np.testing.assert_array_equal(aux.asnumpy(), [2.0, 4.0])
    with pytest.raises(ValueError, match="jacrev"):
        ops.jacrev(ops.sin, 3)(Tensor([1.0]))
    assert ms.ops.composite.jacfwd is ops.jacfwd
