"""Each layer: output shapes, numbers against a NumPy reference, validation errors."""
import math

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

import sporax as ms
from sporax import Tensor, nn
from sporax.common.initializer import Normal

RNG = np.random.default_rng(0)


def rand(*shape):
    return RNG.standard_normal(shape).astype(np.float32)


def conv2d_reference(x, w, stride, padding, dilation=(1, 1), group=1):
    """padding: ((top, bottom), (left, right))."""
    x = np.pad(x.astype(np.float64), ((0, 0), (0, 0)) + tuple(padding))
    n, c, h, wd = x.shape
    o, cg, kh, kw = w.shape
    oh = (h - dilation[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (wd - dilation[1] * (kw - 1) - 1) // stride[1] + 1
    out = np.zeros((n, o, oh, ow))
    per_group = o // group
    for g in range(group):
        xs = x[:, g * cg:(g + 1) * cg]
        for i in range(kh):
            for j in range(kw):
                patch = xs[:, :, i * dilation[0]: i * dilation[0] + stride[0] * (oh - 1) + 1: stride[0],
                           j * dilation[1]: j * dilation[1] + stride[1] * (ow - 1) + 1: stride[1]]
                out[:, g * per_group:(g + 1) * per_group] += np.einsum(
                    "nchw,oc->nohw", patch, w[g * per_group:(g + 1) * per_group, :, i, j])
    return out


def same_padding(n, k, s, d=1):
    total = max((math.ceil(n / s) - 1) * s + d * (k - 1) + 1 - n, 0)
    return total // 2, total - total // 2


@pytest.mark.parametrize("pad_mode, padding, stride, expected", [
    ("same", 0, 1, (16, 50)), ("same", 0, 2, (8, 25)), ("valid", 0, 1, (14, 48)), ("valid", 0, 2, (7, 24)),
    ("pad", 1, 1, (16, 50)), ("pad", 1, 2, (8, 25)), ("pad", (1, 2, 3, 4), 1, (17, 55)), ("pad", (1, 2, 3, 4), 2, (9, 28)),
])
def test_conv2d_output_shapes(pad_mode, padding, stride, expected):
    net = nn.Conv2d(3, 4, 3, stride=stride, pad_mode=pad_mode, padding=padding)
    assert net(Tensor(rand(1, 3, 16, 50))).shape[2:] == expected


@pytest.mark.parametrize("pad_mode, padding, stride, dilation, group", [
    ("same", 0, 1, 1, 1), ("same", 0, 2, 1, 2), ("valid", 0, 2, 2, 1), ("pad", (1, 2, 0, 1), 1, 1, 2)])
def test_conv2d_matches_numpy(pad_mode, padding, stride, dilation, group):
    net = nn.Conv2d(4, 6, 3, stride=stride, pad_mode=pad_mode, padding=padding, dilation=dilation, group=group,
                    has_bias=True)
    x = rand(2, 4, 9, 11)
    w, b = net.weight.asnumpy(), net.bias.asnumpy()
    if pad_mode == "same":
        pads = (same_padding(9, 3, stride, dilation), same_padding(11, 3, stride, dilation))
    elif pad_mode == "pad":
        pads = ((padding[0], padding[1]), (padding[2], padding[3]))
    else:
        pads = ((0, 0), (0, 0))
    expected = conv2d_reference(x, w, (stride, stride), pads, (dilation, dilation), group) + b[None, :, None, None]
    np.testing.assert_allclose(net(Tensor(x)).asnumpy(), expected, rtol=1e-5, atol=1e-5)


def test_conv1d_and_conv3d():
    c1 = nn.Conv1d(2, 3, 3, has_bias=True)
    assert c1.weight.shape == (3, 2, 1, 3)
    x = rand(2, 2, 10)
    expected = conv2d_reference(x[:, :, None], c1.weight.asnumpy(), (1, 1), ((0, 0), (1, 1)))[:, :, 0]
    np.testing.assert_allclose(c1(Tensor(x)).asnumpy(), expected + c1.bias.asnumpy()[None, :, None], rtol=1e-5, atol=1e-5)
    c3 = nn.Conv3d(1, 2, 3, pad_mode="valid")
    assert c3.weight.shape == (2, 1, 3, 3, 3) and c3(Tensor(rand(1, 1, 5, 6, 7))).shape == (1, 2, 3, 4, 5)


def transposed_reference(x, w, stride, out_size, top_left):
    n, c, h, wd = x.shape
    _, o, kh, kw = w.shape
    out = np.zeros((n, o) + out_size)
    for i in range(h):
        for j in range(wd):
            for a in range(kh):
                for b in range(kw):
                    oh, ow = i * stride + a - top_left[0], j * stride + b - top_left[1]
                    if 0 <= oh < out_size[0] and 0 <= ow < out_size[1]:
                        out[:, :, oh, ow] += np.einsum("nc,co->no", x[:, :, i, j], w[:, :, a, b])
    return out


@pytest.mark.parametrize("pad_mode, stride, expected", [("same", 2, (10, 12)), ("valid", 2, (11, 13)),
                                                        ("valid", 1, (7, 8)), ("same", 1, (5, 6))])
def test_conv2d_transpose_matches_numpy(pad_mode, stride, expected):
    net = nn.Conv2dTranspose(3, 4, 3, stride=stride, pad_mode=pad_mode)
    assert net.weight.shape == (3, 4, 3, 3)
    x = rand(2, 3, 5, 6)
    out = net(Tensor(x)).asnumpy()
    assert out.shape[2:] == expected
    top_left = (0, 0) if pad_mode == "valid" else (same_padding(expected[0], 3, stride)[0],
                                                   same_padding(expected[1], 3, stride)[0])
    np.testing.assert_allclose(out, transposed_reference(x, net.weight.asnumpy(), stride, expected, top_left),
                               rtol=1e-5, atol=1e-5)
    assert nn.Conv1dTranspose(3, 4, 2)(Tensor(rand(1, 3, 5))).shape == (1, 4, 5)


def test_dense_matches_numpy_and_restores_leading_dims():
    net = nn.Dense(3, 4, activation="relu")
    x = rand(2, 5, 3)
    expected = np.maximum(x @ net.weight.asnumpy().T + net.bias.asnumpy(), 0)
    np.testing.assert_allclose(net(Tensor(x)).asnumpy(), expected, rtol=1e-6, atol=1e-6)


def test_batchnorm_training_updates_moving_statistics_like_mindspore():
    bn = nn.BatchNorm2d(2, momentum=0.9).set_train(True)
    x = np.arange(16, dtype=np.float32).reshape(2, 2, 2, 2)
    y = bn(Tensor(x)).asnumpy()
    np.testing.assert_allclose(bn.moving_mean.asnumpy(), [0.55, 0.95], rtol=1e-6)
    np.testing.assert_allclose(bn.moving_variance.asnumpy(), [2.8714287, 2.8714287], rtol=1e-6)
    np.testing.assert_allclose(y[0, 0], [[-1.324244, -1.0834724], [-0.8427007, -0.60192907]], rtol=1e-5)
    bn.set_train(False)
    mean, var = bn.moving_mean.asnumpy(), bn.moving_variance.asnumpy()
    expected = (x - mean[None, :, None, None]) / np.sqrt(var[None, :, None, None] + 1e-5)
    np.testing.assert_allclose(bn(Tensor(x)).asnumpy(), expected, rtol=1e-5, atol=1e-6)


def test_batchnorm_parameters():
    bn = nn.BatchNorm1d(3)
    assert [(k, p.name, p.requires_grad) for k, p in bn.parameters_and_names()] == [
        ("moving_mean", "mean", False), ("moving_variance", "variance", False), ("gamma", "gamma", True),
        ("beta", "beta", True)]
    assert bn(Tensor(rand(4, 3))).shape == (4, 3)
    with pytest.raises(ValueError, match="channels"):
        bn(Tensor(rand(4, 5)))


def test_layernorm_and_groupnorm_match_numpy():
    x = rand(2, 4, 3)
    ln = nn.LayerNorm((3,))
    ref = (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + 1e-7)
    np.testing.assert_allclose(ln(Tensor(x)).asnumpy(), ref, rtol=1e-5, atol=1e-5)
    gn = nn.GroupNorm(2, 4)
    g = x.reshape(2, 2, -1)
    ref = ((g - g.mean(-1, keepdims=True)) / np.sqrt(g.var(-1, keepdims=True) + 1e-5)).reshape(x.shape)
    np.testing.assert_allclose(gn(Tensor(x)).asnumpy(), ref, rtol=1e-5, atol=1e-5)
    with pytest.raises(ValueError, match="'num_channels' must be divided by 'num_groups'"):
        nn.GroupNorm(3, 4)


def test_embedding():
    emb = nn.Embedding(10, 3, padding_idx=2)
    ids = np.array([[1, 2], [9, 0]], np.int32)
    np.testing.assert_array_equal(emb(Tensor(ids)).asnumpy(), emb.embedding_table.asnumpy()[ids])
    assert not emb.embedding_table.asnumpy()[2].any()
    one_hot = nn.Embedding(10, 3, use_one_hot=True, embedding_table=Normal(1.0))
    np.testing.assert_allclose(one_hot(Tensor(ids)).asnumpy(), one_hot.embedding_table.asnumpy()[ids], rtol=1e-6)
    with pytest.raises(TypeError, match="int Tensor"):
        emb(Tensor(np.zeros(2, np.float32)))


def test_dropout_keeps_expectation_and_is_identity_in_eval():
    drop = nn.Dropout(p=0.25)
    x = Tensor(np.ones(100000, np.float32))
    assert drop(x) is x
    drop.set_train(True)
    out = drop(x).asnumpy()
    assert set(np.unique(out)) == {0.0, np.float32(1 / 0.75)}
    assert abs((out == 0).mean() - 0.25) < 4 * math.sqrt(0.25 * 0.75 / out.size)
    ms.set_seed(3)
    a = drop(x).asnumpy()
    ms.set_seed(3)
    np.testing.assert_array_equal(drop(x).asnumpy(), a)
    assert repr(drop) == "Dropout(p=0.25)"


def test_activations_match_numpy():
    x = rand(5, 7)
    cases = [(nn.ReLU(), np.maximum(x, 0)), (nn.ReLU6(), np.clip(x, 0, 6)), (nn.LeakyReLU(0.1), np.where(x > 0, x, 0.1 * x)),
             (nn.Sigmoid(), 1 / (1 + np.exp(-x))), (nn.Tanh(), np.tanh(x)), (nn.SiLU(), x / (1 + np.exp(-x))),
             (nn.Softmax(), np.exp(x) / np.exp(x).sum(-1, keepdims=True)),
             (nn.LogSoftmax(), x - np.log(np.exp(x).sum(-1, keepdims=True))),
             (nn.GELU(), 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))),
             (nn.Identity(), x), (nn.Flatten(), x)]
    for cell, expected in cases:
        np.testing.assert_allclose(cell(Tensor(x)).asnumpy(), expected, rtol=1e-5, atol=1e-6, err_msg=repr(cell))
    assert nn.Flatten()(Tensor(rand(2, 3, 4))).shape == (2, 12)


