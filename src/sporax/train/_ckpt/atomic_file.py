"""Writing a file so that the old version or the new one is there, whole, whatever happens.

The new bytes go to a temporary file in the destination's directory, named
`.NAME.sporax-<16 random hex digits>.tmp` and created with O_CREAT|O_EXCL|O_NOFOLLOW (a
name nobody can predict, and never a file or link planted there), mode 0600. While it is
written the saving process holds an exclusive `flock` on it. Then: fchmod 0400 (MindSpore
makes checkpoints read-only), one fsync, rename over the destination, fsync of the
directory.

While the file is written, every `WRITEBACK_STEP` bytes the part just written is handed to
the disk (Linux `sync_file_range(SYNC_FILE_RANGE_WRITE)`: it starts the writeback and waits
for nothing), so the disk writes while the next tensors are copied into the page cache and
the one fsync at the end finds little left to do; the fsync alone makes the file durable.

A save killed on the way leaves its temporary behind. Every save therefore first removes
the temporaries of this naming scheme in its directory that are older than itself and
that no live process holds (a kill releases the lock; a concurrent save's lock keeps its
file).
"""
from __future__ import annotations

import ctypes
import io
import os
import re
import secrets
import sys
import time

try:
    import fcntl
except ImportError:  # not POSIX: no locks, so no way to tell a live save's file from a dead one's
    fcntl = None

_PATTERN = re.compile(r"^\..+\.sporax-[0-9a-f]{16}\.tmp$")
_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
          | getattr(os, "O_BINARY", 0))
_WRITE_BUFFER = 1 << 20
WRITEBACK_STEP = 32 << 20
_SYNC_FILE_RANGE_WRITE = 2


def _sync_file_range():
    """libc's sync_file_range, or None (not Linux, or a libc without it)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_start_writeback = _sync_file_range()


class _WritebackFile(io.FileIO):
    """A file that starts the writeback of each `WRITEBACK_STEP` written (see the module
    docstring); a file system that refuses it is simply not asked again."""

    def __init__(self, descriptor: int):
        super().__init__(descriptor, "wb", closefd=False)
        self.handed = 0 if _start_writeback is not None else None  # the offset handed to the disk up to

    def write(self, data) -> int:
        n = super().write(data)
        if self.handed is not None and n:
            end = self.tell()
            if end - self.handed >= WRITEBACK_STEP:
                refused = _start_writeback(self.fileno(), self.handed, end - self.handed, _SYNC_FILE_RANGE_WRITE)
                self.handed = None if refused else end  # refused (EINVAL, ENOSYS...): the fsync does it all
        return n


def temporary_name(path: str) -> str:
    return os.path.join(os.path.dirname(path),
                        f".{os.path.basename(path)}.sporax-{secrets.token_hex(8)}.tmp")


def remove_stale_temporaries(directory: str, older_than: float) -> list[str]:
    """Remove this scheme's temporaries in `directory` modified before `older_than` (a
    time.time()) and not locked by a live process; returns the names removed."""
    if fcntl is None:
        return []
    removed = []
    try:
        candidates = [n for n in os.listdir(directory) if _PATTERN.match(n)]
    except OSError:
        return []
    for name in candidates:
        path = os.path.join(directory, name)
        try:
            info = os.lstat(path)
            if info.st_mtime >= older_than:
                continue
            if os.path.islink(path):  # not ours (we never create links): a plant, harmless to unlink
                os.unlink(path)
                removed.append(name)
                continue
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            now = os.lstat(path)
            if (now.st_dev, now.st_ino) == (info.st_dev, info.st_ino):
                os.unlink(path)
                removed.append(name)
        except OSError:
            pass  # held by a live save, or gone already
        finally:
            os.close(descriptor)
    return removed


def _locked_temporary(path: str) -> tuple[str, int]:
    """A new temporary, created and locked; created again in the unlikely case that another
    save's cleanup removed it between its creation and its lock."""
    while True:
        temporary = temporary_name(path)
        try:
            descriptor = os.open(temporary, _FLAGS, 0o600)
        except FileExistsError:  # something planted at a random name: never use it, draw again
            continue
        if fcntl is None:
            return temporary, descriptor
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            mine = os.fstat(descriptor)
            there = os.lstat(temporary)
            if (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino):
                return temporary, descriptor
        except OSError:
            pass
        os.close(descriptor)


def write_atomically(path: str, write) -> None:
    """`write(file)` into a fresh temporary, then make it `path` durably (see the module docstring).
    On any failure the temporary is removed and `path` is untouched."""
    directory = os.path.dirname(path) or "."
    remove_stale_temporaries(directory, time.time())
    temporary, descriptor = _locked_temporary(path)
    try:
        with io.BufferedWriter(_WritebackFile(descriptor), _WRITE_BUFFER) as file:
            write(file)
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, 0o400)
        os.fsync(descriptor)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    finally:
        os.close(descriptor)
    if not hasattr(os, "fchmod"):
        os.chmod(path, 0o400)
    try:
        directory_descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # a platform without directory descriptors
    try:
        os.fsync(directory_descriptor)
    finally:
        os.close(directory_descriptor)
