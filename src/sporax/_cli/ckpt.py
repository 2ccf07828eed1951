"""`sporax ckpt inspect FILE` and `sporax ckpt convert SRC DST`.

A file that cannot be read gives one line on stderr and exit status 2, never a traceback;
names are shown with control characters escaped (a tensor name is data from the file, not
terminal commands); output cut short by its reader (`| head`) ends quietly.
"""
from __future__ import annotations

import os
import sys

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


def shown(text: str) -> str:
    """`text` with every non-printable character (controls, escapes, format marks) as \\x.., \\u.."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


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
            rows.append([shown(name), "-", "str", _size(len(value.encode())), shown(repr(value))] if stats else
                        [shown(name), "-", "str", _size(len(value.encode()))])
            continue
        row = [shown(name), str(tuple(value.shape)), str(mstype.from_numpy(value.dtype)), _size(value.nbytes)]
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


def run(args) -> int:
    """The `sporax ckpt` subcommand of the parsed `args`; the exit status."""
    try:
        if args.ckpt_command == "inspect":
            text = inspect(args.file, args.stats, args.dec_key, args.crc_check)
        else:
            count = convert(args.source, args.destination, args.dec_key)
            text = f"wrote {count} entries to {shown(args.destination)}"
    except (ValueError, TypeError, OSError, MemoryError) as error:
        message = str(error) if not isinstance(error, OSError) or not error.strerror else \
            f"{error.strerror}: {error.filename}" if error.filename else error.strerror
        print(f"sporax: error: {shown(message)}", file=sys.stderr)
        return 2
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader stopped early (`| head`): drop the rest, and keep the interpreter's final
        # flush from reporting the closed pipe
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return 0
