"""Piecewise-linear activations whose gradient at the kinks is MindSpore's (its *Grad kernels).

JAX differentiates `min(max(x, 0), 6)` with gradient 0 at x == 6 and `clip` with 1/2 at a
bound; MindSpore's kernels decide each kink one way:
- ReLU6Grad: dy where 0 < x <= 6, else 0 (1 at x == 6, 0 at x == 0);
- HSigmoidGrad: dy/6 where -3 < x < 3, else 0;
- HSwishGrad: 0 where x < -3, dy where x > 3, dy·(2x + 3)/6 on [-3, 3] (both bounds included).
The forward values are JAX's own.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp


def _where(mask, value, like):
    return jnp.where(mask, value, jnp.zeros_like(like))


@jax.custom_jvp
def relu6(x):
    return jax.nn.relu6(x)


@relu6.defjvp
def _relu6_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    return relu6(x), _where((x > 0) & (x <= 6), t, t)


@jax.custom_jvp
def hsigmoid(x):
    return jnp.clip(x + 3, 0, 6) / 6


@hsigmoid.defjvp
def _hsigmoid_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    return hsigmoid(x), _where((x > -3) & (x < 3), t / 6, t)


@jax.custom_jvp
def hswish(x):
    return x * jnp.clip(x + 3, 0, 6) / 6


@hswish.defjvp
def _hswish_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    slope = jnp.where(x > 3, jnp.ones_like(x), jnp.where(x < -3, jnp.zeros_like(x), (2 * x + 3) / 6))
    return hswish(x), t * slope.astype(t.dtype)
