"""Memory-effect ops: they write the Parameter, refuse bad input, and change nothing then."""
import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, Tensor, ops


def param(values, dtype=np.float32, name="p"):
    return Parameter(Tensor(np.array(values, dtype)), name=name)


def test_flags():
    for prim in (ops.Assign(), ops.AssignAdd(), ops.ScatterUpdate(), ops.ApplyMomentum(), ops.Adam(), ops.SGD()):
        assert prim.side_effect_mem and not prim.side_effect_io
    assert ops.Print().side_effect_io and not ops.Add().side_effect_mem


def test_assign_family():
    p = param([1.0, 2.0])
    assert ops.Assign()(p, Tensor(np.float32([5, 6]))).asnumpy().tolist() == [5, 6]
    assert ops.AssignAdd()(p, 1).asnumpy().tolist() == [6, 7]
    assert ops.assign_sub(p, Tensor(np.float32([1, 1]))).asnumpy().tolist() == [5, 6]
    assert p.asnumpy().tolist() == [5, 6]
    ops.Assign()(p, Tensor(np.int32([1, 2])))  # a lower-ranked dtype is cast
    assert p.dtype == ms.float32 and p.asnumpy().tolist() == [1, 2]


@pytest.mark.parametrize("call, error, match", [
    (lambda p: ops.Assign()(np.float32([1, 2]), Tensor(np.float32([1, 2]))), TypeError,
     "must be a Parameter or Tensor, but got ndarray"),
    (lambda p: ops.Assign()(p, Tensor(np.float32([1, 2, 3]))), ValueError, r"must be \(2,\)"),
    (lambda p: ops.Assign()(p, 1.0), ValueError, r"must be \(2,\)"),
    (lambda p: ops.Assign()(p, Tensor(np.float64([1, 2]))), TypeError, "can not be converted to current dtype"),
    (lambda p: ops.AssignAdd()(p, "x"), TypeError, "must be a Tensor or a number"),
    (lambda p: ops.ScatterUpdate()(p, Tensor(np.float32([0])), Tensor(np.float32([1]))), TypeError, "int Tensor"),
    (lambda p: ops.ScatterAdd()(p, Tensor(np.int32([0])), Tensor(np.float32([1, 2]))), ValueError, r"\(1,\)"),
    (lambda p: ops.ApplyGradientDescent()(p, 0.1, Tensor(np.float32([1]))), ValueError, "shape of 'delta'"),
])
def test_bad_input_raises_and_changes_nothing(call, error, match):
    p = param([1.0, 2.0])
    with pytest.raises(error, match=match):
        call(p)
    assert p.asnumpy().tolist() == [1.0, 2.0] and p.dtype == ms.float32


@pytest.mark.parametrize("call, expected", [
    (lambda t: ops.Assign()(t, Tensor(np.float32([[5, 5], [6, 6], [7, 7]]))), [[5, 5], [6, 6], [7, 7]]),
    (lambda t: ops.AssignAdd()(t, 1), [[2, 2], [3, 3], [4, 4]]),
    (lambda t: ops.ScatterAdd()(t, Tensor(np.int32([0, 2])), Tensor(np.float32([[5, 5], [5, 5]]))),
     [[6, 6], [2, 2], [8, 8]]),
    (lambda t: ops.scatter_nd_max(t, Tensor(np.int32([[1]])), Tensor(np.float32([[0, 9]]))), [[1, 1], [2, 9], [3, 3]]),
    (lambda t: ops.IndexAdd(1)(t, Tensor(np.int32([1])), Tensor(np.float32([[1], [1], [1]]))),
     [[1, 2], [2, 3], [3, 4]]),
    (lambda t: ops.ApplyGradientDescent()(t, 0.5, Tensor(np.float32([[2, 2], [2, 2], [2, 2]]))),
     [[0, 0], [1, 1], [2, 2]]),
])
def test_a_plain_tensor_target_is_written_in_place_as_mindspore_pynative_does(call, expected):
    """MindSpore 2.10 PyNative writes a plain Tensor too, and returns a new Tensor with the value."""
    target = Tensor(np.float32([[1, 1], [2, 2], [3, 3]]))
    out = call(target)
    out = out[0] if isinstance(out, tuple) else out
    assert target.asnumpy().tolist() == expected and out.asnumpy().tolist() == expected and out is not target


