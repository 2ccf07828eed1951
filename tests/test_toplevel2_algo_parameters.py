"""set/get/reset_algo_parameters: MindSpore 2.10's defaults, validation order and messages."""
import inspect

import pytest

import sporax as ms


@pytest.fixture(autouse=True)
def defaults():
    ms.reset_algo_parameters()
    yield
    ms.reset_algo_parameters()


def test_defaults_as_mindspore():
    got = {k: ms.get_algo_parameters(k) for k in ("fully_use_devices", "elementwise_op_strategy_follow",
                                                 "tensor_slice_align_enable", "tensor_slice_align_size",
                                                 "enable_algo_approxi", "algo_approxi_epsilon")}
    assert got == {"fully_use_devices": False, "elementwise_op_strategy_follow": False,
                   "tensor_slice_align_enable": False, "tensor_slice_align_size": 16, "enable_algo_approxi": False,
                   "algo_approxi_epsilon": 0.10000000149011612}


def test_set_then_get_then_reset():
    assert ms.set_algo_parameters(algo_approxi_epsilon=0.3, tensor_slice_align_size=32, fully_use_devices=True) is None
    assert ms.get_algo_parameters("algo_approxi_epsilon") == 0.30000001192092896  # stored as float32
    assert ms.get_algo_parameters("tensor_slice_align_size") == 32
    assert ms.get_algo_parameters("fully_use_devices") is True
    ms.reset_algo_parameters()
    assert ms.get_algo_parameters("tensor_slice_align_size") == 16
    assert ms.get_algo_parameters("fully_use_devices") is False


def test_keys_apply_in_order_up_to_the_first_bad_one():
    with pytest.raises(ValueError, match="^Set context keyword foo is not recognized!$"):
        ms.set_algo_parameters(tensor_slice_align_size=32, fully_use_devices=True, foo=2)
    assert ms.get_algo_parameters("tensor_slice_align_size") == 32  # as MindSpore: applied before 'foo'
    # type errors come first, for every key, and nothing is applied
    with pytest.raises(TypeError, match="The parameter 'tensor_slice_align_size' must be <class 'int'>, "
                                        "but got <class 'float'>"):
        ms.set_algo_parameters(enable_algo_approxi=True, tensor_slice_align_size=1.5)
    assert ms.get_algo_parameters("enable_algo_approxi") is False


def test_bad_values():
    with pytest.raises(TypeError, match="The parameter 'fully_use_devices' must be <class 'bool'>, but got <class "
                                        "'int'>"):
        ms.set_algo_parameters(fully_use_devices=1)
    with pytest.raises(ValueError, match=r"Align_size must be in \[1, 1024\], but got 2000"):
        ms.set_algo_parameters(tensor_slice_align_size=2000)
    with pytest.raises(RuntimeError, match=r"'epsilon' must be in \(0, 1\]"):
        ms.set_algo_parameters(algo_approxi_epsilon=0.0)
    with pytest.raises(TypeError, match="'algo_approxi_epsilon' must be <class 'float'>"):
        ms.set_algo_parameters(algo_approxi_epsilon=1)
    with pytest.raises(ValueError, match="^Get context keyword foo is not recognized!$"):
        ms.get_algo_parameters("foo")
    with pytest.raises(ValueError, match="^Get context keyword 1 is not recognized!$"):
        ms.get_algo_parameters(1)
    assert ms.get_algo_parameters("algo_approxi_epsilon") == 0.10000000149011612
    assert str(inspect.signature(ms.get_algo_parameters)) == "(attr_key)"
