"""`mindspore.mutable`: make a constant argument of a compiled graph a variable input.

A compiled graph (`sporax.jit`, GRAPH_MODE Cells) takes Tensor arguments as inputs and every
other argument (a Python int, float, bool, tuple, list, dict) as a constant: part of the
signature, one compilation per value. `mutable(value)` returns the value as a marked subclass
(`int`, `float`, `bool`-like, `tuple`, `list`, `dict`) that behaves as the value outside
graphs; it is a JAX pytree whose leaves are arrays, so a graph takes it as an input: one
compilation serves every value of the same structure. Inside the graph a mutable scalar is a
0-d Tensor (int → Int64, float → Float32, bool → Bool, as `Tensor(value)` would be); a
mutable tuple/list/dict is a tuple/list/dict of them (and of its Tensors).

`dynamic_len=True` marks a tuple or list whose length may change between calls. MindSpore
then compiles once for all lengths; XLA programs have static shapes, so sporax compiles once
per length (each element is still a variable input).
"""
from __future__ import annotations

import jax
import numpy as np

from .tensor import Tensor

__all__ = ["mutable"]


class _Int(int):
    pass


class _Float(float):
    pass


class _Tuple(tuple):
    pass


class _List(list):
    pass


class _Dict(dict):
    pass


class _Bool(int):
    """A mutable bool (`bool` cannot be subclassed): an int that reports itself as a bool."""

    def __init__(self, value):
        self.value = bool(value)

    @property
    def __class__(self):
        return bool

    def __and__(self, x):
        return self.value & x

    def __rand__(self, x):
        return x & self.value

    def __or__(self, x):
        return self.value | x

    def __ror__(self, x):
        return x | self.value

    def __xor__(self, x):
        return self.value ^ x

    def __rxor__(self, x):
        return x ^ self.value

    def __str__(self):
        return str(self.value)

    def __repr__(self):
        return repr(self.value)


def _as_input(value):
    """An element of a mutable container, made mutable itself (Tensors stay Tensors)."""
    if isinstance(value, Tensor):
        return value
    if isinstance(value, bool):
        return _Bool(value)
    if isinstance(value, int):
        return _Int(value)
    if isinstance(value, float):
        return _Float(value)
    if isinstance(value, tuple):
        return _Tuple(value)
    if isinstance(value, list):
        return _List(value)
    return _Dict(value)


def _scalar_node(dtype):
    def flatten(value):
        return (Tensor(np.asarray(int(value) if dtype != np.float32 else float(value), dtype)),), None

    def unflatten(_, children):
        return children[0]
    return flatten, unflatten


for _cls, _dtype in ((_Int, np.int64), (_Float, np.float32), (_Bool, np.bool_)):
    jax.tree_util.register_pytree_node(_cls, *_scalar_node(_dtype))
jax.tree_util.register_pytree_node(_Tuple, lambda t: (tuple(_as_input(e) for e in t), None),
                                   lambda _, children: tuple(children))
jax.tree_util.register_pytree_node(_List, lambda t: (tuple(_as_input(e) for e in t), None),
                                   lambda _, children: list(children))
jax.tree_util.register_pytree_node(_Dict, lambda d: (tuple(_as_input(v) for v in d.values()), tuple(d)),
                                   lambda keys, children: dict(zip(keys, children)))


def _valid(value, seen) -> bool:
    if id(value) in seen:
        return False
    if isinstance(value, (tuple, list, dict)):
        seen.add(id(value))
        elements = value.values() if isinstance(value, dict) else value
        ok = all(_valid(element, seen) for element in elements)
        seen.discard(id(value))
        return ok
    return isinstance(value, (Tensor, int, float))


def mutable(input_data, dynamic_len=False):
    """Mark `input_data` (bool, int, float, Tensor, or a tuple/list/dict of them, nested, with no
    self-reference) as a variable input of compiled graphs; returns the marked value."""
    if not _valid(input_data, set()):
        raise TypeError(
            f"For 'mutable', the 'input_data' should be one of (bool, int, float, Tensor, tuple, list, dict) "
            f"or their nested structures with no self-reference, but got {type(input_data).__name__}: {input_data}.")
    if not isinstance(dynamic_len, bool):
        # MindSpore 2.10 names the type of input_data here, not of dynamic_len; kept as it is.
        raise TypeError(f"For 'mutable', the second input should be bool, but got: {type(input_data).__name__}")
    if dynamic_len and not isinstance(input_data, (tuple, list)):
        raise TypeError(f"For 'mutable', when the variable_len is True, the first input should be list or tuple, "
                        f"but got: {type(input_data).__name__}")
    ret = _as_input(input_data)
    setattr(ret, "__ms_mutable__", True)
    setattr(ret, "__ms_dynamic_len__", dynamic_len)
    setattr(ret, "__ms_origin_object__", input_data)
    return ret
