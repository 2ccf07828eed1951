"""MindRecord file encryption (MindSpore: `mindspore.mindrecord.config`): `set_enc_key`,
`set_enc_mode`, `set_dec_mode`, as MindSpore 2.10 encrypts and decrypts files.

With a key set, `FileWriter.commit` encrypts each file (and its `.db`) in place: the file is
cut into 64 MB pieces, each stored as a 4-byte big-endian length and an encrypted block, then
a 4-byte 0, the 7-byte mode name (`AES-GCM`, or `UDF-ENC` for a user's function) and
`ENCRYPT`. An AES-GCM block is MindSpore's (as in its encrypted checkpoints): magic 0x7F3A5ED8
(u32 LE) | GCM tag (16) | block length (u32 LE) | IV length (u32 LE, 16) | IV (16; GCM uses 12)
| ciphertext length (u32 LE) | ciphertext, keyed by the UTF-8 key (16, 24 or 32 bytes).
Readers decrypt into `.decrypt_mindrecord/<uuid5 of the file>/` next to the file, removed when
the reader or data set is released (or at exit).
"""
from __future__ import annotations

import atexit
import os
import shutil
import stat
import struct
import threading
import uuid

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

__all__ = ['set_enc_key', 'set_enc_mode', 'set_dec_mode']

ENC_KEY = None
ENC_MODE = "AES-GCM"
DEC_MODE = None
ENCRYPT_END_FLAG = b"ENCRYPT"
_PIECE = 64 * 1024 * 1024
_MAGIC = 0x7F3A5ED8
_HEAD = struct.Struct("<I16sII")  # magic, tag, block length, IV length
_DECRYPT_DIRECTORY = ".decrypt_mindrecord"
_DECRYPTED = set()
_LOCK = threading.Lock()


def set_enc_key(enc_key):
    """Key (str of 16, 24 or 32 characters) to encrypt written and decrypt read files; None: off."""
    global ENC_KEY
    if enc_key is None:
        ENC_KEY = None
        return
    if not isinstance(enc_key, str):
        raise ValueError("The input enc_key is not str.")
    if len(enc_key) not in [16, 24, 32]:
        raise ValueError("The length of input enc_key is not 16, 24, 32.")
    ENC_KEY = enc_key


def _get_enc_key():
    return ENC_KEY


def set_enc_mode(enc_mode="AES-GCM"):
    """"AES-GCM", or a function `f(source, size, target, key)` writing the encrypted bytes."""
    global ENC_MODE
    if callable(enc_mode):
        ENC_MODE = enc_mode
        return
    if not isinstance(enc_mode, str):
        raise ValueError("The input enc_mode is not str.")
    if enc_mode not in ["AES-GCM"]:
        raise ValueError("The input enc_mode is invalid.")
    ENC_MODE = enc_mode


def _get_enc_mode():
    return ENC_MODE


def set_dec_mode(dec_mode="AES-GCM"):
    """"AES-GCM", a function `f(source, size, target, key)`, or None (decrypt as `enc_mode`)."""
    global DEC_MODE
    if dec_mode is None:
        DEC_MODE = None
        return
    if callable(dec_mode):
        DEC_MODE = dec_mode
        return
    if not isinstance(dec_mode, str):
        raise ValueError("The input dec_mode is not str.")
    if dec_mode not in ["AES-GCM"]:
        raise ValueError("The input dec_mode is invalid.")
    DEC_MODE = dec_mode


def _get_dec_mode():
    if DEC_MODE is None:
        if callable(ENC_MODE):
            raise RuntimeError("You use custom encryption, so you must also define custom decryption.")
        return ENC_MODE
    return DEC_MODE


def _mode_name(mode) -> bytes:
    return b"UDF-ENC" if callable(mode) else mode.encode("utf-8")


# --- AES-GCM blocks -------------------------------------------------------------------------

def _encrypt_block(data: bytes, key: bytes) -> bytes:
    iv = os.urandom(16)
    encryptor = Cipher(algorithms.AES(key), modes.GCM(iv[:12])).encryptor()
    cipher = encryptor.update(data) + encryptor.finalize()
    rest = iv + struct.pack("<I", len(cipher)) + cipher
    return _HEAD.pack(_MAGIC, encryptor.tag, 4 + len(rest), 16) + rest


def _decrypt_block(block: bytes, key: bytes, filename: str) -> bytes:
    failure = RuntimeError("Failed to decrypt data, please check if enc_key and enc_mode / dec_mode is valid.")
    if len(block) < _HEAD.size:
        raise failure
    magic, tag, _, iv_length = _HEAD.unpack_from(block)
    if magic != _MAGIC or iv_length < 12 or _HEAD.size + iv_length + 4 > len(block):
        raise failure
    iv = block[_HEAD.size:_HEAD.size + iv_length]
    (length,) = struct.unpack_from("<I", block, _HEAD.size + iv_length)
    start = _HEAD.size + iv_length + 4
    if start + length != len(block):
        raise failure
    decryptor = Cipher(algorithms.AES(key), modes.GCM(iv[:12], tag)).decryptor()
    try:
        return decryptor.update(block[start:]) + decryptor.finalize()
    except InvalidTag:
        raise failure from None


