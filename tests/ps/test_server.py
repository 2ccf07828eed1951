"""The ParameterServer's step (a plain object here; a Ray actor in a job): registration,
the synchronous mean of the workers' gradients, leaving, and replaced values."""
import threading

import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, Tensor, nn
from sporax._ps.recipe import Recipe
from sporax._ps.server import ParameterServer


def _worker_side():
    w = Parameter(Tensor(np.float32([[1.0, 2.0], [3.0, 4.0]])), name="w")
    b = Parameter(Tensor(np.float32([0.5, -0.5])), name="b")
    opt = nn.Momentum([w, b], learning_rate=0.1, momentum=0.9)
    return w, b, opt


def _registered(worker_num):
    w, b, opt = _worker_side()
    server = ParameterServer(0, worker_num)
    specs = {p.name: (p.shape, str(p.dtype), p.asnumpy()) for p in (w, b)}
    server.register(0, 0, specs, Recipe(opt, key=lambda p: p.name))
    return server, w, b, opt


def test_one_worker_step_is_the_local_optimizer_step_bit_for_bit():
    server, w, b, opt = _registered(1)
    grads = (np.float32([[0.1, -0.2], [0.3, 0.4]]), np.float32([1.0, 2.0]))
    for step in range(3):
        values = server.push_pull(0, 0, step, {"w": grads[0], "b": grads[1]})
        opt((Tensor(grads[0]), Tensor(grads[1])))
    np.testing.assert_array_equal(values["w"], w.asnumpy())
    np.testing.assert_array_equal(values["b"], b.asnumpy())


def test_two_workers_wait_for_each_other_and_get_the_mean_applied():
    server, w, b, opt = _registered(2)
    g0 = {"w": np.float32([[1, 1], [1, 1]]), "b": np.float32([0, 2])}
    g1 = {"w": np.float32([[3, 3], [3, 3]]), "b": np.float32([2, 0])}
    out = {}
    thread = threading.Thread(target=lambda: out.setdefault(1, server.push_pull(0, 1, 0, g1)))
    thread.start()
    out[0] = server.push_pull(0, 0, 0, g0)
    thread.join(10)
    opt((Tensor(np.float32([[2, 2], [2, 2]])), Tensor(np.float32([1, 1]))))
    for rank in (0, 1):
        np.testing.assert_array_equal(out[rank]["w"], w.asnumpy())
        np.testing.assert_array_equal(out[rank]["b"], b.asnumpy())


def test_a_worker_that_leaves_is_not_waited_for():
    server, w, b, opt = _registered(2)
    server.leave(1)
    values = server.push_pull(0, 0, 0, {"w": np.ones((2, 2), np.float32), "b": np.ones(2, np.float32)})
    opt((Tensor(np.ones((2, 2), np.float32)), Tensor(np.ones(2, np.float32))))
    np.testing.assert_array_equal(values["w"], w.asnumpy())


def test_replaced_values_are_taken_and_the_state_kept():
    server, *_ = _registered(1)
    server.set_values(0, {"b": np.float32([7, 8])})
    np.testing.assert_array_equal(server.pull(0)["b"], [7, 8])


def test_a_step_out_of_order_and_a_different_registration_are_errors():
    server, w, b, opt = _registered(1)
    with pytest.raises(RuntimeError, match="worker 0 pushed step 3 of group 0, but the server is at step 0"):
        server.push_pull(0, 0, 3, {"w": np.ones((2, 2), np.float32), "b": np.ones(2, np.float32)})
    other = {"w": ((3, 2), "Float32", None)}
    with pytest.raises(ValueError, match="worker 1 registered optimizer group 0"):
        server.register(0, 1, other, None)


def test_init_in_server_runs_the_initializer_on_the_server_with_the_workers_draw():
    ms.set_seed(3)
    table = nn.Embedding(20, 4)
    expected = table.embedding_table.clone().asnumpy()  # the same draw, materialised here
    from sporax._ps.worker import _lazy_payload
    opt = nn.Adam(table.trainable_params())
    server = ParameterServer(0, 1)
    param = table.embedding_table
    server.register(0, 0, {param.name: (param.shape, str(param.dtype), _lazy_payload(param))},
                    Recipe(opt, key=lambda p: p.name))
    assert param.has_init  # the worker's stays lazy
    np.testing.assert_array_equal(server.pull(0)[param.name], expected)
