"""Control, debug and graph primitives (ops.operations.nn_control_ops) against MindSpore 2.10.

The expected values are MindSpore 2.10 CPU's (tests/data/make_prim3_fixtures.py, PYNATIVE;
InsertGradientOf's in GRAPH_MODE, the only mode where MindSpore runs its function). Each loop
also runs in a compiled graph, where traced bounds and unroll=False become one lax.while_loop
that carries the Cell's Parameters, so writes inside loop_func land in order.
"""
from __future__ import annotations

import pathlib

import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, Tensor, nn, ops

FIXTURES = np.load(pathlib.Path(__file__).resolve().parents[1] / "data" / "mindspore_2_10_prim3.npz")
X = FIXTURES["control/x"]


def expected(name):
    return FIXTURES[f"control/{name}"]


def fori(v):
    return ops.ForiLoop()(0, 4, lambda i, val: val * 2 + i, v)


def fori_tensor_bounds(v):
    return ops.ForiLoop()(Tensor(1), Tensor(3), lambda i, val: val - i, v)


def while_loop(v):
    return ops.WhileLoop()(lambda val: val[0] < 20, lambda val: val * 3, v)


def scan(v):
    carry, ys = ops.Scan()(lambda c, e: (c + e, c * e), v, [v, v * 2, v - 1])
    return carry, ops.stack(ys)


@pytest.mark.parametrize("fn, name", [(fori, "fori"), (fori_tensor_bounds, "fori_tensor_bounds"),
                                      (while_loop, "while")])
@pytest.mark.parametrize("compiled", [False, True])
def test_loops_match_mindspore_eager_and_compiled(fn, name, compiled):
    run = ms.jit(fn) if compiled else fn
    out = run(Tensor(X))
    assert out.dtype == ms.float32
    np.testing.assert_array_equal(out.asnumpy(), expected(name))


@pytest.mark.parametrize("compiled", [False, True])
def test_scan_matches_mindspore_eager_and_compiled(compiled):
    carry, ys = (ms.jit(scan) if compiled else scan)(Tensor(X))
    np.testing.assert_array_equal(carry.asnumpy(), expected("scan_carry"))
    np.testing.assert_array_equal(ys.asnumpy(), expected("scan_ys"))


def test_scan_without_xs_runs_length_steps_and_returns_a_list():
    carry, ys = ops.Scan()(lambda c, e: (c + 1, e), Tensor(X), None, 3)
    np.testing.assert_array_equal(carry.asnumpy(), X + 3)
    assert ys == [None, None, None]


def test_fori_loop_unroll_false_in_a_graph_is_one_while_loop_over_a_traced_index():
    seen = []

    def body(i, v):
        seen.append(type(i))
        return v + ops.cast(i, ms.float32)

    out = ms.jit(lambda v: ops.ForiLoop()(0, 5, body, v, False))(Tensor(X))
    np.testing.assert_array_equal(out.asnumpy(), X + 10)
    assert all(t is Tensor for t in seen)  # the body was traced with a Tensor index, not unrolled


class _Accumulate(nn.Cell):
    """loop_func writes a Parameter: total += i, once per step."""

    def __init__(self, unroll):
        super().__init__()
        self.total = Parameter(Tensor(np.zeros(3, np.float32)), name="total")
        self.unroll = unroll

    def step(self, i, v):
        ops.assign(self.total, self.total + v * ops.cast(i, ms.float32))
        return v

    def construct(self, v, n):
        return ops.ForiLoop()(0, n, self.step, v, self.unroll)


@pytest.mark.parametrize("unroll", [True, False])
def test_parameter_writes_inside_a_graph_loop_equal_pynative(unroll):
    eager = _Accumulate(unroll)
    eager(Tensor(X), 4)
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        graph = _Accumulate(unroll)
        graph(Tensor(X), 4)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    np.testing.assert_array_equal(graph.total.asnumpy(), eager.total.asnumpy())
    np.testing.assert_array_equal(eager.total.asnumpy(), X * 6)


