"""Reading and writing MindSpore's `.ckpt` byte stream.

The file is one protobuf `Checkpoint`, written as one serialized single-`Value` message per
tensor chunk (concatenated messages of a repeated field are the same message); tensors over
512 MiB are split into consecutive chunks of one tag, each carrying the whole tensor's
dims. `crc_check` appends b'crc_num' + the CRC32 of everything before it as 10 big-endian
bytes. Encryption wraps the whole stream (see cipher.py).

Writing uses the protobuf library for the small fields and writes each tensor's bytes
from the array itself. Reading walks the wire format once, front to back (byte_stream.py):
every length is checked against what remains of its message and of the file before
anything is allocated, a tensor's bytes (all its slices, in one pass) land directly in
the array that will hold them, and the file is closed when `read` returns. Tests check
the reader against protobuf's parser.
"""
from __future__ import annotations

import math
import os
import stat
from dataclasses import dataclass

import numpy as np

from ...common import dtype as mstype
from . import cipher, host_array, names
from .byte_stream import FileSource, FormatError, Stream, unreported
from .crc import crc32
from .proto import Checkpoint, TensorProto

SLICE_BYTES = 512 * 1024 * 1024
CRC_MARK = b"crc_num"
CRC_TRAILER = len(CRC_MARK) + 10
STRING_TYPE = "str"
MAX_DIMS = 64
_MAX_TYPE_BYTES = 64

TYPES = {str(t): t for t in mstype.all_types}
CheckpointFormatError = FormatError


class Writer:
    """Streams records into an open binary file."""

    def __init__(self, file, enc_key: bytes | None = None, crc_check: bool = False):
        self.file = file
        self.crc_check = crc_check
        self.crc = 0
        self.blocks = cipher.BlockWriter(file, enc_key) if enc_key is not None else None

    def add(self, name: str, tensor_type: str, shape, content) -> None:
        content = memoryview(content).cast("B")
        chunks = range(0, len(content), SLICE_BYTES) if len(content) else [0]
        for start in chunks:
            for piece in _value_pieces(name, tensor_type, shape, content[start:start + SLICE_BYTES]):
                self._emit(piece)

    def add_string(self, name: str, text: str) -> None:
        self.add(name, STRING_TYPE, [0], np.array(text).tobytes())

    def _emit(self, data) -> None:
        if self.blocks is not None:
            self.blocks.write(data)
            return
        if self.crc_check:
            self.crc = crc32(data, self.crc)
        self.file.write(data)

    def finish(self) -> None:
        if self.blocks is not None:
            self.blocks.flush()
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


# --- reading -------------------------------------------------------------------------------------
@dataclass(eq=False)
class Record:
    """One named entry: a tensor (`array`, None when not wanted) or a string (`text`)."""

    name: str
    tensor_type: str
    dims: tuple  # as stored, for comparing slices
    shape: tuple
    nbytes: int
    offset: int
    array: np.ndarray | None = None
    raw: memoryview | None = None  # where the content goes: the array's bytes
    filled: int = 0
    text: str | None = None

    @property
    def is_string(self) -> bool:
        return self.tensor_type == STRING_TYPE


def read(path: str, dec_key: bytes | None = None, crc_check: bool = False, wanted=None,
         reached=unreported) -> list[Record]:
    """Every record of a `.ckpt` file, validated completely; `wanted(name)` False skips a
    tensor's bytes (still checked by CRC or tag); `reached(offset)` is told how far into the
    file the reading is, step by step, and the file's size once all of it is validated. The
    file is closed on return."""
    with open_regular(path) as file:
        size = os.fstat(file.fileno()).st_size
        if size == 0:
            raise FormatError(f"Failed to read the checkpoint file {path}: the file is empty.")
        head = file.read(4)
        if dec_key is not None:
            if crc_check:
                raise ValueError("For 'load_checkpoint', 'dec_key' and 'crc_check' cannot be used together: an "
                                 "encrypted checkpoint is authenticated by AES-GCM and has no CRC code.")
            blocks = cipher.scan(file, size, path)
            source = cipher.DecryptingSource(file, blocks, dec_key, path, reached)
            end = cipher.plaintext_bytes(blocks)
            try:
                records = _parse(Stream(source, end, path), wanted)
            except FormatError:
                source.finish()  # a wrong key or a tampered file is the better explanation
                raise
            source.finish()
            reached(size)
            return records
        if cipher.is_encrypted(head):
            raise FormatError(f"The checkpoint file {path} is encrypted: pass its 'dec_key'.")
        end, stored = size, None
        if size >= CRC_TRAILER:
            file.seek(size - CRC_TRAILER)
            trailer = file.read(CRC_TRAILER)
            if trailer[:len(CRC_MARK)] == CRC_MARK:
                end, stored = size - CRC_TRAILER, int.from_bytes(trailer[len(CRC_MARK):], "big")
        if crc_check and stored is None:
            raise FormatError(f"For 'load_checkpoint', the checkpoint file {path} has no CRC code, so "
                              "'crc_check=True' cannot verify it.")
        source = FileSource(file, 0, end, path, reached)
        if crc_check:
            source.crc = 0
        records = _parse(Stream(source, end, path), wanted)
        if crc_check and source.crc != stored:
            raise FormatError(f"For 'load_checkpoint', the crc check has failed for {path}: the file is damaged "
                              f"(stored CRC {stored}, computed {source.crc}).")
        reached(size)
        return records