def test_a_plain_tensor_from_outside_a_graph_is_not_written_inside_it():
    """A traced value cannot be kept by a Tensor the graph does not own: a GraphModeError, and the
    Tensor keeps its value (a Parameter is the way to write state from a graph)."""
    outer = Tensor(np.float32([1, 2]))
    with pytest.raises(ms.errors.GraphModeError, match="made outside the compiled graph"):
        ms.jit(lambda g: ops.Assign()(outer, g))(Tensor(np.float32([3, 4])))
    assert outer.asnumpy().tolist() == [1, 2]
    with pytest.raises(ms.errors.GraphModeError, match="'accumulation' is a plain Tensor made outside"):
        var = param([1.0, 2.0])
        ms.jit(lambda g: ops.ApplyMomentum()(var, outer, 0.1, g, 0.9))(Tensor(np.float32([3, 4])))
    assert outer.asnumpy().tolist() == [1, 2] and var.asnumpy().tolist() == [1, 2]
    inner = ms.jit(lambda t, g: (ops.ScatterAdd()(t, Tensor(np.int32([0])), g), t * 1)[1])(
        Tensor(np.float32([1, 1])), Tensor(np.float32([4])))
    assert inner.asnumpy().tolist() == [5, 1]
    # IndexAdd (an op with a result of its own) returns it and leaves the outside Tensor as it was
    added = ms.jit(lambda y: ops.IndexAdd(0)(outer, Tensor(np.int32([1])), y))(Tensor(np.float32([5])))
    assert added.asnumpy().tolist() == [1, 7] and outer.asnumpy().tolist() == [1, 2]


def test_scatter_family():
    p = param([[1, 1], [2, 2], [3, 3]])
    ops.ScatterUpdate()(p, Tensor(np.int32([2])), Tensor(np.float32([[9, 9]])))
    ops.ScatterAdd()(p, Tensor(np.int32([0, 0])), Tensor(np.float32([[1, 1], [1, 1]])))
    ops.ScatterSub()(p, Tensor(np.int32([1])), Tensor(np.float32([[2, 2]])))
    assert p.asnumpy().tolist() == [[3, 3], [0, 0], [9, 9]]
    ops.ScatterNdUpdate()(p, Tensor(np.int32([[0, 1]])), Tensor(np.float32([7])))
    ops.ScatterNdAdd()(p, Tensor(np.int32([[2]])), Tensor(np.float32([[1, 1]])))
    assert p.asnumpy().tolist() == [[3, 7], [0, 0], [10, 10]]


def test_apply_momentum_matches_formula():
    var, accum = param([1.0, 2.0], name="v"), param([0.5, 0.5], name="a")
    grad, lr, momentum = np.float32([0.1, -0.2]), 0.01, 0.9
    out = ops.ApplyMomentum()(var, accum, lr, Tensor(grad), momentum)
    new_accum = np.float32([0.5, 0.5]) * np.float32(momentum) + grad
    np.testing.assert_allclose(accum.asnumpy(), new_accum, rtol=1e-6)
    np.testing.assert_allclose(var.asnumpy(), np.float32([1, 2]) - np.float32(lr) * new_accum, rtol=1e-6)
    assert out.asnumpy().tolist() == var.asnumpy().tolist()
    nesterov_var, nesterov_accum = param([1.0, 2.0], name="nv"), param([0.5, 0.5], name="na")
    ops.ApplyMomentum(use_nesterov=True)(nesterov_var, nesterov_accum, lr, Tensor(grad), momentum)
    np.testing.assert_allclose(nesterov_var.asnumpy(), np.float32([1, 2]) - np.float32(lr) * (grad + new_accum * np.float32(momentum)), rtol=1e-6)


