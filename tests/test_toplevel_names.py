"""Top-level `mindspore` names added for issue 10 (toplevel): dtype objects, streams and
events, memory peaks, DeviceCtx, Symbol, Tensors from memory. Expected values, reprs and
messages are what MindSpore 2.10 (CPU) showed where it runs the name."""
import pickle

import numpy as np
import pytest

import sporax as ms
from sporax.common import dtype as mstype


# --- dtype objects ---------------------------------------------------------------------------------
def test_int_is_the_class_of_the_signed_integer_types():
    assert all(isinstance(t, ms.Int) for t in (ms.int8, ms.int16, ms.int32, ms.int64))
    assert not isinstance(ms.float32, ms.Int) and not isinstance(ms.uint8, ms.Int) and not isinstance(ms.qint4x2, ms.Int)
    assert ms.Int(8) == ms.int8 and ms.Int(64) == ms.int64 and pickle.loads(pickle.dumps(ms.Int(16))) is ms.int16
    with pytest.raises(ValueError, match="For Int type only support number of 8bits, 16bits, 32bits and 64bits, but "
                                         "got 7bits."):
        ms.Int(7)
    with pytest.raises(TypeError, match="For 'Int', the 'nbits' must be one int"):
        ms.Int("8")


def test_float8_and_int4_are_number_types_tensors_can_hold():
    assert (str(ms.float8_e4m3fn), str(ms.float8_e5m2), str(ms.qint4x2)) == ("Float8E4M3FN", "Float8E5M2", "Int4")
    assert ms.float8_e4m3fn in mstype.float_type and ms.float8_e5m2 in mstype.number_type
    assert ms.qint4x2 in mstype.all_types and ms.qint4x2 not in mstype.int_type  # as in MindSpore
    t = ms.Tensor(np.array([1.5, 2.2, -448.0], np.float32)).astype(ms.float8_e4m3fn)
    assert t.dtype == ms.float8_e4m3fn and t.asnumpy().astype(np.float32).tolist() == [1.5, 2.25, -448.0]
    assert ms.Tensor(np.array([1, -8], np.int8)).astype(ms.qint4x2).asnumpy().astype(int).tolist() == [1, -8]


def test_object_types_print_as_mindspore_names_them():
    assert [str(t) for t in (ms.tensor_type, ms.list_, ms.tuple_, ms.number, ms.string, ms.type_none, ms._null)] == \
        ["Tensor", "List", "Tuple", "Number", "String", "None", "Null"]
    f32 = ms.TensorType(ms.float32)
    assert str(f32) == "Tensor[Float32]" and repr(f32) == "sporax.tensor[float32]"
    assert f32 == ms.TensorType(ms.float32) and f32 != ms.tensor_type and hash(f32) == hash(ms.TensorType(ms.float32))
    assert f32.element_type() == ms.float32 and ms.tensor_type.element_type() is None
    assert ms._NullType() == ms._null and ms._null != ms.type_none
    assert pickle.loads(pickle.dumps(f32)) == f32
    with pytest.raises(TypeError, match="For 'TensorType', the 'element' must be a number type"):
        ms.TensorType(1)


def test_a_tensor_type_is_not_a_dtype_a_tensor_can_have():
    with pytest.raises(TypeError):
        ms.Tensor(np.ones(2, np.float32), ms.tensor_type)


def test_quant_dtype_values_and_names():
    assert [q.name for q in ms.QuantDtype][:2] == ["INT1", "INT2"] and len(ms.QuantDtype) == 32
    assert ms.QuantDtype.INT8.value() == 7 and ms.QuantDtype.UINT16.value() == 115 and ms.QuantDtype(100).name == "UINT1"
    assert str(ms.QuantDtype.INT4) == "INT4" and repr(ms.QuantDtype.UINT1) == "<QuantDtype.UINT1: 100>"


# --- streams and events --------------------------------------------------------------------------
def test_the_default_stream_is_stream_zero_and_current_until_another_is_selected():
    default = ms.default_stream()
    assert default.id == 0 and ms.current_stream() == default and ms.communication_stream() == default
    s = ms.Stream()
    assert s.id > 0 and s != default and repr(s).startswith("Stream(device_name=")
    with ms.StreamCtx(s):
        assert ms.current_stream() == s
    assert ms.current_stream() == default
    ms.set_cur_stream(s)
    try:
        assert ms.current_stream() == s
    finally:
        ms.set_cur_stream(default)


