"""Higher-order composites (`mindspore.ops.composite.base`): MultitypeFuncGraph (functions
overloaded by argument type), HyperMap and Map (a function applied across sequences),
partial and constexpr.

In MindSpore these are graph-compiler constructs; here they are Python dispatch that runs
before any primitive, so they behave the same in PYNATIVE_MODE and inside a compiled graph.
"""
from __future__ import annotations

import functools

from ..common.parameter import Parameter  # noqa: F401  (a Parameter is a "Tensor" below)
from ..common.tensor import Tensor
from ..common.sparse_tensor import COOTensor, CSRTensor, RowTensor
from .primitive import Primitive, constexpr  # noqa: F401  (MindSpore's composite re-exports it)

__all__ = ["MultitypeFuncGraph", "HyperMap", "Map", "Partial", "partial", "constexpr"]


class OpsArgumentError(TypeError, RuntimeError):
    """A wrong argument where MindSpore raises RuntimeError (its C++ binding refuses it); a
    TypeError too, since that is what it is."""


# MindSpore's type names and what each accepts (built once: every overloaded call asks).
_CHECKS = {
    "Tensor": lambda v: isinstance(v, Tensor),
    "Number": lambda v: isinstance(v, (int, float, complex)) and not isinstance(v, Tensor),
    "Bool": lambda v: isinstance(v, bool),
    "Int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "Float": lambda v: isinstance(v, float),
    "Tuple": lambda v: isinstance(v, tuple),
    "List": lambda v: isinstance(v, list),
    "Dictionary": lambda v: isinstance(v, dict),
    "String": lambda v: isinstance(v, str),
    "None": lambda v: v is None,
    "Function": callable,
    "Slice": lambda v: isinstance(v, slice),
    "RowTensor": lambda v: isinstance(v, RowTensor),
    "COOTensor": lambda v: isinstance(v, COOTensor),
    "CSRTensor": lambda v: isinstance(v, CSRTensor),
}


def _matches(type_name: str, value) -> bool:
    """Whether `value` is of MindSpore's type named `type_name` ("Tensor", "Number", ...)."""
    if isinstance(type_name, type):
        return isinstance(value, type_name)
    check = _CHECKS.get(type_name) if type_name.__class__ is str else None
    if check is None:
        name = getattr(type_name, "__name__", str(type_name))
        check = _CHECKS.get(name)
        if check is None:
            raise TypeError(f"For 'MultitypeFuncGraph', the type name {name!r} is unknown; expected one of "
                            f"{sorted(_CHECKS)}.")
    return check(value)


class MultitypeFuncGraph:
    """A function overloaded by the MindSpore types of its arguments.

        add = MultitypeFuncGraph('add')

        @add.register("Tensor", "Tensor")
        def _(x, y): ...

    A call runs the first registration whose types all match (most specific wins: an
    exact "Int"/"Float"/"Bool" registration is tried before "Number").
    """

    def __init__(self, name, read_value=False):
        if not isinstance(name, str):
            raise TypeError(f"For 'MultitypeFuncGraph', the 'name' must be a str, but got {type(name).__name__}.")
        self.name = name
        self.read_value = read_value
        self.entries: list = []
        # The registration chosen for each tuple of argument classes: every type name's check
        # depends on a value's class alone, and an optimizer calls one overload per Parameter
        self._chosen: dict = {}

    def register(self, *type_names):
        """Decorator: `fn` handles calls whose arguments have these types."""
        for t in type_names:
            _matches(t, None)  # validates the name

        def decorate(fn):
            if not callable(fn):
                raise TypeError(f"For 'MultitypeFuncGraph', the registered object must be callable, but got "
                                f"{type(fn).__name__}.")
            self.entries.append((tuple(type_names), fn))
            self.entries.sort(key=lambda entry: sum(1 for t in entry[0] if t in ("Number", "Function")))
            self._chosen.clear()
            return fn

        return decorate

    def __call__(self, *args):
        classes = tuple([a.__class__ for a in args])
        fn = self._chosen.get(classes)
        if fn is None:
            fn = self._chosen[classes] = self._choose(args)
        return fn(*args)

    def _choose(self, args):
        for types, fn in self.entries:
            if len(types) == len(args) and all(_matches(t, a) for t, a in zip(types, args)):
                return fn
        given = ", ".join(type(a).__name__ for a in args)
        registered = "; ".join("(" + ", ".join(map(str, t)) + ")" for t, _ in self.entries) or "none"
        raise TypeError(f"For 'MultitypeFuncGraph' {self.name!r}, no registered function matches the arguments "
                        f"({given}); registered: {registered}.")

    def __repr__(self):
        return f"MultitypeFuncGraph({self.name!r})"


def _apply_map(op, fn, args, reverse, deep):
    sequences = [a for a in args if isinstance(a, (tuple, list))]
    if not sequences:
        return fn(*args)
    if len(sequences) != len(args):
        raise TypeError(f"For '{op}', the inputs must be all sequences or all leaves, but got "
                        f"{[type(a).__name__ for a in args]}.")
    length = len(args[0])
    if any(len(a) != length for a in args):
        raise ValueError(f"For '{op}', the sequences must have the same length, but got "
                         f"{[len(a) for a in args]}.")
    order = range(length - 1, -1, -1) if reverse else range(length)
    results = {}
    for i in order:
        items = [a[i] for a in args]
        results[i] = _apply_map(op, fn, items, reverse, deep) if deep else fn(*items)
    out = [results[i] for i in range(length)]
    return tuple(out) if isinstance(args[0], tuple) else out


class HyperMap:
    """Applies `ops` to the leaves of nested tuples/lists (element by element, recursively).

    `HyperMap(fn)(xs, ys)` or `HyperMap()(fn, xs, ys)`; with `reverse` the elements are visited
    last first (the results keep their positions).
    """

    _deep = True

    def __init__(self, ops=None, reverse=False):
        if ops is not None and not isinstance(ops, MultitypeFuncGraph):
            raise OpsArgumentError(f"For '{type(self).__name__}', the 'ops' given at construction must be a "
                                   f"MultitypeFuncGraph or None, but got {type(ops).__name__}; pass a plain "
                                   "function as the first input of the call instead.")
        if not isinstance(reverse, bool):
            raise TypeError(f"For '{type(self).__name__}', the 'reverse' must be a bool, but got "
                            f"{type(reverse).__name__}.")
        self.ops = ops
        self.reverse = reverse

    def __call__(self, *args):
        fn = self.ops
        if fn is None:
            if not args or not callable(args[0]):
                raise TypeError(f"For '{type(self).__name__}', the first input must be the function to apply "
                                "when 'ops' is None.")
            fn, args = args[0], args[1:]
        if not args:
            raise TypeError(f"For '{type(self).__name__}', at least one input to map over is required.")
        return _apply_map(type(self).__name__, fn, args, self.reverse, self._deep)


class Map(HyperMap):
    """Applies `ops` across one level of tuples/lists (element by element)."""

    _deep = False


class Partial(Primitive):
    """`Partial()(fn, *args)`: `fn` with its leading arguments fixed, partial(fn, a)(b) == fn(a, b).
    `ops.partial` is an instance, as in MindSpore."""

    def __init__(self):
        super().__init__("Partial")
        self.add_prim_attr("side_effect_propagate", 1)

    def __call__(self, *args):
        if not args or not callable(args[0]):
            raise TypeError(f"For 'Partial', the first input must be callable, but got "
                            f"{type(args[0]).__name__ if args else 'nothing'}.")
        return functools.partial(*args)


partial = Partial()


