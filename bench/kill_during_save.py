"""kill -9 during save_checkpoint at random moments: after each kill the checkpoint is the old
file or the new one, complete, and the next save leaves no temporary behind.

    python bench/kill_during_save.py [--trials 30] [--megabytes 64]

Each trial starts a process that saves two alternating versions of a dict of tensors to one
path, over and over; it is killed (SIGKILL) at a random moment; the file must then load
and equal one of the two versions; then a save from this process must remove the dead
process's temporaries.
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import sys, numpy as np
import sporax as ms
ms.set_context(progress_bar=False)
path, size = sys.argv[1], int(sys.argv[2])
versions = [{f"t{i}": ms.Tensor(np.full(size // 16 // 4, v + i, np.float32)) for i in range(16)} for v in (0, 100)]
ms.save_checkpoint(versions[0], path)
print("ready", flush=True)
n = 0
while True:
    n += 1
    ms.save_checkpoint(versions[n % 2], path)
"""


def trial(directory: Path, nbytes: int, rng: random.Random) -> dict:
    """One kill; returns what was found."""
    import numpy as np
    import sporax as ms

    path = directory / "net.ckpt"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(nbytes)], stdout=subprocess.PIPE,
                             cwd=str(ROOT), env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    try:
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 1.5))
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    leftovers = [n for n in os.listdir(directory) if n.endswith(".tmp")]
    loaded = ms.load_checkpoint(str(path))
    first = float(loaded["t0"].asnumpy()[0])
    assert first in (0.0, 100.0), first
    for i in range(16):
        np.testing.assert_array_equal(loaded[f"t{i}"].asnumpy(), np.full(nbytes // 64, first + i, np.float32))
    ms.save_checkpoint({"after": ms.Tensor(np.ones(1, np.float32))}, str(directory / "other.ckpt"))
    remaining = [n for n in os.listdir(directory) if n.endswith(".tmp")]
    assert remaining == [], remaining
    return {"version": int(first), "temporaries_left_by_kill": len(leftovers)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=30)
    parser.add_argument("--megabytes", type=int, default=64)
    args = parser.parse_args()
    rng = random.Random(0)
    results = []
    for i in range(args.trials):
        with tempfile.TemporaryDirectory() as directory:
            results.append(trial(Path(directory), args.megabytes << 20, rng))
        print(f"trial {i + 1}: {results[-1]}", flush=True)
    print(f"{len(results)} kills: every file complete (old {sum(r['version'] == 0 for r in results)}, new "
          f"{sum(r['version'] == 100 for r in results)}); temporaries left by kills "
          f"{sum(r['temporaries_left_by_kill'] for r in results)}, all removed by the next save")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
