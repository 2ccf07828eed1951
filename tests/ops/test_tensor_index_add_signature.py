"""Tensor.index_add shows MindSpore 2.10's documented signature and takes both its overloads."""
import inspect

import numpy as np

import sporax as ms


def test_signature_is_mindspores_first_overload():
    signature = inspect.signature(ms.Tensor.index_add)
    assert [(p.name, p.default) for p in signature.parameters.values()] == [
        ("self", inspect.Parameter.empty), ("indices", inspect.Parameter.empty), ("y", inspect.Parameter.empty),
        ("axis", inspect.Parameter.empty), ("use_lock", True), ("check_index_bound", True)]


def test_both_overloads_add_at_the_index():
    index = ms.Tensor(np.array([0, 2], np.int32))
    source = ms.Tensor(np.ones((2, 2), np.float32))
    older = ms.Tensor(np.zeros((3, 2), np.float32)).index_add(indices=index, y=source, axis=0)
    np.testing.assert_array_equal(older.asnumpy(), [[1, 1], [0, 0], [1, 1]])
    newer = ms.Tensor(np.zeros((3, 2), np.float32)).index_add(0, index, source, alpha=2)
    np.testing.assert_array_equal(newer.asnumpy(), [[2, 2], [0, 0], [2, 2]])
