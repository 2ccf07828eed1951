import math

import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, Tensor
from sporax.common import initializer as I


@pytest.mark.parametrize("alias, cls", [
    ("zero", I.Zero), ("zeros", I.Zero), ("one", I.One), ("ones", I.One), ("normal", I.Normal),
    ("Normal", I.Normal), ("NORMAL", I.Normal), ("uniform", I.Uniform), ("truncatednormal", I.TruncatedNormal),
    ("xaviernormal", I.XavierNormal), ("xavier_normal", I.XavierNormal), ("XAVIER_UNIFORM", I.XavierUniform),
    ("xavieruniform", I.XavierUniform), ("henormal", I.HeNormal), ("he_normal", I.HeNormal),
    ("heuniform", I.HeUniform), ("he_uniform", I.HeUniform), ("identity", I.Identity), ("dirac", I.Dirac),
    ("orthogonal", I.Orthogonal), ("variancescaling", I.VarianceScaling),
])
def test_alias_table(alias, cls):
    shape = (3, 3) if cls is I.Identity else (3, 3, 3)
    assert type(I.initializer(alias, shape).init) is cls


@pytest.mark.parametrize("alias", ["truncated_normal", "constant", " ones", "bogus"])
def test_unregistered_names_are_value_errors(alias):
    with pytest.raises(ValueError, match=f"For 'initializer', the class corresponding to '{alias}' was not found."):
        I.initializer(alias, (2,))


def test_sparse_by_name_needs_sparsity():
    with pytest.raises(TypeError, match="sparsity"):
        I.initializer("sparse", (2, 2))


@pytest.mark.parametrize("bad", [np.ones(2), [1, 2], None])
def test_init_type_is_checked(bad):
    with pytest.raises(TypeError, match="For 'initializer', the type of the 'init' argument should be 'Tensor', "
                                        "'number', 'string' or 'initializer'"):
        I.initializer(bad, (2,))


def test_tensor_init_is_returned_as_is_after_shape_check():
    t = Tensor(np.ones((2, 3), np.float32))
    assert I.initializer(t, (2, 3), ms.float16) is t
    with pytest.raises(ValueError, match=r"but got the 'init' shape \[2, 3\] and the 'shape' \(3, 2\)."):
        I.initializer(t, (3, 2))
    with pytest.raises(ValueError, match=r"and the 'shape' \[None\]."):
        I.initializer(t)


@pytest.mark.parametrize("shape", [(0, 3), (-1,), (2.0,), (np.int64(2),), ("a",), 0])
def test_shape_must_be_positive_ints(shape):
    with pytest.raises(ValueError, match="the value of 'shape' must be positive integer"):
        I.initializer("ones", shape)


def test_shape_forms():
    assert I.initializer("ones", 3).shape == (3,)
    assert I.initializer("ones", [2, 3]).shape == (2, 3)
    assert I.initializer("ones", ()).shape == ()


def test_missing_shape_or_dtype():
    with pytest.raises(ValueError, match="argument 'shape' must be given"):
        I.initializer("ones")
    with pytest.raises(ValueError, match="init, dtype and shape must have values at the same time."):
        I.initializer("ones", (2,), None)
    with pytest.raises(TypeError, match="For 'Tensor', the 'dtype' should be one of"):
        I.initializer("ones", (2,), np.float32)


def test_numbers_become_constants_with_numpy_fill_semantics():
    assert I.initializer(2.7, (2,), ms.int32).init_data().asnumpy().tolist() == [2, 2]
    assert I.initializer(-2.7, (2,), ms.int32).init_data().asnumpy().tolist() == [-2, -2]
    assert I.initializer(True, (1,)).init_data().asnumpy().tolist() == [1.0]
    assert isinstance(I.initializer(3, (1,)).init, I.Constant)


def test_constant_rejects_arrays_and_strings():
    for bad in (np.ones(2), "a"):
        with pytest.raises(ValueError, match="For 'Constant', the argument 'value' must be a number"):
            I.Constant(bad)


