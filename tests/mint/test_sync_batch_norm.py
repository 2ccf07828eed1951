"""mint's synchronised-batch-norm pieces and conv_tbc against NumPy (MindSpore 2.10's CPU
backend has no kernel for them: BatchNormStats, BatchNormElemt, BatchNormGatherStatsWithCounts
and conv_tbc are Ascend kernels)."""
from __future__ import annotations

import numpy as np
import pytest

import sporax as ms
from sporax import mint

RNG = np.random.default_rng(3)
X = RNG.standard_normal((4, 3, 2, 2)).astype(np.float32)


def t(a):
    return ms.Tensor(np.asarray(a, np.float32))


def test_batch_norm_stats_are_per_channel_mean_and_inverse_std():
    mean, invstd = mint.batch_norm_stats(t(X), 1e-5)
    x = X.astype(np.float64)
    np.testing.assert_allclose(mean.asnumpy(), x.mean((0, 2, 3)), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(invstd.asnumpy(), 1 / np.sqrt(x.var((0, 2, 3)) + 1e-5), rtol=1e-6)
    assert mean.dtype == invstd.dtype == ms.float32


def test_batch_norm_elemt_normalises_scales_and_shifts():
    mean, invstd = RNG.standard_normal(3), RNG.uniform(0.5, 2, 3)
    weight, bias = RNG.standard_normal(3), RNG.standard_normal(3)
    out = mint.batch_norm_elemt(t(X), t(weight), t(bias), t(mean), t(invstd), 1e-5)
    c = (slice(None), None, None)
    expected = (X - mean[c]) * invstd[c] * weight[c] + bias[c]
    np.testing.assert_allclose(out.asnumpy(), expected, rtol=1e-5, atol=1e-6)
    plain = mint.batch_norm_elemt(t(X), None, None, t(mean), t(invstd))
    np.testing.assert_allclose(plain.asnumpy(), (X - mean[c]) * invstd[c], rtol=1e-5, atol=1e-6)


def test_gather_stats_combine_workers_and_update_running_stats_in_place():
    parts = [X[:1], X[1:4]]  # two workers with 4 and 12 elements per channel
    stats = [mint.batch_norm_stats(t(p), 1e-5) for p in parts]
    means = ms.Tensor(np.stack([s[0].asnumpy() for s in stats]))
    invstds = ms.Tensor(np.stack([s[1].asnumpy() for s in stats]))
    counts = t([p.size / 3 for p in parts])
    running_mean, running_var = t(np.zeros(3)), t(np.ones(3))
    mean, invstd = mint.batch_norm_gather_stats_with_counts(t(X), means, invstds, running_mean, running_var,
                                                            0.1, 1e-5, counts)
    x = X.astype(np.float64)
    np.testing.assert_allclose(mean.asnumpy(), x.mean((0, 2, 3)), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(invstd.asnumpy(), 1 / np.sqrt(x.var((0, 2, 3)) + 1e-5), rtol=1e-4)
    n = x.size / 3
    np.testing.assert_allclose(running_mean.asnumpy(), 0.1 * x.mean((0, 2, 3)), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(running_var.asnumpy(), 0.9 + 0.1 * x.var((0, 2, 3)) * n / (n - 1), rtol=1e-4)


@pytest.mark.parametrize("call, error, words", [
    (lambda: mint.batch_norm_stats(ms.Tensor(np.ones((2, 3), np.int32)), 1e-5), TypeError, "'input'"),
    (lambda: mint.batch_norm_stats(t(np.ones(3)), 1e-5), ValueError, "'input'"),
    (lambda: mint.batch_norm_stats(t(X), "x"), TypeError, "'eps'"),
    (lambda: mint.batch_norm_elemt(t(X), None, None, t(np.ones(2)), t(np.ones(3))), ValueError, "'mean'"),
    (lambda: mint.batch_norm_elemt(t(X), None, None, None, t(np.ones(3))), TypeError, "'mean'"),
    (lambda: mint.batch_norm_gather_stats_with_counts(t(X), t(np.ones((2, 3))), t(np.ones((2, 3))), counts=None),
     TypeError, "'counts'"),
    (lambda: mint.batch_norm_gather_stats_with_counts(t(X), t(np.ones((2, 3))), t(np.ones((2, 3))),
                                                      counts=t([1.0, 2.0, 3.0])), ValueError, "'counts'"),
    (lambda: mint.conv_tbc(t(np.ones((5, 2, 3))), t(np.ones((2, 4, 4))), t(np.zeros(4))), ValueError, "conv_tbc"),
    (lambda: mint.conv_tbc(t(np.ones((5, 2, 3))), t(np.ones((2, 3, 4))), t(np.zeros(4)), -1), ValueError, "'pad'"),
])
def test_bad_input_names_the_function_and_argument(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)


def test_running_stats_stay_unchanged_when_the_call_fails():
    running_mean = t(np.full(3, 5.0))
    with pytest.raises(ValueError):
        mint.batch_norm_gather_stats_with_counts(t(X), t(np.ones((2, 3))), t(np.ones((2, 3))), running_mean,
                                                 t(np.ones(4)), 0.1, 1e-5, t([1.0, 2.0]))
    np.testing.assert_array_equal(running_mean.asnumpy(), np.full(3, 5.0))


def test_conv_tbc_is_a_time_major_1d_convolution():
    x = RNG.standard_normal((5, 2, 3)).astype(np.float32)      # (T, B, C_in)
    w = RNG.standard_normal((2, 3, 4)).astype(np.float32)      # (K, C_in, C_out)
    b = RNG.standard_normal(4).astype(np.float32)
    out = mint.conv_tbc(t(x), t(w), t(b), 1)
    padded = np.pad(x, ((1, 1), (0, 0), (0, 0)))
    expected = np.stack([sum(padded[i + k] @ w[k] for k in range(2)) + b for i in range(6)])
    assert out.shape == (6, 2, 4)
    np.testing.assert_allclose(out.asnumpy(), expected, rtol=1e-5, atol=1e-5)