def open_regular(path: str):
    """The file opened for reading, refused (ValueError) unless it is a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise ValueError(f"Failed to open the checkpoint file {path}: {error.strerror}.") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise ValueError(f"The checkpoint file {path} is not a regular file.")
    return open(descriptor, "rb", buffering=0)


def _parse(stream: Stream, wanted) -> list[Record]:
    records: list[Record] = []
    seen: dict[str, int] = {}
    end = stream.end
    while stream.pos < end:
        offset = stream.pos
        key = stream.varint(end)
        if key != 0x0A:  # field 1 (value), length-delimited
            raise stream.error(f"field {key >> 3} with wire type {key & 7} at the top level (a checkpoint holds "
                               "only field 1, its values)", offset)
        length = stream.length(end)
        if not _parse_canonical_value(stream, stream.pos + length, offset, records, seen, wanted):
            _parse_value(stream, stream.pos + length, offset, records, seen, wanted)
    if not records:
        raise FormatError(f"Failed to read the checkpoint file {stream.file_name}: it holds no entries.")
    for record in records:
        _finish(record, stream.file_name)
    return records


def _skip_field(stream: Stream, wire: int, end: int) -> None:
    if wire == 0:
        stream.varint(end)
    elif wire == 2:
        stream.skip(stream.length(end))
    elif wire in (1, 5):
        n = 8 if wire == 1 else 4
        if n > end - stream.pos:
            raise stream.error("a fixed-width field that runs past the end of its message")
        stream.skip(n)
    else:
        raise stream.error(f"an invalid wire type {wire}")


def _varint_at(buffer, i: int, stop: int):
    """(value, next index) of a varint in buffer[i:stop], or (None, i) if it does not end there."""
    result = shift = 0
    while i < stop and shift < 70:
        byte = buffer[i]
        i += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, i
        shift += 7
    return None, i


def _parse_canonical_value(stream, end, offset, records, seen, wanted) -> bool:
    """The Value at the stream's position if it is laid out as MindSpore and sporax write it
    (tag, tensor {dims, tensor_type, tensor_content}, the content last) and its header is in
    the window: read without leaving this frame. False (the stream untouched) otherwise, for
    the general parser to read it."""
    header_room = min(end - stream.pos, 8192)
    if stream.hi - stream.lo < header_room:
        if stream.base + stream.hi >= stream.end:
            return False
        stream._fill(min(header_room, stream.end - stream.pos))
    buffer, i = stream.buffer, stream.lo
    stop = stream.lo + min(end - stream.pos, stream.hi - stream.lo)
    if i >= stop or buffer[i] != 0x0A:
        return False
    n, i = _varint_at(buffer, i + 1, stop)
    if n is None or n > names.MAX_BYTES or i + n > stop:
        return False
    tag_start, tag_end = i, i + n
    i = tag_end
    if i >= stop or buffer[i] != 0x12:
        return False
    tensor_bytes, i = _varint_at(buffer, i + 1, stop)
    if tensor_bytes is None or i - stream.lo + stream.pos + tensor_bytes != end:
        return False
    dims = []
    while i < stop and buffer[i] == 0x08 and len(dims) <= MAX_DIMS:
        d, i = _varint_at(buffer, i + 1, stop)
        if d is None:
            return False
        dims.append(d)
    if i < stop and buffer[i] == 0x0A:  # packed dims
        n, i = _varint_at(buffer, i + 1, stop)
        if n is None or i + n > stop:
            return False
        packed_end, i = i + n, i
        while i < packed_end and len(dims) <= MAX_DIMS:
            d, i = _varint_at(buffer, i, packed_end)
            if d is None:
                return False
            dims.append(d)
        if i != packed_end:
            return False
    if len(dims) > MAX_DIMS or i >= stop or buffer[i] != 0x12:
        return False
    n, i = _varint_at(buffer, i + 1, stop)
    if n is None or n > _MAX_TYPE_BYTES or i + n > stop:
        return False
    tensor_type = bytes(buffer[i:i + n]).decode("ascii", errors="replace")
    i += n
    if i >= stop or buffer[i] != 0x1A:
        return False
    n, i = _varint_at(buffer, i + 1, stop)
    if n is None or i - stream.lo + stream.pos + n != end:
        return False
    tag = names.decode(bytes(buffer[tag_start:tag_end]),
                       f"Failed to read the checkpoint file {stream.file_name} at byte offset {offset}")
    stream.lo = i
    target = _destination(stream, records, seen, tag, tensor_type, dims, n, offset, wanted)
    if target is None:
        stream.skip(n)
    else:
        stream.into(target)
    return True


def _parse_value(stream, end, offset, records, seen, wanted) -> None:
    """One `Checkpoint.Value`: tag, then tensor {dims, tensor_type, tensor_content} (any order)."""
    tag = tensor_type = None
    dims: list[int] = []
    placed = False
    pending = None  # content that arrived before the name/type/dims it belongs to
    seen_tensor = False
    while stream.pos < end:
        field_offset = stream.pos
        key = stream.varint(end)
        number, wire = key >> 3, key & 7
        if number == 0:
            raise stream.error("the invalid field number 0", field_offset)
        if number == 1 and wire == 2:
            n = stream.length(end)
            if n > names.MAX_BYTES:
                raise stream.error(f"an entry name of {n} bytes, longer than {names.MAX_CHARACTERS} characters "
                                   "can be", field_offset)
            if tag is not None:
                raise stream.error("a second name in one entry", field_offset)
            tag = names.decode(stream.take(n), f"Failed to read the checkpoint file {stream.file_name} at byte "
                                               f"offset {field_offset}")
        elif number == 2 and wire == 2:
            if seen_tensor:
                raise stream.error("a second tensor in one entry", field_offset)
            seen_tensor = True
            tensor_bytes = stream.length(end)
            tensor_end = stream.pos + tensor_bytes
            while stream.pos < tensor_end:
                inner_offset = stream.pos
                key = stream.varint(tensor_end)
                n_, w_ = key >> 3, key & 7
                if n_ == 0:
                    raise stream.error("the invalid field number 0", inner_offset)
                if n_ == 1 and w_ == 0:
                    dims.append(stream.varint(tensor_end))
                elif n_ == 1 and w_ == 2:  # packed dims
                    packed_bytes = stream.length(tensor_end)
                    packed_end = stream.pos + packed_bytes
                    while stream.pos < packed_end:
                        dims.append(stream.varint(packed_end))
                        if len(dims) > MAX_DIMS:
                            break
                elif n_ == 2 and w_ == 2:
                    n = stream.length(tensor_end)
                    if tensor_type is not None or n > _MAX_TYPE_BYTES:
                        raise stream.error("a repeated or overlong tensor_type", inner_offset)
                    tensor_type = stream.take(n).decode("ascii", errors="replace")
                elif n_ == 3 and w_ == 2:
                    n = stream.length(tensor_end)
                    if placed or pending is not None:
                        raise stream.error("a second tensor_content in one entry", inner_offset)
                    if tag is not None and tensor_type is not None:
                        target = _destination(stream, records, seen, tag, tensor_type, dims, n, offset, wanted)
                        if target is None:
                            stream.skip(n)
                        else:
                            stream.into(target)
                        placed = True
                    else:
                        pending = memoryview(bytearray(n))
                        stream.into(pending)
                else:
                    _skip_field(stream, w_, tensor_end)
                if len(dims) > MAX_DIMS:
                    raise stream.error(f"a tensor with more than {MAX_DIMS} dimensions", inner_offset)
        elif number == 3:
            raise FormatError(f"The checkpoint file {stream.file_name} holds a map parameter at byte offset "
                              f"{offset}; sporax does not support map parameters.")
        else:
            _skip_field(stream, wire, end)
    if tag is None or tensor_type is None or not (placed or pending is not None):
        raise stream.error("an entry that lacks its name, type or data", offset)
    if pending is not None:
        target = _destination(stream, records, seen, tag, tensor_type, dims, len(pending), offset, wanted)
        if target is not None:
            target[:] = pending


def _destination(stream, records, seen, tag, tensor_type, dims, n, offset, wanted):
    """Where the next n content bytes of `tag` go (None: not wanted), after every check that
    can be made before reading them: type, dims, and the bytes the shape needs against the
    bytes the file still holds."""
    dims = tuple(d - (1 << 64) if d >= 1 << 63 else d for d in dims)
    previous = records[-1] if records else None
    if previous is not None and previous.name == tag and previous.tensor_type == tensor_type \
            and not previous.is_string:
        # a further slice of the previous tensor
        if dims != previous.dims:
            raise stream.error(f"a slice of '{tag}' with dims {list(dims)}, but its first slice has "
                               f"{list(previous.dims)}", offset)
        if previous.filled + n > previous.nbytes:
            raise stream.error(f"the slices of '{tag}' holding more than the {previous.nbytes} bytes its shape "
                               f"{previous.shape} of {tensor_type} needs", offset)
        start = previous.filled
        previous.filled += n
        return None if previous.raw is None else previous.raw[start:start + n]
    if tag in seen:
        raise stream.error(f"a second entry named '{tag}' (the first is at byte offset {seen[tag]})", offset)
    seen[tag] = offset
    if tensor_type == STRING_TYPE:
        if n % 4:
            raise stream.error(f"the string '{tag}' with a broken length of {n} bytes (not whole UTF-32 "
                               "characters)", offset)
        raw = memoryview(bytearray(n))
        records.append(Record(tag, tensor_type, dims, (), n, offset, raw=raw, filled=n))
        return raw
    dtype = TYPES.get(tensor_type)
    if dtype is None:
        raise stream.error(f"'{tag}' with the unknown tensor type {tensor_type!r} (known: {sorted(TYPES)})", offset)
    if any(d < 0 for d in dims):
        raise stream.error(f"'{tag}' with a negative dimension in {list(dims)}", offset)
    itemsize = dtype.to_numpy().itemsize
    shape = () if dims == (0,) and n == itemsize else dims  # MindSpore writes some scalars as dims [0]
    nbytes = math.prod(shape) * itemsize
    remaining = stream.end - stream.pos - n
    if n > nbytes or nbytes - n > remaining:
        raise stream.error(f"'{tag}' with shape {list(shape)} of {tensor_type}, which needs {nbytes} bytes, but its "
                           f"entry holds {n} and the file only {remaining} more", offset)
    impossible = host_array.shape_problem(shape, itemsize)
    if impossible is not None:
        raise stream.error(f"'{tag}' with shape {list(shape)} of {tensor_type}: {impossible}", offset)
    record = Record(tag, tensor_type, dims, shape, nbytes, offset, filled=n)
    records.append(record)
    if wanted is not None and not wanted(tag):
        return None
    stream.will_take(n)  # the disk reads while the array's pages are made
    record.array = host_array.empty(shape, dtype.to_numpy())
    record.raw = memoryview(record.array.reshape(-1).view(np.uint8))
    return record.raw[:n]


def _finish(record: Record, file_name: str) -> None:
    if record.is_string:
        try:
            record.text = bytes(record.raw).decode("utf-32-le").rstrip("\x00")
        except UnicodeDecodeError as error:
            raise FormatError(f"Failed to read the checkpoint file {file_name}: the string '{record.name}' at byte "
                              f"offset {record.offset} holds an invalid code point (bytes {error.start}-"
                              f"{error.end}: {bytes(record.raw[error.start:error.end])!r}).") from None
        record.raw = None
        return
    if record.filled != record.nbytes:
        raise FormatError(f"Failed to read the checkpoint file {file_name}: '{record.name}' at byte offset "
                          f"{record.offset} holds {record.filled} bytes, but shape {list(record.shape)} of "
                          f"{record.tensor_type} needs {record.nbytes} (truncated or corrupted).")
    record.raw = None
