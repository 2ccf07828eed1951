"""Differential cases (issue 10) for the Tensor methods, mindspore.numpy names, mint functions and
mint.nn layers that had none yet (helper cases_surf): outputs from MindSpore 2.10 CPU via
`make_differential_outputs.py _surf`. Every case carries tag="surf" so `-k surf` selects this table.

In-place methods compare the value they return. mint.nn layers are built then called
(`init=` the constructor's arguments); layers with weights are built right after `set_seed`
(`seed=`) on both sides: sporax's initializers draw MindSpore's values bit for bit.
mindspore.numpy's dtype objects go in as `F("numpy.int8")` arguments of functions that use them.
(int specs with float value kinds are drawn x3: "const:1" is 3 in int32.)
"""
from __future__ import annotations

import numpy as np

from differential_cases import D, F, T, call, error  # noqa: F401

S = "surf"
X = T((2, 3))
SQ = T((3, 3))
IMG = T((1, 2, 4, 4))
SEQ = T((1, 2, 6))
VOL = T((1, 2, 2, 4, 4))
PROB = T((2, 3), "float32", "prob")
BOOL = T((2, 3), "bool", "bool")
ROWS2 = T((2,), "int64", "arange")          # [0, 1]: distinct indices
ROWS2_32 = T((2,), "int32", "arange")


def m(target, *args, **kwargs):
    return call(target, *args, tag=S, **kwargs)


def layer(name, *args, init=(), seed=None, grad=False, **init_kwargs):
    return call(f"mint.nn.{name}", *args, init=init, init_kwargs=init_kwargs or None, seed=seed, grad=grad, tag=S)


# MindSpore CPU has no kernel for many of these (Ascend has), and a few methods are broken on CPU: for those,
# `make_differential_outputs.py` takes the expected values from what this maps the case to (see there)
MINDSPORE_CPU_EQUIVALENT: dict = {}


def via(case, equivalent):
    MINDSPORE_CPU_EQUIVALENT[case.id] = equivalent
    return case


def same(target, *args, **kwargs):
    """The MindSpore call that computes the same on the same inputs (ids tagged apart from the cases)."""
    return call(target, *args, tag="surf-equivalent", **kwargs)


def numpy(what, fn, dtype=np.float32):
    """(what, fn(ms, *arrays)): a NumPy float64 formula, its results as `dtype` (int64 ones kept)."""
    def run(_, *arrays):
        out = fn(*arrays)
        cast = lambda a: np.asarray(a) if np.asarray(a).dtype == np.int64 else np.asarray(a, dtype)  # noqa: E731
        return tuple(cast(o) for o in out) if isinstance(out, tuple) else cast(out)
    return (f"NumPy's {what}", run)


def _kthvalue(k, dim):
    def fn(x):
        order = np.argsort(x, axis=dim, kind="stable")
        index = np.take(order, [k - 1], axis=dim)
        return np.take_along_axis(x, index, dim).squeeze(dim), index.squeeze(dim).astype(np.int64)
    return fn


def _put(accumulate):
    def fn(x, index, source):
        flat = x.ravel().astype(np.float64)
        if accumulate:
            np.add.at(flat, index.astype(np.int64), source)
        else:
            flat[index.astype(np.int64)] = source
        return flat.reshape(x.shape)
    return fn


def _householder_q(a, tau):
    q = np.eye(a.shape[0])
    for i in range(tau.shape[0]):
        v = np.concatenate([np.zeros(i), [1.0], a[i + 1:, i]])
        q = q @ (np.eye(a.shape[0]) - tau[i] * np.outer(v, v))
    return q


def _ormqr(left, transpose):
    def fn(a, tau, other):
        q = _householder_q(a, tau)
        q = q.T if transpose else q
        return q @ other if left else other @ q
    return fn


def _triangular_solve(upper=True, transpose=False, unitriangular=False):
    def fn(b, a):
        tri = np.triu(a) if upper else np.tril(a)
        if unitriangular:
            np.fill_diagonal(tri, 1.0)
        return np.linalg.solve(tri.T if transpose else tri, b), a
    return fn


def _masked_scatter(x, mask, source):
    out = x.astype(np.float64).copy()
    mask = np.broadcast_to(mask.astype(bool), x.shape)
    out[mask] = source.ravel()[:mask.sum()]
    return out


def _index_copy(x, index, source):
    out = x.astype(np.float64).copy()
    out[index.astype(np.int64)] = source
    return out


