"""Optimizer-update Primitive cases shared by the generator (real MindSpore 2.10,
`make_optimizer_outputs.py`, run by hand) and the test (`tests/ops/test_prim1_optimizer_ops.py`).

A case is framework-neutral: a Primitive by name with constructor arguments, and its call
arguments as specs: `P(shape, values)` a Parameter (updated in place), `A(shape, values)` a
Tensor, `I(values)` an int32 index Tensor, `S(value)` a 0-D Tensor, numbers as they are.
Each case is called STEPS times on the same Parameters; the fixture holds every output of
every step and the Parameters' final values.
"""
from __future__ import annotations

import dataclasses
import zlib

import numpy as np

STEPS = 2


@dataclasses.dataclass(frozen=True)
class P:
    shape: tuple
    values: str = "normal"
    dtype: str = "float32"


@dataclasses.dataclass(frozen=True)
class A:
    shape: tuple
    values: str = "normal"
    dtype: str = "float32"


@dataclasses.dataclass(frozen=True)
class I:  # noqa: E742 - index tensor
    values: tuple
    dtype: str = "int32"


@dataclasses.dataclass(frozen=True)
class S:
    value: float
    dtype: str = "float32"


def array_of(spec, seed):
    rng = np.random.default_rng(seed)
    if spec.values == "normal":
        data = rng.standard_normal(spec.shape)
    elif spec.values == "positive":
        data = rng.uniform(0.1, 2.0, spec.shape)
    elif spec.values == "zeros":
        data = np.zeros(spec.shape)
    else:
        raise ValueError(spec.values)
    return data.astype(spec.dtype)


