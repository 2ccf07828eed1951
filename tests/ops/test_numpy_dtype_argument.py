"""mindspore.numpy's `dtype=` takes what MindSpore 2.10's numpy takes (observed with the oracle):
sporax dtypes, NumPy types and names, Python's int and float as 32-bit types."""
import numpy as np
import pytest

import sporax as ms
import sporax.numpy as mnp


@pytest.mark.parametrize("make, expected", [
    (lambda: mnp.zeros((2,), dtype="float32"), ms.float32),
    (lambda: mnp.ones((2,), dtype=np.float16), ms.float16),
    (lambda: mnp.arange(3, dtype="int32"), ms.int32),
    (lambda: mnp.full((1,), 2, dtype=int), ms.int32),
    (lambda: mnp.eye(2, dtype="float64"), ms.float64),
    (lambda: mnp.zeros((2,), dtype=ms.bfloat16), ms.bfloat16),
])
def test_dtype_argument_forms(make, expected):
    assert make().dtype == expected


def test_an_unknown_dtype_is_a_type_error_naming_it():
    with pytest.raises(TypeError, match="the 'dtype' must be a sporax dtype, a NumPy dtype or its name, but got "
                                        "'nonsense'"):
        mnp.zeros((2,), dtype="nonsense")


def test_zeros_is_named_zeros_in_its_repr_and_errors():
    assert repr(ms.ops.Zeros()) == "Prim[Zeros]"
    with pytest.raises(TypeError, match="For 'Zeros', the 'type' must be a sporax dtype"):
        ms.ops.Zeros()((2,), "float32")
