"""Sequential reading of a checkpoint's bytes: small fields through a window, tensor bytes
straight into the arrays that will hold them.

A source yields the plaintext in order (a file region, or AES-GCM blocks decrypted as they
are read, see cipher.py). `Stream` keeps a 1 MiB window for field headers and copies
tensor contents from the source into their destination, so reading a file costs one copy
of each tensor and no mapping of the file stays in the process.

Reading ahead. A load keeps the disk busy by asking for the next `LEAD` bytes of the file
in front of the reading (`Prefetch`: posix_fadvise WILLNEED, which queues the reads and
returns), from before a tensor's array is allocated (its pages are made a step at a time,
just before each read into them: host_array.py) to the file's end, across a .ckpt tensor's
slices and the records between them. The kernel's own read-ahead is a window of the
device's read_ahead_kb that a large read() runs into and waits at, and one WILLNEED reads
at most that window too (a 512 MiB request on a device with read_ahead_kb 8192 put 8 MiB in
the page cache, `fincore`), so the requests go out a window at a time. Reading a dropped
512 MiB file in 16 MiB read()s: 0.18-0.33 GB/s alone, 0.68-1.12 with the requests kept 64
MiB ahead (load average 4-5, 2 cores).
"""
from __future__ import annotations

import os

from . import host_array
from .crc import crc32

WINDOW = 1 << 20
BULK = 1 << 24  # bulk reads in 16 MiB steps
CRC_STEP = 1 << 20  # with a CRC, 1 MiB steps: it is computed while the bytes are in the core's cache
LEAD = 64 << 20  # bytes requested in front of the reading
_SMALLEST_WINDOW = 128 << 10  # the kernel's default read-ahead (VM_READAHEAD_PAGES)
_LARGEST_WINDOW = 8 << 20
_WILLNEED = getattr(os, "POSIX_FADV_WILLNEED", None)
_windows: dict = {}


def read_ahead_window(descriptor: int) -> int:
    """Bytes one WILLNEED request of this file is served in full up to: the read_ahead_kb
    of its device (sysfs, Linux: the kernel serves max(read_ahead_kb, max_sectors_kb) of a
    request), else the kernel's default read-ahead, 128 KiB; within [128 KiB, 8 MiB]."""
    device = os.fstat(descriptor).st_dev
    window = _windows.get(device)
    if window is None:
        try:
            with open(f"/sys/class/bdi/{os.major(device)}:{os.minor(device)}/read_ahead_kb") as f:
                window = int(f.read()) << 10
        except (OSError, ValueError, AttributeError):
            window = _SMALLEST_WINDOW
        window = _windows[device] = min(_LARGEST_WINDOW, max(_SMALLEST_WINDOW, window))
    return window


class Prefetch:
    """Keeps the bytes [position, position + LEAD) of a file (up to `end`) requested from
    the disk ahead of a reading at `position`: posix_fadvise WILLNEED a read-ahead window
    at a time, each byte asked for once; a no-op where posix_fadvise is missing or refused."""

    def __init__(self, descriptor: int, end: int):
        self.descriptor = descriptor if _WILLNEED is not None and hasattr(os, "posix_fadvise") else None
        self.end = end
        self.until = 0  # requested up to this offset
        self.window = read_ahead_window(descriptor) if self.descriptor is not None else 0

    def ahead(self, position: int) -> None:
        """Requests what is missing of [position, min(position + LEAD, end)), once a window's
        worth is missing (or the rest up to `end`)."""
        if self.descriptor is None:
            return
        start, stop = max(self.until, position), min(self.end, position + LEAD)
        if stop - start < self.window and stop < self.end or stop <= start:
            return
        try:
            while start < stop:
                n = min(self.window, stop - start)
                os.posix_fadvise(self.descriptor, start, n, _WILLNEED)
                start += n
                self.until = start
        except OSError:  # a file system that refuses advice: the kernel's own read-ahead then
            self.descriptor = None


class FormatError(ValueError):
    """A checkpoint file that cannot be read as what it claims to be."""


def unreported(offset: int) -> None:
    """The default `reached`: a read nobody shows progress for."""


