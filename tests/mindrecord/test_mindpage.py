"""MindPage groups rows by an index field and pages through them as MindSpore 2.10 does
(the expected values are MindSpore's output for the same files)."""
import json

import pytest

from sporax.mindrecord import FileWriter, MindPage, MRMDefineCategoryError, ParamTypeError, ParamValueError

VALUES = [10, 2, -1, 2, 10, 2, 33, -1]


@pytest.fixture
def paged(tmp_path):
    writer = FileWriter(str(tmp_path / "mp.mindrecord"), shard_num=2)
    writer.set_header_size(1 << 14)
    writer.set_page_size(1 << 15)
    writer.add_schema({"k": {"type": "int32"}, "s": {"type": "string"}, "f": {"type": "float32"},
                       "b": {"type": "bytes"}})
    writer.write_raw_data([{"k": v, "s": "n%d" % v, "f": v / 4, "b": bytes([i])} for i, v in enumerate(VALUES)])
    writer.commit()
    return MindPage(str(tmp_path / "mp.mindrecord0"))


def test_categories_are_sorted_by_their_text_over_all_shards(paged):
    assert paged.candidate_fields == ["f", "k", "s"]
    expected = {
        "k": '{"categories":[{"count":2,"id":0,"name":"-1"},{"count":2,"id":1,"name":"10"},{"count":3,"id":2,'
             '"name":"2"},{"count":1,"id":3,"name":"33"}],"key":"k_0"}',
        "s": '{"categories":[{"count":2,"id":0,"name":"n-1"},{"count":2,"id":1,"name":"n10"},{"count":3,"id":2,'
             '"name":"n2"},{"count":1,"id":3,"name":"n33"}],"key":"s_0"}',
        "f": '{"categories":[{"count":2,"id":0,"name":"-0.25"},{"count":3,"id":1,"name":"0.5"},{"count":2,"id":2,'
             '"name":"2.5"},{"count":1,"id":3,"name":"8.25"}],"key":"f_0"}'}
    for field, info in expected.items():
        paged.category_field = field
        assert paged.category_field == field
        assert paged.read_category_info() == info


def test_pages_of_a_category_in_file_order(paged):
    paged.category_field = "k"
    rows = paged.read_at_page_by_id(1, 0, 2)
    assert rows == [{"f": 2.5, "k": 10, "s": "n10", "b": b"\x00"}, {"f": 2.5, "k": 10, "s": "n10", "b": b"\x04"}]
    assert [(r["k"], r["b"]) for r in paged.read_at_page_by_id(0, 0, 1)] == [(-1, b"\x02")]
    assert [(r["k"], r["b"]) for r in paged.read_at_page_by_name("2", 0, 2)] == [(2, b"\x01"), (2, b"\x03")]
    assert [(r["k"], r["b"]) for r in paged.read_at_page_by_name("2", 1, 2)] == [(2, b"\x05")]
    with pytest.raises(RuntimeError, match="page 1 of 2 rows is past the 2 rows of category id 1"):
        paged.read_at_page_by_id(1, 1, 2)
    with pytest.raises(RuntimeError, match="category name '7' is not a value of field 'k'"):
        paged.read_at_page_by_name("7", 0, 1)


def test_bad_arguments(paged):
    with pytest.raises(MRMDefineCategoryError, match="Field 'b' is not a candidate category field."):
        paged.category_field = "b"
    with pytest.raises(ParamTypeError, match="'category_fields' expect str type."):
        paged.category_field = 3
    with pytest.raises(RuntimeError, match="category field is not set"):
        paged.read_category_info()
    paged.category_field = "k"
    with pytest.raises(ParamValueError, match="Category id should be int and greater than or equal to 0."):
        paged.read_at_page_by_id(-1, 0, 1)
    with pytest.raises(ParamValueError, match="Page should be int and greater than or equal to 0."):
        paged.read_at_page_by_id(0, -1, 1)
    with pytest.raises(ParamValueError, match="num_row should be int and greater than 0."):
        paged.read_at_page_by_name("2", 0, 0)
    with pytest.raises(ParamValueError, match="Category name should be str."):
        paged.read_at_page_by_name(2, 0, 1)
    assert json.loads(paged.read_category_info())["key"] == "k_0"
