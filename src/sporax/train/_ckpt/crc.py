"""CRC-32 (the zlib/PNG polynomial, as MindSpore's `crc_num`) at memory speed.

zlib's crc32 runs at 1-3 GB/s (1.2.13's braided loop: 3.2 GB/s on the machine measured),
which made a CRC-checked .ckpt load 0.63x of an unchecked one (1.21 against 1.91 GB/s of
process CPU time, cached 512 MiB); ISA-L's (the `isal` package: carry-less multiplication
folding) runs at 19 GB/s with the same values, and the checked load at 0.9x of the unchecked
one. `isal` is a core dependency on the platforms it has wheels for (x86-64, ARM64);
elsewhere (`pip install sporax[fast-crc]` builds it) zlib's is used. `IMPLEMENTATION` names
the one in use.
"""
from __future__ import annotations

try:
    from isal.isal_zlib import crc32
    IMPLEMENTATION = "isal"
except ImportError:  # the same function, slower
    from zlib import crc32
    IMPLEMENTATION = "zlib"

__all__ = ["crc32", "IMPLEMENTATION"]
