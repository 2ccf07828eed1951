"""The SQLite index next to each MindRecord shard (`<shard>.db`), as MindSpore 2.10 lays it out.

Table INDEXES has one row per sample: ROW_ID, the raw page id and byte range of its raw
record, its row group (= the blob page's `page_type_id`), the blob page id and byte range,
then per index field `INC_k` (0) and `<field>_<schema_id>` (INTEGER, REAL or TEXT).
Table SHARD_NAME holds the shard's base name.
"""
from __future__ import annotations

import os
import sqlite3

from ._format import FormatError, sql_type

_FIXED = ("ROW_ID", "PAGE_ID_RAW", "PAGE_OFFSET_RAW", "PAGE_OFFSET_RAW_END", "ROW_GROUP_ID", "PAGE_ID_BLOB",
          "PAGE_OFFSET_BLOB", "PAGE_OFFSET_BLOB_END")


def _create_statement(index_fields, schema):
    columns = "".join(f"{name:<21}INT  NOT NULL, " for name in _FIXED).rstrip(", ")
    extra = "".join(f",INC_{k} INT, {field}_{schema_id} {sql_type(schema[field]['type'])}"
                    for k, (field, schema_id) in enumerate(index_fields))
    keys = ",".join(["ROW_ID"] + [f"INC_{k}" for k in range(len(index_fields))])
    return f"CREATE TABLE INDEXES(  {columns}{extra}, PRIMARY KEY({keys}))"


def write_index(path: str, shard_name: str, index_fields, schema, rows) -> None:
    """rows: tuples of the 8 fixed values and then each index field's value."""
    if os.path.exists(path):
        os.remove(path)
    connection = sqlite3.connect(path)
    try:
        connection.execute(_create_statement(index_fields, schema))
        connection.execute("CREATE TABLE SHARD_NAME(NAME TEXT NOT NULL)")
        connection.execute("INSERT INTO SHARD_NAME (NAME) VALUES (?)", (shard_name,))
        width = 8 + 2 * len(index_fields)
        marks = ",".join("?" * width)
        connection.executemany(f"INSERT INTO INDEXES VALUES ({marks})",
                               (tuple(row[:8]) + tuple(v for value in row[8:] for v in (0, value)) for row in rows))
        connection.commit()
    finally:
        connection.close()


def read_locations(path: str, shard_path: str) -> list[tuple]:
    """(row id, raw page id, raw start, raw end, blob page id, blob start, blob end) by ROW_ID."""
    if not os.path.isfile(path):
        raise FormatError(f"Invalid MindRecord file '{shard_path}': its index file '{path}' does not exist.")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return connection.execute(
                "SELECT ROW_ID, PAGE_ID_RAW, PAGE_OFFSET_RAW, PAGE_OFFSET_RAW_END, PAGE_ID_BLOB, PAGE_OFFSET_BLOB, "
                "PAGE_OFFSET_BLOB_END FROM INDEXES ORDER BY ROW_ID").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise FormatError(f"Invalid MindRecord index file '{path}' (of '{shard_path}'): {error}.") from None


def read_category(path: str, column: str) -> list[tuple]:
    """(ROW_ID, the column's value as SQLite's text) by ROW_ID (MindPage's categories)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(f'SELECT ROW_ID, CAST("{column}" AS TEXT) FROM INDEXES ORDER BY ROW_ID').fetchall()
    except sqlite3.Error as error:
        raise FormatError(f"Invalid MindRecord index file '{path}': {error}.") from None
    finally:
        connection.close()


def read_blob_ranges(path: str) -> list[tuple]:
    """(row group, blob start, blob end) by ROW_ID (to append to a shard)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT ROW_GROUP_ID, PAGE_OFFSET_BLOB, PAGE_OFFSET_BLOB_END FROM INDEXES "
                                  "ORDER BY ROW_ID").fetchall()
    finally:
        connection.close()
