"""Primitive: the unit of computation (`mindspore.ops.Primitive`).

A primitive is one pure JAX implementation (`_compute`) plus attributes, including the
side-effect flags `side_effect_mem` (writes a Parameter) and `side_effect_io` (prints).
The executor decides when it runs: now (PyNative, cached jitted kernel) or inside a traced
graph. Arguments that are Tensors become arrays; the rest are static.
"""
from __future__ import annotations

import copy
import functools
import inspect

import jax
import numpy as np

from .._runtime import call_replay, executor
from ..common.tensor import Tensor
from .._parallel.strategy import check_strategy
from . import _call_cache, _strategy

__all__ = ["Primitive", "PrimitiveWithInfer", "prim_attr_register", "constexpr"]


_PLAIN = frozenset({int, float, bool, str, type(None)})
# Attribute types `_hashable` returns unchanged (a tuple as a whole, as it does).
_AS_THEY_ARE = _PLAIN | {tuple}


def _hashable(value):
    if type(value) in _PLAIN:  # most attributes; skip the isinstance chain
        return value
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, np.ndarray):
        return ("ndarray", value.dtype.str, value.shape, value.tobytes())
    return value


def _to_array(value):
    """Tensors and NumPy arrays become jax arrays; everything else is static."""
    if value.__class__ is Tensor:  # the common case: a plain Tensor holding an array
        data = value._data
        return data if data.__class__ in _ARRAY_TYPES else value._value()
    if isinstance(value, Tensor):
        return value._value()
    if type(value) in _PLAIN:  # a number, a string, None: static as it is
        return value
    if isinstance(value, np.ndarray):
        return jax.numpy.asarray(value)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, Tensor) for v in value):
        return tuple(v._value() for v in value)
    if isinstance(value, list):
        return tuple(value)
    return value


# Types known to be arrays or tracers: `_wrap` runs on every eager result, and isinstance
# against the jax.Array ABC costs more than a set lookup.
_ARRAY_TYPES: set = set()
_new_object = object.__new__


def _is_array_tuple(value) -> bool:
    """A tuple of arrays (Concat's, Stack's input): its arrays become kernel inputs."""
    if not isinstance(value, tuple) or not value or type(value[0]) in _PLAIN:  # a shape, an axis list: no
        return False
    return all(isinstance(v, (jax.Array, jax.core.Tracer)) for v in value)


def _wrap(result):
    if result.__class__ in _ARRAY_TYPES:  # Tensor._wrap, inlined: every eager result comes here
        tensor = _new_object(Tensor)
        tensor._data = result
        return tensor
    if isinstance(result, (jax.Array, jax.core.Tracer)):
        _ARRAY_TYPES.add(type(result))
        return Tensor._wrap(result)
    if isinstance(result, tuple):
        return tuple(_wrap(r) for r in result)
    if isinstance(result, list):
        return [_wrap(r) for r in result]
    return result