def test_while_loop_with_a_traced_condition_writes_parameters_in_order():
    counter = Parameter(Tensor(np.zeros((), np.float32)), name="counter")

    def body(v):
        ops.assign(counter, counter + 1)
        return v * 3

    out = ms.jit(lambda v: ops.WhileLoop()(lambda val: val[0] < 20, body, v))(Tensor(X))
    np.testing.assert_array_equal(out.asnumpy(), expected("while"))
    assert counter.asnumpy() == 3


def test_loops_turn_a_bad_loop_func_into_mindspores_value_error():
    with pytest.raises(ValueError, match="Invalid loop_func, please check input arguments and return value"):
        ops.ForiLoop()(0, 3, lambda v: v, Tensor(X))
    with pytest.raises(TypeError, match="For 'ForiLoop', the type of 'lower' should be one of"):
        ops.ForiLoop()(0.5, 3, lambda i, v: v, Tensor(X))
    with pytest.raises(TypeError, match="For 'Scan', the 'xs' must be a tuple, a list or None"):
        ops.Scan()(lambda c, e: (c, e), Tensor(X), Tensor(X))
    with pytest.raises(ValueError, match="Invalid loop_func"):
        ops.Scan()(lambda c, e: c, Tensor(X), [Tensor(X)])
    with pytest.raises(TypeError, match="For 'WhileLoop', the 'cond_func' must be a function"):
        ops.WhileLoop()(1, lambda v: v, Tensor(X))


def test_assert_returns_mindspores_value_and_raises_runtime_error_with_its_message(capsys):
    np.testing.assert_array_equal(ops.Assert()(Tensor(True), [Tensor(X)]).asnumpy(), expected("assert_true"))
    with pytest.raises(RuntimeError, match="assert failed"):
        ops.Assert(2)(Tensor(False), [Tensor(X)])
    assert capsys.readouterr().out == "For 'Assert' condition is false.\ninput data: [ 1. -2.]\n"
    with pytest.raises(TypeError, match="For 'Assert', the type of 'condition' must be in \\[mindspore.bool\\]"):
        ops.Assert()(1, [Tensor(X)])
    with pytest.raises(TypeError, match="For 'Assert', the 'input_data' must be a tuple or a list"):
        ops.Assert()(True, Tensor(X))


def test_assert_in_a_graph_checks_when_the_graph_runs():
    check = ms.jit(lambda v: ops.Assert()(v[0] > 0, [v]))
    np.testing.assert_array_equal(check(Tensor(X)).asnumpy(), [0])
    with pytest.raises(RuntimeError, match="assert failed"):
        check(Tensor(-X))


def test_check_numerics_passes_finite_values_and_names_nan_and_inf():
    np.testing.assert_array_equal(ops.CheckNumerics()(Tensor(X)).asnumpy(), expected("check_numerics"))
    with pytest.raises(RuntimeError, match="Tensor had NaN values"):
        ops.CheckNumerics()(Tensor(np.array([1, np.nan], np.float32)))
    with pytest.raises(RuntimeError, match="Tensor had Inf values"):
        ms.jit(lambda v: ops.CheckNumerics()(v))(Tensor(np.array([1, np.inf], np.float32)))
    with pytest.raises(TypeError, match="CheckNumerics.*Tensor\\[Int32\\]"):
        ops.CheckNumerics()(Tensor(np.array([1, 2], np.int32)))


def test_update_state_partial_identity_match_mindspore():
    x = Tensor(X)
    np.testing.assert_array_equal(ops.UpdateState()(x, x * 2).asnumpy(), expected("update_state"))
    np.testing.assert_array_equal(ops.operations.Partial()(ops.mul, x)(x).asnumpy(), expected("partial"))
    assert ops.operations.identity()(x) is x
    assert repr(ops.operations.identity()) == "Prim[identity]<side_effect_propagate=1>"
    assert repr(ops.operations.Partial()) == "Prim[Partial]<side_effect_propagate=1>"
    assert repr(ops.UpdateState()) == "Prim[UpdateState]"