def encrypt(filename, enc_key, enc_mode):
    """Encrypt `filename` in place."""
    if not os.path.isfile(filename):
        raise RuntimeError("The input: {} is not exists.".format(filename))
    size = os.path.getsize(filename)
    target = filename + ".encrypt"
    key = enc_key.encode("utf-8")
    with open(filename, "rb") as source, open(target, "wb") as out:
        if callable(enc_mode):
            enc_mode(source, size, out, enc_key)
        else:
            while True:
                piece = source.read(_PIECE)
                if not piece:
                    break
                block = _encrypt_block(piece, key)
                out.write(struct.pack(">i", len(block)) + block)
        out.write(struct.pack(">i", 0) + _mode_name(enc_mode) + ENCRYPT_END_FLAG)
    os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)
    shutil.move(target, filename)
    return True


def _is_encrypted(filename) -> bool:
    if not os.path.isfile(filename):
        raise RuntimeError("The input: {} is not exists.".format(filename))
    size = os.path.getsize(filename)
    if size < 8:
        raise RuntimeError(f"Invalid file, the size of mindrecord file: {size} is smaller than the lower limit: 8.\n "
                           f"Please check file path: {filename} and use 'FileWriter' to generate valid mindrecord "
                           f"files.")
    with open(filename, "rb") as handle:
        handle.seek(size - len(ENCRYPT_END_FLAG))
        return handle.read() == ENCRYPT_END_FLAG


def decrypt(filename, enc_key, dec_mode):
    """The path to read `filename` from: itself if not encrypted, else a decrypted temporary copy."""
    encrypted = _is_encrypted(filename)
    if enc_key is None:
        if encrypted:
            raise RuntimeError("The mindrecord file is encrypted. You need to configure "
                               "'mindspore.mindrecord.config.set_enc_key(...)' and "
                               "'mindspore.mindrecord.config.set_enc_mode(...)' for decryption.")
        return filename
    if not encrypted:
        raise RuntimeError("The mindrecord file is not encrypted. You can set "
                           "'mindspore.mindrecord.config.set_enc_key(None)' to disable the decryption.")
    size = os.path.getsize(filename) - len(ENCRYPT_END_FLAG)
    with open(filename, "rb") as handle:
        handle.seek(size - 7)
        if handle.read(7) != _mode_name(dec_mode):
            raise RuntimeError("Failed to decrypt data, please check if enc_key and enc_mode / dec_mode is valid.")
    target = _decrypt_path(filename)
    key = enc_key.encode("utf-8")
    try:
        with open(filename, "rb") as source, open(target, "wb") as out:
            if callable(dec_mode):
                dec_mode(source, size, out, enc_key)
            else:
                offset = 0
                while True:
                    head = source.read(4)
                    if len(head) != 4:
                        raise RuntimeError(f"Invalid encrypted block length in file: {filename} at offset: {offset}.")
                    (length,) = struct.unpack(">i", head)
                    if length == 0:
                        break
                    if length < 0 or offset + 4 + length > size - 11:
                        raise RuntimeError(f"Invalid encrypted block length {length} in file: {filename} at "
                                           f"offset: {offset}.")
                    out.write(_decrypt_block(source.read(length), key, filename))
                    offset += 4 + length
    except BaseException:
        if os.path.exists(target):
            os.remove(target)
        raise
    os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)
    with _LOCK:
        _DECRYPTED.add(os.path.realpath(target))
    return target


def _decrypt_path(filename):
    real = os.path.realpath(filename)
    root = os.path.join(os.path.dirname(real), _DECRYPT_DIRECTORY)
    os.makedirs(root, mode=0o700, exist_ok=True)
    group = real[:-3] if real.endswith(".db") else real
    folder = os.path.join(root, uuid.uuid5(uuid.NAMESPACE_URL, group).hex)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    return os.path.join(folder, os.path.basename(real))


def decrypt_pair(filename):
    """Decrypt a data file and its `.db` side by side; returns (path to read, temporary files)."""
    key, mode = _get_enc_key(), (_get_dec_mode() if _get_enc_key() is not None else None)
    if key is None:
        decrypt(filename, None, None)  # an encrypted file without a key is refused
        return filename, []
    data = decrypt(filename, key, mode)
    index = decrypt(filename + ".db", key, mode)
    return data, [data, index]


def cleanup_decrypt_files(files):
    """Remove decrypted temporary files (and their folder once empty)."""
    for name in files or ():
        real = os.path.realpath(name)
        with _LOCK:
            _DECRYPTED.discard(real)
        try:
            if os.path.isfile(real):
                os.remove(real)
            folder = os.path.dirname(real)
            if os.path.isdir(folder) and not os.listdir(folder):
                os.rmdir(folder)
        except OSError:
            pass


atexit.register(lambda: cleanup_decrypt_files(list(_DECRYPTED)))
