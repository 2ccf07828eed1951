"""`mindspore.ops`' non-Primitive names added by the toplevel helper (issue 10) that the
differential table cannot express: type and shape helpers of MindSpore's graph compiler,
the composite re-exports, bad input. Expected values are MindSpore 2.10's (CPU)."""
import numpy as np
import pytest

import sporax as ms
from sporax import ops
from sporax.ops import composite as C

X = ms.Tensor(np.array([1.0, -2.0, 3.0], np.float32))


def test_old_names_are_primitive_instances_with_mindsporess_reprs():
    assert (repr(ops.tensor_add), repr(ops.tensor_sub), repr(ops.tensor_div), repr(ops.tensor_slice)) == \
        ("Prim[Add]", "Prim[Sub]", "Prim[RealDiv]", "Prim[Slice]")
    assert ops.tensor_mul.name == "Mul" and ops.pows.name == "Pow" and ops.reduce_mean.name == "ReduceMean"


def test_composite_names_in_ops_are_the_composite_objects():
    for name in ("add_flags", "augassign_add", "augassign_sub", "augassign_mul", "augassign_div",
                 "augassign_floordiv", "augassign_mod", "tail", "zip_operation", "ms_next"):
        assert getattr(ops, name) is getattr(C, name), name
    assert ops.array_ops is ops.operations.array_ops and ops.other_ops is ops.operations.other_ops
    assert ops.augassign_floordiv(7, 2) == 3 and ops.augassign_mod(X, 2.0).asnumpy().tolist() == [1.0, 0.0, 1.0]


def test_typeof_and_hastype():
    assert ops.typeof(X) == ms.TensorType(ms.float32) and str(ops.typeof(X)) == "Tensor[Float32]"
    assert (ops.typeof(1), ops.typeof(1.0), ops.typeof(True)) == (ms.int64, ms.float32, ms.bool_)
    assert (ops.typeof([1]), ops.typeof((1,)), ops.typeof("a"), ops.typeof(None)) == \
        (ms.list_, ms.tuple_, ms.string, ms.type_none)
    assert ops.hastype(1, ms.number) and ops.hastype(True, ms.number) and not ops.hastype(True, ms.int64)
    assert ops.hastype(X, ms.tensor_type) and ops.hastype(X, ms.TensorType(ms.float32))
    assert not ops.hastype(X, ms.TensorType(ms.float16)) and ops.hastype(1, ms.Int(64)) and ops.hastype([1], ms.list_)
    with pytest.raises(TypeError, match="For 'hastype', input\\[1\\] should be Type, but got 3."):
        ops.hastype(1, 3)


def test_isconstant_is_false_only_for_a_traced_tensor():
    assert ops.isconstant(X) is True and ops.isconstant(1) is True
    assert ms.jit(lambda a: ops.isconstant(a))(X) is False


def test_is_tensor_bool_cond():
    assert ops.is_tensor_bool_cond(ms.Tensor([1.0])) is True and ops.is_tensor_bool_cond(ms.Tensor(1.0)) is True
    with pytest.raises(ValueError, match=r"Only tensor which shape is \(\) or \(1,\) can be converted to bool, but got "
                                         r"tensor shape is \(3,\)"):
        ops.is_tensor_bool_cond(X)
    with pytest.raises(TypeError, match="The input of IsTensorBoolCond should be a tensor but got int"):
        ops.is_tensor_bool_cond(1)


def test_reduced_shape_and_broadcast_gradient_args():
    assert ops.reduced_shape((2, 3, 4), (1, 2)) == (2, 1, 1) and ops.reduced_shape((2, 3, 4), (-1,)) == (2, 3, 1)
    assert ops.reduced_shape((2, 3, 4), ()) == (1, 1, 1) and ops.reduced_shape((2, 3, 4), 1) == (2, 1, 4)
    assert ops.broadcast_gradient_args((2, 1, 3), (4, 3)) == ((1,), (0,))
    assert ops.broadcast_gradient_args((3,), (3,)) == ((), ())
    assert ops.broadcast_gradient_args((1,), (2, 2)) == ((0, 1), ())
    with pytest.raises(ValueError, match="the shapes \\(2,\\) and \\(3,\\) do not broadcast"):
        ops.broadcast_gradient_args((2,), (3,))
    with pytest.raises(ValueError, match=r"For 'reduced_shape', the 'axis' must be in \[-3, 3\), but got 3."):
        ops.reduced_shape((2, 3, 4), 3)
    with pytest.raises(TypeError, match="For 'reduced_shape', the 'shape' must be a tuple of ints"):
        ops.reduced_shape("ab", 0)


