"""The machinery of parallel training, below the layers that use it: layouts and the global
mesh (read by Parameter and the primitives), the planning trace (run by Cell), strategy files.
The public names live in `sporax.parallel`, which may use every layer."""
