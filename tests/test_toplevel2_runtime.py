"""mindspore.runtime's executor and memory settings: launch_blocking, dispatch_threads_num,
set_kernel_launch_group/capture, set_cpu_affinity, set_memory (errors as MindSpore 2.10 CPU)."""
import inspect
import os

import jax
import numpy as np
import pytest

import sporax as ms
from sporax._runtime import executor as core_executor
from sporax.runtime import executor, memory


@pytest.fixture(autouse=True)
def fresh_settings(monkeypatch):
    monkeypatch.setattr(executor, "_settings", {})
    monkeypatch.setattr(memory, "_memory_settings", {})
    monkeypatch.setattr(core_executor, "_launch_blocking", False)


def test_launch_blocking_waits_for_every_eager_op(monkeypatch):
    waited = []
    real = jax.block_until_ready
    monkeypatch.setattr(core_executor.jax, "block_until_ready", lambda x: waited.append(x) or real(x))
    x = ms.Tensor(np.arange(4, dtype=np.float32))
    ms.ops.add(x, 1)
    assert waited == []
    assert ms.launch_blocking() is None
    y = ms.ops.mul(ms.ops.add(x, 1), 2)
    assert len(waited) == 2
    np.testing.assert_array_equal(y.asnumpy(), [2, 4, 6, 8])


def test_dispatch_threads_num_once_and_validated():
    with pytest.raises(TypeError, match="The parameter 'threads_num' must be <class 'int'>, but got <class 'float'>"):
        ms.dispatch_threads_num(1.5)
    with pytest.raises(ValueError, match="The 'threads_num' must be int and must > 0, but got '0' with type 'int'."):
        ms.dispatch_threads_num(0)
    assert ms.dispatch_threads_num(4) is None
    assert executor.get_runtime_settings() == {"dispatch_threads_num": 4}
    with pytest.raises(RuntimeError, match="The 'dispatch_threads_num' can not be set repeatedly."):
        ms.dispatch_threads_num(4)


def test_kernel_launch_group_and_capture_exclusive():
    with pytest.raises(TypeError, match="The parameter 'thread_num' must be <class 'int'>, but got <class 'float'>"):
        ms.set_kernel_launch_group(1.0)
    with pytest.raises(ValueError, match="The value of thread_num should be at least 1, but got 0"):
        ms.set_kernel_launch_group(0)
    with pytest.raises(ValueError, match="kernel_group_num: 8 cannot be evenly divisible by thread_num: 3"):
        ms.set_kernel_launch_group(3, 8)
    with pytest.raises(TypeError, match="The parameter 'enable_capture_graph' must be <class 'bool'>"):
        ms.set_kernel_launch_capture(1)
    with pytest.raises(TypeError, match="op_capture_skip must be a list"):
        ms.set_kernel_launch_capture(True, "a")
    assert executor.get_runtime_settings() == {}
    ms.set_kernel_launch_group(2, 8)
    assert executor.get_runtime_settings() == {"kernel_launch_group": (2, 8)}
    with pytest.raises(RuntimeError, match="The 'kernel_launch_group' can not be set repeatedly."):
        ms.set_kernel_launch_group(2, 8)
    with pytest.raises(RuntimeError, match="can not be set together"):
        ms.set_kernel_launch_capture(True)


def test_kernel_launch_capture_then_group_refused():
    ms.set_kernel_launch_capture(True, ["matmul"])
    assert executor.get_runtime_settings() == {"kernel_launch_capture": (True, ["matmul"])}
    with pytest.raises(RuntimeError, match="The kernel launch group and kernel launch capture can not be set"):
        ms.set_kernel_launch_group()


def test_set_memory_validates_then_stores_once():
    with pytest.raises(TypeError, match="The parameter 'init_size' must be <class 'str'>, but got <class 'int'>"):
        ms.set_memory(init_size=3)
    with pytest.raises(ValueError, match=r"The '3G' is illegal, it must be match regular"):
        ms.set_memory(init_size="3G")
    with pytest.raises(ValueError, match=r"The '0GB' is illegal"):
        ms.set_memory(max_size="0GB")
    with pytest.raises(ValueError, match=r"The optimize_level must be one of \['O0', 'O1'\], but got O2."):
        ms.set_memory(optimize_level="O2")
    assert memory.get_memory_settings() == {}
    ms.set_memory(init_size="3GB", max_size="1.5GB", optimize_level="O1")
    assert memory.get_memory_settings() == {"init_size": 3.0, "increase_size": 2.0, "max_size": 1.5,
                                            "optimize_level": 1, "huge_page_reserve_size": 0.0}
    with pytest.raises(RuntimeError, match="The 'set_memory' can not be set repeatedly."):
        ms.set_memory()


def test_set_cpu_affinity_binds_main_thread_and_validates():
    before = os.sched_getaffinity(0)
    first = min(before)
    with pytest.raises(TypeError, match="must be list"):
        ms.set_cpu_affinity(True, "0-1")
    with pytest.raises(ValueError, match="should be in format 'cpuidX-cpuidY' or 'cpuidX,cpuidY,cpuidZ'."):
        ms.set_cpu_affinity(True, ["0_1"])
    with pytest.raises(ValueError, match="CPU range '1' in '\\[1\\]' should be a string."):
        ms.set_cpu_affinity(True, [1])
    with pytest.raises(ValueError, match="CPU index '-1' for module 'main' in '\\[-1\\]' should be a non-negative"):
        ms.set_cpu_affinity(True, None, {"main": [-1]})
    with pytest.raises(RuntimeError, match="CPU id:100000 set in affinity_cpu_list:\\['100000'\\] is not available."):
        ms.set_cpu_affinity(True, ["100000"])
    try:
        ms.set_cpu_affinity(True, [f"{first}-{first}"])
        assert os.sched_getaffinity(0) == {first}
        assert executor.get_cpu_affinity_policy() == {"main": [first]}
        with pytest.raises(RuntimeError, match="'mindspore.runtime.set_cpu_affinity' cannot be set repeatedly."):
            ms.set_cpu_affinity(True)
    finally:
        os.sched_setaffinity(0, before)


def test_set_cpu_affinity_disabled_only_marks_configured():
    before = os.sched_getaffinity(0)
    ms.set_cpu_affinity(False)
    assert os.sched_getaffinity(0) == before and executor.get_cpu_affinity_policy() is None
    with pytest.raises(RuntimeError, match="cannot be set repeatedly"):
        ms.set_cpu_affinity(True)


def test_signatures_match_mindspore():
    assert str(inspect.signature(ms.set_memory)) == ("(init_size='2GB', increase_size='2GB', max_size='1024GB', "
                                                     "optimize_level='O0', huge_page_reserve_size='0GB')")
    assert str(inspect.signature(ms.set_cpu_affinity)) == ("(enable_affinity, affinity_cpu_list=None, "
                                                           "module_to_cpu_dict=None, bind_file=None)")
    assert str(inspect.signature(ms.set_kernel_launch_group)) == "(thread_num=2, kernel_group_num=8)"
    assert ms.runtime.launch_blocking is ms.launch_blocking
