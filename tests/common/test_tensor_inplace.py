"""Tensor's in-place methods (`add_`, `clamp_`, `scatter_`, `normal_`, ...), the `ops` in-place
functions, and the other methods added with them (kthvalue, itemset, device, DLPack, ...).

An in-place method writes the out-of-place op's result into self, cast to self's dtype, and
returns self; a failed call leaves self as it was; on a Parameter inside a GRAPH_MODE construct
the write is an ordered side effect whose final value equals PYNATIVE's. MindSpore 2.10's CPU
backend has no kernel for most of these (they are Ascend kernels), so the values are checked
against NumPy and against the out-of-place ops, which tests/ops/test_differential_ops.py checks
against MindSpore.
"""
from __future__ import annotations

import numpy as np
import pytest

import sporax as ms
from sporax import nn, ops

RNG = np.random.default_rng(7)


def tensor(values, dtype=np.float32):
    return ms.Tensor(np.asarray(values, dtype))


X = RNG.standard_normal((3, 4)).astype(np.float32)
POS = RNG.uniform(0.5, 2.0, (3, 4)).astype(np.float32)
IDX = ms.Tensor(np.array([2, 0], np.int64))

# name, args (a callable building them), the out-of-place result it must equal (NumPy)
ELEMENTWISE = [
    ("add_", lambda: (tensor(POS),), {"alpha": 2}, lambda x: x + 2 * POS),
    ("sub_", lambda: (tensor(POS[0]),), {}, lambda x: x - POS[0]),
    ("mul_", lambda: (3.0,), {}, lambda x: x * 3),
    ("div_", lambda: (tensor(POS),), {}, lambda x: x / POS),
    ("div_", lambda: (tensor(POS),), {"rounding_mode": "floor"}, lambda x: np.floor(x / POS)),
    ("exp_", lambda: (), {}, np.exp),
    ("log_", lambda: (), {}, lambda x: np.log(x)),
    ("floor_", lambda: (), {}, np.floor),
    ("sign_", lambda: (), {}, np.sign),
    ("tanh_", lambda: (), {}, np.tanh),
    ("sigmoid_", lambda: (), {}, lambda x: 1 / (1 + np.exp(-x))),
    ("erfinv_", lambda: (), {}, None),
    ("clamp_", lambda: (-0.5, 0.5), {}, lambda x: np.clip(x, -0.5, 0.5)),
    ("remainder_", lambda: (0.7,), {}, lambda x: np.mod(x, np.float32(0.7))),
    ("floor_divide_", lambda: (tensor(POS),), {}, lambda x: np.floor_divide(x, POS)),
    ("zero_", lambda: (), {}, np.zeros_like),
    ("fill_", lambda: (2.5,), {}, lambda x: np.full_like(x, 2.5)),
    ("copy_", lambda: (tensor(POS[1]),), {}, lambda x: np.broadcast_to(POS[1], x.shape)),
    ("masked_fill_", lambda: (ms.Tensor(X > 0), 9.0), {}, lambda x: np.where(X > 0, 9.0, x)),
    ("addmm_", lambda: (tensor(X[:, :2]), tensor(POS[:2])), {"beta": 0.5}, lambda x: 0.5 * x + X[:, :2] @ POS[:2]),
    ("fill_diagonal_", lambda: (7.0,), {}, lambda x: np.where(np.eye(3, 4, dtype=bool), 7.0, x)),
]


@pytest.mark.parametrize("name, args, kwargs, reference", ELEMENTWISE, ids=[e[0] + str(i) for i, e in
                                                                          enumerate(ELEMENTWISE)])
def test_inplace_method_writes_its_result_into_self_and_returns_self(name, args, kwargs, reference):
    source = np.abs(X) + 0.1 if name in ("log_",) else np.clip(X, -0.9, 0.9) if name == "erfinv_" else X
    x = tensor(source)
    out = getattr(x, name)(*args(), **kwargs)
    assert out is x
    assert x.dtype == ms.float32 and x.shape == (3, 4)
    if reference is None:  # erfinv_: the same as the out-of-place op
        expected = ops.erfinv(tensor(source)).asnumpy()
    else:
        expected = reference(source.astype(np.float64)).astype(np.float32)
    np.testing.assert_allclose(x.asnumpy(), expected, rtol=2e-6, atol=2e-6)


