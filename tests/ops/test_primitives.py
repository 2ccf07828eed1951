import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, ops
from sporax.ops import functional as F
from sporax.ops import operations as P

RNG = np.random.default_rng(1)


def t(a):
    return Tensor(np.asarray(a))


def rand(*shape):
    return RNG.standard_normal(shape).astype(np.float32)


def test_paths_and_aliases():
    assert ops.Add is P.Add and ops.add is F.add
    assert ops.operations.MatMul is ops.MatMul
    assert issubclass(ops.Conv2DTranspose, ops.operations.Conv2DBackpropInput)


def test_repr_attrs_and_flags():
    assert repr(ops.Add()) == "Prim[Add]"
    assert repr(ops.MatMul()) == "Prim[MatMul]<transpose_a=False, transpose_b=False>"
    assert repr(ops.ReduceSum(keep_dims=True)) == "Prim[ReduceSum]<keep_dims=True>"
    prim = ops.Add().add_prim_attr("note", 1)
    assert prim.attrs == {"note": 1} and not prim.side_effect_mem and not prim.side_effect_io
    assert ops.MatMul(transpose_b=True).attrs == {"transpose_a": False, "transpose_b": True}


@pytest.mark.parametrize("prim, text", [
    (lambda: ops.Conv2D(8, 3), "Prim[Conv2D]<out_channel=8, kernel_size=3, mode=1, pad_mode=valid, pad=(0, 0, 0, 0), "
     "stride=(1, 1, 1, 1), dilation=(1, 1, 1, 1), group=1, data_format=NCHW, groups=1>"),
    (lambda: ops.MaxPool(2, 2), "Prim[MaxPool]<kernel_size=(1, 1, 2, 2), strides=(1, 1, 2, 2), pad_mode=VALID, "
     "data_format=NCHW>"),
    (lambda: ops.ApplyMomentum(), "Prim[ApplyMomentum]<use_nesterov=False, use_locking=False, gradient_scale=1.0, "
     "side_effect_mem=True>"),
    (lambda: ops.ScatterUpdate(), "Prim[ScatterUpdate]<use_locking=True, side_effect_mem=True>"),
    (lambda: ops.Dropout(0.9), "Prim[Dropout]<keep_prob=0.9, Seed0=0, Seed1=0, side_effect_hidden=True>"),
    (lambda: ops.Print(), "Prim[Print]<side_effect_io=True>"),
    (lambda: ops.depend, "Prim[Depend]<side_effect_propagate=1>"),
])
def test_reprs_match_mindspore(prim, text):
    assert repr(prim()) == text


def test_prim_attr_register_records_init_arguments():
    class Scale(ops.Primitive):
        @ops.prim_attr_register
        def __init__(self, factor=2.0):
            pass

        def _compute(self, x):
            return x * self.attrs["factor"]

    assert Scale(3.0).attrs == {"factor": 3.0}
    assert Scale(3.0)(t([1.0, 2.0])).asnumpy().tolist() == [3.0, 6.0]


def test_prim_attr_register_binds_as_python_does():
    """The hand binder (the eager fast path) gives what inspect's binder gives, in signature
    order, and leaves every mistake to Python's own TypeError."""
    class Window(ops.Primitive):
        @ops.prim_attr_register
        def __init__(self, size, stride=1, pad_mode="valid"):
            pass

    assert list(Window(3).attrs.items()) == [("size", 3), ("stride", 1), ("pad_mode", "valid")]
    assert list(Window(pad_mode="same", size=2).attrs.items()) == [("size", 2), ("stride", 1), ("pad_mode", "same")]
    assert list(Window(2, 4, "same").attrs.items()) == [("size", 2), ("stride", 4), ("pad_mode", "same")]
    for args, kwargs, words in [((), {}, "missing a required argument: 'size'"),
                                ((1, 2, 3, 4), {}, "too many positional arguments"),
                                ((1,), {"size": 2}, "multiple values for argument 'size'"),
                                ((1,), {"bogus": 2}, "unexpected keyword argument 'bogus'")]:
        with pytest.raises(TypeError, match=words):
            Window(*args, **kwargs)

    class Star(ops.Primitive):
        @ops.prim_attr_register
        def __init__(self, *shape, scale=1.0):
            pass

    assert Star(2, 3).attrs == {"shape": (2, 3), "scale": 1.0}


