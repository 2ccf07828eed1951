"""Every pipeline node, transform and sampler remembers how it was built: the class and the
arguments of the outermost `__init__` call. `serialize` writes them out and `deserialize`
calls the same constructors again, so a pipeline survives a round trip through JSON."""
from __future__ import annotations

import functools
import inspect


class RecordsConstruction:
    """Mixin: instances get `_construction = (class, bound arguments)`."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "__init__" not in cls.__dict__:
            return
        original = cls.__dict__["__init__"]

        @functools.wraps(original)
        def init(self, *args, **kw):
            if "_construction" not in self.__dict__:
                self.__dict__["_construction"] = (type(self), args, kw)
            original(self, *args, **kw)
        cls.__init__ = init


def construction_arguments(obj) -> tuple[type, dict] | None:
    """(class, {argument: value}) of how `obj` was built, or None if it was not recorded."""
    recorded = obj.__dict__.get("_construction") if hasattr(obj, "__dict__") else None
    if recorded is None:
        # A class without arguments (no __init__ of its own anywhere) is rebuilt by calling it.
        if isinstance(obj, RecordsConstruction) and type(obj).__init__ is object.__init__:
            return type(obj), {}
        return None
    cls, args, kw = recorded
    signature = inspect.signature(cls.__init__)
    bound = signature.bind(obj, *args, **kw)
    arguments = dict(bound.arguments)
    arguments.pop(next(iter(signature.parameters)))  # self
    for name, parameter in signature.parameters.items():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD and name in arguments:
            arguments.update(arguments.pop(name))
    return cls, arguments
