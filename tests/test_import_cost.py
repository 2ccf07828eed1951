"""`import sporax` loads only what every program needs: the checkpoint formats' libraries,
SciPy and numba load on first use (a checkpoint, an initializer that needs them)."""
import json
import subprocess
import sys

import numpy as np

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


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return result.stdout.strip().splitlines()[-1]


def test_import_sporax_leaves_the_collector_as_it_found_it():
    probe = ("import gc, json, sys\n"
             "{setup}\n"
             "before = (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())\n"
             "import sporax\n"
             "print(json.dumps([before, (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())]))")
    for setup in ("pass", "gc.disable()", "gc.set_threshold(123, 4, 5)"):
        before, after = json.loads(_run(probe.format(setup=setup)))
        assert after == before, setup
    before, after = json.loads(_run(probe.format(setup="gc.freeze()")))
    # the user's frozen objects stay frozen (some die during the import: the count only shrinks)
    assert after[:2] == before[:2] and 0 < after[2] <= before[2]
    assert json.loads(_run(probe.format(setup="gc.disable()")))[1][0] is False


def test_import_sporax_runs_no_full_collection():
    """The collector is held off while the modules are built (sporax._runtime.import_gc): the
    import ran ~300 collections, two of them full, before."""
    probe = ("import gc, json\n"
             "generations = []\n"
             "gc.callbacks.append(lambda phase, info: phase == 'stop' and generations.append(info['generation']))\n"
             "import sporax\n"
             "print(json.dumps(generations))")
    generations = json.loads(_run(probe))
    assert 2 not in generations and len(generations) < 30, generations


def test_subpackages_load_on_first_use_at_mindspore_paths():
    probe = ("import json, sys\n"
             "import sporax as ms\n"
             "lazy = ['sporax.mint', 'sporax.numpy', 'sporax.experimental', 'sporax.dataset']\n"
             "loaded = [m in sys.modules for m in lazy]\n"
             "listed = [n in dir(ms) for n in ('mint', 'numpy', 'experimental', 'dataset')]\n"
             "values = [ms.numpy.arange(3).asnumpy().tolist(), ms.mint.zeros((2,)).asnumpy().tolist()]\n"
             "from sporax import mint\n"
             "from sporax.experimental.optim import Adam\n"
             "import sporax.numpy as mnp\n"
             "same = [mint is ms.mint, mnp is ms.numpy, Adam is ms.experimental.optim.Adam]\n"
             "try:\n"
             "    ms.no_such_name\n"
             "except AttributeError as error:\n"
             "    missing = str(error)\n"
             "print(json.dumps([loaded, listed, values, same, missing]))")
    loaded, listed, values, same, missing = json.loads(_run(probe))
    assert loaded == [False, False, False, False]
    assert listed == [True, True, True, True]
    assert values == [[0, 1, 2], [0.0, 0.0]]
    assert same == [True, True, True]
    assert missing == "module 'sporax' has no attribute 'no_such_name'"


def test_the_profiler_loads_on_first_use_under_its_top_level_names():
    probe = ("import json, sys\n"
             "import sporax as ms\n"
             "loaded = 'sporax.profiler' in sys.modules\n"
             "listed = ['Profiler' in dir(ms), 'profiler' in dir(ms)]\n"
             "from sporax import Profiler\n"
             "from sporax.profiler import ProfilerLevel\n"
             "same = [Profiler is ms.Profiler is ms.profiler.Profiler, ms.profiler is sys.modules['sporax.profiler']]\n"
             "print(json.dumps([loaded, listed, same, ProfilerLevel.Level1.value, Profiler.__module__]))")
    loaded, listed, same, level, module = json.loads(_run(probe))
    assert loaded is False
    assert listed == [True, True]
    assert same == [True, True]
    assert (level, module) == ("Level1", "sporax.profiler.profiler")


def test_import_sporax_defers_jax_scipy_special_and_multihost_utils():
    """Neither loads with `import sporax` unless `import jax` loads it itself (some JAX versions
    import multihost_utils): they come with the first op that needs them (an Erf, a
    multi-process gather), not with the import (~5 ms of it); Erf gives the same value through
    the deferred lookup."""
    probe = ("import json, sys\n"
             "names = ('jax.scipy.special', 'jax.experimental.multihost_utils')\n"
             "import jax\n"
             "by_jax = [m in sys.modules for m in names]\n"
             "import sporax as ms\n"
             "import numpy as np\n"
             "by_sporax = [m in sys.modules for m in names]\n"
             "value = ms.ops.Erf()(ms.Tensor(np.array([0.5], np.float32))).asnumpy().tolist()\n"
             "print(json.dumps([by_jax, by_sporax, 'jax.scipy.special' in sys.modules, value]))")
    by_jax, by_sporax, after, value = json.loads(_run(probe))
    assert by_sporax == by_jax
    assert by_jax[0] is False
    assert after is True
    assert value == [float(np.float32(0.5204998778130465))]