def test_stream_arguments_are_checked_with_mindsporess_messages():
    with pytest.raises(TypeError, match="For 'set_cur_stream', the argument 'stream' should be Stream, but got "
                                        "<class 'int'>."):
        ms.set_cur_stream(1)
    with pytest.raises(TypeError, match="For 'StreamCtx', the argument 'ctx_stream' should be Stream, but got "
                                        "<class 'int'>."):
        ms.StreamCtx(3)
    with pytest.raises(TypeError, match="For 'Stream', the argument 'priority' must be int"):
        ms.Stream(priority="high")


def test_synchronize_drains_the_queue_so_query_is_true():
    x = ms.ops.matmul(ms.ops.ones((64, 64), ms.float32), ms.ops.ones((64, 64), ms.float32))
    s = ms.current_stream()
    s.synchronize()
    assert s.query() is True and float(x[0, 0]) == 64.0
    event = s.record_event()
    assert isinstance(event, ms.Event) and event.query() is True


def test_timed_events_measure_the_work_between_them():
    start, end = ms.Event(enable_timing=True), ms.Event(enable_timing=True)
    start.record()
    y = ms.ops.matmul(ms.ops.ones((128, 128), ms.float32), ms.ops.ones((128, 128), ms.float32))
    end.record()
    end.synchronize()
    assert end.query() and start.elapsed_time(end) >= 0.0 and float(y[1, 1]) == 128.0
    assert repr(start) == "Event(enable_timing=1, blocking:0, is_created:1)"
    with pytest.raises(ValueError, match="both events must be created with enable_timing=True"):
        ms.Event().elapsed_time(ms.Event())
    with pytest.raises(ValueError, match="both events must be recorded"):
        ms.Event(enable_timing=True).elapsed_time(end)
    with pytest.raises(TypeError, match="For 'Event', the argument 'enable_timing' must be bool"):
        ms.Event(enable_timing=1)


def test_an_unrecorded_event_is_complete():
    event = ms.Event()
    assert event.query() is True and event.synchronize() is None and event.wait() is None


# --- memory peaks ------------------------------------------------------------------------------------
def test_memory_peaks_reset_to_what_is_seen_since(monkeypatch):
    from sporax.runtime import memory
    stats = {"bytes_in_use": 100, "peak_bytes_in_use": 900, "bytes_reserved": 1000, "peak_bytes_reserved": 2000}
    monkeypatch.setattr(memory, "_raw", lambda: dict(stats))
    monkeypatch.setattr(memory, "_resets", {})
    assert ms.runtime.max_memory_allocated() == 900
    ms.reset_max_memory_allocated()
    assert ms.runtime.max_memory_allocated() == 100 and ms.runtime.max_memory_reserved() == 2000
    stats.update(bytes_in_use=300)
    assert ms.runtime.max_memory_allocated() == 300
    stats.update(bytes_in_use=50)
    assert ms.runtime.max_memory_allocated() == 300
    stats.update(bytes_in_use=50, peak_bytes_in_use=1200)  # a new peak after the reset: XLA's is exact
    assert ms.runtime.max_memory_allocated() == 1200
    ms.reset_peak_memory_stats()
    assert ms.runtime.max_memory_reserved() == 1000 and ms.runtime.max_memory_allocated() == 50
    ms.reset_max_memory_reserved()
    assert ms.runtime.memory_stats()["max_reserved_memory"] == 1000


def test_memory_is_zero_on_a_backend_without_statistics(monkeypatch):
    from sporax.runtime import memory
    monkeypatch.setattr(memory, "_raw", lambda: {})
    monkeypatch.setattr(memory, "_resets", {})
    ms.reset_peak_memory_stats()
    assert ms.runtime.max_memory_allocated() == 0 and ms.runtime.max_memory_reserved() == 0


def test_ms_memory_recycle_drops_compiled_kernels_and_keeps_results():
    x = ms.ops.exp(ms.Tensor(np.zeros(3, np.float32)))
    assert ms.ms_memory_recycle() is None
    assert x.asnumpy().tolist() == [1.0, 1.0, 1.0] and ms.ops.exp(x).asnumpy()[0] == np.float32(np.e)


