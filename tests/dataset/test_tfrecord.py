"""TFRecordDataset: files written byte by byte (tests/data/tfrecord_files.py) read as real
MindSpore 2.10 reads them (tests/data/make_tfrecord_fixtures.py, run by hand), with and
without a schema; corrupt, truncated and mismatched files fail at construction, naming them."""
import gzip
import os
import pathlib
import sys

import numpy as np
import pytest

import sporax.dataset as ds

DATA = pathlib.Path(__file__).parents[1] / "data"
sys.path.insert(0, str(DATA))
from tfrecord_files import ROWS, SCHEMA, example, frame, write_tfrecord  # noqa: E402

with np.load(DATA / "tfrecord_mindspore.npz") as _archive:
    FIXTURE = dict(_archive)


def _schema():
    schema = ds.Schema()
    for name, kind, shape in SCHEMA:
        schema.add_column(name, kind, shape)
    return schema


@pytest.mark.parametrize("case", ["plain", "schema"])
def test_tfrecord_rows_match_mindspore(case, tmp_path):
    path = write_tfrecord(str(tmp_path / "data.tfrecord"))
    dataset = ds.TFRecordDataset(path, schema=_schema() if case == "schema" else None, shuffle=False)
    columns = FIXTURE[f"{case}/columns"].tolist()
    assert dataset.get_col_names() == columns
    rows = list(dataset.create_tuple_iterator(output_numpy=True))
    assert len(rows) == len(ROWS) == dataset.get_dataset_size()
    for i, row in enumerate(rows):
        for column, value in zip(columns, row):
            expected = FIXTURE[f"{case}/{i}/{column}"]
            assert value.dtype == expected.dtype or value.dtype.kind == expected.dtype.kind == "U"
            assert value.shape == expected.shape
            np.testing.assert_array_equal(value, expected)


def test_tfrecord_columns_list_num_samples_and_gzip(tmp_path):
    path = write_tfrecord(str(tmp_path / "data.tfrecord"))
    packed = str(tmp_path / "data.tfrecord.gz")
    with open(path, "rb") as source, gzip.open(packed, "wb") as target:
        target.write(source.read())
    dataset = ds.TFRecordDataset(packed, columns_list=["label", "vec"], num_samples=3, shuffle=False,
                                 compression_type="GZIP")
    assert dataset.get_col_names() == ["label", "vec"]
    assert [int(r[0][0]) for r in dataset.create_tuple_iterator(output_numpy=True)] == [0, 1, 2]


def test_tfrecord_shards_are_disjoint_and_cover_the_files(tmp_path):
    first = write_tfrecord(str(tmp_path / "a.tfrecord"))
    write_tfrecord(str(tmp_path / "b.tfrecord"), [dict(r, label=[10 + r["label"][0]]) for r in ROWS])
    pattern = str(tmp_path / "*.tfrecord")
    parts = [sorted(int(r[0][0]) for r in ds.TFRecordDataset(pattern, columns_list=["label"], num_shards=2,
                                                             shard_id=k).create_tuple_iterator(output_numpy=True))
             for k in range(2)]
    assert not set(parts[0]) & set(parts[1])
    assert sorted(parts[0] + parts[1]) == [0, 1, 2, 3, 4, 10, 11, 12, 13, 14]
    assert first


def test_tfrecord_corrupt_crc_and_truncated_file_fail_naming_the_file(tmp_path):
    path = write_tfrecord(str(tmp_path / "data.tfrecord"))
    data = bytearray(open(path, "rb").read())
    data[20] ^= 0xFF
    open(path, "wb").write(bytes(data))
    with pytest.raises(ValueError, match=r"data\.tfrecord is corrupt: the data CRC of record 0"):
        ds.TFRecordDataset(path)
    record = frame(example(ROWS[0]))
    open(path, "wb").write(record + record[:-6])
    with pytest.raises(ValueError, match=r"data\.tfrecord is truncated: record 1"):
        ds.TFRecordDataset(path)


def test_tfrecord_schema_mismatch_and_bad_arguments(tmp_path):
    path = write_tfrecord(str(tmp_path / "data.tfrecord"))
    schema = ds.Schema()
    schema.add_column("vec", "float32", [2])
    with pytest.raises(ValueError, match=r"column 'vec' of record 0 .* has 3 values, which do not fit .* \[2\]"):
        ds.TFRecordDataset(path, schema=schema)
    with pytest.raises(ValueError, match=r"columns_list names \['nope'\]"):
        ds.TFRecordDataset(path, columns_list=["nope"])
    with pytest.raises(ValueError, match="compression_type"):
        ds.TFRecordDataset(path, compression_type="LZ4")
    with pytest.raises(ValueError, match="did not match any files"):
        ds.TFRecordDataset(str(tmp_path / "missing.tfrecord"))
    assert os.path.getsize(path) > 0