def test_prim_attr_register_reads_the_signature_on_first_construction(monkeypatch):
    """Decorating reads no signature (issue 15: ~180 classes are decorated by `import
    sporax`); the first construction reads it once, and binds, errors included, as an eager
    read would have: a mistake as the very first call still gets Python's own TypeError."""
    import inspect

    reads = []
    real = inspect.signature
    monkeypatch.setattr(inspect, "signature", lambda f, *a, **k: reads.append(f) or real(f, *a, **k))

    class Window(ops.Primitive):
        @ops.prim_attr_register
        def __init__(self, size, stride=1, *, pad_mode="valid"):
            pass

    assert reads == []
    with pytest.raises(TypeError, match="missing a required argument: 'size'"):
        Window()
    assert [f.__name__ for f in reads] == ["__init__"]
    assert list(Window(2, pad_mode="same").attrs.items()) == [("size", 2), ("stride", 1), ("pad_mode", "same")]
    with pytest.raises(TypeError, match="too many positional arguments"):
        Window(1, 2, 3)
    assert len(reads) == 1
    monkeypatch.undo()
    assert list(inspect.signature(Window).parameters) == ["size", "stride", "pad_mode"]


BINARY = [(P.Add, np.add), (P.Sub, np.subtract), (P.Mul, np.multiply), (P.RealDiv, np.divide), (P.Div, np.divide),
          (P.Pow, np.power), (P.Maximum, np.maximum), (P.Minimum, np.minimum), (P.Equal, np.equal),
          (P.Less, np.less), (P.Greater, np.greater)]


@pytest.mark.parametrize("prim, ref", BINARY)
def test_binary_ops_match_numpy(prim, ref):
    x, y = np.abs(rand(3, 4)) + 0.5, rand(3, 4)
    np.testing.assert_allclose(prim()(t(x), t(y)).asnumpy(), ref(x, y), rtol=1e-6)
    np.testing.assert_allclose(prim()(t(x), 2.0).asnumpy(), ref(x, np.float32(2.0)), rtol=1e-6)


def test_binary_promotion_and_errors():
    assert ops.Add()(t(np.int32([1])), 1.5).dtype == ms.float32
    assert ops.Div()(t([1, 2]), t([2, 2])).asnumpy().tolist() == [0.5, 1.0]
    with pytest.raises(TypeError, match="at least one of 'x' and 'y' must be a Tensor"):
        ops.Add()(1, 2)


UNARY = [(P.Neg, np.negative), (P.Exp, np.exp), (P.Log, np.log), (P.Sqrt, np.sqrt), (P.Square, np.square),
         (P.ReLU, lambda x: np.maximum(x, 0)), (P.Sigmoid, lambda x: 1 / (1 + np.exp(-x))), (P.Tanh, np.tanh),
         (P.Abs, np.abs), (P.IsFinite, np.isfinite)]


@pytest.mark.parametrize("prim, ref", UNARY)
def test_unary_ops_match_numpy(prim, ref):
    x = np.abs(rand(3, 4)) + 0.1
    np.testing.assert_allclose(prim()(t(x)).asnumpy(), ref(x), rtol=1e-5)


def test_unary_rejects_non_tensor():
    with pytest.raises(TypeError, match="For 'Exp', the input 'x' must be a Tensor"):
        ops.Exp()(1.0)


def test_matmul_and_batch_matmul():
    a, b = rand(2, 3), rand(4, 3)
    np.testing.assert_allclose(ops.MatMul(transpose_b=True)(t(a), t(b)).asnumpy(), a @ b.T, rtol=1e-5)
    with pytest.raises(ValueError, match="the input dimensions must be equal"):
        ops.MatMul()(t(a), t(b))
    x, y = rand(5, 2, 3), rand(5, 3, 4)
    np.testing.assert_allclose(ops.BatchMatMul()(t(x), t(y)).asnumpy(), x @ y, rtol=1e-5)
    np.testing.assert_allclose(ops.matmul(t(x), t(y)).asnumpy(), x @ y, rtol=1e-5)


def test_reductions_and_argmax():
    x = rand(2, 3, 4)
    np.testing.assert_allclose(ops.ReduceSum()(t(x), 1).asnumpy(), x.sum(1), rtol=1e-5)
    np.testing.assert_allclose(ops.ReduceMean(True)(t(x), (0, 2)).asnumpy(), x.mean((0, 2), keepdims=True), rtol=1e-5)
    np.testing.assert_allclose(ops.ReduceMax()(t(x)).asnumpy(), x.max())
    out = ops.Argmax()(t(x))
    assert out.dtype == ms.int32 and (out.asnumpy() == x.argmax(-1)).all()


