"""Contract 1: a Parameter from an Initializer costs no data memory until its value is needed."""
import gc

import numpy as np
import psutil

import sporax as ms
from sporax import Parameter
from sporax.common.initializer import Normal, initializer


def rss() -> int:
    gc.collect()
    return psutil.Process().memory_info().rss


def test_four_32768_square_parameters_add_under_200_mb(monkeypatch):
    ms.set_seed(1)
    Parameter(initializer(Normal(), (4, 4)), name="warm").init_data()  # load kernels before measuring
    before = rss()
    params = [Parameter(initializer(Normal(), (32768, 32768), ms.float32), name=f"w{i}") for i in range(4)]
    grown = rss() - before
    assert sum(p.nbytes for p in params) == 16 * 2**30
    assert all(p.has_init for p in params)
    assert grown < 200 * 2**20, f"{grown / 2**20:.1f} MiB"
    # init_data then produces the values: here this rank's 1/1024 row block of the last one.
    monkeypatch.setenv("RANK_ID", "1023")
    last = params[-1].init_data(layout=[[1024], [0, -1]])
    assert last.shape == (32, 32768) and not last.has_init
    ms.set_seed(1)
    Parameter(initializer(Normal(), (4, 4)), name="warm")
    reference = [Parameter(initializer(Normal(), (32768, 32768)), name=f"w{i}") for i in range(4)][-1]
    tail = np.asarray(reference._data.materialize("w3", (slice(32736, 32768), slice(None))))
    np.testing.assert_array_equal(last.asnumpy(), tail)
    assert abs(float(last.asnumpy().std()) - 0.01) < 1e-4
