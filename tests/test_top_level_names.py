"""MindSpore 2.10's top-level names that sporax has: re-exports are the same objects, and the
functions behave as the oracle showed (device, determinism, logging, memory, run_check)."""
import numpy as np
import pytest

import sporax as ms
from sporax import train


def test_training_names_are_the_train_objects():
    for name in ("Model", "Callback", "ModelCheckpoint", "CheckpointConfig", "LossMonitor", "Accuracy", "BleuScore",
                 "DatasetHelper", "data_sink", "ckpt_to_safetensors", "get_metric_fn", "OnRequestExit"):
        assert getattr(ms, name) is getattr(train, name), name


def test_dtype_aliases_are_numpys_c_names():
    assert (ms.byte, ms.short, ms.intc, ms.intp, ms.long) == (ms.int8, ms.int16, ms.int32, ms.int64, ms.int64)
    assert (ms.ubyte, ms.ushort, ms.uintc, ms.uintp) == (ms.uint8, ms.uint16, ms.uint32, ms.uint64)
    assert (ms.cfloat, ms.cdouble) == (ms.complex64, ms.complex128)
    assert ms.dtype_to_nptype(ms.float16) is np.float16 and ms.pytype_to_dtype(np.int32) == ms.int32


def test_tensor_and_is_tensor():
    t = ms.tensor([1, 2])
    assert repr(t) == repr(ms.Tensor([1, 2])) and t.dtype == ms.int64
    assert ms.tensor([1, 2], ms.float32).dtype == ms.float32
    assert ms.is_tensor(t) and ms.is_tensor(ms.Parameter(t, name="p")) and not ms.is_tensor(np.ones(2))


def test_set_device_and_determinism_go_through_the_context():
    ms.set_device("CPU", 0)
    assert ms.get_current_device() == ("CPU", 0) and ms.get_current_device().device_target == "CPU"
    with pytest.raises(ValueError, match=r"The argument 'device_target' must be one of \['CPU', 'GPU', 'Ascend'\], "
                                         "but got TPU."):
        ms.set_device("TPU")
    ms.set_deterministic(True)
    assert ms.get_context("deterministic") == "ON"
    ms.set_deterministic(False)
    with pytest.raises(TypeError, match="The parameter 'deterministic' must be <class 'bool'>, but got <class 'int'>"):
        ms.set_deterministic(1)
    assert ms.get_context("deterministic") == "OFF"


def test_log_level_follows_glog_v_numbering():
    assert ms.get_level() == "2"
    assert ms.get_log_config() == {"GLOG_v": "2", "GLOG_logtostderr": "1"}
    ms.log.logger.setLevel("ERROR")
    try:
        assert ms.get_level() == "3"
    finally:
        ms.log.logger.setLevel("WARNING")


def test_memory_statistics_on_cpu_are_zero_in_mindspores_layout():
    stats = ms.memory_stats()
    assert ms.memory_allocated() == stats["total_allocated_memory"] == 0
    assert set(stats) == {"total_reserved_memory", "total_allocated_memory", "total_idle_memory",
                          "total_eager_free_memory", "max_reserved_memory", "max_allocated_memory",
                          "common_mem_pool_stats", "persistent_mem_pool_stats"}
    summary = ms.memory_summary()
    assert summary.splitlines()[1] == "|               Memory summary                |"
    assert "| Reserved memory      |      0 B             |" in summary and summary.endswith("|\n")


def test_synchronize_waits_and_run_check_reports_success(capsys):
    x = ms.Tensor(np.ones(3, np.float32)) * 2
    assert ms.synchronize() is None and x.asnumpy().tolist() == [2.0, 2.0, 2.0]
    ms.run_check()
    out = capsys.readouterr().out
    assert "The result of multiplication calculation is correct, sporax has been installed on platform [CPU] " \
           "successfully!" in out


def test_graph_hints_mark_and_keep_behaviour():
    @ms.jit_class
    class Scale:
        def __init__(self):
            self.k = 3

    assert Scale.__ms_class__ is True
    with pytest.raises(TypeError, match="Decorator jit_class can only be used for class type"):
        ms.jit_class(lambda: None)

    class Net(ms.nn.Cell):
        @ms.lazy_inline
        def __init__(self):
            super().__init__()
            self.dense = ms.nn.Dense(2, 2, weight_init="ones", bias_init="zeros")

        def construct(self, x):
            return self.dense(x)

    net = Net()
    assert Net.__init__.__lazy_inline__ == {"attrs": None, "policy": None}
    assert net(ms.Tensor(np.ones((1, 2), np.float32))).asnumpy().tolist() == [[2.0, 2.0]]
    twice = ms.no_inline(lambda v: v * 2)
    assert twice(3) == 6 and twice.__no_inline__ is True
    with pytest.raises(TypeError, match="The 'attrs' of lazy_inline must be a str, list or tuple"):
        ms.lazy_inline(attrs=3)


def test_set_recursion_limit_is_the_contexts_max_call_depth():
    before = ms.get_context("max_call_depth")
    try:
        ms.set_recursion_limit(321)
        assert ms.get_context("max_call_depth") == 321
        with pytest.raises(ValueError, match="The 'recursion_limit' must be int and must > 0, but got '0'"):
            ms.set_recursion_limit(0)
        assert ms.get_context("max_call_depth") == 321
    finally:
        ms.set_context(max_call_depth=before)


def test_load_segmented_checkpoints_merges_every_file_of_the_folder(tmp_path):
    ms.save_checkpoint([{"name": "a", "data": ms.Tensor(np.ones(2, np.float32))}], str(tmp_path / "part0.ckpt"))
    ms.save_checkpoint([{"name": "b", "data": ms.Tensor(np.zeros(3, np.float32))}], str(tmp_path / "part1.ckpt"))
    merged = ms.load_segmented_checkpoints(str(tmp_path))
    assert sorted(merged) == ["a", "b"] and merged["b"].shape == (3,)
    with pytest.raises(ValueError, match="doesn't exist. Or it's not a directory"):
        ms.load_segmented_checkpoints(str(tmp_path / "none"))
