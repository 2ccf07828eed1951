"""The gradients BatchNorm-and-pooling networks (MobileNetV2, ShuffleNetV2, GoogLeNet) rest on,
at their edge cases, written once for either framework: `compute(ms, nn, ops)` with
`mindspore` (tests/data/make_harness2_edge_gradients.py) or `sporax`
(tests/test_harness2_edge_gradients.py). Ties in MaxPool windows, ReLU/ReLU6 kinks,
BatchNorm's train-mode gradients and moving statistics, depthwise and grouped convolutions,
sparse softmax cross-entropy, two Momentum steps, AvgPool 'same'."""
import numpy as np


def compute(ms, nn, ops):
    out = {}

    def g(f, *xs):
        gf = ms.grad(f, tuple(range(len(xs))))
        r = gf(*[ms.Tensor(x) for x in xs])
        return [t.asnumpy() for t in (r if isinstance(r, tuple) else (r,))]

    x = np.array([-1, 0, 3, 6, 7], np.float32)
    out["relu6_grad"] = g(lambda t: (ops.relu6(t) * ms.Tensor(np.arange(1, 6, dtype=np.float32))).sum(), x)[0]
    out["relu_grad"] = g(lambda t: (ops.relu(t) * ms.Tensor(np.arange(1, 6, dtype=np.float32))).sum(), x)[0]
    # maxpool with ties: 4x4 of ones and twos, 3x3 stride 1 same, and 2x2 stride 2 valid
    xp = np.array([[1, 2, 2, 1], [2, 2, 1, 0], [0, 0, 0, 0], [1, 1, 1, 1]], np.float32).reshape(1, 1, 4, 4)
    w = np.arange(1, 17, dtype=np.float32).reshape(1, 1, 4, 4)
    mp = nn.MaxPool2d(3, 1, pad_mode="same")
    out["maxpool_same_ties"] = g(lambda t: (mp(t) * ms.Tensor(w)).sum(), xp)[0]
    mp2 = nn.MaxPool2d(2, 2, pad_mode="valid")
    out["maxpool_valid_ties"] = g(lambda t: (mp2(t) * ms.Tensor(w[:, :, :2, :2])).sum(), xp)[0]
    mp3 = nn.MaxPool2d(3, 2, pad_mode="same")
    out["maxpool_s2same_ties"] = g(lambda t: (mp3(t) * ms.Tensor(w[:, :, :2, :2])).sum(), xp)[0]
    # BN train: grads and moving stats
    rng = np.random.default_rng(0)
    xb = rng.standard_normal((2, 3, 2, 2)).astype(np.float32)
    bn = nn.BatchNorm2d(3, momentum=0.9)
    bn.set_train(True)
    wb = rng.standard_normal((2, 3, 2, 2)).astype(np.float32)
    gfun = ms.value_and_grad(lambda t: (bn(t) * ms.Tensor(wb)).sum(), 0, bn.trainable_params())
    v, (gx, gp) = gfun(ms.Tensor(xb))
    out["bn_gx"], out["bn_ggamma"], out["bn_gbeta"] = gx.asnumpy(), gp[0].asnumpy(), gp[1].asnumpy()
    out["bn_mm"], out["bn_mv"] = bn.moving_mean.asnumpy(), bn.moving_variance.asnumpy()
    # depthwise conv grad
    conv = nn.Conv2d(4, 4, 3, group=4, pad_mode="pad", padding=1, has_bias=False)
    conv.weight.set_data(ms.Tensor(rng.standard_normal((4, 1, 3, 3)).astype(np.float32)))
    xc = rng.standard_normal((2, 4, 5, 5)).astype(np.float32)
    wc = rng.standard_normal((2, 4, 5, 5)).astype(np.float32)
    gfun = ms.value_and_grad(lambda t: (conv(t) * ms.Tensor(wc)).sum(), 0, conv.trainable_params())
    v, (gx, gp) = gfun(ms.Tensor(xc))
    out["dw_gx"], out["dw_gw"] = gx.asnumpy(), gp[0].asnumpy()
    conv2 = nn.Conv2d(4, 6, 3, group=2, stride=2, pad_mode="pad", padding=1, has_bias=False)
    conv2.weight.set_data(ms.Tensor(rng.standard_normal((6, 2, 3, 3)).astype(np.float32)))
    wc2 = rng.standard_normal((2, 6, 3, 3)).astype(np.float32)
    gfun = ms.value_and_grad(lambda t: (conv2(t) * ms.Tensor(wc2)).sum(), 0, conv2.trainable_params())
    v, (gx, gp) = gfun(ms.Tensor(xc))
    out["grp_gx"], out["grp_gw"] = gx.asnumpy(), gp[0].asnumpy()
    # sparse softmax CE
    lg = rng.standard_normal((3, 5)).astype(np.float32)
    ce = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    out["ce_g"] = ms.grad(lambda t: ce(t, ms.Tensor(np.array([1, 4, 0], np.int32))))(ms.Tensor(lg)).asnumpy()
    # momentum two steps
    p = ms.Parameter(ms.Tensor(np.array([1.0, -2.0], np.float32)), name="p")
    opt = nn.Momentum([p], 0.1, 0.9)
    for gv in ([0.5, 0.25], [1.0, -1.0]):
        opt((ms.Tensor(np.array(gv, np.float32)),))
    out["momentum"] = p.asnumpy()
    # avgpool same
    ap = nn.AvgPool2d(3, 2, pad_mode="same")
    out["avgpool_same_g"] = g(lambda t: (ap(t) * ms.Tensor(w[:, :, :2, :2])).sum(), xp)[0]
    return out
