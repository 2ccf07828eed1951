"""map then batch runs the map's trailing vectorisable operations once per batch
(MapDataset._apply_rows); the rows must be exactly those of the row-by-row path.
An identity lambda at the end of the operations turns the batched path off without
changing the pipeline's nodes, so both runs draw from the same per-row keys."""
import io

import numpy as np
import pytest
from PIL import Image

import sporax.dataset as ds
import sporax.dataset.vision as V
from sporax.dataset.engine.datasets import MapDataset


def _jpegs(count, sizes):
    rng = np.random.default_rng(3)
    out = []
    for k in range(count):
        height, width = sizes[k % len(sizes)]
        image = Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8))
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=85)
        out.append(np.frombuffer(buffer.getvalue(), np.uint8))
    return out


def _batches(operations, images, batch_size=5, workers=1):
    ds.config.set_seed(11)
    data = ds.GeneratorDataset(_Source(images), ["image", "label"], shuffle=True)
    data = data.map(operations, "image", num_parallel_workers=workers).batch(batch_size)
    return [tuple(column.copy() for column in row) for row in data.create_tuple_iterator(num_epochs=1,
                                                                                      output_numpy=True)]


class _Source:
    def __init__(self, images):
        self.images = images

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return self.images[index], np.int32(index)


PIPELINES = {
    "cifar": lambda: [V.Decode(), V.RandomCrop(32, padding=4), V.RandomHorizontalFlip(),
                      V.Normalize([125.3, 123.0, 113.9], [63.0, 62.1, 66.7]), V.HWC2CHW()],
    "reflect_vertical": lambda: [V.Decode(), V.RandomCrop((20, 28), padding=(2, 3), padding_mode=V.Border.REFLECT),
                                 V.RandomVerticalFlip(0.7), V.Rescale(1 / 255, -0.5)],
    "pad_if_needed_edge": lambda: [V.Decode(), V.RandomCrop(36, pad_if_needed=True, padding_mode=V.Border.EDGE,
                                                            fill_value=(1, 2, 3)), V.HWC2CHW()],
    "constant_fill": lambda: [V.Decode(), V.RandomCrop(30, padding=[1, 2, 3, 4], fill_value=(9, 8, 7)),
                              V.RandomHorizontalFlip(1.0)],
    "constant_pad_if_needed_extra": lambda: [V.Decode(), V.RandomCrop(36, padding=1, pad_if_needed=True,
                                                                      fill_value=5), V.HWC2CHW()],
    "constant_pad_if_needed_enough": lambda: [V.Decode(), V.RandomCrop((34, 33), padding=2, pad_if_needed=True),
                                              V.HWC2CHW(), V.Normalize([1.0], [3.0], is_hwc=False)],
}


@pytest.mark.parametrize("name", sorted(PIPELINES))
def test_batched_map_equals_row_by_row_map(name):
    images = _jpegs(23, [(32, 32)])
    batched = _batches(PIPELINES[name](), images)
    row_by_row = _batches(PIPELINES[name]() + [lambda image: image], images)
    assert len(batched) == len(row_by_row) == 5
    for got, want in zip(batched, row_by_row):
        assert got[0].dtype == want[0].dtype and got[0].shape == want[0].shape
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[1], want[1])


def test_batched_map_takes_the_batched_path_for_vectorisable_operations(monkeypatch):
    calls = []
    original = V.Normalize._apply_batch
    monkeypatch.setattr(V.Normalize, "_apply_batch", lambda self, batch, draws: calls.append(len(batch)) or
                        original(self, batch, draws))
    _batches(PIPELINES["cifar"](), _jpegs(12, [(32, 32)]), batch_size=5)
    assert sorted(calls) == [2, 5, 5]  # worker threads may finish the batches in any order


def test_batched_map_with_mixed_image_sizes_falls_back_to_rows_and_still_crops():
    images = _jpegs(10, [(32, 32), (40, 36)])
    got = _batches([V.Decode(), V.RandomCrop(24), V.HWC2CHW()], images)
    want = _batches([V.Decode(), V.RandomCrop(24), V.HWC2CHW(), lambda image: image], images)
    for a, b in zip(got, want):
        np.testing.assert_array_equal(a[0], b[0])
    assert got[0][0].shape == (5, 3, 24, 24)


def test_batched_map_error_names_the_operation_as_row_by_row_does():
    images = _jpegs(4, [(16, 16)])
    with pytest.raises(ValueError, match="RandomCrop"):
        _batches([V.Decode(), V.RandomCrop(20), V.HWC2CHW()], images, batch_size=2)


def test_normalize_pad_is_not_batched_as_normalize():
    assert V.NormalizePad([1.0], [2.0])._batch_plan((4, 4, 1), np.dtype(np.uint8)) is None
    assert MapDataset  # the batched path lives on MapDataset
