"""safetensors files the way MindSpore writes them: names sorted, metadata {"format": "ms"}
(and "crc_num" with `crc_check`: the CRC32 over each name and its tensor's bytes, in order)."""
from __future__ import annotations

import binascii

import numpy as np
from safetensors import SafetensorError, safe_open
from safetensors.numpy import save_file

from .ckpt_file import CheckpointFormatError


def crc_of(items) -> int:
    crc = 0
    for name, array in items:
        crc = binascii.crc32(name.encode("utf-8"), crc)
        crc = binascii.crc32(np.ascontiguousarray(array).tobytes(), crc)
    return crc


# safetensors has no complex128: such a tensor is stored as float64 pairs (shape + (2,)) and
# named in the metadata, so it comes back bit for bit.
_PAIRED = {np.dtype(np.complex128): np.float64}
_PAIRED_KEY = "sporax.complex128."


def write(path: str, arrays: dict, crc_check: bool, extra_metadata=None) -> None:
    """Write `arrays` (sorted by name) to `path`."""
    names = sorted(arrays)
    metadata = {"format": "ms", **(extra_metadata or {})}
    if crc_check:
        metadata["crc_num"] = str(crc_of((n, arrays[n]) for n in names))
    stored = {}
    for name in names:
        array = np.require(arrays[name], requirements="C")
        if array.dtype in _PAIRED:
            metadata[_PAIRED_KEY + name] = "1"
            array = array.view(_PAIRED[array.dtype]).reshape(array.shape + (2,))
        stored[name] = array
    save_file(stored, path, metadata=metadata if names else None)


def read(path: str, crc_check: bool):
    """(metadata, {name: array}) of a safetensors file; names in file order."""
    try:
        with safe_open(path, framework="numpy") as f:
            metadata = f.metadata() or {}
            arrays = {name: f.get_tensor(name) for name in f.keys()}
        for name in arrays:
            if _PAIRED_KEY + name in metadata:
                pairs = np.require(arrays[name], requirements="C")
                arrays[name] = pairs.view(np.complex128).reshape(pairs.shape[:-1])
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
