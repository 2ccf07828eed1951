import os
import pathlib

import numpy as np
import pytest

import sporax as ms
from sporax.common import seed as seed_module

ROOT = pathlib.Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "mindspore-2.10"


@pytest.fixture(autouse=True)
def _fresh_context():
    """Every test starts from the default generator and an unset global seed."""
    ms.set_context(init_generator="mindspore", threefry_key="stream")
    seed_module._GLOBAL_SEED = None
    yield
    ms.set_context(init_generator="mindspore", threefry_key="stream")


@pytest.fixture
def fixtures_dir():
    return FIXTURES


@pytest.fixture(scope="session")
def init_vectors():
    return np.load(FIXTURES / "initializer_vectors.npz")
