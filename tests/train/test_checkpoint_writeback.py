"""Saves hand each WRITEBACK_STEP written to the disk as they go (sync_file_range), and a
file system that refuses is asked once; either way the file is whole and loads back bit for
bit. Loads fill fresh private mappings that JAX adopts."""
import io
import os

import numpy as np
import pytest

import sporax as ms
from sporax.train._ckpt import atomic_file, byte_stream, host_array

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


@pytest.mark.parametrize("fmt,kwargs", [("ckpt", {}), ("ckpt", {"crc_check": True}), ("safetensors", {})])
def test_loads_ask_the_disk_for_a_tensor_before_making_its_pages(tmp_path, monkeypatch, fmt, kwargs):
    """posix_fadvise(WILLNEED) over each large tensor's bytes, at most AHEAD in front of the
    reading, every byte of the data asked for once; small reads left to the kernel."""
    if byte_stream._WILLNEED is None or not hasattr(os, "posix_fadvise"):
        pytest.skip("no posix_fadvise here")
    rng = np.random.default_rng(5)
    arrays = {"big": rng.standard_normal(3_000_000).astype(np.float32),  # 12 MB: its own mapping
              "small": rng.standard_normal(1000).astype(np.float32)}
    path = tmp_path / f"m.{fmt}"
    ms.save_checkpoint({k: ms.Tensor(v) for k, v in arrays.items()}, str(path), format=fmt, **kwargs)
    monkeypatch.setattr(byte_stream, "AHEAD", 5 << 20)
    monkeypatch.setattr(byte_stream, "_AHEAD_STEP", 1 << 20)
    monkeypatch.setattr(byte_stream, "BULK", 1 << 19)  # reads in smaller steps than the requests
    advice, made = [], []
    real_fadvise, real_empty = os.posix_fadvise, host_array.empty
    monkeypatch.setattr(os, "posix_fadvise", lambda fd, start, n, how: advice.append((start, n, how)) or real_fadvise(
        fd, start, n, how))
    monkeypatch.setattr(host_array, "empty", lambda shape, dtype: made.append(len(advice)) or real_empty(shape, dtype))
    loaded = ms.load_checkpoint(str(path), format=fmt, **kwargs)
    for name, array in arrays.items():
        np.testing.assert_array_equal(loaded[name].asnumpy(), array)
    assert advice and all(how == os.POSIX_FADV_WILLNEED and 0 < n <= 5 << 20 for _, _, how in advice for n in [_])
    assert [start for start, _, _ in advice][1:] == [s + n for s, n, _ in advice[:-1]]  # each byte asked once
    covered = sum(n for _, n, _ in advice)
    assert arrays["big"].nbytes - (1 << 20) <= covered <= path.stat().st_size
    big_made = made[0] if fmt == "safetensors" else made[-1]  # safetensors puts the larger first; .ckpt in order
    assert big_made >= 1  # the first request went out before the big array's pages were made