class FileSource:
    """The bytes [start, end) of an open binary file, read in order; `reached(offset)` is told
    the file offset after each step."""

    def __init__(self, file, start: int, end: int, file_name: str, reached=unreported):
        self.file, self.file_name, self.reached = file, file_name, reached
        self.file.seek(start)
        self.position = start
        self.prefetch = Prefetch(file.fileno(), end)
        self.crc = None  # an int while a CRC is being computed over what is read

    def will_read(self) -> None:
        """The bytes from here on will be read: have the disk start on them."""
        self.prefetch.ahead(self.position)

    def readinto(self, view: memoryview) -> None:
        done = 0
        while done < len(view):
            self.prefetch.ahead(self.position)
            part = view[done:done + (BULK if self.crc is None else CRC_STEP)]
            host_array.populate(part)
            n = self.file.readinto(part)
            if not n:
                raise FormatError(f"Failed to read the checkpoint file {self.file_name}: it ended while being read "
                                  "(it was truncated during the load).")
            if self.crc is not None:
                self.crc = crc32(part[:n], self.crc)
            done += n
            self.position += n
            self.reached(self.position)

    def skip(self, n: int, scratch: memoryview) -> None:
        if self.crc is None:
            self.file.seek(n, 1)
            self.position += n
            self.reached(self.position)
            return
        while n:
            part = scratch[:min(n, len(scratch))]
            self.readinto(part)
            n -= len(part)

    def finish(self) -> None:
        pass


class Stream:
    """The plaintext [0, end) of a source, read once, front to back."""

    __slots__ = ("source", "end", "file_name", "buffer", "view", "base", "lo", "hi")

    def __init__(self, source, end: int, file_name: str):
        self.source, self.end, self.file_name = source, end, file_name
        self.buffer = bytearray(WINDOW)
        self.view = memoryview(self.buffer)
        self.base = self.lo = self.hi = 0  # the window holds buffer[lo:hi], from offset base + lo

    @property
    def pos(self) -> int:
        return self.base + self.lo

    def error(self, what: str, offset: int | None = None) -> FormatError:
        at = self.pos if offset is None else offset
        return FormatError(f"Failed to read the checkpoint file {self.file_name}: {what} at byte offset {at} "
                           "(not a checkpoint, truncated or corrupted).")

    def _fill(self, n: int) -> None:
        """At least n bytes in the window (the caller has checked that the stream holds them)."""
        kept = self.hi - self.lo
        if kept:
            self.buffer[:kept] = self.view[self.lo:self.hi]
        self.base += self.lo
        self.lo, self.hi = 0, kept
        want = min(WINDOW - kept, self.end - (self.base + kept))
        if want < n - kept:
            raise self.error(f"{n} bytes needed but the stream ends")
        self.source.readinto(self.view[kept:kept + want])
        self.hi = kept + want

    def varint(self, end: int) -> int:
        """A base-128 varint ending before `end` (absolute)."""
        if self.hi - self.lo < 10 and self.base + self.hi < self.end:
            self._fill(min(10, self.end - self.pos))
        buffer, i = self.buffer, self.lo
        stop = min(self.hi, i + 10, end - self.base)
        result = shift = 0
        while i < stop:
            byte = buffer[i]
            i += 1
            result |= (byte & 0x7F) << shift
            if byte < 0x80:
                self.lo = i
                return result
            shift += 7
        if i - self.lo >= 10:
            raise self.error("a malformed varint (more than 10 bytes)")
        raise self.error("a field header that runs past the end of its message")

    def length(self, end: int) -> int:
        """A length-delimited field's length, checked against what remains before `end`."""
        n = self.varint(end)
        if n > end - self.pos:
            raise self.error(f"a field claiming {n} bytes when only {end - self.pos} remain in its message")
        return n

    def take(self, n: int) -> bytes:
        """The next n (at most WINDOW) bytes."""
        if self.hi - self.lo < n:
            self._fill(n)
        start = self.lo
        self.lo += n
        return bytes(self.view[start:self.lo])

    def will_take(self, n: int) -> None:
        """The next n bytes will be taken (into an array not yet allocated): start reading them."""
        if n > self.hi - self.lo:
            self.source.will_read()

    def into(self, destination: memoryview) -> None:
        """The next len(destination) bytes, copied into `destination`."""
        n = len(destination)
        k = min(n, self.hi - self.lo)
        destination[:k] = self.view[self.lo:self.lo + k]
        self.lo += k
        if k < n:
            self.source.readinto(destination[k:])
            self.base += self.lo + (n - k)
            self.lo = self.hi = 0

    def skip(self, n: int) -> None:
        k = min(n, self.hi - self.lo)
        self.lo += k
        if k < n:
            self.base += self.lo + (n - k)
            self.lo = self.hi = 0
            self.source.skip(n - k, self.view)
