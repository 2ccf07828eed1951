"""`FileWriter` (MindSpore: `mindspore.mindrecord.FileWriter`): rows into MindRecord shard files.

Rows are checked against the schema as MindSpore does (a row that does not fit is dropped
with a warning), split evenly into the shards (contiguous runs; the remainder goes to the
first shards, where MindSpore picks them at random), and laid into pages by MindSpore's
rules: a call's rows for one shard first fill the shard's last blob page, then open new
blob pages; a *row group* is the rows of one blob page, and its raw records stay together
in one raw page (a group that would not fit is moved to a new raw page). `commit` writes
every shard's header and its SQLite index. See `_format` for the bytes.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import struct

import numpy as np

from . import _format, _index_db, config
from ._dataset_files import DatasetFiles
from ._format import FormatError
from .exceptions import MRMDefineIndexError, MRMInvalidSchemaError, ParamTypeError, ParamValueError

logger = logging.getLogger("sporax.mindrecord")

_VALUE_TYPES = {"int": ["int32", "int64"], "float": ["float32", "float64"], "str": "string", "bytes": "bytes",
                "int32": "int32", "int64": "int64", "float32": "float32", "float64": "float64",
                "ndarray": ["int32", "int64", "float32", "float64"]}


def check_filename(path, arg_name=""):
    """MindSpore's file name rules (a missing folder is found when the files are opened)."""
    arg_name = "File path" if arg_name == "" else "'{}'".format(arg_name)
    if not path:
        raise ParamValueError('{} is not allowed None or empty!'.format(arg_name))
    if not isinstance(path, str):
        raise ParamValueError("File path: {} is not string.".format(path))
    if path.endswith("/"):
        raise ParamValueError("File path can not end with '/'")
    file_name = os.path.basename(path)
    if set(file_name) & set(r'\/:*?"<>|`&\';'):
        raise ParamValueError(r"File name should not contains \/:*?\"<>|`&;\'")
    if file_name.startswith(' ') or file_name.endswith(' '):
        raise ParamValueError("File name should not start/end with space.")
    return True


class _Shard:
    """One shard file being written: its pages, open file and the blob ranges of its rows."""

    def __init__(self, path, shard_id, mode="w+b"):
        self.path, self.shard_id = path, shard_id
        self.pages = []
        self.handle = open(path, mode)
        self.blob_ranges = {}  # blob page_type_id -> [(start, end)] within that page

    def last(self, page_type):
        for page in reversed(self.pages):
            if page["page_type"] == page_type:
                return page
        return None

    def last_page_id(self):
        return self.pages[-1]["page_id"] if self.pages else -1

    def write_at(self, offset, data):
        self.handle.seek(offset)
        self.handle.write(data)

    def read_at(self, offset, size):
        self.handle.seek(offset)
        return self.handle.read(size)


