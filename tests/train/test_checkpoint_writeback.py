"""Saves hand each WRITEBACK_STEP written to the disk as they go (sync_file_range), and a
file system that refuses is asked once; either way the file is whole and loads back bit for
bit. Loads fill fresh private mappings that JAX adopts."""
import contextlib
import ctypes
import io
import mmap
import os
import sys

import numpy as np
import pytest

import sporax as ms
from sporax.train._ckpt import atomic_file, byte_stream, ckpt_file, host_array, safetensors_file

ms.set_context(progress_bar=False)


def _model():
    rng = np.random.default_rng(7)
    return {f"w{i}": rng.standard_normal(300_000 + i).astype(np.float32) for i in range(4)}


@pytest.mark.parametrize("fmt,kwargs", [("ckpt", {}), ("ckpt", {"crc_check": True}),
                                        ("ckpt", {"enc_key": b"0123456789abcdef"}), ("safetensors", {})])
def test_writeback_ranges_are_consecutive_and_cover_the_file(tmp_path, monkeypatch, fmt, kwargs):
    handed = []
    monkeypatch.setattr(atomic_file, "WRITEBACK_STEP", 1 << 18)
    monkeypatch.setattr(atomic_file, "_start_writeback", lambda fd, start, n, flags: handed.append((start, n, flags)) or 0)
    arrays = _model()
    path = tmp_path / f"m.{fmt}"
    ms.save_checkpoint({k: ms.Tensor(v) for k, v in arrays.items()}, str(path), format=fmt, **kwargs)
    size = path.stat().st_size
    assert len(handed) >= 3 and all(flags == 2 and n >= 1 << 18 for _, n, flags in handed)
    assert [start for start, _, _ in handed] == [0] + [s + n for s, n, _ in handed[:-1]]
    assert handed[-1][0] + handed[-1][1] > size - (1 << 18) - (1 << 20)  # up to the last step (1 MiB buffer)
    load_kwargs = {"dec_key": kwargs["enc_key"]} if "enc_key" in kwargs else kwargs
    loaded = ms.load_checkpoint(str(path), format=fmt, **load_kwargs)
    for name, array in arrays.items():
        np.testing.assert_array_equal(loaded[name].asnumpy(), array)