def test_shape_ops():
    x = rand(2, 3, 4)
    assert ops.Reshape()(t(x), (6, -1)).shape == (6, 4)
    with pytest.raises(ValueError, match="product of the shape of 'input_x': 24"):
        ops.Reshape()(t(x), (5, 5))
    np.testing.assert_array_equal(ops.Transpose()(t(x), (2, 0, 1)).asnumpy(), x.transpose(2, 0, 1))
    with pytest.raises(ValueError, match="permutation"):
        ops.Transpose()(t(x), (0, 0, 1))
    assert ops.ExpandDims()(t(x), 0).shape == (1, 2, 3, 4)
    assert ops.Squeeze()(t(np.ones((1, 3, 1)))).shape == (3,)
    assert ops.Shape()(t(x)) == (2, 3, 4)
    assert ops.Concat(1)((t(x), t(x))).shape == (2, 6, 4)
    assert ops.Stack(0)([t(x), t(x)]).shape == (2, 2, 3, 4)
    parts = ops.Split(2, 2)(t(x))
    assert len(parts) == 2 and parts[1].shape == (2, 3, 2)
    np.testing.assert_array_equal(ops.Gather()(t(x), t(np.array([2, 0])), 1).asnumpy(), x[:, [2, 0]])
    assert ops.Cast()(t(x), ms.float16).dtype == ms.float16


def test_creation_and_selection():
    assert ops.Fill()(ms.int32, (2, 2), 3).asnumpy().tolist() == [[3, 3], [3, 3]]
    assert ops.Ones()((2,), ms.float16).dtype == ms.float16 and ops.Zeros()(3, ms.int64).asnumpy().tolist() == [0, 0, 0]
    x = rand(2, 2)
    assert not ops.ZerosLike()(t(x)).asnumpy().any() and ops.OnesLike()(t(x)).asnumpy().all()
    cond = t(np.array([True, False]))
    assert ops.Select()(cond, t([1.0, 2.0]), t([3.0, 4.0])).asnumpy().tolist() == [1.0, 4.0]
    hot = ops.OneHot()(t(np.array([0, 2], np.int32)), 3, t(np.float32(1)), t(np.float32(0)))
    assert hot.asnumpy().tolist() == [[1, 0, 0], [0, 0, 1]]


def test_nn_ops():
    x = rand(2, 3, 5, 5)
    w = rand(4, 3, 3, 3)
    assert ops.Conv2D(4, 3, pad_mode="same")(t(x), t(w)).shape == (2, 4, 5, 5)
    assert ops.conv2d(t(x), t(w)).shape == (2, 4, 3, 3)
    assert ops.Conv3D(2, 2)(t(rand(1, 1, 4, 4, 4)), t(rand(2, 1, 2, 2, 2))).shape == (1, 2, 3, 3, 3)
    b = rand(3)
    np.testing.assert_allclose(ops.BiasAdd()(t(x), t(b)).asnumpy(), x + b[None, :, None, None], rtol=1e-6)
    s = ops.Softmax()(t(x)).asnumpy()
    np.testing.assert_allclose(s.sum(-1), 1, rtol=1e-5)
    assert ops.MaxPool(2, 2)(t(x)).shape == (2, 3, 2, 2) and ops.AvgPool(2, 2, "same")(t(x)).shape == (2, 3, 3, 3)
    y, mean, var = ops.LayerNorm(1, 1)(t(x), t(np.ones((3, 5, 5), np.float32)), t(np.zeros((3, 5, 5), np.float32)))
    np.testing.assert_allclose(y.asnumpy().reshape(2, -1).mean(-1), 0, atol=1e-5)
    out, mask = ops.Dropout(0.5)(t(np.ones(1000, np.float32)))
    assert set(np.unique(out.asnumpy())) <= {0.0, 2.0} and mask.shape == (1000,)


def test_conv2d_validation():
    with pytest.raises(ValueError, match="'pad' must be zero when 'pad_mode' is not 'pad'"):
        ops.Conv2D(4, 3, pad=1)
    with pytest.raises(ValueError, match="dimension of 'x' and 'weight' must be 4"):
        ops.Conv2D(4, 3)(t(rand(3, 5, 5)), t(rand(4, 3, 3, 3)))


def test_functional_forms():
    x = rand(2, 3)
    np.testing.assert_allclose(F.relu(t(x)).asnumpy(), np.maximum(x, 0))
    np.testing.assert_allclose(F.mean(t(x), 1).asnumpy(), x.mean(1), rtol=1e-6)
    assert F.concat([t(x), t(x)]).shape == (4, 3) and F.stack([t(x), t(x)], 1).shape == (2, 2, 3)
    assert F.dropout(t(x), p=0.5, training=False) is not None
    assert F.argmax(t(x), 1).asnumpy().tolist() == x.argmax(1).tolist()