V = (3, 2)  # the variable's shape
G2 = (2, 2)  # a sparse gradient for two rows of it
ROWS = I((2, 0))
PERM = I((2, 0, 1))
W = (2, 3, 2)  # an AdaFactor weight
CASES = {
    "ApplyAdagradDA": ("ApplyAdagradDA", (), [P(V), P(V, "zeros"), P(V, "positive"), A(V), S(0.1), S(0.01), S(0.02),
                                             S(2, "int32")]),
    "ApplyAdagradDA_no_l1": ("ApplyAdagradDA", (), [P(V), P(V), P(V, "positive"), A(V), 0.05, 0.0, 0.1, 3]),
    "ApplyAdamWithAmsgrad": ("ApplyAdamWithAmsgrad", (0.9, 0.999, 1e-8), [P(V), P(V), P(V, "positive"),
                             P(V, "positive"), S(0.81), S(0.998), S(0.01), A(V)]),
    "ApplyAdamWithAmsgrad_beta": ("ApplyAdamWithAmsgrad", (0.5, 0.7, 1e-3), [P(V), P(V, "zeros"), P(V, "zeros"),
                                  P(V, "zeros"), 0.25, 0.49, 0.1, A(V)]),
    "ApplyAddSign": ("ApplyAddSign", (), [P(V), P(V), S(0.001), S(1.0), S(0.99), S(0.9), A(V)]),
    "ApplyAddSign_numbers": ("ApplyAddSign", (), [P(V), P(V), 0.01, 0.5, 0.3, 0.8, A(V)]),
    "ApplyKerasMomentum": ("ApplyKerasMomentum", (), [P(V), P(V), S(0.01), A(V), S(0.9)]),
    "ApplyKerasMomentum_nesterov": ("ApplyKerasMomentum", (False, True), [P(V), P(V), 0.05, A(V), 0.8]),
    "ApplyPowerSign": ("ApplyPowerSign", (), [P(V), P(V), S(0.001), S(np.e), S(0.99), S(0.9), A(V)]),
    "ApplyPowerSign_numbers": ("ApplyPowerSign", (), [P(V), P(V), 0.01, 2.0, 0.5, 0.7, A(V)]),
    "ApplyProximalGradientDescent": ("ApplyProximalGradientDescent", (), [P(V), S(0.01), S(0.1), S(0.1), A(V)]),
    "ApplyProximalGradientDescent_l1": ("ApplyProximalGradientDescent", (), [P(V), 0.3, 0.5, 0.2, A(V)]),
    "FusedSparseAdam": ("FusedSparseAdam", (), [P(V), P(V), P(V, "positive"), S(0.9), S(0.999), S(0.001), S(0.9),
                                               S(0.999), S(1e-8), A(G2), ROWS]),
    "FusedSparseAdam_nesterov": ("FusedSparseAdam", (False, True), [P(V), P(V), P(V, "positive"), S(0.5), S(0.7),
                                 S(0.1), S(0.5), S(0.7), S(1e-3), A((3, 2)), PERM]),
    "FusedSparseLazyAdam": ("FusedSparseLazyAdam", (), [P(V), P(V), P(V, "positive"), S(0.9), S(0.999), S(0.001),
                                                       S(0.9), S(0.999), S(1e-8), A(G2), ROWS]),
    "FusedSparseLazyAdam_nesterov": ("FusedSparseLazyAdam", (False, True), [P(V), P(V), P(V, "positive"), S(0.5),
                                     S(0.7), S(0.1), S(0.5), S(0.7), S(1e-3), A((3, 2)), I((1, 1, 0))]),
    "FusedSparseFtrl": ("FusedSparseFtrl", (0.01, 0.0, 0.0, -0.5), [P(V), P(V, "positive"), P(V), A(G2), ROWS]),
    "FusedSparseFtrl_l1_l2": ("FusedSparseFtrl", (0.1, 0.05, 0.02, -0.3), [P(V), P(V, "positive"), P(V),
                              A((3, 2)), I((1, 1, 2))]),
    "FusedSparseProximalAdagrad": ("FusedSparseProximalAdagrad", (), [P(V), P(V, "positive"), S(0.01), S(0.0),
                                   S(0.0), A(G2), ROWS]),
    "FusedSparseProximalAdagrad_l1": ("FusedSparseProximalAdagrad", (), [P(V), P(V, "positive"), S(0.3), S(0.1),
                                      S(0.2), A((3, 2)), I((0, 0, 1))]),
    # SparseApplyAdadelta and SparseApplyRMSProp: MindSpore 2.10 requires grad of the variable's shape.
    "SparseApplyAdadelta": ("SparseApplyAdadelta", (1e-6,), [P(V), P(V, "positive"), P(V, "positive"), S(0.5),
                            S(0.9), A(V), PERM]),
    "SparseApplyAdadelta_numbers": ("SparseApplyAdadelta", (0.01,), [P(V), P(V, "positive"), P(V, "positive"), 1.0,
                                    0.5, A(V), PERM]),
    "SparseApplyAdagrad": ("SparseApplyAdagrad", (0.1,), [P(V), P(V, "positive"), A(G2), ROWS]),
    "SparseApplyAdagrad_no_slots": ("SparseApplyAdagrad", (0.1, False), [P(V), P(V, "positive"), A(G2), ROWS]),
    "SparseApplyAdagradV2": ("SparseApplyAdagradV2", (0.01, 0.001), [P(V), P(V, "positive"), A(G2), ROWS]),
    "SparseApplyAdagradV2_no_slots": ("SparseApplyAdagradV2", (0.1, 0.01, False, False), [P(V), P(V, "positive"),
                                      A(G2), ROWS]),
    "SparseApplyFtrl": ("SparseApplyFtrl", (0.01, 0.0, 0.0, -0.5), [P(V), P(V, "positive"), P(V), A(G2), ROWS]),
    "SparseApplyFtrl_l1_l2": ("SparseApplyFtrl", (0.1, 0.05, 0.02, -0.3), [P(V), P(V, "positive"), P(V), A(G2),
                              ROWS]),
    "SparseApplyFtrlV2": ("SparseApplyFtrlV2", (0.01, 0.0, 0.0, 0.0, -0.5), [P(V), P(V, "positive"), P(V), A(G2),
                          ROWS]),
    "SparseApplyFtrlV2_shrinkage": ("SparseApplyFtrlV2", (0.1, 0.05, 0.02, 0.1, -0.3), [P(V), P(V, "positive"), P(V),
                                    A(G2), ROWS]),
    "SparseApplyProximalAdagrad": ("SparseApplyProximalAdagrad", (), [P(V), P(V, "positive"), S(0.01), S(0.0),
                                   S(0.0), A(G2), ROWS]),
    "SparseApplyProximalAdagrad_l1": ("SparseApplyProximalAdagrad", (), [P(V), P(V, "positive"), 0.3, 0.1, 0.2,
                                      A(G2), ROWS]),
    "SparseApplyRMSProp": ("SparseApplyRMSProp", (0.2, 0.01, 1e-6), [P(V), P(V, "positive"), P(V), S(0.01), A(V),
                           PERM]),
    "SparseApplyRMSProp_numbers": ("SparseApplyRMSProp", (0.9, 0.5, 1e-3), [P(V), P(V, "positive"), P(V), 0.1,
                                   A(V), PERM]),
    "FusedCastAdamWeightDecay": ("FusedCastAdamWeightDecay", (), [P(V), P(V), P(V, "positive"), 0.01, 0.9, 0.999,
                                 1e-8, 0.01, A(V), 1.0]),
    "FusedCastAdamWeightDecay_fp16": ("FusedCastAdamWeightDecay", (), [P(V, "normal", "float16"), P(V),
                                      P(V, "positive"), 0.1, 0.5, 0.7, 1e-3, 0.0, A(V, "normal", "float16"), 2.0]),
    "FusedAdaFactor": ("FusedAdaFactor", (), [(1e-30, 1e-3), 1.0, 0.9, 0.8, 1e-2, 0.03, A(W), P(W), P(W, "zeros"),
                       P((2, 3), "zeros"), P((2, 2), "zeros"), P(W, "zeros")]),
    "FusedAdaFactor_all": ("FusedAdaFactor", (True, True, True), [(1e-30, 1e-3), 1.0, 0.9, 0.8, 1e-2, 0.03, A(W),
                           P(W), P(W), P((2, 3), "positive"), P((2, 2), "positive"), P(W, "positive")]),
    "FusedAdaFactor_vector": ("FusedAdaFactor", (True, False, True), [(1e-30, 1e-3), 0.5, 0.9, 0.8, 1e-2, 0.1,
                              A((4,)), P((4,)), P((4,), "zeros"), P((1,), "zeros"), P((1,), "zeros"),
                              P((4,), "positive")]),
    "FusedAdaFactorWithGlobalNorm": ("FusedAdaFactorWithGlobalNorm", (True, True, False), [(1e-30, 1e-3), 1.0, 0.9,
                                     0.8, 1e-2, 0.03, A(W), P(W), P(W), P((2, 3), "positive"), P((2, 2), "positive"),
                                     P(W, "positive"), 4.0]),
    "FusedWeightScaleApplyMomentum": ("FusedWeightScaleApplyMomentum", (), [S(0.01), S(2.0), P(V), P(V), S(0.1),
                                      A(V), S(0.9)]),
}


def seed_of(case_id, position):
    return zlib.crc32(f"{case_id}|{position}".encode())


def build(fw, case_id):
    """(primitive, Parameters, call arguments) of one case under framework `fw`."""
    name, init, specs = CASES[case_id]
    primitive = getattr(fw.ops, name)(*init)
    params, args = [], []
    for position, spec in enumerate(specs):
        if isinstance(spec, P):
            value = fw.Parameter(fw.Tensor(array_of(spec, seed_of(case_id, position))), name=f"p{position}")
            params.append(value)
        elif isinstance(spec, A):
            value = fw.Tensor(array_of(spec, seed_of(case_id, position)))
        elif isinstance(spec, I):
            value = fw.Tensor(np.array(spec.values, spec.dtype))
        elif isinstance(spec, S):
            value = fw.Tensor(np.array(spec.value, spec.dtype))
        else:
            value = spec
        args.append(value)
    return primitive, params, args


def flatten(fw, out):
    """Every Tensor of an output, in order, as NumPy arrays (copies: MindSpore's asnumpy may
    share the memory that the next step overwrites)."""
    if isinstance(out, (tuple, list)):
        return [a for o in out for a in flatten(fw, o)]
    return [np.array(out.asnumpy(), copy=True)]
