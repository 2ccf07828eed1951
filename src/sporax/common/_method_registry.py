"""Where Tensor finds its operators and methods: they are ops, so `sporax.ops` registers
them here when it is imported (MindSpore's `tensor_operator_registry`, one layer down).

`operators.NAME` is the registered function; Tensor's methods call it, so every Tensor
operation is a Primitive run by the executor, seen by float status, graph tracing and
autodiff like any other op. `install(methods)` adds further methods to Tensor itself.
"""
from __future__ import annotations


class _Operators:
    def __getattr__(self, name):
        raise RuntimeError(f"Tensor operation '{name}' is not available: sporax.ops was not imported "
                           "(import sporax first).")


operators = _Operators()


def register(**functions) -> None:
    """Make each `name=function` the implementation of `operators.name`."""
    for name, function in functions.items():
        setattr(operators, name, function)


def install(cls, methods: dict) -> None:
    """Add `methods` ({name: function(self, ...)}) to `cls`, keeping the ones it defines itself."""
    for name, function in methods.items():
        if name not in cls.__dict__:
            setattr(cls, name, function)
