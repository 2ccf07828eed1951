"""Reading and writing MindSpore's `.ckpt` byte stream.

The file is one protobuf `Checkpoint`, written as one serialized single-`Value` message per
tensor chunk (concatenated messages of a repeated field are the same message); tensors over
512 MiB are split into consecutive chunks of one tag. `crc_check` appends
b'crc_num' + the CRC32 of everything before it as 10 big-endian bytes. Encryption wraps the
whole stream (see cipher.py).

Writing uses the protobuf library. Reading walks the same wire format directly over a
memory map, so a tensor's bytes are never copied before they become an array and a load
needs about one tensor of extra memory (bench/checkpoint_io.py measures it against
protobuf's whole-message parse); tests check the reader against protobuf.
"""
from __future__ import annotations

import binascii
import math
import mmap
from dataclasses import dataclass

import numpy as np

from ...common import dtype as mstype
from . import cipher
from .proto import Checkpoint, TensorProto

SLICE_BYTES = 512 * 1024 * 1024
CRC_MARK = b"crc_num"
CRC_TRAILER = len(CRC_MARK) + 10
STRING_TYPE = "str"

TYPES = {str(t): t for t in mstype.all_types}


def type_string(dtype: mstype.Type) -> str:
    return str(dtype)


class Writer:
    """Streams records into an open binary file."""

    def __init__(self, file, enc_key: bytes | None = None, crc_check: bool = False):
        self.file = file
        self.enc_key = enc_key
        self.crc_check = crc_check
        self.crc = 0
        self.pending = bytearray()

    def add(self, name: str, tensor_type: str, shape, content) -> None:
        content = memoryview(content).cast("B")
        chunks = range(0, len(content), SLICE_BYTES) if len(content) else [0]
        for start in chunks:
            chunk = content[start:start + SLICE_BYTES]
            for piece in _value_pieces(name, tensor_type, shape, chunk):
                self._emit(piece)

    def add_string(self, name: str, text: str) -> None:
        self.add(name, STRING_TYPE, [0], np.array(text).tobytes())

    def _emit(self, data) -> None:
        if self.enc_key is not None:
            self.pending += data
            while len(self.pending) >= cipher.BLOCK:
                self.file.write(cipher.encrypt_block(bytes(self.pending[:cipher.BLOCK]), self.enc_key))
                del self.pending[:cipher.BLOCK]
            return
        if self.crc_check:
            self.crc = binascii.crc32(data, self.crc)
        self.file.write(data)

    def finish(self) -> None:
        if self.enc_key is not None and self.pending:
            self.file.write(cipher.encrypt_block(bytes(self.pending), self.enc_key))
            self.pending.clear()
        if self.crc_check:
            self.file.write(CRC_MARK + self.crc.to_bytes(10, byteorder="big"))


def _encode_varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _value_pieces(name, tensor_type, shape, content: memoryview):
    """One serialized single-Value `Checkpoint` message as (header, content): the bytes
    protobuf's SerializeToString gives, without copying the tensor. protobuf serializes the
    small fields; the tensor bytes are tensor_content, the last field of the last message,
    so only the enclosing length prefixes are added here (tests compare with protobuf)."""
    tensor = TensorProto(dims=[int(d) for d in shape], tensor_type=tensor_type)
    head = tensor.SerializePartialToString() + b"\x1a" + _encode_varint(len(content))
    tensor_bytes = len(head) + len(content)
    tag_field = Checkpoint.Value(tag=name).SerializePartialToString()
    value_bytes = len(tag_field) + 1 + len(_encode_varint(tensor_bytes)) + tensor_bytes
    header = b"\x0a" + _encode_varint(value_bytes) + tag_field + b"\x12" + _encode_varint(tensor_bytes) + head
    return header, content


@dataclass
class Record:
    """One named entry: a tensor (dtype, shape, raw bytes) or a string."""

    name: str
    tensor_type: str
    shape: tuple
    content: object  # memoryview or bytes
    offset: int

    @property
    def dtype(self):
        return TYPES.get(self.tensor_type)

    @property
    def nbytes(self) -> int:
        return len(self.content)

    def array(self) -> np.ndarray:
        """The values as a NumPy array (a view of the file where possible)."""
        dtype = self.dtype.to_numpy()
        return np.frombuffer(self.content, dtype=dtype).reshape(self.shape)

    def text(self) -> str:
        values = np.frombuffer(self.content, dtype=f"U{len(self.content) // 4}")
        return str(values[0]) if values.size else ""


class CheckpointFormatError(ValueError):
    """A checkpoint file that cannot be read as what it claims to be."""


def _varint(buf, pos: int, end: int, file_name: str) -> tuple[int, int]:
    result, shift = 0, 0
    while True:
        if pos >= end:
            raise CheckpointFormatError(f"Failed to read the checkpoint file {file_name}: it ends inside a field "
                                        f"header at byte offset {pos} (truncated or corrupted).")
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise CheckpointFormatError(f"Failed to read the checkpoint file {file_name}: a malformed varint at byte "
                                        f"offset {pos}.")


