"""The rest of `mindspore.ops.composite` (toplevel, issue 10): _Grad, _Vmap, _ones_like_for_grad,
the graph's sequence and iteration composites, and the functions shared with `ops`. Expected
values are MindSpore 2.10's (its graph mode for the sequence composites, which return None in
PyNative there); each case runs eagerly and under `jit`, with the same result."""
import numpy as np
import pytest

import sporax as ms
from sporax import ops
from sporax.ops import composite as C

X = ms.Tensor(np.array([1.0, 2.0, 3.0], np.float32))


def _leaves(value):
    if isinstance(value, (tuple, list)):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value]


def _both(fn, *args):
    """fn(*args) eagerly and in a graph, checked equal; returns the eager result."""
    eager = fn(*args)
    graph = ms.jit(fn)(*args)
    eager_leaves, graph_leaves = _leaves(eager), _leaves(graph)
    assert len(eager_leaves) == len(graph_leaves)
    for e, g in zip(eager_leaves, graph_leaves):
        assert type(e) is type(g)
        np.testing.assert_array_equal(e.asnumpy() if isinstance(e, ms.Tensor) else e,
                                      g.asnumpy() if isinstance(g, ms.Tensor) else g)
    return eager


def test_shared_functions_are_the_ops_objects():
    for name in ("batch_dot", "dot", "mm", "tensor_dot", "vecdot", "gamma", "laplace", "multinomial", "normal",
                 "poisson", "uniform", "tail", "zip_operation", "iter_converter", "ms_next", "ms_hasnext", "_Grad",
                 "_Vmap", "_ones_like_for_grad"):
        assert getattr(C, name) is getattr(ops, name), name


def test_grad_by_position_returns_one_tensor_for_one_position():
    g = C._Grad(get_by_position=True, get_value=True)(lambda a, b: a * b, None, (1,))
    value, grad = g(X, X * 2)
    assert value.asnumpy().tolist() == [2.0, 8.0, 18.0] and grad.asnumpy().tolist() == [1.0, 2.0, 3.0]
    both = C._Grad(get_by_position=True)(lambda a, b: a * b, None, (0, 1))(X, X)
    assert [t.asnumpy().tolist() for t in both] == [[1.0, 2.0, 3.0]] * 2


def test_grad_flags_give_mindsporess_structures():
    w = ms.Parameter(ms.Tensor(np.array([2.0, 3.0, 4.0], np.float32)), name="w")

    def f(a):
        return (a * w).sum()
    weights = ms.ParameterTuple([w])
    (wg,) = C._Grad(get_by_list=True)(f, weights)(X)
    assert wg.asnumpy().tolist() == [1.0, 2.0, 3.0]
    (xg,), (wg,) = C._Grad(get_all=True, get_by_list=True)(f, weights)(X)
    assert xg.asnumpy().tolist() == [2.0, 3.0, 4.0] and wg.asnumpy().tolist() == [1.0, 2.0, 3.0]
    xg, (wg,) = C._Grad(get_by_position=True, get_by_list=True)(f, weights, (0,))(X)
    assert xg.asnumpy().tolist() == [2.0, 3.0, 4.0]
    assert C._Grad(sens_param=True)(lambda a: a * 2)(X, X).asnumpy().tolist() == [2.0, 4.0, 6.0]
    grad, (aux,) = C._Grad(has_aux=True)(lambda a: ((a * a).sum(), a + 1))(X)
    assert grad.asnumpy().tolist() == [2.0, 4.0, 6.0] and aux.asnumpy().tolist() == [2.0, 3.0, 4.0]
    (value, aux2), grad = C._Grad(has_aux=True, get_value=True)(lambda a: ((a * a).sum(), a + 1))(X)
    assert float(value) == 14.0 and grad.asnumpy().tolist() == [2.0, 4.0, 6.0]


def test_grad_bad_input():
    with pytest.raises(TypeError, match="For '_Grad', the 'get_all' must be a bool, but got int."):
        C._Grad(get_all=1)
    with pytest.raises(TypeError, match="the 'grad_position' must be a tuple when 'get_by_position' is True"):
        C._Grad(get_by_position=True)(lambda a: a * 2, None, 0)(X)
    with pytest.raises(TypeError, match="For '_Grad', the 'fn' must be callable"):
        C._Grad()(3)
    with pytest.raises(ValueError, match="'weights' must be given when 'get_by_list' is True"):
        C._Grad(get_by_list=True)(lambda a: a)


def test_vmap_engine_maps_over_axis_zero():
    out = _both(lambda a: C._Vmap()(lambda r: r * r, 0, 0)(a), X)
    assert out.asnumpy().tolist() == [1.0, 4.0, 9.0]


def test_ones_like_for_grad_follows_the_structure():
    out = _both(lambda a: C._ones_like_for_grad((a, a.astype(ms.int32))), X)
    assert out[0].asnumpy().tolist() == [1.0, 1.0, 1.0] and out[1].dtype == ms.int32
    assert C._ones_like_for_grad((X, 3))[1] == 1 and C._ones_like_for_grad(2.5) == 1.0
    with pytest.raises(TypeError, match="For '_ones_like_for_grad', each input must be a Tensor"):
        C._ones_like_for_grad("s")


def test_tail_and_zip_operation_as_in_a_mindspore_graph():
    rest = _both(lambda a: C.tail((a, a + 1, a + 2)), X)
    assert [t.asnumpy().tolist() for t in rest] == [[2.0, 3.0, 4.0], [3.0, 4.0, 5.0]] and isinstance(rest, tuple)
    assert C.tail([1, 2]) == [2] and C.tail(()) == ()
    pairs = _both(lambda a: C.zip_operation((a, a + 1), (a * 2, a * 3)), X)
    assert [[t.asnumpy().tolist() for t in p] for p in pairs] == [[[1, 2, 3], [2, 4, 6]], [[2, 3, 4], [3, 6, 9]]]
    assert C.zip_operation((1, 2), (3, 4, 5)) == ((1, 3), (2, 4))
    with pytest.raises(TypeError, match="For 'tail', the input must be a tuple or list, but got Tensor."):
        C.tail(X)
    with pytest.raises(ValueError, match="For 'zip_operation', at least 1 argument is expected, but got 0."):
        C.zip_operation()
    with pytest.raises(TypeError, match="For 'zip_operation', the input must be a tuple or list, but got int."):
        C.zip_operation((1,), 3)


def test_iteration_composites_step_through_a_sequence():
    assert C.iter_converter({"k": 1, "j": 2}) == ("k", "j") and C.iter_converter([1]) == [1]
    assert C.ms_next([1, 2, 3]) == (1, [2, 3]) and C.ms_next("abc") == ("a", "bc")
    assert C.ms_hasnext(()) is False and C.ms_hasnext(X) is True
    first, rest = _both(lambda a: C.ms_next(a), ms.Tensor(np.arange(6, dtype=np.float32).reshape(2, 3)))
    assert first.asnumpy().tolist() == [0.0, 1.0, 2.0] and rest.shape == (1, 3)
    with pytest.raises(ValueError, match="For 'ms_next', the input must not be empty"):
        C.ms_next(())
    with pytest.raises(TypeError, match="For 'iter_converter', the input must be a tuple, list, dict, str or Tensor, "
                                        "but got int."):
        C.iter_converter(3)