def _channel_axes(x):
    return (0,) + tuple(range(2, x.ndim))


def _channel(v, ndim):
    return v.reshape((1, -1) + (1,) * (ndim - 2))


def _batch_norm_stats(x):
    axes = _channel_axes(x)
    return x.mean(axes), 1 / np.sqrt(x.var(axes) + 1e-5)


def _batch_norm_elemt(x, weight, bias, mean, invstd):
    n = x.ndim
    return (x - _channel(mean, n)) * _channel(invstd, n) * _channel(weight, n) + _channel(bias, n)


def _gather_stats(x, mean, invstd, running_mean, running_var, counts):
    total = counts.sum()
    var = 1 / invstd ** 2 - 1e-5
    mu = (counts[:, None] * mean).sum(0) / total
    sigma2 = (counts[:, None] * (var + (mean - mu) ** 2)).sum(0) / total
    return mu, 1 / np.sqrt(sigma2 + 1e-5)


def _eval_batch_norm(name, channels):
    """A Cell is built in inference mode (`training` False): the running statistics normalise."""
    def run(ms, x):
        ms.set_seed(1)
        cell = getattr(ms.mint.nn, name)(channels)
        mean, var, weight, bias = (_channel(p.asnumpy().astype(np.float64), x.ndim) for p in (
            cell.running_mean, cell.running_var, cell.weight, cell.bias))
        return np.asarray((x - mean) / np.sqrt(var + 1e-5) * weight + bias, np.float32)
    return (f"NumPy's (x - running_mean) / sqrt(running_var + eps) * weight + bias of mint.nn.{name}", run)


def _kl_div(reduction, log_target):
    def fn(x, target):
        loss = np.exp(target) * (target - x) if log_target else np.where(target > 0, target * (np.log(target) - x), 0)
        return loss.sum() / x.shape[0] if reduction == "batchmean" else loss.mean()
    return fn


def _cosine_embedding(x1, x2, target):
    cos = (x1 * x2).sum(1) / np.sqrt(((x1 ** 2).sum(1) + 1e-12) * ((x2 ** 2).sum(1) + 1e-12))
    return np.where(target == 1, 1 - cos, np.maximum(0, cos)).mean()


def _conv_transpose2d(x, w, b):
    n, c, h, wd = x.shape
    _, o, kh, kw = w.shape
    out = np.zeros((n, o, h + kh - 1, wd + kw - 1))
    for i in range(h):
        for j in range(wd):
            out[:, :, i:i + kh, j:j + kw] += np.einsum("nc,cokl->nokl", x[:, :, i, j], w)
    return out + b.reshape(1, -1, 1, 1)


def _bilinear_align_corners(size):
    def fn(x):
        h, w = x.shape[-2:]
        oh, ow = size(h, w)
        ys = np.linspace(0, h - 1, oh)
        xs = np.linspace(0, w - 1, ow)
        y0, x0 = np.floor(ys).astype(int), np.floor(xs).astype(int)
        y1, x1 = np.minimum(y0 + 1, h - 1), np.minimum(x0 + 1, w - 1)
        dy, dx = (ys - y0)[:, None], (xs - x0)[None, :]
        top = x[..., y0, :][..., x0] * (1 - dx) + x[..., y0, :][..., x1] * dx
        bottom = x[..., y1, :][..., x0] * (1 - dx) + x[..., y1, :][..., x1] * dx
        return top * (1 - dy) + bottom * dy
    return fn


def _with_layer(name, init, seed, compute, **init_kwargs):
    """The mint.nn layer built after set_seed(seed), as the case builds it; `compute` applies its weights
    with MindSpore ops that have CPU kernels."""
    def run(ms, x):
        ms.set_seed(seed)
        cell = getattr(ms.mint.nn, name)(*init, **init_kwargs)
        weight, bias = cell.weight, cell.bias
        return compute(ms, ms.Tensor(x), weight, bias)
    return (f"MindSpore's ops on the weights of mint.nn.{name}{tuple(init)} built after set_seed({seed})", run)


def _index_add(dim, alpha=1):
    """MindSpore CPU's Tensor.index_add takes Int32 indices only."""
    return (f"MindSpore's Tensor.index_add({dim}, Int32 index, source, alpha={alpha})",
            lambda ms, x, index, source: ms.Tensor(x).index_add(dim, ms.Tensor(index.astype(np.int32)),
                                                                ms.Tensor(source), alpha=alpha))


