import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, ParameterTuple, Tensor
from sporax.common.initializer import initializer


def make():
    x = Parameter(Tensor(np.arange(6).reshape(2, 3)), name="x")
    y = Parameter(initializer("ones", [1, 2, 3], ms.float32), name="y")
    z = Parameter(2.0, name="z")
    return x, y, z


def test_is_a_tuple_of_the_parameters():
    params = ParameterTuple(make())
    assert isinstance(params, tuple) and len(params) == 3
    assert type(params[0:2]) is tuple
    assert ParameterTuple(p for p in make()) and ParameterTuple(()) == ()


def test_repr_is_the_tuple_of_parameter_reprs():
    assert repr(ParameterTuple(make())) == (
        "(Parameter (name=x, shape=(2, 3), dtype=Int64, requires_grad=True), "
        "Parameter (name=y, shape=(1, 2, 3), dtype=Float32, requires_grad=True), "
        "Parameter (name=z, shape=(), dtype=Float32, requires_grad=True))")


def test_non_parameter_is_type_error_naming_the_container():
    with pytest.raises(TypeError, match="ParameterTuple input should be 'Parameter' collection, but got a <class 'list'>. "):
        ParameterTuple([Parameter(1.0), 1])
    with pytest.raises(TypeError, match="but got a <class 'sporax.common.parameter.Parameter'>"):
        ParameterTuple(Parameter(1.0))


def test_duplicate_names_are_value_error_but_same_object_is_fine():
    a, b = Parameter(1.0, name="x"), Parameter(2.0, name="x")
    assert len(ParameterTuple((a, a))) == 2
    with pytest.raises(ValueError, match=r"The value Parameter \(name=x, shape=\(\), dtype=Float32, requires_grad=True\) "
                                         r", its name 'x' already exists. Please set a unique name for the parameter."):
        ParameterTuple((a, b))


def test_clone_prefixes_every_name():
    params = ParameterTuple(make())
    copies = params.clone("params_copy")
    assert [p.name for p in copies] == ["params_copy.x", "params_copy.y", "params_copy.z"]
    assert [p.name for p in copies.clone("b")] == ["b.params_copy.x", "b.params_copy.y", "b.params_copy.z"]
    assert [p.name for p in params] == ["x", "y", "z"]


def test_clone_with_init_zeros():
    copies = ParameterTuple(make()).clone("m", init="zeros")
    assert all(not p.asnumpy().any() for p in copies)


@pytest.mark.parametrize("prefix", ["a b", "", "-", "a/b"])
def test_clone_rejects_illegal_prefix(prefix):
    with pytest.raises(ValueError, match="is illegal, it must be match regular"):
        ParameterTuple(make()).clone(prefix)


def test_clone_rejects_non_str_prefix():
    with pytest.raises(TypeError, match="expected string or bytes-like object, got 'int'"):
        ParameterTuple(make()).clone(1)


def test_unnamed_parameters_are_never_duplicate_name_errors():
    params = ParameterTuple((Parameter(1.0), Parameter(2.0)))
    assert [p.name for p in params] == ["Parameter", "Parameter"]
