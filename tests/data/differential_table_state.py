"""Differential cases of the ops that write their arguments in place (state): the optimizer
Primitives (Apply*, SparseApply*, Fused*, Adam*, SGD, LARSUpdate), Assign and its family, the
Scatter* / ScatterNd* Primitives and scatter_* functions, IndexAdd and InplaceIndexAdd. Outputs
from MindSpore 2.10 CPU via `make_differential_outputs.py _state`.

A `P` spec is a Parameter: the case compares the return value and every Parameter's value after
the call with MindSpore's. Each update runs once here; tests/ops/test_prim1_optimizer_ops.py runs
several optimizers for several steps. Where MindSpore 2.10 has no CPU kernel (Ascend or GPU only),
MINDSPORE_CPU_WRONG holds a float64 NumPy reference of the documented update, `(outputs, states)`
of the case's Tensor inputs in order.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from differential_cases import P, T, call

TAG = "state"
V = (3, 2)  # the variable's shape


def S(value, dtype="float32"):
    """A 0-D Tensor holding `value` (a learning rate, a decay, ...)."""
    return T((), dtype, f"const:{value}")


def ROWS(n=2):
    """n distinct row indices 0..n-1 (int32)."""
    return T((n,), "int32", "arange")


def c(target, *args, init=(), graph=False, **kwargs):
    return call(target, *args, init=init, graph=graph, tag=TAG, **kwargs)


def f(target, *args, graph=False, **kwargs):
    """A function (no Primitive to build)."""
    return call(target, *args, graph=graph, tag=TAG, **kwargs)


def refused(case):
    """MindSpore raises: sporax must raise the same class (the id keeps the tag)."""
    return dataclasses.replace(case, expect_error=True)


# MindSpore 2.10 takes these in float32 only (TypeError for float16).
FLOAT32_ONLY = ("ops.AdamNoUpdateParam", "ops.FusedSparseFtrl", "ops.FusedSparseProximalAdagrad")
# Left out in float16 where a Python float is an input: MindSpore 2.10's ApplyRMSProp and
# ApplyCenteredRMSProp Primitives, called directly, take it as Float32 and refuse it beside a float16
# variable (TypeError), yet its nn.RMSProp passes such floats with float16 weights and works; sporax
# takes the number in the variable's dtype in both. Their float16 cases with Tensor inputs stand.
FLOAT_NUMBERS_ARE_FLOAT32 = ("ops.ApplyRMSProp", "ops.ApplyCenteredRMSProp")
# Left out in float16: MindSpore 2.10 CPU's float16 Adagrad kernels differ from the float32 formula
# by far more than float16 rounding (up to 30%; ApplyAdagradV2's returned var even differs from the
# Parameter it wrote), so they are no reference; their float32 cases stand.
FLOAT16_NOT_COMPARED = ("ops.ApplyAdagradV2", "ops.SparseApplyAdagrad", "ops.SparseApplyAdagradV2")


def optimizer_cases(dtype):
    """One update of every optimizer Primitive, all Tensors and Parameters in `dtype` (float16:
    MindSpore's refusals where it takes float32 only)."""
    cases = _optimizer_cases(dtype)
    if dtype == "float32":
        return cases
    return [refused(case) if case.target in FLOAT32_ONLY else case for case in cases
            if case.target not in FLOAT16_NOT_COMPARED and not (
                case.target in FLOAT_NUMBERS_ARE_FLOAT32 and any(isinstance(a, float) for a in case.args))]


def _optimizer_cases(dtype):
    def p(values="normal", shape=V):
        return P(shape, dtype, values)

    def t(values="normal", shape=V):
        return T(shape, dtype, values)

    def s(value):
        return S(value, dtype)

    f32 = dtype == "float32"
    return [
        c("ops.ApplyMomentum", p(), p(), s(0.01), t(), s(0.9), graph=f32),
        c("ops.ApplyMomentum", p(), p(), 0.05, t(), 0.8, init=(False, True)),
        c("ops.ApplyRMSProp", p(), p("positive"), p(), s(0.01), t(), 0.9, 0.5, 1e-6, graph=f32),
        c("ops.ApplyRMSProp", p(), p("positive"), p(), 0.1, t(), s(0.8), s(0.3), s(1e-4)),
        c("ops.ApplyCenteredRMSProp", p(), p("const:0.1"), p("positive"), p(), t(), s(0.01), 0.9, 0.5, 1e-6,
          graph=f32),
        c("ops.ApplyCenteredRMSProp", p(), p("const:0.1"), p("positive"), p(), t(), 0.1, s(0.8), s(0.3), s(1e-4)),
        c("ops.ApplyAdaMax", p(), p(), p("positive"), s(0.9), s(0.01), s(0.9), s(0.99), s(1e-7), t(), graph=f32),
        c("ops.ApplyAdadelta", p(), p("positive"), p("positive"), s(0.5), s(0.9), s(1e-6), t(), graph=f32),
        c("ops.ApplyAdagrad", p(), p("positive"), s(0.01), t(), graph=f32),
        c("ops.ApplyAdagrad", p(), p("positive"), 0.1, t(), init=(False,)),
        c("ops.ApplyAdagradV2", p(), p("positive"), s(0.01), t(), init=(1e-6,), graph=f32),
        c("ops.ApplyAdagradV2", p(), p("positive"), 0.1, t(), init=(0.01, False)),
        c("ops.ApplyAdagradDA", p(), p("const:0"), p("positive"), t(), s(0.1), s(0.01), s(0.02), S(2, "int32")),
        c("ops.ApplyAdamWithAmsgrad", p(), p(), p("positive"), p("positive"), s(0.81), s(0.998), s(0.01), t()),
        c("ops.ApplyAdamWithAmsgradV2", p(), p(), p("positive"), p("positive"), s(0.81), s(0.998), s(0.01), s(0.9),
          s(0.999), s(1e-8), t()),
        c("ops.ApplyAddSign", p(), p(), s(0.001), s(1.0), s(0.99), s(0.9), t()),
        c("ops.ApplyFtrl", p(), p("positive"), p(), t(), s(0.01), s(0.0), s(0.0), s(-0.5)),
        c("ops.ApplyFtrl", p(), p("positive"), p(), t(), 0.1, 0.05, 0.02, -0.3),
        c("ops.ApplyGradientDescent", p(), s(0.1), t(), graph=f32),
        c("ops.ApplyGradientDescent", p(), 0.5, t()),
        c("ops.ApplyPowerSign", p(), p(), s(0.001), s(float(np.e)), s(0.99), s(0.9), t()),
        c("ops.ApplyProximalAdagrad", p(), p("positive"), s(0.01), s(0.0), s(0.0), t(), graph=f32),
        c("ops.ApplyProximalAdagrad", p(), p("positive"), 0.3, 0.1, 0.2, t()),
        c("ops.ApplyProximalGradientDescent", p(), s(0.01), s(0.1), s(0.1), t()),
        c("ops.Adam", p(), p(), p("positive"), s(0.9), s(0.999), s(0.001), s(0.9), s(0.999), s(1e-8), t(), graph=f32),
        c("ops.Adam", p(), p(), p("positive"), 0.5, 0.7, 0.1, 0.5, 0.7, 1e-3, t(), init=(False, True)),
        c("ops.AdamNoUpdateParam", p(), p("positive"), s(0.9), s(0.999), s(0.001), s(0.9), s(0.999), s(1e-8), t()),
        c("ops.AdamWeightDecay", p(), p(), p("positive"), 0.01, 0.9, 0.999, 1e-8, 0.01, t()),
        c("ops.FusedSparseAdam", p(), p(), p("positive"), s(0.9), s(0.999), s(0.001), s(0.9), s(0.999), s(1e-8),
          t(shape=(2, 2)), ROWS()),
        c("ops.FusedSparseLazyAdam", p(), p(), p("positive"), s(0.9), s(0.999), s(0.001), s(0.9), s(0.999), s(1e-8),
          t(shape=(2, 2)), ROWS()),
        c("ops.FusedSparseFtrl", p(), p("positive"), p(), t(shape=(2, 2)), ROWS(), init=(0.01, 0.0, 0.0, -0.5)),
        c("ops.FusedSparseProximalAdagrad", p(), p("positive"), s(0.3), s(0.1), s(0.2), t(shape=(2, 2)), ROWS()),
        c("ops.SGD", p(), t(), s(0.01), p(), s(0.9), p("const:1"), graph=f32),
        c("ops.SGD", p(), t(), s(0.1), p(), s(0.5), p("const:0"), init=(0.0, 0.01, True)),
        c("ops.SGD", p(), t(), s(0.1), p(), s(0.5), p("const:0"), init=(0.2, 0.0, False)),
        c("ops.SparseApplyAdagrad", p(), p("positive"), t(shape=(2, 2)), ROWS(), init=(0.1,)),
        c("ops.SparseApplyAdagradV2", p(), p("positive"), t(shape=(2, 2)), ROWS(), init=(0.01, 0.001), graph=f32),
        c("ops.SparseApplyAdagradV2", p(), p("positive"), t(shape=(2, 2)), ROWS(), init=(0.1, 0.01, False, False)),
        c("ops.SparseApplyFtrl", p(), p("positive"), p(), t(shape=(2, 2)), ROWS(), init=(0.1, 0.05, 0.02, -0.3)),
        c("ops.SparseApplyRMSProp", p(), p("positive"), p(), s(0.01), t(), T((3,), "int32", "arange"),
          init=(0.2, 0.01, 1e-6)),
        c("ops.FusedCastAdamWeightDecay", p(), P(V), P(V, "float32", "positive"), 0.01, 0.9, 0.999, 1e-8, 0.01,
          t(), 1.0),
    ]


# MindSpore 2.10 has no CPU kernel for these (Ascend or GPU only): float64 references below
NO_CPU_KERNEL = [
    c("ops.ApplyKerasMomentum", P(V), P(V), S(0.01), T(V), S(0.9)),
    c("ops.ApplyKerasMomentum", P(V), P(V), S(0.05), T(V), S(0.8), init=(False, True)),
    c("ops.FusedWeightScaleApplyMomentum", S(0.01), S(2.0), P(V), P(V), S(0.1), T(V), S(0.9)),
    c("ops.SparseApplyAdadelta", P(V), P(V, "float32", "positive"), P(V, "float32", "positive"), S(0.5), S(0.9),
      T(V), T((3,), "int32", "arange"), init=(1e-6,)),
    c("ops.SparseApplyFtrlV2", P(V), P(V, "float32", "positive"), P(V), T((2, 2)), ROWS(),
      init=(0.1, 0.05, 0.02, 0.1, -0.3)),
    c("ops.ScatterNonAliasingAdd", P((3, 3)), T((2, 1), "int32", "arange"), T((2, 3))),
    c("ops.LARSUpdate", T(V), T(V), S(2.0), S(3.0), S(0.01), S(0.1)),
    c("ops.LARSUpdate", T(V), T(V), S(2.0), S(3.0), S(0.01), S(0.1), init=(1e-5, 0.01, True)),
    # MindSpore 2.10's CPU kernel ignores use_nesterov (it gives the plain momentum update)
    c("ops.ApplyMomentum", P(V), P(V), 0.05, T(V), 0.8, init=(True,)),
    c("ops.SparseApplyProximalAdagrad", P(V), P(V, "float32", "positive"), S(0.3), S(0.1), S(0.2), T((2, 2)), ROWS()),
]


W = (2, 3, 2)  # an AdaFactor weight
ADAFACTOR = [
    c("ops.FusedAdaFactor", (1e-30, 1e-3), 1.0, 0.9, 0.8, 1e-2, 0.03, T(W), P(W), P(W, "float32", "const:0"),
      P((2, 3), "float32", "const:0"), P((2, 2), "float32", "const:0"), P(W, "float32", "const:0")),
    c("ops.FusedAdaFactor", (1e-30, 1e-3), 1.0, 0.9, 0.8, 1e-2, 0.03, T(W), P(W), P(W),
      P((2, 3), "float32", "positive"), P((2, 2), "float32", "positive"), P(W, "float32", "positive"),
      init=(True, True, True)),
    c("ops.FusedAdaFactorWithGlobalNorm", (1e-30, 1e-3), 1.0, 0.9, 0.8, 1e-2, 0.03, T(W), P(W), P(W),
      P((2, 3), "float32", "positive"), P((2, 2), "float32", "positive"), P(W, "float32", "positive"), 4.0,
      init=(True, True, False)),
]


def scatter_cases(dtype):
    """The Scatter family into a Parameter (the variable's rows 0..2), in `dtype`."""
    values = "normal" if dtype.startswith("float") else "int"
    nonzero = "positive" if dtype.startswith("float") else "nonzero"
    x, up, some = P(V, dtype, values), T((2, 2), dtype, values), T((2,), "int32", "index:3")
    f32 = dtype == "float32"
    return [
        c("ops.ScatterAdd", x, some, up, graph=f32),
        c("ops.ScatterSub", x, some, up),
        c("ops.ScatterMul", x, ROWS(), up),
        c("ops.ScatterDiv", x, ROWS(), T((2, 2), dtype, nonzero)),
        c("ops.ScatterMax", x, some, up),
        c("ops.ScatterMin", x, some, up),
        c("ops.ScatterUpdate", x, ROWS(), up),
        c("ops.ScatterNdAdd", P((3, 3), dtype, values), T((2, 2), "int32", "small"), T((2,), dtype, values),
          graph=f32),
        c("ops.ScatterNdSub", P((3, 3), dtype, values), T((2, 1), "int32", "arange"), T((2, 3), dtype, values)),
        c("ops.ScatterNdMul", P((3, 3), dtype, values), T((2, 1), "int32", "arange"), T((2, 3), dtype, values)),
        c("ops.ScatterNdDiv", P((3, 3), dtype, values), T((2, 1), "int32", "arange"), T((2, 3), dtype, nonzero)),
        c("ops.ScatterNdMax", P((3, 3), dtype, values), T((2, 2), "int32", "small"), T((2,), dtype, values)),
        c("ops.ScatterNdMin", P((3, 3), dtype, values), T((2, 2), "int32", "small"), T((2,), dtype, values)),
        c("ops.ScatterNdUpdate", P((3, 3), dtype, values), T((2, 1), "int32", "arange"), T((2, 3), dtype, values),
          graph=f32),
    ]


X = P(V)
CASES = [
    *optimizer_cases("float32"),
    *optimizer_cases("float16"),
    *ADAFACTOR,
    *NO_CPU_KERNEL,
    *scatter_cases("float32"),
    *scatter_cases("float16"),
    *scatter_cases("int32"),
    # a plain Tensor input_x: MindSpore 2.10 PyNative accepts it (writes it in place, returns the result)
    c("ops.ScatterAdd", T(V), T((2,), "int32", "index:3"), T((2, 2))),
    c("ops.ScatterNdUpdate", T((3, 3)), T((2, 1), "int32", "arange"), T((2, 3))),
    c("ops.ScatterAdd", X, T((2, 2), "int32", "index:3"), T((2, 2, 2))),  # indices of rank 2
    c("ops.ScatterAdd", X, T((2,), "int64", "index:3"), T((2, 2))),
    f("ops.scatter_add", X, T((2,), "int32", "index:3"), T((2, 2))),
    f("ops.scatter_div", X, ROWS(), T((2, 2), "float32", "positive")),
    f("ops.scatter_max", X, T((2,), "int32", "index:3"), T((2, 2))),
    f("ops.scatter_min", X, T((2,), "int32", "index:3"), T((2, 2))),
    f("ops.scatter_mul", X, ROWS(), T((2, 2))),
    f("ops.scatter_update", X, ROWS(), T((2, 2))),
    f("ops.scatter_nd_add", P((3, 3)), T((2, 2), "int32", "small"), T((2,))),
    f("ops.scatter_nd_sub", P((3, 3)), T((2, 1), "int32", "arange"), T((2, 3))),
    f("ops.scatter_nd_mul", P((3, 3)), T((2, 1), "int32", "arange"), T((2, 3))),
    f("ops.scatter_nd_div", P((3, 3)), T((2, 1), "int32", "arange"), T((2, 3), "float32", "positive")),
    f("ops.scatter_nd_max", P((3, 3)), T((2, 2), "int32", "small"), T((2,))),
    f("ops.scatter_nd_min", P((3, 3)), T((2, 2), "int32", "small"), T((2,)), use_locking=True),
    f("ops.scatter_nd_update", P((3, 3)), T((2, 1), "int32", "arange"), T((2, 3))),
    # MindSpore refuses a number for ApplyKerasMomentum's lr and momentum (Tensors only)
    refused(c("ops.ApplyKerasMomentum", P(V), P(V), 0.05, T(V), 0.8, init=(False, True))),
    # Assign and its family
    c("ops.Assign", X, T(V), graph=True),
    c("ops.Assign", P(V, "int32", "int"), T(V, "int32", "int")),
    c("ops.Assign", X, T(V, "float16")),  # a lower-ranked dtype is cast to the Parameter's
    c("ops.AssignAdd", X, T(V), graph=True),
    c("ops.AssignAdd", P(V, "int32", "int"), T(V, "int32", "int")),
    c("ops.AssignAdd", P(V, "float16"), T(V, "float16")),
    c("ops.AssignSub", X, T(V)),
    c("ops.AssignSub", P(V, "float16"), T(V, "float16")),
    f("ops.assign", X, T(V)),
    f("ops.assign_add", X, T(V)),
    f("ops.assign_sub", P(V, "int32", "int"), T(V, "int32", "int")),
    # IndexAdd and InplaceIndexAdd: rows (or columns) `indices` of the variable get y added
    c("ops.IndexAdd", P((3, 4)), T((2,), "int32", "arange"), T((3, 2)), init=(1,), graph=True),
    c("ops.IndexAdd", P((3, 4)), T((3,), "int32", "index:3"), T((3, 4)), init=(0,)),
    c("ops.IndexAdd", P((3, 4), "float16"), T((2,), "int32", "arange"), T((2, 4), "float16"), init=(0,)),
    c("ops.IndexAdd", P((3, 4), "int32", "int"), T((2,), "int32", "arange"), T((3, 2), "int32", "int"), init=(-1,)),
    c("ops.InplaceIndexAdd", P((3, 4)), T((2,), "int32", "arange"), T((2, 4)), init=(0,)),
    c("ops.InplaceIndexAdd", P((3, 4), "float16"), T((2,), "int32", "arange"), T((3, 2), "float16"), init=(1,)),
    f("ops.inplace_index_add", P((3, 4)), T((3,), "int32", "index:4"), T((3, 3)), 1),
]



# --- float64 references of the documented updates, where MindSpore 2.10 CPU has no kernel ----------

def _rows(var, grad, indices):
    """The sparse gradient as a dense one (repeated rows summed), and which rows it names."""
    dense = np.zeros_like(var)
    np.add.at(dense, indices.astype(int), grad)
    named = np.zeros(var.shape[0], bool)
    named[indices.astype(int)] = True
    return dense, named.reshape((-1,) + (1,) * (var.ndim - 1))


def _keras_momentum(nesterov):
    def reference(var, accum, lr, grad, momentum):
        """accum = accum·momentum − grad·lr; var += accum (Nesterov: var += accum·momentum − grad·lr)."""
        accum = accum * momentum - grad * lr
        var = var + (accum * momentum - grad * lr if nesterov else accum)
        return (var, accum), [var, accum]
    return reference


def _fused_weight_scale_momentum(weight_decay, loss_scale, var, accum, lr, grad, momentum):
    """accum = momentum·accum + grad/loss_scale + weight_decay·var; var −= lr·accum; returns var."""
    accum = momentum * accum + grad / loss_scale + weight_decay * var
    var = var - lr * accum
    return var, [var, accum]


def _sparse_adadelta(var, accum, update_acc, lr, rho, grad, indices, epsilon=1e-6):
    """On the rows named: accum = ρ·accum + (1 − ρ)·g²; update = √(update_acc + ε)·g/√(accum + ε);
    var −= lr·update; update_acc = ρ·update_acc + (1 − ρ)·update²."""
    g, named = _rows(var, grad, indices)
    new_accum = rho * accum + (1 - rho) * g * g
    update = np.sqrt(update_acc + epsilon) * g / np.sqrt(new_accum + epsilon)
    new_var = var - update * lr
    new_update_acc = rho * update_acc + (1 - rho) * update * update
    out = tuple(np.where(named, n, o) for n, o in ((new_var, var), (new_accum, accum), (new_update_acc, update_acc)))
    return out, list(out)


def _sparse_ftrl_v2(var, accum, linear, grad, indices, lr=0.1, l1=0.05, l2=0.02, shrinkage=0.1, power=-0.3):
    """FTRL-proximal with L2 shrinkage on the rows named (MindSpore's SparseApplyFtrlV2)."""
    g, named = _rows(var, grad, indices)
    new_accum = accum + g * g
    new_linear = linear + g + 2 * shrinkage * var - (new_accum ** -power - accum ** -power) / lr * var
    quadratic = new_accum ** -power / lr + 2 * l2
    new_var = np.where(np.abs(new_linear) > l1, (np.sign(new_linear) * l1 - new_linear) / quadratic, 0.0)
    out = tuple(np.where(named, n, o) for n, o in ((new_var, var), (new_accum, accum), (new_linear, linear)))
    return out, list(out)


def _sparse_proximal_adagrad(var, accum, lr, l1, l2, grad, indices):
    """On the rows named: accum += g²; prox = var − lr·g/√accum;
    var = sign(prox)/(1 + lr·l2)·max(|prox| − lr·l1, 0)."""
    g, named = _rows(var, grad, indices)
    new_accum = accum + g * g
    prox = var - lr * g / np.sqrt(new_accum)
    new_var = np.sign(prox) / (1 + lr * l2) * np.maximum(np.abs(prox) - lr * l1, 0)
    out = (np.where(named, new_var, var), np.where(named, new_accum, accum))
    return out, list(out)


def _scatter_non_aliasing_add(x, indices, updates):
    """x[indices[..., :]] += updates, written into x."""
    x = x.copy()
    np.add.at(x, tuple(np.moveaxis(indices.astype(int), -1, 0)), updates)
    return x, [x]


def _lars_update(epsilon, hyperpara, use_clip):
    def reference(weight, gradient, norm_weight, norm_gradient, weight_decay, learning_rate):
        """nn.LARS's trust ratio: hyperpara·‖w‖/(‖g‖ + weight_decay·‖w‖ + ε) (1 where a norm is 0; with
        use_clip min(ratio/lr, 1)), ‖·‖ the square roots of the given sums; returns ratio·(g + weight_decay·w)."""
        w_norm, g_norm = np.sqrt(norm_weight), np.sqrt(norm_gradient)
        trust = hyperpara * w_norm / (g_norm + weight_decay * w_norm + epsilon) if w_norm > 0 and g_norm > 0 else 1.0
        if use_clip:
            trust = min(trust / learning_rate, 1.0)
        return trust * (gradient + weight_decay * weight)
    return reference


def _nesterov_momentum(var, accum, grad):
    """accum = accum·momentum + grad; var −= grad·lr + accum·momentum·lr (lr 0.05, momentum 0.8)."""
    lr, momentum = 0.05, 0.8
    accum = accum * momentum + grad
    var = var - (grad * lr + accum * momentum * lr)
    return var, [var, accum]


def _reference_of(case):
    name = case.target.split(".")[1]
    if name == "ApplyMomentum":
        return _nesterov_momentum
    if name == "ApplyKerasMomentum":
        return _keras_momentum(len(case.init) > 1 and case.init[1])
    if name == "LARSUpdate":
        return _lars_update(*(case.init or (1e-5, 0.001, False)))
    return {"FusedWeightScaleApplyMomentum": _fused_weight_scale_momentum, "SparseApplyAdadelta": _sparse_adadelta,
            "SparseApplyFtrlV2": _sparse_ftrl_v2, "SparseApplyProximalAdagrad": _sparse_proximal_adagrad,
            "ScatterNonAliasingAdd": _scatter_non_aliasing_add}[name]


MINDSPORE_CPU_WRONG = {
    case.id: (f"MindSpore 2.10 has no CPU kernel for {case.target.split('.')[1]} (Ascend or GPU only): "
              "a float64 reference of its documented update" if case.target != "ops.ApplyMomentum" else
              "MindSpore 2.10's CPU ApplyMomentum ignores use_nesterov: the documented Nesterov update",
              _reference_of(case))
    for case in NO_CPU_KERNEL}

# MindSpore 2.10's CPU kernels of these return memory they reuse (zeros), not the outputs it
# documents, the updated Parameters (var, m, v ...): sporax's outputs are compared with MindSpore's
# Parameters after the call instead.
_REUSED_OUTPUTS = ("ops.ApplyRMSProp", "ops.ApplyCenteredRMSProp", "ops.Adam", "ops.AdamWeightDecay",
                   "ops.FusedSparseAdam", "ops.FusedSparseLazyAdam", "ops.FusedSparseFtrl",
                   "ops.FusedSparseProximalAdagrad", "ops.FusedCastAdamWeightDecay")
MINDSPORE_CPU_OUTPUTS_WRONG = {
    case.id: f"MindSpore 2.10's CPU {case.target.split('.')[1]} returns reused memory, not the updated Parameters"
    for case in CASES if case.target in _REUSED_OUTPUTS and not case.expect_error}

# MindSpore documents FusedAdaFactor's output as a dummy (sporax returns zeros, its CPU kernel
# reused memory): only the outputs' number, shapes and dtypes are compared, and the Parameters.
MINDSPORE_DUMMY_OUTPUTS = {case.id: "FusedAdaFactor's output is a dummy" for case in ADAFACTOR}