TENSOR_CASES = [
    via(m("Tensor.addmm_", X, T((2, 4)), T((4, 3)), beta=0.5, alpha=2),
        same("Tensor.addmm", X, T((2, 4)), T((4, 3)), beta=0.5, alpha=2)),
    m("Tensor.asnumpy", X),
    m("Tensor.asnumpy", T((2, 3), "int32", "int")),
    m("Tensor.astype", X, D("int32")),
    m("Tensor.astype", T((2, 3), "int32", "int"), D("float16")),
    m("Tensor.astype", X, "float64"),
    m("Tensor.bfloat16", X),
    m("Tensor.byte", T((2, 3), "int32", "index:200")),
    via(m("Tensor.clamp_", X, -0.5, 0.5), same("ops.clamp", X, -0.5, 0.5)),
    m("Tensor.copy", X),
    m("Tensor.diagflat", T((3,))),
    m("Tensor.diagflat", T((2, 2)), 1),
    m("Tensor.dsplit", T((2, 2, 4)), 2),
    m("Tensor.dsplit", T((2, 2, 4)), [1, 3]),
    via(m("Tensor.erfinv_", T((2, 3), "float32", "unit")), same("ops.erfinv", T((2, 3), "float32", "unit"))),
    m("Tensor.expand_dims", X, 1),
    m("Tensor.expand_dims", X, -1),
    via(m("Tensor.fill_", X, 2.5), same("ops.full_like", X, 2.5)),
    via(m("Tensor.fill_diagonal_", SQ, 5.0), same("Tensor.fill_diagonal", SQ, 5.0)),
    via(m("Tensor.fill_diagonal_", T((5, 2)), 1.5, True), same("Tensor.fill_diagonal", T((5, 2)), 1.5, True)),
    via(m("Tensor.fills", X, 2.0), same("ops.full_like", X, 2.0)),
    m("Tensor.float", T((2, 3), "int32", "int")),
    via(m("Tensor.floor_", X), same("ops.floor", X)),
    m("Tensor.from_numpy", X, np.arange(6, dtype=np.float32).reshape(2, 3)),
    m("Tensor.geqrf", SQ),
    m("Tensor.hsplit", T((2, 4)), 2),
    m("Tensor.index_add", T((3, 4)), 0, ROWS2_32, T((2, 4))),
    m("Tensor.index_add", T((3, 4)), 1, ROWS2_32, T((3, 2)), alpha=2),
    via(m("Tensor.index_add_", T((3, 4)), 0, ROWS2, T((2, 4))), _index_add(0)),
    via(m("Tensor.index_copy_", T((3, 4)), 0, ROWS2, T((2, 4))), numpy("x[index] = source", _index_copy)),
    m("Tensor.index_fill", T((3, 4)), 1, ROWS2_32, 5.0),
    via(m("Tensor.index_fill_", T((3, 4)), 1, ROWS2_32, 5.0), same("Tensor.index_fill", T((3, 4)), 1, ROWS2_32, 5.0)),
    via(m("Tensor.index_put_", T((3, 4)), (ROWS2, ROWS2), T((2,))), same("Tensor.index_put", T((3, 4)), (ROWS2, ROWS2), T((2,)))),
    via(m("Tensor.index_put_", T((3, 4)), (ROWS2, ROWS2), T((2,)), True),
        same("Tensor.index_put", T((3, 4)), (ROWS2, ROWS2), T((2,)), True)),
    error("Tensor.init_data", X),
    m("Tensor.item", T((1,))),
    m("Tensor.item", T((), "int32", "int")),
    via(m("Tensor.kthvalue", T((3, 4), "float32", "perm"), 2, 1), numpy("2nd smallest along axis 1", _kthvalue(2, 1))),
    via(m("Tensor.log_", T((2, 3), "float32", "positive")), same("ops.log", T((2, 3), "float32", "positive"))),
    m("Tensor.lu_solve", T((3, 2)), T((3, 3), "float32", "spd"), T((3,), "int32", "const:1")),
    via(m("Tensor.masked_fill_", X, BOOL, 0.5), same("Tensor.masked_fill", X, BOOL, 0.5)),
    via(m("Tensor.masked_scatter_", X, BOOL, T((2, 3))), numpy("x[mask] = source[:mask.sum()]", _masked_scatter)),
    m("Tensor.mean", X),
    m("Tensor.mean", X, 1),
    m("Tensor.mean", X, axis=0, keep_dims=True),
    m("Tensor.move_to", X, "CPU"),
    via(m("Tensor.new_full", X, (2, 2), 3.0), ("MindSpore's ops.full((2, 2), 3.0, dtype=float32)",
                                               lambda ms, x: ms.ops.full((2, 2), 3.0, dtype=ms.float32))),
    m("Tensor.numpy", X),
    m("Tensor.orgqr", SQ, T((2,))),
    via(m("Tensor.ormqr", SQ, T((2,)), T((3, 2))), numpy("Q @ other, Q = H0 H1 (Householder)", _ormqr(True, False))),
    via(m("Tensor.ormqr", SQ, T((2,)), T((2, 3)), False, True), numpy("other @ Q.T", _ormqr(False, True))),
    via(m("Tensor.put_", X, T((2,), "int64", "arange"), T((2,))), numpy("x.flat[index] = source", _put(False))),
    via(m("Tensor.put_", X, T((2,), "int64", "arange"), T((2,)), True), numpy("x.flat[index] += source", _put(True))),
    via(m("Tensor.repeat", X, 2, 1), same("ops.tile", X, (2, 1))),
    m("Tensor.reshape", X, (3, 2)),
    m("Tensor.reshape", X, 6),
    m("Tensor.reshape", X, -1, 2),
    m("Tensor.scatter", T((3, 4)), 1, T((1, 3), "int64", "arange"), T((1, 3))),
    m("Tensor.scatter", T((3, 4)), 0, T((1, 4), "int64", "index:3"), T((1, 4))),
    via(m("Tensor.scatter_", T((3, 4)), 1, T((1, 3), "int64", "arange"), T((1, 3))),
        same("Tensor.scatter", T((3, 4)), 1, T((1, 3), "int64", "arange"), T((1, 3)))),
    via(m("Tensor.scatter_add", T((3, 4)), 1, T((3, 2), "int64", "index:4"), T((3, 2))),
        same("ops.tensor_scatter_elements", T((3, 4)), T((3, 2), "int64", "index:4"), T((3, 2)), 1, "add")),
    via(m("Tensor.scatter_add_", T((3, 4)), 1, T((3, 2), "int64", "index:4"), T((3, 2))),
        same("ops.tensor_scatter_elements", T((3, 4)), T((3, 2), "int64", "index:4"), T((3, 2)), 1, "add")),
    m("Tensor.scatter_div", T((3, 4)), T((2, 1), "int32", "arange"), T((2, 4), "float32", "positive")),
    m("Tensor.scatter_max", T((3, 4)), T((2, 1), "int32", "arange"), T((2, 4))),
    m("Tensor.scatter_min", T((3, 4)), T((2, 1), "int32", "arange"), T((2, 4))),
    m("Tensor.scatter_mul", T((3, 4)), T((2, 1), "int32", "arange"), T((2, 4))),
    m("Tensor.scatter_sub", T((3, 4)), T((2, 1), "int32", "arange"), T((2, 4))),
    m("Tensor.set_dtype", X, D("float64")),
    via(m("Tensor.sigmoid_", X), same("ops.sigmoid", X)),
    via(m("Tensor.sign_", T((3, 4), "float32", "int")), same("ops.sign", T((3, 4), "float32", "int"))),
    m("Tensor.squeeze", T((2, 1, 3))),
    m("Tensor.squeeze", T((2, 1, 3, 1)), 1),
    m("Tensor.sum", X),
    m("Tensor.sum", X, 1),
    m("Tensor.sum", T((2, 3), "int32", "int"), axis=0, keepdims=True),
    via(m("Tensor.tanh_", X), same("ops.tanh", X)),
    via(m("Tensor.to_", X, "CPU"), ("the input itself", lambda ms, x: ms.Tensor(x))),
    m("Tensor.tolist", T((2, 2), "int32", "int")),
    m("Tensor.tolist", T((2,))),
    m("Tensor.transpose", T((2, 3, 4)), 2, 0, 1),
    m("Tensor.transpose", X),
    via(m("Tensor.triangular_solve", T((3, 2)), T((3, 3), "float32", "spd")),
        numpy("(solve(triu(A), b), A)", _triangular_solve())),
    via(m("Tensor.triangular_solve", T((3, 2)), T((3, 3), "float32", "spd"), False, True, True),
        numpy("(solve(unit tril(A).T, b), A)", _triangular_solve(False, True, True))),
    m("Tensor.unique_with_pad", T((6,), "int32", "small"), 9),
    m("Tensor.unsorted_segment_max", T((4, 3)), T((4,), "int32", "index:3"), 3),
    m("Tensor.unsorted_segment_prod", T((4, 3)), T((4,), "int32", "index:3"), 3),
    m("Tensor.view_as", X, T((3, 2))),
    m("Tensor.vsplit", T((4, 2)), 2),
    via(m("Tensor.zero_", X), same("ops.zeros_like", X)),
]