def _fields(buf, start: int, end: int, file_name: str):
    """(field number, wire type, value or (start, stop)) for each field in buf[start:end]."""
    pos = start
    while pos < end:
        key, pos = _varint(buf, pos, end, file_name)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(buf, pos, end, file_name)
            yield number, wire, value, pos
        elif wire == 2:
            length, pos = _varint(buf, pos, end, file_name)
            if pos + length > end:
                raise CheckpointFormatError(f"Failed to read the checkpoint file {file_name}: a field at byte offset "
                                            f"{pos} claims {length} bytes but only {end - pos} remain (truncated "
                                            "or corrupted).")
            yield number, wire, (pos, pos + length), pos + length
            pos += length
        elif wire == 5:
            yield number, wire, None, pos + 4
            pos += 4
        elif wire == 1:
            yield number, wire, None, pos + 8
            pos += 8
        else:
            raise CheckpointFormatError(f"Failed to read the checkpoint file {file_name}: an invalid wire type {wire} "
                                        f"at byte offset {pos} (corrupted).")
        if pos > end:
            raise CheckpointFormatError(f"Failed to read the checkpoint file {file_name}: a field overruns its "
                                        f"message at byte offset {pos} (truncated or corrupted).")


def _parse_value(buf, start, end, file_name):
    tag = tensor_type = None
    dims, content = [], None
    for number, wire, value, _ in _fields(buf, start, end, file_name):
        if number == 1 and wire == 2:
            tag = bytes(buf[value[0]:value[1]]).decode("utf-8", errors="strict")
        elif number == 2 and wire == 2:
            for n, w, v, _ in _fields(buf, value[0], value[1], file_name):
                if n == 1 and w == 0:
                    dims.append(v)
                elif n == 1 and w == 2:  # packed dims
                    pos = v[0]
                    while pos < v[1]:
                        d, pos = _varint(buf, pos, v[1], file_name)
                        dims.append(d)
                elif n == 2 and w == 2:
                    tensor_type = bytes(buf[v[0]:v[1]]).decode("ascii")
                elif n == 3 and w == 2:
                    content = memoryview(buf)[v[0]:v[1]]
        elif number == 3:
            raise CheckpointFormatError(f"The checkpoint file {file_name} holds a map parameter at byte offset "
                                        f"{start}; sporax does not support map parameters.")
    if tag is None or tensor_type is None or content is None:
        raise CheckpointFormatError(f"Failed to read the checkpoint file {file_name}: the entry at byte offset {start} "
                                    "lacks its name, type or data (corrupted).")
    return tag, tensor_type, tuple(d - (1 << 64) if d >= 1 << 63 else d for d in dims), content


def parse(buf, file_name: str, crc_check: bool) -> list[Record]:
    """Every record of a plaintext checkpoint stream, validated; content views into `buf`."""
    end = len(buf)
    if end >= CRC_TRAILER and bytes(buf[end - CRC_TRAILER:end - 10]) == CRC_MARK:
        stored = int.from_bytes(bytes(buf[end - 10:end]), "big")
        end -= CRC_TRAILER
        if crc_check:
            computed = 0
            for start in range(0, end, 1 << 26):
                computed = binascii.crc32(memoryview(buf)[start:min(end, start + (1 << 26))], computed)
            if computed != stored:
                raise CheckpointFormatError(f"For 'load_checkpoint', the crc check has failed for {file_name}: the "
                                            f"file is damaged (stored CRC {stored}, computed {computed}).")
    elif crc_check:
        raise CheckpointFormatError(f"For 'load_checkpoint', the checkpoint file {file_name} has no CRC code, so "
                                    "'crc_check=True' cannot verify it.")
    pieces: list[tuple] = []
    for number, wire, value, _ in _fields(buf, 0, end, file_name):
        if number != 1 or wire != 2:
            raise CheckpointFormatError(f"Failed to read the checkpoint file {file_name}: unexpected field {number} "
                                        f"at top level (not a checkpoint, or corrupted).")
        pieces.append((*_parse_value(buf, value[0], value[1], file_name), value[0]))
    records: list[Record] = []
    for tag, tensor_type, dims, content, offset in pieces:
        if records and records[-1].name == tag and records[-1].tensor_type == tensor_type:
            previous = records[-1]
            previous.content = bytes(previous.content) + bytes(content)
            continue
        records.append(Record(tag, tensor_type, dims, content, offset))
    for record in records:
        _check_record(record, file_name)
    return records


def _check_record(record: Record, file_name: str) -> None:
    if record.tensor_type == STRING_TYPE:
        if record.nbytes % 4:
            raise CheckpointFormatError(f"Failed to read the checkpoint file {file_name}: the string '{record.name}' "
                                        f"at byte offset {record.offset} has a broken length (corrupted).")
        return
    if record.dtype is None:
        raise CheckpointFormatError(f"Failed to read the checkpoint file {file_name}: '{record.name}' at byte offset "
                                    f"{record.offset} has an unknown type {record.tensor_type!r}.")
    if record.shape == (0,) and record.nbytes == record.dtype.to_numpy().itemsize:
        record.shape = ()  # MindSpore writes some scalars as dims [0]
    if any(d < 0 for d in record.shape):
        raise CheckpointFormatError(f"Failed to read the checkpoint file {file_name}: '{record.name}' has a negative "
                                    f"dimension {record.shape} (corrupted).")
    expected = math.prod(record.shape) * record.dtype.to_numpy().itemsize
    if record.nbytes != expected:
        raise CheckpointFormatError(f"Failed to read the checkpoint file {file_name}: '{record.name}' at byte offset "
                                    f"{record.offset} holds {record.nbytes} bytes, but shape {record.shape} of "
                                    f"{record.tensor_type} needs {expected} (truncated or corrupted).")


def map_file(path: str):
    """A read-only memory map of the file (an empty bytes for an empty file)."""
    with open(path, "rb") as f:
        size = f.seek(0, 2)
        if size == 0:
            return b""
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
