"""sporax reads MindSpore 2.10's MindRecord files as MindSpore does, and writes the same bytes.

Fixtures (tests/data/make_mindrecord_fixtures.py, run under real MindSpore): `ms_*` files
written by MindSpore, `sx_*` written by sporax, and `mindspore_read.json`, what MindSpore's
FileReader and MindDataset read from each.
"""
import json
import pathlib
import sqlite3

import pytest

import sporax.dataset as ds
from sporax.mindrecord import FileReader, FileWriter

from .mindrecord_rows import CASES, encode, write_case

DATA = pathlib.Path(__file__).resolve().parent.parent / "data" / "mindrecord"
READ = json.loads((DATA / "mindspore_read.json").read_text())


def _first(prefix, name, directory=DATA):
    suffix = "0" if CASES[name]["shard_num"] > 1 else ""
    return directory / f"{prefix}_{name}.mindrecord{suffix}"


def _shards(prefix, name, directory):
    n = CASES[name]["shard_num"]
    return [directory / f"{prefix}_{name}.mindrecord{i if n > 1 else ''}" for i in range(n)]


@pytest.mark.parametrize("prefix", ["ms", "sx"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_file_reader_reads_what_mindspore_reads(prefix, name):
    expected = READ[f"{prefix}_{name}"]
    reader = FileReader(str(_first(prefix, name)))
    rows = list(reader.get_next())
    assert reader.len() == expected["size"]
    assert [list(row) for row in rows] == expected["file_reader_keys"]
    assert [{k: encode(v) for k, v in row.items()} for row in rows] == expected["file_reader"]
    assert reader.schema() == CASES[name]["schema"]
    reader.close()


@pytest.mark.parametrize("prefix", ["ms", "sx"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_mind_dataset_reads_what_mindspore_reads(prefix, name):
    expected = READ[f"{prefix}_{name}"]
    dataset = ds.MindDataset(str(_first(prefix, name)), shuffle=False)
    rows = list(dataset.create_dict_iterator(output_numpy=True, num_epochs=1))
    assert dataset.get_col_names() == expected["columns"]
    assert dataset.get_dataset_size() == expected["size"]
    assert [{k: encode(v) for k, v in row.items()} for row in rows] == expected["mind_dataset"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_file_writer_writes_mindspore_bytes(name, tmp_path):
    """The same rows and calls give MindSpore's file bytes exactly, and the same index rows."""
    write_case(FileWriter, name, str(tmp_path / f"ms_{name}.mindrecord"))
    for written, reference in zip(_shards("ms", name, tmp_path), _shards("ms", name, DATA)):
        assert written.read_bytes() == reference.read_bytes()
        query = "SELECT * FROM INDEXES ORDER BY ROW_ID"
        ours = sqlite3.connect(f"{written}.db").execute(query).fetchall()
        theirs = sqlite3.connect(f"{reference}.db").execute(query).fetchall()
        assert ours == theirs and len(ours) > 0
        schema = "SELECT sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
        assert sqlite3.connect(f"{written}.db").execute(schema).fetchall() == \
            sqlite3.connect(f"{reference}.db").execute(schema).fetchall()
        assert sqlite3.connect(f"{written}.db").execute("SELECT NAME FROM SHARD_NAME").fetchall() == \
            [(written.name,)]


def test_committed_sporax_files_are_what_sporax_writes(tmp_path):
    """The `sx_*` files MindSpore read in the generator are what this sporax writes."""
    for name in CASES:
        write_case(FileWriter, name, str(tmp_path / f"sx_{name}.mindrecord"))
        for written, reference in zip(_shards("sx", name, tmp_path), _shards("sx", name, DATA)):
            assert written.read_bytes() == reference.read_bytes()


def _pages(name):
    from sporax.mindrecord._dataset_files import ShardFile
    return [[(p["page_id"], p["page_type"], p["page_type_id"], [(g["id"], g["offset"]) for g in p["row_group_ids"]],
              p["start_row_id"], p["end_row_id"], p["page_size"]) for p in ShardFile(str(path)).header["page"]]
            for path in _shards("ms", name, DATA)]


def test_fixtures_cover_several_blob_pages_and_a_moved_row_group():
    """The fixtures exercise the page rules: rows over several blob pages (arrays) and a row
    group moved to a new raw page, numbered as MindSpore numbers it (long_text)."""
    assert [sum(p[1] == "BLOB_DATA" for p in shard) for shard in _pages("arrays")] == [2, 3]
    assert _pages("long_text")[0] == [
        (0, "BLOB_DATA", 0, [(0, 0)], 0, 1, 20008), (1, "BLOB_DATA", 1, [(0, 0)], 1, 9, 20078),
        (2, "RAW_DATA", 0, [(0, 0)], 0, 0, 4021), (3, "BLOB_DATA", 2, [(0, 0)], 9, 12, 30),
        (4, "RAW_DATA", 3, [(1, 0)], 0, 0, 32168), (5, "RAW_DATA", 5, [(2, 0)], 0, 0, 12065)]
