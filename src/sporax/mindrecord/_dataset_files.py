"""A MindRecord data set on disk: all shards named by one shard's header, checked and readable by row.

Opening checks what can be checked without reading every sample: each shard's header parses
and agrees with the others (schema, sizes, addresses), its `.db` exists and every row's byte
ranges lie inside the file and the pages the header lists. A file cut short or an index
pointing past the end is refused at open, naming the file, before a single row is read.
"""
from __future__ import annotations

import bisect
import os
import struct

from . import _format, _index_db
from ._format import FormatError


class ShardFile:
    """One shard: header, row locations, and reads by row."""

    def __init__(self, path: str):
        self.path = path
        try:
            self.size = os.path.getsize(path)
            with open(path, "rb") as handle:
                prefix = handle.read(8)
                if len(prefix) == 8:  # the length, then just the header (not the whole header area)
                    length = struct.unpack("<Q", prefix)[0]
                    prefix += handle.read(min(length, _format.MAX_HEADER_SIZE))
        except OSError as error:
            raise FormatError(f"Invalid MindRecord file '{path}': {error.strerror}.") from None
        self.header = _format.decode_header(prefix, path, self.size)
        self.header_size, self.page_size = int(self.header["header_size"]), int(self.header["page_size"])
        self.locations = _index_db.read_locations(path + ".db", path)
        pages = {int(p["page_id"]): p for p in self.header["page"]}
        for row_id, raw_page, raw_start, raw_end, blob_page, blob_start, blob_end in self.locations:
            for page_id, start, end in ((raw_page, raw_start, raw_end), (blob_page, blob_start, blob_end)):
                page = pages.get(page_id)
                if page is None or not 0 <= start <= end - 8 or end > int(page["page_size"]) or \
                        self._offset(page_id) + end > self.size:
                    raise FormatError(f"Invalid MindRecord file '{path}': row {row_id} lies at bytes "
                                      f"[{start}, {end}) of page {page_id}, outside the file's {self.size} bytes "
                                      f"or its pages (the file is truncated or its index is corrupt).")
        self._handle = None

    def __getstate__(self):  # a worker process opens its own handle
        state = dict(self.__dict__)
        state["_handle"] = None
        return state

    def _offset(self, page_id):
        return self.header_size + self.page_size * page_id

    def _read(self, page_id, start, end, row_id, what):
        if self._handle is None:
            self._handle = open(self.path, "rb")
        position = self._offset(page_id) + start
        data = os.pread(self._handle.fileno(), end - start, position)
        (length,) = struct.unpack("<Q", data[:8])
        if length != end - start - 8:
            raise FormatError(f"Invalid MindRecord file '{self.path}': row {row_id}'s {what} record says {length} "
                              f"bytes where its index says {end - start - 8}.")
        return data[8:]

    def read(self, k):
        """(raw map, blob bytes) of the k-th row of this shard."""
        row_id, raw_page, raw_start, raw_end, blob_page, blob_start, blob_end = self.locations[k]
        where = f"MindRecord file '{self.path}', row {row_id}"
        raw = _format.decode_raw(self._read(raw_page, raw_start, raw_end, row_id, "raw"), where)
        return raw, self._read(blob_page, blob_start, blob_end, row_id, "blob"), where

    def close(self):
        if self._handle is not None:
            self._handle.close()
            self._handle = None


class DatasetFiles:
    """The shards of one or more MindRecord data sets, in order, read as one list of rows."""

    def __init__(self, file_names, load_dataset: bool):
        names = [file_names] if isinstance(file_names, str) else list(file_names)
        paths = []
        for name in names:
            if not os.path.isfile(name):
                raise FormatError(f"Invalid file, MindRecord file '{name}' does not exist or is not a file.")
            if load_dataset:
                first = ShardFile(name)
                directory = os.path.dirname(name)
                for address in first.header["shard_addresses"]:
                    path = os.path.join(directory, os.path.basename(address))
                    if path not in paths:
                        paths.append(path)
                first.close()
            elif name not in paths:
                paths.append(name)
        self.shards = []
        for path in paths:
            if not os.path.isfile(path):
                raise FormatError(f"Invalid file, the MindRecord shard '{path}' named in the header of "
                                  f"'{names[0]}' does not exist.")
            self.shards.append(ShardFile(path))
        first = self.shards[0].header
        self.schema_entry = first["schema"][0]
        for shard in self.shards[1:]:
            if shard.header["schema"][0]["schema"] != self.schema_entry["schema"]:
                raise FormatError(f"Invalid MindRecord files: the schema of '{shard.path}' differs from that of "
                                  f"'{self.shards[0].path}'.")
        self.schema = self.schema_entry["schema"]
        self.blob_fields = list(self.schema_entry.get("blob_fields") or [])
        self.compress = _format.compresses_integers(self.schema)
        self._starts = []
        total = 0
        for shard in self.shards:
            self._starts.append(total)
            total += len(shard.locations)
        self.size = total

    def row(self, index: int) -> dict:
        """Field name -> decoded value of the index-th row (ints, floats, str; bytes; ndarrays)."""
        shard_number = bisect.bisect_right(self._starts, index) - 1
        shard = self.shards[shard_number]
        raw, blob, where = shard.read(index - self._starts[shard_number])
        out = {}
        blob_values = _format.decode_blob(blob, self.schema, self.blob_fields, self.compress, where) \
            if self.blob_fields else {}
        for name in self.schema:
            if name in blob_values:
                out[name] = blob_values[name]
            elif name in raw:
                out[name] = raw[name]
            else:
                raise FormatError(f"{where}: field '{name}' is missing from its raw record.")
        return out

    def close(self):
        for shard in self.shards:
            shard.close()
