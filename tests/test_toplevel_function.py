"""`mindspore._Function` (PyTorch's autograd.Function API) on jax.custom_vjp: the user's backward
gives the gradient, in PyNative and in a graph; saved Tensors and ctx attributes reach backward."""
import numpy as np
import pytest

import sporax as ms

X = ms.Tensor(np.array([0.0, 1.0], np.float32))


class TenfoldExpGrad(ms._Function):
    """exp forward; backward deliberately 10x the true gradient, so the test sees it is used."""

    @staticmethod
    def forward(ctx, x):
        y = ms.ops.exp(x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return grad * y * 10


class Scale(ms._Function):
    @staticmethod
    def forward(x, k):
        return x * k

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.k = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        return grad * ctx.k * 2, None


def test_forward_values_and_the_users_backward_eager_and_in_a_graph():
    e = np.float32(np.e)
    np.testing.assert_allclose(TenfoldExpGrad.apply(X).asnumpy(), [1.0, e], rtol=1e-6)
    eager = ms.grad(lambda a: TenfoldExpGrad.apply(a).sum())(X)
    graph = ms.jit(lambda a: ms.grad(lambda b: TenfoldExpGrad.apply(b).sum())(a))(X)
    for grad in (eager, graph):
        np.testing.assert_allclose(grad.asnumpy(), [10.0, 10 * e], rtol=1e-6)


def test_setup_context_and_non_tensor_inputs():
    assert Scale.apply(X, 3.0).asnumpy().tolist() == [0.0, 3.0]
    assert ms.grad(lambda a: Scale.apply(a, 3.0).sum())(X).asnumpy().tolist() == [6.0, 6.0]


def test_missing_methods_and_wrong_gradient_counts():
    class NoBackward(ms._Function):
        @staticmethod
        def forward(ctx, x):
            return x
    with pytest.raises(NotImplementedError, match="'forward' and 'backward' must both be defined"):
        NoBackward.apply(X)

    class TwoGrads(ms._Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return grad, grad
    with pytest.raises(ValueError, match="the 'backward' must return 1 gradients"):
        ms.grad(lambda a: TwoGrads.apply(a).sum())(X)

    class SavesANumber(ms._Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(3)
            return x

        @staticmethod
        def backward(ctx, grad):
            return grad
    with pytest.raises(TypeError, match="For 'save_for_backward', every argument must be a Tensor or None"):
        SavesANumber.apply(X)
