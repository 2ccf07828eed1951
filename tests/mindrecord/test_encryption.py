"""Encrypted MindRecord files: sporax reads MindSpore 2.10's and MindSpore read sporax's (fixture),
with MindSpore's errors for a missing or wrong key; decrypted copies are removed afterwards."""
import json
import os
import pathlib
import shutil

import pytest

import sporax.dataset as ds
from sporax.mindrecord import FileReader, FileWriter, MindPage, config, set_dec_mode, set_enc_key, set_enc_mode

from .mindrecord_rows import ENCRYPTION_KEY, encode, write_case

DATA = pathlib.Path(__file__).resolve().parent.parent / "data" / "mindrecord"
READ = json.loads((DATA / "mindspore_read.json").read_text())


@pytest.fixture
def key():
    set_enc_key(ENCRYPTION_KEY)
    yield ENCRYPTION_KEY
    set_enc_key(None)
    set_enc_mode("AES-GCM")
    set_dec_mode(None)


def _copy(tmp_path, name):
    for suffix in ("", ".db"):
        shutil.copy(DATA / f"{name}.mindrecord{suffix}", tmp_path / f"{name}.mindrecord{suffix}")
    return str(tmp_path / f"{name}.mindrecord")


@pytest.mark.parametrize("prefix", ["ms", "sx"])
def test_encrypted_files_read_as_mindspore_reads_them(prefix, key, tmp_path):
    path = _copy(tmp_path, f"{prefix}_encrypted")
    expected = READ[f"{prefix}_encrypted"]
    reader = FileReader(path)
    assert [{k: encode(v) for k, v in row.items()} for row in reader.get_next()] == expected["file_reader"]
    reader.close()
    dataset = ds.MindDataset(path, shuffle=False)
    rows = list(dataset.create_dict_iterator(output_numpy=True, num_epochs=1))
    assert [{k: encode(v) for k, v in row.items()} for row in rows] == expected["mind_dataset"]
    del dataset
    decrypt_root = tmp_path / ".decrypt_mindrecord"
    assert not any(p.is_file() for p in decrypt_root.rglob("*"))  # the decrypted copies are gone


def test_sporax_encrypts_what_it_would_write_plain(key, tmp_path):
    path = str(tmp_path / "sx_encrypted.mindrecord")
    write_case(FileWriter, "scalars", path)
    with open(path, "rb") as handle:
        assert handle.read()[-14:] == b"AES-GCMENCRYPT"
    plain = config.decrypt(path, key, "AES-GCM")
    set_enc_key(None)
    (tmp_path / "plain").mkdir()
    write_case(FileWriter, "scalars", str(tmp_path / "plain" / "sx_encrypted.mindrecord"))
    assert pathlib.Path(plain).read_bytes() == (tmp_path / "plain" / "sx_encrypted.mindrecord").read_bytes()
    config.cleanup_decrypt_files([plain])


def test_missing_wrong_or_unneeded_key(tmp_path, key):
    path = _copy(tmp_path, "ms_encrypted")
    set_enc_key(None)
    with pytest.raises(RuntimeError, match="The mindrecord file is encrypted. You need to configure"):
        FileReader(path)
    with pytest.raises(RuntimeError, match="The mindrecord file is encrypted"):
        ds.MindDataset(path)
    set_enc_key("fedcba9876543210")
    with pytest.raises(RuntimeError, match="Failed to decrypt data, please check if enc_key and enc_mode"):
        FileReader(path)
    set_enc_key(key)
    plain = _copy(tmp_path, "ms_scalars")
    with pytest.raises(RuntimeError, match="The mindrecord file is not encrypted. You can set"):
        MindPage(plain)
    with pytest.raises(RuntimeError, match="the automatic sharding function is unavailable"):
        FileWriter(str(tmp_path / "x.mindrecord"), shard_num=2)


def test_custom_cipher_functions_round_trip(key, tmp_path):
    def flip(source, size, target, enc_key):
        target.write(bytes(b ^ 0x5A for b in source.read(size)))

    set_enc_mode(flip)
    with pytest.raises(RuntimeError, match="You use custom encryption, so you must also define custom decryption."):
        config._get_dec_mode()
    set_dec_mode(flip)
    path = str(tmp_path / "custom.mindrecord")
    write_case(FileWriter, "blob_only", path)
    with open(path, "rb") as handle:
        assert handle.read()[-14:] == b"UDF-ENCENCRYPT"
    assert [r["data"] for r in FileReader(path).get_next()] == [b"\x00", b"\x01" * 2, b"\x02" * 3, b"\x03" * 4]


@pytest.mark.parametrize("call, message", [
    (lambda: set_enc_key(5), "The input enc_key is not str."),
    (lambda: set_enc_key("short"), "The length of input enc_key is not 16, 24, 32."),
    (lambda: set_enc_mode("SM4-CBC"), "The input enc_mode is invalid."),
    (lambda: set_dec_mode(3), "The input dec_mode is not str."),
])
def test_bad_settings(call, message):
    with pytest.raises(ValueError, match=message):
        call()
    assert config._get_enc_key() is None