NUMPY_CASES = [
    m("numpy.array", X),
    m("numpy.array", [1, 2, 3], dtype=F("numpy.float16")),
    m("numpy.array", X, ndmin=3),
    m("numpy.atleast_1d", T((), "float32")),
    m("numpy.atleast_1d", T((), "int32", "int"), X),
    m("numpy.dsplit", T((2, 2, 4)), 2),
    m("numpy.isscalar", 3.0),
    m("numpy.isscalar", X),
    m("numpy.promote_types", F("numpy.int8"), F("numpy.float16")),
    m("numpy.promote_types", F("numpy.uint8"), F("numpy.int16")),
    # mgrid / ogrid are index objects: `mgrid[0:3, 0:2]` is their __getitem__
    m("numpy.mgrid.__getitem__", (slice(0, 3), slice(0, 2))),
    m("numpy.mgrid.__getitem__", slice(0, 1, 4j)),
    m("numpy.ogrid.__getitem__", (slice(0, 3), slice(1, 4, 2))),
    m("numpy.ogrid.__getitem__", slice(0, 3)),
]
# every dtype object of mindspore.numpy, through a function whose result shows it
NUMPY_CASES += [m("numpy.array", [1, 0, 2], dtype=F(f"numpy.{name}"))
                for name in ("bool_", "float16", "float32", "float64", "float_", "int16", "int32", "int64", "int8",
                             "int_", "uint16", "uint32", "uint64", "uint8")]

