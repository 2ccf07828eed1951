"""`sporax ckpt inspect FILE` and `sporax ckpt convert SRC DST`."""
from __future__ import annotations

import os

import numpy as np

from ..common import dtype as mstype
from ..common.tensor import Tensor
from ..train import serialization

_FORMAT_BY_EXTENSION = {".ckpt": "ckpt", ".safetensors": "safetensors"}


def format_of(path: str) -> str:
    extension = os.path.splitext(path)[1]
    if extension not in _FORMAT_BY_EXTENSION:
        raise ValueError(f"sporax ckpt: '{path}' must end in .ckpt or .safetensors to name its format.")
    return _FORMAT_BY_EXTENSION[extension]


def _key(text):
    return None if text is None else text.encode("utf-8")


def _size(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def inspect(path: str, stats: bool = False, dec_key: str | None = None, crc_check: bool = False) -> str:
    """A table of every entry: name, shape, dtype, bytes (and min/max/mean with `stats`), with totals."""
    records = serialization.read_records(os.path.abspath(path), _key(dec_key), crc_check=crc_check,
                                         fmt=format_of(path))
    rows = []
    for name, value in records:
        if isinstance(value, str):
            rows.append([name, "-", "str", _size(len(value.encode())), repr(value)] if stats else
                        [name, "-", "str", _size(len(value.encode()))])
            continue
        row = [name, str(tuple(value.shape)), str(mstype.from_numpy(value.dtype)), _size(value.nbytes)]
        if stats:
            if value.size and value.dtype.kind in "biufc" or value.dtype.name == "bfloat16":
                as_float = value.astype(np.complex128 if value.dtype.kind == "c" else np.float64)
                row.append(f"min={as_float.real.min():.6g} max={as_float.real.max():.6g} "
                           f"mean={as_float.mean():.6g}" if value.size else "empty")
            else:
                row.append("empty")
        rows.append(row)
    header = ["name", "shape", "dtype", "bytes"] + (["stats"] if stats else [])
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(header, widths)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    tensors = [v for _, v in records if not isinstance(v, str)]
    lines.append(f"{len(tensors)} tensors, {sum(v.size for v in tensors):,} elements, "
                 f"{_size(sum(v.nbytes for v in tensors))}" + (f", {len(records) - len(tensors)} strings"
                                                               if len(records) > len(tensors) else ""))
    return "\n".join(lines)


def convert(source: str, destination: str, dec_key: str | None = None) -> int:
    """Rewrite SRC as DST (formats from the extensions), entries and strings kept; returns the count."""
    target_format = format_of(destination)
    records = serialization.read_records(os.path.abspath(source), _key(dec_key), fmt=format_of(source))
    entries = {name: value if isinstance(value, str) else Tensor(value) for name, value in records}
    serialization.save_checkpoint(entries, destination, format=target_format)
    return len(entries)
