"""FileWriter/FileReader refuse bad arguments with MindSpore's error classes and messages, and a
corrupt or truncated file with a RuntimeError naming the file, before any row is returned."""
import pathlib
import re
import shutil
import sqlite3
import struct

import numpy as np
import pytest

from sporax.mindrecord import (FileReader, FileWriter, MRMDefineIndexError, MRMInvalidSchemaError, ParamTypeError,
                               ParamValueError)

DATA = pathlib.Path(__file__).resolve().parent.parent / "data" / "mindrecord"


@pytest.mark.parametrize("args, message", [
    ((5,), "[ParamValueError]: Invalid parameter value. File path: 5 is not string."),
    (("",), "[ParamValueError]: Invalid parameter value. File path is not allowed None or empty!"),
    (("a/",), "[ParamValueError]: Invalid parameter value. File path can not end with '/'"),
    (("x?.mindrecord",), "[ParamValueError]: Invalid parameter value. File name should not contains "
                         "\\/:*?\\\"<>|`&;\\'"),
    (("x.mindrecord", 0), "[ParamValueError]: Invalid parameter value. Parameter shard_num's value: 0 should "
                          "between 1 and 1000."),
    (("x.mindrecord", "2"), "[ParamValueError]: Invalid parameter value. Parameter shard_num's type is not int."),
    (("x.mindrecord", 1, 1), "[ParamValueError]: Invalid parameter value. Parameter overwrite's type is not bool."),
])
def test_file_writer_arguments(args, message):
    with pytest.raises(ParamValueError) as info:
        FileWriter(*args)
    assert str(info.value) == message


@pytest.mark.parametrize("schema, detail", [
    ({"a": {"type": "foo"}}, "Field 'a' contain illegal attribute 'foo'."),
    ({"a-b": {"type": "int32"}}, "Field 'a-b' should be composed of '0-9' or 'a-z' or 'A-Z' or '_'."),
    ({"a": {"type": "bytes", "shape": [2]}}, "Field 'a' contain illegal attribute 'bytes'."),
    ({"a": {"type": "int32", "shape": 2}}, "Field 'a' contain illegal attribute '2'."),
    ({}, "Schema content is empty."),
])
def test_add_schema_rejects_bad_schemas(schema, detail, tmp_path):
    writer = FileWriter(str(tmp_path / "x.mindrecord"))
    with pytest.raises(MRMInvalidSchemaError) as info:
        writer.add_schema(schema)
    assert str(info.value) == f"[MRMInvalidSchemaError]: Schema format is error. Detail: {detail}"


def test_sizes_indexes_and_rows_are_checked(tmp_path):
    writer = FileWriter(str(tmp_path / "x.mindrecord"), overwrite=True)
    with pytest.raises(RuntimeError, match=r"page size: 100 should be in range \[32768 bytes, 268435456 bytes\]"):
        writer.set_page_size(100)
    with pytest.raises(RuntimeError, match=r"header size: 16386 should be in range"):
        writer.set_header_size(16386)
    writer.add_schema({"a": {"type": "int32"}, "b": {"type": "bytes"}})
    with pytest.raises(MRMDefineIndexError, match="Failed to set field b since it's not primitive type."):
        writer.add_index(["b"])
    with pytest.raises(ParamTypeError, match="'index_fields' expect list type."):
        writer.add_index("a")
    with pytest.raises(RuntimeError, match="index field: zz is not found"):
        writer.add_index(["zz"])
    with pytest.raises(ParamTypeError, match="'raw_data' expect list type."):
        writer.write_raw_data("x")
    with pytest.raises(ParamTypeError, match="'raw_data item' expect dict type."):
        writer.write_raw_data(["x"])
    with pytest.raises(RuntimeError, match="There is no valid data which can be written"):
        writer.write_raw_data([{"a": 1.5, "b": b"1"}])
    # a row that does not fit is dropped (with a warning), the others are written
    writer.write_raw_data([{"a": 1, "b": b"1"}, {"a": "s", "b": b"2"}, {"a": np.int32(3), "b": b"3"}])
    writer.commit()
    with pytest.raises(RuntimeError, match="Not allowed to call `write_raw_data` on flushed MindRecord files"):
        writer.write_raw_data([{"a": 1, "b": b"1"}])
    assert list(FileReader(str(tmp_path / "x.mindrecord")).get_next()) == [{"a": 1, "b": b"1"}, {"a": 3, "b": b"3"}]