def pool_reference(x, k, s, fn):
    windows = sliding_window_view(x, (k, k), axis=(2, 3))[:, :, ::s, ::s]
    return fn(windows, axis=(-2, -1))


def test_max_and_avg_pool_match_numpy():
    x = rand(2, 3, 8, 9)
    np.testing.assert_array_equal(nn.MaxPool2d(2, 2)(Tensor(x)).asnumpy(), pool_reference(x, 2, 2, np.max))
    np.testing.assert_allclose(nn.AvgPool2d(3, 1)(Tensor(x)).asnumpy(), pool_reference(x, 3, 1, np.mean), rtol=1e-5, atol=1e-7)
    assert nn.MaxPool2d(2, 2, pad_mode="same")(Tensor(x)).shape == (2, 3, 4, 5)
    assert repr(nn.MaxPool2d(2, 2)) == "MaxPool2d(kernel_size=2, stride=2, pad_mode=VALID)"


def test_max_pool_pad_mode_with_indices():
    x = rand(1, 1, 4, 4)
    out, idx = nn.MaxPool2d(2, 2, pad_mode="pad", padding=1, return_indices=True)(Tensor(x))
    padded = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)), constant_values=-np.inf)
    np.testing.assert_array_equal(out.asnumpy(), pool_reference(padded, 2, 2, np.max))
    np.testing.assert_array_equal(x.reshape(-1)[idx.asnumpy().reshape(-1)], out.asnumpy().reshape(-1))


