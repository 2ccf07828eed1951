"""A batch's rows read and prepared on the source's reading threads (`_row_threads`): the
batches, the errors and their order must be those of one thread reading row after row."""
import io
import os
import re
import threading

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from PIL import Image

import sporax.dataset as ds
import sporax.dataset.vision as V
from sporax.dataset.engine import _row_threads


def _write_folder(root, sizes, count=40):
    rng = np.random.default_rng(5)
    for k in range(count):
        folder = root / f"class_{k % 3}"
        folder.mkdir(exist_ok=True)
        height, width = sizes[k % len(sizes)]
        buffer = io.BytesIO()
        Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8)).save(buffer, format="JPEG")
        (folder / f"{k:03d}.jpg").write_bytes(buffer.getvalue())
    return root


@pytest.fixture(scope="module")
def square_folder(tmp_path_factory):
    return _write_folder(tmp_path_factory.mktemp("square"), [(32, 32)])


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory):
    return _write_folder(tmp_path_factory.mktemp("mixed"), [(32, 32)] * 5 + [(30, 34)])


def _cifar(row_by_row=False):
    operations = [V.Decode(), V.RandomCrop(28, padding=4), V.RandomHorizontalFlip(),
                  V.Normalize([125.3, 123.0, 113.9], [63.0, 62.1, 66.7]), V.HWC2CHW()]
    # An identity at the end turns the batched path off without changing the pipeline's nodes.
    return operations + [lambda image: image] if row_by_row else operations


def _batches(root, reading_threads, batch_size, seed=3, row_by_row=False, map_workers=1, shuffle=True):
    ds.config.set_seed(seed)
    data = ds.ImageFolderDataset(str(root), shuffle=shuffle, num_parallel_workers=reading_threads)
    data = data.map(_cifar(row_by_row), "image", num_parallel_workers=map_workers).batch(batch_size)
    return [tuple(column.copy() for column in row)
            for row in data.create_tuple_iterator(num_epochs=1, output_numpy=True)]


def _assert_same_batches(got, want):
    assert len(got) == len(want)
    for a, b in zip(got, want):
        for x, y in zip(a, b):
            assert x.dtype == y.dtype and x.shape == y.shape
            np.testing.assert_array_equal(x, y)


@given(count=st.integers(0, 300), threads=st.integers(1, 12))
def test_chunk_ranges_cut_the_rows_in_order_into_chunks_of_enough_rows(count, threads):
    ranges = _row_threads.chunk_ranges(count, threads)
    assert [j for part in ranges for j in part] == list(range(count))
    assert 1 <= len(ranges) <= threads
    if len(ranges) > 1:
        assert min(len(part) for part in ranges) >= _row_threads.MIN_ROWS_PER_CHUNK
        assert max(len(part) for part in ranges) - min(len(part) for part in ranges) <= 1


@settings(max_examples=12, deadline=None)
@given(threads=st.integers(2, 5), batch_size=st.sampled_from([8, 17, 32, 40]), seed=st.integers(0, 2**31 - 1),
       map_workers=st.sampled_from([1, 2]))
def test_threaded_batches_equal_one_thread_and_the_row_by_row_path(square_folder, threads, batch_size, seed,
                                                                  map_workers):
    threaded = _batches(square_folder, threads, batch_size, seed, map_workers=map_workers)
    _assert_same_batches(threaded, _batches(square_folder, 1, batch_size, seed))
    _assert_same_batches(threaded, _batches(square_folder, 1, batch_size, seed, row_by_row=True))


def test_rows_of_two_sizes_fall_back_to_rows_and_equal_the_row_by_row_path(mixed_folder):
    # The 30x34 rows cannot join the 32x32 ones before the crop: the batch runs row by row.
    threaded = _batches(mixed_folder, 4, 40, seed=4)
    _assert_same_batches(threaded, _batches(mixed_folder, 1, 40, seed=4, row_by_row=True))
    _assert_same_batches(threaded, _batches(mixed_folder, 1, 40, seed=4))


