"""Differential cases (issue 10) for the remaining deterministic ops / ops.operations /
composite names, the control-flow ops and transforms that take Python functions, and the
MindSpore differences fixed with them (ResizeBicubic, Eig's order, ctc_loss's tuple,
BatchNorm's inference statistics, ReduceSum's integer dtype). Outputs from MindSpore 2.10 CPU
via `make_differential_outputs.py _ops4`.

A case whose target takes Python functions names a driver of `differential_functions.py`
(`driven(...)`): both frameworks build the same function from their own module.

Where MindSpore CPU has no kernel (RuntimeError; Ascend has one) or computes in a lower
precision, MINDSPORE_CPU_WRONG gives the float64 NumPy reference of MindSpore's documented
formula and the case compares sporax with it.
"""
from __future__ import annotations

import math

import numpy as np
from scipy import special

from differential_cases import D, T, call, error

TAG = "ops4"


def case(target, *args, **kwargs):
    return call(target, *args, tag=TAG, **kwargs)


def driven(target, driver, *args, **kwargs):
    """A call of `differential_functions.<driver>(framework, target)` with `args`."""
    return call(target, *args, tag=TAG, init_kwargs={"driver": driver}, **kwargs)


def refused(target, *args, **kwargs):
    return error(target, *args, **kwargs)


X = T((2, 3))
X4 = T((2, 3, 4, 5))
SPD = T((3, 3), "float32", "spd")

