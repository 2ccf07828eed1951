import numpy as np
import pytest

import sporax as ms
from sporax import Tensor
from sporax.common.initializer import Normal, initializer


@pytest.mark.parametrize("data, dtype", [
    (1, ms.int64), (1.5, ms.float32), (True, ms.bool_), ([1, 2], ms.int64), ([1.0, 2.0], ms.float32),
    ([1, 2.5], ms.float32), (np.arange(3.0), ms.float64), (np.int32(1), ms.int32),
    (np.float64(1), ms.float64), ([[1, 2], [3, 4]], ms.int64), ([True, False], ms.bool_),
    (np.zeros(2, np.uint8), ms.uint8), ([], ms.float32),
])
def test_dtype_inference_follows_mindspore(data, dtype):
    assert Tensor(data).dtype == dtype


def test_explicit_dtype_casts():
    t = Tensor(1, ms.float16)
    assert t.dtype == ms.float16 and t.asnumpy().dtype == np.float16


def test_ragged_list_is_type_error():
    with pytest.raises(TypeError, match=r"For Tensor, the input_data is \[\[1, 2\], \[3\]\] that contain unsupported element."):
        Tensor([[1, 2], [3]])


@pytest.mark.parametrize("bad", [None, "abc", {"a": 1}, Normal()])
def test_unsupported_input_is_type_error(bad):
    with pytest.raises(TypeError, match="For 'Tensor', the type of 'input_data' should be one of"):
        Tensor(bad)


def test_dtype_must_be_a_sporax_type():
    with pytest.raises(TypeError, match="For 'Tensor', the 'dtype' should be one of"):
        Tensor([1], np.float32)


def test_metadata():
    t = Tensor(np.zeros((2, 3), np.float32))
    assert (t.shape, t.ndim, t.size, t.itemsize, t.nbytes) == ((2, 3), 2, 6, 4, 24)


@pytest.mark.parametrize("tensor, text", [
    (Tensor(np.array([1.0, 2.0], np.float32)), "Tensor(shape=[2], dtype=Float32, value= [ 1.00000000e+00,  2.00000000e+00])"),
    (Tensor(1.5), "Tensor(shape=[], dtype=Float32, value= 1.5)"),
    (Tensor([1, 2]), "Tensor(shape=[2], dtype=Int64, value= [1, 2])"),
    (Tensor([True, False]), "Tensor(shape=[2], dtype=Bool, value= [ True, False])"),
    (Tensor(np.array([1.5], np.float16)), "Tensor(shape=[1], dtype=Float16, value= [ 1.5000e+00])"),
    (Tensor(np.array([np.nan, np.inf, -np.inf], np.float32)),
     "Tensor(shape=[3], dtype=Float32, value= [            nan,             inf,            -inf])"),
    (Tensor(np.arange(6.0, dtype=np.float32).reshape(2, 3)),
     "Tensor(shape=[2, 3], dtype=Float32, value=\n[[ 0.00000000e+00,  1.00000000e+00,  2.00000000e+00],\n"
     " [ 3.00000000e+00,  4.00000000e+00,  5.00000000e+00]])"),
    (Tensor(np.arange(30)), "Tensor(shape=[30], dtype=Int64, value= [ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, "
     "12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, \n 24, 25, 26, 27, 28, 29])"),
    (Tensor(np.arange(60).reshape(2, 30)), "Tensor(shape=[2, 30], dtype=Int64, value=\n[[ 0,  1,  2 ... 27, 28, 29],\n"
     " [30, 31, 32 ... 57, 58, 59]])"),
    (Tensor(np.zeros((0, 3), np.float32)), "Tensor(shape=[0, 3], dtype=Float32, value=\n)"),
])
def test_repr_matches_mindspore(tensor, text):
    assert repr(tensor) == text


def test_repr_summarises_long_vectors_and_axes():
    text = repr(Tensor(np.arange(2000.0, dtype=np.float32)))
    assert text.endswith("value= [ 0.00000000e+00,  1.00000000e+00,  2.00000000e+00 ...  1.99700000e+03,  "
                         "1.99800000e+03,  1.99900000e+03])")
    lines = repr(Tensor(np.arange(1600, dtype=np.int32).reshape(40, 40))).splitlines()
    assert lines[1:5] == ["[[   0,    1,    2 ...   37,   38,   39],", " [  40,   41,   42 ...   77,   78,   79],",
                          " [  80,   81,   82 ...  117,  118,  119],", " ..."]


def test_str_is_numpy_str():
    t = Tensor(np.arange(6.0, dtype=np.float32).reshape(2, 3))
    assert str(t) == "[[0. 1. 2.]\n [3. 4. 5.]]"


