"""`jax.scipy.special` functions, looked up when first called.

JAX loads `jax.scipy.special` on first attribute access (its lazy loader); reading
`jax.scipy.special.erf` while a primitive class is defined would load it, ~5 ms of
`import sporax` (issue 15: at most 1.2x `import jax`) that most programs never use.
"""
from __future__ import annotations

import jax


def special(name: str):
    """A function that calls `jax.scipy.special.<name>` with its arguments (the same values,
    the same tracing: it adds nothing but the deferred lookup)."""
    def call(*args, **kwargs):
        return getattr(jax.scipy.special, name)(*args, **kwargs)
    call.__name__ = call.__qualname__ = name
    return call
