"""The optimizer-update Primitives of optimizer_ops_more against real MindSpore 2.10.

Each case of tests/data/prim1/optimizer_cases.py runs STEPS times on the same Parameters;
the outputs of every step and the Parameters' final values must equal MindSpore's
(tests/data/prim1/mindspore_2_10_optimizer.npz, written by make_optimizer_outputs.py under
MindSpore 2.10 CPU). Where MindSpore 2.10 has no CPU kernel (ApplyKerasMomentum,
SparseApplyAdadelta, SparseApplyFtrlV2, SparseApplyProximalAdagrad: Ascend only;
FusedWeightScaleApplyMomentum: GPU only) the expected values come from a float64 NumPy
reference written from MindSpore's documented formula, below.
"""
from __future__ import annotations

import json
import pathlib
import sys

import numpy as np
import pytest

import sporax
from sporax import Parameter, Tensor, ops

DATA = pathlib.Path(__file__).resolve().parents[1] / "data" / "prim1"
sys.path.insert(0, str(DATA))
import optimizer_cases as cases  # noqa: E402

META = json.loads((DATA / "mindspore_2_10_optimizer.json").read_text())
NPZ = np.load(DATA / "mindspore_2_10_optimizer.npz")


def _initial(case_id):
    """The case's arguments as float64 NumPy values (Parameters and Tensors) or numbers."""
    _, _, specs = cases.CASES[case_id]
    out = []
    for position, spec in enumerate(specs):
        if isinstance(spec, (cases.P, cases.A)):
            out.append(cases.array_of(spec, cases.seed_of(case_id, position)).astype(np.float64))
        elif isinstance(spec, cases.I):
            out.append(np.array(spec.values))
        elif isinstance(spec, cases.S):
            out.append(float(spec.value))
        else:
            out.append(spec)
    return out


def _rows(var, grad, indices):
    dense = np.zeros_like(var)
    np.add.at(dense, indices, grad)
    named = np.zeros(var.shape[0], bool)
    named[indices] = True
    return dense, named.reshape((-1,) + (1,) * (var.ndim - 1))


def ref_keras_momentum(case_id, attrs):
    var, accum, lr, grad, momentum = _initial(case_id)
    nesterov = attrs[1] if len(attrs) > 1 else False
    outs = []
    for _ in range(cases.STEPS):
        accum = accum * momentum - grad * lr
        var = var + (accum * momentum - grad * lr if nesterov else accum)
        outs.append([var, accum])
    return outs, [var, accum]


def ref_sparse_adadelta(case_id, attrs):
    var, accum, update_acc, lr, rho, grad, indices = _initial(case_id)
    eps = attrs[0]
    outs = []
    for _ in range(cases.STEPS):
        g, named = _rows(var, grad, indices)
        new_accum = rho * accum + (1 - rho) * g * g
        update = np.sqrt(update_acc + eps) * g / np.sqrt(new_accum + eps)
        new_var = var - update * lr
        new_update_acc = rho * update_acc + (1 - rho) * update * update
        var, accum, update_acc = (np.where(named, n, o) for n, o in ((new_var, var), (new_accum, accum),
                                                                      (new_update_acc, update_acc)))
        outs.append([var, accum, update_acc])
    return outs, [var, accum, update_acc]


def ref_sparse_ftrl_v2(case_id, attrs):
    var, accum, linear, grad, indices = _initial(case_id)
    lr, l1, l2, shrinkage, power = attrs
    outs = []
    for _ in range(cases.STEPS):
        g, named = _rows(var, grad, indices)
        new_accum = accum + g * g
        new_linear = linear + g + 2 * shrinkage * var - (new_accum ** -power - accum ** -power) / lr * var
        quadratic = new_accum ** -power / lr + 2 * l2
        new_var = np.where(np.abs(new_linear) > l1, (np.sign(new_linear) * l1 - new_linear) / quadratic, 0.0)
        var, accum, linear = (np.where(named, n, o) for n, o in ((new_var, var), (new_accum, accum),
                                                                  (new_linear, linear)))
        outs.append([var, accum, linear])
    return outs, [var, accum, linear]