def test_adaptive_avg_pool_bins():
    x = rand(1, 2, 5, 7)
    out = nn.AdaptiveAvgPool2d((2, 3))(Tensor(x)).asnumpy()
    assert out.shape == (1, 2, 2, 3)
    np.testing.assert_allclose(out[0, 0, 1, 2], x[0, 0, 2:5, 4:7].mean(), rtol=1e-5)


@pytest.mark.parametrize("make, error, match", [
    (lambda: nn.Conv2d(0, 8, 3), ValueError, "For 'Conv2d', the 'in_channels' must be int and must > 0, but got '0' with type 'int'."),
    (lambda: nn.Conv2d(3.0, 8, 3), TypeError, "'in_channels' must be int"),
    (lambda: nn.Conv2d(3, 8, 3, group=2), ValueError, "The argument 'group' should be divisible by 'in_channels' and "
     "'out_channels', but got group:2, in_channels:3, out_channels:8."),
    (lambda: nn.Conv2d(3, 8, 3, has_bias=1), TypeError, "For 'Conv2d', the 'has_bias' must be a bool, but got int."),
    (lambda: nn.Conv2d(3, 8, 3, pad_mode="SAME"), ValueError, "For 'Conv2D', the 'pad_mode' must be str and must be in "
     "'\\['valid', 'same', 'pad'\\]', but got 'SAME'."),
    (lambda: nn.Conv2d(3, 8, 3, padding=1), ValueError, "For 'Conv2D', the 'pad' must be zero when 'pad_mode' is not "
     "'pad', but got 'pad': 1 and 'pad_mode': same."),
    (lambda: nn.Conv2d(3, 8, 3, weight_init=np.ones((8, 3, 3, 3))), TypeError, "For 'initializer', the type of the 'init'"),
    (lambda: nn.Conv2d(3, 8, 3, weight_init=Tensor(np.ones((8, 3, 3), np.float32))), ValueError,
     "'init' shape \\[8, 3, 3\\] and the 'shape' \\(8, 3, 3, 3\\)"),
    (lambda: nn.Conv2d(3, 8, 3, weight_init="bogus"), ValueError, "class corresponding to 'bogus' was not found"),
    (lambda: nn.Dense(3, 4, weight_init=Tensor(np.ones((3, 4), np.float32))), ValueError,
     "For 'Dense', weight init shape error."),
    (lambda: nn.Dense(3, 4, bias_init=Tensor(np.ones((3,), np.float32))), ValueError, "For 'Dense', bias init shape error."),
    (lambda: nn.Dense(3, 4, activation=1), TypeError, "For 'Dense', the 'activation' must be str or Cell or Primitive, but got int."),
    (lambda: nn.Dense(3, 4, activation="bogus"), KeyError, "The 'name' must be in"),
    (lambda: nn.BatchNorm2d(0), ValueError, "'num_features' must be int and must > 0"),
    (lambda: nn.BatchNorm2d(2, momentum=2.0), ValueError, "'momentum' must be in range"),
    (lambda: nn.Dropout(p=1.0), ValueError, "'p' must be a number in range"),
    (lambda: nn.MaxPool2d(2, pad_mode="bad"), ValueError, "'pad_mode' must be in"),
    (lambda: nn.Embedding(0, 3), ValueError, "'vocab_size' must be int and must > 0"),
])
def test_validation_errors(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_init_arguments_accept_names_initializers_numbers_and_tensors():
    assert nn.Conv2d(3, 8, 3, weight_init="XAVIER_UNIFORM").weight.init.__class__.__name__ == "XavierUniform"
    assert nn.Conv2d(3, 8, 3, weight_init=0.5, dtype=ms.float16).weight.asnumpy().tolist()[0][0][0] == [0.5] * 3
    weight = Tensor(np.ones((8, 3, 3, 3), np.float64))
    conv = nn.Conv2d(3, 8, 3, weight_init=weight, dtype=ms.float16)
    assert conv.weight.dtype == ms.float64  # the Tensor's own dtype wins
    assert nn.Conv2d(3, 8, 3, bias_init="bogus").bias is None  # ignored without a bias


def test_conv2d_repr():
    text = repr(nn.Conv2d(3, 64, 3))
    assert text.startswith("Conv2d(input_channels=3, output_channels=64, kernel_size=(3, 3), stride=(1, 1), "
                           "pad_mode=same, padding=0, dilation=(1, 1), group=1, has_bias=False, "
                           "weight_init=<sporax.common.initializer.HeUniform object at 0x")
    assert text.endswith(", bias_init=None, format=NCHW)")


def test_flatten_rejects_out_of_range_dims():
    with pytest.raises(ValueError, match="the 'start_dim' must be in \\[-2, 2\\) for an input of rank 2, but got 2"):
        nn.Flatten(2, -1)(Tensor(rand(2, 3)))
