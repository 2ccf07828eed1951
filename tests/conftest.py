import pathlib

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

import sporax as ms
from sporax._runtime import seed_state

ROOT = pathlib.Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "mindspore-2.10"

# Examples are judged by what they assert, never by how long they took: on a loaded 2-core
# machine (CI, or both xdist workers busy) a draw can take a second without anything being wrong.
settings.register_profile("sporax", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("sporax")


def _defaults():
    import warnings
    from sporax._runtime import float_status
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ms.set_context(init_generator="mindspore", threefry_key="stream", mode=ms.PYNATIVE_MODE,
                       device_target="CPU", progress_bar=True)
    float_status.reset()


@pytest.fixture(autouse=True)
def _fresh_context():
    """Every test starts from the default context, an unset global seed and a disarmed float status."""
    _defaults()
    seed_state._global_seed = None
    yield
    _defaults()


@pytest.fixture(params=[ms.PYNATIVE_MODE, ms.GRAPH_MODE], ids=["pynative", "graph"])
def mode(request):
    """The test runs once in each execution mode (the value: the mode it runs in)."""
    previous = ms.get_context("mode")
    ms.set_context(mode=request.param)
    yield request.param
    ms.set_context(mode=previous)


@pytest.fixture
def fixtures_dir():
    return FIXTURES


@pytest.fixture(scope="session")
def init_vectors():
    return np.load(FIXTURES / "initializer_vectors.npz")
