"""Rounding to float32 exactly as a reference computation would, from an approximation.

If the approximation y is within `bound` of the reference's double value, and y - bound and
y + bound round to the same float32, then so does the reference (rounding is monotone):
that float32 is exact. Otherwise the element is marked NaN, for the caller to recompute with
the reference itself. With bounds near 2^-44 relative, about one element in 2^19 is marked.
"""
from __future__ import annotations

import jax.numpy as jnp
import numpy as np
from jax import lax


def round_or_mark(y, bound):
    """float32(y) where the bound decides the rounding, else NaN (in JAX, elementwise)."""
    lo = (y - bound).astype(jnp.float32)
    hi = (y + bound).astype(jnp.float32)
    decided = (lax.bitcast_convert_type(lo, jnp.uint32) == lax.bitcast_convert_type(hi, jnp.uint32)) \
        & jnp.isfinite(y) & jnp.isfinite(bound)
    return jnp.where(decided, lo, jnp.float32(np.nan))

