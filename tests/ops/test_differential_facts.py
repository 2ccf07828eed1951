"""The value-domain facts of the differential harness's sampled cases (tests/data/
differential_cases.py) hold on correct draws and catch wrong ones: a fact that never fails
would let a wrong random op pass its differential case."""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "data"))
from differential_cases import (ascending, bit_fraction, cdf, choice_of, distinct, dropout_of,  # noqa: E402
                                fact_violation, integral, moments, one_of, permutation, picks_positive,
                                rows_of, rrelu_of, shaped, sums_to, values_of, within)

RNG = np.random.default_rng(20261201)
N = 4096
X = RNG.standard_normal(N)
MASK = RNG.random(N) < 0.5


def holds(fact, outputs, inputs=()):
    return fact_violation(fact, [np.asarray(o) for o in outputs], [np.asarray(i) for i in inputs]) is None


@pytest.mark.parametrize("fact, right, wrong, inputs", [
    (within(0, 1), RNG.random(8), np.array([0.5, 1.5]), ()),
    (within(0, 1), RNG.random(8), np.array([0.5, np.nan]), ()),
    (integral(), np.array([1.0, 3.0]), np.array([1.0, 2.5]), ()),
    (one_of(0, 1), np.array([0, 1, 1], np.float32), np.array([0, 2], np.float32), ()),
    (permutation(4), np.array([2, 0, 3, 1]), np.array([2, 0, 2, 1]), ()),
    (rows_of(0), np.array([[3, 4], [1, 2]]), np.array([[1, 4], [3, 2]]), (np.array([[1, 2], [3, 4]]),)),
    (values_of(0), np.array([4, 1]), np.array([4, 5]), (np.array([1, 2, 4]),)),
    (sums_to(1.0), np.array([[0.25, 0.75]]), np.array([[0.25, 0.5]]), ()),
    (ascending(), np.array([0, 2, 2, 5]), np.array([0, 3, 2, 5]), ()),
    (distinct(), np.array([[0, 2], [1, 0]]), np.array([[0, 0], [1, 2]]), ()),
    (moments(0.0, 1.0), X, X + 0.2, ()),         # mean off by 0.2 = 13 standard errors
    (moments(0.0, 1.0), X, X * 1.1, ()),         # variance 1.21
    (cdf(0.0, 0.5), X, X + 0.1, ()),
    (dropout_of(0.5), np.where(MASK, 0.0, 2 * X), np.where(MASK, 0.0, X), (X,)),
    (dropout_of(0.5, group_dims=1), np.array([[2.0, 4.0], [0.0, 0.0]]), np.array([[2.0, 0.0], [0.0, 0.0]]),
     (np.array([[1.0, 2.0], [3.0, 4.0]]),)),
    (picks_positive(0), np.array([[1, 2]]), np.array([[0, 2]]), (np.array([[0.0, 1.0, 1.0]]),)),
    (rrelu_of(0.1, 0.2), np.array([1.0, -0.15]), np.array([1.0, -0.5]), (np.array([1.0, -1.0]),)),
    (bit_fraction(0.75), np.packbits(RNG.random(N) < 0.75), np.packbits(RNG.random(N) < 0.5), ()),
    (shaped((2, 3), "float32"), np.zeros((2, 3), np.float32), np.zeros((2, 3), np.float64), ()),
])
def test_fact_holds_on_a_right_draw_and_fails_on_a_wrong_one(fact, right, wrong, inputs):
    assert holds(fact, [right], inputs)
    assert not holds(fact, [wrong], inputs)


def test_choice_of_counts_valid_entries_and_checks_they_are_true_positions():
    src = np.array([[True, False], [True, True]])
    fact = choice_of(2, 0)
    assert holds(fact, [np.array([[1, 1], [0, 0], [0, 0]]), np.array([True, True, False])], [src])
    assert not holds(fact, [np.array([[1, 1], [0, 1], [0, 0]]), np.array([True, True, False])], [src])  # (0, 1) False
    assert not holds(fact, [np.array([[1, 1], [1, 1], [0, 0]]), np.array([True, True, False])], [src])  # repeated
    assert not holds(fact, [np.array([[1, 1], [0, 0], [1, 0]]), np.array([True, True, True])], [src])  # 3 > count
