"""MindSpore's number types (`mindspore.common.dtype`).

Each type is a singleton: `str(float32) == 'Float32'` (MindSpore's name) and
`repr(float32) == 'sporax.float32'`. Conversions to and from NumPy and JAX dtypes
live here so that the rest of sporax never guesses a dtype.
"""
from __future__ import annotations

import ml_dtypes
import numpy as np

__all__ = [
    "Type", "bool_", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
    "uint64", "float16", "float32", "float64", "bfloat16", "complex64", "complex128",
    "half", "single", "double", "float_", "int_", "uint", "number_type", "int_type",
    "uint_type", "float_type", "complex_type", "all_types", "dtype_to_nptype",
    "pytype_to_dtype", "dtype_to_pytype", "get_py_obj_dtype",
]


class Type:
    """A MindSpore number type. Compare with `==`; types are interned singletons."""

    __slots__ = ("_name", "_attr", "_np", "_kind", "_rank")

    def __init__(self, name: str, attr: str, np_dtype, kind: str, rank: int):
        self._name = name
        self._attr = attr
        self._np = np.dtype(np_dtype)
        self._kind = kind
        self._rank = rank

    def __str__(self) -> str:
        return self._name

    def __repr__(self) -> str:
        return f"sporax.{self._attr}"

    def __reduce__(self):
        return (_type_by_attr, (self._attr,))

    @property
    def nbits(self) -> int:
        return self._np.itemsize * 8

    @property
    def kind(self) -> str:
        """One of 'bool', 'int', 'uint', 'float', 'complex'."""
        return self._kind

    def to_numpy(self) -> np.dtype:
        return self._np


class Int(Type):
    """The signed integer types: `int8`, `int16`, `int32`, `int64` are Ints, and `Int(bits)` is the
    one of that width (MindSpore's `mindspore.Int`)."""

    __slots__ = ()

    def __new__(cls, *args):
        if len(args) == 5:  # the module's own definitions below
            return Type.__new__(cls)
        if len(args) != 1 or isinstance(args[0], bool) or not isinstance(args[0], int):
            raise TypeError(f"For 'Int', the 'nbits' must be one int, but got {args!r}.")
        widths = {8: "int8", 16: "int16", 32: "int32", 64: "int64"}
        if args[0] not in widths:
            raise ValueError(f"For Int type only support number of 8bits, 16bits, 32bits and 64bits, but got "
                             f"{args[0]}bits.")
        return _BY_ATTR[widths[args[0]]]

    def __init__(self, *args):
        if len(args) == 5:
            super().__init__(*args)


def _define(name, attr, np_dtype, kind, rank):
    return (Int if kind == "int" and attr != "int4" else Type)(name, attr, np_dtype, kind, rank)


# `rank` is the r1.x implicit-conversion order used by Parameter.set_data:
# bool < int8 < uint8 < int16 < int32 < int64 < float16 < float32 < float64.
# Types MindSpore's list leaves out are placed where no value is lost going up.
bool_ = _define("Bool", "bool_", np.bool_, "bool", 0)
int8 = _define("Int8", "int8", np.int8, "int", 1)
uint8 = _define("UInt8", "uint8", np.uint8, "uint", 2)
int16 = _define("Int16", "int16", np.int16, "int", 3)
uint16 = _define("UInt16", "uint16", np.uint16, "uint", 4)
int32 = _define("Int32", "int32", np.int32, "int", 5)
uint32 = _define("UInt32", "uint32", np.uint32, "uint", 6)
int64 = _define("Int64", "int64", np.int64, "int", 7)
uint64 = _define("UInt64", "uint64", np.uint64, "uint", 8)
float16 = _define("Float16", "float16", np.float16, "float", 9)
bfloat16 = _define("BFloat16", "bfloat16", ml_dtypes.bfloat16, "float", 9)
float32 = _define("Float32", "float32", np.float32, "float", 10)
float64 = _define("Float64", "float64", np.float64, "float", 11)
complex64 = _define("Complex64", "complex64", np.complex64, "complex", 12)
complex128 = _define("Complex128", "complex128", np.complex128, "complex", 13)

half = float16
single = float32
double = float64
float_ = float32
int_ = int32
uint = uint32

int_type = (int8, int16, int32, int64)
uint_type = (uint8, uint16, uint32, uint64)
# toplevel (issue 10): 8-bit floats and packed 4-bit ints, as ml_dtypes (JAX's own) hold them. Their
# ranks sit between the neighbouring types so that set_data never narrows into them silently.
float8_e4m3fn = _define("Float8E4M3FN", "float8_e4m3fn", ml_dtypes.float8_e4m3fn, "float", 8.5)
float8_e5m2 = _define("Float8E5M2", "float8_e5m2", ml_dtypes.float8_e5m2, "float", 8.5)
qint4x2 = _define("Int4", "int4", ml_dtypes.int4, "int", 0.5)

float_type = (float16, float32, float64, bfloat16, float8_e4m3fn, float8_e5m2)
complex_type = (complex64, complex128)
number_type = (int8, int16, int32, int64, uint8, uint16, uint32, uint64,
               float16, float32, float64, bfloat16, float8_e4m3fn, float8_e5m2, complex64, complex128)
all_types = (bool_,) + number_type + (qint4x2,)

_BY_ATTR = {t._attr: t for t in all_types}
_BY_NUMPY = {t._np: t for t in all_types}


def _type_by_attr(attr: str) -> Type:
    return _BY_ATTR[attr]