def ref_sparse_proximal_adagrad(case_id, attrs):
    var, accum, lr, l1, l2, grad, indices = _initial(case_id)
    outs = []
    for _ in range(cases.STEPS):
        g, named = _rows(var, grad, indices)
        new_accum = accum + g * g
        prox = var - lr * g / np.sqrt(new_accum)
        new_var = np.sign(prox) / (1 + lr * l2) * np.maximum(np.abs(prox) - lr * l1, 0)
        var, accum = np.where(named, new_var, var), np.where(named, new_accum, accum)
        outs.append([var, accum])
    return outs, [var, accum]


def ref_fused_weight_scale_momentum(case_id, attrs):
    weight_decay, loss_scale, var, accum, lr, grad, momentum = _initial(case_id)
    outs = []
    for _ in range(cases.STEPS):
        accum = momentum * accum + grad / loss_scale + weight_decay * var
        var = var - lr * accum
        outs.append([var])
    return outs, [var, accum]


REFERENCES = {"ApplyKerasMomentum": ref_keras_momentum, "SparseApplyAdadelta": ref_sparse_adadelta,
              "SparseApplyFtrlV2": ref_sparse_ftrl_v2, "SparseApplyProximalAdagrad": ref_sparse_proximal_adagrad,
              "FusedWeightScaleApplyMomentum": ref_fused_weight_scale_momentum}


# MindSpore documents the outputs of these kernels as useless: its CPU kernels return whatever
# memory they reuse (zeros, or an earlier op's values), so only the Parameters they update, and
# the outputs' number, shapes and dtypes, are compared.
USELESS_OUTPUTS = ("FusedSparseAdam", "FusedSparseLazyAdam", "FusedSparseFtrl", "FusedSparseProximalAdagrad",
                   "FusedCastAdamWeightDecay", "FusedAdaFactor", "FusedAdaFactorWithGlobalNorm")


def assert_close(actual, expected, what, dtype):
    rtol = 1e-3 if dtype == "float16" else 2e-6
    actual = np.asarray(actual, np.float64)
    expected = np.asarray(expected, np.float64)
    assert actual.shape == expected.shape, f"{what}: shape {actual.shape}, expected {expected.shape}"
    scale = float(np.max(np.abs(expected))) if expected.size else 0.0
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=rtol * scale, err_msg=what)


def run(case_id):
    primitive, params, args = cases.build(sporax, case_id)
    steps = [primitive(*args) for _ in range(cases.STEPS)]
    return primitive, params, steps


@pytest.mark.parametrize("case_id", [c for c in cases.CASES if "error" not in META[c]])
def test_steps_match_mindspore(case_id):
    meta = META[case_id]
    primitive, params, steps = run(case_id)
    if meta.get("no_cpu_kernel"):
        name, attrs, _ = cases.CASES[case_id]
        outs, finals = REFERENCES[name](case_id, attrs)
        for step, (got, want) in enumerate(zip(steps, outs)):
            got = cases.flatten(sporax, got)
            assert len(got) == len(want)
            for i, (g, w) in enumerate(zip(got, want)):
                assert_close(g, w, f"{case_id} step {step} output {i} (float64 reference)", "float32")
        for i, (p, w) in enumerate(zip(params, finals)):
            assert_close(p.asnumpy(), w, f"{case_id} parameter {i} (float64 reference)", "float32")
        return
    assert repr(primitive) == meta["repr"]
    for step, out in enumerate(steps):
        assert isinstance(out, tuple) == meta["tuple"], f"{case_id}: tuple output {isinstance(out, tuple)}"
        got = cases.flatten(sporax, out)
        assert len(got) == meta["outputs"]
        for i, g in enumerate(got):
            assert str(g.dtype) == meta["dtypes"][i], f"{case_id} output {i} dtype {g.dtype}"
            if cases.CASES[case_id][0] in USELESS_OUTPUTS:
                assert g.shape == NPZ[f"{case_id}/step{step}/o{i}"].shape
                continue
            assert_close(g, NPZ[f"{case_id}/step{step}/o{i}"], f"{case_id} step {step} output {i}", meta["dtypes"][i])
    for i, p in enumerate(params):
        want = NPZ[f"{case_id}/param{i}"]
        assert_close(p.asnumpy(), want, f"{case_id} parameter {i}", str(want.dtype))


