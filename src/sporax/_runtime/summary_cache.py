"""Values the summary operators (`ops.ScalarSummary`, ...) recorded since the last
`SummaryRecord.record`: a list of (tag, plugin, NumPy value) in the order they ran.
Kept only while a SummaryRecord is open (else nothing would ever take them)."""
from __future__ import annotations

import threading

from . import call_replay

_lock = threading.Lock()
_pending: list = []
_open_records = 0


def put(tag: str, plugin: str, value) -> None:
    call_replay.refuse("records a summary")
    with _lock:
        if _open_records:
            _pending.append((tag, plugin, value))


def take() -> list:
    """Everything recorded so far, removed from the cache."""
    global _pending
    with _lock:
        taken, _pending = _pending, []
    return taken


def record_opened() -> None:
    global _open_records
    with _lock:
        _open_records += 1


def record_closed() -> None:
    global _open_records, _pending
    with _lock:
        _open_records -= 1
        if not _open_records:
            _pending = []
