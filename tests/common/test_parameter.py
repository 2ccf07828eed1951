import copy
import pickle

import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, Tensor
from sporax.common.initializer import Normal, initializer


def values(p):
    return p.asnumpy()


@pytest.mark.parametrize("default_input, dtype, shape", [
    (Tensor(np.arange(6).reshape(2, 3)), ms.int64, (2, 3)), (3, ms.int32, ()), (-5, ms.int32, ()),
    (2.0, ms.float32, ()), (np.float64(3), ms.float32, ()), (np.ones((2,), np.float64), ms.float64, (2,)),
    ([1, 2], ms.int64, (2,)), ([1.0], ms.float32, (1,)), ([], ms.float32, (0,)),
    (np.array(1, np.int32), ms.int32, ()),
])
def test_default_input_dtype_rules(default_input, dtype, shape):
    p = Parameter(default_input, name="p")
    assert (p.dtype, p.shape) == (dtype, shape)


def test_int_outside_int32_is_value_error():
    with pytest.raises(ValueError, match="argument 'default_input' must be an int in the Int32 range"):
        Parameter(2**40)


def test_bool_is_value_error():
    with pytest.raises(ValueError, match="Parameter data can not be `bool`"):
        Parameter(True)


@pytest.mark.parametrize("bad", [np.float32(1), np.int32(1), np.int64(1), (1, 2), 1 + 2j])
def test_numpy_scalars_tuples_complex_are_type_errors(bad):
    with pytest.raises(TypeError, match=r"The type of the argument 'default_input' must be in \['Tensor', 'int', "
                                        r"'float', 'numpy.ndarray', 'list'\]"):
        Parameter(bad)


@pytest.mark.parametrize("bad", [None, "abc", Normal()])
def test_none_str_initializer_are_type_errors(bad):
    with pytest.raises(TypeError, match="For 'Tensor', the type of 'input_data' should be one of"):
        Parameter(bad)


def test_tensor_input_is_copied():
    t = Tensor(np.ones(2, np.float32))
    p = Parameter(t, name="p")
    p.set_data(Tensor(np.zeros(2, np.float32)))
    assert values(t).tolist() == [1.0, 1.0]


def test_default_name_is_parameter_and_names_are_stripped():
    assert Parameter(1.0).name == "Parameter"
    assert Parameter(1.0, name="   ").name == "Parameter"
    assert Parameter(1.0, name="  spaced  ").name == "spaced"
    assert Parameter(1.0, name="a" * 1024).name == "a" * 1024


def test_long_name_is_value_error():
    with pytest.raises(ValueError, match="name should be less than 1024."):
        Parameter(1.0, name="a" * 1025)


def test_non_str_name_is_value_error_and_keeps_old_name():
    p = Parameter(1.0, name="keep")
    with pytest.raises(ValueError, match="The type of the Parameter's name should be 'string' or 'None', "
                                         "but got <class 'int'>."):
        p.name = 5
    assert p.name == "keep"


def test_positional_arguments():
    p = Parameter(1.0, "nm", False, True)
    assert (p.name, p.requires_grad, p.layerwise_parallel) == ("nm", False, True)


@pytest.mark.parametrize("flag, message", [("requires_grad", "The argument `requires_grad` must be bool type"),
                                           ("layerwise_parallel", "The argument `layerwise_parallel` must be bool type."),
                                           ("parallel_optimizer", "The argument `parallel_optimizer` must be bool type.")])
@pytest.mark.parametrize("bad", [1, None, "yes"])
def test_flags_must_be_bool(flag, message, bad):
    p = Parameter(1.0)
    with pytest.raises(TypeError, match=message.replace("`", "`").replace(".", r"\.")):
        setattr(p, flag, bad)
    assert getattr(p, flag) is (flag != "layerwise_parallel")


def test_device_must_be_cpu_or_remote():
    with pytest.raises(ValueError, match=r"Only 'CPU' and 'Remote' is supported for device, but got \$GPU."):
        Parameter(1.0, device="GPU")


def test_seed_attributes():
    x = Parameter(Tensor(np.arange(6).reshape(2, 3)), name="x")
    assert (x.sliced, x.is_init, x.inited_param, x.requires_grad, x.layerwise_parallel) == (False, False, None, True, False)
    assert x.data is x


def test_inited_param_is_read_only():
    with pytest.raises(AttributeError):
        Parameter(1.0).inited_param = 1


def test_repr():
    assert repr(Parameter(Tensor(np.arange(6).reshape(2, 3)), name="x")) == \
        "Parameter (name=x, shape=(2, 3), dtype=Int64, requires_grad=True)"
    assert str(Parameter(2.0, name="z")) == "Parameter (name=z, shape=(), dtype=Float32, requires_grad=True)"


