"""`import sporax` loads only what every program needs: the checkpoint formats' libraries,
SciPy and numba load on first use (a checkpoint, an initializer that needs them)."""
import json
import subprocess
import sys

HEAVY = ("scipy", "google.protobuf", "cryptography", "safetensors", "numba", "tqdm", "isal")


def _loaded_after(code: str) -> dict:
    probe = f"{code}\nimport json, sys\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_import_sporax_loads_none_of_the_heavy_optional_libraries():
    assert _loaded_after("import sporax") == {m: False for m in HEAVY}


def test_the_libraries_load_when_first_needed(tmp_path):
    path = tmp_path / "w.ckpt"
    loaded = _loaded_after(
        "import sporax as ms\n"
        "from sporax.common import initializer as I\n"
        "p = ms.Parameter(I.initializer(I.TruncatedNormal(), (4,)), name='w')\n"
        f"ms.save_checkpoint([{{'name': 'w', 'data': p}}], {str(path)!r})\n")
    assert loaded["scipy"] and loaded["google.protobuf"]


def test_import_sporax_leaves_the_xla_backend_unstarted():
    """jax.distributed.initialize (sporax.communication.init) must come before any backend use:
    nothing `import sporax` runs may create an array."""
    probe = ("import sporax, sporax.numpy, sporax.mint, sporax.dataset\n"
             "from jax._src import xla_bridge\nprint(bool(xla_bridge._backends))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip().splitlines()[-1] == "False"
