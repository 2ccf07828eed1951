"""FileWriter's parallel mode and the ImageNetToMR converter lay files out as MindSpore 2.10 does."""
import json
import os
import struct

import numpy as np
import pytest

import sporax.dataset as ds
from sporax.mindrecord import FileReader, FileWriter, ImageNetToMR, PathNotExistsError


def _header(path):
    with open(path, "rb") as handle:
        (length,) = struct.unpack("<Q", handle.read(8))
        return json.loads(handle.read(length))


def test_parallel_writer_sends_each_call_to_the_next_shard_alone(tmp_path):
    """MindSpore 2.10: each call goes whole to one shard, round robin; every shard is a data set
    of its own (its header names only itself) with the default sizes; compression is not counted."""
    path = str(tmp_path / "par.mindrecord")
    writer = FileWriter(path, shard_num=2)
    writer.set_header_size(1 << 14)
    writer.set_page_size(1 << 15)
    writer.add_schema({"k": {"type": "int32"}, "v": {"type": "int32", "shape": [-1]}})
    for b in range(3):
        writer.write_raw_data([{"k": b * 10 + i, "v": np.arange(i + 1, dtype=np.int32) * 1000} for i in range(3)],
                              True)
    with pytest.raises(RuntimeError, match="The parameter `parallel_writer` must be consistent during use."):
        writer.write_raw_data([{"k": 1, "v": np.arange(1, dtype=np.int32)}], False)
    writer.commit()
    first, second = _header(path + "0"), _header(path + "1")
    assert (first["shard_addresses"], second["shard_addresses"]) == (["par.mindrecord0"], ["par.mindrecord1"])
    assert (first["header_size"], first["page_size"], first["compression_size"]) == (1 << 24, 1 << 25, 0)
    assert [(p["page_type"], p["page_size"], p["end_row_id"]) for p in first["page"]] == \
        [("BLOB_DATA", 96, 6), ("RAW_DATA", 72, 0)]
    assert os.path.getsize(path + "0") == 50331720 and os.path.getsize(path + "1") == 50331684  # MindSpore's
    assert [r["k"] for r in FileReader(path + "0").get_next()] == [0, 1, 2, 20, 21, 22]
    assert [int(r["k"]) for r in ds.MindDataset(path + "1", shuffle=False).create_dict_iterator(output_numpy=True)] \
        == [10, 11, 12]


def test_imagenet_to_mr_stores_the_image_files(tmp_path):
    images = tmp_path / "images"
    for folder, names in (("n01", ["a.JPEG", "b.jpg", "skip.png"]), ("n02", ["c.JPEG"])):
        (images / folder).mkdir(parents=True)
        for name in names:
            (images / folder / name).write_bytes(f"{folder}/{name}".encode() * 3)
    (images / "n02" / "empty.jpg").write_bytes(b"")
    map_file = tmp_path / "labels.txt"
    map_file.write_text("n01 0\nn02 1\nn09 2\n")
    destination = str(tmp_path / "imagenet.mindrecord")
    assert ImageNetToMR(str(map_file), str(images), destination).transform() == 0
    header = _header(destination)
    assert header["schema"] == [{"blob_fields": ["image"], "desc": "imagenet_schema",
                                 "schema": {"file_name": {"type": "string"}, "image": {"type": "bytes"},
                                            "label": {"type": "int32"}}}]
    assert [f["index_field"] for f in header["index_fields"]] == ["label", "file_name"]
    # it writes in parallel mode, whose writers keep the default sizes (MindSpore 2.10's file too)
    assert (header["header_size"], header["page_size"]) == (1 << 24, 1 << 25)
    rows = sorted((r["label"], os.path.relpath(r["file_name"], images), r["image"])
                  for r in FileReader(destination).get_next())
    assert rows == [(0, "n01/a.JPEG", b"n01/a.JPEG" * 3), (0, "n01/b.jpg", b"n01/b.jpg" * 3),
                    (1, "n02/c.JPEG", b"n02/c.JPEG" * 3)]


def test_imagenet_to_mr_errors(tmp_path):
    with pytest.raises(ValueError, match="The parameter partition_number must be int"):
        ImageNetToMR("m.txt", "images", str(tmp_path / "x.mindrecord"), partition_number="2")
    (tmp_path / "m.txt").write_text("n01 0\n")
    with pytest.raises(PathNotExistsError, match="not valid image dir in"):
        ImageNetToMR(str(tmp_path / "m.txt"), str(tmp_path), str(tmp_path / "x.mindrecord")).transform()
    with pytest.raises(IOError, match="map file .*nope.txt not exists"):
        ImageNetToMR(str(tmp_path / "nope.txt"), str(tmp_path), str(tmp_path / "y.mindrecord")).transform()