def test_map_chunks_runs_the_chunks_at_once_and_returns_them_in_order():
    meeting = threading.Barrier(3, timeout=30)  # broken (an error) unless three chunks run at once

    def work(part):
        meeting.wait()
        return list(part)
    assert _row_threads.map_chunks(work, 30, 3) == [list(range(10)), list(range(10, 20)), list(range(20, 30))]


def test_an_error_in_a_pool_chunk_is_raised_after_every_chunk_ends():
    ended = []

    def work(part):
        if part.start:
            raise KeyError(part.start)
        ended.append(part.start)
        return part
    with pytest.raises(KeyError):
        _row_threads.map_chunks(work, 32, 2)
    assert ended == [0]


def test_a_batch_is_read_on_as_many_threads_as_its_source_reads_with(square_folder, monkeypatch):
    asked = []
    original = _row_threads.map_chunks
    monkeypatch.setattr(_row_threads, "map_chunks", lambda work, count, threads: asked.append(threads) or
                        original(work, count, threads))
    _batches(square_folder, 3, 40)
    assert asked == [3]
    configured = ds.config.get_num_parallel_workers()
    ds.config.set_num_parallel_workers(5)
    try:
        asked.clear()
        _batches(square_folder, None, 40)
        assert asked == [5]  # a source without a count reads on the configured workers, as MindSpore's
    finally:
        ds.config.set_num_parallel_workers(configured)


def test_a_stateful_operation_before_the_batched_ones_keeps_one_thread(square_folder, monkeypatch):
    seen = set()

    def record(data):
        seen.add(threading.get_ident())
        return data
    ds.config.set_seed(1)
    data = ds.ImageFolderDataset(str(square_folder), shuffle=False, num_parallel_workers=4)
    data = data.map([record, V.Decode(), V.RandomHorizontalFlip()], "image").batch(40)
    list(data.create_tuple_iterator(num_epochs=1, output_numpy=True))
    assert len(seen) == 1


def test_missing_files_in_two_chunks_raise_the_first_rows_error_as_one_thread(tmp_path):
    root = _write_folder(tmp_path, [(32, 32)])

    def pipeline(threads):
        data = ds.ImageFolderDataset(str(root), shuffle=False, num_parallel_workers=threads)
        return data.map(_cifar(), "image").batch(40)

    def error(data):
        ds.config.set_seed(2)
        with pytest.raises(Exception) as raised:
            list(data.create_tuple_iterator(num_epochs=1, output_numpy=True))
        return raised.value
    # The folder is listed when the dataset is made: the files vanish afterwards.
    threaded, one = pipeline(4), pipeline(1)
    rows = [str(path) for folder in sorted(root.iterdir()) for path in sorted(folder.iterdir())]
    early, late = rows[3], rows[35]
    os.unlink(late)
    os.unlink(early)
    threaded, one = error(threaded), error(one)
    assert type(threaded) is type(one) and str(threaded) == str(one)
    assert os.path.basename(early) in str(threaded)


def test_a_corrupt_image_in_a_later_chunk_raises_as_row_by_row(tmp_path):
    root = _write_folder(tmp_path, [(32, 32)])
    corrupt = sorted((tmp_path / "class_1").iterdir())[-1]
    corrupt.write_bytes(b"\xff\xd8 not a jpeg")

    def error(threads, row_by_row):
        ds.config.set_seed(2)
        data = ds.ImageFolderDataset(str(root), shuffle=False, num_parallel_workers=threads)
        data = data.map(_cifar(row_by_row), "image").batch(40)
        with pytest.raises(RuntimeError) as raised:
            list(data.create_tuple_iterator(num_epochs=1, output_numpy=True))
        return re.sub(r" at 0x[0-9a-f]+", "", str(raised.value))  # the operations' reprs
    assert error(4, False) == error(1, False) == error(1, True)
    assert "cannot decode" in error(4, False)