CASES = [
    # --- Task B: ResizeBicubic (MindSpore CPU's kernel: 1024-entry cubic table, A = -0.75 or Keys' -0.5)
    case("ops.ResizeBicubic", X4, (6, 8), init=(False, False), grad=True),
    case("ops.ResizeBicubic", X4, (3, 2), init=(True, False)),
    case("ops.ResizeBicubic", X4, (9, 11), init=(False, True), grad=True),
    case("ops.ResizeBicubic", X4, (1, 1), init=(False, True)),
    case("ops.ResizeBicubic", T((1, 2, 4, 5), "float16"), (6, 7), init=(False, True)),
    case("ops.ResizeBicubic", T((1, 2, 4, 5), "float64"), (6, 7), init=(False, False)),
    refused("ops.ResizeBicubic", X4, (6, 8), init=(True, True)),
    refused("ops.ResizeBicubic", T((2, 4, 5)), (6, 8), init=()),
    case("ops.interpolate", X4, size=(6, 8), mode="bicubic"),
    case("ops.interpolate", X4, size=(3, 7), mode="bicubic", align_corners=True),
    refused("ops.interpolate", X4, scale_factor=(1.5, 2.0), mode="bicubic"),
    case("nn.Upsample", X4, init=(), init_kwargs={"size": (7, 6), "mode": "bicubic"}),
    # --- Task B: Eig (eigenvalues in ascending |λ|, MindSpore's Eigen order)
    # (MindSpore's second output without compute_v is uninitialised memory: only the eigenvalues compare)
    driven("ops.Eig", "first_output", SPD),
    driven("ops.Eig", "first_output", T((2, 4, 4), "float64", "spd")),
    case("ops.Eig", T((2, 1, 1)), init=(True,)),
    case("ops.eig", T((3, 3), "float64", "const:0")),
    case("ops.eig", T((1, 1), "float64")),
    refused("ops.Eig", T((2, 3)), init=()),
    # --- Task B: ctc_loss returns (loss, log_alpha)
    # (labels 0..2 and blank 3: a target may not contain the blank)
    case("ops.ctc_loss", T((6, 2, 4)), T((2, 3), "int32", "index:3"), T((2,), "int32", "const:2"),
         T((2,), "int32", "const:1"), blank=3),
    case("ops.ctc_loss", T((6, 2, 4)), T((2, 3), "int32", "index:3"), T((2,), "int32", "const:2"),
         T((2,), "int32", "index:4"), blank=3, reduction="sum"),
    case("ops.ctc_loss", T((5, 3, 4), "float64"), T((3, 2), "int64", "index:3"), T((3,), "int64", "const:1.67"),
         T((3,), "int64", "index:3"), reduction="none", blank=3),
    # --- Task B: BatchNorm in inference returns zeros for its four statistics
    case("ops.BatchNorm", X4, T((3,)), T((3,)), T((3,)), T((3,), "float32", "positive"), init=()),
    case("ops.BatchNorm", T((4, 3)), T((3,)), T((3,)), T((3,)), T((3,), "float32", "positive"),
         init=(False, 1e-3)),
    # --- Task B: the ReduceSum primitive keeps integer dtypes; ops.sum / Tensor.sum widen to Int64
    case("ops.ReduceSum", T((2, 3), "int32", "int"), (), init=()),
    case("ops.ReduceSum", T((2, 3), "int8", "int"), 1, init=(True,)),
    case("ops.ReduceSum", T((2, 3), "int64", "int"), 0, init=()),
    case("ops.ReduceSum", T((3, 4), "bool", "bool"), 1, init=()),
    case("ops.reduce_sum", T((2, 3), "int32", "int"), 1),
    case("ops.sum", T((2, 3), "int32", "int"), 1),
    case("ops.sum", T((2, 3), "bool", "bool")),
    case("Tensor.sum", T((2, 3), "int8", "int")),

    # --- Task A: deterministic primitives and functions
    case("ops.BatchToSpace", T((4, 1, 2, 2)), init=(2, [[0, 0], [0, 0]])),
    case("ops.BatchToSpaceNDV2", T((4, 1, 2, 2)), T((2,), "int64", "const:0.67"), T((2, 2), "int64", "const:0"),
         init=()),
    case("ops.Col2Im", T((1, 2, 4, 4)), T((2,), "int32", "const:1"), init=(2,)),
    case("ops.Col2Im", T((1, 2, 4, 9)), T((2,), "int32", "const:1.34"), init=((2, 2), 1, 1, 2)),
    case("ops.DepthwiseConv2dNative", T((1, 2, 5, 5)), T((1, 2, 3, 3)), init=(1, 3), grad=True),
    case("ops.DepthwiseConv2dNative", T((2, 3, 6, 6)), T((1, 3, 2, 2)), init=(1, 2), init_kwargs={"stride": 2}),
    case("ops.DynamicShape", T((2, 3, 4)), init=()),
    case("ops.Expand", T((1, 3)), T((2,), "int64", "const:1"), init=()),
    case("ops.Fills", X, 2.5, init=()),
    case("ops.FloatStatus", T((3, 4), "float32", "edge"), init=()),
    case("ops.FloatStatus", X, init=()),
    # (MindSpore 2.10's GatherV2 takes batch_dims as a fourth input: with three it raises RuntimeError)
    case("ops.GatherV2", T((3, 4)), T((2,), "int32", "index:4"), 1, 0, init=()),
    case("ops.GatherV2", T((2, 3, 4)), T((2, 2), "int32", "index:4"), 2, 1, init=()),
    case("ops.Gather", T((2, 3, 4)), T((2, 3, 2), "int64", "index:4"), 2, init=(2,)),
    refused("ops.Gather", T((2, 3, 4)), T((2, 3, 2), "int64", "index:3"), 1, init=(2,)),
    case("ops.Mvlgamma", T((2, 3), "float32", "positive"), init=(1,)),
    case("ops.Mvlgamma", T((2, 3), "float64", "const:2.5"), init=(3,)),
    driven("ops.RmsNorm", "first_output", T((2, 4)), T((4,))),
    driven("ops.MultilabelMarginLoss", "first_output", T((2, 4)), T((2, 4), "int32", "index:4")),
    case("ops.multilabel_margin_loss", T((2, 4)), T((2, 4), "int32", "index:4")),
    case("nn.MultilabelMarginLoss", T((2, 4)), T((2, 4), "int32", "index:4"), init=("sum",)),
    case("ops.hinge_embedding_loss", T((2, 3)), T((2, 3), "float32", "const:1")),
    case("ops.hinge_embedding_loss", T((2, 3)), T((2, 3), "float32", "const:-1"), margin=0.5, reduction="sum"),
    case("ops.triplet_margin_loss", T((3, 4)), T((3, 4)), T((3, 4))),
    driven("ops.RNNTLoss", "first_output", T((1, 3, 3, 4)), T((1, 2), "int32", "const:0.34"),
           T((1,), "int32", "const:1"), T((1,), "int32", "const:0.67")),
    driven("ops.BasicLSTMCell", "first_output", T((2, 3)), T((2, 4)), T((2, 4)), T((7, 16)), T((16,))),
    case("ops.MoveTo", X, "CPU", init=()),
    case("Tensor.move_to", X, "CPU"),
    driven("ops.Reusing", "reusing", X),
    case("ops._ones_like_for_grad", X),
    case("Tensor.erfinv_", T((2, 3), "float32", "unit")),
    case("Tensor.put_", T((2, 3)), T((2,), "int64", "index:6"), T((2,))),
    case("Tensor.put_", T((2, 3)), T((3,), "int64", "const:0.34"), T((3,)), True),
    case("ops.typeof", X),
    case("ops.tuple_len", (1, 2, 3)),
    case("ops.tuple_getitem", (4, 5, 6), 1),
    case("ops.tuple_setitem", (1, 2, 3), 1, 5),
    case("ops.tuple_reversed", (1, 2, 3)),
    case("ops.tuple_equal", (1, 2), (1, 2)),
    case("ops.tuple_div", (4, 6), (2, 3)),
    driven("ops.string_concat", "in_graph", "ab", "cd"),
    driven("ops.string_eq", "in_graph", "ab", "ab"),
    case("ops.Print", "value:", X, init=()),
    case("ops.print_", X),
    refused("ops.Assert", T((), "bool", "const:0"), [X], init=()),

    # --- Task A: control flow and transforms that take Python functions
    driven("ops.ForiLoop", "fori_loop", X),
    driven("ops.WhileLoop", "while_loop", X),
    driven("ops.Scan", "scan", T((4,)), T((3, 4))),
    driven("ops.partial", "partial_add", X, X),
    driven("ops.Partial", "partial_primitive", X, X),
    driven("ops.MultitypeFuncGraph", "multitype_func_graph", X, X),
    driven("ops.UpdateState", "update_state", X, X),
    driven("ops.depend", "depend", X, X),
    driven("ops.PyFunc", "py_func", X),
    driven("ops.Custom", "custom_pyfunc", X),
    driven("ops.Morph", "morph", X, X),
    driven("ops.HookBackward", "hook_backward", X),
    driven("ops.InsertGradientOf", "insert_gradient_of", X),
    driven("ops.stop_gradient_", "stop_gradient_in_place", X),
    driven("ops.grad", "grad_sin_sum", X),
    driven("ops.grad", "grad_two_positions", X, X),
    driven("ops.value_and_grad", "value_and_grad_sin_sum", X),
    driven("ops.get_grad", "get_grad_by_id", X, X),
    driven("ops.vjp", "vjp_sin", X, X),
    driven("ops.jvp", "jvp_sin", X, X),
    driven("ops.linearize", "linearize_sin", X, X),
    driven("ops.jacfwd", "jacobian_sin", T((3,))),
    driven("ops.jacrev", "jacobian_sin", T((3,))),
    driven("ops.vmap", "vmap_row_sum", X),
    driven("ops.vmap", "vmap_in_axes", X, T((2,))),
    driven("ops.GradOperation", "grad_operation_sin_sum", X),
    driven("ops.GradOperation", "grad_operation_all_sens", X, X, X),
    driven("ops._Grad", "private_grad_by_position", X, X),
    driven("ops._Vmap", "private_vmap", X),
    driven("ops.constexpr", "constexpr_shape_product", X),
    driven("ops.Primitive", "custom_primitives", X),
    driven("ops.PrimitiveWithInfer", "custom_primitives", X),
    driven("ops.PrimitiveWithCheck", "custom_primitives", X),
    driven("ops.prim_attr_register", "custom_primitives", X),
    driven("ops.add_flags", "add_flags_function", X),
    driven("ops._ms_pyfunc", "ms_pyfunc", X),
    driven("ops.NPUAllocFloatStatus", "npu_float_status", X),
    driven("ops.NPUGetFloatStatus", "npu_float_status", X),
    driven("ops.NPUClearFloatStatus", "npu_float_status", X),
    case("ops.erfinv_", T((2, 3), "float32", "unit")),
    case("ops.put_", T((2, 3)), T((2,), "int64", "index:6"), T((2,))),
    case("ops.move_to", X, "CPU"),
    driven("ops.DynamicRNN", "first_output", T((3, 2, 4), "float16", "unit"), T((9, 20), "float16", "unit"),
           T((20,), "float16", "unit"), None, T((1, 2, 5), "float16", "unit"), T((1, 2, 5), "float16", "unit")),
    driven("ops.DynamicGRUV2", "first_output", T((3, 2, 4), "float16", "unit"), T((4, 15), "float16", "unit"),
           T((5, 15), "float16", "unit"), T((15,), "float16", "unit"), T((15,), "float16", "unit"), None,
           T((2, 5), "float16", "unit")),
]


