"""The parallel part of the context: MindSpore 2.10's keys, defaults and messages."""
import pytest

import sporax as ms
from sporax import context


@pytest.fixture(autouse=True)
def _reset():
    yield
    ms.reset_auto_parallel_context()


def test_defaults_are_mindsporess():
    expected = {"parallel_mode": "stand_alone", "device_num": 1, "global_rank": 0, "gradients_mean": False,
                "gradient_fp32_sync": True, "parameter_broadcast": False, "full_batch": False,
                "dataset_strategy": "data_parallel", "search_mode": "recursive_programming",
                "auto_parallel_search_mode": "recursive_programming",
                "strategy_ckpt_config": {"load_file": "", "save_file": "", "only_trainable_params": True}}
    for key, value in expected.items():
        assert ms.get_auto_parallel_context(key) == value, key


def test_set_values_read_back_and_full_batch_follows_dataset_strategy():
    ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.SEMI_AUTO_PARALLEL, device_num=8, global_rank=3,
                                 gradients_mean=True, auto_parallel_search_mode="sharding_propagation")
    assert ms.get_auto_parallel_context("parallel_mode") == "semi_auto_parallel"
    assert (ms.get_auto_parallel_context("device_num"), ms.get_auto_parallel_context("global_rank")) == (8, 3)
    assert ms.get_auto_parallel_context("search_mode") == "sharding_propagation"
    assert context.get_rank() == 3
    ms.set_auto_parallel_context(full_batch=True)
    assert ms.get_auto_parallel_context("dataset_strategy") == "full_batch"
    ms.set_auto_parallel_context(dataset_strategy=((2, 1), (2, 1)))
    assert ms.get_auto_parallel_context("dataset_strategy") == ((2, 1), (2, 1))
    ms.set_auto_parallel_context(strategy_ckpt_config={"save_file": "s.json"})
    assert ms.get_auto_parallel_context("strategy_ckpt_config") == {"load_file": "", "save_file": "s.json",
                                                                    "only_trainable_params": True}
    assert ms.ParallelMode.MODE_LIST == ["stand_alone", "data_parallel", "hybrid_parallel", "semi_auto_parallel",
                                         "auto_parallel"]


@pytest.mark.parametrize("kwargs, error, message", [
    ({"parallel_mode": "bogus"}, ValueError, "The context configuration parameter 'parallel_mode' only support "
     "'stand_alone', 'data_parallel', 'hybrid_parallel', 'semi_auto_parallel' and 'auto_parallel', but got the "
     "value : bogus."),
    ({"bogus": 1}, ValueError, "Set context keyword bogus is not recognized!"),
    ({"device_num": 0}, ValueError, "The context configuration parameter 'device_num' must be a positive integer, "
     "but got the value of device_num : 0."),
    ({"search_mode": "bogus"}, ValueError, "The context configuration parameter 'auto_parallel_search_mode' only "
     "support 'recursive_programming', 'dynamic_programming' and 'sharding_propagation', but got the value: bogus."),
    ({"gradients_mean": 1}, TypeError, "The parameter 'gradients_mean' must be <class 'bool'>, but got <class 'int'>"),
    ({"strategy_ckpt_config": {"nope": 1}}, ValueError, "the key of strategy_ckpt_config must be"),
    ({"dataset_strategy": ((0, 1),)}, TypeError, "'dataset_strategy' must be 'data_parallel', 'full_batch' or a tuple"),
])
def test_bad_values_are_refused_and_nothing_changes(kwargs, error, message):
    with pytest.raises(error) as raised:
        ms.set_auto_parallel_context(global_rank=2, **kwargs)
    assert message in str(raised.value)
    assert ms.get_auto_parallel_context("global_rank") == 0  # the valid key in the same call did not land


def test_unknown_key_on_get():
    with pytest.raises(ValueError, match="Get context keyword bogus is not recognized!"):
        ms.get_auto_parallel_context("bogus")


def test_pipeline_parallel_is_refused_by_name_and_optimizer_parallel_is_a_key():
    """sporax has no pipeline parallel: asking for it is an error naming the option; optimizer
    parallel works under SEMI_AUTO_PARALLEL (tests/parallel/test_semi_auto.py)."""
    ms.set_auto_parallel_context(enable_parallel_optimizer=True, pipeline_stages=1)
    assert ms.get_auto_parallel_context("enable_parallel_optimizer") is True
    assert ms.get_auto_parallel_context("pipeline_stages") == 1
    with pytest.raises(ValueError, match=r"'pipeline_stages=2' \(pipeline parallel\) is not available in sporax"):
        ms.set_auto_parallel_context(parallel_mode="semi_auto_parallel", pipeline_stages=2)
    assert ms.get_auto_parallel_context("parallel_mode") == "stand_alone"
    with pytest.raises(TypeError, match="The parameter 'enable_parallel_optimizer' must be <class 'bool'>, but got "
                                        "<class 'int'>"):
        ms.set_auto_parallel_context(enable_parallel_optimizer=1)
    with pytest.raises(ValueError, match="'pipeline_stages' should be greater or equal 1, but got the value of "
                                         "stages : 0."):
        ms.set_auto_parallel_context(pipeline_stages=0)
    ms.reset_auto_parallel_context()
    assert ms.get_auto_parallel_context("enable_parallel_optimizer") is False


def test_optimizer_parallel_with_data_parallel_reduction_is_refused_by_name():
    from sporax.communication import init, release
    init()
    try:
        ms.set_auto_parallel_context(parallel_mode="data_parallel", enable_parallel_optimizer=True)
        with pytest.raises(ValueError, match="'enable_parallel_optimizer=True' is available under SEMI_AUTO_PARALLEL"):
            ms.nn.DistributedGradReducer(ms.nn.Dense(2, 2).trainable_params())
    finally:
        release()
