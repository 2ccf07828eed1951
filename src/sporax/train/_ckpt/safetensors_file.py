"""safetensors files the way MindSpore writes them: names sorted, metadata {"format": "ms"}
(and "crc_num" with `crc_check`: the CRC32 over each name and its tensor's bytes, in name
order).

The format: an 8-byte little-endian header length N, N bytes of JSON
`{"__metadata__": {str: str}, name: {"dtype", "shape", "data_offsets": [begin, end]}, ...}`
padded with spaces to a multiple of 8, then the tensors' bytes, back to back. Reading and
writing are done here (not by the safetensors library) so that both stream one tensor at
a time, every field of a hostile header is checked before anything is allocated, and
tensors land in arrays JAX adopts without a copy. The bytes written equal the library's
(tensors ordered by dtype, largest first, then by name; tests compare).
"""
from __future__ import annotations

import json
import math
import os
import struct

import ml_dtypes
import numpy as np

from . import byte_stream, host_array, names
from .byte_stream import FormatError
from .crc import crc32
from .ckpt_file import MAX_DIMS, open_regular

# The library's dtype order (its enum), smallest first; files list tensors largest first.
DTYPES = {"BOOL": np.bool_, "U8": np.uint8, "I8": np.int8, "I16": np.int16, "U16": np.uint16,
          "F16": np.float16, "BF16": ml_dtypes.bfloat16, "I32": np.int32, "U32": np.uint32, "F32": np.float32,
          "C64": np.complex64, "F64": np.float64, "I64": np.int64, "U64": np.uint64}
_RANK = {name: i for i, name in enumerate(DTYPES)}
_CODE = {np.dtype(v): k for k, v in DTYPES.items()}
MAX_HEADER_BYTES = 100_000_000  # the safetensors library's own limit

# safetensors has no complex128: such a tensor is stored as float64 pairs (shape + (2,)) and
# named in the metadata, so it comes back bit for bit.
_PAIRED = {np.dtype(np.complex128): np.float64}
PAIRED_KEY = "sporax.complex128."


def crc_of(items) -> int:
    """CRC32 over each (name, array) in order: the name's UTF-8, then the array's bytes."""
    crc = 0
    for name, array in items:
        crc = crc32(name.encode("utf-8"), crc)
        crc = crc32(raw_bytes(array), crc)
    return crc


def raw_bytes(array: np.ndarray) -> memoryview:
    return memoryview(np.ascontiguousarray(array).reshape(-1).view(np.uint8))


def stored_form(name: str, dtype: np.dtype, shape: tuple) -> tuple[str, tuple, bool]:
    """(safetensors dtype code, stored shape, paired) of a tensor; ValueError if unsupported."""
    dtype = np.dtype(dtype)
    if dtype in _PAIRED:
        return _CODE[np.dtype(_PAIRED[dtype])], tuple(shape) + (2,), True
    if dtype not in _CODE:
        raise ValueError(f"For 'save_checkpoint', '{name}' has dtype {dtype}, which safetensors cannot store.")
    return _CODE[dtype], tuple(shape), False


def write(file, entries, metadata: dict | None) -> None:
    """Write `entries` [(name, dtype, shape, get_array)] to an open binary file, streaming:
    `get_array()` is called once per tensor, just before its bytes are written."""
    rows = []
    for name, dtype, shape, get_array in entries:
        code, stored_shape, paired = stored_form(name, dtype, shape)
        if paired:
            metadata = {**(metadata or {}), PAIRED_KEY + name: "1"}
        rows.append((-_RANK[code], name, code, stored_shape, get_array))
    rows.sort(key=lambda row: (row[0], row[1]))
    header, offset = {}, 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for _, name, code, shape, _ in rows:
        nbytes = math.prod(shape) * np.dtype(DTYPES[code]).itemsize
        header[name] = {"dtype": code, "shape": list(shape), "data_offsets": [offset, offset + nbytes]}
        offset += nbytes
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    file.write(struct.pack("<Q", len(text)) + text)
    for _, name, code, shape, get_array in rows:
        array = np.asarray(get_array())
        file.write(raw_bytes(array))
        del array  # one tensor at a time