@pytest.mark.parametrize("case_id", [c for c in cases.CASES if "error" in META[c]])
def test_refuses_what_mindspore_refuses(case_id):
    """Same exception class as MindSpore, a message naming the op, the Parameters untouched."""
    primitive, params, args = cases.build(sporax, case_id)
    before = [p.asnumpy().copy() for p in params]
    with pytest.raises(getattr(__builtins__, META[case_id]["error"], None) or eval(META[case_id]["error"])) as info:
        primitive(*args)
    assert primitive.name in str(info.value)
    for p, b in zip(params, before):
        np.testing.assert_array_equal(p.asnumpy(), b)


def test_graph_mode_equals_eager():
    """A Cell holding the Parameters, compiled (GRAPH_MODE), updates them as PyNative does."""
    results = []
    for mode in (sporax.PYNATIVE_MODE, sporax.GRAPH_MODE):
        sporax.set_context(mode=mode)
        try:
            primitive, params, args = cases.build(sporax, "FusedSparseAdam_nesterov")

            class Step(sporax.nn.Cell):
                def __init__(self):
                    super().__init__()
                    self.params = sporax.ParameterTuple(params)

                def construct(self, grad):
                    call = list(args)
                    call[-2] = grad
                    out = primitive(*call)
                    return primitive(*call)[0] + 0 * out[0]

            step = Step()
            out = step(args[-2])
            results.append([out.asnumpy()] + [p.asnumpy() for p in params])
        finally:
            sporax.set_context(mode=sporax.PYNATIVE_MODE)
    for eager, graph in zip(*results):
        np.testing.assert_array_equal(eager, graph)


def _param(shape=(3, 2), dtype=np.float32, name="p"):
    return Parameter(Tensor(np.ones(shape, dtype)), name=name)


BAD = [
    (lambda: ops.ApplyAddSign()(np.ones((3, 2), np.float32), _param(), 0.1, 0.1, 0.1, 0.1,
                                Tensor(np.ones((3, 2), np.float32))), TypeError, "var"),
    (lambda: ops.ApplyAddSign()(_param(), _param(), 0.1, 0.1, 0.1, 0.1, Tensor(np.ones((2, 2), np.float32))),
     ValueError, "grad"),
    (lambda: ops.ApplyAddSign()(_param(), _param(), "a", 0.1, 0.1, 0.1, Tensor(np.ones((3, 2), np.float32))),
     TypeError, "lr"),
    (lambda: ops.ApplyAddSign()(_param(), _param(), Tensor(np.ones(2, np.float32)), 0.1, 0.1, 0.1,
                                Tensor(np.ones((3, 2), np.float32))), ValueError, "lr"),
    (lambda: ops.ApplyAdagradDA()(_param(), _param(), _param(), Tensor(np.ones((3, 2), np.float32)), 0.1, 0.1, 0.1,
                                  2.0), TypeError, "global_step"),
    (lambda: ops.SparseApplyAdagrad(0.1)(_param(), _param(), Tensor(np.ones((2, 2), np.float32)),
                                         Tensor(np.array([0.0, 1.0], np.float32))), TypeError, "indices"),
    (lambda: ops.SparseApplyAdagrad(0.1)(_param(), _param(), Tensor(np.ones((2, 2), np.float32)),
                                         Tensor(np.array([0, 1, 2], np.int32))), ValueError, "indices"),
    (lambda: ops.SparseApplyAdagrad(0.1)(_param(), _param(), Tensor(np.ones((2, 3), np.float32)),
                                         Tensor(np.array([0, 1], np.int32))), ValueError, "grad"),
    (lambda: ops.SparseApplyAdagrad(0.1)(_param(), _param((3, 3)), Tensor(np.ones((2, 2), np.float32)),
                                         Tensor(np.array([0, 1], np.int32))), ValueError, "accum"),
    (lambda: ops.FusedSparseAdam()(*[_param() for _ in range(3)], *[Tensor(np.float32(0.5))] * 6,
                                   Tensor(np.ones((2, 2), np.float32)), Tensor(np.array([0, 1], np.int64))),
     TypeError, "indices"),
    (lambda: ops.SparseApplyAdagrad(1), TypeError, "lr"),
    (lambda: ops.SparseApplyFtrl(-0.1, 0.0, 0.0, -0.5), ValueError, "lr"),
    (lambda: ops.SparseApplyFtrl(0.1, 0.0, 0.0, 0.5), ValueError, "lr_power"),
    (lambda: ops.SparseApplyFtrlV2(0.1, -1.0, 0.0, 0.0, -0.5), ValueError, "l1"),
    (lambda: ops.SparseApplyRMSProp(1.5, 0.1, 1e-6), ValueError, "rho"),
    (lambda: ops.SparseApplyRMSProp(0.5, -0.1, 1e-6), ValueError, "momentum"),
    (lambda: ops.SparseApplyAdadelta(-1.0), ValueError, "epsilon"),
    (lambda: ops.ApplyKerasMomentum(use_nesterov=1), TypeError, "use_nesterov"),
    (lambda: ops.ApplyAdamWithAmsgrad(beta1=1), TypeError, "beta1"),
    (lambda: ops.FusedAdaFactor(enable_weight_decay="yes"), TypeError, "enable_weight_decay"),
    (lambda: ops.ApplyAdagradDA()(_param(), _param(), _param(), Tensor(np.ones((3, 2), np.float32)),
                                  Tensor(np.int32(1)), 0.1, 0.1, 2), TypeError, "lr"),
    (lambda: ops.ApplyAdagradDA()(_param(), _param(), _param(), Tensor(np.ones((3, 2), np.float32)), 0.1, 0.1, 0.1,
                                  Tensor(np.int32([1, 2]))), ValueError, "global_step"),
    (lambda: _adafactor(Tensor(np.ones(3, np.float32))), ValueError, "epsilon"),
    (lambda: _adafactor((1e-30, "a")), TypeError, "epsilon"),
    (lambda: _adafactor((1e-30, 1e-3, 1e-3)), TypeError, "epsilon"),
]