@pytest.mark.parametrize("make, error, match", [
    (lambda: I.Normal(-1), ValueError, "sigma < 0"),
    (lambda: I.Normal("a"), TypeError, "'sigma' must be a real number"),
    (lambda: I.TruncatedNormal(-1), ValueError, "sigma < 0"),
    (lambda: I.TruncatedNormal(0), ValueError, "TruncatedNormal: invalid sigma 0."),
    (lambda: I.TruncatedNormal(0), RuntimeError, "TruncatedNormal: invalid sigma 0."),
    (lambda: I.TruncatedNormal(1, 0, 2, 1), ValueError, "'a' must be less than 'b'"),
    (lambda: I.HeUniform(negative_slope=True), ValueError, "'negative_slope' True is not a valid number"),
    (lambda: I.HeNormal(nonlinearity="selu"), ValueError,
     r"For 'HeUniform', the argument 'nonlinearity' should be one of \['sigmoid', 'tanh', 'relu' or 'leaky_relu'\], but got selu."),
    (lambda: I.HeNormal(nonlinearity="RELU"), ValueError, "but got RELU."),
    (lambda: I.HeUniform(mode="fan_avg"), ValueError, r"'mode' fan_avg not supported, please use one of \['fan_in', 'fan_out'\]"),
    (lambda: I.VarianceScaling(0), ValueError, "the argument 'scale' must be greater than 0, but got 0."),
    (lambda: I.VarianceScaling(mode="FAN_IN"), ValueError, "argument 'mode' must be fan_in, fan_out or fan_avg"),
    (lambda: I.VarianceScaling(distribution="normal"), ValueError,
     "the argument 'distribution' must be uniform, truncated_norm or untruncated_norm, but got normal."),
    (lambda: I.Sparse(1.5), ValueError, "'sparsity' must be in"),
    (lambda: I.Dirac(0), ValueError, "'groups' must be a positive int"),
])
def test_bad_arguments_fail_at_construction(make, error, match):
    with pytest.raises(error, match=match):
        make()


@pytest.mark.parametrize("init, shape, match", [
    (I.XavierUniform(), (3,), "'fan_in' and 'fan_out' can not be computed for tensor with fewer than 2 dimensions, but got dimensions 1."),
    (I.HeNormal(), (3,), "fewer than 2 dimensions"),
    (I.Identity(), (2, 2, 2), "For Identity initializer, the dimension of the initialized tensor should be 2, but got 3."),
    (I.Sparse(0.1), (2, 2, 2), "For Sparse initializer, the dimension of the initialized tensor should be 2, but got 3."),
    (I.Dirac(), (2, 2), "For Dirac initializer, only support to initialize tensor with dimension of 3, 4 or 5, but got 2."),
    (I.Dirac(3), (4, 3, 3), "must be divisible by groups, but got first dimension4, groups3."),
    (I.Orthogonal(), (3,), "should be no less than 2, but got 1."),
])
def test_shape_rules_fail_at_initializer_time_not_materialisation(init, shape, match):
    with pytest.raises(ValueError, match=match):
        I.initializer(init, shape)


def test_mode_is_case_insensitive_for_he():
    assert I.HeUniform(mode="FAN_OUT").mode == "fan_out"


def test_public_attributes_and_kwargs():
    n = I.Normal(0.2, 1.0)
    assert (n.sigma, n.mean, n._kwargs) == (0.2, 1.0, {"sigma": 0.2, "mean": 1.0})
    assert I.Normal() != I.Normal()


def test_call_fills_numpy_array_in_place_and_returns_none():
    ms.set_seed(1)
    arr = np.zeros((64, 3, 3, 3), np.float32)
    assert I.Normal()(arr) is None
    ms.set_seed(1)
    np.testing.assert_array_equal(arr, I.initializer(I.Normal(), (64, 3, 3, 3)).init_data().asnumpy())
    with pytest.raises(ValueError, match="must be numpy.ndarray"):
        I.Normal()([1, 2])