# --- devices and Symbol ----------------------------------------------------------------------------
def test_device_ctx_sets_the_device_for_the_block_only():
    ms.set_device("CPU", 0)
    with pytest.warns(UserWarning, match="device_target 'GPU' is not available"), ms.DeviceCtx("GPU", 1) as ctx:
        assert isinstance(ctx, ms.DeviceCtx) and ms.get_current_device() == ("GPU", 1)
    assert ms.get_current_device() == ("CPU", 0)
    with pytest.raises(ValueError, match=r"For DeviceCtx, the name must be one of \['CPU', 'GPU', 'Ascend'\], but "
                                         "got NPU."):
        with ms.DeviceCtx("NPU"):
            pass
    with pytest.raises(ValueError, match="For DeviceCtx, the device_id must be greater than or equal to 0."):
        with ms.DeviceCtx("CPU", -1):
            pass
    assert ms.get_current_device() == ("CPU", 0)


def test_symbol_keeps_its_constraints_and_checks_them():
    s = ms.Symbol(max=8, min=2, divisor=2)
    assert (s.max, s.min, s.divisor, s.remainder, s.unique) == (8, 2, 2, 0, False) and s.id == id(s)
    assert s.contains(4) and not s.contains(3) and not s.contains(10)
    with pytest.raises(ValueError, match="For 'Symbol', the 'min' value should be positive, but got 0"):
        ms.Symbol(min=0)
    with pytest.raises(ValueError, match=r"the 'remainder' value should be in the range '\[0, 2\)', but got 2"):
        ms.Symbol(divisor=2, remainder=2)
    with pytest.raises(TypeError, match="For 'Symbol', the argument 'max' must be int"):
        ms.Symbol(max=1.5)


# --- Tensors from memory -----------------------------------------------------------------------------
def test_from_numpy_copies_the_values_with_their_dtype():
    array = np.array([1, 2, 3], np.float32)
    t = ms.from_numpy(array)
    assert t.dtype == ms.float32 and t.asnumpy().tolist() == [1.0, 2.0, 3.0]
    with pytest.raises(TypeError, match="Expected a NumPy array"):
        ms.from_numpy([1, 2])


def test_frombuffer_reads_count_elements_after_offset():
    data = b"\x01\x00\x00\x00\x02\x00\x00\x00"
    assert ms.frombuffer(data, ms.int32).asnumpy().tolist() == [1, 2]
    assert ms.frombuffer(data, ms.int32, 1, 4).asnumpy().tolist() == [2]
    assert ms.frombuffer(bytearray(data), ms.int16).dtype == ms.int16
    with pytest.raises(ValueError, match=r"buffer length \(3 bytes\) after offset \(0 bytes\) must be a multiple of "
                                         r"element size \(4\)"):
        ms.frombuffer(b"\x01\x00\x00", ms.int32)
    with pytest.raises(TypeError, match="must implement the Python buffer protocol"):
        ms.frombuffer(3, ms.int32)
    with pytest.raises(TypeError, match="the 'dtype' must be a mindspore dtype object"):
        ms.frombuffer(data, np.int16)
    with pytest.raises(ValueError, match="the 'count' must be -1 or in"):
        ms.frombuffer(data, ms.int32, 3)


def test_swap_tensors_exchanges_values_shapes_and_dtypes():
    a, b = ms.Tensor(np.array([1.0, 2.0], np.float32)), ms.Tensor(np.array([3, 4, 5], np.int32))
    assert ms.swap_tensors(a, b) is None
    assert a.asnumpy().tolist() == [3, 4, 5] and a.dtype == ms.int32 and b.shape == (2,) and b.dtype == ms.float32
    with pytest.raises(TypeError, match="For 'swap_tensors', the 't2' must be a Tensor, but got int."):
        ms.swap_tensors(a, 1)
    with pytest.raises(TypeError, match="not a Parameter"):
        ms.swap_tensors(a, ms.Parameter(ms.Tensor(np.ones(2, np.float32)), name="p"))
    assert a.asnumpy().tolist() == [3, 4, 5]