def double(a):
    return a * 2


def test_pyfunc_and_custom_pyfunc_match_mindspore_eager_and_compiled():
    pyfunc = ops.PyFunc(double, [ms.float32], [[3]], [ms.float32], [[3]])
    out = pyfunc(Tensor(X))
    assert isinstance(out, tuple) and len(out) == 1
    np.testing.assert_array_equal(out[0].asnumpy(), expected("pyfunc"))
    custom = ops.Custom(double, out_shape=lambda s: s, out_dtype=lambda d: d, func_type="pyfunc")
    np.testing.assert_array_equal(custom(Tensor(X)).asnumpy(), expected("custom"))
    np.testing.assert_array_equal(ms.jit(lambda v: custom(v))(Tensor(X)).asnumpy(), expected("custom"))
    np.testing.assert_array_equal(ms.jit(lambda v: pyfunc(v)[0])(Tensor(X)).asnumpy(), expected("pyfunc"))


def test_custom_bprop_gives_the_gradient():
    custom = ops.Custom(double, out_shape=(3,), out_dtype=ms.float32, func_type="pyfunc",
                        bprop=lambda x, out, dout: (dout * 5,))
    grad = ms.grad(lambda v: ops.ReduceSum()(custom(v)))(Tensor(X))
    np.testing.assert_array_equal(grad.asnumpy(), [5, 5, 5])


def test_custom_refuses_device_kernels_by_func_type():
    for func_type in ("aot", "tbe", "aicpu"):
        with pytest.raises(ValueError, match=f"func_type '{func_type}' compiles a device kernel"):
            ops.Custom("add.so:Add", out_shape=(3,), out_dtype=ms.float32, func_type=func_type)
    with pytest.raises(ValueError, match="'func_type' must be one of"):
        ops.Custom(double, out_shape=(3,), out_dtype=ms.float32, func_type="xyz")
    with pytest.raises(TypeError, match="must be decorated with ops.kernel"):
        ops.Custom(double, out_shape=(3,), out_dtype=ms.float32, func_type="hybrid")


@ops.kernel
def add_kernel(a, b):
    c = output_tensor(a.shape, a.dtype)  # noqa: F821 - a Hybrid DSL name
    for i in range(a.shape[0]):
        c[i] = a[i] + b[i]
    return c


def test_hybrid_kernel_runs_as_python_and_as_a_custom_op():
    np.testing.assert_array_equal(add_kernel(X, X), X * 2)
    op = ops.Custom(add_kernel, out_shape=lambda a, b: a, out_dtype=lambda a, b: a, func_type="hybrid")
    np.testing.assert_array_equal(op(Tensor(X), Tensor(X)).asnumpy(), X * 2)
    np.testing.assert_array_equal(ms.jit(lambda v: op(v, v))(Tensor(X)).asnumpy(), X * 2)
    assert ops.ms_kernel is ops.kernel and ops.operations.kernel is ops.kernel


def test_hook_backward_and_insert_gradient_of_give_mindspores_gradients():
    seen = []
    hook = ops.HookBackward(lambda g: seen.append(g[0].asnumpy()))
    np.testing.assert_array_equal(hook(Tensor(X)).asnumpy(), X)
    grad = ms.grad(lambda a: ops.ReduceSum()(hook(a * a)))(Tensor(X))
    np.testing.assert_array_equal(grad.asnumpy(), expected("hook_grad"))
    np.testing.assert_array_equal(seen[-1], np.ones(3))
    insert = ops.InsertGradientOf(lambda dout: dout * 3)
    grad = ms.grad(lambda a: ops.ReduceSum()(insert(a * 2)))(Tensor(X))
    np.testing.assert_array_equal(grad.asnumpy(), expected("insert_gradient_grad"))
    replace = ops.HookBackward(lambda g: g[0] * 0)
    np.testing.assert_array_equal(ms.grad(lambda a: ops.ReduceSum()(replace(a)))(Tensor(X)).asnumpy(), [0, 0, 0])
    with pytest.raises(TypeError, match="For 'HookBackward', the 'input' must be a Tensor"):
        hook(1.0)
    with pytest.raises(TypeError, match="For 'InsertGradientOf', the 'f' must be a function"):
        ops.InsertGradientOf(3)