def test_base_initialize_is_not_implemented():
    with pytest.raises(NotImplementedError, match="Must be overridden!"):
        I.Initializer()._initialize(np.zeros(2))


def test_user_subclass_with_initialize_works_with_initializer_and_parameter():
    class Arange(I.Initializer):
        def _initialize(self, arr):
            arr[...] = np.arange(arr.size).reshape(arr.shape)

    p = ms.Parameter(I.initializer(Arange(), (2, 3), ms.int32), name="p")
    assert p.has_init
    assert p.asnumpy().tolist() == [[0, 1, 2], [3, 4, 5]] and p.dtype == ms.int32


def test_identity_and_dirac_values():
    assert I.initializer("identity", (2, 3)).init_data().asnumpy().tolist() == [[1, 0, 0], [0, 1, 0]]
    w = I.initializer(I.Dirac(1), (2, 2, 3)).init_data().asnumpy()
    assert w[0, 0, 1] == 1 and w[1, 1, 1] == 1 and w.sum() == 2


def test_orthogonal_rows_are_orthonormal_times_gain():
    ms.set_seed(1)
    w = I.initializer(I.Orthogonal(2.0), (4, 10)).init_data().asnumpy().astype(np.float64)
    np.testing.assert_allclose(w @ w.T, 4 * np.eye(4), atol=1e-5)


def test_sparse_zeroes_ceil_fraction_of_each_column():
    ms.set_seed(1)
    w = I.initializer(I.Sparse(0.25), (10, 4)).init_data().asnumpy()
    assert ((w == 0).sum(axis=0) == math.ceil(0.25 * 10)).all()


def test_random_values_cast_like_mindspore():
    ms.set_seed(1)
    f32 = I.initializer(I.Normal(10.0), (6,), ms.float32).init_data().asnumpy()
    for dtype, expected in [(ms.int32, np.trunc(f32).astype(np.int32)), (ms.float64, f32.astype(np.float64)),
                            (ms.float16, f32.astype(np.float16)), (ms.bool_, f32 != 0)]:
        ms.set_seed(1)
        got = I.initializer(I.Normal(10.0), (6,), dtype).init_data().asnumpy()
        np.testing.assert_array_equal(got, expected)


def test_zero_and_one_draw_no_random_numbers():
    ms.set_seed(1)
    I.initializer("zeros", (3,)).init_data()
    I.initializer("ones", (3,)).init_data()
    I.initializer(I.Constant(2), (3,)).init_data()
    after = np.random.rand()
    ms.set_seed(1)
    assert np.random.rand() == after


def test_seed_property_advances_the_graph_seed_counter():
    ms.set_seed(5)
    assert I.Normal().seed == (5, 5)
    assert I.Normal().seed == (5, 533697033)


def test_variance_scaling_truncated_normal_samples_the_uniform_branch():
    ms.set_seed(1)
    a = I.initializer(I.VarianceScaling(), (9, 7)).init_data().asnumpy()
    ms.set_seed(1)
    b = I.initializer(I.VarianceScaling(distribution="uniform"), (9, 7)).init_data().asnumpy()
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("generator", ["mindspore", "mindspore-r1.6", "threefry"])
def test_sparse_zeroes_the_drawn_rows_under_every_generator(generator):
    ms.set_context(init_generator=generator)
    try:
        ms.set_seed(3)
        sparse = Parameter(I.initializer(I.Sparse(0.5, sigma=1.0), (9, 5)), name="w").asnumpy()
        ms.set_seed(3)
        dense = Parameter(I.initializer(I.Sparse(0.0, sigma=1.0), (9, 5)), name="w").asnumpy()
    finally:
        ms.set_context(init_generator="mindspore")
    zero = sparse == 0
    assert (zero.sum(axis=0) == 5).all() and (dense != 0).all()  # ceil(0.5 * 9) rows of each column
    np.testing.assert_array_equal(sparse[~zero], dense[~zero])  # the rest: the same normal draw
