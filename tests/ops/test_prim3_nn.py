"""prim3's nn / sequence primitives that MindSpore 2.10 CPU has no kernel for (SplitV,
BatchToSpaceNDV2, RmsNorm, RNNTLoss, DepthwiseConv2dNative, DropoutDoMask: "Unsupported op
... on CPU" / "kernel unregistered"; Ascend only): each against a float64 NumPy reference of
MindSpore's documented formula. And the random ones (DropoutGenMask, FractionalMaxPool,
FractionalAvgPool), whose draws come from sporax's streams: the laws they keep.
"""
from __future__ import annotations

import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, ops


def test_split_v_cuts_by_sizes_with_one_remainder():
    x = np.arange(20, dtype=np.float32).reshape(2, 10)
    parts = ops.SplitV((2, -1, 3), 1, 3)(Tensor(x))
    assert [p.shape for p in parts] == [(2, 2), (2, 5), (2, 3)]
    for got, want in zip(parts, np.split(x, [2, 7], axis=1)):
        np.testing.assert_array_equal(got.asnumpy(), want)
    assert repr(ops.SplitV((1, 2), 1, 2)) == "Prim[SplitV]<size_splits=(1, 2), split_dim=1, num_split=2>"
    with pytest.raises(ValueError, match="'SplitV', the sum of 'size_splits' \\(2, 3\\) must equal"):
        ops.SplitV((2, 3), 1, 2)(Tensor(x))
    with pytest.raises(ValueError, match="'SplitV', the length of 'size_splits' must equal 'num_split' 3"):
        ops.SplitV((2, 3), 1, 3)


def test_batch_to_space_nd_v2_equals_the_reference_rearrangement():
    x = np.arange(2 * 4 * 2 * 3, dtype=np.float32).reshape(8, 1, 2, 3)
    out = ops.BatchToSpaceNDV2()(Tensor(x), Tensor(np.array([2, 2], np.int32)),
                                 Tensor(np.array([[0, 1], [1, 0]], np.int64)))
    # reference: (bh, bw, N, C, H, W) -> (N, C, H, bh, W, bw), then crop
    ref = x.reshape(2, 2, 2, 1, 2, 3).transpose(2, 3, 4, 0, 5, 1).reshape(2, 1, 4, 6)[:, :, 0:3, 1:6]
    np.testing.assert_array_equal(out.asnumpy(), ref)
    with pytest.raises(ValueError, match="'BatchToSpaceNDV2', the 'crops' must have shape \\(2, 2\\)"):
        ops.BatchToSpaceNDV2()(Tensor(x), Tensor(np.array([2, 2], np.int32)), Tensor(np.zeros((2, 3), np.int32)))
    with pytest.raises(TypeError, match="'BatchToSpaceNDV2', the 'block_shape' must be a Tensor of int32 or int64"):
        ops.BatchToSpaceNDV2()(Tensor(x), (2, 2), Tensor(np.zeros((2, 2), np.int32)))