def test_inplace_result_is_cast_to_selfs_dtype():
    x = ms.Tensor(np.array([1, 2, -3], np.int32))
    assert x.add_(1.7) is x
    assert x.dtype == ms.int32
    np.testing.assert_array_equal(x.asnumpy(), [2, 3, -1])  # float results truncate, as a Cast does
    h = ms.Tensor(np.array([1.0, 2.0], np.float16))
    h.mul_(ms.Tensor(np.array([1.5, 2.5], np.float32)))
    assert h.dtype == ms.float16
    np.testing.assert_array_equal(h.asnumpy(), np.array([1.5, 5.0], np.float16))


def test_inplace_op_that_would_grow_self_raises_and_leaves_it_unchanged():
    x = tensor([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"For 'add_'.*shape \[2, 3\].*\[3\]"):
        x.add_(tensor(np.ones((2, 3))))
    np.testing.assert_array_equal(x.asnumpy(), [1.0, 2.0, 3.0])


@pytest.mark.parametrize("call, error, words", [
    (lambda x: x.add_("a"), TypeError, "add"),
    (lambda x: x.clamp_(), ValueError, "clamp"),
    (lambda x: x.copy_(tensor(np.ones((2, 2)))), ValueError, "'src'"),
    (lambda x: x.copy_([1.0]), TypeError, "'src'"),
    (lambda x: x.fill_("z"), TypeError, "'value'"),
    (lambda x: x.fill_(tensor([1.0, 2.0])), ValueError, "'value'"),
    (lambda x: x.normal_(std=-1.0), ValueError, "'std'"),
    (lambda x: x.normal_(mean="0"), TypeError, "'mean'"),
    (lambda x: x.uniform_(2.0, 1.0), ValueError, "'from_'"),
    (lambda x: x.exponential_(0.0), ValueError, "'lambd'"),
    (lambda x: x.bernoulli_(1.5), ValueError, "'p'"),
    (lambda x: x.random_(5, 5), ValueError, "'from_'"),
    (lambda x: x.random_(0.5), TypeError, "'from_'"),
    (lambda x: x.normal_(generator=object()), TypeError, "'generator'"),
    (lambda x: x.scatter_(0, IDX.reshape(2, 1), tensor([[1.0], [2.0]]), reduce="max"), ValueError, "'reduce'"),
    (lambda x: x.put_(ms.Tensor(np.array([0, 9], np.int64)), tensor([1.0, 2.0])), IndexError, "'index'"),
    (lambda x: x.put_(ms.Tensor(np.array([0], np.int64)), tensor([1.0, 2.0])), ValueError, "'index'"),
    (lambda x: x.put_(tensor([0.0]), tensor([1.0])), TypeError, "'index'"),
    (lambda x: x.index_copy_(0, IDX, tensor(np.ones((3, 3)))), ValueError, "'tensor'"),
    (lambda x: x.index_copy_(2, IDX, tensor(np.ones((2, 3)))), ValueError, "'dim'"),
    (lambda x: x.set_dtype("float16"), TypeError, "'dtype'"),
    (lambda x: x.itemset(9, 1.0), IndexError, "out of bounds"),
    (lambda x: x.itemset(1.0), IndexError, "shape"),
    (lambda x: x.kthvalue(4), ValueError, "'k'"),
    (lambda x: x.kthvalue(1, dim=2), ValueError, "'dim'"),
    (lambda x: x.max(0, True, 2), TypeError, "max"),  # MindSpore: max() takes 2 positional arguments
    (lambda x: x.flatten(1, 0), ValueError, "'start_dim'"),
    (lambda x: x.move_to("NPU"), ValueError, "'to'"),
    (lambda x: x.move_to("CPU", blocking=1), ValueError, "'blocking'"),
    (lambda x: x.to_("GPU"), ValueError, "'to'"),
])
def test_bad_argument_raises_mindspores_class_and_leaves_self_unchanged(call, error, words):
    x = tensor(X[:, :3])
    before = x.asnumpy().copy()
    with pytest.raises(error) as info:
        call(x)
    assert words in str(info.value)
    assert "jax" not in str(info.value).lower()
    np.testing.assert_array_equal(x.asnumpy(), before)
    assert x.dtype == ms.float32


def test_ops_inplace_functions_return_their_input():
    x = tensor(X)
    assert ops.clamp_(x, -0.1, 0.1) is x and float(x.abs().max()) <= 0.1 + 1e-7
    y = tensor(np.clip(X, -0.9, 0.9))
    assert ops.tanh_(y) is y
    np.testing.assert_allclose(y.asnumpy(), np.tanh(np.clip(X, -0.9, 0.9)), rtol=1e-6)
    assert ops.inplace_sigmoid(y) is y
    assert ops.zero_(y) is y and not y.asnumpy().any()
    z = tensor(np.clip(X, -0.9, 0.9))
    np.testing.assert_allclose(ops.erfinv_(z).asnumpy(), ops.erfinv(tensor(np.clip(X, -0.9, 0.9))).asnumpy())
    w = tensor(np.zeros((2, 3)))
    assert ops.put_(w, ms.Tensor(np.array([1, 4, 1], np.int64)), tensor([1.0, 2.0, 3.0]), True) is w
    np.testing.assert_array_equal(w.asnumpy(), [[0, 4, 0], [0, 2, 0]])


# --- indexed writes --------------------------------------------------------------------------------
def test_scatter_writes_adds_and_multiplies_along_dim():
    base = np.arange(12, dtype=np.float32).reshape(3, 4)
    index = np.array([[0, 1], [2, 2], [3, 0]], np.int64)
    src = np.array([[10, 20], [30, 40], [50, 60]], np.float32)
    x = tensor(base)
    assert x.scatter_(1, ms.Tensor(index), tensor(src)) is x
    expected = base.copy()
    np.put_along_axis(expected, index[:, :1], src[:, :1], 1)
    expected[0, 1], expected[1, 2], expected[2, 0] = 20, 40, 60
    expected[2, 3] = 50
    np.testing.assert_array_equal(x.asnumpy(), expected)
    added, multiplied = base.copy(), base.copy()
    for i in range(3):
        for j in range(2):
            added[i, index[i, j]] += src[i, j]
            multiplied[i, index[i, j]] *= src[i, j]
    np.testing.assert_array_equal(tensor(base).scatter_(1, ms.Tensor(index), tensor(src), reduce="add").asnumpy(),
                                  added)
    np.testing.assert_array_equal(tensor(base).scatter_add_(1, ms.Tensor(index), tensor(src)).asnumpy(), added)
    np.testing.assert_array_equal(
        tensor(base).scatter_(1, ms.Tensor(index), tensor(src), reduce="multiply").asnumpy(), multiplied)
    valued = base.copy()
    np.put_along_axis(valued, index, 5.0, 1)
    np.testing.assert_array_equal(tensor(base).scatter_(1, ms.Tensor(index), 5.0).asnumpy(), valued)


def test_index_writes_match_numpy():
    base = np.arange(12, dtype=np.float32).reshape(3, 4)
    rows = np.array([[1, 1, 1, 1], [2, 2, 2, 2]], np.float32)
    copied = base.copy()
    copied[[2, 0]] = rows
    np.testing.assert_array_equal(tensor(base).index_copy_(0, IDX, tensor(rows)).asnumpy(), copied)
    added = base.copy()
    added[2] += 2 * rows[0]
    added[0] += 2 * rows[1]
    np.testing.assert_array_equal(tensor(base).index_add_(0, IDX, tensor(rows), alpha=2).asnumpy(), added)
    filled = base.copy()
    filled[:, [2, 0]] = -1
    np.testing.assert_array_equal(tensor(base).index_fill_(1, IDX.astype(ms.int32), -1.0).asnumpy(), filled)
    put = base.copy()
    put[[0, 2], [1, 3]] += np.array([5, 6], np.float32)
    x = tensor(base)
    assert x.index_put_((ms.Tensor(np.array([0, 2])), ms.Tensor(np.array([1, 3]))), tensor([5.0, 6.0]), True) is x
    np.testing.assert_array_equal(x.asnumpy(), put)
    mask = base % 3 == 0
    scattered = base.copy()
    scattered[mask] = np.arange(100, 100 + mask.sum())
    np.testing.assert_array_equal(
        tensor(base).masked_scatter_(ms.Tensor(mask), tensor(np.arange(100, 112))).asnumpy(), scattered)


# --- graph mode, Parameters ------------------------------------------------------------------------
class _Updates(nn.Cell):
    def __init__(self):
        super().__init__()
        self.p = ms.Parameter(tensor(X), name="p")
        self.q = ms.Parameter(tensor(np.zeros((3, 4))), name="q")

    def construct(self, x):
        self.p.add_(x, alpha=2)
        before = self.p * 1
        self.p.clamp_(-1.0, 1.0)
        self.q.copy_(self.p)
        self.q.mul_(before)
        return self.p + 0


def _run(mode):
    ms.set_context(mode=mode)
    net = _Updates()
    out = net(tensor(POS))
    return out.asnumpy(), net.p.asnumpy(), net.q.asnumpy()


def test_inplace_writes_to_parameters_in_graph_mode_equal_pynative():
    eager = _run(ms.PYNATIVE_MODE)
    graph = _run(ms.GRAPH_MODE)
    expected_p = np.clip(X + 2 * POS, -1, 1)
    np.testing.assert_allclose(eager[1], expected_p, rtol=1e-6)
    np.testing.assert_allclose(eager[2], expected_p * (X + 2 * POS), rtol=1e-6)
    for e, g in zip(eager, graph):
        np.testing.assert_array_equal(e, g)


class _Fill(nn.Cell):
    def __init__(self):
        super().__init__()
        self.w = ms.Parameter(tensor(np.zeros((64, 64))), name="w")

    def construct(self):
        self.w.normal_(1.0, 0.5)
        return self.w * 1


def test_random_fill_of_a_parameter_in_graph_mode_is_written_back_and_reproducible():
    # (graph and eager draw from the stream differently, as every sporax random op does; each is
    # reproducible under set_seed)
    runs = []
    for _ in range(2):
        ms.set_context(mode=ms.GRAPH_MODE)
        ms.set_seed(11)
        net = _Fill()
        out = net()
        runs.append((out.asnumpy(), net.w.asnumpy()))
    np.testing.assert_array_equal(runs[0][1], runs[1][1])
    np.testing.assert_array_equal(runs[0][0], runs[0][1])  # the read after the fill sees the fill
    values = runs[0][1]
    assert abs(values.mean() - 1.0) < 5 * 0.5 / 64 and abs(values.std() - 0.5) < 0.02


def test_inplace_method_on_a_plain_tensor_inside_jit_is_local_to_the_trace():
    @ms.jit
    def f(x):
        y = x * 1
        y.mul_(2.0)
        y.add_(1.0)
        return y

    x = tensor(X)
    np.testing.assert_allclose(f(x).asnumpy(), 2 * X + 1, rtol=1e-6)
    np.testing.assert_array_equal(x.asnumpy(), X)


def test_gradient_flows_through_inplace_writes():
    def f(x):
        y = x * 1
        y.mul_(3.0)
        y.add_(x, alpha=2)
        return y.sum()

    grad = ops.grad(f)(tensor(X))
    np.testing.assert_allclose(grad.asnumpy(), np.full_like(X, 5.0))


# --- random fills ----------------------------------------------------------------------------------
N = 200_000


def _draw(name, *args, dtype=np.float32, **kwargs):
    x = ms.Tensor(np.zeros(N, dtype))
    assert getattr(x, name)(*args, **kwargs) is x
    return x.asnumpy()


def test_normal_fill_has_the_requested_mean_and_std():
    ms.set_seed(3)
    values = _draw("normal_", 2.0, 0.5)
    assert abs(values.mean() - 2.0) < 5 * 0.5 / np.sqrt(N)
    assert abs(values.std() - 0.5) < 0.005


def test_uniform_fill_stays_in_range_with_uniform_moments():
    ms.set_seed(3)
    values = _draw("uniform_", -1.0, 3.0)
    assert values.min() >= -1.0 and values.max() < 3.0
    assert abs(values.mean() - 1.0) < 5 * 4 / np.sqrt(12 * N)
    assert abs(values.var() - 16 / 12) < 0.02


def test_exponential_fill_has_mean_one_over_lambda():
    ms.set_seed(3)
    values = _draw("exponential_", 4.0)
    assert values.min() >= 0
    assert abs(values.mean() - 0.25) < 5 * 0.25 / np.sqrt(N)


def test_bernoulli_fill_with_scalar_and_tensor_probability():
    ms.set_seed(3)
    values = _draw("bernoulli_", 0.3)
    assert set(np.unique(values)) == {0.0, 1.0}
    assert abs(values.mean() - 0.3) < 5 * np.sqrt(0.21 / N)
    p = np.tile(np.array([0.1, 0.9], np.float32), N // 2)
    x = ms.Tensor(np.zeros(N, np.int32))
    x.bernoulli_(ms.Tensor(p))
    drawn = x.asnumpy()
    assert x.dtype == ms.int32
    assert abs(drawn[0::2].mean() - 0.1) < 0.01 and abs(drawn[1::2].mean() - 0.9) < 0.01


def test_random_fill_draws_every_integer_of_the_range_evenly():
    ms.set_seed(3)
    values = _draw("random_", 2, 7, dtype=np.int64)
    counts = np.bincount(values, minlength=7)
    assert counts[:2].sum() == 0 and (values < 7).all()
    assert np.all(np.abs(counts[2:] / N - 0.2) < 0.005)
    bytes_ = ms.Tensor(np.zeros(N, np.uint8)).random_().asnumpy()
    assert bytes_.min() == 0 and bytes_.max() == 255


def test_cauchy_returns_new_samples_with_the_requested_median_and_scale():
    ms.set_seed(3)
    x = ms.Tensor(np.zeros(N, np.float32))
    values = x.cauchy(1.0, 2.0).asnumpy()
    assert not x.asnumpy().any()
    q1, median, q3 = np.quantile(values, [0.25, 0.5, 0.75])
    assert abs(median - 1.0) < 0.03 and abs((q3 - q1) - 4.0) < 0.06


def test_random_fills_repeat_after_set_seed_and_differ_call_by_call():
    ms.set_seed(5)
    a, b = _draw("normal_"), _draw("normal_")
    ms.set_seed(5)
    c, d = _draw("normal_"), _draw("normal_")
    np.testing.assert_array_equal(a, c)
    np.testing.assert_array_equal(b, d)
    assert not np.array_equal(a, b)


# --- the other methods -----------------------------------------------------------------------------
def test_kthvalue_matches_a_sorted_numpy_array():
    x = RNG.permutation(24).reshape(2, 3, 4).astype(np.float32)
    values, indices = tensor(x).kthvalue(2, dim=1)
    np.testing.assert_array_equal(values.asnumpy(), np.sort(x, 1)[:, 1])
    np.testing.assert_array_equal(indices.asnumpy(), np.argsort(x, 1, kind="stable")[:, 1])
    assert indices.dtype == ms.int64
    values, indices = tensor(x).kthvalue(4, keepdim=True)
    assert values.shape == (2, 3, 1)
    np.testing.assert_array_equal(values.asnumpy()[..., 0], x.max(-1))


def test_itemset_returns_a_copy_with_one_element_set():
    x = tensor([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_array_equal(x.itemset(3, 9).asnumpy(), [[1, 2], [3, 9]])
    np.testing.assert_array_equal(x.itemset((1, 0), 9).asnumpy(), [[1, 2], [9, 4]])
    np.testing.assert_array_equal(x.asnumpy(), [[1, 2], [3, 4]])
    np.testing.assert_array_equal(tensor([5.0]).itemset(7).asnumpy(), [7.0])


def test_set_dtype_casts_in_place_and_assign_value_takes_the_other_tensor():
    x = tensor([1.5, 2.5])
    assert x.set_dtype(ms.float16) == ms.float16
    assert x.dtype == ms.float16
    y = ms.Tensor(np.array([1, 2, 3, 4], np.int32))
    assert y.assign_value(tensor([[1.0, 2.0], [3.0, 4.0]])) is y
    assert y.shape == (2, 2) and y.dtype == ms.float32


def test_device_data_and_buffers():
    x = tensor(X)
    assert x.device == "CPU"
    assert x.data is x
    assert isinstance(x.data_ptr(), int) and x.data_ptr() != 0
    assert x.is_pinned() is False and x.is_shared() is False
    back = ms.Tensor.from_dlpack(x.to_dlpack())
    np.testing.assert_array_equal(back.asnumpy(), X)
    np.testing.assert_array_equal(ms.Tensor.from_dlpack(np.arange(3)).asnumpy(), [0, 1, 2])
    moved = x.move_to("CPU")
    assert moved is not x and moved.device == "CPU"
    np.testing.assert_array_equal(moved.asnumpy(), X)
    assert x.to_("CPU") is x
    with pytest.raises(TypeError, match="from_dlpack"):
        ms.Tensor.from_dlpack([1, 2])


def test_parameter_keeps_its_own_device_argument():
    p = ms.Parameter(tensor([1.0]), name="p", device="CPU")
    assert p.device == "CPU"
    assert ms.Parameter(tensor([1.0]), name="r").device is None


def test_max_and_min_follow_mindspores_two_overloads():
    x = tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]])
    values, indices = x.max(1)
    np.testing.assert_array_equal(values.asnumpy(), [5, 6])
    np.testing.assert_array_equal(indices.asnumpy(), [1, 2])
    assert indices.dtype == ms.int64
    np.testing.assert_array_equal(x.max(axis=1).asnumpy(), [5, 6])
    assert float(x.max()) == 6.0 and float(x.min()) == 1.0
    np.testing.assert_array_equal(x.min(axis=0, where=ms.Tensor([True, False, True]), initial=9.0).asnumpy(),
                                  [1, 9, 3])
    assert x.item if True else None
    with pytest.raises(ValueError, match="only one element"):
        x.item()
    assert tensor([2.5]).item() == 2.5
