"""MindSpore's encrypted-checkpoint container, AES-GCM.

The plaintext (the protobuf stream) is cut into blocks of 64 MiB; each block is written as

    magic 0x7F3A5ED8 (uint32 LE) | GCM tag (16) | block length (uint32 LE) |
    IV length (uint32 LE) = 16 | IV (16 random bytes; GCM uses the first 12) |
    ciphertext length (uint32 LE) | ciphertext

where block length counts everything after itself. The key is 16, 24 or 32 bytes
(AES-128/192/256); there is no associated data.
"""
from __future__ import annotations

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = 0x7F3A5ED8
BLOCK = 64 * 1024 * 1024
_IV_BYTES = 16
_NONCE_BYTES = 12
_TAG_BYTES = 16


def check_key(function: str, name: str, key) -> bytes:
    if not isinstance(key, (bytes, bytearray)):
        raise TypeError(f"{function}: argument '{name}' must be bytes, got {type(key).__name__}.")
    if len(key) not in (16, 24, 32):
        raise ValueError(f"{function}: argument '{name}' must be 16, 24 or 32 bytes long, got {len(key)} bytes.")
    return bytes(key)


def encrypt_block(plain: bytes, key: bytes) -> bytes:
    iv = os.urandom(_IV_BYTES)
    sealed = AESGCM(key).encrypt(iv[:_NONCE_BYTES], plain, None)
    cipher, tag = sealed[:-_TAG_BYTES], sealed[-_TAG_BYTES:]
    body = struct.pack("<I", _IV_BYTES) + iv + struct.pack("<I", len(cipher)) + cipher
    return struct.pack("<I", MAGIC) + tag + struct.pack("<I", len(body)) + body


def is_encrypted(head: bytes) -> bool:
    return len(head) >= 4 and struct.unpack("<I", head[:4])[0] == MAGIC


def decrypt(data, key: bytes, file_name: str) -> bytes:
    """The plaintext of a whole encrypted file; ValueError naming the file and offset on any defect."""
    out, pos, end = [], 0, len(data)
    while pos < end:
        if end - pos < 4 + _TAG_BYTES + 4 or struct.unpack_from("<I", data, pos)[0] != MAGIC:
            raise ValueError(f"Failed to decrypt the checkpoint file {file_name}: no encrypted block at byte offset "
                             f"{pos} (not an encrypted checkpoint, or truncated).")
        tag = bytes(data[pos + 4:pos + 4 + _TAG_BYTES])
        (length,) = struct.unpack_from("<I", data, pos + 4 + _TAG_BYTES)
        body = pos + 8 + _TAG_BYTES
        if body + length > end or length < 8 + _IV_BYTES:
            raise ValueError(f"Failed to decrypt the checkpoint file {file_name}: the block at byte offset {pos} "
                             f"claims {length} bytes but the file ends at {end} (truncated).")
        (iv_length,) = struct.unpack_from("<I", data, body)
        iv = bytes(data[body + 4:body + 4 + iv_length])
        (cipher_length,) = struct.unpack_from("<I", data, body + 4 + iv_length)
        start = body + 8 + iv_length
        if iv_length < _NONCE_BYTES or start + cipher_length != body + length:
            raise ValueError(f"Failed to decrypt the checkpoint file {file_name}: malformed block header at byte "
                             f"offset {pos}.")
        try:
            out.append(AESGCM(key).decrypt(iv[:_NONCE_BYTES], bytes(data[start:start + cipher_length]) + tag, None))
        except InvalidTag:
            raise ValueError(f"Failed to decrypt the checkpoint file {file_name}: the block at byte offset {pos} "
                             "does not authenticate. The key or 'dec_mode' is wrong, or the file was tampered with."
                             ) from None
        pos = body + length
    return b"".join(out)