def test_parameter_from_initializer_is_lazy_until_used():
    p = Parameter(initializer("normal", (4, 4)), name="w")
    assert p.has_init
    assert p.init_data() is p and not p.has_init
    assert p.init_data() is p  # a second call is a no-op


def test_parameter_draws_its_seed_at_construction():
    ms.set_seed(1)
    a = Parameter(initializer("normal", (8,)), name="a")
    b = Parameter(initializer("normal", (8,)), name="b")
    b_values = values(b)  # materialise b first
    ms.set_seed(1)
    a2 = Parameter(initializer("normal", (8,)), name="a")
    np.testing.assert_array_equal(values(a), values(a2))
    assert not np.array_equal(values(a), b_values)


def test_bare_initializer_tensor_draws_at_materialisation():
    ms.set_seed(1)
    t1 = initializer("normal", (8,))
    t2 = initializer("normal", (8,))
    first = t2.init_data().asnumpy()
    ms.set_seed(1)
    np.testing.assert_array_equal(initializer("normal", (8,)).init_data().asnumpy(), first)
    assert t1.has_init


def test_lazy_tensor_wrapped_in_parameter_shares_its_values():
    ms.set_seed(3)
    t = initializer("uniform", (5,))
    p = Parameter(t, name="p")
    np.testing.assert_array_equal(values(t), values(p))


def test_set_data_returns_self_and_casts_lower_ranked_dtype():
    p = Parameter(initializer("ones", (1, 2, 3)), name="p")
    assert p.set_data(Tensor(np.arange(6).reshape(1, 2, 3))) is p
    assert p.dtype == ms.float32 and values(p).ravel().tolist() == [0, 1, 2, 3, 4, 5]
    assert p.sliced is False


def test_set_data_shape_mismatch_is_value_error_and_changes_nothing():
    p = Parameter(Tensor(np.ones((2, 2), np.float32)), name="p")
    with pytest.raises(ValueError, match=r"Can not change the shape of Parameter which has been initialized. "
                                         r"Current shape is \(2, 2\), and incoming is \(3,\)."):
        p.set_data(Tensor(np.zeros(3, np.float32)))
    with pytest.raises(ValueError, match=r"incoming is \(\)"):
        p.set_data(5.0)
    assert p.shape == (2, 2) and values(p).tolist() == [[1, 1], [1, 1]]


def test_set_data_slice_shape_allows_a_new_shape_and_marks_sliced():
    p = Parameter(Tensor(np.ones((2, 2), np.float32)), name="p")
    p.set_data(Tensor(np.zeros(3, np.float32)), slice_shape=True)
    assert p.shape == (3,) and p.sliced is True


@pytest.mark.parametrize("param_dtype, data", [
    (ms.float32, Tensor(np.ones(2, np.float64))), (ms.int32, Tensor(np.ones(2, np.int64))),
    (ms.int32, Tensor(np.ones(2, np.float32))), (ms.float16, Tensor(np.ones(2, np.float32))),
])
def test_set_data_narrowing_dtype_is_type_error_and_changes_nothing(param_dtype, data):
    p = Parameter(Tensor(np.full(2, 7), param_dtype), name="p")
    with pytest.raises(TypeError, match="Incoming Parameter dtype can not be converted to current dtype implicitly. "
                                        f"Current dtype is {param_dtype}, and incoming is {data.dtype}."):
        p.set_data(data)
    assert p.dtype == param_dtype and values(p).tolist() == [7, 7]


def test_set_data_float_into_int_parameter_is_type_error():
    p = Parameter(3, name="p")
    with pytest.raises(TypeError, match="Current dtype is Int32, and incoming is Float."):
        p.set_data(2.5)
    p.set_data(4)
    assert values(p) == 4 and p.dtype == ms.int32


@pytest.mark.parametrize("bad", [np.ones(2), [1, 2], "x", None])
def test_set_data_rejects_non_tensors(bad):
    p = Parameter(Tensor(np.ones(2, np.float32)), name="p")
    with pytest.raises(TypeError, match=r"Parameter data must be \[`Tensor`, `int`, `float`\]"):
        p.set_data(bad)


def test_set_data_with_lazy_tensor_draws_now_and_stays_lazy():
    p = Parameter(Tensor(np.zeros((3,), np.float32)), name="p")
    ms.set_seed(2)
    p.set_data(initializer("normal", (3,)))
    assert p.has_init
    ms.set_seed(2)
    np.testing.assert_array_equal(values(p), initializer("normal", (3,)).init_data().asnumpy())


def test_clone_keeps_name_flags_and_values_independently():
    p = Parameter(Tensor(np.ones(2, np.float32)), name="w", requires_grad=False, layerwise_parallel=True)
    p.is_init = True
    c = p.clone()
    assert (c.name, c.requires_grad, c.layerwise_parallel, c.is_init) == ("w", False, True, False)
    c.set_data(Tensor(np.zeros(2, np.float32)))
    assert values(p).tolist() == [1, 1]


