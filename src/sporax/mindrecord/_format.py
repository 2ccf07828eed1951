"""The bytes of a MindRecord shard file, as MindSpore 2.10 writes and reads them.

A shard file is a header area followed by pages, each at a fixed place:

    [0, header_size)                       u64 little-endian n, then n bytes of header JSON
    header_size + page_id * page_size      page `page_id` (the last page is cut at its end)

The header JSON (compact, keys in MindSpore's order) holds the schema, the index fields,
every page of every shard (`page_type` BLOB_DATA or RAW_DATA, `page_type_id` counting
pages of that type, row ids, `row_group_ids` with their byte offsets in a raw page) and
`shard_addresses`, the base names of all shard files of the data set.

A row is two records: its *raw* record in a raw page (u64 LE length, then a MessagePack
map of the scalar fields, keys sorted; a row with only blob fields carries `{"id": 0}`) and
its *blob* record in a blob page (u64 LE length, then the blob fields in the schema's
`blob_fields` order, each as u64 big-endian length + bytes; a single blob field is stored
bare; a row without blob fields has 4 zero bytes). Arrays are C-order bytes of their
dtype; when any int32/int64 field has a shape, every int32/int64 blob field is
compressed: u32 BE count, a bitmap of 2 bits per element (MSB first: 0 int8, 1 int16,
2 int32, 3 int64), then each element in the narrowest signed type, little-endian.
The `.db` next to each shard (SQLite) indexes each row's page ids and byte ranges.
"""
from __future__ import annotations

import json
import struct

import msgpack
import numpy as np

HEADER_VERSION = "3.0"
DEFAULT_HEADER_SIZE = 1 << 24
DEFAULT_PAGE_SIZE = 1 << 25
MIN_HEADER_SIZE, MAX_HEADER_SIZE = 1 << 14, 1 << 27
MIN_PAGE_SIZE, MAX_PAGE_SIZE = 1 << 15, 1 << 28
MIN_SHARD_COUNT, MAX_SHARD_COUNT = 1, 1000

SCALAR_TYPES = ("int32", "int64", "float32", "float64", "string", "bytes")
ARRAY_TYPES = ("int32", "int64", "float32", "float64")
_NUMPY = {"int32": np.int32, "int64": np.int64, "float32": np.float32, "float64": np.float64}
_SQL_TYPES = {"int32": "INTEGER", "int64": "INTEGER", "float32": "REAL", "float64": "REAL", "string": "TEXT"}
_FLOAT32_MAX = float(np.finfo(np.float32).max)
_NARROW = (np.dtype("<i1"), np.dtype("<i2"), np.dtype("<i4"), np.dtype("<i8"))


class FormatError(ValueError):
    """The bytes of a MindRecord file are not what the format says."""


def numpy_type(field_type: str):
    return _NUMPY[field_type]


def sql_type(field_type: str) -> str:
    return _SQL_TYPES[field_type]


def is_blob_field(spec: dict) -> bool:
    return spec["type"] == "bytes" or "shape" in spec


def blob_fields(schema: dict) -> list[str]:
    return sorted(name for name, spec in schema.items() if is_blob_field(spec))


def compresses_integers(schema: dict) -> bool:
    return any("shape" in spec and spec["type"] in ("int32", "int64") for spec in schema.values())


# --- header -------------------------------------------------------------------------------