class Primitive:
    """Base class of primitives. Subclasses implement `_compute(*args)` in JAX."""

    # Whether PyNative runs `_compute` through a cached jax.jit kernel.
    _jit = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # A primitive's own __call__ (argument checks before the dispatch) is replayed per
        # signature (`_call_cache`); the base one below is already only the dispatch.
        own = cls.__dict__.get("__call__")
        if own is not None and not hasattr(own, "__wrapped__"):
            cls.__call__ = _call_cache.cached(own, per_instance=True)

    def __init__(self, name: str | None = None):
        self.name = name or type(self).__name__
        self.attrs: dict = {}
        self._key = None

    def __getattr__(self, name):
        # MindSpore sets each primitive attribute on the instance too (a custom primitive's
        # __call__ reads `self.factor`): an attribute not found otherwise is looked up there.
        attrs = self.__dict__.get("attrs")
        if attrs is not None and name in attrs:
            return attrs[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def add_prim_attr(self, name: str, value):
        """Set attribute `name`; returns self, as MindSpore's does."""
        self.attrs[name] = value
        self._key = None
        self.__dict__.pop("_replays", None)  # recorded calls used the old attributes
        return self

    def del_prim_attr(self, name: str):
        self.attrs.pop(name, None)
        self._key = None
        self.__dict__.pop("_replays", None)
        return self

    def init_attrs(self):
        return self.attrs

    @property
    def side_effect_mem(self) -> bool:
        return bool(self.attrs.get("side_effect_mem", False))

    @property
    def side_effect_io(self) -> bool:
        return bool(self.attrs.get("side_effect_io", False))

    def _kernel_key(self):
        """What identifies this primitive's kernel: its class and attributes (computed once
        per attribute change: it is on every eager call's path)."""
        key = self.__dict__.get("_key")
        if key is None:
            attrs = self.attrs
            if set(map(type, attrs.values())) <= _AS_THEY_ARE:  # nothing to convert: most primitives
                key = self._key = (type(self), tuple(attrs.items()))
            else:
                key = self._key = (type(self), tuple([(k, _hashable(v)) for k, v in attrs.items()]))
        return key

    def _kernel_copy(self):
        """This primitive as it is now, for a kernel kept under its present `_kernel_key`."""
        frozen = copy.copy(self)
        attrs = self.__dict__.get("attrs")
        if attrs is not None:
            frozen.attrs = dict(attrs)
        frozen.__dict__.pop("_replays", None)
        return frozen

    def shard(self, in_strategy=None, out_strategy=None, **kwargs):
        """Set the operator's parallel strategies (SEMI_AUTO_PARALLEL): one tuple of split counts
        (or a Layout) per tensor input, and optionally per output. Returns self."""
        if kwargs:
            raise TypeError(f"For '{self.name}.shard', unexpected keyword arguments {sorted(kwargs)}.")
        check_strategy(self.name, "in_strategy", in_strategy)
        check_strategy(self.name, "out_strategy", out_strategy)
        if in_strategy is not None:
            self.add_prim_attr("in_strategy", in_strategy)
        if out_strategy is not None:
            self.add_prim_attr("out_strategy", out_strategy)
        return self

    def _compute(self, *args):
        raise NotImplementedError(f"{self.name} has no implementation.")

    def __call__(self, *args):
        return _wrap(self._dispatch(tuple(map(_to_array, args))))

    def _dispatch(self, arrays):
        """Run through the executor; tuples of arrays (Concat, Stack) stay dynamic."""
        if tuple not in map(type, arrays) or not any(map(_is_array_tuple, arrays)):
            attrs = self.attrs
            if "in_strategy" not in attrs and "out_strategy" not in attrs:  # no strategy: nothing to prepare
                return executor.run(self, arrays)
            call_replay.refuse("is sharded")  # placing the arrays on the mesh happens eagerly only
            return executor.run(_strategy.prepare(self, arrays), arrays)
        flat, structure = [], []
        for a in arrays:
            if _is_array_tuple(a):
                structure.append(("tuple", len(a)))
                flat.extend(a)
            else:
                structure.append(("one", 1))
                flat.append(a)
        return executor.run(_Regrouped(self, tuple(structure)), tuple(flat))

    def __repr__(self) -> str:
        # Side-effect flags come last, where MindSpore's constructors add them.
        ordered = sorted(self.attrs.items(), key=lambda kv: kv[0].startswith("side_effect"))
        attrs = ", ".join(f"{k}={v}" for k, v in ordered)
        return f"Prim[{self.name}]" + (f"<{attrs}>" if attrs else "")


class _Regrouped:
    """Presents a primitive whose tuple arguments were flattened for the executor."""

    _jit = True

    def __init__(self, prim, structure):
        self.prim = prim
        self.structure = structure

    def _kernel_key(self):
        return (self.prim._kernel_key(), self.structure)

    def _kernel_copy(self):
        return _Regrouped(self.prim._kernel_copy(), self.structure)

    def _compute(self, *flat):
        args, i = [], 0
        for kind, n in self.structure:
            args.append(tuple(flat[i:i + n]) if kind == "tuple" else flat[i])
            i += n
        return self.prim._compute(*args)


PrimitiveWithInfer = Primitive


def prim_attr_register(init):
    """Decorator for `__init__`: records every constructor argument as a primitive attribute.

    The signature is read on the first construction, not here: ~180 primitive classes are
    decorated while `import sporax` runs, and reading each signature then was a few percent
    of the import (issue 15); a class never built never pays for it."""
    binding = None  # (signature, names, defaults, plain), on the first construction

    # Whether a call binds by hand depends only on how many arguments are positional and
    # which are named: decided once per such call shape.
    by_hand: dict = {}

    def read_signature():
        nonlocal binding
        signature = inspect.signature(init)
        parameters = list(signature.parameters.values())[1:]
        binding = (signature, tuple(p.name for p in parameters),
                   {p.name: p.default for p in parameters if p.default is not p.empty},
                   all(p.kind is p.POSITIONAL_OR_KEYWORD for p in parameters))
        return binding

    def binds_by_hand(names, defaults, plain, count, keywords) -> bool:
        positional = names[:count]
        return (plain and count <= len(names) and all(k in names and k not in positional for k in keywords)
                and all(n in keywords or n in defaults for n in names[count:]))

    def bound_attributes(self, args, kwargs) -> dict:
        # Functional ops build a primitive on every call, so binding is on the eager path:
        # plain signatures bind by hand (a third of a small op's time went to inspect's
        # general binder); anything else, and every mistake, goes through inspect, which
        # also words the TypeError.
        signature, names, defaults, plain = binding or read_signature()
        shape = (len(args), tuple(kwargs))
        fits = by_hand.get(shape)
        if fits is None:
            fits = by_hand[shape] = binds_by_hand(names, defaults, plain, *shape)
        if fits:
            values = dict(zip(names, args))
            for n in names[len(args):]:
                values[n] = kwargs[n] if n in kwargs else defaults[n]
            return values
        bound = signature.bind(self, *args, **kwargs)
        bound.apply_defaults()
        return dict(list(bound.arguments.items())[1:])

    @functools.wraps(init)
    def wrapper(self, *args, **kwargs):
        Primitive.__init__(self, type(self).__name__)
        # As add_prim_attr for each, in one step (no key has been computed yet).
        self.attrs.update(bound_attributes(self, args, kwargs))
        init(self, *args, **kwargs)

    return wrapper


def constexpr(fn=None, get_instance=True, name=None, reuse_result=True, check=True):
    """Marks `fn` as computed from constants only (before the graph runs). Here every Python
    function already runs at trace time, so the result is `fn` itself, wrapped so that a
    Tensor argument (a value not known until the graph runs) is refused when `check`."""

    def decorate(function):
        if not callable(function):
            raise TypeError(f"For 'constexpr', the 'fn' must be callable, but got {type(function).__name__}.")

        @functools.wraps(function)
        def constant(*args, **kwargs):
            if check:
                for a in list(args) + list(kwargs.values()):
                    if isinstance(a, Tensor) and a._value().__class__.__name__.endswith("Tracer"):
                        raise TypeError(f"For constexpr function '{name or function.__name__}', the inputs must "
                                        "be constants, but got a Tensor whose value is only known when the graph "
                                        "runs.")
            return function(*args, **kwargs)

        return constant if get_instance else (lambda: constant)

    return decorate if fn is None else decorate(fn)


# --- toplevel (issue 10): PrimitiveWithCheck --------------------------------------------------------
class PrimitiveWithCheck(Primitive):
    """A Primitive that checks its inputs before it runs: `__check__(*inputs)` if a subclass
    defines it, else `check_dtype(*dtypes)` and then `check_shape(*shapes)` (a Tensor's shape
    and dtype; a non-Tensor input contributes `None` to both). The checks raise to refuse the
    inputs; their return values are ignored. Subclasses implement `_compute` as for Primitive."""

    def __init__(self, name):
        super().__init__(name)

    def __check__(self, *args):
        self.check_dtype(*(getattr(a, "dtype", None) for a in args))
        self.check_shape(*(tuple(a.shape) if isinstance(a, Tensor) else None for a in args))

    def check_shape(self, *args):
        """Check the input shapes (a scalar's is ()); raise to refuse them."""
        return None

    def check_dtype(self, *args):
        """Check the input dtypes; raise to refuse them."""
        return None

    def __call__(self, *args):
        self.__check__(*args)
        return super().__call__(*args)


__all__ += ["PrimitiveWithCheck"]
