import json

import numpy as np
import pytest

import sporax as ms
import sporax.dataset as ds
import sporax.dataset.vision as V


def schema():
    s = ds.Schema()
    s.add_column("image", de_type=ms.uint8, shape=[2, 2])
    s.add_column("label", de_type=ms.int32, shape=[1])
    return s


def test_schema_json_matches_mindspore_form(tmp_path):
    assert json.loads(schema().to_json()) == {"columns": [
        {"name": "image", "rank": 2, "shape": [2, 2], "type": "uint8"},
        {"name": "label", "rank": 1, "shape": [1], "type": "int32"}]}
    path = tmp_path / "schema.json"
    path.write_text(json.dumps({"columns": {"a": {"type": "float32", "rank": 1, "shape": [3]}}, "numRows": 5}))
    loaded = ds.Schema(str(path))
    assert loaded.get_num_rows() == 5 and json.loads(loaded.to_json())["columns"][0]["shape"] == [3]
    with pytest.raises(TypeError, match="Unknown column type"):
        ds.Schema().add_column("x", de_type="foo")


def test_random_dataset_fills_each_tensor_with_one_value():
    data = ds.RandomDataset(total_rows=3, schema=schema(), shuffle=False)
    got = list(data.create_tuple_iterator(output_numpy=True))
    assert data.get_dataset_size() == 3 and data.get_col_names() == ["image", "label"]
    assert all(r[0].dtype == np.uint8 and r[0].shape == (2, 2) and len(np.unique(r[0])) == 1 for r in got)
    again = list(ds.RandomDataset(total_rows=3, schema=schema(), shuffle=False).create_tuple_iterator(output_numpy=True))
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(got, again))
    assert ds.RandomDataset(total_rows=2, schema=schema(), columns_list=["label"]).get_col_names() == ["label"]


def test_serialize_describes_the_tree_and_compare_uses_it(tmp_path):
    pipeline = ds.NumpySlicesDataset([1, 2, 3], shuffle=False).map(V.Invert()).batch(2)
    description = ds.serialize(pipeline, str(tmp_path / "p.json"))
    assert description["op_type"] == "Batch" and description["batch_size"] == 2
    assert description["children"][0]["op_type"] == "Map"
    assert description["children"][0]["operations"] == ["Invert"]
    assert json.loads((tmp_path / "p.json").read_text()) == description
    assert ds.compare(pipeline, ds.NumpySlicesDataset([1, 2, 3], shuffle=False).map(V.Invert()).batch(2))
    assert not ds.compare(pipeline, ds.NumpySlicesDataset([1, 2, 3], shuffle=False).batch(3))


def test_bounding_box_transforms_move_the_boxes_with_the_image():
    image = np.zeros((10, 20, 3), np.uint8)
    boxes = np.array([[2, 3, 4, 5]], np.float32)
    assert V.RandomHorizontalFlipWithBBox(1.0)(image, boxes)[1].tolist() == [[14, 3, 4, 5]]
    assert V.RandomVerticalFlipWithBBox(1.0)(image, boxes)[1].tolist() == [[2, 2, 4, 5]]
    resized, scaled = V.ResizeWithBBox((5, 10))(image, boxes)
    assert resized.shape == (5, 10, 3) and scaled.tolist() == [[1, 1.5, 2, 2.5]]
    ds.config.set_seed(0)
    cropped, moved = V.RandomCropWithBBox(8)(image, boxes)
    assert cropped.shape == (8, 8, 3) and moved.shape[1] == 4 and (moved[:, :2] >= 0).all()
    painted, _ = V.BoundingBoxAugment(V.Invert(), 1.0)(image, boxes)
    assert painted[3:8, 2:6].min() == 255 and painted.sum() == 255 * 4 * 5 * 3
    with pytest.raises(ValueError, match="bboxes must be <N, 4\\+> rows"):
        V.ResizeWithBBox(4)(image, np.zeros((2, 3)))


def test_dataset_callbacks_see_epochs_and_steps_in_order():
    events = []

    class Recorder(ds.DSCallback):
        def ds_begin(self, context):
            events.append("begin")

        def ds_epoch_begin(self, context):
            events.append(("epoch", context.cur_epoch_num))

        def ds_step_begin(self, context):
            events.append(("step", context.cur_epoch_num, context.cur_step_num_in_epoch, context.cur_step_num))

        def ds_epoch_end(self, context):
            events.append(("end", context.cur_epoch_num))

    data = ds.NumpySlicesDataset([1, 2, 3], shuffle=False).map(lambda x: x * 2, callbacks=Recorder(step_size=2))
    iterator = data.create_tuple_iterator(num_epochs=2, output_numpy=True)
    assert [int(r[0]) for r in iterator] == [2, 4, 6] and [int(r[0]) for r in iterator] == [2, 4, 6]
    assert events == ["begin", ("epoch", 1), ("step", 1, 1, 1), ("step", 1, 3, 3), ("end", 1),
                      ("epoch", 2), ("step", 2, 1, 4), ("step", 2, 3, 6), ("end", 2)]
    with pytest.raises(TypeError, match="Argument callbacks with value 5 is not of type"):
        ds.NumpySlicesDataset([1]).map(lambda x: x, callbacks=[5])
