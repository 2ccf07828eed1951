"""`mindspore.nn.utils.no_init_parameters`: build a network without materialising its
initializer-made Parameters, so a checkpoint can fill them first.

In sporax a Parameter made from an Initializer is lazy in every mode (DESIGN.md, contract 1):
it holds no data until its value is needed, `load_checkpoint` writes straight into it, and
`Cell.init_parameters_data()` or the first run materialises what is left. So inside this
context Parameters behave as MindSpore documents (`has_init` stays True until a checkpoint or
`init_parameters_data()`); the context also sets the class attribute `Parameter.init_param`
to False, as MindSpore does, for code that reads it. Parameters made from a Tensor or NumPy
value hold their data already, here as in MindSpore.
"""
from __future__ import annotations

from contextlib import contextmanager

from ...common.parameter import Parameter

__all__ = ["no_init_parameters"]


@contextmanager
def no_init_parameters():
    """Within the block, `Parameter.init_param` is False; afterwards True (MindSpore's value
    after the context; a nested block leaves it False until the outer one ends)."""
    outer = getattr(Parameter, "init_param", True)
    Parameter.init_param = False
    try:
        yield
    finally:
        Parameter.init_param = outer
