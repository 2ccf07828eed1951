"""CRC-32 (the zlib/PNG polynomial, as MindSpore's `crc_num`) at memory speed.

zlib's table-driven crc32 runs at about 1 GB/s, slower than the disk a checkpoint goes to;
ISA-L's (the `isal` package: carry-less multiplication folding) at 8 GB/s and more, with the
same values. It is used when installed (`pip install sporax[fast-crc]`), else zlib's.
"""
from __future__ import annotations

try:
    from isal.isal_zlib import crc32
except ImportError:  # the same function, slower
    from zlib import crc32

__all__ = ["crc32"]
