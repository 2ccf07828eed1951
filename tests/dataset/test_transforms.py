"""Random transforms: reproducible under dataset.config.set_seed, right distributions; bad input."""
import numpy as np
import pytest

import sporax as ms
import sporax.dataset as ds
import sporax.dataset.transforms as T
import sporax.dataset.vision as V

IMAGE = np.random.RandomState(0).randint(0, 256, (12, 16, 3)).astype(np.uint8)


def pipeline_images(operations, workers=1, n=8):
    data = ds.NumpySlicesDataset({"image": np.stack([IMAGE] * n)}, shuffle=False)
    data = data.map(operations, ["image"], num_parallel_workers=workers)
    return [r[0] for r in data.create_tuple_iterator(output_numpy=True, num_epochs=1)]


def test_random_transforms_repeat_under_a_seed_and_do_not_depend_on_workers():
    ops = [V.RandomResizedCrop(8), V.RandomHorizontalFlip(), V.RandomColorAdjust(0.4, 0.4, 0.4, 0.1),
           V.RandomRotation(15)]
    ds.config.set_seed(123)
    one = pipeline_images(ops)
    ds.config.set_seed(123)
    again = pipeline_images(ops, workers=3)
    assert all(np.array_equal(a, b) for a, b in zip(one, again))
    assert len({a.tobytes() for a in one}) > 1  # rows get different draws
    assert all(a.shape == (8, 8, 3) for a in one)


def test_random_horizontal_flip_probability():
    ds.config.set_seed(1)
    flipped = [np.array_equal(a, IMAGE[:, ::-1]) for a in pipeline_images(V.RandomHorizontalFlip(0.3), n=2000)]
    assert abs(np.mean(flipped) - 0.3) < 0.05  # 5 binomial sd
    assert not any(np.array_equal(a, IMAGE[:, ::-1]) for a in pipeline_images(V.RandomVerticalFlip(0.0), n=50))


def test_random_crop_is_a_window_of_the_padded_image():
    ds.config.set_seed(2)
    crop = V.RandomCrop(10, padding=2)
    padded = V.Pad(2)(IMAGE)
    for out in pipeline_images(crop, n=30):
        windows = [(t, l) for t in range(padded.shape[0] - 9) for l in range(padded.shape[1] - 9)
                   if np.array_equal(padded[t:t + 10, l:l + 10], out)]
        assert windows


def test_random_resized_crop_box_area_follows_scale():
    rng = np.random.default_rng(0)
    from sporax.dataset.vision.transforms import _crop_box
    boxes = [_crop_box(100, 100, (0.25, 0.5), (1.0, 1.0), 10, rng) for _ in range(500)]
    areas = np.array([h * w for _, _, h, w in boxes]) / 10000
    assert areas.min() >= 0.24 and areas.max() <= 0.51 and abs(areas.mean() - 0.375) < 0.02


def test_random_apply_choice_order_are_seeded():
    ds.config.set_seed(5)
    ops = [T.RandomChoice([V.HorizontalFlip(), V.VerticalFlip()]), T.RandomApply([V.Invert()], 0.5)]
    first = pipeline_images(ops, n=20)
    ds.config.set_seed(5)
    assert all(np.array_equal(a, b) for a, b in zip(first, pipeline_images(ops, n=20)))
    kinds = {(np.array_equal(a, IMAGE[:, ::-1]) or np.array_equal(a, 255 - IMAGE[:, ::-1]),
              a.mean() > 127.5 - IMAGE.mean() + 127.5 - 1) for a in first}
    assert len(kinds) > 1
    order = T.RandomOrder([lambda x: x + 1, lambda x: x * 2])
    results = {int(order(np.array(1))) for _ in range(40)}
    assert results == {3, 4}


def test_eager_random_transform_follows_set_seed():
    ds.config.set_seed(9)
    a = V.RandomCrop(5)(IMAGE)
    ds.config.set_seed(9)
    assert np.array_equal(a, V.RandomCrop(5)(IMAGE))


