"""bench/gpu_materialise.py, the prepared accelerator script, runs end to end in its small
configuration on the CPU (no accelerator is needed to keep it working)."""
import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "gpu_materialise.py"


def test_small_configuration_reports_every_generator_against_copy_bandwidth():
    done = subprocess.run([sys.executable, str(SCRIPT), "--small"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    # dim 256, 2 layers, hidden 688, vocab 2048: embedding + head, 7 matrices and 2 norms per layer, final norm
    nbytes = 4 * (2 * 2048 * 256 + 2 * (4 * 256 * 256 + 3 * 688 * 256 + 2 * 256) + 256)
    assert re.search(rf"small shapes, 2 layers, {nbytes / 2**20:.1f} MiB float32 on .* \(cpu\); "
                     r"device copy bandwidth [0-9.]+ GB/s", lines[0]), lines[0]
    rows = {line.split()[0]: line.split() for line in lines[2:]}
    assert sorted(rows) == ["mindspore", "threefry"]
    for row in rows.values():
        seconds, rate, of_copy = (float(v) for v in row[1:4])
        assert seconds > 0 and rate > 0 and of_copy > 0
        assert row[4:6] == ["host", "RSS"]
