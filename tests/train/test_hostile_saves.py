"""Saves under attack and accident: planted links, leftovers of killed saves, disk full,
kill -9 mid-save. The destination is always the old file or the new one, complete."""
import fcntl
import os
import random
import resource
import signal
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import sporax as ms
from sporax import Tensor
from sporax.train._ckpt import atomic_file
from tests.train.caps import capped

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import kill_during_save  # noqa: E402

VALUES = {"w": Tensor(np.arange(1000, dtype=np.float32))}


def stale_name(directory, seed):
    return directory / f".net.ckpt.sporax-{seed:016x}.tmp"


def test_a_link_planted_at_a_temporary_name_is_never_followed(tmp_path, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    os.chmod(victim, 0o644)
    planted = stale_name(tmp_path, 1)
    os.symlink(victim, planted)
    future = time.time() + 3600  # newer than the save: its cleanup leaves it, so creation meets it
    os.utime(planted, (future, future), follow_symlinks=False)
    names = iter(["0000000000000001", "0000000000000002"])
    monkeypatch.setattr(atomic_file.secrets, "token_hex", lambda n: next(names))
    ms.save_checkpoint(VALUES, str(tmp_path / "net.ckpt"))
    assert victim.read_text() == "precious" and oct(victim.stat().st_mode & 0o777) == "0o644"
    assert os.path.islink(planted)
    np.testing.assert_array_equal(ms.load_checkpoint(str(tmp_path / "net.ckpt"))["w"].asnumpy(), np.arange(1000))


def test_stale_temporaries_are_removed_and_live_ones_kept(tmp_path):
    stale = [stale_name(tmp_path, i) for i in range(3)]
    for path in stale:
        path.write_bytes(b"x" * 100)
    link = stale_name(tmp_path, 7)
    os.symlink(tmp_path / "nowhere", link)
    live = stale_name(tmp_path, 9)
    live.write_bytes(b"being written")
    holder = os.open(live, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    unrelated = tmp_path / ".net.ckpt.other.tmp"
    unrelated.write_bytes(b"not ours")
    try:
        time.sleep(0.05)
        ms.save_checkpoint(VALUES, str(tmp_path / "net.ckpt"))
        assert sorted(os.listdir(tmp_path)) == sorted(["net.ckpt", live.name, unrelated.name])
    finally:
        os.close(holder)
    ms.save_checkpoint(VALUES, str(tmp_path / "net.ckpt"))  # the lock is gone: now it is stale
    assert sorted(os.listdir(tmp_path)) == sorted(["net.ckpt", unrelated.name])


def test_temporaries_are_unpredictable_exclusive_and_private(tmp_path, monkeypatch):
    opened = []
    original = os.open
    monkeypatch.setattr(atomic_file.os, "open", lambda p, flags, *a: opened.append((p, flags, a)) or original(p, flags, *a))
    ms.save_checkpoint(VALUES, str(tmp_path / "a.ckpt"))
    ms.save_checkpoint(VALUES, str(tmp_path / "a.ckpt"))
    temporaries = [(p, f, a) for p, f, a in opened if str(p).endswith(".tmp")]
    assert len({p for p, _, _ in temporaries}) == 2
    for path, flags, mode in temporaries:
        assert flags & os.O_CREAT and flags & os.O_EXCL and flags & os.O_NOFOLLOW and mode == (0o600,)
        assert os.path.dirname(path) == str(tmp_path)


@pytest.mark.parametrize("fmt", ["ckpt", "safetensors"])
def test_disk_full_is_an_os_error_and_leaves_the_old_file(tmp_path, fmt):
    path = tmp_path / f"net.{fmt}"
    ms.save_checkpoint(VALUES, str(path), format=fmt)
    before = path.read_bytes()
    big = {"w": Tensor(np.ones(1 << 20, np.float32))}
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, hard))
    try:
        with pytest.raises(OSError):
            ms.save_checkpoint(big, str(path), format=fmt)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert path.read_bytes() == before and os.listdir(tmp_path) == [path.name]


def test_repeated_names_are_refused_at_save(tmp_path):
    with pytest.raises(ValueError, match="'w' appears more than once"):
        ms.save_checkpoint([{"name": "w", "data": Tensor(np.ones(1))}, {"name": "w", "data": Tensor(np.ones(2))}],
                           str(tmp_path / "d.ckpt"))
    assert os.listdir(tmp_path) == []


def test_kill_9_during_save_leaves_old_or_new_and_no_temporary_after_the_next_save(tmp_path):
    # two kills here; bench/kill_during_save.py runs 30
    rng = random.Random(1)
    with capped(seconds=180, extra_bytes=4 << 30):
        run_trials(tmp_path, rng)


def run_trials(tmp_path, rng):
    for i in range(2):
        directory = tmp_path / str(i)
        directory.mkdir()
        result = kill_during_save.trial(directory, 8 << 20, rng)
        assert result["version"] in (0, 100)