MINT_CASES = [
    via(m("mint.addr_", X, T((2,)), T((3,)), beta=0.5, alpha=2), same("ops.addr", X, T((2,)), T((3,)), beta=0.5, alpha=2)),
    via(m("mint.batch_norm_stats", T((2, 3, 4)), 1e-5), numpy("(mean, 1/sqrt(biased var + eps)) per channel", _batch_norm_stats)),
    via(m("mint.batch_norm_elemt", T((2, 3, 4)), T((3,)), T((3,)), T((3,)), T((3,), "float32", "positive"), 1e-5),
        numpy("(x - mean) * invstd * weight + bias", _batch_norm_elemt)),
    via(m("mint.batch_norm_gather_stats_with_counts", T((2, 3, 4)), T((2, 3)), T((2, 3), "float32", "positive"),
          T((3,)), T((3,), "float32", "positive"), 0.1, 1e-5, T((2,), "float32", "const:4")),
        numpy("the count-weighted merge of the groups' means and variances", _gather_stats)),
    via(m("mint.clone", X), same("ops.deepcopy", X)),
    m("mint.conv2d", IMG, T((3, 2, 3, 3))),
    via(m("mint.conv2d", IMG, T((4, 1, 3, 3)), T((4,)), 1, 1, 1, 2),
        same("ops.conv2d", IMG, T((4, 1, 3, 3)), T((4,)), 1, "pad", 1, 1, 2)),
    via(m("mint.conv_tbc", T((5, 2, 3)), T((3, 3, 4)), T((4,)), 1),
        ("MindSpore's ops.conv1d on (batch, channel, time)", lambda ms, x, w, b: ms.ops.conv1d(
            ms.Tensor(x.transpose(1, 2, 0)), ms.Tensor(w.transpose(2, 1, 0)), ms.Tensor(b), 1, "pad", 1).transpose(2, 0, 1))),
    via(m("mint.index_add", T((3, 4)), 0, ROWS2, T((2, 4))), _index_add(0)),
    via(m("mint.index_add", T((3, 4)), 1, ROWS2, T((3, 2)), alpha=2),
        _index_add(1, 2)),
    via(m("mint.kthvalue", T((3, 4), "float32", "perm"), 2, 1), numpy("2nd smallest along axis 1", _kthvalue(2, 1))),
    via(m("mint.scatter_add", T((3, 4)), 1, T((3, 2), "int64", "index:4"), T((3, 2))),
        same("ops.tensor_scatter_elements", T((3, 4)), T((3, 2), "int64", "index:4"), T((3, 2)), 1, "add")),
    m("mint.sort", T((3, 4), "float32", "perm")),
    m("mint.split", T((5, 2)), 2),
    m("mint.split", T((5, 2)), [1, 4]),
    m("ops.split", T((5, 2)), 2),
    m("ops.split", T((5, 2)), (3, 2)),
    error("ops.split", T((5, 2)), [1, 2]),
    error("ops.split", T((5, 2)), 0),
    error("ops.split", T((5, 2)), 2.0),
    via(m("mint.std_mean", X), same("ops.std_mean", X, ddof=1)),
    via(m("mint.std_mean", X, 1, keepdim=True), same("ops.std_mean", X, 1, ddof=1, keepdims=True)),
    via(m("mint.triangular_solve", T((3, 2)), T((3, 3), "float32", "spd")), numpy("(solve(triu(A), b), A)", _triangular_solve())),
    via(m("mint.var_mean", X), same("ops.var_mean", X, ddof=1)),
    via(m("mint.var_mean", X, 0, correction=0), same("ops.var_mean", X, 0, ddof=0)),
]