def test_lazy_tensor_has_no_data_and_prints_uninitialized():
    t = Tensor(init=Normal(), shape=(2, 3), dtype=ms.float32)
    assert t.has_init and isinstance(t.init, Normal)
    assert str(t) == "Tensor(shape=[2, 3], dtype=Float32, value=\n<uninitialized>)"
    assert t.has_init  # printing never materialises


def test_lazy_tensor_requires_init_shape_and_dtype_together():
    with pytest.raises(ValueError, match="init, dtype and shape must have values at the same time."):
        Tensor(init=Normal(), shape=(2,))


def test_init_data_materialises_in_place_and_returns_self():
    t = initializer("ones", (2, 2))
    assert t.init_data() is t and not t.has_init
    np.testing.assert_array_equal(t.asnumpy(), np.ones((2, 2), np.float32))
    with pytest.raises(TypeError, match="init_data must be set Tensor.init, init can't be None"):
        t.init_data()


def test_using_a_lazy_value_materialises_it():
    t = initializer("ones", (3,))
    assert (t + 1).asnumpy().tolist() == [2.0, 2.0, 2.0]
    assert not t.has_init


@pytest.mark.parametrize("a, b, dtype", [
    (Tensor(np.int32([1])), 1.5, ms.float32), (Tensor(np.int32([1])), 2, ms.int32),
    (Tensor(np.float16([1])), 2.0, ms.float16), (Tensor([True]), 1, ms.int64),
    (Tensor(np.float16([1])), Tensor(np.float32([1])), ms.float32),
    (Tensor(np.int32([1])), Tensor(np.int64([1])), ms.int64),
    (Tensor(np.int64([1])), Tensor(np.float16([1])), ms.float16),
])
def test_addition_promotes_like_mindspore(a, b, dtype):
    assert (a + b).dtype == dtype and (b + a).dtype == dtype


def test_true_division_of_ints_is_float32():
    out = Tensor([1, 2]) / 2
    assert out.dtype == ms.float32 and out.asnumpy().tolist() == [0.5, 1.0]


def test_comparisons_are_elementwise_bool():
    out = Tensor([1.0, 2.0]) == Tensor([1.0, 3.0])
    assert out.dtype == ms.bool_ and out.asnumpy().tolist() == [True, False]
    assert (Tensor([1.0]) == "x") is False


def test_methods():
    t = Tensor(np.arange(6.0, dtype=np.float32))
    assert t.reshape(2, 3).shape == (2, 3) and t.reshape((3, 2)).shape == (3, 2)
    assert t.astype(ms.int32).dtype == ms.int32
    assert float(t.sum()) == 15.0 and t.sum().dtype == ms.float32
    assert float(t.mean()) == 2.5
    assert t[1:3].asnumpy().tolist() == [1.0, 2.0]
    assert np.asarray(t).dtype == np.float32
    assert len(t) == 6


def test_bool_of_many_elements_is_ambiguous():
    with pytest.raises(ValueError, match="The tensor should have only one element, but got 2"):
        bool(Tensor([1, 2]))


def test_setitem_assigns_in_place_with_the_tensors_dtype():
    t = Tensor(np.zeros((2, 3), np.float32))
    t[0, 1] = 5
    t[1] = Tensor(np.array([1, 2, 3]))
    assert t.dtype == ms.float32 and t.asnumpy().tolist() == [[0, 5, 0], [1, 2, 3]]
    p = ms.Parameter(Tensor(np.zeros(3, np.float32)), name="p")
    p[1:] = 2.5
    assert p.asnumpy().tolist() == [0, 2.5, 2.5]
    with pytest.raises(TypeError, match="argument 'value' must be a Tensor, number or array"):
        t[0] = "x"


@pytest.mark.parametrize("call, error, match", [
    (lambda t: t.reshape(5, 5), ValueError, "Tensor.reshape: argument 'shape' \\(5, 5\\) does not fit 6 elements"),
    (lambda t: t.reshape(-1, -1), ValueError, "argument 'shape'"),
    (lambda t: t.reshape(4, -1), ValueError, "argument 'shape'"),
    (lambda t: t.reshape(2.0, 3), TypeError, "argument 'shape' must hold ints"),
    (lambda t: t.astype("nope"), TypeError, "Tensor.astype: argument 'dtype'"),
])
def test_method_bad_input(call, error, match):
    t = Tensor(np.ones((2, 3), np.float32))
    with pytest.raises(error, match=match):
        call(t)
    assert t.shape == (2, 3)
    assert t.reshape(-1, 2).shape == (3, 2) and t.reshape(6).shape == (6,)