def test_a_refused_writeback_is_asked_once_and_the_save_is_whole(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(atomic_file, "WRITEBACK_STEP", 1 << 18)
    monkeypatch.setattr(atomic_file, "_start_writeback", lambda *args: calls.append(args) or -1)
    arrays = _model()
    path = tmp_path / "m.ckpt"
    ms.save_checkpoint({k: ms.Tensor(v) for k, v in arrays.items()}, str(path))
    assert len(calls) == 1
    loaded = ms.load_checkpoint(str(path))
    assert sorted(loaded) == sorted(arrays)
    for name, array in arrays.items():
        np.testing.assert_array_equal(loaded[name].asnumpy(), array)


@pytest.mark.skipif(atomic_file._start_writeback is None, reason="no sync_file_range here")
def test_the_real_sync_file_range_accepts_a_written_range(tmp_path):
    path = tmp_path / "f"
    with open(path, "wb") as file:
        file.write(b"x" * 8192)
        file.flush()
        assert atomic_file._start_writeback(file.fileno(), 0, 8192, 2) == 0


@pytest.mark.parametrize("shape,dtype", [((1 << 20,), np.float32), ((3, 700_001), np.int16), ((20_000,), np.float64)])
def test_host_arrays_are_aligned_writable_and_private(shape, dtype):
    array = host_array.empty(shape, dtype)
    assert array.shape == shape and array.dtype == dtype and array.flags.c_contiguous and array.flags.writeable
    assert array.ctypes.data % 64 == 0
    array[...] = 3
    assert int(array.sum()) == 3 * array.size


def _resident_pages(array):
    """Which of the pages of `array` (its own page-aligned mapping) are in memory: mincore."""
    libc = ctypes.CDLL(None, use_errno=True)
    pages = -(-array.nbytes // mmap.PAGESIZE)
    flags = (ctypes.c_ubyte * pages)()
    assert libc.mincore(ctypes.c_void_p(array.ctypes.data), ctypes.c_size_t(array.nbytes), flags) == 0
    return np.flatnonzero(np.frombuffer(flags, np.uint8) & 1)


_REAL_POPULATE = host_array._madvise is not None and sys.platform.startswith("linux")


@pytest.mark.skipif(not _REAL_POPULATE, reason="no MADV_POPULATE_WRITE here")
def test_populate_makes_exactly_the_whole_pages_inside_the_view_and_nothing_before():
    array = host_array.empty((8 << 20,), np.uint8)
    assert array.ctypes.data % mmap.PAGESIZE == 0
    assert len(_resident_pages(array)) == 0  # made step by step by the reader, not up front
    start, stop = 1000, 1000 + (3 << 20)
    host_array.populate(memoryview(array)[start:stop])
    page = mmap.PAGESIZE
    np.testing.assert_array_equal(_resident_pages(array), np.arange(-(-start // page), stop // page))
    assert not array[start:stop].any()  # fresh anonymous pages read as zeros, unchanged


@pytest.mark.skipif(not _REAL_POPULATE, reason="no MADV_POPULATE_WRITE here")
def test_populate_leaves_small_views_to_fault_in_as_written():
    array = host_array.empty((8 << 20,), np.uint8)
    host_array.populate(memoryview(array)[:host_array._POPULATED_FROM - 1])
    assert len(_resident_pages(array)) == 0


@pytest.mark.parametrize("fmt", ["ckpt", "safetensors"])
def test_one_tensor_far_larger_than_a_step_is_handed_over_a_step_at_a_time(tmp_path, monkeypatch, fmt):
    """A 2.3 MiB tensor with 256 KiB steps: the disk is asked for each step as it is written,
    not once the whole tensor (or a whole .ckpt slice) is in the page cache."""
    handed = []
    monkeypatch.setattr(atomic_file, "WRITEBACK_STEP", 1 << 18)
    monkeypatch.setattr(atomic_file, "_start_writeback", lambda fd, start, n, flags: handed.append((start, n)) or 0)
    array = np.random.default_rng(3).standard_normal(600_000).astype(np.float32)
    path = tmp_path / f"one.{fmt}"
    ms.save_checkpoint({"w": ms.Tensor(array)}, str(path), format=fmt)
    assert len(handed) >= array.nbytes // (1 << 18) - 1
    assert all((1 << 18) <= n < (1 << 18) + (1 << 20) for _, n in handed)
    assert [start for start, _ in handed] == [0] + [s + n for s, n in handed[:-1]]
    np.testing.assert_array_equal(ms.load_checkpoint(str(path), format=fmt)["w"].asnumpy(), array)


def test_a_short_write_is_left_to_the_buffered_writer_and_the_file_is_whole(tmp_path, monkeypatch):
    """The raw file may write less than asked (a signal, a pipe); the BufferedWriter above it
    writes the rest, and nothing is handed over twice."""
    handed = []
    monkeypatch.setattr(atomic_file, "WRITEBACK_STEP", 1 << 16)
    monkeypatch.setattr(atomic_file, "_start_writeback", lambda fd, start, n, flags: handed.append((start, n)) or 0)
    class ShortWrites(io.FileIO):
        def write(self, data):
            return super().write(memoryview(data)[:40_000])

    class ShortWritebackFile(atomic_file._WritebackFile, ShortWrites):  # its super().write is ShortWrites'
        pass

    monkeypatch.setattr(atomic_file, "_WritebackFile", ShortWritebackFile)
    array = np.arange(200_000, dtype=np.int32)
    path = tmp_path / "short.ckpt"
    ms.save_checkpoint({"w": ms.Tensor(array)}, str(path))
    assert [start for start, _ in handed] == [0] + [s + n for s, n in handed[:-1]]
    np.testing.assert_array_equal(ms.load_checkpoint(str(path))["w"].asnumpy(), array)


_LOADS = [("ckpt", {}), ("ckpt", {"crc_check": True}), ("ckpt", {"enc_key": b"0123456789abcdef"}),
          ("safetensors", {})]
_WINDOW = 1 << 18
_LEAD = 2 << 20
_SLICE = 1 << 20


def _load_kwargs(kwargs):
    return {"dec_key": kwargs["enc_key"]} if "enc_key" in kwargs else kwargs


def _sliced_file(tmp_path, monkeypatch, fmt, kwargs):
    """A 12 MB tensor (12 .ckpt slices of 1 MiB) and a small one, saved; the reading ahead
    scaled down (2 MiB ahead in 256 KiB requests, reads of 512 KiB)."""
    rng = np.random.default_rng(5)
    arrays = {"big": rng.standard_normal(3_000_000).astype(np.float32),  # 12 MB: its own mapping
              "small": rng.standard_normal(1000).astype(np.float32)}
    path = tmp_path / f"m.{fmt}"
    monkeypatch.setattr(ckpt_file, "SLICE_BYTES", _SLICE)
    ms.save_checkpoint({k: ms.Tensor(v) for k, v in arrays.items()}, str(path), format=fmt, **kwargs)
    monkeypatch.setattr(byte_stream, "LEAD", _LEAD)
    monkeypatch.setattr(byte_stream, "BULK", _LEAD // 4)  # as LEAD / BULK in earnest
    monkeypatch.setattr(byte_stream, "read_ahead_window", lambda descriptor: _WINDOW)
    return arrays, path


class _RecordedReads(io.FileIO):
    """A file that notes where each readinto starts and how much it asks for."""
    events: list = []

    def readinto(self, buffer):
        self.events.append(("read", self.tell(), len(buffer)))
        return super().readinto(buffer)


def _recorded_open(events):
    def open_regular(path):
        _RecordedReads.events = events
        return _RecordedReads(os.open(path, os.O_RDONLY), "rb")
    return open_regular


@pytest.mark.skipif(byte_stream._WILLNEED is None or not hasattr(os, "posix_fadvise"), reason="no posix_fadvise")
@pytest.mark.parametrize("fmt,kwargs", _LOADS)
def test_loads_keep_the_disk_a_lead_ahead_of_every_read_across_slices(tmp_path, monkeypatch, fmt, kwargs):
    """Before every read of the file, the LEAD bytes in front of it (up to the end) have been
    asked for, a read-ahead window per posix_fadvise(WILLNEED), each byte once, through the
    .ckpt slices of one tensor and the records between them; the first request goes out
    before the big array's pages are made."""
    arrays, path = _sliced_file(tmp_path, monkeypatch, fmt, kwargs)
    events = []
    real_fadvise, real_empty = os.posix_fadvise, host_array.empty
    monkeypatch.setattr(os, "posix_fadvise", lambda fd, start, n, how: events.append(("ask", start, n, how)) or
                        real_fadvise(fd, start, n, how))
    monkeypatch.setattr(host_array, "empty", lambda shape, dtype: events.append(("make", shape)) or
                        real_empty(shape, dtype))
    monkeypatch.setattr(ckpt_file, "open_regular", _recorded_open(events))
    monkeypatch.setattr(safetensors_file, "open_regular", _recorded_open(events))
    loaded = ms.load_checkpoint(str(path), format=fmt, **_load_kwargs(kwargs))
    for name, array in arrays.items():
        np.testing.assert_array_equal(loaded[name].asnumpy(), array)
    asks = [(e[1], e[2]) for e in events if e[0] == "ask"]
    assert all(e[3] == os.POSIX_FADV_WILLNEED for e in events if e[0] == "ask")
    assert all(0 < n <= _WINDOW for _, n in asks)
    assert [start for start, _ in asks][1:] == [s + n for s, n in asks[:-1]]  # each byte asked once, in order
    end = path.stat().st_size - (ckpt_file.CRC_TRAILER if kwargs.get("crc_check") else 0)
    assert asks[-1][0] + asks[-1][1] == end  # up to the end of what is read
    requested = 0
    bulk_reads = 0
    for event in events:
        if event[0] == "ask":
            requested = event[1] + event[2]
        elif event[0] == "read" and event[1] >= asks[0][0] and event[1] + event[2] <= end:
            position = event[1]
            assert requested >= min(end, position + _LEAD - _WINDOW), (position, requested)
            bulk_reads += event[2] >= 1 << 16
    assert bulk_reads >= arrays["big"].nbytes // max(byte_stream.BULK, 1 << 20)
    big_made = next(i for i, e in enumerate(events) if e[0] == "make" and e[1] == (3_000_000,))
    assert any(e[0] == "ask" for e in events[:big_made])


@pytest.mark.skipif(byte_stream._WILLNEED is None or not hasattr(os, "posix_fadvise"), reason="no posix_fadvise")
@pytest.mark.parametrize("fmt,kwargs", _LOADS)
def test_a_file_truncated_in_a_later_slice_while_read_ahead_is_refused(tmp_path, monkeypatch, fmt, kwargs):
    """The file is cut in its fourth MiB once the reading ahead has asked for it (the disk
    asked ahead of the reading, across slices): the load refuses with the truncation error
    and returns nothing, as without reading ahead."""
    arrays, path = _sliced_file(tmp_path, monkeypatch, fmt, kwargs)
    os.chmod(path, 0o600)
    cut = 3 * _SLICE + 12345
    real_fadvise = os.posix_fadvise

    def fadvise(fd, start, n, how):
        if start + n > cut and os.path.getsize(path) > cut:
            os.truncate(path, cut)
        return real_fadvise(fd, start, n, how)

    monkeypatch.setattr(os, "posix_fadvise", fadvise)
    with pytest.raises(ValueError, match=r"(it|the file) ended while being read \(it was truncated during the load\)"):
        ms.load_checkpoint(str(path), format=fmt, **_load_kwargs(kwargs))
    assert os.path.getsize(path) == cut
    monkeypatch.setattr(os, "posix_fadvise", real_fadvise)
    with pytest.raises(ValueError, match="truncated"):  # read afresh: refused up front, as before
        ms.load_checkpoint(str(path), format=fmt, **_load_kwargs(kwargs))


def test_the_read_ahead_window_is_the_devices_within_bounds(tmp_path):
    window = byte_stream.read_ahead_window(os.open(tmp_path, os.O_RDONLY))
    assert 128 << 10 <= window <= 8 << 20 and window % 4096 == 0


@pytest.mark.skipif(byte_stream._WILLNEED is None or not hasattr(os, "posix_fadvise"), reason="no posix_fadvise")
@pytest.mark.parametrize("fmt,kwargs", _LOADS)
def test_a_file_system_refusing_read_ahead_advice_is_asked_once_and_the_load_is_whole(
        tmp_path, monkeypatch, fmt, kwargs):
    arrays, path = _sliced_file(tmp_path, monkeypatch, fmt, kwargs)
    calls = []

    def refused(*args):
        calls.append(args)
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(os, "posix_fadvise", refused)
    loaded = ms.load_checkpoint(str(path), format=fmt, **_load_kwargs(kwargs))
    for name, array in arrays.items():
        np.testing.assert_array_equal(loaded[name].asnumpy(), array)
    assert len(calls) == 1


def test_a_kernel_refusing_populate_is_asked_once_and_loads_are_whole(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(host_array, "_madvise", lambda *args: calls.append(args) or -1)
    monkeypatch.setattr(byte_stream, "BULK", 1 << 20)
    array = np.random.default_rng(5).standard_normal(1_500_000).astype(np.float32)
    path = tmp_path / "one.ckpt"
    ms.save_checkpoint({"w": ms.Tensor(array)}, str(path))
    np.testing.assert_array_equal(ms.load_checkpoint(str(path))["w"].asnumpy(), array)
    assert len(calls) == 1 and host_array._madvise is None


@pytest.mark.parametrize("fmt,kwargs", _LOADS)
def test_loads_make_a_big_arrays_pages_a_step_at_a_time_just_before_reading_them(tmp_path, monkeypatch, fmt, kwargs):
    """Every step of a 6 MB tensor is populated (one madvise) just before the bytes are read
    into it, in order, covering the array once: the pages are not all made before the disk
    is read."""
    events = []

    made = []

    def record(start, n, how):  # what the step holds then, and the 16 bytes before the page before it
        earlier = start - mmap.PAGESIZE - 16  # the step's buffer starts at most a page before `start`
        inside = any(a.ctypes.data <= earlier < a.ctypes.data + a.nbytes for a in made)
        events.append((start, n, ctypes.string_at(earlier, 16) if inside else None, ctypes.string_at(start, 16)))
        return 0

    monkeypatch.setattr(host_array, "_madvise", record)
    monkeypatch.setattr(byte_stream, "BULK", 1 << 20)
    array = np.random.default_rng(6).standard_normal(1_500_000).astype(np.float32)
    path = tmp_path / f"one.{fmt}"
    ms.save_checkpoint({"w": ms.Tensor(array)}, str(path), format=fmt, **kwargs)
    real_empty = host_array.empty
    monkeypatch.setattr(host_array, "empty", lambda shape, dtype: made.append(real_empty(shape, dtype)) or made[-1])
    loaded = ms.load_checkpoint(str(path), format=fmt, **_load_kwargs(kwargs))
    np.testing.assert_array_equal(loaded["w"].asnumpy(), array)
    big = next(a for a in made if a.nbytes == array.nbytes)
    base = big.ctypes.data
    steps = [event for event in events if base <= event[0] < base + big.nbytes]
    # a .ckpt's first bytes of the tensor may come from the buffered window over its header
    assert 0 <= steps[0][0] - base <= byte_stream.WINDOW and all(n <= 1 << 20 for _, n, _, _ in steps)
    # in order, each page once; a page a step boundary cuts (a .ckpt slice's start) faults as written
    gaps = [start - (s + n) for (s, n, *_), (start, *_) in zip(steps, steps[1:])]
    assert all(0 <= gap <= mmap.PAGESIZE for gap in gaps) and len(steps) >= big.nbytes // (1 << 20) - 1, gaps
    assert base + big.nbytes - (steps[-1][0] + steps[-1][1]) < host_array._POPULATED_FROM + mmap.PAGESIZE
    raw = array.tobytes()
    for start, _, before, at in steps:
        assert at == bytes(16)  # not yet read into
        if before is not None:
            earlier = start - base - mmap.PAGESIZE - 16
            assert before == raw[earlier:earlier + 16]  # the step before is already in



@pytest.mark.parametrize("fmt,kwargs", _LOADS)
def test_the_load_bar_advances_with_each_step_of_one_big_tensor_to_the_files_size(tmp_path, monkeypatch, fmt, kwargs):
    """One 6 MB tensor read in 1 MiB steps moves the bar at least five times while it is read
    (not once, at the end), and the bar ends at the file's size."""
    from sporax._runtime import progress
    array = np.random.default_rng(8).standard_normal(1_500_000).astype(np.float32)
    path = tmp_path / f"one.{fmt}"
    ms.save_checkpoint({"w": ms.Tensor(array)}, str(path), format=fmt, **kwargs)
    monkeypatch.setattr(byte_stream, "BULK", 1 << 20)
    updates, totals = [], []

    class Recorded:
        def update(self, n):
            updates.append(n)

    monkeypatch.setattr(progress, "bar", lambda total, description: totals.append((total, description)) or
                        contextlib.nullcontext(Recorded()))
    loaded = ms.load_checkpoint(str(path), format=fmt, **_load_kwargs(kwargs))
    np.testing.assert_array_equal(loaded["w"].asnumpy(), array)
    assert totals == [(path.stat().st_size, f"load one.{fmt}")]
    assert sum(updates) == path.stat().st_size and all(n > 0 for n in updates)
    assert sum(n <= 1 << 20 for n in updates) >= 5, updates


def test_the_load_bar_shows_on_stderr_and_can_be_turned_off(tmp_path, capsys, monkeypatch):
    from sporax._runtime import progress
    path = tmp_path / "m.ckpt"
    ms.save_checkpoint({"w": ms.Tensor(np.arange(300_000, dtype=np.float32))}, str(path))
    monkeypatch.setattr(progress, "MIN_BYTES", 1)
    ms.set_context(progress_bar=True)
    try:
        ms.load_checkpoint(str(path))
        err = capsys.readouterr().err
        assert "load m.ckpt" in err and "100%" in err
    finally:
        ms.set_context(progress_bar=False)
    ms.load_checkpoint(str(path))
    assert capsys.readouterr().err == ""
