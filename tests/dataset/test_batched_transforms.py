"""The batched paths of the vision transforms (`_apply_batch`, used when map is followed by
batch) give, bit for bit, what the transform gives image by image: hypothesis over shapes,
dtypes, layouts, paddings and seeds. Random transforms take the per-image draws; the
per-image run replays each draw from the same per-row key."""
import os

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import sporax.dataset as ds
import sporax.dataset.vision as V
from sporax.dataset import _random
from sporax.dataset.engine import _files
from sporax.dataset.engine.datasets import _reordered_for_batches

SETTINGS = settings(max_examples=30, deadline=None)


def _batch(seed, count, height, width, channels, dtype):
    rng = np.random.default_rng(seed)
    if np.dtype(dtype).kind == "f":
        return (rng.standard_normal((count, height, width, channels)) * 100).astype(dtype)
    return rng.integers(0, 256, (count, height, width, channels)).astype(dtype)


def _per_image_and_batched(operation, batch, seed):
    """(the images run one by one, each under its row key; the batch run once with the same
    rows' draws)."""
    singles, draws = [], []
    for i, image in enumerate(batch):
        with _random.row_generator((seed, 0, 1, i)):
            singles.append(operation(image.copy()))
        with _random.row_generator((seed, 0, 1, i)):
            draws.append(operation._draw(image.shape) if hasattr(operation, "_draw") else None)
    return np.stack(singles), operation._apply_batch(batch.copy(), draws)


@SETTINGS
@given(seed=st.integers(0, 2**31 - 1), count=st.integers(1, 6), height=st.integers(1, 9),
       width=st.integers(1, 9), channels=st.sampled_from([1, 3, 4]),
       dtype=st.sampled_from([np.uint8, np.int32, np.float32, np.float64]), hwc=st.booleans(),
       one_value=st.booleans())
def test_batched_normalize_equals_per_image(seed, count, height, width, channels, dtype, hwc, one_value):
    rng = np.random.default_rng(seed)
    size = 1 if one_value else channels
    mean = [float(v) for v in rng.uniform(0, 255, size)]
    std = [float(v) for v in rng.uniform(0.5, 255, size)]
    batch = _batch(seed, count, height, width, channels, dtype)
    if not hwc:
        batch = np.ascontiguousarray(batch.transpose(0, 3, 1, 2))
    operation = V.Normalize(mean, std, is_hwc=hwc)
    single, batched = _per_image_and_batched(operation, batch, seed)
    assert batched.dtype == single.dtype == np.float32
    np.testing.assert_array_equal(batched, single)


@SETTINGS
@given(seed=st.integers(0, 2**31 - 1), count=st.integers(1, 5), height=st.integers(1, 8),
       width=st.integers(1, 8), channels=st.sampled_from([1, 3]), dtype=st.sampled_from([np.uint8, np.float32]))
def test_normalize_then_hwc2chw_reordered_equals_the_given_order(seed, count, height, width, channels, dtype):
    rng = np.random.default_rng(seed)
    mean = [float(v) for v in rng.uniform(0, 255, channels)]
    std = [float(v) for v in rng.uniform(0.5, 255, channels)]
    operations = [V.Normalize(mean, std), V.HWC2CHW()]
    reordered = _reordered_for_batches(operations)
    assert [type(o).__name__ for o in reordered] == ["HWC2CHW", "Normalize"] and not reordered[1].is_hwc
    batch = _batch(seed, count, height, width, channels, dtype)
    for operation in reordered:
        batch = operation._apply_batch(batch, [None] * count)
    want = np.stack([operations[1](operations[0](image)) for image in _batch(seed, count, height, width, channels,
                                                                             dtype)])
    np.testing.assert_array_equal(batch, want)


@SETTINGS
@given(seed=st.integers(0, 2**31 - 1), count=st.integers(1, 5), height=st.integers(2, 10),
       width=st.integers(2, 10), channels=st.sampled_from([1, 3]), dtype=st.sampled_from([np.uint8, np.float32]),
       crop=st.tuples(st.integers(1, 12), st.integers(1, 12)), padding=st.tuples(*[st.integers(0, 3)] * 4),
       pad_if_needed=st.booleans(), fill=st.sampled_from([0, 255, (7, 8, 9)]),
       mode=st.sampled_from([V.Border.CONSTANT, V.Border.EDGE, V.Border.REFLECT, V.Border.SYMMETRIC]))
