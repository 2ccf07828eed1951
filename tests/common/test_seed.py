import numpy as np
import pytest

import sporax as ms
from sporax import Parameter
from sporax.common.initializer import HeUniform, Uniform, initializer


def test_get_seed_is_none_until_set():
    assert ms.get_seed() is None
    ms.set_seed(0)
    assert ms.get_seed() == 0
    ms.set_seed(2**32 - 1)
    assert ms.get_seed() == 2**32 - 1


@pytest.mark.parametrize("bad, error, match", [
    (1.0, TypeError, "The argument 'seed' must be type of int, but got <class 'float'>."),
    ("1", TypeError, "must be type of int"), (None, TypeError, "must be type of int"),
    (np.int64(1), TypeError, "must be type of int"),
    (True, TypeError, "For 'global_seed', the 'seed' must be int and must >= 0, but got 'True' with type 'bool'."),
    (-1, ValueError, "For 'global_seed', the 'seed' must be int and must >= 0, but got '-1' with type 'int'."),
    (2**32, ValueError, r"Seed must be between 0 and 2\*\*32 - 1"),
])
def test_bad_seeds_raise_and_change_nothing(bad, error, match):
    ms.set_seed(7)
    with pytest.raises(error, match=match):
        ms.set_seed(bad)
    assert ms.get_seed() == 7


def test_set_seed_seeds_numpy_global_rng():
    ms.set_seed(11)
    a = np.random.rand()
    np.random.seed(11)
    assert np.random.rand() == a


def weights(init, shape):
    return Parameter(initializer(init, shape), name="w").asnumpy()


def test_two_layers_after_one_seed_match_mindspore(init_vectors):
    ms.set_seed(1)
    first, second = weights("Normal", (64, 3, 3, 3)), weights("Normal", (64, 3, 3, 3))
    np.testing.assert_array_equal(first, init_vectors["seq/conv_normal_1"])
    np.testing.assert_array_equal(second, init_vectors["seq/conv_normal_2"])


def test_conv_and_dense_default_init_match_mindspore(init_vectors):
    ms.set_seed(1)
    conv_w = weights(HeUniform(negative_slope=5 ** 0.5), (8, 3, 3, 3))
    conv_b = weights(Uniform(1 / 27 ** 0.5), (8,))
    np.testing.assert_array_equal(conv_w, init_vectors["seq/conv_default_weight"])
    np.testing.assert_array_equal(conv_b, init_vectors["seq/conv_default_bias"])
    ms.set_seed(3)
    dense_w = weights(HeUniform(negative_slope=5 ** 0.5), (4, 5))
    dense_b = weights(Uniform(1 / 5 ** 0.5), (4,))
    np.testing.assert_array_equal(dense_w, init_vectors["seq/dense_default_weight"])
    np.testing.assert_array_equal(dense_b, init_vectors["seq/dense_default_bias"])


def test_user_numpy_calls_shift_later_weights_as_in_mindspore(init_vectors):
    ms.set_seed(1)
    np.random.rand(3)
    np.testing.assert_array_equal(weights("Normal", (4, 3, 3, 3)), init_vectors["seq/conv_normal_after_np_random_rand3"])


def test_np_random_seed_alone_reproduces():
    ms.set_seed(1)
    a = weights("Normal", (5,))
    np.random.seed(1)
    np.testing.assert_array_equal(weights("Normal", (5,)), a)


def test_inserting_a_non_random_layer_shifts_nothing():
    ms.set_seed(1)
    a = weights("normal", (6,))
    ms.set_seed(1)
    weights("ones", (6,))
    np.testing.assert_array_equal(weights("normal", (6,)), a)
