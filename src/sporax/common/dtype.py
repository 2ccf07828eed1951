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


def _define(name, attr, np_dtype, kind, rank):
    return Type(name, attr, np_dtype, kind, rank)


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
float_type = (float16, float32, float64, bfloat16)
complex_type = (complex64, complex128)
number_type = (int8, int16, int32, int64, uint8, uint16, uint32, uint64,
               float16, float32, float64, bfloat16, complex64, complex128)
all_types = (bool_,) + number_type

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