# --- float64 references where MindSpore CPU has no kernel ---------------------------------------------

_CUBIC_TABLE = 1024


def _bicubic_axis(n, m, align_corners, half_pixel):
    """(m, n) weights of MindSpore's ResizeBicubic along one axis (its float32 table)."""
    f32 = np.float32
    a = -0.5 if half_pixel else -0.75
    scale = f32(n - 1) / f32(m - 1) if align_corners and m > 1 else f32(n) / f32(m)
    w = np.zeros((m, n))
    for i in range(m):
        x = (f32(i) + f32(0.5)) * scale - f32(0.5) if half_pixel else f32(i) * scale
        low = math.floor(x)
        offset = int(np.rint((x - f32(low)) * f32(_CUBIC_TABLE)))
        taps = []
        for k, t in zip(range(-1, 3), (1 + offset, offset, _CUBIC_TABLE - offset, 2 * _CUBIC_TABLE - offset)):
            d = float(f32(t / _CUBIC_TABLE)) if t <= _CUBIC_TABLE else float(f32(f32((t - _CUBIC_TABLE) / _CUBIC_TABLE) + 1))
            if t == 1 + offset:
                d = float(f32(f32(offset / _CUBIC_TABLE) + 1))
            weight = ((a + 2) * d - (a + 3)) * d * d + 1 if d <= 1 else ((a * d - 5 * a) * d + 8 * a) * d - 4 * a
            taps.append((low + k, float(f32(weight))))
        if half_pixel:
            taps = [(j, wt) for j, wt in taps if 0 <= j < n]
            total = sum(wt for _, wt in taps)
            taps = [(j, wt / total) for j, wt in taps]
        for j, wt in taps:
            w[i, min(max(j, 0), n - 1)] += wt
    return w


