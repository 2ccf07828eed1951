"""Image datasets (USPS, Food-101, SUN397, Omniglot, Places365, Manifest, LFW, Flickr, DIV2K,
CelebA, KITTI, VOC, COCO, Flowers-102, Caltech-101)
against real MindSpore 2.10's rows on the same small folders
(tests/data/make_vision_dataset_fixtures.py, run by hand): same columns, dtypes, shapes and
values, in the same order; bad folders and files fail naming them."""
import os
import pathlib
import sys

import numpy as np
import pytest

import sporax.dataset as ds

DATA = pathlib.Path(__file__).parents[1] / "data"
sys.path.insert(0, str(DATA))
from vision_dataset_files import CASES, build, case_key, write_text, write_usps, write_food101  # noqa: E402

with np.load(DATA / "vision_datasets_mindspore.npz") as _archive:
    FIXTURE = dict(_archive)


@pytest.mark.parametrize("name, kwargs", CASES, ids=[case_key(n, k) for n, k in CASES])
def test_image_dataset_rows_match_mindspore(name, kwargs, tmp_path):
    dataset = build(ds, str(tmp_path / name), name, dict(kwargs))
    key = case_key(name, kwargs)
    columns = FIXTURE[f"{key}/columns"].tolist()
    assert dataset.get_col_names() == columns
    rows = list(dataset.create_tuple_iterator(output_numpy=True))
    expected_count = len([k for k in FIXTURE if k.startswith(f"{key}/") and k.endswith(f"/{columns[0]}")])
    assert len(rows) == expected_count == dataset.get_dataset_size()
    expected_rows = [[FIXTURE[f"{key}/{i}/{column}"] for column in columns] for i in range(len(rows))]
    if name == "USPSDataset" and not kwargs:  # MindSpore interleaves usps and usps.t; sporax reads them in turn
        expected_rows = [expected_rows[i] for i in (0, 2, 3, 1)]
    for row, expected_row in zip(rows, expected_rows):
        for column, value, expected in zip(columns, row, expected_row):
            assert value.dtype == expected.dtype or (value.dtype.kind == expected.dtype.kind == "U"), column
            assert value.shape == expected.shape, column
            np.testing.assert_array_equal(value, expected)


def test_image_datasets_shard_into_disjoint_parts(tmp_path):
    root = write_food101(str(tmp_path / "food"))
    whole = [r[0].tobytes() for r in ds.Food101Dataset(root, shuffle=False).create_tuple_iterator(output_numpy=True)]
    parts = [[r[0].tobytes() for r in ds.Food101Dataset(root, num_shards=2, shard_id=k, shuffle=False)
              .create_tuple_iterator(output_numpy=True)] for k in range(2)]
    assert sorted(parts[0] + parts[1]) == sorted(whole) and len(parts[0]) == len(parts[1]) == 2


def test_missing_folder_and_missing_listed_image_fail_at_construction(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        ds.SUN397Dataset(str(tmp_path / "nowhere"))
    root = write_food101(str(tmp_path / "food"))
    os.remove(os.path.join(root, "images", "apple_pie", "101.jpg"))
    with pytest.raises(ValueError, match=r"101\.jpg does not exist"):
        ds.Food101Dataset(root, usage="train")


def test_usps_line_with_wrong_field_count_names_file_and_line(tmp_path):
    root = write_usps(str(tmp_path / "usps"))
    write_text(os.path.join(root, "usps.t"), "3 1:0.5 2:0.5\n")
    with pytest.raises(ValueError, match=r"usps\.t, line 1 has 2 pixel fields, expected 256"):
        ds.USPSDataset(root, usage="test")


def test_bad_arguments_raise_mindspore_errors(tmp_path):
    root = write_usps(str(tmp_path / "usps"))
    with pytest.raises(ValueError, match=r"Input usage is not within the valid set of \['train', 'test', 'all'\]"):
        ds.USPSDataset(root, usage="valid")
    with pytest.raises(TypeError, match="Argument dataset_dir"):
        ds.USPSDataset(3)
    with pytest.raises(ValueError, match="scale 3 is not available for downgrade 'mild'"):
        ds.DIV2KDataset(str(tmp_path), downgrade="mild", scale=3)


def test_annotated_datasets_reject_malformed_annotations_naming_the_file(tmp_path):
    from vision_dataset_files import write_coco, write_kitti, write_voc
    root = write_voc(str(tmp_path / "voc"))
    write_text(os.path.join(root, "Annotations", "2007_000033.xml"),
               "<annotation><object><name>cat</name><bndbox><xmin>3</xmin><ymin>1</ymin><xmax>3</xmax>"
               "<ymax>4</ymax></bndbox></object></annotation>")
    with pytest.raises(ValueError, match=r"2007_000033\.xml: the box .* of 'cat' is empty"):
        ds.VOCDataset(root, task="Detection")
    root = write_kitti(str(tmp_path / "kitti"))
    write_text(os.path.join(root, "data_object_label_2", "training", "label_2", "000001.txt"), "Car 1 2\n")
    with pytest.raises(ValueError, match=r"000001\.txt, line 1 has 3 fields, expected 15"):
        ds.KITTIDataset(root)
    images, annotations = write_coco(str(tmp_path / "coco"))
    with pytest.raises(ValueError, match="Invalid task type: Segment"):
        ds.CocoDataset(images, annotations, task="Segment")
    with pytest.raises(ValueError, match="extra_metadata=True"):
        ds.CocoDataset(images, annotations, extra_metadata=True)
    write_text(annotations, '{"images": [{"id": 1}]}')
    with pytest.raises(ValueError, match=r"annotations\.json is not a COCO Detection annotation file"):
        ds.CocoDataset(images, annotations)


def test_voc_and_coco_class_indexing(tmp_path):
    from vision_dataset_files import write_coco, write_voc
    assert ds.VOCDataset(write_voc(str(tmp_path / "voc")), task="Detection").get_class_indexing() == \
        {"aeroplane": 0, "person": 1}
    images, annotations = write_coco(str(tmp_path / "coco"), "Panoptic")
    assert ds.CocoDataset(images, annotations, task="Panoptic").get_class_indexing() == \
        {"person": [1, 1], "dog": [18, 0]}
