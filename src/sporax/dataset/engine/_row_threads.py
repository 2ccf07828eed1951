"""The rows of one batch prepared on a few threads of the thread that computes the batch.

A reading thread that builds a whole batch (a map whose operations end in batchable
transforms, then `batch`) spends much of each row in calls that release the GIL: reading the file
(`os.open`/`os.read`) and decoding it (libjpeg-turbo through simplejpeg). Splitting the
batch's rows into contiguous chunks, one per thread, lets those calls of one chunk run
while another chunk holds the GIL for its Python, the way MindSpore's reader threads feed
its map workers. Each row still draws from its own key (`_random` is per thread and keyed
by the row), and the chunks are joined in row order, so the batch does not depend on the
thread count.
"""
from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor, wait
from typing import Callable, Sequence, TypeVar

Chunk = TypeVar("Chunk")

# Below this many rows per chunk a thread costs more than it saves.
MIN_ROWS_PER_CHUNK = 8

_local = threading.local()


def _pool(threads: int) -> ThreadPoolExecutor:
    """The calling thread's pool of `threads` helpers: Grain's reading threads each build a
    batch and must not queue on one another's helpers. It lives with its thread (the
    helpers end when it is collected) and is not reused by a forked child."""
    pool = getattr(_local, "pool", None)
    if pool is None or _local.owner != (os.getpid(), threads):
        if pool is not None:
            pool.shutdown(wait=False)
        pool = _local.pool = ThreadPoolExecutor(threads, thread_name_prefix="sporax-dataset-rows")
        _local.owner = (os.getpid(), threads)
    return pool


def chunk_ranges(count: int, threads: int) -> list[range]:
    """`range(count)` cut into at most `threads` contiguous ranges of near-equal length, each of
    at least MIN_ROWS_PER_CHUNK rows (one range when the rows are too few to share)."""
    chunks = max(1, min(threads, count // MIN_ROWS_PER_CHUNK))
    bounds = [count * k // chunks for k in range(chunks + 1)]
    return [range(bounds[k], bounds[k + 1]) for k in range(chunks)]


def map_chunks(work: Callable[[range], Chunk], count: int, threads: int) -> Sequence[Chunk]:
    """`[work(r) for r in chunk_ranges(count, threads)]`, the first chunk on the calling thread
    and the others on pool threads. `work` reports its failures in what it returns: an
    exception it lets out is raised here after every chunk has finished."""
    ranges = chunk_ranges(count, threads)
    if len(ranges) == 1:
        return [work(ranges[0])]
    pool = _pool(threads - 1)
    futures = [pool.submit(work, part) for part in ranges[1:]]
    try:
        first = work(ranges[0])
    finally:
        wait(futures)
    return [first] + [future.result() for future in futures]
