"""Worker processes leave the cheap, draw-free tail of a batch's operations (HWC2CHW,
Normalize) to the consumer (`datasets._leaves_tail`, `BatchDataset._finish_in_consumer`),
so a uint8 batch crosses processes instead of a float32 one four times its size: the
batches must be exactly those of one thread and of the row-by-row path."""
import io
import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from PIL import Image

import sporax.dataset as ds
import sporax.dataset.vision as V
from sporax.dataset.engine import datasets as engine

MEAN, STD = [125.3, 123.0, 113.9], [63.0, 62.1, 66.7]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("tail")
    rng = np.random.default_rng(8)
    for k in range(45):
        (root / f"class_{k % 3}").mkdir(exist_ok=True)
        buffer = io.BytesIO()
        Image.fromarray(rng.integers(0, 256, (32, 32, 3), dtype=np.uint8)).save(buffer, format="JPEG")
        (root / f"class_{k % 3}" / f"{k:03d}.jpg").write_bytes(buffer.getvalue())
    return root


def _operations(row_by_row=False):
    operations = [V.Decode(), V.RandomCrop(28, padding=4), V.RandomHorizontalFlip(), V.Normalize(MEAN, STD),
                  V.HWC2CHW()]
    # An identity at the end turns the batched path off without changing the pipeline's nodes.
    return operations + [lambda image: image] if row_by_row else operations


def _epochs(root, seed, batch_size, processes, row_by_row=False, epochs=2):
    ds.config.set_seed(seed)
    data = ds.ImageFolderDataset(str(root), shuffle=True, num_parallel_workers=2)
    data = data.map(_operations(row_by_row), "image", num_parallel_workers=2 if processes else 1,
                    python_multiprocessing=processes).batch(batch_size)
    iterator = data.create_tuple_iterator(num_epochs=epochs, output_numpy=True)
    with warnings.catch_warnings():  # the pipeline really goes to worker processes: no thread fallback
        warnings.simplefilter("error", RuntimeWarning)
        out = [[tuple(np.array(column) for column in row) for row in iterator] for _ in range(epochs)]
    iterator.stop()
    return out


def _assert_same(got, want):
    assert len(got) == len(want)
    for epoch_got, epoch_want in zip(got, want):
        assert len(epoch_got) == len(epoch_want)
        for a, b in zip(epoch_got, epoch_want):
            for x, y in zip(a, b):
                assert type(x) is np.ndarray and x.dtype == y.dtype and x.shape == y.shape
                np.testing.assert_array_equal(x, y)


@settings(max_examples=3, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), batch_size=st.sampled_from([8, 16, 45]))
def test_process_batches_finished_in_the_consumer_equal_one_thread_and_row_by_row(folder, seed, batch_size):
    processes = _epochs(folder, seed, batch_size, processes=True)
    _assert_same(processes, _epochs(folder, seed, batch_size, processes=False))
    _assert_same(processes, _epochs(folder, seed, batch_size, processes=False, row_by_row=True))


def test_workers_send_the_uint8_batch_and_the_consumer_runs_hwc2chw_and_normalize(folder, monkeypatch):
    seen = []
    finish = engine.BatchDataset._finish_in_consumer

    def spy(self, element):
        left, batch = element
        seen.append((left, batch[0].dtype, batch[0].shape))
        return finish(self, element)
    monkeypatch.setattr(engine.BatchDataset, "_finish_in_consumer", spy)
    batches = _epochs(folder, 5, 16, processes=True, epochs=1)[0]
    assert seen == [(2, np.dtype(np.uint8), (16, 28, 28, 3))] * 2 + [(2, np.dtype(np.uint8), (13, 28, 28, 3))]
    assert [b[0].shape for b in batches] == [(16, 3, 28, 28)] * 2 + [(13, 3, 28, 28)]
    assert all(b[0].dtype == np.float32 for b in batches)


def test_a_map_after_the_batch_sees_the_finished_batch(folder):
    # Only the iterated batch node may leave its tail: a node above it needs the final values.
    def run(processes):
        ds.config.set_seed(2)
        data = ds.ImageFolderDataset(str(folder), shuffle=True, num_parallel_workers=2)
        data = data.map(_operations(), "image", num_parallel_workers=2, python_multiprocessing=processes)
        data = data.batch(15).map(lambda image: image * 2, "image")
        iterator = data.create_tuple_iterator(num_epochs=1, output_numpy=True)
        out = [np.array(row[0]) for row in iterator]
        iterator.stop()
        return out
    got, want = run(True), run(False)
    assert len(got) == len(want) == 3
    for x, y in zip(got, want):
        assert x.dtype == np.float32
        np.testing.assert_array_equal(x, y)


def _plan(operations, shape, dtype):
    return engine.MapDataset._batch_plans(operations, shape, dtype)


def test_the_tail_starts_where_the_batch_is_narrowest_and_draws_nothing():
    chw = engine._reordered_for_batches([V.Normalize(MEAN, STD), V.HWC2CHW()])
    assert engine._leaves_tail(chw, _plan(chw, (8, 8, 3), np.uint8)) == 0  # both left: uint8 crosses
    # A float32 batch is as wide before Normalize as after: nothing is left.
    assert engine._leaves_tail(chw, _plan(chw, (8, 8, 3), np.float32)) == 2
    # A random operation after them keeps them in the worker (it draws per row there).
    drawn = [V.Normalize(MEAN, STD), V.RandomHorizontalFlip()]
    assert engine._leaves_tail(drawn, _plan(drawn, (8, 8, 3), np.uint8)) == 2
    # Rescale then HWC2CHW: the cut is before Rescale (HWC2CHW on float32 is left too).
    rescaled = [V.RandomHorizontalFlip(), V.Rescale(1 / 255, 0), V.HWC2CHW()]
    assert engine._leaves_tail(rescaled, _plan(rescaled, (8, 8, 3), np.uint8)) == 1