class FileWriter:
    r"""Write rows into MindRecord files.

    Args:
        file_name (str): file name; with `shard_num` > 1 the shards are `file_name` + index.
        shard_num (int): number of shard files, in [1, 1000]. Default: 1.
        overwrite (bool): replace existing files. Default: False.
    """

    def __init__(self, file_name, shard_num=1, overwrite=False):
        check_filename(file_name)
        if shard_num is None:
            raise ParamValueError("Parameter shard_num is None.")
        if not isinstance(shard_num, int) or isinstance(shard_num, bool):
            raise ParamValueError("Parameter shard_num's type is not int.")
        if not _format.MIN_SHARD_COUNT <= shard_num <= _format.MAX_SHARD_COUNT:
            raise ParamValueError("Parameter shard_num's value: {} should between {} and {}.".format(
                shard_num, _format.MIN_SHARD_COUNT, _format.MAX_SHARD_COUNT))
        if not isinstance(overwrite, bool):
            raise ParamValueError("Parameter overwrite's type is not bool.")
        if shard_num > 1 and config._get_enc_key() is not None:
            raise RuntimeError("When encode mode is enabled, the automatic sharding function is unavailable.")
        self._file_name = file_name
        self._shard_num = shard_num
        width = len(str(shard_num - 1))
        self._paths = [file_name] if shard_num == 1 else [f"{file_name}{str(i).rjust(width, '0')}"
                                                         for i in range(shard_num)]
        self._overwrite = overwrite
        self._schema = None
        self._desc = ""
        self._index_fields = []
        self._header_size = _format.DEFAULT_HEADER_SIZE
        self._page_size = _format.DEFAULT_PAGE_SIZE
        self._shards = None
        self._compression_size = 0
        self._flush = False
        self._parallel = None  # parallel_writer of the first call: later calls must agree
        self._next_shard = 0

    @classmethod
    def open_for_append(cls, file_name):
        """A FileWriter that appends rows to the MindRecord data set `file_name` belongs to."""
        check_filename(file_name)
        if config._get_enc_key() is not None:  # decrypt in place; commit encrypts again
            for name in (file_name, file_name + ".db"):
                plain = config.decrypt(name, config._get_enc_key(), config._get_dec_mode())
                shutil.move(plain, name)
                config.cleanup_decrypt_files([plain])
        try:
            files = DatasetFiles(file_name, load_dataset=True)
        except FormatError as error:
            raise RuntimeError(str(error)) from None
        first = files.shards[0].header
        writer = cls(file_name, 1, False)
        writer._paths = [shard.path for shard in files.shards]
        writer._schema = {name: dict(spec) for name, spec in files.schema.items()}
        writer._desc = files.schema_entry.get("desc", "")
        writer._index_fields = [f["index_field"] for f in first.get("index_fields") or []]
        writer._header_size, writer._page_size = int(first["header_size"]), int(first["page_size"])
        writer._compression_size = int(first.get("compression_size") or 0)
        writer._shards = []
        for number, shard_file in enumerate(files.shards):
            shard = _Shard(shard_file.path, number, "r+b")
            shard.pages = [{"page_id": p["page_id"], "shard_id": p["shard_id"], "page_type": p["page_type"],
                            "page_type_id": p["page_type_id"], "start_row_id": p["start_row_id"],
                            "end_row_id": p["end_row_id"], "page_size": p["page_size"],
                            "row_group_ids": [[g["id"], g["offset"]] for g in p["row_group_ids"]]}
                           for p in shard_file.header["page"]]
            for group, start, end in _index_db.read_blob_ranges(shard_file.path + ".db"):
                shard.blob_ranges.setdefault(group, []).append((start, end))
            writer._shards.append(shard)
        files.close()
        return writer

    # --- schema -----------------------------------------------------------------------------
    def add_schema(self, content, desc=None):
        """Describe the fields: {name: {"type": T}} or {name: {"type": T, "shape": [...]}}."""
        ok, error = self._validate_schema(content)
        if not ok:
            raise MRMInvalidSchemaError(error)
        if desc is not None and not isinstance(desc, str):
            raise ParamTypeError('desc', 'str')
        self._schema = {name: dict(spec) for name, spec in content.items()}
        self._desc = desc or ""
        return 0

    def add_index(self, index_fields):
        """Index these scalar fields in the `.db` (by default every int/float/string scalar)."""
        if not index_fields or not isinstance(index_fields, list):
            raise ParamTypeError('index_fields', 'list')
        blobs = _format.blob_fields(self._schema) if self._schema else []
        for field in index_fields:
            if field in blobs:
                raise MRMDefineIndexError("Failed to set field {} since it's not primitive type.".format(field))
            if not isinstance(field, str):
                raise ParamTypeError('index field', 'str')
        if self._schema is None:
            raise RuntimeError("Invalid data, schema is not found in header, please use 'add_schema' to add a schema "
                               "before 'add_index'.")
        for field in index_fields:
            if field not in self._schema:
                raise RuntimeError(f"Invalid data, index field: {field} is not found in the schema: "
                                   f"{sorted(self._schema)}.")
        self._index_fields = list(index_fields)
        return 0

    @staticmethod
    def _validate_schema(content):
        if not content:
            return False, 'Schema content is empty.'
        if not isinstance(content, dict):
            return False, 'Schema content should be dict.'
        for k, v in content.items():
            if not isinstance(k, str) or not re.match(r'^[0-9a-zA-Z\_]+$', k):
                return False, "Field '{}' should be composed of '0-9' or 'a-z' or 'A-Z' or '_'.".format(k)
            if not v or not isinstance(v, dict):
                return False, "Field '{}' should be dict.".format(k)
            if len(v) == 1 and 'type' in v:
                if v['type'] not in _format.SCALAR_TYPES:
                    return False, "Field '{}' contain illegal attribute '{}'.".format(k, v['type'])
            elif len(v) == 2 and 'type' in v:
                if v['type'] not in _format.ARRAY_TYPES:
                    return False, "Field '{}' contain illegal attribute '{}'.".format(k, v['type'])
                if 'shape' not in v:
                    return False, "Field '{}' contains illegal attributes.".format(v)
                if not isinstance(v['shape'], list) or not all(
                        isinstance(d, int) and not isinstance(d, bool) and (d > 0 or d == -1) for d in v['shape']) \
                        or sum(d == -1 for d in v['shape']) > 1:
                    return False, "Field '{}' contain illegal attribute '{}'.".format(k, v['shape'])
            else:
                return False, "Field '{}' contains illegal attributes.".format(v)
        return True, ''

    # --- sizes ------------------------------------------------------------------------------
    def set_header_size(self, header_size):
        """Header area size in bytes, in [16 KB, 128 MB], a multiple of 4. Default 16 MB."""
        if isinstance(header_size, bool) or not isinstance(header_size, int) or \
                not _format.MIN_HEADER_SIZE <= header_size <= _format.MAX_HEADER_SIZE or header_size % 4:
            raise RuntimeError(f"Invalid data, header size: {header_size} should be in range "
                               f"[{_format.MIN_HEADER_SIZE} bytes, {_format.MAX_HEADER_SIZE} bytes] and divisible "
                               f"by four.")
        self._header_size = header_size
        return 0

    def set_page_size(self, page_size):
        """Page size in bytes, in [32 KB, 256 MB], a multiple of 4. Default 32 MB."""
        if isinstance(page_size, bool) or not isinstance(page_size, int) or \
                not _format.MIN_PAGE_SIZE <= page_size <= _format.MAX_PAGE_SIZE or page_size % 4:
            raise RuntimeError(f"Invalid data, page size: {page_size} should be in range [{_format.MIN_PAGE_SIZE} "
                               f"bytes, {_format.MAX_PAGE_SIZE} bytes] and divisible by four.")
        self._page_size = page_size
        return 0

    # --- writing ----------------------------------------------------------------------------
    def _open(self):
        if self._shards is not None:
            return
        if self._schema is None:
            raise RuntimeError("Invalid data, schema is not found in header, please use 'add_schema' to add a schema "
                               "for new mindrecord files.")
        for path in self._paths:
            directory = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(directory):
                raise RuntimeError(f"Invalid dir, failed to get the realpath of mindrecord file dir. Please check "
                                   f"path: {directory}")
            if os.path.exists(path) or os.path.exists(path + ".db"):
                if not self._overwrite:
                    raise RuntimeError(f"Invalid file, mindrecord files already exist. Please check file path: "
                                       f"{path}.\nIf you do not want to keep the files, set the 'overwrite' parameter "
                                       f"to True and try again.")
                for stale in (path, path + ".db"):
                    if os.path.exists(stale):
                        os.remove(stale)
                        logger.warning("Succeed to remove the old mindrecord files, path: %s", stale)
        self._shards = [_Shard(path, i) for i, path in enumerate(self._paths)]
        if not self._index_fields:
            self._index_fields = [name for name, spec in sorted(self._schema.items())
                                  if spec["type"] == "string" or (spec["type"] != "bytes" and "shape" not in spec)]

    def _verify_based_on_schema(self, raw_data):
        errors = {}
        for field, spec in self._schema.items():
            for i, row in enumerate(raw_data):
                if i in errors:
                    continue
                if field not in row:
                    errors[i] = "for schema, {} th data is wrong, there is not field: '{}' in the raw data.".format(
                        i, field)
                    continue
                value = row[field]
                value_type = type(value).__name__
                if value_type not in _VALUE_TYPES:
                    errors[i] = "for schema, {} th data is wrong, data type: '{}' for field: '{}' is not matched." \
                        .format(i, value_type, field)
                    continue
                if spec["type"] not in _VALUE_TYPES[value_type]:
                    errors[i] = "for schema, {} th data is wrong, data type: '{}' for field: '{}' is not matched." \
                        .format(i, spec["type"], field)
                    continue
                if value_type == 'ndarray':
                    if 'shape' not in spec:
                        errors[i] = "for schema, {} th data is wrong, data shape for field: '{}' is not " \
                                    "specified.".format(i, field)
                    elif spec['type'] != str(value.dtype):
                        errors[i] = "for schema, {} th data is wrong, data type: '{}' for field: '{}' is not " \
                                    "matched.".format(i, str(value.dtype), field)
                    else:
                        try:
                            np.reshape(value, spec['shape'])
                        except ValueError:
                            errors[i] = "for schema, {} th data is wrong, data shape: '{}' for field: '{}' is not " \
                                        "matched.".format(i, str(value.shape), field)
                elif "shape" not in spec and spec["type"] in ("int32", "int64") and value_type == "int":
                    bits = 31 if spec["type"] == "int32" else 63
                    if not -(1 << bits) <= value < (1 << bits):
                        errors[i] = "Invalid input, for field: {} and its type: {}, value: {} is out of range " \
                                    "while writing mindrecord files.".format(field, spec["type"], value)
        for i, message in sorted(errors.items(), reverse=True):
            raw_data.pop(i)
            logger.warning(message)

    def write_raw_data(self, raw_data, parallel_writer=False):
        """Check the rows (list of dicts) against the schema and write them."""
        if not isinstance(parallel_writer, bool):
            raise TypeError("The parameter `parallel_writer` must be bool.")
        if self._parallel is None:
            self._parallel = parallel_writer
            if parallel_writer:
                # MindSpore's parallel mode gives each shard a writer of its own, made with the
                # default sizes (set_header_size/set_page_size do not reach it).
                self._header_size, self._page_size = _format.DEFAULT_HEADER_SIZE, _format.DEFAULT_PAGE_SIZE
        if self._parallel != parallel_writer:
            raise RuntimeError("The parameter `parallel_writer` must be consistent during use.")
        self._open()
        if not isinstance(raw_data, list):
            raise ParamTypeError('raw_data', 'list')
        if self._flush:
            raise RuntimeError("Not allowed to call `write_raw_data` on flushed MindRecord files." \
                               "When creating new MindRecord files, please remove `commit` before " \
                               "`write_raw_data`. In other cases, when appending to existing MindRecord files, " \
                               "please call `open_for_append` first and then `write_raw_data`.")
        for row in raw_data:
            if not isinstance(row, dict):
                raise ParamTypeError('raw_data item', 'dict')
        rows = list(raw_data)
        self._verify_based_on_schema(rows)
        if not rows:
            raise RuntimeError("There is no valid data which can be written by 'write_raw_data' to mindrecord file. "
                               "Please check the abnormal input data indicated in the warning log above.")
        self._write_rows(rows)
        return 0

    def _encode(self, rows):
        schema = self._schema
        fields = _format.blob_fields(schema)
        compress = _format.compresses_integers(schema)
        blobs, raws = [], []
        for row in rows:
            if fields:
                blob, saved = _format.encode_blob(row, schema, fields, compress)
                if len(fields) == 1 and not blob:
                    if len(fields) != len(schema):
                        raise RuntimeError(f"Invalid data, the blob field '{fields[0]}' of a row is empty while the "
                                           f"row has other fields; MindSpore cannot write such a row.")
                    continue  # MindSpore drops a row whose only field is empty bytes
                self._compression_size += saved
            else:
                blob = b"\x00\x00\x00\x00"
            scalars = {name: (value.item() if isinstance(value, np.generic) else value)
                       for name, value in row.items() if name in schema and name not in fields}
            raws.append(_format.encode_raw(scalars if len(fields) != len(schema) else {"id": 0}))
            blobs.append(blob)
        return blobs, raws

    def _write_rows(self, rows):
        blobs, raws = self._encode(rows)
        if not blobs:
            return
        blob_sizes = [8 + len(b) for b in blobs]
        raw_sizes = [8 + len(r) for r in raws]
        if max(raw_sizes) > self._page_size or max(blob_sizes) > self._page_size:
            kind = "raw" if max(raw_sizes) > self._page_size else "blob"
            raise _page_error(self._page_size, kind)
        if self._parallel:  # each call goes whole to the next shard, round robin
            shard = self._shards[self._next_shard]
            self._next_shard = (self._next_shard + 1) % len(self._shards)
            self._write_shard(shard, 0, len(blobs), blobs, raws, blob_sizes, raw_sizes)
            return
        count, shards = len(blobs), len(self._shards)
        per, remains = divmod(count, shards)
        start = 0
        for shard in self._shards:
            end = start + per + (1 if shard.shard_id < remains else 0)
            if end > start:
                self._write_shard(shard, start, end, blobs, raws, blob_sizes, raw_sizes)
            start = end

    def _page_shard_id(self, shard):
        return 0 if self._parallel else shard.shard_id

    def _page_offset(self, page):
        return self._header_size + self._page_size * page["page_id"]

    def _write_shard(self, shard, start, end, blobs, raws, blob_sizes, raw_sizes):
        page_size = self._page_size
        last_blob, last_raw = shard.last("BLOB_DATA"), shard.last("RAW_DATA")
        # Cut the rows into groups: the first tops up the last blob page, each next one opens a page.
        used_blob = last_blob["page_size"] if last_blob else 0
        used_raw = (last_raw["page_size"] - last_raw["row_group_ids"][-1][1]) if last_raw else 0
        groups, group_start = [], start
        for i in range(start, end):
            if used_blob == 0 or used_blob + blob_sizes[i] > page_size or used_raw + raw_sizes[i] > page_size:
                groups.append((group_start, i))
                group_start, used_blob, used_raw = i, blob_sizes[i], raw_sizes[i]
            else:
                used_blob += blob_sizes[i]
                used_raw += raw_sizes[i]
        groups.append((group_start, end))

        def blob_chunk(first, stop, offset, type_id):
            out, ranges = [], shard.blob_ranges.setdefault(type_id, [])
            for j in range(first, stop):
                ranges.append((offset, offset + blob_sizes[j]))
                offset += blob_sizes[j]
                out.append(struct.pack("<Q", len(blobs[j])) + blobs[j])
            return b"".join(out)

        first, stop = groups[0]
        if stop > first:  # top up the last blob page
            shard.write_at(self._page_offset(last_blob) + last_blob["page_size"],
                           blob_chunk(first, stop, last_blob["page_size"], last_blob["page_type_id"]))
            last_blob["page_size"] += sum(blob_sizes[first:stop])
            last_blob["end_row_id"] += stop - first
        type_id = last_blob["page_type_id"] if last_blob else -1
        row = last_blob["end_row_id"] if last_blob else 0
        for first_g, stop_g in groups[1:]:
            type_id += 1
            page = {"page_id": shard.last_page_id() + 1, "shard_id": self._page_shard_id(shard), "page_type": "BLOB_DATA",
                    "page_type_id": type_id, "start_row_id": row, "end_row_id": row + stop_g - first_g,
                    "row_group_ids": [[0, 0]], "page_size": sum(blob_sizes[first_g:stop_g])}
            shard.pages.append(page)  # MindSpore's header lists a blob page's row groups as [(0, 0)]
            shard.write_at(self._page_offset(page), blob_chunk(first_g, stop_g, 0, type_id))
            row = page["end_row_id"]

        # Raw records: the first group joins the last row group, which moves whole to a new
        # raw page if it would overflow its page (MindSpore numbers such pages' type ids
        # from the previous raw page's page id).
        if stop > first and last_raw["page_size"] + sum(raw_sizes[first:stop]) > page_size:
            group_id, offset = last_raw["row_group_ids"].pop()
            moved = shard.read_at(self._page_offset(last_raw) + offset, last_raw["page_size"] - offset)
            last_raw["page_size"] = offset
            page = {"page_id": shard.last_page_id() + 1, "shard_id": self._page_shard_id(shard), "page_type": "RAW_DATA",
                    "page_type_id": last_raw["page_id"] + 1, "start_row_id": 0, "end_row_id": 0,
                    "row_group_ids": [[group_id, 0]], "page_size": len(moved)}
            shard.pages.append(page)
            shard.write_at(self._page_offset(page), moved)
            last_raw = page
        last_group_id = last_raw["row_group_ids"][-1][0] if last_raw and last_raw["row_group_ids"] else -1
        for chunk, (first_g, stop_g) in enumerate(groups):
            if stop_g == first_g:
                continue
            size = sum(raw_sizes[first_g:stop_g])
            if last_raw is None or last_raw["page_size"] + size > page_size:
                last_raw = {"page_id": shard.last_page_id() + 1, "shard_id": self._page_shard_id(shard),
                            "page_type": "RAW_DATA", "page_type_id": (last_raw["page_id"] if last_raw else -1) + 1,
                            "start_row_id": 0, "end_row_id": 0, "row_group_ids": [], "page_size": 0}
                shard.pages.append(last_raw)
            if chunk > 0:
                last_group_id += 1
                last_raw["row_group_ids"].append([last_group_id, last_raw["page_size"]])
            data = b"".join(struct.pack("<Q", len(raws[j])) + raws[j] for j in range(first_g, stop_g))
            shard.write_at(self._page_offset(last_raw) + last_raw["page_size"], data)
            last_raw["page_size"] += size

    # --- commit -----------------------------------------------------------------------------
    def _header(self, shard):
        schema = self._schema
        return {
            "header_size": self._header_size,
            "index_fields": [{"index_field": f, "schema_id": 0} for f in self._index_fields] or None,
            "page": [{"end_row_id": p["end_row_id"], "page_id": p["page_id"], "page_size": p["page_size"],
                      "page_type": p["page_type"], "page_type_id": p["page_type_id"],
                      "row_group_ids": [{"id": g, "offset": o} for g, o in p["row_group_ids"]],
                      "shard_id": p["shard_id"], "start_row_id": p["start_row_id"]} for p in shard.pages],
            "page_size": self._page_size,
            "compression_size": 0 if self._parallel else max(self._compression_size, 0),
            "schema": [{"blob_fields": _format.blob_fields(schema), "desc": self._desc, "schema": schema}],
            "shard_addresses": [os.path.basename(shard.path)] if self._parallel else
                               [os.path.basename(p) for p in self._paths],
            "shard_id": self._page_shard_id(shard),
            "statistics": None,
            "version": _format.HEADER_VERSION,
        }

    def _index_rows(self, shard):
        """The `.db` rows, read back from the raw pages' row groups and the blob ranges."""
        blob_pages = {p["page_type_id"]: p for p in shard.pages if p["page_type"] == "BLOB_DATA"}
        rows = []
        for raw_page in (p for p in shard.pages if p["page_type"] == "RAW_DATA"):
            page_bytes = shard.read_at(self._page_offset(raw_page), raw_page["page_size"])
            for group_id, offset in raw_page["row_group_ids"]:
                blob_page = blob_pages[group_id]
                for k, (blob_start, blob_end) in enumerate(shard.blob_ranges[group_id]):
                    (length,) = struct.unpack_from("<Q", page_bytes, offset)
                    record = _format.decode_raw(page_bytes[offset + 8:offset + 8 + length], shard.path)
                    values = tuple(record.get(f) for f in self._index_fields)
                    rows.append((blob_page["start_row_id"] + k, raw_page["page_id"], offset, offset + 8 + length,
                                 group_id, blob_page["page_id"], blob_start, blob_end) + values)
                    offset += 8 + length
        rows.sort(key=lambda r: r[0])
        return rows

    def commit(self):
        """Write the headers and the `.db` index files; the files are complete after this."""
        self._open()
        self._flush = True
        index_fields = [(f, 0) for f in self._index_fields]
        for shard in self._shards:
            header = _format.encode_header(self._header(shard))
            if len(header) > self._header_size:
                raise RuntimeError(f"Invalid data, the header of '{shard.path}' needs {len(header)} bytes, more than "
                                   f"the header size {self._header_size}: use 'set_header_size' to enlarge it.")
            shard.write_at(0, header)
            rows = self._index_rows(shard)
            shard.handle.flush()
            shard.handle.close()
            os.chmod(shard.path, 0o600)
            _index_db.write_index(shard.path + ".db", os.path.basename(shard.path), index_fields, self._schema, rows)
            os.chmod(shard.path + ".db", 0o600)
            if config._get_enc_key() is not None:
                config.encrypt(shard.path, config._get_enc_key(), config._get_enc_mode())
                config.encrypt(shard.path + ".db", config._get_enc_key(), config._get_enc_mode())
        return 0


def _page_error(page_size, kind):
    return RuntimeError(f"Invalid data, Page size: {page_size} is too small to save a {kind} row. Please try to use "
                        f"the mindrecord api 'set_page_size(value)' to enable larger page size, and the value range "
                        f"is in [{_format.MIN_PAGE_SIZE} bytes, {_format.MAX_PAGE_SIZE} bytes].")
