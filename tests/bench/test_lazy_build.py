"""bench/lazy_build.py's materialising row runs end to end on a tiny LLaMA-shaped network and
states the bound: peak RSS within RSS before + the network's bytes + one chunk per thread."""
import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "lazy_build.py"


def _run(*args):
    done = subprocess.run([sys.executable, str(SCRIPT), "--configs", "tiny", "--network", "tiny", "--peers", "sporax",
                           "--no-progress", *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def test_tiny_network_materialises_in_float16_within_its_bytes_plus_one_chunk():
    done = _run("--dtype", "float16")
    # dim 256, 2 layers, hidden 688, vocab 2048: embedding + head, 7 matrices and 2 norms per layer, final norm
    nbytes = 2 * (2 * 2048 * 256 + 2 * (4 * 256 * 256 + 3 * 688 * 256 + 2 * 256) + 256)
    lines = done.stdout.splitlines()
    header = next(line for line in lines if line.startswith("materialising tiny shapes"))
    assert f"2 decoder layers, float16: network {nbytes / 2**30:.2f} GiB ({nbytes / 1e9:.2f} GB)" in header
    assert re.search(r"chunk 1048576 elements, float32 temporaries 4 MiB per worker thread x \d+ = \d+ MiB", header)
    row = next(line for line in lines if line.startswith("sporax init_parameters_data"))
    assert row.split()[-1] == "within", row
    assert "the whole" not in done.stdout  # every layer fitted: no prefix
    assert done.stderr == ""  # --no-progress: no bar


def test_a_prefix_of_the_layers_is_said_when_asked_for():
    done = _run("--dtype", "float32", "--materialise-layers", "1")
    assert "the whole tiny network" in done.stdout and "the prefix with 1 of its 2 decoder layers" in done.stdout
    nbytes = 4 * (2 * 2048 * 256 + (4 * 256 * 256 + 3 * 688 * 256 + 2 * 256) + 256)
    assert f"1 decoder layers, float32: network {nbytes / 2**30:.2f} GiB" in done.stdout