def test_adam_and_adam_weight_decay_match_formulas():
    g = np.float32([0.3, -0.1])
    var, m, v = param([1.0, 2.0], name="var"), param([0.1, 0.1], name="m"), param([0.2, 0.2], name="v")
    b1, b2, eps, lr, b1p, b2p = 0.9, 0.999, 1e-8, 0.01, 0.9**3, 0.999**3
    ops.Adam()(var, m, v, b1p, b2p, lr, b1, b2, eps, Tensor(g))
    m_ref = 0.9 * np.array([0.1, 0.1]) + 0.1 * g
    v_ref = 0.999 * np.array([0.2, 0.2]) + 0.001 * g * g
    lr_t = lr * np.sqrt(1 - b2p) / (1 - b1p)
    np.testing.assert_allclose(var.asnumpy(), np.array([1.0, 2.0]) - lr_t * m_ref / (np.sqrt(v_ref) + eps), rtol=1e-6)
    var, m, v = param([1.0, 2.0], name="var"), param([0.1, 0.1], name="m"), param([0.2, 0.2], name="v")
    ops.AdamWeightDecay()(var, m, v, lr, b1, b2, eps, 0.01, Tensor(g))
    update = m_ref / (np.sqrt(v_ref) + eps) + 0.01 * np.array([1.0, 2.0])
    np.testing.assert_allclose(var.asnumpy(), np.array([1.0, 2.0]) - lr * update, rtol=1e-6)


def test_sgd_kernel_first_step_and_momentum():
    p, accum, stat = param([1.0], name="p"), param([0.0], name="acc"), param([1.0], name="stat")
    sgd = ops.SGD(weight_decay=0.1)
    sgd(p, Tensor(np.float32([0.5])), 0.1, accum, 0.9, stat)  # first step: accum = g
    g1 = 0.5 + 0.1 * 1.0
    np.testing.assert_allclose(p.asnumpy(), [1.0 - 0.1 * g1], rtol=1e-6)
    assert stat.asnumpy().tolist() == [0.0]
    p_before = p.asnumpy()[0]
    sgd(p, Tensor(np.float32([0.5])), 0.1, accum, 0.9, stat)
    g2 = 0.5 + 0.1 * p_before
    np.testing.assert_allclose(accum.asnumpy(), [0.9 * g1 + g2], rtol=1e-6)
    with pytest.raises(ValueError, match="'dampening' must be 0 when 'nesterov' is True"):
        ops.SGD(dampening=0.1, nesterov=True)


def test_print_rejects_other_types(capsys):
    with pytest.raises(TypeError, match="For 'Print', each input must be"):
        ops.Print()(object())
    ops.Print()("a", 1, Tensor(np.int64([1, 2])))
    assert capsys.readouterr().out == "a\n1\nTensor(shape=[2], dtype=Int64, value= [1, 2])\n"


def test_scatter_reprs_show_mindspores_use_locking_defaults():
    """MindSpore 2.10: False for the arithmetic scatters, True for the updates."""
    assert [repr(getattr(ops, n)()) for n in ("ScatterAdd", "ScatterSub", "ScatterNdAdd", "ScatterNdSub",
                                                "ScatterUpdate", "ScatterNdUpdate")] == [
        f"Prim[{n}]<use_locking={lock}, side_effect_mem=True>" for n, lock in (
            ("ScatterAdd", False), ("ScatterSub", False), ("ScatterNdAdd", False), ("ScatterNdSub", False),
            ("ScatterUpdate", True), ("ScatterNdUpdate", True))]


def test_adadelta_and_adagrad_v2_have_mindspores_signatures_and_reprs():
    assert repr(ops.ApplyAdadelta()) == "Prim[ApplyAdadelta]<side_effect_mem=True>"
    assert repr(ops.ApplyAdagradV2(1e-6, False)) == \
        "Prim[ApplyAdagradV2]<epsilon=1e-06, update_slots=False, side_effect_mem=True>"
    with pytest.raises(TypeError):
        ops.ApplyAdagradV2(1e-6, True, False)  # MindSpore 2.10 has no use_locking here
