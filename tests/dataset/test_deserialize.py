"""deserialize(serialize(pipeline)) rebuilds the pipeline: same structure, same rows in the same
order under a fixed seed; pipelines holding Python callables are refused, naming them."""
import json

import numpy as np
import pytest

import sporax as ms
import sporax.dataset as ds
import sporax.dataset.transforms as T
import sporax.dataset.vision as V


def _rows(dataset):
    return [[c.tolist() for c in row] for row in dataset.create_tuple_iterator(num_epochs=1, output_numpy=True)]


def _pipeline(root):
    data = ds.ImageFolderDataset(str(root), decode=True, sampler=ds.SequentialSampler(num_samples=5))
    data = data.map([V.RandomCrop(3, padding=1, padding_mode=V.Border.REFLECT), V.Normalize([1.0] * 3, [2.0] * 3),
                     V.HWC2CHW()], "image")
    data = data.map(T.TypeCast(ms.int64), "label").shuffle(4).batch(2, drop_remainder=True).repeat(2)
    return data


def _image_folder(tmp_path):
    from PIL import Image
    rng = np.random.default_rng(0)
    for k in range(6):
        folder = tmp_path / f"class{k % 2}"
        folder.mkdir(exist_ok=True)
        Image.fromarray(rng.integers(0, 256, (5, 6, 3), dtype=np.uint8)).save(folder / f"{k}.png")
    return tmp_path


def test_deserialize_rebuilds_the_pipeline_with_the_same_rows(tmp_path):
    ds.config.set_seed(3)
    pipeline = _pipeline(_image_folder(tmp_path))
    path = str(tmp_path / "pipeline.json")
    description = ds.serialize(pipeline, path)
    rebuilt = ds.deserialize(json_filepath=path)
    assert ds.compare(pipeline, rebuilt)
    assert type(rebuilt).__name__ == "RepeatDataset" and rebuilt.get_dataset_size() == 4
    ds.config.set_seed(3)
    expected = _rows(pipeline)
    ds.config.set_seed(3)
    assert _rows(rebuilt) == expected and len(expected) == 4
    assert ds.deserialize(input_dict=json.loads(json.dumps(description))).get_col_names() == ["image", "label"]


def test_deserialize_rebuilds_zip_concat_and_numpy_slices():
    a = ds.NumpySlicesDataset({"x": np.arange(3, dtype=np.int32)}, shuffle=False)
    b = ds.NumpySlicesDataset({"y": np.arange(3, 6, dtype=np.int32)}, shuffle=False)
    pipeline = ds.zip((a, b)).project(["y", "x"]) + ds.zip((b.rename("y", "y"), a))
    rebuilt = ds.deserialize(ds.serialize(pipeline))
    assert _rows(rebuilt) == _rows(pipeline) == [[3, 0], [4, 1], [5, 2], [3, 0], [4, 1], [5, 2]]


def test_deserialize_refuses_python_callables_naming_them():
    data = ds.NumpySlicesDataset([1, 2], shuffle=False).map(lambda x: x + 1)
    with pytest.raises(ValueError, match="the Python callable '<lambda>'"):
        ds.deserialize(ds.serialize(data))
    with pytest.raises(ValueError, match="give input_dict or json_filepath"):
        ds.deserialize()
    with pytest.raises(ValueError, match="has no 'sporax_class'"):
        ds.deserialize({"op_type": "Batch", "children": []})
    with pytest.raises(ValueError, match="is not a sporax class"):
        ds.deserialize({"sporax_class": "os:system", "sporax_arguments": {}})
