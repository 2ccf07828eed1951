"""MindSpore's encrypted-checkpoint container, AES-GCM.

The plaintext (the protobuf stream) is cut into blocks of 64 MiB; each block is written as

    magic 0x7F3A5ED8 (uint32 LE) | GCM tag (16) | block length (uint32 LE) |
    IV length (uint32 LE) = 16 | IV (16 random bytes; GCM uses the first 12) |
    ciphertext length (uint32 LE) | ciphertext

where block length counts everything after itself. The key is 16, 24 or 32 bytes
(AES-128/192/256); there is no associated data.

Both directions stream: saving encrypts through a 4 MiB buffer (each block's header is
filled in when the block ends), loading first
reads every block header (validating each against the file's length) and then decrypts
block by block straight into the arrays being loaded; a block's tag is checked when its
last byte has been decrypted, and a load returns nothing before every tag has passed.
"""
from __future__ import annotations

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from . import host_array
from .byte_stream import FormatError, Prefetch, unreported

MAGIC = 0x7F3A5ED8
BLOCK = 64 * 1024 * 1024
_IV_BYTES = 16
_NONCE_BYTES = 12
_TAG_BYTES = 16
_HEAD = struct.Struct("<I16sII")  # magic, tag, block length, IV length
_MAX_IV_BYTES = 1024
_CHUNK = 1 << 22  # ciphertext written per step
_READ_CHUNK = 1 << 20  # ciphertext read per step: the loader's only buffer beside the model


def check_key(function: str, name: str, key) -> bytes:
    if not isinstance(key, (bytes, bytearray)):
        raise TypeError(f"{function}: argument '{name}' must be bytes, got {type(key).__name__}.")
    if len(key) not in (16, 24, 32):
        raise ValueError(f"{function}: argument '{name}' must be 16, 24 or 32 bytes long, got {len(key)} bytes.")
    return bytes(key)


def is_encrypted(head: bytes) -> bool:
    return len(head) >= 4 and struct.unpack("<I", head[:4])[0] == MAGIC


class BlockWriter:
    """Encrypts a byte stream into blocks of BLOCK plaintext bytes, written to `file` (seekable).

    The ciphertext streams out through a 4 MiB buffer: a block's header is written with a
    blank tag and lengths, and filled in when the block ends (one seek back), so saving
    needs no block-sized buffer."""

    def __init__(self, file, key: bytes):
        self.file, self.key = file, key
        self.scratch = memoryview(bytearray(_CHUNK + 16))  # update_into wants room for a cipher block more
        self.count = 0
        self.encryptor = None
        self.header_at = 0

    def _start(self) -> None:
        iv = os.urandom(_IV_BYTES)
        self.encryptor = Cipher(algorithms.AES(self.key), modes.GCM(iv[:_NONCE_BYTES])).encryptor()
        self.header_at = self.file.tell()
        self.file.write(_HEAD.pack(MAGIC, bytes(_TAG_BYTES), 0, _IV_BYTES) + iv + struct.pack("<I", 0))

    def write(self, data) -> None:
        data = memoryview(data).cast("B")
        while len(data):
            if self.encryptor is None:
                self._start()
            k = min(len(data), BLOCK - self.count, _CHUNK)
            n = self.encryptor.update_into(data[:k], self.scratch)
            self.file.write(self.scratch[:n])
            self.count += k
            data = data[k:]
            if self.count == BLOCK:
                self.flush()

    def flush(self) -> None:
        """End the current block: its tag and lengths go into its header."""
        if self.encryptor is None:
            return
        self.encryptor.finalize()  # GCM is a stream mode: nothing is held back
        end = self.file.tell()
        self.file.seek(self.header_at + 4)
        self.file.write(self.encryptor.tag + struct.pack("<I", 4 + _IV_BYTES + 4 + self.count))
        self.file.seek(self.header_at + _HEAD.size + _IV_BYTES)
        self.file.write(struct.pack("<I", self.count))
        self.file.seek(end)
        self.encryptor, self.count = None, 0


def _failed(file_name: str, what: str) -> FormatError:
    return FormatError(f"Failed to decrypt the checkpoint file {file_name}: {what}")


