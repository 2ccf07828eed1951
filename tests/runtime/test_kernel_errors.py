"""A shape error raised inside JAX reaches the user as MindSpore's ValueError naming the
operator, in PyNative and in a compiled graph, never as JAX's own message."""
import numpy as np
import pytest

import sporax as ms
import sporax.mint as mint
import sporax.numpy as mnp
from sporax import Tensor, ops

A = Tensor(np.ones((2, 3), np.float32))
B = Tensor(np.ones((4, 5), np.float32))

CASES = {
    "add": (lambda: ops.add(A, B),
            "For 'Add', the shapes of the inputs, (2, 3) and (4, 5), need to broadcast: each dimension must be "
            "equal, or 1 in one of them."),
    "operator": (lambda: A * B, "For 'Mul', the shapes of the inputs, (2, 3) and (4, 5), need to broadcast"),
    "maximum": (lambda: ops.maximum(A, B), "For 'Maximum', the shapes of the inputs, (2, 3) and (4, 5), need"),
    "where": (lambda: ops.where(A > 0, A, B),
              "For 'Select', the shapes of the inputs, (2, 3), (2, 3) and (4, 5), need to broadcast"),
    "numpy add": (lambda: mnp.add(A, B), "For 'Add', the shapes of the inputs, (2, 3) and (4, 5)"),
    "concat": (lambda: ops.concat((A, B)),
               "For 'Concat', the shapes of the inputs, (2, 3) and (4, 5), must be equal except along the "
               "concatenation axis."),
    "mint cat": (lambda: mint.cat((A, B)), "For 'Concat', the shapes of the inputs, (2, 3) and (4, 5), must be"),
    "stack": (lambda: ops.stack((A, B)), "For 'Stack', the shapes of the inputs, (2, 3) and (4, 5), must be equal."),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_shape_error_is_mindspores_value_error_naming_the_operator(name):
    call, message = CASES[name]
    with pytest.raises(ValueError) as caught:
        call()
    assert str(caught.value).startswith(message)
    assert isinstance(caught.value.__cause__, (TypeError, ValueError))  # JAX's original stays in the chain


def test_compiled_graph_raises_the_same_error_as_pynative():
    with pytest.raises(ValueError) as eager:
        ops.add(A, B)
    with pytest.raises(ValueError) as graph:
        ms.jit(lambda x, y: ops.add(x, y))(A, B)
    assert str(graph.value) == str(eager.value)


def test_an_operators_own_error_passes_unchanged():
    # Gather checks its indices' dtype itself: its message is not rewritten.
    with pytest.raises(TypeError, match=r"^For 'Gather', the 'input_indices' must be an int Tensor, but got Float32"):
        ops.gather(A, Tensor(np.array([0.5], np.float32)), 0)


def test_a_failed_call_leaves_later_calls_working():
    with pytest.raises(ValueError):
        ops.add(A, B)
    np.testing.assert_array_equal(ops.add(A, A).asnumpy(), np.full((2, 3), 2, np.float32))


def test_concatenating_different_ranks_is_a_value_error():
    with pytest.raises(ValueError, match=r"^For 'Concat', the shapes of the inputs, \(2, 3\) and \(3,\), must have the same rank\.$"):
        ops.cat((A, Tensor(np.ones(3, np.float32))))


@pytest.mark.parametrize("call, message", [
    (lambda: A.argmax(3), r"For primitive\[Argmax\], the axis must be in \[-2,2\), but got 3\."),
    (lambda: A.argmin(-3), r"For primitive\[Argmin\], the axis must be in \[-2,2\), but got -3\."),
    (lambda: ops.Argmax(0)(Tensor(np.float32(3))), r"For primitive\[Argmax\], the axis must be in \[0,0\), but got 0\."),
])
def test_argmax_axis_outside_the_rank_is_mindspores_value_error(call, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        call()