def test_dtype_to_enum_gives_mindsporess_type_ids():
    to_enum = ops.DtypeToEnum()
    assert repr(to_enum) == "Prim[DtypeToEnum]"
    assert [to_enum("op", "dtype", t) for t in (ms.bool_, ms.int32, ms.float32, ms.bfloat16, ms.complex128,
                                                ms.float8_e4m3fn, ms.qint4x2)] == [30, 34, 43, 45, 52, 46, 53]
    with pytest.raises(TypeError, match="For 'Cast', the input 'dtype' should be mindspore dtype, but got 1."):
        to_enum("Cast", "dtype", 1)


def test_slice_get_item():
    assert ops.SliceGetItem(slice(1, 5, 2), "step") == 2 and ops.SliceGetItem(slice(1, 5), "start") == 1
    with pytest.raises(ValueError, match="The 'slice' object has no attribute:foo."):
        ops.SliceGetItem(slice(1, 5), "foo")
    with pytest.raises(ValueError, match="the slice's 'step' is None"):
        ops.SliceGetItem(slice(1, 5), "step")


def test_type_as_muls_and_print(capsys):
    out = ops.type_as(X, ms.Tensor([1]))
    assert out.dtype == ms.int64 and out.asnumpy().tolist() == [1, -2, 3]
    assert ops.tensor_muls(ms.Tensor([1, 2]), 2.5).asnumpy().tolist() == [2.5, 5.0]
    with pytest.raises(TypeError, match="For 'muls', the 'other' must be a number or a Tensor, but got str."):
        ops.tensor_muls(X, "2")
    with pytest.raises(TypeError, match="For 'type_as', the 'other' must be a Tensor, but got int."):
        ops.type_as(X, 1)
    ops.print_("a", ms.Tensor(np.array([1, 2], np.int32)))
    assert capsys.readouterr().out.startswith("a\n")


def test_clip_by_norm_checks_its_inputs_and_nonfinite_norms():
    with pytest.raises(RuntimeError, match="For clip_by_norm, the total norm of order 2.0 from input is non-finite."):
        ops.clip_by_norm(ms.Tensor(np.array([np.inf, 1.0], np.float32)), 1.0, error_if_nonfinite=True)
    with pytest.raises(ValueError):  # the same error is also a ValueError (sporax's rule for RuntimeErrors)
        ops.clip_by_norm(ms.Tensor(np.array([np.nan], np.float32)), 1.0, error_if_nonfinite=True)
    with pytest.raises(TypeError, match="For 'clip_by_norm', the 'x' must be a Tensor"):
        ops.clip_by_norm(1, 2.0)
    inf = ops.clip_by_norm(ms.Tensor(np.array([3.0, -4.0], np.float32)), 2.0, norm_type=float("inf"))
    np.testing.assert_allclose(inf.asnumpy(), np.array([3.0, -4.0]) * 2.0 / (4.0 + 1e-6), rtol=1e-6)


def test_mixed_precision_cast_and_deepcopy_bad_input():
    out = ops.mixed_precision_cast(ms.float16, [X, [X, 1]])
    assert out[0].dtype == ms.float16 and isinstance(out[1], tuple) and out[1][0].dtype == ms.float16
    assert ops.mixed_precision_cast(ms.float16, {"a": X})["a"].dtype == ms.float32  # MindSpore leaves dicts alone
    with pytest.raises(TypeError, match="For 'mixed_precision_cast', the 'dst_dtype' must be a mindspore dtype"):
        ops.mixed_precision_cast("float16", X)
    with pytest.raises(TypeError, match="For 'deepcopy', the 'input_x' must be a Tensor, but got int."):
        ops.deepcopy(1)


def test_linearize_gives_the_output_and_a_reusable_jvp():
    # MindSpore 2.10's docstring example (its values).
    x = ms.Tensor(np.array([[1, 2, 3], [3, 4, 5]], np.float32))
    y = ms.Tensor(np.array([[1, 2], [3, 4], [5, 6]], np.float32))
    v = (ms.Tensor(np.ones((2, 3), np.float32)), ms.Tensor(np.array([[1, 1], [1, 1], [0, 0]], np.float32)))
    out, jvp_fn = ops.linearize(lambda a, b: ops.matmul(a, b), (x, y))
    assert out.asnumpy().tolist() == [[22, 28], [40, 52]] and jvp_fn(v).asnumpy().tolist() == [[12, 15], [16, 19]]
    assert jvp_fn(list(v)).asnumpy().tolist() == [[12, 15], [16, 19]]
    with pytest.raises(ValueError, match="For 'linearize', the 'v' must match the 'inputs'"):
        jvp_fn((v[0],))
    with pytest.raises(TypeError, match="For 'linearize', the 'inputs' must be a Tensor or a tuple/list"):
        ops.linearize(lambda a: a, 3)