def _duplicates_refused(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise FormatError(f"the key {key!r} appears twice in the header")
        out[key] = value
    return out


def read(path: str, crc_check: bool, wanted=None,
         reached=byte_stream.unreported) -> tuple[dict, list[tuple[str, np.ndarray | None]]]:
    """(metadata, [(name, array or None when not wanted)]) of a safetensors file, in name order;
    every header field is checked against the file before a tensor is allocated; `reached(offset)`
    is told how far into the file the reading is, step by step, and the file's size once all of
    it is validated."""
    def failed(what: str) -> FormatError:
        return FormatError(f"Failed to read the safetensors file {path}: {what}.")

    with open_regular(path) as file:
        size = os.fstat(file.fileno()).st_size
        if size < 8:
            raise failed(f"it holds {size} bytes, fewer than the 8 of a header length")
        (header_bytes,) = struct.unpack("<Q", file.read(8))
        if header_bytes > min(size - 8, MAX_HEADER_BYTES):
            raise failed(f"the header claims {header_bytes} bytes but the file holds {size - 8} after its length "
                         f"(and a header may have at most {MAX_HEADER_BYTES})")
        try:
            header = json.loads(file.read(header_bytes).decode("utf-8"), object_pairs_hook=_duplicates_refused)
        except FormatError as error:
            raise failed(str(error)) from None
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            raise failed(f"the header is not valid UTF-8 JSON ({error})") from None
        if not isinstance(header, dict):
            raise failed(f"the header is a JSON {type(header).__name__}, not an object")
        metadata = header.pop("__metadata__", {})
        metadata = {} if metadata is None else metadata
        if not isinstance(metadata, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                     for k, v in metadata.items()):
            raise failed("'__metadata__' must map strings to strings")
        data_start, data_bytes = 8 + header_bytes, size - 8 - header_bytes
        layout = []
        for name, entry in header.items():
            layout.append(_checked_entry(name, entry, metadata, data_bytes, failed))
        layout.sort(key=lambda row: (row[3], row[4]))
        position = 0
        for name, _, _, begin, end, _ in layout:
            if begin != position:
                raise failed(f"the data of '{name}' starts at {begin}, but the previous tensor ends at {position} "
                             "(overlapping tensors, or a gap)")
            position = end
        if position != data_bytes:
            raise failed(f"the tensors cover {position} bytes of data, but the file holds {data_bytes}")
        arrays = {}
        file.seek(data_start)
        prefetch = byte_stream.Prefetch(file.fileno(), size)
        for name, dtype, shape, begin, end, paired in layout:
            if not crc_check and wanted is not None and not wanted(name):
                file.seek(data_start + end)
                reached(data_start + end)
                arrays[name] = None
                continue
            prefetch.ahead(data_start + begin)  # the disk reads while the pages are made
            array = host_array.empty(shape, dtype)
            view = memoryview(array.reshape(-1).view(np.uint8))
            done = 0
            while done < len(view):
                prefetch.ahead(data_start + begin + done)
                part = view[done:done + byte_stream.BULK]
                host_array.populate(part)
                n = file.readinto(part)
                if not n:
                    raise failed("it ended while being read (it was truncated during the load)")
                done += n
                reached(data_start + begin + done)
            if paired:
                array = array.view(np.complex128).reshape(shape[:-1])
            arrays[name] = array
    ordered = sorted(arrays)
    if crc_check:
        if "crc_num" not in metadata:
            raise FormatError(f"For 'load_checkpoint', the safetensors file {path} has no crc code, so "
                              "'crc_check=True' cannot verify it.")
        if str(crc_of((n, arrays[n]) for n in ordered)) != metadata["crc_num"]:
            raise FormatError(f"For 'load_checkpoint', the crc check has failed for {path}: the file is damaged.")
        if wanted is not None:
            arrays = {n: a if wanted(n) else None for n, a in arrays.items()}
    reached(size)
    return metadata, [(n, arrays[n]) for n in ordered]


def _checked_entry(name, entry, metadata, data_bytes, failed):
    what = names.problem(name)
    if what is not None:
        raise failed(f"the tensor name {name[:80]!r} {what}")
    if not isinstance(entry, dict) or set(entry) != {"dtype", "shape", "data_offsets"}:
        raise failed(f"the entry of '{name}' must be an object with exactly 'dtype', 'shape' and 'data_offsets'")
    code, shape, offsets = entry["dtype"], entry["shape"], entry["data_offsets"]
    if code not in DTYPES:
        raise failed(f"'{name}' has the dtype {str(code)[:40]!r}, which has no MindSpore type (supported: "
                     f"{', '.join(DTYPES)})")
    if not isinstance(shape, list) or len(shape) > MAX_DIMS or not all(
            type(d) is int and d >= 0 for d in shape):
        raise failed(f"'{name}' has the shape {str(shape)[:80]}; a shape is a list of at most {MAX_DIMS} "
                     "non-negative ints")
    if not isinstance(offsets, list) or len(offsets) != 2 or not all(type(o) is int for o in offsets) \
            or not 0 <= offsets[0] <= offsets[1] <= data_bytes:
        raise failed(f"'{name}' has the data_offsets {str(offsets)[:80]}; they must be [begin, end] with "
                     f"0 <= begin <= end <= {data_bytes}, the bytes of data in the file")
    dtype = np.dtype(DTYPES[code])
    impossible = host_array.shape_problem(shape, dtype.itemsize)
    if impossible is not None:
        raise failed(f"'{name}' has the shape {str(shape)[:80]} of {code}: {impossible}")
    expected = math.prod(shape) * dtype.itemsize
    if offsets[1] - offsets[0] != expected:
        raise failed(f"'{name}' spans {offsets[1] - offsets[0]} bytes, but shape {shape} of {code} needs {expected}")
    paired = metadata.get(PAIRED_KEY + name) == "1"
    if paired and (code != "F64" or not shape or shape[-1] != 2):
        raise failed(f"'{name}' is marked complex128 but is not float64 pairs (shape {shape} of {code})")
    return name, dtype, tuple(shape), offsets[0], offsets[1], paired