def test_morph_runs_fn_with_its_bprop():
    morph = ops.Morph(double, lambda s: s, lambda d: d, lambda a, out, dout: (dout * 10,))
    np.testing.assert_array_equal(morph(Tensor(X)).asnumpy(), X * 2)
    grad = ms.grad(lambda a: ops.ReduceSum()(morph(a)))(Tensor(X))
    np.testing.assert_array_equal(grad.asnumpy(), [10, 10, 10])


def test_pyexecute_moveto_reusing():
    assert ops.PyExecute()("a + b * 2", ("a", "b"), (1, 3)) == 7
    with pytest.raises(ValueError, match="For 'PyExecute', the 'script' must be a Python expression"):
        ops.PyExecute()("x = 1", (), ())
    moved = ops.MoveTo()(Tensor(X), "CPU")
    np.testing.assert_array_equal(moved.asnumpy(), X)
    with pytest.raises(ValueError, match="For 'MoveTo', the 'to' must be one of"):
        ops.MoveTo()(Tensor(X), "TPU")
    assert ops.Reusing()(double) is double


def test_reprs_match_mindspore():
    assert repr(ops.Assert()) == "Prim[Assert]<summarize=3, side_effect_io=True>"
    assert repr(ops.PyExecute()) == "Prim[PyExecute]<side_effect_io=True, primitive_target=CPU>"
    assert repr(ops.HookBackward(double)) == "Prim[HookBackward]<cell_id=>"
    assert repr(ops.ForiLoop()) == "Prim[ForiLoop]"
    assert repr(ops.WhileLoop()) == "Prim[WhileLoop]"
    assert repr(ops.Scan()) == "Prim[Scan]"
    assert repr(ops.CheckNumerics()) == "Prim[CheckNumerics]"
    assert repr(ops.MoveTo()) == "Prim[MoveTo]"
    assert repr(ops.Reusing()) == "Prim[Reusing]"
    assert repr(ops.Morph(print, print, print)) == (
        "Prim[Morph]<fn=<built-in function print>, infer_shape=<built-in function print>, infer_dtype=<built-in "
        "function print>, bprop_fn=None, side_effect_backprop=True, side_effect_mem=True, side_effect_io=True, "
        "__metamorphosis__=True>")
    assert repr(ops.InsertGradientOf(print)) == (
        "Prim[InsertGradientOf]<f=<built-in function print>, side_effect_backprop=True, "
        "side_effect_backprop_mem=True>")


def _add_infer(x, y):
    return x


@ops._ms_pyfunc(_add_infer)
def _add_scalar(x: Tensor, y: float) -> Tensor:
    return x + y


def test_ms_pyfunc_turns_an_annotated_function_into_a_primitive_eager_and_compiled():
    # MindSpore CPU has no kernel for PyCallback ops (Ascend only): the expected value is x + y.
    assert repr(_add_scalar).startswith("Prim[PyCallback__add_scalar]<fn_id=")
    np.testing.assert_array_equal(_add_scalar(Tensor(X), 2.0).asnumpy(), X + 2)
    np.testing.assert_array_equal(ms.jit(lambda v: _add_scalar(v, 3.0))(Tensor(X)).asnumpy(), X + 3)
    with pytest.raises(TypeError, match="Type annotation <class 'str'> is not supported by @ms_pyfunc"):
        ops._ms_pyfunc(_add_infer)(lambda_with_str_annotation)


def lambda_with_str_annotation(x: str) -> Tensor:
    return x