def _compact(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def encode_header(header: dict) -> bytes:
    """Header JSON in MindSpore's key order, prefixed by its u64 LE length."""
    order = ("header_size", "index_fields", "page", "page_size", "compression_size", "schema",
             "shard_addresses", "shard_id", "statistics", "version")
    text = "{" + ",".join(f'"{key}":{_compact(header[key])}' for key in order) + "}"
    data = text.encode("utf-8")
    return struct.pack("<Q", len(data)) + data


def decode_header(prefix: bytes, path: str, file_size: int) -> dict:
    if len(prefix) < 8:
        raise FormatError(f"Invalid MindRecord file '{path}': it has {file_size} bytes, too few for a header.")
    (length,) = struct.unpack("<Q", prefix[:8])
    if length == 0 or 8 + length > len(prefix):
        raise FormatError(f"Invalid MindRecord file '{path}': its header length {length} runs past the end of the "
                          f"file ({file_size} bytes) or is empty.")
    try:
        header = json.loads(prefix[8:8 + length].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FormatError(f"Invalid MindRecord file '{path}': its header is not JSON ({error}).") from None
    required = ("header_size", "page_size", "page", "schema", "shard_addresses", "shard_id")
    if not isinstance(header, dict) or any(key not in header for key in required) or not header["schema"]:
        raise FormatError(f"Invalid MindRecord file '{path}': its header lacks one of {list(required)}.")
    return header


# --- raw (scalar) records -----------------------------------------------------------------

def _pack_value(value) -> bytes:
    if isinstance(value, float):
        # nlohmann's MessagePack writer keeps a finite double as float32 when that is exact.
        finite = abs(value) <= _FLOAT32_MAX
        if finite and float(np.float32(value)) == value:
            return b"\xca" + struct.pack(">f", value)
        return b"\xcb" + struct.pack(">d", value)
    return msgpack.packb(value, use_bin_type=True)


def encode_raw(row: dict) -> bytes:
    """MessagePack map with sorted keys (nlohmann's object order)."""
    keys = sorted(row)
    n = len(keys)
    out = [bytes([0x80 | n]) if n < 16 else b"\xde" + struct.pack(">H", n)]
    for key in keys:
        out.append(msgpack.packb(key, use_bin_type=True))
        out.append(_pack_value(row[key]))
    return b"".join(out)


def decode_raw(data: bytes, where: str) -> dict:
    try:
        value = msgpack.unpackb(data, raw=False, strict_map_key=False)
    except Exception as error:  # msgpack raises several unrelated classes for bad bytes
        raise FormatError(f"{where}: its raw record is not valid MessagePack ({error}).") from None
    if not isinstance(value, dict):
        raise FormatError(f"{where}: its raw record is not a map.")
    return value


# --- blob records -------------------------------------------------------------------------

def _compress_integers(data: bytes, width: int) -> bytes:
    values = np.frombuffer(data, dtype="<i4" if width == 4 else "<i8").astype(np.int64)
    codes = np.full(values.shape, 3, np.uint8)
    codes[(values >= -(1 << 31)) & (values < (1 << 31))] = 2
    codes[(values >= -(1 << 15)) & (values < (1 << 15))] = 1
    codes[(values >= -(1 << 7)) & (values < (1 << 7))] = 0
    padded = np.zeros(-(-len(values) // 4) * 4, np.uint8)
    padded[:len(values)] = codes
    groups = padded.reshape(-1, 4)
    bitmap = (groups[:, 0] << 6) | (groups[:, 1] << 4) | (groups[:, 2] << 2) | groups[:, 3]
    body = b"".join(_NARROW[code].type(value).tobytes() for value, code in zip(values.tolist(), codes.tolist()))
    return struct.pack(">I", len(values)) + bitmap.astype(np.uint8).tobytes() + body


def _uncompress_integers(data: bytes, width: int, where: str) -> bytes:
    if len(data) < 4:
        raise FormatError(f"{where}: a compressed integer field is cut short.")
    (count,) = struct.unpack(">I", data[:4])
    bitmap = np.frombuffer(data, np.uint8, count=-(-count // 4), offset=4) if count else np.zeros(0, np.uint8)
    codes = np.stack([(bitmap >> shift) & 3 for shift in (6, 4, 2, 0)], axis=1).reshape(-1)[:count]
    sizes = (1 << codes.astype(np.int64))
    position = 4 + len(bitmap)
    if position + int(sizes.sum()) != len(data):
        raise FormatError(f"{where}: a compressed integer field has {len(data)} bytes, but its bitmap says "
                          f"{position + int(sizes.sum())}.")
    out = np.empty(count, np.int64)
    for i, code in enumerate(codes.tolist()):
        size = 1 << code
        out[i] = np.frombuffer(data, _NARROW[code], count=1, offset=position)[0]
        position += size
    return out.astype("<i4" if width == 4 else "<i8").tobytes()


def field_bytes(value, spec: dict) -> bytes:
    if spec["type"] == "bytes":
        return bytes(value)
    return np.ascontiguousarray(value, dtype=_NUMPY[spec["type"]]).tobytes()


def encode_blob(row: dict, schema: dict, fields: list[str], compress: bool) -> tuple[bytes, int]:
    """The blob record of a row and the bytes compression saved."""
    parts = []
    saved = 0
    for name in fields:
        data = field_bytes(row[name], schema[name])
        if compress and schema[name]["type"] in ("int32", "int64"):
            packed = _compress_integers(data, 4 if schema[name]["type"] == "int32" else 8)
            saved += len(data) - len(packed)
            data = packed
        parts.append(data)
    if len(fields) == 1:
        return parts[0], saved
    return b"".join(struct.pack(">Q", len(part)) + part for part in parts), saved


def decode_blob(data: bytes, schema: dict, fields: list[str], compress: bool, where: str) -> dict:
    """Field name -> bytes (bytes fields) or ndarray of the schema's dtype and shape."""
    parts = []
    if len(fields) == 1:
        parts.append(data)
    else:
        position = 0
        for name in fields:
            if position + 8 > len(data):
                raise FormatError(f"{where}: its blob record ends before field '{name}'.")
            (size,) = struct.unpack(">Q", data[position:position + 8])
            if position + 8 + size > len(data):
                raise FormatError(f"{where}: field '{name}' has {size} bytes, past the end of its blob record.")
            parts.append(data[position + 8:position + 8 + size])
            position += 8 + size
    out = {}
    for name, part in zip(fields, parts):
        spec = schema[name]
        if spec["type"] == "bytes":
            out[name] = bytes(part)
            continue
        if compress and spec["type"] in ("int32", "int64"):
            part = _uncompress_integers(part, 4 if spec["type"] == "int32" else 8, where)
        dtype = np.dtype(_NUMPY[spec["type"]])
        if len(part) % dtype.itemsize:
            raise FormatError(f"{where}: field '{name}' has {len(part)} bytes, not a whole number of {dtype}.")
        array = np.frombuffer(part, dtype).copy()
        try:
            out[name] = array.reshape(spec["shape"])
        except ValueError:
            raise FormatError(f"{where}: field '{name}' has {array.size} elements, which do not fit the shape "
                              f"{spec['shape']}.") from None
    return out
