"""Reading and writing whole checkpoint files for the distributed checkpoint functions.

These sit on the checkpoint file formats (`sporax.train._ckpt`), not on
`sporax.train.serialization`, because serialization re-exports the distributed functions
(`load_distributed_checkpoint`, `merge_sliced_parameter`, `build_searched_strategy`, as
MindSpore's does): the functions must not need serialization in turn. The forms are the same
as serialization's: MindSpore's `.ckpt` protobuf (optionally encrypted), and safetensors with
strings kept in the metadata under `sporax.str.<name>`.
"""
from __future__ import annotations

import os

import numpy as np

from ..common import dtype as mstype
from ..train._ckpt import atomic_file, names
from ..train._ckpt.lazy_formats import cipher, ckpt_file, safetensors_file


_STRING_PREFIX = "sporax.str."
_MODES = ("AES-GCM",)  # what the .ckpt format here decrypts (as serialization)


def format_of(path: str) -> str:
    return "safetensors" if path.endswith(".safetensors") else "ckpt"


def read(path: str, function: str, dec_key=None, dec_mode="AES-GCM") -> list[tuple[str, np.ndarray | str]]:
    """[(name, array | str)] of a checkpoint file, fully validated (ValueError if it is not one)."""
    if not os.path.isfile(path):
        raise ValueError(f"For '{function}', the checkpoint file {path!r} does not exist.")
    if format_of(path) == "safetensors":
        if dec_key is not None:
            raise ValueError(f"For '{function}', safetensors files are never encrypted: 'dec_key' must be None.")
        metadata, arrays = safetensors_file.read(path, False)
        texts = [(k[len(_STRING_PREFIX):], v) for k, v in metadata.items() if k.startswith(_STRING_PREFIX)]
        return list(arrays) + texts
    if dec_key is not None:
        dec_key = cipher.check_key(function, "dec_key", dec_key)
        if dec_mode not in _MODES:
            raise ValueError(f"For '{function}', the argument 'dec_mode' must be one of {list(_MODES)}, but got "
                             f"{dec_mode!r}.")
    return [(r.name, r.text if r.is_string else r.array) for r in ckpt_file.read(path, dec_key, False)]


def write(path: str, entries: dict, fmt: str = "ckpt") -> None:
    """Write {name: np.ndarray | str} atomically as a `.ckpt` or safetensors file."""
    for name in entries:
        names.check_for_save(name)
    if fmt == "ckpt":
        def write_ckpt(file):
            writer = ckpt_file.Writer(file)
            for name, value in entries.items():
                if isinstance(value, str):
                    writer.add_string(name, value)
                    continue
                array = np.ascontiguousarray(value)
                writer.add(name, str(mstype.from_numpy(array.dtype)), array.shape, array.reshape(-1).view(np.uint8))
            writer.finish()

        atomic_file.write_atomically(path, write_ckpt)
        return
    texts = {f"{_STRING_PREFIX}{name}": value for name, value in entries.items() if isinstance(value, str)}
    rows = [(name, np.asarray(value).dtype, np.asarray(value).shape, (lambda value=value: np.asarray(value)))
            for name, value in entries.items() if not isinstance(value, str)]
    for name, dtype, shape, _ in rows:
        safetensors_file.stored_form(name, dtype, shape)
    metadata = {"format": "ms", **texts}
    atomic_file.write_atomically(path, lambda file: safetensors_file.write(file, rows, metadata))