def _bicubic(size, align_corners, half_pixel):
    def reference(x):
        wh = _bicubic_axis(x.shape[2], size[0], align_corners, half_pixel)
        ww = _bicubic_axis(x.shape[3], size[1], align_corners, half_pixel)
        return np.einsum("hi,nciw,vw->nchv", wh, x, ww)
    return reference


def _depthwise(stride):
    def reference(x, w):
        n, c, h, wd = x.shape
        kh, kw = w.shape[2:]
        oh, ow = (h - kh) // stride + 1, (wd - kw) // stride + 1
        out = np.zeros((n, c, oh, ow))
        for i in range(oh):
            for j in range(ow):
                patch = x[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
                out[:, :, i, j] = (patch * w[0][None]).sum((2, 3))
        return out
    return reference


def _batch_to_space(x, block=2):
    n, c, h, w = x.shape
    out = x.reshape(block, block, n // block ** 2, c, h, w).transpose(2, 3, 4, 0, 5, 1)
    return out.reshape(n // block ** 2, c, h * block, w * block)


def _multilabel_margin(x, target, reduction="mean"):
    losses = []
    for row, labels in zip(x, target.astype(np.int64)):
        stop = np.argmax(labels < 0) if (labels < 0).any() else len(labels)
        chosen = labels[:stop]
        others = [j for j in range(len(row)) if j not in set(chosen)]
        losses.append(sum(max(0.0, 1 - (row[t] - row[j])) for t in chosen for j in others) / len(row))
    losses = np.array(losses)
    return losses.mean() if reduction == "mean" else losses.sum() if reduction == "sum" else losses


def _triplet_margin(anchor, positive, negative, margin=1.0, eps=1e-6):
    d_pos = np.linalg.norm(anchor - positive + eps, axis=-1)
    d_neg = np.linalg.norm(anchor - negative + eps, axis=-1)
    return np.maximum(d_pos - d_neg + margin, 0).mean()


def _rnnt_costs(acts, labels, input_lengths, label_lengths, blank=0):
    """−log p(labels | acts) of the RNN-T lattice (log-softmax over the last axis), per batch."""
    log_p = acts - np.log(np.exp(acts).sum(-1, keepdims=True))
    costs = []
    for b in range(acts.shape[0]):
        t_len, u_len = int(input_lengths[b]), int(label_lengths[b]) + 1
        alpha = np.full((t_len, u_len), -np.inf)
        alpha[0, 0] = 0.0
        for t in range(t_len):
            for u in range(u_len):
                if t == 0 and u == 0:
                    continue
                stay = alpha[t - 1, u] + log_p[b, t - 1, u, blank] if t > 0 else -np.inf
                emit = alpha[t, u - 1] + log_p[b, t, u - 1, int(labels[b, u - 1])] if u > 0 else -np.inf
                alpha[t, u] = np.logaddexp(stay, emit)
        costs.append(-(alpha[t_len - 1, u_len - 1] + log_p[b, t_len - 1, u_len - 1, blank]))
    return np.array(costs)


def _basic_lstm_cell_c(x, h, c, w, b, forget_bias=1.0):
    gates = np.concatenate([x, h], -1) @ w + b
    i, j, f, o = np.split(gates, 4, -1)
    sigmoid = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    return sigmoid(f + forget_bias) * c + sigmoid(i) * np.tanh(j)


def _sigmoid(v):
    return 1 / (1 + np.exp(-v))


def _dynamic_rnn(x, w, b, init_h, init_c):
    h, c = init_h[0], init_c[0]
    outputs = []
    for step in x:
        i, j, f, o = np.split(np.concatenate([step, h], -1) @ w + b, 4, -1)
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(j)
        h = _sigmoid(o) * np.tanh(c)
        outputs.append(h)
    return np.stack(outputs)


def _dynamic_gru(x, w_input, w_hidden, b_input, b_hidden, init_h):
    h = init_h
    outputs = []
    for step in x:
        ri, zi, ni = np.split(step @ w_input + b_input, 3, -1)
        rh, zh, nh = np.split(h @ w_hidden + b_hidden, 3, -1)
        r, z = _sigmoid(ri + rh), _sigmoid(zi + zh)
        n = np.tanh(ni + r * nh)
        h = (1 - z) * n + z * h
        outputs.append(h)
    return np.stack(outputs)


def _put(x, index, source, accumulate=False):
    out = x.copy().reshape(-1)
    index = index.astype(np.int64)
    if accumulate:
        np.add.at(out, index, source)
    else:
        out[index] = source
    return out.reshape(x.shape)


def _rms_norm(x, gamma, eps=1e-6):
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + eps) * gamma


_BY_ID = {c.id: c for c in CASES}
_WRONG = [
    ("ops.ResizeBicubic(False, False)(float64[1, 2, 4, 5],[6,7])@ops4",
     "computes Float64 ResizeBicubic in float32 (7 digits); the same formula in float64",
     _bicubic((6, 7), False, False)),
    ("ops.DepthwiseConv2dNative(1, 3)(float32[1, 2, 5, 5],float32[1, 2, 3, 3])@ops4",
     "no DepthwiseConv2dNative kernel; each channel correlated with its own 3×3 kernel", _depthwise(1)),
    ("ops.DepthwiseConv2dNative(1, 2)(float32[2, 3, 6, 6],float32[1, 3, 2, 2])@ops4",
     "no DepthwiseConv2dNative kernel; each channel correlated with its own 2×2 kernel, stride 2", _depthwise(2)),
    ("ops.RmsNorm(float32[2, 4],float32[4])@ops4", "no RmsNorm kernel; x / sqrt(mean(x²) + 1e-6) · γ", _rms_norm),
    ("ops.MultilabelMarginLoss(float32[2, 4],int32[2, 4]~index:4)@ops4",
     "no MultilabelMarginLoss kernel; Σ over target t, non-target j of max(0, 1 − (x_t − x_j)) / C, mean",
     _multilabel_margin),
    ("nn.MultilabelMarginLoss('sum',)(float32[2, 4],int32[2, 4]~index:4)@ops4",
     "no MultilabelMarginLoss kernel; Σ over target t, non-target j of max(0, 1 − (x_t − x_j)) / C, summed",
     lambda x, t: _multilabel_margin(x, t, "sum")),
    ("ops.RNNTLoss(float32[1, 3, 3, 4],int32[1, 2]~const:0.34,int32[1]~const:1,int32[1]~const:0.67)@ops4",
     "no RNNTLoss kernel; −log p(labels) of the transducer lattice over log_softmax(acts)", _rnnt_costs),
    ("ops.BasicLSTMCell(float32[2, 3],float32[2, 4],float32[2, 4],float32[7, 16],float32[16])@ops4",
     "no BasicLSTMCell kernel; c' = σ(f + 1)·c + σ(i)·tanh(j), gates [x, h]·w + b in order i, j, f, o",
     _basic_lstm_cell_c),
    ("ops.MoveTo()(float32[2, 3],'CPU')@ops4", "no MoveTo kernel; the same values on the host", lambda x: x),
    ("ops.stop_gradient_(float32[2, 3])@ops4", "no InplaceStopGradient kernel; ∂/∂x Σ sg(x)·x = x", lambda x: x),
    ("ops._ms_pyfunc(float32[2, 3])@ops4", "no kernel for an ms_pyfunc primitive; the function's 3·x",
     lambda x: 3 * x),
    *[(f"ops.{name}(float32[2, 3])@ops4{suffix}",
       "no float-status kernel (Ascend only); documented: Alloc gives 8 zeros, Get after finite ops zeros, "
       "Get after an overflow a nonzero flag, Clear zeros",
       lambda x: np.concatenate([np.zeros(16), [1.0], np.zeros(8)]))
      for name, suffix in (("NPUAllocFloatStatus", ""), ("NPUGetFloatStatus", ""), ("NPUClearFloatStatus", ""))],
    ("ops.erfinv_(float32[2, 3]~unit)@ops4", "no InplaceErfinv kernel; erf⁻¹(x) written into x", special.erfinv),
    ("ops.put_(float32[2, 3],int64[2]~index:6,float32[2])@ops4", "no InplacePut kernel; source written at the "
     "flat indices", _put),
    ("ops.move_to(float32[2, 3],'CPU')@ops4", "no MoveTo kernel; the same values on the host", lambda x: x),
    ("ops.DynamicRNN(float16[3, 2, 4]~unit,float16[9, 20]~unit,float16[20]~unit,None,float16[1, 2, 5]~unit,"
     "float16[1, 2, 5]~unit)@ops4", "no DynamicRNN kernel (Ascend only); the LSTM outputs h_t, gates [x, h]·w + b "
     "in order i, j, f, o", _dynamic_rnn),
    ("ops.DynamicGRUV2(float16[3, 2, 4]~unit,float16[4, 15]~unit,float16[5, 15]~unit,float16[15]~unit,"
     "float16[15]~unit,None,float16[2, 5]~unit)@ops4", "no DynamicGRUV2 kernel (Ascend only); the GRU outputs "
     "h_t, gates in order r, z, n with the reset applied after the hidden matmul", _dynamic_gru),
    ("ops.BatchToSpace(2, [[0, 0], [0, 0]])(float32[4, 1, 2, 2])@ops4",
     "no BatchToSpace kernel; blocks of the batch axis moved to the spatial axes", _batch_to_space),
    ("ops.BatchToSpaceNDV2()(float32[4, 1, 2, 2],int64[2]~const:0.67,int64[2, 2]~const:0)@ops4",
     "no BatchToSpaceNDV2 kernel; blocks of the batch axis moved to the spatial axes",
     lambda x, block, crops: _batch_to_space(x)),
    ("ops.multilabel_margin_loss(float32[2, 4],int32[2, 4]~index:4)@ops4",
     "no MultilabelMarginLoss kernel; Σ over target t, non-target j of max(0, 1 − (x_t − x_j)) / C, mean",
     _multilabel_margin),
    ("ops.triplet_margin_loss(float32[3, 4],float32[3, 4],float32[3, 4])@ops4",
     "no TripletMarginLoss kernel; mean(max(‖a − p + ε‖ − ‖a − n + ε‖ + 1, 0))", _triplet_margin),
    ("ops.Fills()(float32[2, 3],2.5)@ops4", "no Fills kernel; x's shape filled with 2.5",
     lambda x: np.full(x.shape, 2.5)),
    ("ops.FloatStatus()(float32[3, 4]~edge)@ops4", "no FloatStatus kernel; [1.0] when any element is inf or NaN",
     lambda x: np.array([float(not np.isfinite(x).all())])),
    ("ops.FloatStatus()(float32[2, 3])@ops4", "no FloatStatus kernel; [0.0] when every element is finite",
     lambda x: np.array([float(not np.isfinite(x).all())])),
    ("ops.DynamicShape()(float32[2, 3, 4])@ops4", "DynamicShape has no PyNative infer; the shape as a Tensor",
     lambda x: np.array(x.shape)),
    ("Tensor.erfinv_(float32[2, 3]~unit)@ops4", "no InplaceErfinv kernel; erf⁻¹(x) written into x", special.erfinv),
    ("Tensor.put_(float32[2, 3],int64[2]~index:6,float32[2])@ops4", "Tensor.put_ has no PyNative branch; "
     "source written at the flat indices", _put),
    ("Tensor.put_(float32[2, 3],int64[3]~const:0.34,float32[3],True)@ops4", "Tensor.put_ has no PyNative branch; "
     "source added at the flat indices", lambda x, i, s: _put(x, i, s, True)),
]
MINDSPORE_CPU_WRONG = {case_id: (f"MindSpore CPU: {why}", reference) for case_id, why, reference in _WRONG}
assert set(MINDSPORE_CPU_WRONG) <= set(_BY_ID), set(MINDSPORE_CPU_WRONG) - set(_BY_ID)
