"""Optimizer primitives given their hyperparameters as Python numbers keep the variable's dtype,
eager and compiled alike.

A number is taken in the variable's dtype. Held as a NumPy 0-D array it would not stay there
under NumPy 1.x (CI's lowest versions): NumPy 1.x treats a 0-D array as a scalar, so
`1 - np.asarray(0.9, np.float32)` is float64 and a compiled ApplyRMSProp returned float64 and
float32 Parameters were written float64 values."""
from __future__ import annotations

import numpy as np
import pytest

import sporax
from sporax import Parameter, Tensor, ops

SHAPE = (3, 2)

# (primitive, its arguments): "P" a Parameter, "G" the gradient (a Tensor argument of the
# compiled function), a number a Python number hyperparameter.
CASES = {
    "ApplyRMSProp": (ops.ApplyRMSProp, ("P", "P+", "P", 0.01, "G", 0.9, 0.5, 1e-6)),
    "ApplyCenteredRMSProp": (ops.ApplyCenteredRMSProp, ("P", "P", "P+", "P", "G", 0.01, 0.9, 0.5, 1e-6)),
    "ApplyProximalAdagrad": (ops.ApplyProximalAdagrad, ("P", "P+", 0.01, 0.1, 0.2, "G")),
    "ApplyAdaMax": (ops.ApplyAdaMax, ("P", "P", "P+", 0.9, 0.01, 0.9, 0.999, 1e-8, "G")),
    "ApplyAdadelta": (ops.ApplyAdadelta, ("P", "P+", "P+", 0.01, 0.9, 1e-6, "G")),
    "ApplyAdagradV2": (lambda: ops.ApplyAdagradV2(1e-6), ("P", "P+", 0.01, "G")),
    "ApplyAdamWithAmsgradV2": (ops.ApplyAdamWithAmsgradV2, ("P", "P", "P+", "P+", 0.9, 0.999, 0.01, 0.9, 0.999,
                                                            1e-8, "G")),
    "AdamNoUpdateParam": (ops.AdamNoUpdateParam, ("P", "P+", 0.9, 0.999, 0.01, 0.9, 0.999, 1e-8, "G")),
    "ApplyMomentum": (ops.ApplyMomentum, ("P", "P", 0.01, "G", 0.9)),
    "ApplyGradientDescent": (ops.ApplyGradientDescent, ("P", 0.01, "G")),
    "Adam": (ops.Adam, ("P", "P", "P+", 0.9, 0.999, 0.01, 0.9, 0.999, 1e-8, "G")),
    "ApplyAddSign": (ops.ApplyAddSign, ("P", "P", 0.01, 1.0, 0.99, 0.9, "G")),
    "ApplyPowerSign": (ops.ApplyPowerSign, ("P", "P", 0.01, 2.718, 0.99, 0.9, "G")),
    "ApplyProximalGradientDescent": (ops.ApplyProximalGradientDescent, ("P", 0.01, 0.1, 0.2, "G")),
}


def _arguments(specs, dtype):
    rng = np.random.default_rng(7)
    args, grad, params = [], None, []
    for i, spec in enumerate(specs):
        if spec in ("P", "P+"):
            values = rng.uniform(0.1, 1.0, SHAPE) if spec == "P+" else rng.uniform(-1.0, 1.0, SHAPE)
            p = Parameter(Tensor(values.astype(dtype)), name=f"p{i}")
            params.append(p)
            args.append(p)
        elif spec == "G":
            grad = Tensor(rng.uniform(-1.0, 1.0, SHAPE).astype(dtype))
            args.append(grad)
        else:
            args.append(spec)
    return args, grad, params


def _arrays(result):
    if isinstance(result, (tuple, list)):
        return [a for r in result for a in _arrays(r)]
    return [result.asnumpy()] if isinstance(result, Tensor) else []


# MindSpore's AdamNoUpdateParam takes float32 only.
PAIRS = [(n, d) for n in sorted(CASES) for d in (np.float32, np.float16) if (n, d) != ("AdamNoUpdateParam", np.float16)]


@pytest.mark.parametrize("name, dtype", PAIRS)
def test_number_hyperparameters_keep_the_variable_dtype_in_graph_mode(name, dtype):
    make, specs = CASES[name]
    args, grad, params = _arguments(specs, dtype)
    eager = _arrays(make()(*args)) + [p.asnumpy() for p in params]

    args, grad, params = _arguments(specs, dtype)  # the same initial values, fresh Parameters
    position = specs.index("G")
    primitive = make()

    def step(g):
        call = list(args)
        call[position] = g
        return primitive(*call)

    graph = _arrays(sporax.jit(step)(grad)) + [p.asnumpy() for p in params]
    assert [a.dtype for a in graph] == [np.dtype(dtype)] * len(graph)
    assert [a.dtype for a in eager] == [np.dtype(dtype)] * len(eager)
    for e, g in zip(eager, graph):
        np.testing.assert_allclose(g, e, rtol=1e-3 if dtype == np.float16 else 1e-6, atol=0)
