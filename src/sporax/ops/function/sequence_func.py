"""The scalar and sequence primitives of MindSpore's graph syntax (`ops.scalar_add`,
`ops.tuple_getitem`, `ops.make_range`, ...): what the graph compiler emits for Python
arithmetic, indexing and comparisons on numbers, strings, tuples, lists and dicts.

They act on Python values, not Tensors, so they compute in Python and are the same in
PYNATIVE_MODE and inside a compiled graph (where their inputs are static). Each is an instance
named and printed as MindSpore's (`Prim[ScalarAdd]`).
"""
from __future__ import annotations

import math
import numbers
import operator

from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..primitive import Primitive


class _PythonPrimitive(Primitive):
    """A primitive over Python values: checks its argument kinds, then applies `function`."""

    def __init__(self, name, function, kinds, arity=None):
        Primitive.__init__(self, name)
        self._function, self._kinds, self._arity = function, kinds, arity

    def __call__(self, *args):
        arity = self._arity if self._arity is not None else len(self._kinds)
        if len(args) != arity:
            raise TypeError(f"For '{self.name}', {arity} inputs are expected, but got {len(args)}.")
        for i, (value, kinds) in enumerate(zip(args, self._kinds)):
            if kinds is not None and (not isinstance(value, kinds) or (bool not in _as_tuple(kinds)
                                                                       and isinstance(value, bool)
                                                                       and numbers.Number in _as_tuple(kinds))):
                expected = " or ".join(k.__name__ for k in _as_tuple(kinds))
                raise TypeError(f"For '{self.name}', the input {i} must be {expected}, but got "
                                f"{type(value).__name__}.")
        return self._function(*args)


def _as_tuple(kinds):
    return kinds if isinstance(kinds, tuple) else (kinds,)


_N = numbers.Number
_SEQ = (tuple, list)


def _div(x, y):
    if y == 0:
        raise ValueError(f"For 'ScalarDiv', the 'y' can not be zero, but got {y}.")
    return x / y


def _floordiv(x, y):
    if y == 0:
        raise ValueError(f"For 'ScalarFloorDiv', the 'y' can not be zero, but got {y}.")
    return x // y


def _mod(x, y):
    if y == 0:
        raise ValueError(f"For 'ScalarMod', the 'y' can not be zero, but got {y}.")
    return x % y


def _log(x):
    if x <= 0:
        raise ValueError(f"For 'ScalarLog', the 'x' must be positive, but got {x}.")
    return math.log(x)


def _range(*args):
    if not 1 <= len(args) <= 3 or not all(isinstance(a, int) and not isinstance(a, bool) for a in args):
        raise TypeError(f"For 'make_range', the inputs must be 1 to 3 ints, but got {args!r}.")
    if len(args) == 3 and args[2] == 0:
        raise ValueError("For 'make_range', the 'step' can not be zero.")
    return tuple(range(*args))


def _tuple_div(x, y):
    if len(x) != len(y):
        raise ValueError(f"For 'tuple_div', the two tuples must have one length, but got {x} and {y}.")
    for a, b in zip(x, y):
        if b == 0 or a % b:
            raise ValueError(f"For 'tuple_div', each element of {x} must be divisible by the one of {y}.")
    return tuple(a // b for a, b in zip(x, y))


def _setitem(sequence, index, value):
    out = list(sequence)
    out[index] = value
    return type(sequence)(out)


def _dict_setitem(mapping, key, value):
    out = dict(mapping)
    out[key] = value
    return out


def _shape_mul(shape):
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in shape):
        raise TypeError(f"For 'shape_mul', the input must be a tuple of ints, but got {shape!r}.")
    return math.prod(shape)


def _bool_not(x):
    return Tensor(not x, mstype.bool_)


class _Binary(_PythonPrimitive):
    """Two numbers x and y (MindSpore's `ScalarAdd()(x, y)`)."""

    def __call__(self, x, y):
        return _PythonPrimitive.__call__(self, x, y)


class _Unary(_PythonPrimitive):
    def __call__(self, x):
        return _PythonPrimitive.__call__(self, x)


class _ShapeMul(_PythonPrimitive):
    def __call__(self, input_data):
        return _PythonPrimitive.__call__(self, input_data)


class _Variadic(_PythonPrimitive):
    """Any number of inputs."""

    def __call__(self, *args):
        return self._function(*args)