NN_CASES = [
    via(layer("AdaptiveAvgPool1d", SEQ, init=(3,)), same("ops.adaptive_avg_pool1d", SEQ, 3)),
    via(layer("AdaptiveAvgPool2d", IMG, init=((2, 3),)), same("ops.adaptive_avg_pool2d", IMG, (2, 3))),
    via(layer("AdaptiveAvgPool3d", VOL, init=((1, 2, 2),)), same("ops.adaptive_avg_pool3d", VOL, (1, 2, 2))),
    via(layer("AdaptiveMaxPool1d", SEQ, init=(3,)), same("ops.adaptive_max_pool1d", SEQ, 3)),
    layer("AdaptiveMaxPool2d", IMG, init=((2, 2),)),
    layer("AdaptiveMaxPool2d", IMG, init=((2, 2), True)),
    via(layer("AvgPool1d", SEQ, init=(2,)), same("ops.avg_pool1d", SEQ, 2, 2)),
    via(layer("AvgPool2d", IMG, init=(2,)), same("ops.avg_pool2d", IMG, 2, 2)),
    via(layer("AvgPool2d", IMG, init=(3, 1, 1), count_include_pad=False),
        same("ops.avg_pool2d", IMG, 3, 1, 1, count_include_pad=False)),
    via(layer("AvgPool3d", VOL, init=(2,)), same("ops.avg_pool3d", VOL, 2, 2)),
    layer("BCELoss", PROB, T((2, 3), "float32", "prob")),
    layer("BCELoss", PROB, T((2, 3), "float32", "prob"), reduction="sum"),
    layer("BCEWithLogitsLoss", X, T((2, 3), "float32", "prob")),
    via(layer("BatchNorm1d", T((4, 3)), init=(3,), seed=1), _eval_batch_norm("BatchNorm1d", 3)),
    via(layer("BatchNorm2d", IMG, init=(2,), seed=1), _eval_batch_norm("BatchNorm2d", 2)),
    via(layer("BatchNorm3d", VOL, init=(2,), seed=1), _eval_batch_norm("BatchNorm3d", 2)),
    via(layer("ConstantPad1d", SEQ, init=((1, 2), 0.5)), same("ops.pad", SEQ, (1, 2), value=0.5)),
    via(layer("ConstantPad2d", IMG, init=(1, -1.0)), same("ops.pad", IMG, (1, 1, 1, 1), value=-1.0)),
    via(layer("ConstantPad3d", VOL, init=((1, 0, 0, 1, 1, 0), 2.0)), same("ops.pad", VOL, (1, 0, 0, 1, 1, 0), value=2.0)),
    via(layer("Conv1d", SEQ, init=(2, 3, 3), seed=1),
        _with_layer("Conv1d", (2, 3, 3), 1, lambda ms, x, w, b: ms.ops.conv1d(x, w, b))),
    via(layer("Conv2d", IMG, init=(2, 3, 3), seed=1),
        _with_layer("Conv2d", (2, 3, 3), 1, lambda ms, x, w, b: ms.ops.conv2d(x, w, b))),
    via(layer("Conv2d", IMG, init=(2, 4, 3), seed=2, padding=1, groups=2, bias=False),
        _with_layer("Conv2d", (2, 4, 3), 2, lambda ms, x, w, b: ms.ops.conv2d(x, w, None, 1, "pad", 1, 1, 2),
                    padding=1, groups=2, bias=False)),
    via(layer("Conv3d", VOL, init=(2, 3, 2), seed=1),
        _with_layer("Conv3d", (2, 3, 2), 1, lambda ms, x, w, b: ms.ops.conv3d(x, w, b))),
    via(layer("ConvTranspose2d", IMG, init=(2, 3, 3), seed=1),
        _with_layer("ConvTranspose2d", (2, 3, 3), 1, lambda ms, x, w, b: np.asarray(_conv_transpose2d(
            x.asnumpy().astype(np.float64), w.asnumpy().astype(np.float64), b.asnumpy().astype(np.float64)),
            np.float32))),
    via(layer("CosineEmbeddingLoss", T((3, 4)), T((3, 4)), T((3,), "float32", "const:1")),
        numpy("mean(1 - cos(x1, x2)) for target 1", _cosine_embedding)),
    via(layer("CosineEmbeddingLoss", T((3, 4)), T((3, 4)), T((3,), "float32", "const:-1")),
        numpy("mean(max(0, cos(x1, x2))) for target -1", _cosine_embedding)),
    via(layer("ELU", X), same("ops.elu", X)),
    via(layer("ELU", X, init=(0.5,)), numpy("x if x > 0 else 0.5 (exp(x) - 1)", lambda x: np.where(x > 0, x, 0.5 * np.expm1(x)))),
    layer("Flatten", IMG),
    layer("Flatten", IMG, init=(0, 2)),
    via(layer("Fold", T((1, 8, 9)), init=((4, 4), 2)),
        ("MindSpore's ops.fold", lambda ms, x: ms.ops.fold(ms.Tensor(x), ms.Tensor([4, 4], ms.int32), 2))),
    via(layer("GELU", X), same("ops.gelu", X)),
    via(layer("GELU", X, init=("tanh",)), same("ops.gelu", X, "tanh")),
    layer("GroupNorm", IMG, init=(1, 2), seed=1),
    layer("Hardshrink", X),
    layer("Hardsigmoid", X),
    layer("Hardswish", X),
    via(layer("Hardtanh", X), same("ops.hardtanh", X)),
    via(layer("Hardtanh", X, init=(-0.5, 0.5)), same("ops.hardtanh", X, -0.5, 0.5)),
    layer("Identity", X),
    via(layer("KLDivLoss", X, PROB), numpy("mean(target * (log(target) - input))", _kl_div("mean", False))),
    via(layer("KLDivLoss", X, X, reduction="batchmean", log_target=True),
        numpy("sum(exp(target) * (target - input)) / batch", _kl_div("batchmean", True))),
    via(layer("L1Loss", X, T((2, 3))), same("ops.l1_loss", X, T((2, 3)))),
    layer("Linear", T((2, 3)), init=(3, 4), seed=1),
    layer("Linear", T((2, 3)), init=(3, 2), seed=5, bias=False),
    via(layer("LogSigmoid", X), numpy("-log(1 + exp(-x))", lambda x: -np.logaddexp(0, -x))),
    via(layer("LogSoftmax", X, init=(1,)), numpy("x - log(sum(exp(x)))", lambda x: x - np.log(np.exp(x).sum(1, keepdims=True)))),
    via(layer("MSELoss", X, T((2, 3))), same("ops.mse_loss", X, T((2, 3)))),
    via(layer("MaxUnpool2d", T((1, 1, 2, 2)), T((1, 1, 2, 2), "int64", "arange"), init=(2,)),
        same("ops.max_unpool2d", T((1, 1, 2, 2)), T((1, 1, 2, 2), "int64", "arange"), 2)),
    layer("Mish", X),
    layer("PReLU", X),
    layer("PReLU", T((2, 3, 2)), init=(3, 0.1)),
    layer("PixelShuffle", T((1, 4, 2, 3)), init=(2,)),
    layer("ReLU", X),
    layer("ReLU6", T((2, 3), "float32", "int")),
    via(layer("ReflectionPad1d", SEQ, init=(2,)), same("ops.pad", SEQ, (2, 2), "reflect")),
    via(layer("ReflectionPad2d", IMG, init=((1, 0, 2, 1),)), same("ops.pad", IMG, (1, 0, 2, 1), "reflect")),
    via(layer("ReflectionPad3d", VOL, init=(1,)), numpy("np.pad reflect", lambda x: np.pad(x, ((0, 0), (0, 0)) + ((1, 1),) * 3, "reflect"))),
    via(layer("ReplicationPad1d", SEQ, init=((2, 1),)), same("ops.pad", SEQ, (2, 1), "replicate")),
    via(layer("ReplicationPad2d", IMG, init=(1,)), same("ops.pad", IMG, (1,) * 4, "replicate")),
    via(layer("ReplicationPad3d", VOL, init=(1,)), numpy("np.pad edge", lambda x: np.pad(x, ((0, 0), (0, 0)) + ((1, 1),) * 3, "edge"))),
    via(layer("SELU", X), same("ops.selu", X)),
    layer("SiLU", X),
    layer("Sigmoid", X),
    layer("SmoothL1Loss", X, T((2, 3))),
    layer("SmoothL1Loss", X, T((2, 3)), reduction="none", beta=0.5),
    via(layer("SoftMarginLoss", X, T((2, 3), "float32", "nonzero")),
        numpy("mean(log(1 + exp(-y x)))", lambda x, y: np.logaddexp(0, -y * x).mean())),
    layer("Softmax", X, init=(0,)),
    layer("SyncBatchNorm", IMG, init=(2,), seed=1),
    layer("Tanh", X),
    via(layer("Threshold", X, init=(0.1, 20.0)), same("ops.threshold", X, 0.1, 20.0)),
    via(layer("Unfold", IMG, init=(2,)), same("ops.unfold", IMG, 2)),
    via(layer("Unfold", IMG, init=(3, 1, 1, 2)), same("ops.unfold", IMG, 3, 1, 1, 2)),
    layer("Upsample", IMG, scale_factor=2.0),
    via(layer("Upsample", IMG, size=(5, 6), mode="bilinear", align_corners=True),
        numpy("bilinear interpolation, corners aligned", _bilinear_align_corners(lambda h, w: (5, 6)))),
    via(layer("UpsamplingBilinear2d", IMG, scale_factor=2.0),
        numpy("bilinear interpolation, corners aligned", _bilinear_align_corners(lambda h, w: (2 * h, 2 * w)))),
    layer("UpsamplingNearest2d", IMG, size=(6, 8)),
    via(layer("ZeroPad1d", SEQ, init=(2,)), same("ops.pad", SEQ, (2, 2))),
    via(layer("ZeroPad2d", IMG, init=((1, 0, 0, 2),)), same("ops.pad", IMG, (1, 0, 0, 2))),
    via(layer("ZeroPad3d", VOL, init=(1,)), same("ops.pad", VOL, (1,) * 6)),
]

