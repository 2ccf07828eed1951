import ml_dtypes
import numpy as np
import pytest

import sporax as ms
from sporax import dtype as mstype

NAMES = {"bool_": "Bool", "int8": "Int8", "int16": "Int16", "int32": "Int32", "int64": "Int64", "uint8": "UInt8",
         "uint16": "UInt16", "uint32": "UInt32", "uint64": "UInt64", "float16": "Float16", "float32": "Float32",
         "float64": "Float64", "bfloat16": "BFloat16", "complex64": "Complex64", "complex128": "Complex128"}


@pytest.mark.parametrize("attr, text", NAMES.items())
def test_str_and_repr(attr, text):
    t = getattr(ms, attr)
    assert str(t) == text and repr(t) == f"sporax.{attr}"
    assert getattr(ms.common.dtype, attr) is t


@pytest.mark.parametrize("attr", NAMES)
def test_round_trip_through_numpy(attr):
    t = getattr(ms, attr)
    assert mstype.pytype_to_dtype(mstype.dtype_to_nptype(t)) is t


def test_conversions():
    assert mstype.dtype_to_nptype(ms.float32) is np.float32
    assert mstype.dtype_to_nptype(ms.bfloat16) is ml_dtypes.bfloat16
    assert mstype.pytype_to_dtype(np.dtype("int64")) is ms.int64
    assert mstype.pytype_to_dtype(bool) is ms.bool_
    assert mstype.dtype_to_pytype(ms.int8) is int and mstype.dtype_to_pytype(ms.float16) is float
    assert mstype.get_py_obj_dtype(np.zeros(2, np.uint8)) is ms.uint8
    with pytest.raises(TypeError, match="argument 'type_' must be a sporax dtype"):
        mstype.dtype_to_nptype(np.float32)


def test_aliases_and_x64():
    assert ms.float_ is ms.float32 and ms.double is ms.float64 and ms.half is ms.float16
    assert ms.Tensor(np.arange(3)).dtype == ms.int64 and ms.Tensor(np.arange(3.0)).dtype == ms.float64


def test_pickle_keeps_identity():
    import pickle
    assert pickle.loads(pickle.dumps(ms.float32)) is ms.float32
