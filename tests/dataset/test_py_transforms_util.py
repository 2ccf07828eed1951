"""transforms.py_transforms_util: MindSpore 2.10's outputs (observed with the oracle) for the
deterministic helpers; the random ones reproducible under dataset.config.set_seed."""
import json

import numpy as np
import pytest

import sporax.dataset as ds
from sporax.dataset.transforms import py_transforms_util as U


def test_one_hot_encoding_smooths_like_mindspore():
    got = U.one_hot_encoding(np.array([[4], [2], [0]]), 5, 0.1)
    np.testing.assert_allclose(got, [[[0.02, 0.02, 0.02, 0.02, 0.92]], [[0.02, 0.02, 0.92, 0.02, 0.02]],
                                     [[0.92, 0.02, 0.02, 0.02, 0.02]]], rtol=0, atol=1e-15)
    assert got.dtype == np.float64 and got.shape == (3, 1, 5)
    assert U.one_hot_encoding(np.array(3, np.uint8), 5, 0.0).tolist() == [0.0, 0.0, 0.0, 1.0, 0.0]
    with pytest.raises(ValueError, match="the num_classes:5 is smaller than the category number:7"):
        U.one_hot_encoding(np.array([7]), 5, 0.0)
    with pytest.raises(ValueError, match="should be int"):
        U.one_hot_encoding(np.array([1.0]), 5, 0.0)


def test_compose_all_numpy_and_func_wrapper():
    assert [int(v) for v in U.compose([lambda x: x + 1, lambda x: (x, x * 2)], np.array(1))] == [2, 4]
    assert U.all_numpy((np.array(1), 2)) is False and U.all_numpy(np.array(1)) is True
    wrapper = U.FuncWrapper(lambda x: x)
    assert json.loads(wrapper.to_json())["tensor_op_name"] == "<lambda>" and wrapper.implementation == U.Implementation.PY
    with pytest.raises(RuntimeError, match="FuncWrapper: the Python function boom failed: ZeroDivisionError"):
        U.FuncWrapper(boom)(1)


def boom(x):
    return x / 0


def test_random_helpers_follow_the_dataset_seed_and_their_distributions():
    add = [lambda x, k=k: x * 10 + k for k in range(3)]
    ds.config.set_seed(5)
    first = [U.random_choice(0, add) for _ in range(300)]
    ds.config.set_seed(5)
    assert [U.random_choice(0, add) for _ in range(300)] == first
    assert all(abs(first.count(k) - 100) < 35 for k in range(3))
    applied = sum(U.random_apply(0, [lambda x: x + 1], 0.3) for _ in range(1000))
    assert 240 < applied < 360
    transforms = list(add)
    assert U.random_order(0, transforms) in (12, 21, 102, 120, 201, 210) and sorted(
        id(t) for t in transforms) == sorted(id(t) for t in add)
