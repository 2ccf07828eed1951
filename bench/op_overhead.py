"""Per-op overhead in PYNATIVE_MODE: small ops, indexing, a layer that owns Parameters and an
optimizer primitive through sporax vs raw JAX (jitted and not), NumPy and torch, in one run.

    python bench/op_overhead.py
"""
from __future__ import annotations

import itertools
import time

import jax
import jax.numpy as jnp
import numpy as np

from sporax import Parameter, Tensor, nn, ops

try:
    import torch
except ImportError:
    torch = None


def per_call(fn, n=4000, rounds=5) -> float:
    """Microseconds per call: the best of `rounds` timings of `n` calls (timeit's min rule, so a
    load spike on a shared machine does not count)."""
    for _ in range(500):
        fn()
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        best = min(best, (time.perf_counter() - start) / n * 1e6)
    return best


def main():
    a_np = np.ones(16, np.float32)
    a, b = Tensor(a_np), Tensor(a_np)
    x = jnp.asarray(a_np)
    add, relu, matmul = ops.Add(), ops.ReLU(), ops.MatMul()
    m = Tensor(np.ones((4, 4), np.float32))
    jit_add, jit_relu = jax.jit(jnp.add), jax.jit(jax.nn.relu)
    rows = [
        ("add", per_call(lambda: add(a, b)), per_call(lambda: jit_add(x, x)), per_call(lambda: jnp.add(x, x)),
         per_call(lambda: np.add(a_np, a_np)), per_call(lambda: torch.add(ta, ta)) if torch else float("nan")),
        ("relu", per_call(lambda: relu(a)), per_call(lambda: jit_relu(x)), per_call(lambda: jax.nn.relu(x)),
         per_call(lambda: np.maximum(a_np, 0)), per_call(lambda: torch.relu(ta)) if torch else float("nan")),
        ("matmul 4x4", per_call(lambda: matmul(m, m)), per_call(lambda: jit_mm(xm, xm)), per_call(lambda: xm @ xm),
         per_call(lambda: mn @ mn), per_call(lambda: tm @ tm) if torch else float("nan")),
        ("Tensor +", per_call(lambda: a + b), float("nan"), float("nan"), float("nan"), float("nan")),
        # Indexing with the row changing every call, as in a loop over rows.
        ("m[i, 1:3]", per_call(lambda: m[next(row), 1:3]),
         per_call(lambda: jit_read(xm, next(row))), per_call(lambda: xm[next(row), 1:3]),
         per_call(lambda: mn[next(row), 1:3]), per_call(lambda: tm[next(row), 1:3]) if torch else float("nan")),
        ("m[i] = 1.0", per_call(lambda: m.__setitem__(next(row), 1.0)), per_call(lambda: jit_write(xm, next(row))),
         per_call(lambda: xm.at[next(row)].set(1.0)), per_call(lambda: mn_w.__setitem__(next(row), 1.0)),
         per_call(lambda: tm.__setitem__(next(row), 1.0)) if torch else float("nan")),
        # A layer that owns Parameters, and an optimizer primitive writing two of them.
        ("Dense 4x4", per_call(lambda: dense(m)), per_call(lambda: jit_dense(xm, w_j, b_j)),
         per_call(lambda: xm @ w_j.T + b_j), per_call(lambda: mn @ w_n.T + b_n),
         per_call(lambda: linear(tm)) if torch else float("nan")),
        ("momentum step", per_call(lambda: momentum(var, accum, lr, grad, moment)),
         per_call(lambda: jit_momentum(v_j, a_j, g_j)), per_call(lambda: eager_momentum(v_j, a_j, g_j)),
         per_call(lambda: numpy_momentum(v_n, a_n, g_n)),
         per_call(torch_sgd.step) if torch else float("nan")),
    ]
    print(f"{'op':12}{'sporax us':>11}{'jax.jit us':>12}{'jnp us':>9}{'numpy us':>10}{'torch us':>10}"
          f"{'sporax/jit':>12}{'sporax/torch':>14}")
    for name, ours, jit, eager, numpy_t, torch_t in rows:
        print(f"{name:12}{ours:11.2f}{jit:12.2f}{eager:9.2f}{numpy_t:10.2f}{torch_t:10.2f}{ours / jit:12.2f}"
              f"{ours / torch_t:14.2f}")


if torch is not None:
    ta = torch.ones(16)
    tm = torch.ones(4, 4)
mn = np.ones((4, 4), np.float32)
xm = jnp.asarray(mn)
jit_mm = jax.jit(jnp.matmul)
mn_w = mn.copy()
row = itertools.cycle(range(4))
dense = nn.Dense(4, 4)
w_n, b_n = dense.weight.asnumpy(), dense.bias.asnumpy()
w_j, b_j = jnp.asarray(w_n), jnp.asarray(b_n)
jit_dense = jax.jit(lambda x, w, b: x @ w.T + b)
momentum = ops.ApplyMomentum()
var, accum = Parameter(Tensor(np.ones(16, np.float32)), name="var"), Parameter(Tensor(np.zeros(16, np.float32)), name="accum")
lr, grad, moment = Tensor(np.float32(0.01)), Tensor(np.full(16, 0.1, np.float32)), Tensor(np.float32(0.9))
v_n, a_n, g_n = np.ones(16, np.float32), np.zeros(16, np.float32), np.full(16, 0.1, np.float32)
v_j, a_j, g_j = jnp.asarray(v_n), jnp.asarray(a_n), jnp.asarray(g_n)


def eager_momentum(v, a, g):
    a = a * 0.9 + g
    return v - 0.01 * a, a


def numpy_momentum(v, a, g):  # in place, as an optimizer updates its state
    np.multiply(a, 0.9, out=a)
    np.add(a, g, out=a)
    v -= 0.01 * a


jit_momentum = jax.jit(eager_momentum)
if torch is not None:
    linear = torch.nn.Linear(4, 4).requires_grad_(False)  # a forward without a tape, as sporax's
    t_param = torch.nn.Parameter(torch.ones(16))
    t_param.grad = torch.full((16,), 0.1)
    torch_sgd = torch.optim.SGD([t_param], lr=0.01, momentum=0.9)
jit_read = jax.jit(lambda x, i: x[i, 1:3])
jit_write = jax.jit(lambda x, i: x.at[i].set(1.0))

if __name__ == "__main__":
    main()