def scan(file, size: int, file_name: str) -> list[tuple]:
    """(ciphertext offset, ciphertext length, nonce, tag, block offset) of every block, each
    header checked against the file's length before anything is decrypted."""
    blocks, pos = [], 0
    while pos < size:
        file.seek(pos)
        head = file.read(_HEAD.size)
        if len(head) < _HEAD.size or struct.unpack_from("<I", head)[0] != MAGIC:
            raise _failed(file_name, f"no encrypted block at byte offset {pos} (not an encrypted checkpoint, or "
                                     "truncated).")
        _, tag, length, iv_length = _HEAD.unpack(head)
        body = pos + _HEAD.size - 4  # the block length counts from the IV length field
        if length > size - body or length < 8 + _NONCE_BYTES:
            raise _failed(file_name, f"the block at byte offset {pos} claims {length} bytes but the file ends at "
                                     f"{size} (truncated).")
        if not _NONCE_BYTES <= iv_length <= min(_MAX_IV_BYTES, length - 8):
            raise _failed(file_name, f"the block at byte offset {pos} has an IV of {iv_length} bytes; 12 to "
                                     f"{min(_MAX_IV_BYTES, length - 8)} fit (malformed block header).")
        rest = file.read(iv_length + 4)
        iv, (cipher_length,) = rest[:iv_length], struct.unpack("<I", rest[iv_length:])
        start = body + 4 + iv_length + 4
        if start + cipher_length != body + length:
            raise _failed(file_name, f"the block at byte offset {pos} holds {cipher_length} ciphertext bytes where "
                                     f"its header leaves room for {body + length - start} (malformed block header).")
        blocks.append((start, cipher_length, iv[:_NONCE_BYTES], tag, pos))
        pos = body + length
    return blocks


class DecryptingSource:
    """The plaintext of the scanned blocks, decrypted in order as it is read; `reached(offset)`
    is told the file offset after each step."""

    def __init__(self, file, blocks, key: bytes, file_name: str, reached=unreported):
        self.file, self.blocks, self.key, self.file_name, self.reached = file, blocks, key, file_name, reached
        self.next_block, self.left, self.decryptor, self.tag, self.offset = 0, 0, None, None, 0
        self.scratch = bytearray(_READ_CHUNK)
        self.scratch_out = bytearray(_READ_CHUNK)  # where what `finish` authenticates unread goes
        self.crc = None
        self.prefetch = Prefetch(file.fileno(), blocks[-1][0] + blocks[-1][1] if blocks else 0)
        self.file_position = 0  # of the next ciphertext byte read

    def will_read(self) -> None:
        """The bytes from here on will be read: have the disk start on them."""
        self.prefetch.ahead(self.file_position)

    def _verify(self) -> None:
        if self.decryptor is None:
            return
        try:
            self.decryptor.finalize_with_tag(self.tag)
        except InvalidTag:
            raise _failed(self.file_name, f"the block at byte offset {self.offset} does not authenticate. The key "
                                          "or 'dec_mode' is wrong, or the file was tampered with.") from None
        self.decryptor = None

    def _open_next(self) -> None:
        self._verify()
        start, self.left, nonce, self.tag, self.offset = self.blocks[self.next_block]
        self.next_block += 1
        self.file.seek(start)
        self.file_position = start
        self.decryptor = Cipher(algorithms.AES(self.key), modes.GCM(nonce)).decryptor()

    def readinto(self, view: memoryview) -> None:
        done, scratch = 0, memoryview(self.scratch)
        while done < len(view):
            while not self.left:
                self._open_next()
            k = min(len(view) - done, self.left, _READ_CHUNK)
            self.prefetch.ahead(self.file_position)
            if self.file.readinto(scratch[:k]) != k:
                raise _failed(self.file_name, "the file ended while being read (it was truncated during the load).")
            host_array.populate(view[done:done + k])
            self.decryptor.update_into(scratch[:k], view[done:done + k])
            self.left -= k
            self.file_position += k
            done += k
            self.reached(self.file_position)

    def skip(self, n: int, scratch: memoryview) -> None:
        while n:
            part = scratch[:min(n, len(scratch))]
            self.readinto(part)
            n -= len(part)

    def finish(self) -> None:
        """Authenticate everything not read yet: after a complete parse only the last tag."""
        sink = memoryview(self.scratch_out)
        while self.left or self.next_block < len(self.blocks):
            self.skip(self.left or 0, sink)
            if self.next_block < len(self.blocks) and not self.left:
                self._open_next()
        self._verify()


def plaintext_bytes(blocks) -> int:
    return sum(length for _, length, _, _, _ in blocks)