def test_rms_norm_matches_float64_reference_with_its_gradient_and_rstd():
    rng = np.random.default_rng(1)
    x, gamma = rng.standard_normal((3, 2, 4)).astype(np.float32), rng.standard_normal((2, 4)).astype(np.float32)
    y, rstd = ops.RmsNorm(1e-5)(Tensor(x), Tensor(gamma))
    x64 = x.astype(np.float64)
    want_rstd = 1 / np.sqrt(np.mean(x64 ** 2, axis=(1, 2), keepdims=True) + 1e-5)
    np.testing.assert_allclose(y.asnumpy(), x64 * want_rstd * gamma, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(rstd.asnumpy(), want_rstd, rtol=1e-6)
    assert rstd.shape == (3, 1, 1) and rstd.dtype == ms.float32
    grad = ops.GradOperation()(lambda v: ops.ReduceSum()(ops.RmsNorm(1e-5)(v, Tensor(gamma))[0]))(Tensor(x))
    eps, numeric = 1e-6, np.zeros_like(x64)
    for idx in np.ndindex(x.shape):
        up, down = x64.copy(), x64.copy()
        up[idx] += eps
        down[idx] -= eps

        def f(v):
            return np.sum(v / np.sqrt(np.mean(v ** 2, axis=(1, 2), keepdims=True) + 1e-5) * gamma)
        numeric[idx] = (f(up) - f(down)) / (2 * eps)
    np.testing.assert_allclose(grad.asnumpy(), numeric, rtol=1e-4, atol=1e-4)
    with pytest.raises(TypeError, match="'RmsNorm', the 'x' and 'gamma' must have one dtype"):
        ops.RmsNorm()(Tensor(x), Tensor(gamma.astype(np.float16)))
    with pytest.raises(ValueError, match="'RmsNorm', the 'epsilon' must be in range \\(0, 1\\]"):
        ops.RmsNorm(2.0)


def test_scalar_to_array_gives_a_0d_tensor():
    assert ops.ScalarToArray()(3).dtype == ms.int32 and ops.scalar_to_array(3).shape == ()
    out = ops.scalar_to_array(2.5)
    assert out.dtype == ms.float32 and float(out.asnumpy()) == 2.5
    with pytest.raises(TypeError, match="'ScalarToArray', the 'input_x' must be an int or a float"):
        ops.scalar_to_array("3")


def rnnt_reference(acts, labels, t_len, u_len, blank):
    """Graves' transducer loss in float64 (log-softmax over V)."""
    costs = []
    for b in range(acts.shape[0]):
        lp = acts[b] - np.log(np.exp(acts[b]).sum(-1, keepdims=True))
        t_max, u_max = t_len[b], u_len[b] + 1
        alpha = np.full((t_max, u_max), -np.inf)
        alpha[0, 0] = 0
        for t in range(t_max):
            for u in range(u_max):
                if t == 0 and u == 0:
                    continue
                terms = []
                if t > 0:
                    terms.append(alpha[t - 1, u] + lp[t - 1, u, blank])
                if u > 0:
                    terms.append(alpha[t, u - 1] + lp[t, u - 1, labels[b, u - 1]])
                alpha[t, u] = np.logaddexp.reduce(terms)
        costs.append(-(alpha[t_max - 1, u_max - 1] + lp[t_max - 1, u_max - 1, blank]))
    return np.asarray(costs)


def test_rnnt_loss_matches_float64_reference_and_returns_its_gradient():
    rng = np.random.default_rng(2)
    b, t, u, v = 2, 4, 3, 5
    acts = rng.standard_normal((b, t, u, v)).astype(np.float32)
    labels = rng.integers(1, v, (b, u - 1)).astype(np.int32)
    t_len, u_len = np.array([4, 3], np.int32), np.array([2, 1], np.int32)
    costs, grads = ops.RNNTLoss(blank_label=0)(Tensor(acts), Tensor(labels), Tensor(t_len), Tensor(u_len))
    want = rnnt_reference(acts.astype(np.float64), labels, t_len, u_len, 0)
    np.testing.assert_allclose(costs.asnumpy(), want, rtol=1e-5)
    eps = 1e-3
    for idx in [(0, 1, 1, 2), (1, 0, 0, 0), (0, 3, 2, 0)]:
        up, down = acts.astype(np.float64), acts.astype(np.float64)
        up[idx] += eps
        down[idx] -= eps
        numeric = (rnnt_reference(up, labels, t_len, u_len, 0).sum() -
                   rnnt_reference(down, labels, t_len, u_len, 0).sum()) / (2 * eps)
        np.testing.assert_allclose(grads.asnumpy()[idx], numeric, rtol=1e-3, atol=1e-5)
    assert np.all(grads.asnumpy()[1, 3] == 0)  # steps past a sample's input length get no gradient
    with pytest.raises(ValueError, match="'RNNTLoss', the 'labels' must have shape \\(2, 2\\)"):
        ops.RNNTLoss()(Tensor(acts), Tensor(labels[:, :1]), Tensor(t_len), Tensor(u_len))


def test_depthwise_conv2d_native_matches_float64_reference():
    rng = np.random.default_rng(3)
    x, w = rng.standard_normal((2, 3, 6, 5)), rng.standard_normal((2, 3, 3, 2))
    out = ops.DepthwiseConv2dNative(2, (3, 2), pad_mode="pad", pad=(1, 0, 0, 1), stride=2)(Tensor(x), Tensor(w))
    padded = np.pad(x, ((0, 0), (0, 0), (1, 0), (0, 1)))
    oh, ow = (padded.shape[2] - 3) // 2 + 1, (padded.shape[3] - 2) // 2 + 1
    ref = np.zeros((2, 6, oh, ow))
    for c in range(3):
        for j in range(2):
            for a in range(oh):
                for b in range(ow):
                    ref[:, c * 2 + j, a, b] = np.sum(padded[:, c, 2 * a:2 * a + 3, 2 * b:2 * b + 2] * w[j, c], axis=(1, 2))
    np.testing.assert_allclose(out.asnumpy(), ref, rtol=1e-12, atol=1e-12)
    assert repr(ops.DepthwiseConv2dNative(2, 3)) == (
        "Prim[DepthwiseConv2dNative]<channel_multiplier=2, kernel_size=(3, 3), mode=3, pad_mode=valid, "
        "pad=(0, 0, 0, 0), stride=(1, 1, 1, 1), dilation=(1, 1, 1, 1), group=1, data_format=NCHW, offset_a=0>")
    with pytest.raises(ValueError, match="'DepthwiseConv2dNative', the 'weight' must have shape"):
        ops.DepthwiseConv2dNative(2, 3)(Tensor(x), Tensor(np.zeros((1, 3, 3, 3))))


def test_dropout_do_mask_keeps_the_set_bits_scaled():
    x = np.arange(1, 21, dtype=np.float32).reshape(4, 5)
    mask = np.zeros(16, np.uint8)
    mask[0], mask[1], mask[2] = 0b10110001, 0b00000011, 0b00001000
    out = ops.DropoutDoMask()(Tensor(x), Tensor(mask), Tensor(np.float32(0.25)))
    bits = np.unpackbits(mask, bitorder="little")[:20].reshape(4, 5).astype(bool)
    np.testing.assert_array_equal(out.asnumpy(), np.where(bits, x / 0.25, 0))
    with pytest.raises(TypeError, match="'DropoutDoMask', the 'mask' must be a 1-D uint8 Tensor"):
        ops.DropoutDoMask()(Tensor(x), Tensor(mask.astype(np.int32)), 0.5)


def test_dropout_gen_mask_has_mindspores_layout_and_keeps_about_keep_prob():
    ms.set_seed(5)
    mask = ops.DropoutGenMask(3, 4)((100, 41), Tensor(np.float32(0.7)))
    assert mask.dtype == ms.uint8 and mask.shape == (-(-4100 // 128) * 16,)
    bits = np.unpackbits(mask.asnumpy(), bitorder="little")
    assert bits[4100:].sum() == 0
    assert abs(bits[:4100].mean() - 0.7) < 0.03  # 4100 Bernoulli(0.7) draws: σ ≈ 0.007
    again = ops.DropoutGenMask(3, 4)((100, 41), Tensor(np.float32(0.7)))
    assert not np.array_equal(again.asnumpy(), mask.asnumpy())  # a fresh draw per call
    ms.set_seed(5)
    np.testing.assert_array_equal(ops.DropoutGenMask(3, 4)((100, 41), Tensor(np.float32(0.7))).asnumpy(),
                                  mask.asnumpy())
    assert repr(ops.DropoutGenMask()) == "Prim[DropoutGenMask]<Seed0=0, Seed1=0, side_effect_hidden=True>"


@pytest.mark.parametrize("pool, reduce", [(ops.FractionalMaxPool, np.max), (ops.FractionalAvgPool, np.mean)])
@pytest.mark.parametrize("pseudo_random, overlapping", [(False, False), (True, False), (True, True)])
def test_ratio_fractional_pooling_pools_by_the_sequences_it_returns(pool, reduce, pseudo_random, overlapping):
    ms.set_seed(11)
    rng = np.random.default_rng(4)
    x = rng.standard_normal((2, 9, 7, 3)).astype(np.float32)
    y, rows, cols = pool([1.0, 1.6, 1.4, 1.0], pseudo_random, overlapping)(Tensor(x))
    rows, cols = rows.asnumpy(), cols.asnumpy()
    assert rows.dtype == np.int64 and rows[0] == 0 and rows[-1] == 9 and cols[-1] == 7
    assert len(rows) == int(9 // 1.6) + 1 and len(cols) == int(7 // 1.4) + 1
    assert set(np.diff(rows)) <= {1, 2} and set(np.diff(cols)) <= {1, 2}  # lengths ⌊ratio⌋ or ⌈ratio⌉
    extra = 1 if overlapping else 0
    ref = np.stack([np.stack([reduce(x[:, rows[r]:min(rows[r + 1] + extra, 9), cols[c]:min(cols[c + 1] + extra, 7)],
                                     axis=(1, 2)) for c in range(len(cols) - 1)], axis=1)
                    for r in range(len(rows) - 1)], axis=1)
    np.testing.assert_allclose(y.asnumpy(), ref, rtol=1e-6)


def test_ratio_fractional_pooling_deterministic_reuses_its_intervals():
    x = Tensor(np.random.default_rng(5).standard_normal((1, 10, 10, 1)).astype(np.float32))
    pool = ops.FractionalMaxPool([1.0, 1.5, 1.5, 1.0], deterministic=True, seed=1, seed2=2)
    first, second = pool(x), pool(x)
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a.asnumpy(), b.asnumpy())
    with pytest.raises(TypeError, match="For 'FractionalMaxPool', the type of 'pooling_ratio' should be 'list'"):
        ops.FractionalMaxPool((1.0, 1.5, 1.5, 1.0))
    with pytest.raises(ValueError, match="'FractionalAvgPool', the 'pooling_ratio' must be \\[1.0, ratio_h"):
        ops.FractionalAvgPool([2.0, 1.5, 1.5, 1.0])


def test_nn_sequence_ops_graph_mode_equals_eager():
    rng = np.random.default_rng(6)
    x = Tensor(rng.standard_normal((2, 4)).astype(np.float32))
    gamma = Tensor(rng.standard_normal((4,)).astype(np.float32))
    samples = Tensor(rng.uniform(0.05, 0.95, (1, 2, 2)).astype(np.float32))
    image = Tensor(rng.standard_normal((1, 2, 6, 6)).astype(np.float32))
    for fn, args in [(lambda a, g: ops.RmsNorm()(a, g)[0], (x, gamma)),
                     (lambda a: ops.SplitV((1, 3), 1, 2)(a)[1], (x,)),
                     (lambda a: ops.LogSoftmaxExt()(a, 1), (x,)),
                     (lambda a, s: ops.FractionalMaxPoolWithFixedKsize(2, 3)(a, s)[0], (image, samples)),
                     (lambda a: ops.TransposeExtView()(a, 0, 1), (x,))]:
        np.testing.assert_array_equal(ms.jit(fn)(*args).asnumpy(), fn(*args).asnumpy())


def test_lerp_scalar_refuses_integer_and_mixed_inputs():
    ints = Tensor(np.ones((2, 3), np.int32))
    with pytest.raises(TypeError, match="For 'LerpScalar', the 'input' must be a Tensor of float16"):
        ops.LerpScalar()(ints, ints, 0.5)
    with pytest.raises(TypeError, match="For 'LerpScalar', the 'input' and 'end' must have one dtype"):
        ops.LerpScalar()(Tensor(np.ones(3, np.float32)), Tensor(np.ones(3, np.float64)), 0.5)
    with pytest.raises(TypeError, match="For 'LerpScalar', the 'weight' must be a float"):
        ops.LerpScalar()(Tensor(np.ones(3, np.float32)), Tensor(np.ones(3, np.float32)), "0.5")