# Tensor.max/min and ops.max/min as MindSpore 2.10 documents them: "when axis is None, keepdims and
# subsequent parameters have no effect; the index is fixed to return 0"; with an int axis, initial
# and where apply (ArgMaxWithValue over max(x, initial), `initial` where `where` is False)
EXTREME_CASES = [
    m("Tensor.max", X, initial=7.0),
    m("Tensor.max", X, axis=None, keepdims=True),
    m("Tensor.max", X, initial=7.0, return_indices=True),
    m("Tensor.max", X, 1, True, initial=0.5, return_indices=True),
    m("Tensor.max", X, axis=1, where=BOOL, initial=-0.5),
    m("Tensor.max", X, dim=0),
    m("Tensor.max", X, 0, keepdims=True),  # a keyword of the older overload picks it
    m("Tensor.max", X, (0, 1), initial=7.0),
    m("Tensor.min", X, initial=-7.0),
    m("Tensor.min", X, axis=1, initial=0.0),
    m("ops.max", X, 1, initial=0.5),
    m("ops.max", X, 1, True, initial=-0.5, where=BOOL),
    m("ops.max", X, initial=7.0),
    m("ops.min", X, keepdims=True),
    m("ops.min", X, 0, initial=0.0),
    error("ops.max", X, 1, where=BOOL),
]

CASES = TENSOR_CASES + NUMPY_CASES + MINT_CASES + NN_CASES + EXTREME_CASES
