"""The prim2 sampling primitives (RandomShuffle, RandomChoiceWithMask, the candidate samplers,
ComputeAccidentalHits, MultinomialWithReplacement, NonDeterministicInts,
ParameterizedTruncatedNormal) and their functions: MindSpore's seed semantics, shapes and
dtypes, and the distributions with tight statistical bounds (a count within 5 standard
deviations of its expectation, a KS distance under 0.015 for n = 20000)."""
from __future__ import annotations

import math

import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, ops
from sporax.ops import operations as P

N = 20000


def _binomial_ok(count, n, p, sigmas=5.0):
    return abs(count - n * p) <= sigmas * math.sqrt(n * p * (1 - p)) + 1


# --- RandomShuffle / shuffle -----------------------------------------------------------------

def test_random_shuffle_is_a_uniform_permutation_of_the_first_axis():
    ms.set_seed(11)
    n = N
    out = P.RandomShuffle(seed=3)(Tensor(np.arange(n, dtype=np.int64))).asnumpy()
    assert out.dtype == np.int64 and sorted(out.tolist()) == list(range(n))
    # E|π(i) − i| = (n² − 1)/(3n) for a uniform permutation; its sd is about n/(3√(2n)).
    mean_move = np.mean(np.abs(out - np.arange(n)))
    assert abs(mean_move - (n * n - 1) / (3 * n)) < 5 * n / (3 * math.sqrt(2 * n))
    assert _binomial_ok(np.sum(out[: n // 2] < n // 2), n // 2, 0.5)


def test_random_shuffle_moves_whole_rows_and_keeps_scalars():
    x = Tensor(np.arange(12, dtype=np.float32).reshape(6, 2))
    out = P.RandomShuffle(seed=1)(x).asnumpy()
    assert out.shape == (6, 2) and np.all(out[:, 1] == out[:, 0] + 1)
    assert sorted(out[:, 0].tolist()) == [0, 2, 4, 6, 8, 10]
    assert P.RandomShuffle(1)(Tensor(3.0)).asnumpy() == 3.0


def test_random_shuffle_follows_the_seed_contract():
    x = Tensor(np.arange(50, dtype=np.int32))
    ms.set_seed(5)
    a, b = P.RandomShuffle(seed=2, seed2=1), P.RandomShuffle(seed=2, seed2=1)
    first, second = a(x).asnumpy(), a(x).asnumpy()
    assert not np.array_equal(first, second)
    np.testing.assert_array_equal(b(x).asnumpy(), first)
    ms.set_seed(5)
    np.testing.assert_array_equal(a(x).asnumpy(), first)


def test_shuffle_function_is_reproducible_under_set_seed():
    x = Tensor(np.arange(30, dtype=np.int32))
    ms.set_seed(9)
    first, second = ops.shuffle(x, seed=4).asnumpy(), ops.shuffle(x, seed=4).asnumpy()
    assert not np.array_equal(first, second)
    ms.set_seed(9)
    np.testing.assert_array_equal(ops.shuffle(x, seed=4).asnumpy(), first)
    assert ops.shuffle(Tensor(np.array([True, False]))).dtype == ms.bool_


# --- RandomChoiceWithMask / choice_with_mask ----------------------------------------------------

def test_choice_with_mask_picks_distinct_true_positions_and_pads():
    mask = Tensor(np.array([[True, False, True], [False, True, False]]))
    index, valid = P.RandomChoiceWithMask(count=5, seed=1)(mask)
    assert index.dtype == ms.int32 and index.shape == (5, 2)
    assert valid.dtype == ms.bool_ and valid.asnumpy().tolist() == [True, True, True, False, False]
    chosen = {tuple(r) for r in index.asnumpy()[:3].tolist()}
    assert chosen == {(0, 0), (0, 2), (1, 1)}
    assert index.asnumpy()[3:].tolist() == [[0, 0], [0, 0]]


def test_choice_with_mask_is_uniform_over_the_true_positions():
    truth = np.zeros(400, bool)
    truth[::2] = True
    counts = np.zeros(400)
    op = P.RandomChoiceWithMask(count=50, seed=7)
    for _ in range(40):
        index, valid = op(Tensor(truth))
        assert valid.asnumpy().all()
        picked = index.asnumpy()[:, 0]
        assert truth[picked].all() and len(set(picked.tolist())) == 50
        counts[picked] += 1
    # 2000 picks over 200 positions: each position's count is ~ Binomial(2000, 1/200) (dependent, close).
    assert _binomial_ok(counts[:200].sum(), 2000, 0.5)
    assert counts.max() <= 10 + 5 * math.sqrt(10)


def test_choice_with_mask_function_and_errors():
    index, valid = ops.choice_with_mask(Tensor(np.array([True, False, True, True])), 2, seed=3)
    assert index.shape == (2, 1) and valid.asnumpy().all()
    with pytest.raises(TypeError, match="RandomChoiceWithMask.*input_x"):
        ops.choice_with_mask(Tensor(np.array([1.0, 0.0])))
    with pytest.raises(ValueError, match="RandomChoiceWithMask.*rank"):
        P.RandomChoiceWithMask(2)(Tensor(np.ones((1, 1, 1, 1, 1, 2), bool)))


# --- candidate samplers ---------------------------------------------------------------------

def _log_uniform_p(c, range_max):
    return np.log((c + 2.0) / (c + 1.0)) / np.log(range_max + 1.0)


def test_log_uniform_sampler_without_unique_draws_the_zipfian_law():
    true_classes = Tensor(np.array([[1, 7], [0, 4]], np.int64))
    sampled, true_count, sampled_count = P.LogUniformCandidateSampler(2, N, False, 10, seed=3)(true_classes)
    s = sampled.asnumpy()
    assert sampled.dtype == ms.int64 and s.shape == (N,) and s.min() >= 0 and s.max() < 10
    for c in range(10):
        assert _binomial_ok(np.sum(s == c), N, _log_uniform_p(c, 10)), c
    np.testing.assert_allclose(true_count.asnumpy(), N * _log_uniform_p(np.array([[1, 7], [0, 4]]), 10), rtol=1e-6)
    np.testing.assert_allclose(sampled_count.asnumpy(), N * _log_uniform_p(s, 10), rtol=1e-6)


def _tries_from(expected, p):
    """t with expected = 1 − (1 − p)^t."""
    return np.log1p(-expected.astype(np.float64)) / np.log1p(-p)


def test_unique_sampling_gives_distinct_classes_and_the_tries_formula():
    true_classes = Tensor(np.array([[1, 3], [0, 4]], np.int32))
    sampled, true_count, sampled_count = P.UniformCandidateSampler(2, 5, True, 10, seed=1)(true_classes)
    s = sampled.asnumpy()
    assert sampled.dtype == ms.int32 and len(set(s.tolist())) == 5 and s.min() >= 0 and s.max() < 10
    tries = _tries_from(np.concatenate([true_count.asnumpy().reshape(-1), sampled_count.asnumpy()]), 0.1)
    assert np.all(np.abs(tries - np.round(tries[0])) < 1e-3) and np.round(tries[0]) >= 5
    lucs = P.LogUniformCandidateSampler(1, 4, True, 6, seed=2)
    sampled, true_count, sampled_count = lucs(Tensor(np.array([[2]], np.int64)))
    s = sampled.asnumpy()
    assert len(set(s.tolist())) == 4
    t = _tries_from(sampled_count.asnumpy(), _log_uniform_p(s, 6))
    assert np.all(np.abs(t - np.round(t[0])) < 1e-3) and np.round(t[0]) >= 4


def test_uniform_sampler_without_unique_is_uniform_with_num_sampled_over_range_counts():
    sampled, true_count, sampled_count = ops.uniform_candidate_sampler(
        Tensor(np.array([[1], [3]], np.int64)), 1, N, False, 8, seed=5)
    s = sampled.asnumpy()
    assert sampled.dtype == ms.int64
    for c in range(8):
        assert _binomial_ok(np.sum(s == c), N, 1 / 8), c
    np.testing.assert_allclose(true_count.asnumpy(), np.full((2, 1), N / 8), rtol=1e-6)
    np.testing.assert_allclose(sampled_count.asnumpy(), np.full((N,), N / 8), rtol=1e-6)


def test_candidate_samplers_repeat_under_the_same_seed_and_set_seed():
    tc = Tensor(np.array([[1, 7], [0, 4], [3, 3]], np.int64))
    ms.set_seed(2)
    first = ops.log_uniform_candidate_sampler(tc, 2, 5, True, 5, 1)[0].asnumpy()
    second = ops.log_uniform_candidate_sampler(tc, 2, 5, True, 5, 1)[0].asnumpy()
    ms.set_seed(2)
    np.testing.assert_array_equal(ops.log_uniform_candidate_sampler(tc, 2, 5, True, 5, 1)[0].asnumpy(), first)
    np.testing.assert_array_equal(P.LogUniformCandidateSampler(2, 5, True, 5, 1)(tc)[0].asnumpy(), first)
    assert sorted(first.tolist()) == [0, 1, 2, 3, 4] and sorted(second.tolist()) == [0, 1, 2, 3, 4]


def test_candidate_sampler_errors():
    with pytest.raises(ValueError, match="LogUniformCandidateSampler.*range_max"):
        P.LogUniformCandidateSampler(2, 6, True, 5, 1)
    with pytest.raises(TypeError, match="LogUniformCandidateSampler.*true_classes"):
        P.LogUniformCandidateSampler(2, 5)(Tensor(np.array([[1, 2]], np.int32)))
    with pytest.raises(ValueError, match="UniformCandidateSampler.*num_true"):
        P.UniformCandidateSampler(3, 2, True, 5)(Tensor(np.array([[1, 2]], np.int32)))


# --- ComputeAccidentalHits --------------------------------------------------------------------

def test_compute_accidental_hits_matches_mindspores_documented_example():
    # MindSpore 2.10 CPU has no kernel for it; the values are its docstring's example.
    true_classes = Tensor(np.array([[1, 2], [0, 4], [3, 3]], np.int64))
    sampled = Tensor(np.array([0, 1, 2, 3, 4], np.int64))
    indices, ids, weights = P.ComputeAccidentalHits(2)(true_classes, sampled)
    assert (indices.dtype, ids.dtype, weights.dtype) == (ms.int32, ms.int64, ms.float32)
    assert indices.asnumpy().tolist() == [0, 0, 1, 1, 2, 2]
    assert ids.asnumpy().tolist() == [1, 2, 0, 4, 3, 3]
    np.testing.assert_array_equal(weights.asnumpy(), np.full(6, -3.4028235e38, np.float32))


def test_compute_accidental_hits_with_no_hit_is_empty():
    indices, ids, weights = P.ComputeAccidentalHits(1)(Tensor(np.array([[9]], np.int64)),
                                                       Tensor(np.array([0, 1], np.int64)))
    assert indices.shape == ids.shape == weights.shape == (0,)


# --- MultinomialWithReplacement -------------------------------------------------------------------

def _int64(v):
    return Tensor(np.asarray(v, np.int64))


def test_multinomial_with_replacement_frequencies_follow_the_weights():
    weights = np.array([1.0, 9.0, 4.0, 0.0, 6.0], np.float32)
    out = P.MultinomialWithReplacement(N, True)(Tensor(weights[None]), _int64(5), _int64(0)).asnumpy()
    assert out.dtype == np.int64 and out.shape == (1, N)
    for c, w in enumerate(weights):
        assert _binomial_ok(np.sum(out == c), N, w / weights.sum()), c


def test_multinomial_without_replacement_draws_distinct_classes_by_weight():
    weights = Tensor(np.array([[0.0, 9.0, 4.0, 1.0], [5.0, 5.0, 5.0, 5.0]], np.float32))
    op = P.MultinomialWithReplacement(3)
    firsts = []
    for offset in range(300):
        out = op(weights, _int64(1), _int64(offset)).asnumpy()
        assert all(len(set(row.tolist())) == 3 for row in out) and 0 not in out[0].tolist()
        firsts.append(out[0, 0])
    # The first draw without replacement is an ordinary weighted draw: P(1) = 9/14.
    assert _binomial_ok(np.sum(np.array(firsts) == 1), 300, 9 / 14)


def test_multinomial_with_replacement_seed_and_offset_semantics():
    x = Tensor(np.array([[1.0, 9.0, 4.0, 3.0]], np.float32))
    a = P.MultinomialWithReplacement(20, True)
    first, second = a(x, _int64(5), _int64(0)).asnumpy(), a(x, _int64(5), _int64(0)).asnumpy()
    assert not np.array_equal(first, second)  # one instance advances, as MindSpore's
    np.testing.assert_array_equal(P.MultinomialWithReplacement(20, True)(x, _int64(5), _int64(0)).asnumpy(), first)
    assert not np.array_equal(P.MultinomialWithReplacement(20, True)(x, _int64(6), _int64(0)).asnumpy(), first)
    assert ops.multinomial_with_replacement(Tensor(np.array([0.0, 1.0], np.float32)), 3, 0, 4, True).asnumpy(
    ).tolist() == [1, 1, 1, 1]


def test_multinomial_with_replacement_errors():
    x = Tensor(np.array([[-1.0, 9.0]], np.float32))
    with pytest.raises(ValueError, match="MultinomialWithReplacement"):
        P.MultinomialWithReplacement(3, True)(x, _int64(5), _int64(0))
    with pytest.raises(TypeError, match="MultinomialWithReplacement.*seed"):
        P.MultinomialWithReplacement(3, True)(Tensor(np.array([[1.0, 9.0]], np.float32)), 5, _int64(0))


# --- NonDeterministicInts ---------------------------------------------------------------------

@pytest.mark.parametrize("dtype, bits", [(ms.int64, 64), (ms.int32, 32), (ms.uint32, 32), (ms.uint64, 64)])
def test_non_deterministic_ints_cover_the_whole_range(dtype, bits):
    ms.set_seed(1)
    op = P.NonDeterministicInts(dtype=dtype)
    a = op(Tensor(np.array([N], np.int32)))
    ms.set_seed(1)
    b = op(Tensor(np.array([N], np.int64)))
    assert a.dtype == dtype and a.shape == (N,)
    assert not np.array_equal(a.asnumpy(), b.asnumpy())  # no seed reproduces them
    unsigned = a.asnumpy().view(np.uint64 if bits == 64 else np.uint32)
    top = (unsigned >> np.array(bits - 1, unsigned.dtype)) & 1
    low = unsigned & 1
    assert _binomial_ok(int(top.sum()), N, 0.5) and _binomial_ok(int(low.sum()), N, 0.5)


def test_non_deterministic_ints_refuse_a_shape_tuple():
    with pytest.raises(TypeError, match="NonDeterministicInts.*shape"):
        P.NonDeterministicInts()((2, 2))


# --- ParameterizedTruncatedNormal ----------------------------------------------------------------

def _truncated_moments(mean, std, low, high):
    from scipy import stats

    dist = stats.truncnorm((low - mean) / std, (high - mean) / std, loc=mean, scale=std)
    return dist.mean(), dist.std(), dist.cdf


def test_parameterized_truncated_normal_draws_each_rows_distribution():
    params = [(0.0, 1.0, -1.0, 1.0), (5.0, 2.0, 4.0, 9.0)]
    columns = [Tensor(np.array(p, np.float64)) for p in zip(*params)]
    out = P.ParameterizedTruncatedNormal(seed=1)(Tensor(np.array([2, N], np.int64)), *columns).asnumpy()
    assert out.dtype == np.float64 and out.shape == (2, N)
    for row, (mean, std, low, high) in zip(out, params):
        assert row.min() >= low and row.max() <= high
        m, s, cdf = _truncated_moments(mean, std, low, high)
        assert abs(row.mean() - m) < 5 * s / math.sqrt(N)
        x = np.sort(row)
        ks = max(np.max(np.arange(1, N + 1) / N - cdf(x)), np.max(cdf(x) - np.arange(N) / N))
        assert ks < 0.015


def test_parameterized_truncated_normal_scalars_and_dtype():
    f16 = [Tensor(np.array([v], np.float16)) for v in (0.0, 1.0, -1.0, 1.0)]
    out = P.ParameterizedTruncatedNormal(seed=1)(Tensor(np.array([2, 3], np.int32)), *f16)
    assert out.dtype == ms.float16 and out.shape == (2, 3)
    assert np.all(np.abs(out.asnumpy()) <= 1)
    ms.set_seed(3)
    a = P.ParameterizedTruncatedNormal(2, 3)
    first = a(Tensor(np.array([2, 3], np.int32)), *f16).asnumpy()
    ms.set_seed(3)
    np.testing.assert_array_equal(P.ParameterizedTruncatedNormal(2, 3)(Tensor(np.array([2, 3], np.int32)),
                                                                          *f16).asnumpy(), first)