def test_batched_random_crop_equals_per_image(seed, count, height, width, channels, dtype, crop, padding,
                                              pad_if_needed, fill, mode):
    operation = V.RandomCrop(crop, padding=list(padding), pad_if_needed=pad_if_needed, fill_value=fill,
                             padding_mode=mode)
    batch = _batch(seed, count, height, width, channels, dtype)
    if operation._batch_plan(batch.shape[1:], batch.dtype) is None:
        with pytest.raises(ValueError, match="RandomCrop"):
            operation(batch[0])
        return
    if mode == V.Border.REFLECT and max(padding) >= min(height, width):
        return  # reflection needs more rows than it pads, image by image as in a batch
    single, batched = _per_image_and_batched(operation, batch, seed)
    assert batched.shape == single.shape and batched.dtype == single.dtype
    np.testing.assert_array_equal(batched, single)


@SETTINGS
@given(seed=st.integers(0, 2**31 - 1), count=st.integers(1, 7), height=st.integers(1, 6), width=st.integers(1, 6),
       channels=st.sampled_from([1, 3, 4]), dtype=st.sampled_from([np.uint8, np.float32]),
       prob=st.sampled_from([0.0, 0.5, 1.0]), vertical=st.booleans(), chw_view=st.booleans())
def test_batched_random_flips_equal_per_image(seed, count, height, width, channels, dtype, prob, vertical, chw_view):
    operation = (V.RandomVerticalFlip if vertical else V.RandomHorizontalFlip)(prob)
    batch = _batch(seed, count, height, width, channels, dtype)
    if chw_view:  # a non-contiguous batch (a transposed view) takes the general path
        batch = np.ascontiguousarray(batch.transpose(0, 3, 1, 2)).transpose(0, 2, 3, 1)
    singles, draws = [], []
    for i, image in enumerate(batch):
        with _random.row_generator((seed, 0, 1, i)):
            singles.append(operation(image.copy()))
        with _random.row_generator((seed, 0, 1, i)):
            draws.append(operation._draw(image.shape))
    np.testing.assert_array_equal(operation._apply_batch(batch, draws), np.stack(singles))


def test_row_keys_reuse_one_philox_and_draw_what_a_new_one_draws():
    for key in [(0,), (1, 2, 3, 4), (2**32 - 1, 5, 0, 2**31), (9, 9)]:
        got = _random._keyed(key)
        first = (got.integers(0, 1000, 5).tolist(), got.random(), got.normal(), got.integers(0, 2**40))
        want = np.random.Generator(np.random.Philox(key=_random._key_of(key)))
        assert first == (want.integers(0, 1000, 5).tolist(), want.random(), want.normal(), want.integers(0, 2**40))


@pytest.mark.parametrize("size", [0, 1, 5000, 70000, 3 * 2**20 + 7])
def test_read_bytes_reads_the_whole_file(tmp_path, size):
    data = np.random.default_rng(size).integers(0, 256, size, dtype=np.uint8).tobytes()
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    assert _files.read_bytes(str(path)) == data


def test_read_bytes_of_a_missing_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        _files.read_bytes(str(tmp_path / "missing.jpg"))


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), size=st.sampled_from([(32, 32), (20, 28)]), batch_size=st.integers(2, 7))
def test_image_folder_pipeline_batched_equals_row_by_row(tmp_path_factory, seed, size, batch_size):
    from PIL import Image
    root = tmp_path_factory.mktemp("images")
    rng = np.random.default_rng(seed)
    for k in range(11):
        folder = root / f"c{k % 3}"
        folder.mkdir(exist_ok=True)
        Image.fromarray(rng.integers(0, 256, (*size, 3), dtype=np.uint8)).save(folder / f"{k}.jpg", quality=90)

    def batches(extra):
        ds.config.set_seed(seed)
        data = ds.ImageFolderDataset(str(root), shuffle=True)
        data = data.map([V.Decode(), V.RandomCrop(16, padding=2), V.RandomHorizontalFlip(),
                         V.Normalize([125.3, 123.0, 113.9], [63.0, 62.1, 66.7]), V.HWC2CHW()] + extra, "image")
        return [tuple(c.copy() for c in row) for row in
                data.batch(batch_size).create_tuple_iterator(num_epochs=1, output_numpy=True)]

    batched, row_by_row = batches([]), batches([lambda image: image])
    assert len(batched) == len(row_by_row) == -(-11 // batch_size)
    for got, want in zip(batched, row_by_row):
        assert got[0].flags.c_contiguous and got[0].shape == (len(got[1]), 3, 16, 16)
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[1], want[1])


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="needs Linux's /proc")
def test_read_bytes_reads_a_file_reporting_size_zero_to_its_end():
    assert os.stat("/proc/self/stat").st_size == 0
    assert _files.read_bytes("/proc/self/stat").startswith(f"{os.getpid()} (".encode())
