"""Saves hand each WRITEBACK_STEP written to the disk as they go (sync_file_range), and a
file system that refuses is asked once; either way the file is whole and loads back bit for
bit. Loads fill fresh private mappings that JAX adopts."""
import numpy as np
import pytest

import sporax as ms
from sporax.train._ckpt import atomic_file, host_array

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