def _adafactor(epsilon):
    return ops.FusedAdaFactor()(epsilon, 1.0, 0.9, 0.8, 1e-2, 0.03, Tensor(np.ones((3, 2), np.float32)),
                                *[_param(name=f"s{i}") for i in range(5)])


@pytest.mark.parametrize("make, error, argument", BAD, ids=[f"{i}-{b[2]}" for i, b in enumerate(BAD)])
def test_bad_input_names_op_and_argument(make, error, argument):
    with pytest.raises(error) as info:
        make()
    assert argument in str(info.value)
    assert "jax" not in str(info.value).lower()


def test_both_paths_and_side_effect_flags():
    from sporax.ops import operations as P

    for name in ("ApplyAdagradDA", "FusedSparseFtrl", "SparseApplyFtrlV2", "FusedAdaFactorWithGlobalNorm"):
        assert getattr(ops, name) is getattr(P, name)
    assert ops.SparseApplyProximalAdagrad().side_effect_mem
    # MindSpore's constructors set no side_effect_mem flag on these (their reprs show none).
    assert repr(ops.SparseApplyRMSProp(0.2, 0.1, 1e-6)) == \
        "Prim[SparseApplyRMSProp]<rho=0.2, momentum=0.1, epsilon=1e-06, use_locking=False>"
    assert repr(ops.SparseApplyAdadelta(1e-6)) == "Prim[SparseApplyAdadelta]<epsilon=1e-06, use_locking=False>"
    assert repr(ops.ApplyKerasMomentum()) == "Prim[ApplyKerasMomentum]<use_locking=False, use_nesterov=False>"
    assert repr(ops.FusedWeightScaleApplyMomentum()) == "Prim[FusedWeightScaleApplyMomentum]"
    assert repr(ops.SparseApplyFtrlV2(0.1, 0.0, 0.0, 0.0, -0.5)) == (
        "Prim[SparseApplyFtrlV2]<lr=0.1, l1=0.0, l2=0.0, l2_shrinkage=0.0, lr_power=-0.5, use_locking=False, "
        "side_effect_mem=True>")