def dtype_to_nptype(type_: Type):
    """The NumPy scalar type of a MindSpore type (`float32` -> `numpy.float32`)."""
    if not isinstance(type_, Type):
        raise TypeError(
            f"dtype_to_nptype: argument 'type_' must be a sporax dtype, got {type_!r}.")
    return type_._np.type


def pytype_to_dtype(obj) -> Type:
    """A MindSpore type from a NumPy/JAX dtype, a NumPy scalar type, `bool`, `int` or `float`."""
    if isinstance(obj, Type):
        return obj
    if obj is bool:
        return bool_
    if obj is int:
        return int64
    if obj is float:
        return float64
    try:
        np_dtype = np.dtype(obj)
    except TypeError:
        np_dtype = None
    if np_dtype is not None and np_dtype in _BY_NUMPY:
        return _BY_NUMPY[np_dtype]
    raise NotImplementedError(f"The python type {obj} cannot be converted to MindSpore type.")


def dtype_to_pytype(type_: Type):
    """The Python type that holds one element of `type_` (`bool`, `int`, `float` or `complex`)."""
    if not isinstance(type_, Type):
        raise TypeError(
            f"dtype_to_pytype: argument 'type_' must be a sporax dtype, got {type_!r}.")
    return {"bool": bool, "int": int, "uint": int, "float": float, "complex": complex}[type_.kind]


def get_py_obj_dtype(obj) -> Type:
    """The MindSpore type of a Tensor, NumPy array/scalar or dtype-like object."""
    dtype = getattr(obj, "dtype", None)
    if isinstance(dtype, Type):
        return dtype
    if dtype is not None:
        return pytype_to_dtype(dtype)
    return pytype_to_dtype(obj)


def from_numpy(np_dtype) -> Type:
    """The MindSpore type of a NumPy dtype; TypeError when MindSpore has none."""
    if isinstance(np_dtype, np.dtype):  # every Tensor.dtype asks: skip the conversion
        found = _BY_NUMPY.get(np_dtype)
        if found is not None:
            return found
    np_dtype = np.dtype(np_dtype)
    try:
        return _BY_NUMPY[np_dtype]
    except KeyError:
        raise TypeError(f"sporax has no dtype for NumPy dtype {np_dtype}.") from None


# --- toplevel (issue 10): the types of non-number values and the quantisation enum ----------------
import enum as _enum  # noqa: E402


class _ObjectType:
    """The type of a non-number value (a Tensor, a list, a string, None): what `ops.typeof`
    returns and `ops.hastype` tests. Not a number type, so no Tensor can have it as dtype."""

    __slots__ = ("_name", "_attr")

    def __init__(self, name, attr):
        self._name, self._attr = name, attr

    def __str__(self):
        return self._name

    def __repr__(self):
        return f"sporax.{self._attr}"

    def __eq__(self, other):
        return type(other) is type(self) and other._name == self._name

    def __hash__(self):
        return hash((type(self).__name__, self._name))

    def __reduce__(self):
        return (type(self), (self._name, self._attr))


class TensorType(_ObjectType):
    """The type of a Tensor: `TensorType(float32)` is a float32 Tensor's, `TensorType()`
    (`tensor_type`) any Tensor's."""

    __slots__ = ("_element",)

    def __init__(self, element=None):
        if element is not None and not isinstance(element, Type):
            raise TypeError(f"For 'TensorType', the 'element' must be a number type such as float32, but got "
                            f"{element!r}.")
        self._element = element
        if element is None:
            super().__init__("Tensor", "tensor")
        else:
            super().__init__(f"Tensor[{element}]", f"tensor[{element._attr}]")

    def element_type(self):
        """The element (number) type, or None for the generic Tensor type."""
        return self._element

    def __reduce__(self):
        return (TensorType, (self._element,))


class _NullType(_ObjectType):
    """The type of MindSpore's null value (`_null`)."""

    __slots__ = ()

    def __init__(self, name="Null", attr="Null"):
        super().__init__("Null", "Null")


tensor_type = TensorType()
list_ = _ObjectType("List", "list_")
tuple_ = _ObjectType("Tuple", "tuple_")
number = _ObjectType("Number", "number")
string = _ObjectType("String", "string_")
type_none = _ObjectType("None", "type_none")
_null = _NullType()

class QuantDtype(_enum.Enum):
    """The quantisation data types: INT1 ... INT16 (values 0 ... 15) and UINT1 ... UINT16
    (values 100 ... 115). `str()` is the name; `value()` (a method, as in MindSpore) the int."""

    # Spelled out: an Enum body filled through locals() gets no members on Python 3.10.
    INT1 = 0; INT2 = 1; INT3 = 2; INT4 = 3; INT5 = 4; INT6 = 5; INT7 = 6; INT8 = 7
    INT9 = 8; INT10 = 9; INT11 = 10; INT12 = 11; INT13 = 12; INT14 = 13; INT15 = 14; INT16 = 15
    UINT1 = 100; UINT2 = 101; UINT3 = 102; UINT4 = 103; UINT5 = 104; UINT6 = 105; UINT7 = 106; UINT8 = 107
    UINT9 = 108; UINT10 = 109; UINT11 = 110; UINT12 = 111; UINT13 = 112; UINT14 = 113; UINT15 = 114; UINT16 = 115

    def __str__(self):
        return self.name

    def value(self):  # MindSpore makes `value` a method (its serialisers call it)
        return self._value_


__all__ += ["Int", "float8_e4m3fn", "float8_e5m2", "qint4x2", "TensorType", "tensor_type", "list_", "tuple_",
            "number", "string", "type_none", "QuantDtype"]