scalar_add = _Binary("ScalarAdd", operator.add, (_N, _N))
scalar_sub = _Binary("ScalarSub", operator.sub, (_N, _N))
scalar_mul = _Binary("ScalarMul", operator.mul, (_N, _N))
scalar_div = _Binary("ScalarDiv", _div, (_N, _N))
scalar_floordiv = _Binary("ScalarFloorDiv", _floordiv, (_N, _N))
scalar_mod = _Binary("ScalarMod", _mod, (_N, _N))
scalar_pow = _Binary("ScalarPow", operator.pow, (_N, _N))
scalar_eq = _Binary("ScalarEq", operator.eq, (_N, _N))
scalar_ne = _Binary("scalar_ne", operator.ne, (_N, _N))
scalar_lt = _Binary("ScalarLt", operator.lt, (_N, _N))
scalar_le = _Binary("ScalarLe", operator.le, (_N, _N))
scalar_gt = _Binary("ScalarGt", operator.gt, (_N, _N))
scalar_ge = _Binary("ScalarGe", operator.ge, (_N, _N))
scalar_max = _Binary("ScalarMax", max, (_N, _N))
scalar_min = _Binary("ScalarMin", min, (_N, _N))
scalar_uadd = _Unary("ScalarUadd", operator.pos, (_N,))
scalar_usub = _Unary("ScalarUsub", operator.neg, (_N,))
scalar_log = _Unary("ScalarLog", _log, (_N,))
bool_and = _PythonPrimitive("bool_and", lambda x, y: x and y, (bool, bool))
bool_or = _PythonPrimitive("bool_or", lambda x, y: x or y, (bool, bool))
bool_eq = _PythonPrimitive("bool_eq", operator.eq, (bool, bool))
bool_not = _PythonPrimitive("BoolNot", _bool_not, (bool,))
string_eq = _PythonPrimitive("string_eq", operator.eq, (str, str))
string_concat = _PythonPrimitive("string_concat", operator.add, (str, str))
tuple_len = _PythonPrimitive("sequence_len", len, (_SEQ,))
list_len = _PythonPrimitive("sequence_len", len, (_SEQ,))
tuple_getitem = _PythonPrimitive("TupleGetItem", operator.getitem, (tuple, int))
list_getitem = _PythonPrimitive("list_getitem", operator.getitem, (list, int))
dict_getitem = _PythonPrimitive("dict_getitem", operator.getitem, (dict, None))
tuple_setitem = _PythonPrimitive("tuple_setitem", _setitem, (tuple, int, None))
list_setitem = _PythonPrimitive("list_setitem", _setitem, (list, int, None))
dict_setitem = _PythonPrimitive("dict_setitem", _dict_setitem, (dict, None, None))
make_dict = _PythonPrimitive("make_dict", lambda keys, values: dict(zip(keys, values)), (tuple, tuple))
make_slice = _PythonPrimitive("make_slice", slice, (None, None, None))
tuple_reversed = _PythonPrimitive("tuple_reversed", lambda x: tuple(reversed(x)), (tuple,))
tuple_div = _PythonPrimitive("tuple_div", _tuple_div, (tuple, tuple))
tuple_equal = _PythonPrimitive("tuple_equal", operator.eq, (tuple, tuple))
list_equal = _PythonPrimitive("list_equal", operator.eq, (list, list))
shape_mul = _ShapeMul("shape_mul", _shape_mul, (tuple,))
is_ = _PythonPrimitive("is_", operator.is_, (None, None))
is_not = _PythonPrimitive("is_not", operator.is_not, (None, None))
in_dict = _PythonPrimitive("in_dict", lambda key, mapping: key in mapping, (None, dict))
not_in_dict = _PythonPrimitive("not_in_dict", lambda key, mapping: key not in mapping, (None, dict))

make_tuple = _Variadic("MakeTuple", lambda *a: tuple(a), ())
make_list = _Variadic("make_list", lambda *a: list(a), ())
make_range = _Variadic("make_range", _range, ())

__all__ = ["scalar_add", "scalar_sub", "scalar_mul", "scalar_div", "scalar_floordiv", "scalar_mod", "scalar_pow",
           "scalar_eq", "scalar_ne", "scalar_lt", "scalar_le", "scalar_gt", "scalar_ge", "scalar_max", "scalar_min",
           "scalar_uadd", "scalar_usub", "scalar_log", "bool_and", "bool_or", "bool_eq", "bool_not", "string_eq",
           "string_concat", "tuple_len", "list_len", "tuple_getitem", "list_getitem", "dict_getitem",
           "tuple_setitem", "list_setitem", "dict_setitem", "make_tuple", "make_list", "make_dict", "make_slice",
           "make_range", "tuple_reversed", "tuple_div", "tuple_equal", "list_equal", "shape_mul", "is_", "is_not",
           "in_dict", "not_in_dict"]
