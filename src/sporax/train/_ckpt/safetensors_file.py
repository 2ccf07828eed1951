"""safetensors files the way MindSpore writes them: names sorted, metadata {"format": "ms"}
(and "crc_num" with `crc_check`: the CRC32 over each name and its tensor's bytes, in order)."""
from __future__ import annotations

import binascii

import numpy as np
from safetensors import SafetensorError, safe_open
from safetensors.numpy import save

from .ckpt_file import CheckpointFormatError


def crc_of(items) -> int:
    crc = 0
    for name, array in items:
        crc = binascii.crc32(name.encode("utf-8"), crc)
        crc = binascii.crc32(np.ascontiguousarray(array).tobytes(), crc)
    return crc


def encode(arrays: dict, crc_check: bool, extra_metadata=None) -> bytes:
    names = sorted(arrays)
    metadata = {"format": "ms", **(extra_metadata or {})}
    if crc_check:
        metadata["crc_num"] = str(crc_of((n, arrays[n]) for n in names))
    return save({n: np.ascontiguousarray(arrays[n]) for n in names}, metadata=metadata if names else None)


def read(path: str, crc_check: bool):
    """(metadata, {name: array}) of a safetensors file; names in file order."""
    try:
        with safe_open(path, framework="numpy") as f:
            metadata = f.metadata() or {}
            arrays = {name: f.get_tensor(name) for name in f.keys()}
    except (SafetensorError, OSError, ValueError) as error:
        raise CheckpointFormatError(f"Failed to read the safetensors file {path}: {error}") from error
    if crc_check:
        if "crc_num" not in metadata:
            raise CheckpointFormatError(f"For 'load_checkpoint', the safetensors file {path} has no crc code, so "
                                        "'crc_check=True' cannot verify it.")
        if crc_of((n, arrays[n]) for n in arrays) != int(metadata["crc_num"]):
            raise CheckpointFormatError(f"For 'load_checkpoint', the crc check has failed for {path}: the file is "
                                        "damaged.")
    return metadata, arrays