def test_compose_and_multi_output_transforms():
    both = T.Compose([T.TypeCast(ms.int32), T.Duplicate()])(np.array([1.5]))
    assert [b.tolist() for b in both] == [[1], [1]] and both[0].dtype == np.int32
    data = ds.NumpySlicesDataset({"x": [1, 2]}, shuffle=False).map(T.Duplicate(), ["x"], ["x", "y"])
    assert data.get_col_names() == ["x", "y"]
    crops = V.TenCrop(4)(IMAGE)
    assert len(crops) == 10 and np.array_equal(crops[0], IMAGE[:4, :4]) and np.array_equal(crops[5], IMAGE[:4, ::-1][:, :4])


def test_wrong_image_type_names_the_transform():
    with pytest.raises(TypeError, match="Input should be NumPy or PIL image, got <class 'str'>"):
        V.Resize(4)("abc")
    with pytest.raises(TypeError, match="For 'HorizontalFlip', the input should be a NumPy array or a PIL image"):
        V.HorizontalFlip()([1, 2, 3])
    with pytest.raises(TypeError, match="The number of array dimensions of the encoded image should be 1, but got 3"):
        V.Decode()(IMAGE)
    with pytest.raises(RuntimeError, match="Decode: cannot decode the image"):
        V.Decode()(np.array([1, 2, 3], np.uint8))
    with pytest.raises(TypeError, match="For 'Invert', the image must be uint8, but got float32"):
        V.Invert()(IMAGE.astype(np.float32))
    with pytest.raises(ValueError, match="For 'RandomCrop', the crop size \\[20, 20\\] is bigger than the image"):
        V.RandomCrop(20)(IMAGE)
    with pytest.raises(ValueError, match="For 'AdjustBrightness', the image must have 3 channels"):
        V.AdjustBrightness(2.0)(IMAGE[:, :, :1])


def test_wrong_image_type_inside_a_pipeline_names_the_column():
    data = ds.NumpySlicesDataset({"image": np.zeros((2, 4, 4, 3), np.float32)}, shuffle=False).map(V.Invert(), "image")
    with pytest.raises(TypeError, match=r"operation Invert failed on column\(s\) \['image'\]: For 'Invert', the image "
                                        r"must be uint8"):
        list(data)


def test_transform_argument_errors():
    with pytest.raises(ValueError, match="'size' must be within the interval"):
        V.Resize(-1)
    with pytest.raises(TypeError, match="'size' must be an int or a sequence of two ints"):
        V.CenterCrop("big")
    with pytest.raises(ValueError, match="Input num_classes must be greater than 0"):
        T.OneHot(0)
    with pytest.raises(TypeError, match="Argument data_type with value foo is not of type"):
        T.TypeCast("foo")
    with pytest.raises(TypeError, match="For 'Rescale', the argument 'rescale' must be of type"):
        V.Rescale("a", 0)
    with pytest.raises(ValueError, match="'prob' must be within the interval \\[0.0, 1.0\\]"):
        V.RandomHorizontalFlip(1.5)
    with pytest.raises(TypeError, match="'interpolation' must be of type Inter"):
        V.Resize(4, "bilinear")
    with pytest.raises(ValueError, match="mean and std must have the same length"):
        V.Normalize([1, 2], [1])


def test_batch_mixing_keeps_label_mass():
    ds.config.set_seed(3)
    images = np.stack([IMAGE] * 4)
    labels = np.eye(4, dtype=np.float32)
    mixed, mixed_labels = V.MixUpBatch(1.0)(images, labels)
    assert mixed.shape == images.shape and np.allclose(mixed_labels.sum(1), 1.0)
    cut, cut_labels = V.CutMixBatch(V.ImageBatchFormat.NHWC)(images, labels)
    assert cut.shape == images.shape and np.allclose(cut_labels.sum(1), 1.0)


def test_auto_augment_family_keeps_shape_and_dtype():
    ds.config.set_seed(4)
    for op in (V.AutoAugment(), V.AutoAugment(V.AutoAugmentPolicy.CIFAR10), V.RandAugment(),
               V.TrivialAugmentWide(), V.UniformAugment([V.Invert(), V.Equalize(), V.AutoContrast()], 2),
               V.RandomSelectSubpolicy([[(V.Invert(), 1.0)], [(V.Equalize(), 1.0)]])):
        out = op(IMAGE)
        assert out.shape == IMAGE.shape and out.dtype == np.uint8
    assert np.array_equal(V.RandomSelectSubpolicy([[(V.Invert(), 1.0)]])(IMAGE), 255 - IMAGE)
