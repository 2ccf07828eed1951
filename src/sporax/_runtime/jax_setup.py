"""JAX settings sporax needs before any array exists.

MindSpore has real Int64 and Float64 (`Tensor(np.arange(3))` is Int64), so JAX's x64 mode
is on; every sporax operation passes explicit dtypes, so Float32 stays Float32.
"""
import jax

jax.config.update("jax_enable_x64", True)
