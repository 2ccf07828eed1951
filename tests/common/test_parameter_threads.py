"""Parameters under threads: a lazy value is materialised once, and a value stored while a
materialisation runs (set_data, a checkpoint load) is the one that stays."""
import threading
import time

import numpy as np

from sporax import Parameter, Tensor, load_param_into_net, nn
from sporax.common.initializer import Initializer, initializer


class SlowCountingInit(Initializer):
    """Fills with 7 after a pause wide enough for every racing thread to arrive."""

    def __init__(self, pause=0.05):
        super().__init__()
        self.calls = 0
        self.started = threading.Event()
        self.pause = pause

    def _initialize(self, arr):
        self.calls += 1
        self.started.set()
        time.sleep(self.pause)
        arr[...] = 7


def _run_together(targets):
    threads = [threading.Thread(target=t) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads)


def test_eight_threads_initialising_one_parameter_materialise_it_once():
    init = SlowCountingInit()
    param = Parameter(initializer(init, [64, 64]), name="w")
    drawn = init.calls  # a custom Initializer runs once when it draws (as in MindSpore), then lazily
    results = []
    _run_together([lambda: results.append(param.init_data().asnumpy()) for _ in range(8)])
    assert init.calls == drawn + 1
    assert len(results) == 8 and all((r == 7).all() for r in results)


def test_eight_threads_reading_one_lazy_tensor_materialise_it_once():
    init = SlowCountingInit()
    tensor = initializer(init, [16, 16])
    _run_together([lambda: tensor.asnumpy() for _ in range(8)])
    assert init.calls == 2  # its draw and the materialisation, once each


def test_set_data_during_a_materialisation_wins_every_trial():
    for trial in range(10):
        init = SlowCountingInit(pause=0.02)
        param = Parameter(initializer(init, [8, 8]), name="w")
        init.started.clear()  # set by the draw at construction
        loaded = np.full((8, 8), float(trial + 100), np.float32)

        def load():
            init.started.wait(timeout=10)  # the materialisation is under way
            param.set_data(Tensor(loaded))

        _run_together([param.init_data, load])
        np.testing.assert_array_equal(param.asnumpy(), loaded)


def test_checkpoint_load_during_init_data_wins_every_trial():
    for trial in range(5):
        init = SlowCountingInit(pause=0.02)
        net = nn.Dense(4, 3, weight_init=initializer(init, [3, 4]), bias_init="zeros")
        init.started.clear()
        loaded = {"weight": Parameter(Tensor(np.full((3, 4), trial + 1.5, np.float32)), name="weight"),
                  "bias": Parameter(Tensor(np.ones(3, np.float32)), name="bias")}

        def load():
            init.started.wait(timeout=10)
            load_param_into_net(net, loaded)

        _run_together([net.weight.init_data, load])
        np.testing.assert_array_equal(net.weight.asnumpy(), np.full((3, 4), trial + 1.5, np.float32))
        np.testing.assert_array_equal(net.bias.asnumpy(), np.ones(3, np.float32))
