import copy

import pytest

from sporax.dataset.core import config


@pytest.fixture(autouse=True)
def _fresh_dataset_config():
    """Every dataset test starts from MindSpore's defaults: no seed set, 2 workers, prefetch 16."""
    saved = copy.deepcopy(config._state)
    yield
    config._state.clear()
    config._state.update(saved)