def test_existing_files_need_overwrite_and_a_folder_must_exist(tmp_path):
    path = tmp_path / "x.mindrecord"
    writer = FileWriter(str(path))
    writer.add_schema({"a": {"type": "int32"}})
    writer.write_raw_data([{"a": 1}])
    writer.commit()
    again = FileWriter(str(path))
    again.add_schema({"a": {"type": "int32"}})
    with pytest.raises(RuntimeError, match="mindrecord files already exist. Please check file path: .*x.mindrecord"):
        again.write_raw_data([{"a": 2}])
    assert list(FileReader(str(path)).get_next()) == [{"a": 1}]  # untouched
    missing = FileWriter(str(tmp_path / "no" / "x.mindrecord"))
    missing.add_schema({"a": {"type": "int32"}})
    with pytest.raises(RuntimeError, match="failed to get the realpath of mindrecord file dir"):
        missing.write_raw_data([{"a": 1}])
    with pytest.raises(RuntimeError, match="schema is not found in header"):
        FileWriter(str(tmp_path / "y.mindrecord")).write_raw_data([{"a": 1}])


def test_a_row_larger_than_a_page_is_refused(tmp_path):
    writer = FileWriter(str(tmp_path / "x.mindrecord"))
    writer.set_page_size(1 << 15)
    writer.add_schema({"a": {"type": "bytes"}})
    with pytest.raises(RuntimeError, match="Page size: 32768 is too small to save a blob row"):
        writer.write_raw_data([{"a": b"x" * 40000}])


def _copy(tmp_path, name="ms_scalars.mindrecord"):
    target = tmp_path / name
    shutil.copy(DATA / name, target)
    shutil.copy(DATA / f"{name}.db", f"{target}.db")
    return target


def test_truncated_file_is_refused_naming_it(tmp_path):
    path = _copy(tmp_path)
    path.write_bytes(path.read_bytes()[:-3])
    with pytest.raises(RuntimeError, match=re.escape(f"Invalid MindRecord file '{path}': row 5 ") + ".* truncated"):
        FileReader(str(path))


def test_corrupt_header_and_missing_index_are_refused(tmp_path):
    path = _copy(tmp_path)
    data = bytearray(path.read_bytes())
    data[8] = ord("#")
    path.write_bytes(bytes(data))
    with pytest.raises(RuntimeError, match=re.escape(f"Invalid MindRecord file '{path}': its header is not JSON")):
        FileReader(str(path))
    path.write_bytes(struct.pack("<Q", 1 << 40) + bytes(data[8:]))
    with pytest.raises(RuntimeError, match="its header length 1099511627776 runs past the end"):
        FileReader(str(path))
    other = _copy(tmp_path, "ms_blob_only.mindrecord")
    pathlib.Path(f"{other}.db").unlink()
    with pytest.raises(RuntimeError, match="its index file .*ms_blob_only.mindrecord.db' does not exist"):
        FileReader(str(other))
    with pytest.raises(RuntimeError, match="The input: nope.mindrecord is not exists."):
        FileReader("nope.mindrecord")


def test_corrupt_record_is_refused_naming_file_and_row(tmp_path):
    path = _copy(tmp_path)
    connection = sqlite3.connect(f"{path}.db")
    page, start = connection.execute("SELECT PAGE_ID_RAW, PAGE_OFFSET_RAW FROM INDEXES WHERE ROW_ID = 2").fetchone()
    connection.close()
    data = bytearray(path.read_bytes())
    data[(1 << 14) + page * (1 << 15) + start + 8] = 0xC1  # a byte MessagePack never uses
    path.write_bytes(bytes(data))
    reader = FileReader(str(path))
    with pytest.raises(RuntimeError, match=re.escape(f"MindRecord file '{path}', row 2: its raw record is not valid")):
        list(reader.get_next())


def test_file_reader_arguments():
    path = str(DATA / "ms_scalars.mindrecord")
    with pytest.raises(ParamTypeError, match="'columns' expect list type."):
        FileReader(path, columns="a")
    with pytest.raises(RuntimeError, match=r"column names \['zz'\] are not in the schema"):
        FileReader(path, columns=["zz"])
    with pytest.raises(ParamValueError, match="Parameter num_consumer: 0 should between 1 and"):
        FileReader(path, num_consumer=0)
    assert [list(r) for r in FileReader(path, columns=["name", "i32"]).get_next()][0] == ["i32", "name"]