def test_clone_of_lazy_parameter_stays_lazy_with_the_same_values():
    ms.set_seed(5)
    p = Parameter(initializer("normal", (4,)), name="w")
    c = p.clone()
    assert c.has_init
    np.testing.assert_array_equal(values(c), values(p))


@pytest.mark.parametrize("init, expected", [("zeros", [0, 0]), (2.5, [2, 2]), (Tensor(np.int32([4, 5])), [4, 5])])
def test_clone_with_init(init, expected):
    p = Parameter(Tensor(np.int32([1, 1])), name="w")
    assert values(p.clone(init)).tolist() == expected


def test_clone_with_bad_init():
    p = Parameter(Tensor(np.ones(2, np.float32)), name="w")
    with pytest.raises(ValueError, match="the class corresponding to 'bogus' was not found."):
        p.clone("bogus")
    with pytest.raises(ValueError, match=r"but got the 'init' shape \[3\] and the 'shape' \(2,\)."):
        p.clone(Tensor(np.ones(3, np.float32)))


def test_copy_and_deepcopy_and_pickle():
    p = Parameter(Tensor(np.ones(2, np.float32)), name="w", requires_grad=False, layerwise_parallel=True)
    shallow, deep, pickled = copy.copy(p), copy.deepcopy(p), pickle.loads(pickle.dumps(p))
    for q in (shallow, deep, pickled, p.copy()):
        assert q is not p and q.name == "w" and q.requires_grad is False
        np.testing.assert_array_equal(values(q), values(p))
    assert shallow.layerwise_parallel and pickled.layerwise_parallel
    assert deep.layerwise_parallel is False  # MindSpore 2.10 drops it in deepcopy


def test_pickle_of_lazy_parameter_comes_back_materialised():
    ms.set_seed(9)
    p = Parameter(initializer("normal", (3,)), name="w")
    q = pickle.loads(pickle.dumps(p))
    assert not q.has_init
    np.testing.assert_array_equal(values(q), values(p))


def test_identity_hash_and_elementwise_equality():
    p, q = Parameter(Tensor(np.ones(2, np.float32)), name="p"), Parameter(Tensor(np.ones(2, np.float32)), name="q")
    assert hash(p) == hash(id(p)) or hash(p) == object.__hash__(p)
    assert len({p, q}) == 2
    assert (p == q).asnumpy().tolist() == [True, True]
    assert (p == "x") is False


def test_arithmetic_returns_plain_tensors():
    p = Parameter(3, name="p")
    out = p + 1.5
    assert type(out) is Tensor and out.dtype == ms.float32 and float(out) == 4.5


def test_near_miss_attribute_raises_with_a_hint():
    p = Parameter(1.0)
    with pytest.raises(AttributeError, match="did you mean 'requires_grad'"):
        p.require_grad = False
    assert p.requires_grad is True
    p.my_custom_tag = 3  # ported code sets its own attributes
    assert p.my_custom_tag == 3


def test_set_param_ps_needs_parameter_server_mode(monkeypatch):
    p = Parameter(1.0)
    with pytest.raises(RuntimeError, match="set_ps_context"):
        p.set_param_ps()
    assert p.is_param_ps is False
    for variable, value in (("MS_ROLE", "MS_WORKER"), ("MS_SERVER_NUM", "1"), ("MS_WORKER_NUM", "1"),
                            ("MS_SCHED_HOST", "127.0.0.1"), ("MS_SCHED_PORT", "6667")):
        monkeypatch.setenv(variable, value)  # a worker connects only when it first trains
    ms.context.set_ps_context(enable_ps=True)
    try:
        p.set_param_ps(init_in_server=True)
        assert p.is_param_ps and p.init_in_server
    finally:
        ms.context.set_ps_context(enable_ps=False)


def test_set_dtype_changes_in_place():
    p = Parameter(Tensor(np.float32([1.5])), name="p")
    assert p.set_dtype(ms.float16) == ms.float16 and p.dtype == ms.float16


def test_init_data_with_layout_generates_only_this_ranks_slice(monkeypatch):
    ms.set_seed(4)
    whole = Parameter(initializer("normal", (8, 6)), name="w")
    ms.set_seed(4)
    sliced = Parameter(initializer("normal", (8, 6)), name="w")
    monkeypatch.setenv("RANK_ID", "3")
    sliced.init_data(layout=[[4, 2], [1, 0]], set_sliced=True)
    # rank 3 in a 4x2 device matrix: axis 0 split 4 ways (coordinate 1), axis 1 split 2 ways (coordinate 1)
    assert sliced.shape == (2, 3) and sliced.sliced is True
    np.testing.assert_array_equal(values(sliced), values(whole)[2:4, 3:6])
