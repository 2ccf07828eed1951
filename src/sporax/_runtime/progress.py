"""Progress bars for long work (materialising, saving, loading), off with
`sporax.set_context(progress_bar=False)`. Work under `MIN_BYTES` shows nothing; off a
terminal tqdm prints plain lines, at most one every few seconds."""
from __future__ import annotations

import contextlib
import sys

from .. import context

MIN_BYTES = 64 * 2**20


class _Silent:
    def update(self, n=1):
        pass


@contextlib.contextmanager
def bar(total: int, description: str, unit: str = "B"):
    if not context.get_context("progress_bar") or (unit == "B" and total < MIN_BYTES):
        yield _Silent()
        return
    from tqdm import tqdm  # loaded with the first long job, not with sporax

    interactive = sys.stderr.isatty()
    with tqdm(total=total, desc=description, unit=unit, unit_scale=True, unit_divisor=1024 if unit == "B" else 1000,
              mininterval=0.1 if interactive else 5.0, dynamic_ncols=interactive, file=sys.stderr) as progress:
        yield progress


class FilePosition:
    """Shows a reader's offset in a file on `bar` as the bytes gone past: call it with each new
    offset (reads go front to back; bytes skipped count as gone past)."""

    __slots__ = ("bar", "offset")

    def __init__(self, bar):
        self.bar, self.offset = bar, 0

    def __call__(self, offset: int) -> None:
        if offset > self.offset:
            self.bar.update(offset - self.offset)
            self.offset = offset