def test_stop_gradient_in_place_removes_that_output_from_the_gradient():
    # MindSpore 2.10's docstring example: the stopped out2 adds nothing, eager and in a graph.
    x = ms.Tensor([[0.5, 0.6, 0.4], [1.2, 1.3, 1.1]], dtype=ms.float32)
    y = ms.Tensor([[0.01, 0.3, 1.1], [0.1, 0.2, 1.3], [2.1, 1.2, 3.3]], dtype=ms.float32)

    def net(a, b):
        out1, out2 = ops.matmul(a, b), ops.matmul(a, b)
        ops.stop_gradient_(out2)
        return out1, out2
    expected = np.tile(y.asnumpy().sum(axis=1), (2, 1))
    for grad in (ops.grad(net)(x, y), ms.jit(lambda a, b: ops.grad(net)(a, b))(x, y)):
        np.testing.assert_allclose(grad.asnumpy(), expected, rtol=1e-6)
    with pytest.raises(TypeError, match="For 'stop_gradient_', the 'input' must be a Tensor, but got int."):
        ops.stop_gradient_(1)


def test_tensor_to_tuple_and_scalar_to_array():
    assert ops.TensorToTuple()(ms.Tensor(np.array([1.5, 2.0], np.float32))) == (1.5, 2.0)
    assert repr(ops.TensorToTuple()) == "Prim[TensorToTuple]"
    with pytest.raises(ValueError, match="For 'TensorToTuple', the input must be 1-D"):
        ops.TensorToTuple()(ms.Tensor(np.ones((2, 2), np.float32)))
    t = ops.scalar_to_array(2.5)
    assert t.shape == () and t.dtype == ms.float32 and float(t) == 2.5
    with pytest.raises(TypeError, match="For 'ScalarToArray', the 'input_x' must be an int or a float"):
        ops.scalar_to_array("2")


def test_primitive_with_check_runs_its_checks_before_computing():
    import jax.numpy as jnp
    seen = []

    class Doubled(ops.PrimitiveWithCheck):
        def __init__(self):
            super().__init__("Doubled")

        def check_dtype(self, x_dtype):
            seen.append(x_dtype)
            if x_dtype != ms.float32:
                raise TypeError(f"For 'Doubled', the 'x' must be float32, but got {x_dtype}.")

        def check_shape(self, x_shape):
            seen.append(x_shape)

        def _compute(self, x):
            return jnp.multiply(x, 2)
    doubled = Doubled()
    assert repr(doubled) == "Prim[Doubled]" and isinstance(doubled, ops.Primitive)
    assert doubled(X).asnumpy().tolist() == [2.0, -4.0, 6.0] and seen == [ms.float32, (3,)]
    assert ms.jit(lambda a: doubled(a))(X).asnumpy().tolist() == [2.0, -4.0, 6.0]
    with pytest.raises(TypeError, match="For 'Doubled', the 'x' must be float32, but got Int32."):
        doubled(ms.Tensor(np.array([1], np.int32)))


def test_return_ids_pairs_gradients_with_positions_and_names_and_get_grad_finds_them():
    # The structures MindSpore 2.10 returns for these calls.
    x, y = ms.Tensor(np.array([1.0, 2.0], np.float32)), ms.Tensor(np.array([3.0, 4.0], np.float32))
    w = ms.Parameter(ms.Tensor(np.array([2.0, 3.0], np.float32)), name="w")

    def f(a, b):
        return (a * b * w).sum()
    grads = ms.grad(f, grad_position=(0, 1), weights=ms.ParameterTuple([w]), return_ids=True)(x, y)
    (p0, g0), (p1, g1) = grads[0]
    ((name, gw),) = grads[1]
    assert (p0, p1, name) == (0, 1, "w") and g0.asnumpy().tolist() == [6.0, 12.0] and gw.asnumpy().tolist() == [3, 8]
    assert ops.get_grad(grads, 1).asnumpy().tolist() == [2.0, 6.0] and ops.get_grad(grads, w) is gw
    single = ms.grad(f, grad_position=0, return_ids=True)(x, y)
    assert single[0] == 0 and ops.get_grad(single, 0).asnumpy().tolist() == [6.0, 12.0]
    only_weight = ms.grad(f, grad_position=None, weights=w, return_ids=True)(x, y)
    assert only_weight[0] == "w"
    value, with_ids = ms.value_and_grad(f, grad_position=(1,), return_ids=True)(x, y)
    assert float(value) == 30.0 and with_ids[0][0] == 1
    with pytest.raises(RuntimeError, match="Can not find the gradient for position or Parameter 5"):
        ops.get_grad(grads, 5)
    with pytest.raises(TypeError, match="For `get_grad`, the `x` should be an integer or a Parameter, but got x"):
        ops.get_grad(grads, "x")
    with pytest.raises(TypeError, match="For 'value_and_grad', the 'return_ids' must be a bool"):
        ms.value_and_grad(f, return_ids=1)
